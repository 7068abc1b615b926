"""The rule-based baseline of the message typology (transparent, from the codebook).

Each government message gets a subset of the report's six types (docs/typology.md):
``neutral``, ``personal``, ``call``, ``nuancing``, ``webcare``, ``humour``; the empty
set means *none*. The rules, in the order they are applied:

* **none** — nothing to classify: no text, or fewer than two words once URLs,
  @mentions, #hashtags and emoji are removed (a bare link, ``@jan 👍``).
* **webcare** — a strong answering/referring marker (*bedankt voor je melding*,
  *stuur ons een DM*, a ``^AB`` signature, *14 0570*), or a message that opens as a
  reply (leading @mention, or *Hoi/Beste X,*) and either carries an answer marker
  (*je kunt*, *kijk op*, *klopt*, *neem contact op*, *helaas*, *is weer open*) or has
  four or more words of content (a short thanks or compliment is not an answer), or
  opens with a name and comma (*Marieke, …*, Facebook's reply style) and carries an
  answer marker. Imperatives inside a webcare answer are instructions, not calls.
* **call** — a call-to-action or community-building marker (*doe mee*, *meld je
  aan*, *help ons*, *wij zoeken*, *let op*, *bekijk*, *bedankt allemaal*) or a
  sentence (or clause before a colon) that opens with an imperative verb (*Kom…*,
  *Deel…*, *Stem…*) and is not a question; link teasers (*Lees meer*, *Kijk op*)
  and *Houd rekening met* do not count.
* **nuancing** — a correcting or nuancing marker (*klopt niet*, *onjuist*,
  *gerucht*, *ter verduidelijking*, *het beeld dat*, *wij begrijpen de zorgen*,
  *echter*).
* **humour** — laughter (*haha*), jokes (*grapje*, *knipoog*), wink/tongue
  emoticons (``;)`` ``:P``) or laughing emoji (😂 😉 🙈).
* **personal** — first person singular (*ik, mijn, me*) outside a webcare answer
  and outside quoted speech, or everyday feelings and diary-style openings (*Ben
  vandaag…*, *Net terug…*, *eerste dag*, *nachtdienst*) (*zin in*, *lekker*, *rustige nacht*) without the
  organisation's own voice (*wij, de gemeente*).
* **neutral** — informing in an impersonal tone: a message with content that none
  of the other types fits. Neutral is exclusive by definition of the codebook.
"""

from __future__ import annotations

import re

from civicnet.text._patterns import EMOJI, HASHTAG, LAUGH_EMOJI, MENTION, RT_PREFIX, URL, VIA
from civicnet.text.questions import is_question
from civicnet.text.typology import lexicon as lx

TYPES: tuple[str, ...] = ("neutral", "personal", "call", "nuancing", "webcare", "humour")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_GREETING = re.compile(r"^\s*(?:hoi|hallo|hey|beste|dag|hi|hello|dear)\s+@?\w+(?:\s+\w+)?\s*,", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?:\n]+[.!?:\n]*")
_LEAD = re.compile(r"^[\s\"'“”‘’(\[\-–—:*•>]+")
_TEASER = re.compile(
    r"^\s*(?:(?:lees|kijk|check)\s+(?:meer|hier|op|verder|de\s+website)|ga\s+naar\s+(?:de\s+website|onze\s+website|www|http)"
    r"|hou(?:d)?\s+rekening\s+met)\b",
    re.IGNORECASE,
)
_NAMED_REPLY = re.compile(r"^\s*(?!(?:Nee|Ja|Zo|Oké|Ok|Helaas|Goed|Dus|Tja|Nou|Klopt|Yes|No|Well|So)\b)[A-Z][a-z]+,\s")
_QUOTED = re.compile(r"(?<!\w)'[^']{3,}'(?!\w)|‘[^’]{3,}’|(?<!\w)\"[^\"]{3,}\"(?!\w)|“[^”]{3,}”")


def _langs(language: str | None) -> tuple[str, ...]:
    code = (language or "").lower()[:2]
    return (code,) if code in ("nl", "en") else ("nl", "en")


