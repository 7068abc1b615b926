"""Evaluating the typology honestly: the model, the rules and two baselines, with intervals.

Scores (multi-label, per type; :mod:`civicnet.text.scoring`): precision, recall and F1
of each of the six types with 95 % bootstrap intervals, macro-F1 (the unweighted mean
of the six F1) with its interval, exact match of the label set, and a confusion
matrix whose cell (gold *g*, predicted *p*) counts messages that carry type *g* in
the gold labels and got type *p* (``none`` = empty set).

Compared, on the same rows:

* ``majority`` — the most frequent label set of the *training* rows, given to every message;
* ``keyword`` — :data:`KEYWORDS`, a plain list of a few words per type written once
  before any evaluation and never tuned (any hit assigns the type);
* ``rules`` — the codebook rules (:mod:`~civicnet.text.typology.rules`);
* ``model`` — the trained model (the shipped one unless another is given).

Rows scored are the ``test`` split when the rows have splits (``on="dev"`` scores the
``dev`` split: the split the settings were chosen on), else all rows given; the
majority label set comes from the training rows (``train``, plus ``dev`` when ``test``
is scored).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from civicnet.text import scoring
from civicnet.text.labelled import choose
from civicnet.text.typology import classify_many
from civicnet.text.typology.dataset import format_labels
from civicnet.text.typology.rules import TYPES, content_words

#: The plain keyword baseline: any listed word or phrase (whole word, case-insensitive) assigns the type.
KEYWORDS = {
    "neutral": ["persbericht", "vandaag", "afgesloten", "besloten", "gemeenteraad", "minister"],
    "personal": ["ik", "mijn", "zin in", "lekker", "genoten"],
    "call": ["doe mee", "meld je", "help", "kom", "oproep", "bekijk", "gezocht"],
    "nuancing": ["klopt niet", "onjuist", "gerucht", "misverstand", "nuance", "feiten"],
    "webcare": ["bedankt voor", "melding", "dm", "neem contact", "kunt u", "je kunt"],
    "humour": ["haha", "grap", ";)", "😂", "😉"],
}
_KEYWORD_RX = {t: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ws) + r")(?!\w)", re.IGNORECASE)
               for t, ws in KEYWORDS.items()}
CLASSES = (*TYPES, "none")
#: How the reports name the rules for *personal* (:data:`~civicnet.text.typology.model.PERSONAL_RULES`).
PERSONAL_TEXT = {"any": "needs no marker", "own_voice": "not in the organisation's own voice without \"ik\"",
                 "marker": "needs a first-person or feeling marker"}
METHODS = ("majority", "keyword", "rules", "model")


def keyword_baseline(text: str | None) -> frozenset[str]:
    """The plain keyword list's types for a message."""
    if not text or len(content_words(text)) < 2:
        return frozenset()
    return frozenset(t for t, rx in _KEYWORD_RX.items() if rx.search(text))


def majority(train_labels) -> frozenset[str]:
    """The most frequent label set (ties: the first in the CSV form's order)."""
    counts = Counter(train_labels)
    return max(counts, key=lambda k: (counts[k], format_labels(k)))


def score(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]) -> dict:
    """:func:`civicnet.text.scoring.scores` over the six types, plus the confusion matrix (with none)."""
    result = scoring.scores(scoring.as_matrix(gold, TYPES), scoring.as_matrix(predicted, TYPES), TYPES)
    result["confusion"] = scoring.confusion(gold, predicted, CLASSES, empty="none")
    return result


def evaluate(rows: Sequence[dict], *, language: str | None = "nl", model=None,
             methods: Sequence[str] = METHODS, on: str = "test", scored_ids=None) -> dict:
    """Score the methods on the ``on`` split of ``rows`` (or on all rows without splits).

    Parameters
    ----------
    rows : sequence of dict
        ``text``, ``labels`` (frozenset) and ``split`` (or None) per message.
    model : TypologyModel, optional
        The model to score; default the shipped one.
    on : {"test", "dev"}
        The split to score when the rows have splits.
    scored_ids : set of str, optional
        Score only these of the rows that would be scored (a group of them,
        :mod:`~civicnet.text.typology.groups`); the majority label set still comes from
        all training rows.

    Returns
    -------
    dict
        ``{"n", "scored": "test split"|"dev split"|"all rows", "majority": label set, "methods": {name: scores}}``.
    """
    if on not in ("test", "dev"):
        raise ValueError("on must be test or dev")
    rows = list(rows)
    has_split = any(r.get("split") for r in rows)
    scored = [r for r in rows if r.get("split") == on] if has_split else rows
    if scored_ids is not None:
        scored = [r for r in scored if r["id"] in scored_ids]
    train_rows = choose(rows, ("train", "dev") if on == "test" else ("train",)) if has_split else rows
    texts, gold = [r["text"] for r in scored], [r["labels"] for r in scored]
    common = majority(r["labels"] for r in train_rows)
    predict = {
        "majority": lambda: [common] * len(texts),
        "keyword": lambda: [keyword_baseline(t) for t in texts],
        "rules": lambda: classify_many(texts, language, method="rules"),
        "model": lambda: classify_many(texts, language, method="model", model=model),
    }
    results = {m: score(gold, predict[m]()) for m in methods}
    return {"n": len(scored), "scored": f"{on} split" if has_split else "all rows", "majority": format_labels(common),
            "methods": results}


