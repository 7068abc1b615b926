"""Is a message asking something? (interrogative detection, Dutch and English)

Used to find the *questions* of CONTRACT.md: a citizen's message to a government
account that asks something. A message asks something when

1. it has a question mark outside any URL (``?`` in ``https://x.nl/a?b=1`` does not
   count; full-width ``？`` and ``¿`` do), or
2. one of its sentences opens interrogatively, after leading @mentions, ``RT @x:``,
   quotes and emoji are stripped:

   * a question word: Dutch *wie, wat, waar, wanneer, waarom, hoe, welke, hoeveel,
     hoezo…*; English *who, what, where, when, why, how, which…* — except exclamations
     (*Wat een mooie dag!*, *What a day*, a sentence ending in ``!``) and fronted
     subordinate clauses (*Wanneer het vriest, strooien wij.* — a comma and no
     question mark);
   * an announced indirect question: *Ik vraag me af of…*, *Vraagje:*, *I wonder…*;
   * a finite verb first followed by its subject (Dutch and English questions invert
     verb and subject): *Kan ik…*, *Mag je…*, *Is de weg…*, *Zijn er…*, *Heeft
     iemand…*, *Weet u…*; *Can I…*, *Is the road…*, *Do you…*. Requiring the subject
     keeps statements that happen to start with such a word out: *Zijn auto is
     gestolen* (his car), *Kan niet wachten!*, *Doe mee*, *Will Smith*, *Have a nice
     day*.

``language`` is ``"nl"``, ``"en"`` or None (both lists are tried). The method is a
rule set, transparent on purpose; ``tests/text/test_questions.py`` lists the cases it
is held to.
"""

from __future__ import annotations

import re

from civicnet.text._patterns import EMOJI, MENTION, RT_PREFIX, URL

