"""How well the triage classifier does on labelled citizen messages.

The labelled set (``data/labelled/``) holds Dutch (and some English) messages to
government accounts written in the style of the report's cases, each labelled with a
category and an urgency by the author:

``dev.csv``   208 messages the lexicons were written and tuned on;
``test.csv``  115 messages held out: written before the lexicons, run once after
              the lexicons were frozen (commit history shows the order).

:func:`evaluate` reports, per split: accuracy, macro-F1, precision/recall/F1 and
support per class, the confusion matrix (rows: gold, columns: predicted), and the
majority baseline (always the most frequent class of ``dev``). :func:`train_model`
fits an optional scikit-learn model (TF-IDF word and character n-grams, a linear
SVM) on ``dev`` for comparison; the figures are in docs/webcare.md.
"""

from __future__ import annotations

import csv
from collections import Counter
from importlib import resources
from typing import Callable, Iterable

from ..errors import MissingDependency
from .classify import CATEGORIES, URGENCIES, classify

SPLITS = ("dev", "test")


def load_labelled(split: str) -> list[dict]:
    """Rows ``{text, category, urgency}`` of ``dev`` or ``test``."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")
    text = resources.files("civicnet.webcare").joinpath(f"data/labelled/{split}.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def scores(gold: list[str], predicted: list[str], labels: Iterable[str]) -> dict:
    """Accuracy, macro-F1, per-class precision/recall/F1/support and the confusion matrix."""
    labels = list(labels)
    pairs = Counter(zip(gold, predicted))
    per_class = {}
    for label in labels:
        tp = pairs[(label, label)]
        pred = sum(n for (g, p), n in pairs.items() if p == label)
        support = sum(n for (g, p), n in pairs.items() if g == label)
        precision = tp / pred if pred else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                            "support": support}
    present = [c for c in labels if per_class[c]["support"]]
    return {
        "n": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / len(gold), 3) if gold else None,
        "macro_f1": round(sum(per_class[c]["f1"] for c in present) / len(present), 3) if present else None,
        "per_class": per_class,
        "labels": labels,
        "confusion": [[pairs[(g, p)] for p in labels] for g in labels],
    }


def _majority(rows: list[dict], key: str) -> str:
    return Counter(r[key] for r in rows).most_common(1)[0][0]


def evaluate(predict: Callable[[str], tuple[str, str]] | None = None) -> dict:
    """Scores of ``predict`` (default: the rules of :func:`classify`) on dev and test.

    ``predict(text) -> (category, urgency)``. Returns ``{split: {"category": scores,
    "urgency": scores, "baseline": {"category": scores, "urgency": scores}}}``.
    """
    if predict is None:
        def predict(text: str) -> tuple[str, str]:
            c = classify(text)
            return c.category, c.urgency
    dev = load_labelled("dev")
    majority = {"category": _majority(dev, "category"), "urgency": _majority(dev, "urgency")}
    out = {}
    for split in SPLITS:
        rows = dev if split == "dev" else load_labelled(split)
        batch = getattr(predict, "batch", None)
        pred = batch([r["text"] for r in rows]) if batch else [predict(r["text"]) for r in rows]
        result = {}
        for i, (key, labels) in enumerate((("category", CATEGORIES), ("urgency", URGENCIES))):
            gold = [r[key] for r in rows]
            result[key] = scores(gold, [p[i] for p in pred], labels)
        result["baseline"] = {key: {**scores([r[key] for r in rows], [majority[key]] * len(rows), labels),
                                    "always": majority[key]}
                              for key, labels in (("category", CATEGORIES), ("urgency", URGENCIES))}
        out[split] = result
    return out


def train_model(rows: list[dict] | None = None, seed: int = 0) -> Callable[[str], tuple[str, str]]:
    """A scikit-learn model trained on ``rows`` (default ``dev``); returns ``predict(text)``.

    Needs scikit-learn (not a civicnet dependency): raises :class:`MissingDependency`.
    """
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import LinearSVC
    except ImportError:
        raise MissingDependency("the trainable webcare model (scikit-learn)", "webcare") from None
    rows = rows if rows is not None else load_labelled("dev")
    texts = [r["text"] for r in rows]
    models = {}
    for key in ("category", "urgency"):
        features = make_union(
            TfidfVectorizer(lowercase=True, ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
        )
        model = make_pipeline(features, LinearSVC(C=1.0, random_state=seed))
        models[key] = model.fit(texts, [r[key] for r in rows])

    def predict(text: str) -> tuple[str, str]:
        return str(models["category"].predict([text])[0]), str(models["urgency"].predict([text])[0])

    def batch(texts: list[str]) -> list[tuple[str, str]]:
        return list(zip(map(str, models["category"].predict(texts)), map(str, models["urgency"].predict(texts))))

    predict.batch = batch
    return predict
