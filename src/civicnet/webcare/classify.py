"""Category and urgency of a citizen's message to government (Dutch and English).

Categories (CONTRACT.md, "Webcare outputs"), after the report's call to separate the
wheat from the chaff (METHOD.md §6):

``question``  asks something (:func:`civicnet.text.questions.is_question`);
``complaint`` dissatisfaction with government: its service, decisions or silence;
``report``    a *melding* or tip: a problem or incident government should act on;
``praise``    thanks and compliments;
``rumour``    passes on, or asks to confirm, an unverified claim;
``abuse``     insults or threats aimed at people or the organisation;
``noise``     spam, promotion, chatter, or nothing but mentions, links and emoji.

Urgency: ``high`` for safety, health, danger, damage and emergencies (fire, gas,
violence, floods, earthquake damage — the report's crisis cases) and for threats;
``low`` for praise, noise and insults without a threat; else ``normal``.

Method (rules, transparent on purpose; the cues are in :mod:`.lexicon`):

1. Nothing left after removing @mentions, URLs, emoji and punctuation, or a spam
   cue: ``noise``.
2. A threat: ``abuse``, urgency high.
3. Otherwise every category scores the number of its cues found; a question
   scores 1.5 (and weak report cues — topic words such as *lantaarnpaal* — count for
   ``report`` only when the message does not ask). Insults score 2. The highest
   score wins; ties go to the earlier of ``abuse, rumour, complaint, report,
   question, praise``.
4. No cue and no question: Dutch tone (:func:`civicnet.text.tone.tone`) below
   -0.1 makes a ``complaint``, above 0.1 ``praise``; else ``noise``.
5. Urgency: an urgency cue not negated in its clause (*geen gevaar*) makes it
   ``high``; otherwise ``low`` for praise, noise and abuse, ``normal`` for the rest.

Every decision carries the cues that made it (:attr:`Classification.cues`), which the
inbox shows in its ``reason`` column. The evaluation against a labelled set is
:mod:`civicnet.webcare.evaluate` (figures in docs/webcare.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from civicnet.text._patterns import EMOJI, MENTION, URL
from civicnet.text.questions import is_question
from civicnet.text.typology.lexicon import fold

from . import lexicon as L

CATEGORIES = ("question", "complaint", "report", "praise", "rumour", "abuse", "noise")
URGENCIES = ("high", "normal", "low")
#: Tie-break order of scored categories (earlier wins).
PRECEDENCE = ("abuse", "rumour", "complaint", "praise", "report", "question")
QUESTION_SCORE = 1.0
INSULT_SCORE = 2.0
RUMOUR_SCORE = 2.0
TONE_BAND = 0.1
_CONTENT = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n]")


@dataclass(frozen=True)
class Classification:
    """A message's category and urgency, with the cues behind them."""

    category: str
    urgency: str
    cues: tuple[str, ...] = ()
    urgency_cues: tuple[str, ...] = ()
    rule: str = ""
    probability: float | None = None


def _compile(entries: list[str]) -> re.Pattern:
    """One pattern of a lexicon; its entries are lower case and it is searched in
    :func:`~civicnet.text.typology.lexicon.fold`-ed text (as IGNORECASE would match, twice as fast)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{e})" for e in entries) + r")(?!\w)")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    return {
        "spam": _compile(L.SPAM), "threat": _compile(L.THREAT), "insult": _compile(L.INSULT),
        "rumour": _compile(L.RUMOUR), "complaint": _compile(L.COMPLAINT), "report": _compile(L.REPORT_STRONG),
        "report_weak": _compile(L.REPORT_WEAK), "praise": _compile(L.PRAISE), "urgent": _compile(L.URGENT),
    }


def _clean(text: str) -> str:
    """The text without @mentions and URLs; ``#tag`` keeps its word."""
    text = URL.sub(" ", text)
    text = MENTION.sub(" ", text)
    return text.replace("#", " ")


def _found(pattern: re.Pattern, text: str) -> list[str]:
    seen: list[str] = []
    for m in pattern.finditer(text):
        cue = m.group(0).lower()
        if cue not in seen:
            seen.append(cue)
    return seen


def _negated(text: str, start: int) -> bool:
    before = _CLAUSE_BREAK.split(text[max(0, start - 40):start])[-1]
    return any(w in L.NEGATIONS for w in before.lower().split()[-3:])


def urgency_cues(text: str) -> list[str]:
    """Urgency cues in ``text`` that are not negated within their clause."""
    clean = fold(_clean(text or ""))
    seen: list[str] = []
    for m in _patterns()["urgent"].finditer(clean):
        cue = m.group(0).lower()
        if (cue in L.NOT_NEGATABLE or not _negated(clean, m.start())) and cue not in seen:
            seen.append(cue)
    return seen


def _tone(text: str, language: str | None) -> float | None:
    if language not in (None, "nl"):
        return None
    from civicnet.text.tone import tone

    return tone(text, "nl")