def _any(table: dict, langs: tuple[str, ...], text: str) -> bool:
    """Does a marker list of the lexicon match ``text`` (any case) in one of ``langs``?"""
    folded = lx.fold(text)
    return any(table[lang].search(folded) for lang in langs)


def content_words(text: str) -> list[str]:
    bare = HASHTAG.sub(" ", MENTION.sub(" ", URL.sub(" ", text)))
    return _WORD.findall(EMOJI.sub(" ", bare))


def opens_as_reply(text: str) -> bool:
    """True when a message opens with an @mention (not ``RT @x:``) or a greeting to someone."""
    stripped = text.lstrip()
    if RT_PREFIX.match(stripped):
        return False
    return bool(MENTION.match(stripped) or _GREETING.match(stripped))


def imperative_opening(body: str, langs: tuple[str, ...]) -> bool:
    """A sentence opens with an imperative verb and is not a question.

    The question test, the costly one, runs last: only on sentences that open with an
    imperative."""
    for match in _SENTENCE.finditer(body):
        sentence = _LEAD.sub("", MENTION.sub("", match.group(0)))
        words = _WORD.findall(sentence[:60])
        if not words:
            continue
        first = words[0].lower()
        if not any(first in lx.IMPERATIVES[lang] for lang in langs):
            continue
        if _TEASER.match(sentence) or (first in lx.WEAK_IMPERATIVES and len(words) < 3):
            continue
        if sentence.rstrip().endswith("?") or is_question(sentence, langs[0] if len(langs) == 1 else None):
            continue
        return True
    return False


def _webcare(text: str, body: str, langs: tuple[str, ...]) -> bool:
    """Strong markers anywhere; or a reply that answers (an answer marker, or four or
    more words of content: a government reply to someone is an answer unless it is a
    short thanks or compliment)."""
    if _any(lx.WEBCARE_STRONG, langs, body):
        return True
    after = MENTION.sub(" ", body).strip()
    if opens_as_reply(text):
        return _any(lx.WEBCARE_REPLY, langs, after) or len(content_words(after)) >= 4
    return bool(_NAMED_REPLY.match(text)) and _any(lx.WEBCARE_REPLY, langs, after)


def _personal(body: str, langs: tuple[str, ...], webcare: bool, raw: str) -> bool:
    own = _QUOTED.sub(" ", body)  # "ik" inside quoted speech is someone else's
    if not webcare and any(lx.FIRST_SINGULAR[lang].search(own) for lang in langs):
        return True
    if _any(lx.FEELING, langs, body):
        return not any(lx.ORG_VOICE[lang].search(body) for lang in langs)
    return False


def classify_rules(text: str | None, language: str | None = None) -> frozenset[str]:
    """Classify one message with the codebook's rules.

    Parameters
    ----------
    text : str or None
        The message text.
    language : str or None
        ``"nl"``, ``"en"`` or None (both marker lists).

    Returns
    -------
    frozenset of str
        A subset of :data:`TYPES`; empty means *none*.
    """
    if not text or len(content_words(text)) < 2:
        return frozenset()
    langs = _langs(language)
    raw = VIA.sub(" ", RT_PREFIX.sub("", text))
    no_urls = URL.sub(" ", raw)
    body = no_urls.lower()
    found: set[str] = set()
    webcare = _webcare(text, body, langs)
    if webcare:
        found.add("webcare")
    # In a webcare answer an imperative is an instruction ("Stuur ons een DM"), not a call.
    if _any(lx.CALL, langs, body) or (not webcare and imperative_opening(no_urls, langs)):
        found.add("call")
    if _any(lx.NUANCING, langs, body):
        found.add("nuancing")
    if _any(lx.HUMOUR, langs, body) or lx.WINK.search(raw) or LAUGH_EMOJI.search(raw):
        found.add("humour")
    if _personal(no_urls, langs, webcare, raw):
        found.add("personal")
    if not found:
        found.add("neutral")
    return frozenset(found)