_QMARK = re.compile(r"[?？¿]")
_SENTENCE = re.compile(r"[^.!?？¿;\n]+[.!?？¿;\n]*")
_LEAD_NOISE = re.compile(r"^(?:[\s\"'“”‘’«»(\[\-–—:,*•>]|RT\b|MT\b)+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

_WH = {
    "nl": frozenset(
        "wie wat waar wanneer waarom hoe welke welk hoeveel hoezo waarmee waarover "
        "waarvoor waardoor waarop waaraan waarin waarheen vanwaar wiens hoelang".split()
    ),
    "en": frozenset(
        "who whom whose what where when why how which what's whats where's who's "
        "how's why's when's".split()
    ),
}

# Finite verbs that open a yes/no question when their subject follows.
_VERBS = {
    "nl": frozenset(
        "kan kun kunt kunnen mag mogen moet moeten is zijn ben bent was waren "
        "heeft heb hebt hebben had hadden weet weten wil wilt willen zal zult zullen "
        "zou zouden gaat gaan ga komt komen kom doet doen doe klopt kloppen werkt "
        "wordt worden krijg krijgt krijgen vind vindt vinden geldt gelden staat staan "
        "blijft blijven hoort hoor ziet zie zien durf durft snap snapt begrijp begrijpt "
        "moest mocht kon konden wist".split()
    ),
    "en": frozenset(
        "can could is are was were do does did will would should shall may might "
        "must has have had am isn't aren't wasn't weren't don't doesn't didn't "
        "won't wouldn't shouldn't couldn't haven't hasn't can't".split()
    ),
}

_SUBJECTS = {
    "nl": frozenset(
        "ik je jij u we wij jullie hij zij ze het er iemand men die dit dat de een "
        "mijn onze ons uw jouw deze hun haar iedereen alle alles niemand dat daar hier "
        "zoiets meer".split()
    ),
    "en": frozenset(
        "i you we they he she it there this that the a an my your our their his her "
        "its anyone anybody someone somebody everyone everybody these those any all "
        "anything something".split()
    ),
}

# After these verbs an indefinite article signals an imperative ("Have a nice day").
_NO_ARTICLE = frozenset("have heb hebt has".split())
# Names as well as verbs: a capitalised word after them is not taken as a subject.
_NAME_LIKE = frozenset("will may mag".split())

# Indirect questions that announce themselves ("Ik vraag me af of...", "Quick question:").
_ASKING = re.compile(
    r"^(?:ik\s+vraag\s+m(?:e|ij)\s+af|vraagje|vraag\s*:|i\s+wonder|quick\s+question"
    r"|i\s+was\s+wondering|wie\s+weet)\b",
    re.IGNORECASE,
)

_EXCLAMATIVE = re.compile(
    r"^(?:wat\s+(?:een|leuk|mooi|fijn|goed|gaaf|tof|jammer|heerlijk|prachtig|lekker)\b"
    r"|what\s+an?\b|how\s+(?:nice|great|lovely|cool|sad|awesome|beautiful|wonderful)\b"
    r"|hoe\s+(?:leuk|mooi|fijn|gaaf|tof|jammer|heerlijk|prachtig|mooi)\b)",
    re.IGNORECASE,
)


def _languages(language: str | None) -> tuple[str, ...]:
    if language:
        code = language.lower()[:2]
        if code in _WH:
            return (code,)
    return ("nl", "en")


def _clean_opening(sentence: str) -> str:
    """Drop leading noise: quotes, emoji, ``RT @x:``, @mentions and punctuation."""
    previous = None
    while previous != sentence:
        previous = sentence
        sentence = RT_PREFIX.sub("", sentence)
        sentence = _LEAD_NOISE.sub("", sentence)
        sentence = EMOJI.sub("", sentence[:2]) + sentence[2:]
        match = MENTION.match(sentence)
        if match:
            sentence = sentence[match.end():]
    return sentence.strip()


def _opens_question(sentence: str, terminator: str, langs: tuple[str, ...]) -> bool:
    body = _clean_opening(sentence)
    words = _WORD.findall(body[:120])
    if not words:
        return False
    first = words[0].lower().replace("’", "'")
    if _ASKING.match(body):
        return True
    if terminator.startswith("!"):
        return False
    for lang in langs:
        if first in _WH[lang]:
            if _EXCLAMATIVE.match(body):
                return False
            # A fronted subordinate clause ("Wanneer het vriest, ...") is no question;
            # neither is a lone word ("Waar." = true).
            return "," not in sentence and len(words) > 1
        if first in _VERBS[lang] and len(words) > 1:
            nxt = words[1]
            low = nxt.lower()
            if first in _NO_ARTICLE and low in {"a", "an", "een"}:
                continue
            if low in _SUBJECTS[lang]:
                return True
            if nxt[:1].isupper() and first not in _NAME_LIKE and lang == "nl":
                return True
            if nxt[:1].isupper() and first not in _NAME_LIKE and first in {"is", "are", "does", "did", "has", "can"}:
                return True
    return False


def is_question(text: str | None, language: str | None = None) -> bool:
    """Tell whether a message asks something.

    Parameters
    ----------
    text : str or None
        The message text. None or blank text asks nothing.
    language : str or None
        ``"nl"`` or ``"en"`` to use that language's interrogative openings; None (or an
        unknown code) tries both.

    Returns
    -------
    bool
        True for a question mark outside URLs, or a sentence with an interrogative
        opening (see the module docstring).

    Examples
    --------
    >>> is_question("@gemeente Wanneer wordt het afval opgehaald")
    True
    >>> is_question("Doe mee met de opschoondag! https://deventer.nl/?p=1")
    False
    """
    if not text or not text.strip():
        return False
    return asks(URL.sub(" ", text), language)


def asks(plain: str, language: str | None = None) -> bool:
    """:func:`is_question` of a text whose URLs are already replaced by spaces
    (``URL.sub(" ", text)``), for callers that strip them anyway: blank text asks
    nothing here too."""
    if _QMARK.search(plain):
        return True
    langs = _languages(language)
    for match in _SENTENCE.finditer(plain):
        sentence = match.group(0)
        stripped = sentence.rstrip()
        terminator = stripped[len(stripped.rstrip(".!?？¿;")):] if stripped else ""
        if _opens_question(stripped.rstrip(".!?？¿;"), terminator, langs):
            return True
    return False
