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
#: The characters a quotation of :data:`_QUOTED` opens with.
_QUOTES = ("'", "‘", '"', "“")


def _langs(language: str | None) -> tuple[str, ...]:
    code = (language or "").lower()[:2]
    return (code,) if code in ("nl", "en") else ("nl", "en")


def _first(table: dict, langs: tuple[str, ...], text: str) -> str | None:
    """The first marker of a lexicon list that matches ``text`` (any case) in one of ``langs``, or None."""
    folded = lx.fold(text)
    for lang in langs:
        m = table[lang].search(folded)
        if m:
            return m.group(0).strip() or m.group(0)
    return None


def _any(table: dict, langs: tuple[str, ...], text: str) -> bool:
    """Does a marker list of the lexicon match ``text`` (any case) in one of ``langs``?"""
    return _first(table, langs, text) is not None


def content_words(text: str) -> list[str]:
    return _words_of(URL.sub(" ", text))


def _words_of(no_urls: str) -> list[str]:
    """:func:`content_words` of a text whose URLs are replaced already. Each pattern runs only where
    the character it needs is in the text (an @, a #, a character beyond ASCII): the same words."""
    if "@" in no_urls:
        no_urls = MENTION.sub(" ", no_urls)
    if "#" in no_urls:
        no_urls = HASHTAG.sub(" ", no_urls)
    if not no_urls.isascii():
        no_urls = EMOJI.sub(" ", no_urls)
    return _WORD.findall(no_urls)


def opens_as_reply(text: str) -> bool:
    """True when a message opens with an @mention (not ``RT @x:``) or a greeting to someone."""
    stripped = text.lstrip()
    if RT_PREFIX.match(stripped):
        return False
    return bool(MENTION.match(stripped) or _GREETING.match(stripped))


def imperative_verb(body: str, langs: tuple[str, ...]) -> str | None:
    """The imperative verb that opens a sentence that is not a question, or None.

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
        return words[0]
    return None


def imperative_opening(body: str, langs: tuple[str, ...]) -> bool:
    """A sentence opens with an imperative verb and is not a question (:func:`imperative_verb`)."""
    return imperative_verb(body, langs) is not None


#: The markers :func:`analyse` reports, in order (the model's rule features use these names).
MARKERS: tuple[str, ...] = (
    "webcare_strong", "reply_opening", "named_reply", "answer", "call", "imperative", "nuancing", "humour",
    "first_person", "feeling", "organisation_voice", "question",
)


def _webcare(text: str, body: str, langs: tuple[str, ...], found: dict) -> bool:
    """Strong markers anywhere; or a reply that answers (an answer marker, or four or
    more words of content: a government reply to someone is an answer unless it is a
    short thanks or compliment)."""
    after = (MENTION.sub(" ", body) if "@" in body else body).strip()
    found["webcare_strong"] = _first(lx.WEBCARE_STRONG, langs, body)
    found["answer"] = _first(lx.WEBCARE_REPLY, langs, after)
    if opens_as_reply(text):
        found["reply_opening"] = text.lstrip()[:20].split()[0]
    named = _NAMED_REPLY.match(text)
    if named:
        found["named_reply"] = named.group(0).strip()
    if found["webcare_strong"]:
        return True
    if found.get("reply_opening"):
        return bool(found["answer"]) or len(content_words(after)) >= 4
    return bool(named) and bool(found["answer"])


def _personal(body: str, langs: tuple[str, ...], webcare: bool, found: dict) -> bool:
    # "ik" inside quoted speech is someone else's
    own = _QUOTED.sub(" ", body) if any(q in body for q in _QUOTES) else body
    for lang in langs:
        m = lx.FIRST_SINGULAR[lang].search(own)
        if m:
            found["first_person"] = m.group(0)
            break
    for lang in langs:
        m = lx.ORG_VOICE[lang].search(body)
        if m:
            found["organisation_voice"] = m.group(0)
            break
    found["feeling"] = _first(lx.FEELING, langs, body)
    if not webcare and found.get("first_person"):
        return True
    if found["feeling"]:
        return not found.get("organisation_voice")
    return False


def analyse(text: str | None, language: str | None = None) -> tuple[frozenset[str], dict[str, str]]:
    """The rules' types of one message and the markers that fired (``marker → matched text``).

    The markers explain a decision ("why this type") and are the rule features of the
    trained model (:data:`MARKERS`). A message without content has no types and no markers.
    """
    types, found, _ = analyse_counted(text, language)
    return types, found


def analyse_counted(text: str | None, language: str | None = None) -> tuple[frozenset[str], dict[str, str], int]:
    """:func:`analyse` and the message's number of content words (``len(content_words(text))``, 0
    without text): the model's rule features and its decision rules need both, counted once."""
    if not text:
        return frozenset(), {}, 0
    text_no_urls = URL.sub(" ", text)
    words = len(_words_of(text_no_urls))
    if words < 2:
        return frozenset(), {}, words
    langs = _langs(language)
    if "@" in text:  # RT_PREFIX and VIA need an @; without one the text is as it was, its URLs replaced already
        raw = VIA.sub(" ", RT_PREFIX.sub("", text))
        no_urls = URL.sub(" ", raw)
    else:
        raw, no_urls = text, text_no_urls
    body = no_urls.lower()
    found: dict[str, str | None] = {}
    types: set[str] = set()
    webcare = _webcare(text, body, langs, found)
    if webcare:
        types.add("webcare")
    found["call"] = _first(lx.CALL, langs, body)
    # In a webcare answer an imperative is an instruction ("Stuur ons een DM"), not a call.
    if not found["call"] and not webcare:
        found["imperative"] = imperative_verb(no_urls, langs)
    if found["call"] or found.get("imperative"):
        types.add("call")
    found["nuancing"] = _first(lx.NUANCING, langs, body)
    if found["nuancing"]:
        types.add("nuancing")
    humour = _first(lx.HUMOUR, langs, body) or lx.WINK.search(raw) or LAUGH_EMOJI.search(raw)
    found["humour"] = humour.group(0) if isinstance(humour, re.Match) else humour
    if found["humour"]:
        types.add("humour")
    if _personal(no_urls, langs, webcare, found):
        types.add("personal")
    if not types:
        types.add("neutral")
    if "?" in no_urls and is_question(no_urls, langs[0] if len(langs) == 1 else None):
        found["question"] = "?"
    return frozenset(types), {k: v for k, v in found.items() if v}, words


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
    return analyse(text, language)[0]