def format_report(report: dict) -> str:
    """Plain-text rendering of an :func:`evaluate` report (for the CLI to print)."""
    lines = [f"data: {report.get('data', '')}   messages scored: {report['n']} ({report['scored']})", ""]
    methods = report["methods"]
    lines.append(f"{'method':<10}" + "".join(f"{t:>10}" for t in TYPES) + f"{'macro-F1':>10}  95 % CI")
    for name, s in methods.items():
        ci = s["macro_f1_ci"] or ["", ""]
        lines.append(f"{name:<10}" + "".join(f"{s['per_class'][t]['f1']:>10.3f}" for t in TYPES)
                     + f"{s['macro_f1']:>10.3f}  {ci[0]}–{ci[1]}")
    for name in [m for m in methods if m in ("rules", "model")]:
        s = methods[name]
        lines += ["", f"{name}: precision / recall / F1 (support)"]
        for t in TYPES:
            v = s["per_class"][t]
            lines.append(f"  {t:<9} {v['precision']:.3f} / {v['recall']:.3f} / {v['f1']:.3f} ({v['support']})")
        lines += ["", f"{name}: confusion (rows gold, columns predicted)",
                  " " * 10 + "".join(f"{c[:8]:>9}" for c in CLASSES)]
        for g, row in zip(CLASSES, s["confusion"]):
            lines.append(f"  {g:<8}" + "".join(f"{v:>9}" for v in row))
    return "\n".join(lines)


def describe_model(meta: dict) -> str:
    """One paragraph: what the model was trained on and how its settings were chosen."""
    sel, extra = meta.get("selection"), meta.get("extra")
    text = scoring.trained_on(meta, "coded")
    if not sel:  # a model file of an earlier version
        cv = meta.get("cv", {})
        return text + (f"; features {meta.get('features')}; C = {cv.get('C')} and thresholds {cv.get('thresholds')} "
                       f"chosen by {cv.get('folds')}-fold cross-validation (macro-F1 {cv.get('cv_macro_f1')}).")
    tried = sorted({c["features"] for c in sel["candidates"]}), sorted({c["C"] for c in sel["candidates"]})
    personal = PERSONAL_TEXT[sel["decision"]["personal"]]
    return text + (f". Settings chosen on the {sel['method']} ({sel['scored_messages']} messages) among "
                   f"{len(sel['candidates'])} candidates (features {', '.join(tried[0])}; C {', '.join(f'{c:g}' for c in tried[1])}"
                   f"{'; with and without the extra rows' if extra else ''}; each rule for personal): "
                   f"features {sel['features']}, C = {sel['C']:g}, thresholds "
                   f"{', '.join(f'{k} {v:.2f}' for k, v in sel['thresholds'].items())}; personal {personal}; "
                   f"macro-F1 there {sel['macro_f1']:.3f}.")


def report_markdown(report: dict, *, model_meta: dict | None = None, dev: dict | None = None,
                    detail: bool = True) -> str:
    """The evaluation as Markdown for docs/typology.md (between its markers).

    ``dev``: the same methods scored on the dev split (a table before the test's);
    ``detail``: per-type tables and confusion matrices of the model and the rules.
    """
    out = [f"Data: {report.get('data', '')}; {report['n']} messages scored ({report['scored']}); "
           f"majority label set: `{report['majority']}`."]
    if model_meta:
        out.append(describe_model(model_meta))
    if dev:
        out += ["", f"**Dev split** ({dev['n']} messages; the settings were chosen on it, so these figures are "
                    "optimistic), F1 per type; macro-F1 with its 95 % bootstrap interval:", "",
                scoring.methods_table(dev["methods"], TYPES)]
    out += ["", f"{'**' + report['scored'].capitalize() + '**' if dev else report['scored'].capitalize()}, "
                "F1 per type; macro-F1 with its 95 % bootstrap interval:", "",
            scoring.methods_table(report["methods"], TYPES)]
    for name in [m for m in report["methods"] if m in ("model", "rules")] if detail else []:
        s = report["methods"][name]
        out += ["", f"**{name}** per type (95 % bootstrap intervals):", "", scoring.class_table(s, TYPES),
                "", f"**{name}** confusion (a message counts once for each pair of gold and predicted type):", "",
                scoring.confusion_table(s["confusion"], CLASSES)]
    return "\n".join(out) + "\n"