@dataclass(frozen=True)
class Cues:
    """What the lexicons find in a message: cues per lexicon, a question, content, tone."""

    found: dict
    asks: bool
    content: bool
    tone: float | None


def find_cues(text: str | None, language: str | None = None) -> Cues:
    """Every lexicon's cues in ``text`` (after removing @mentions and URLs), once."""
    text = text or ""
    clean = _clean(text)
    content = bool(_CONTENT.search(EMOJI.sub(" ", clean)))
    if not content:
        return Cues({}, False, False, None)
    p = _patterns()
    folded = fold(clean)
    found = {name: _found(p[name], folded) for name in ("spam", "threat", "insult", "rumour", "complaint", "report",
                                                         "report_weak", "praise")}
    found["urgent"] = urgency_cues(text)
    return Cues(found, is_question(text, language), True, _tone(clean, language))


def cue_counts(text: str | None, language: str | None = None, cues: Cues | None = None) -> dict[str, float]:
    """Number of cues per lexicon, and ``question``/``tone``/``no_content`` as numbers (model features)."""
    c = cues or find_cues(text, language)
    counts = {name: float(len(c.found.get(name, []))) for name in
              ("spam", "threat", "insult", "rumour", "complaint", "report", "report_weak", "praise", "urgent")}
    counts.update(question=1.0 if c.asks else 0.0, tone=float(c.tone or 0.0), no_content=0.0 if c.content else 1.0)
    return counts


def _category(c: Cues) -> tuple[str, list[str], str]:
    """(category, cues, rule) — steps 1–4 of the module docstring."""
    if not c.content:
        return "noise", [], "nothing but mentions, links or emoji"
    if c.found["spam"]:
        return "noise", c.found["spam"], "spam cue"
    if c.found["threat"]:
        return "abuse", c.found["threat"], "threat"
    cues = {k: list(c.found[k]) for k in ("rumour", "complaint", "report", "praise")}
    if not c.asks:
        cues["report"] += [w for w in c.found["report_weak"] if w not in cues["report"]]
    scores = {k: float(len(v)) for k, v in cues.items()}
    scores["rumour"] *= RUMOUR_SCORE
    scores["abuse"] = INSULT_SCORE * len(c.found["insult"])
    scores["question"] = QUESTION_SCORE if c.asks else 0.0
    cues["abuse"], cues["question"] = c.found["insult"], (["question"] if c.asks else [])
    best = max(PRECEDENCE, key=lambda k: (scores[k], -PRECEDENCE.index(k)))
    if scores[best] > 0:
        return best, cues[best], "highest cue score"
    if c.tone is not None and c.tone < -TONE_BAND:
        return "complaint", [f"tone {c.tone:+.2f}"], "no cue: negative tone"
    if c.tone is not None and c.tone > TONE_BAND:
        return "praise", [f"tone {c.tone:+.2f}"], "no cue: positive tone"
    return "noise", [], "no cue"


def default_urgency(category: str, urgent: list[str], threat: bool) -> str:
    """Step 5: high with an urgency cue or a threat; low for praise, noise and abuse; else normal."""
    if urgent or threat:
        return "high"
    return "low" if category in ("praise", "noise", "abuse") else "normal"


def classify_rules(text: str | None, language: str | None = None, cues: Cues | None = None) -> Classification:
    """Category and urgency of one message by the rules alone (module docstring).

    Examples
    --------
    >>> classify_rules("@gemeente Er is brand in de container achter de school!").urgency
    'high'
    >>> classify_rules("@gemeente Wanneer wordt het grofvuil opgehaald?").category
    'question'
    """
    c = cues or find_cues(text, language)
    category, found, rule = _category(c)
    urgent = list(c.found.get("urgent", [])) if rule not in ("spam cue", "nothing but mentions, links or emoji") else []
    urgency = default_urgency(category, urgent, rule == "threat")
    return Classification(category, urgency, tuple(found), tuple(urgent if urgent else (found if rule == "threat" else [])),
                          rule)


def classify(text: str | None, language: str | None = None, *, method: str = "model") -> Classification:
    """Category and urgency of one message: the shipped model (default) or the rules.

    Parameters
    ----------
    text : str or None
        The message text; None or blank is ``noise``.
    language : str or None
        ``"nl"``/``"en"`` when the platform says; None tries both.
    method : {"model", "rules"}
        The trained model with the safety rules (:mod:`.model`), or the rules alone.

    Examples
    --------
    >>> classify("@gemeente Er ligt een boom over de weg bij de school!").urgency
    'high'
    >>> classify("@gemeente Wanneer wordt het grofvuil opgehaald?").category
    'question'
    """
    if method == "rules":
        return classify_rules(text, language)
    if method != "model":
        raise ValueError(f"method must be model or rules, not {method!r}")
    from .model import default_model

    return default_model().classify([text], [language])[0]
