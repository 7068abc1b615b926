"""Training the inbox model on labelled citizen messages (``civicnet inbox train``).

Labels: a CSV with ``category`` and ``urgency`` per message (and optionally ``topic``),
with its text or joined to a messages CSV by ``id``; rows of the ``train`` and ``dev``
splits (or rows without a split) train, ``test`` rows are never read here. For the
category and for the urgency the regularisation is chosen by 5-fold cross-validation
(:func:`civicnet.text.linear_train.tune`); the urgency model is used only when its
cross-validated macro-F1 beats the rule urgency (danger cues, else by category) on the
same folds — "urgency if it helps" (``urgency_mode`` in the model file).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from civicnet import __version__
from civicnet.errors import InputError
from civicnet.text.labelled import choose, read_labelled

from .classify import CATEGORIES, URGENCIES, default_urgency
from .features import RULE_FEATURES, rule_features
from .model import InboxModel
from .organisation import TOPICS

MIN_ROWS = 30


def read_inbox_labels(labels, messages=None, split=None) -> list[dict]:
    """Rows ``{id, text, category, urgency, topic, split}``; unknown values are input errors."""
    rows = read_labelled(labels, messages, split, label_columns=("category", "urgency"), optional_columns=("topic",))
    out = []
    for row in rows:
        category, urgency = (row["category"] or "").strip().lower(), (row["urgency"] or "").strip().lower()
        if not category:
            continue  # not coded yet
        if category not in CATEGORIES:
            raise InputError(f"{labels} (line {row['line']}): unknown category {category!r}; use {', '.join(CATEGORIES)}")
        if urgency not in URGENCIES:
            raise InputError(f"{labels} (line {row['line']}): unknown urgency {urgency!r}; use {', '.join(URGENCIES)}")
        topic = (row.get("topic") or "").strip().lower() or None
        if topic is not None and topic not in TOPICS:
            raise InputError(f"{labels} (line {row['line']}): unknown topic {topic!r}; use {', '.join(TOPICS)} or leave it empty")
        out.append({**row, "category": category, "urgency": urgency, "topic": topic})
    if not out:
        raise InputError(f"{labels}: no labelled rows (fill category and urgency)")
    return out


def _fingerprint(rows: Sequence[dict]) -> str:
    digest = hashlib.sha256()
    for r in sorted(rows, key=lambda r: (r["id"], r["text"])):
        digest.update(f"{r['id']}\t{r['text']}\t{r['category']}\t{r['urgency']}\n".encode())
    return digest.hexdigest()[:16]


FEATURES = ("ngrams+rules", "ngrams")


def _urgency_mode(texts, rows, dense, names, rules, category_probs, grid, progress) -> tuple[str, dict]:
    """Rules or model for the urgency: whichever scores the higher cross-validated macro-F1."""
    from civicnet.text.linear_train import macro_f1, out_of_fold, tune

    gold = [r["urgency"] for r in rows]
    tuning = tune("inbox-urgency", "multinomial", URGENCIES, texts, gold, dense, names, grid=grid, progress=progress)
    probs = out_of_fold("inbox-urgency", "multinomial", URGENCIES, texts, gold, dense, names, tuning["C"])
    predicted = np.asarray(CATEGORIES, dtype=object)[category_probs.argmax(axis=1)]
    urgent = [bool(cues.found.get("urgent")) for cues, _ in rules]
    by_rules = [default_urgency(c, ["x"] if u else [], False) for c, u in zip(predicted, urgent)]
    by_model = ["high" if u else URGENCIES[int(np.argmax(p))] for p, u in zip(probs, urgent)]
    onehot = lambda labels: np.asarray([[1.0 if v == c else 0.0 for c in URGENCIES] for v in labels])  # noqa: E731
    scores = {"rules": macro_f1(onehot(by_rules), gold, "multinomial", URGENCIES),
              "model": macro_f1(onehot(by_model), gold, "multinomial", URGENCIES)}
    mode = "model" if scores["model"] > scores["rules"] else "rules"
    return mode, {**tuning, "cv_macro_f1_rules": round(scores["rules"], 3), "cv_macro_f1_model": round(scores["model"], 3)}


def train(rows: Sequence[dict], *, source: str = "", parts=("train", "dev"), features: str = "ngrams+rules",
          grid=None, progress=None) -> InboxModel:
    """Tune and fit the inbox model on the ``parts`` splits of labelled rows (module docstring).

    ``features="ngrams"`` leaves the rule features out: do so when the rows are the ones
    the lexicons were written on (there the rules look better than they are).
    """
    from civicnet.text.linear_train import C_GRID, fit, out_of_fold, tune

    use = choose(list(rows), parts)
    if len(use) < MIN_ROWS:
        raise InputError(f"{source or 'labels'}: {len(use)} labelled messages in {'/'.join(parts)}; "
                         f"label at least {MIN_ROWS} to train a model")
    missing = sorted(set(CATEGORIES) - {r["category"] for r in use})
    if missing:
        raise InputError(f"{source or 'labels'}: no messages of category {', '.join(missing)}; "
                         "every category needs labelled examples")
    if features not in FEATURES:
        raise ValueError(f"features must be one of {', '.join(FEATURES)}")
    grid = grid or C_GRID
    texts, gold = [r["text"] for r in use], [r["category"] for r in use]
    all_dense, rules = rule_features(texts)
    names = RULE_FEATURES if features == "ngrams+rules" else ()
    dense = all_dense if names else None
    tuning = tune("inbox-category", "multinomial", CATEGORIES, texts, gold, dense, names, grid=grid, progress=progress)
    oof = out_of_fold("inbox-category", "multinomial", CATEGORIES, texts, gold, dense, names, tuning["C"])
    mode, urgency_tuning = _urgency_mode(texts, use, dense, names, rules, oof, grid, progress)
    counts = Counter(gold)
    meta = {"trained_on": {"source": source, "splits": list(parts), "messages": len(use),
                           "categories": {c: counts.get(c, 0) for c in CATEGORIES},
                           "urgencies": dict(Counter(r["urgency"] for r in use)), "sha256": _fingerprint(use)},
            "features": features, "cv": {"category": tuning, "urgency": urgency_tuning},
            "civicnet_version": __version__}
    category = fit("inbox-category", "multinomial", CATEGORIES, texts, gold, dense, names, C=tuning["C"]).model
    urgency = fit("inbox-urgency", "multinomial", URGENCIES, texts, [r["urgency"] for r in use], dense, names,
                  C=urgency_tuning["C"]).model
    return InboxModel(category, urgency, mode, meta)
