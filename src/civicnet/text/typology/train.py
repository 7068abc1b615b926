"""Training the typology model on coded messages (``civicnet typology train``).

``test`` rows are never read here. The settings — the regularisation ``C``, the
feature set (n-grams with or without the rule features), whether further labelled rows
from elsewhere (``extra``, say the set written for civicnet) join the training rows, one
decision threshold per type and what *personal* needs (nothing more, not the
organisation's own voice, or a first-person or feeling marker) — are chosen by the macro-F1 they give, after the codebook's decision rules
(:func:`~civicnet.text.typology.model.decide_sets`), on:

* the ``dev`` split, when the rows have ``train`` and ``dev`` rows: every candidate is
  fitted on ``train`` (plus ``extra`` where that is the candidate) and scored on
  ``dev``; the chosen one, fitted on ``train``, is the model (so its dev score can be
  checked against a fresh evaluation);
* else 5-fold cross-validation over the training rows (``train``/``dev``/no split;
  ``extra`` rows join every fold's training part, never its held-out part); the chosen
  settings are then fitted on all training rows.

The selection (every candidate's score) is kept in the model (``meta.selection``) and
shown, so a team that coded its own messages sees how well the model learnt them.
The shipped model is trained by ``make models`` on ``datasets/typology`` (docs/typology.md).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from civicnet import __version__
from civicnet.errors import InputError
from civicnet.text.labelled import choose, read_labelled
from civicnet.text.typology.dataset import format_labels, parse_labels
from civicnet.text.typology.model import (DECISION, PERSONAL_RULES, RULE_FEATURES, TASK, TypologyModel, decide_sets,
                                           rule_features)
from civicnet.text.typology.rules import TYPES

#: Fewest coded messages to train on, and fewest of a type for it to be learnt rather than constant.
MIN_ROWS = 30


def read_coded(labels, messages=None, split=None) -> list[dict]:
    """Coded rows ``{id, text, labels (frozenset), split}`` from a labels CSV (``labels`` or ``types``)."""
    rows = read_labelled(labels, messages, split, label_columns=("labels|types",))
    coded = []
    for row in rows:
        cell = (row["labels"] or "").strip()
        if not cell:
            continue  # not coded (yet)
        try:
            row["labels"] = parse_labels(cell)
        except InputError as exc:
            raise InputError(f"{labels} (line {row['line']}): {exc}") from None
        coded.append(row)
    if not coded:
        raise InputError(f"{labels}: no coded rows (fill the labels column: types joined by ';', or none)")
    return coded


def _fingerprint(rows: Sequence[dict]) -> str:
    digest = hashlib.sha256()
    for r in sorted(rows, key=lambda r: r["id"]):
        digest.update(f"{r['id']}\t{r['text']}\t{format_labels(r['labels'])}\n".encode())
    return digest.hexdigest()[:16]


FEATURES = ("ngrams+rules", "ngrams")
#: ``features="auto"`` tries both feature sets.
FEATURE_CHOICES = ("auto", *FEATURES)


def _labels(rows) -> np.ndarray:
    return np.array([[1 if t in r["labels"] else 0 for t in TYPES] for r in rows]).reshape(len(rows), len(TYPES))


def _macro(y: np.ndarray, sets) -> float:
    """Mean F1 of the types present in ``y`` (as the evaluation computes it)."""
    pred = _labels([{"labels": s} for s in sets]).astype(bool)
    gold = y.astype(bool)
    f1 = [2 * (g & p).sum() / (g.sum() + p.sum()) if g.sum() + p.sum() else 0.0 for g, p in zip(gold.T, pred.T)]
    present = gold.any(axis=0)
    return float(np.mean(np.asarray(f1)[present])) if present.any() else 0.0


class _Block:
    """Texts, labels and rule features (with markers) of one set of rows."""

    def __init__(self, rows, language):
        self.texts = [r["text"] for r in rows]
        self.y = _labels(rows)
        self.dense, self.markers = rule_features(self.texts, language)

    def part(self, features: str) -> tuple:
        return self.texts, self.y, (self.dense if features == "ngrams+rules" else None)


def _score_candidate(probs: np.ndarray, scored: _Block) -> list[dict]:
    """Thresholds per type from the scored rows, then the macro-F1 with each rule for *personal*."""
    from civicnet.text.linear_train import best_thresholds

    thresholds = best_thresholds(probs, scored.y, TYPES)
    out = []
    for personal in PERSONAL_RULES:
        decision = {**DECISION, "personal": personal}
        sets = decide_sets(scored.texts, probs, thresholds, scored.markers, **decision)
        out.append({"thresholds": thresholds, "decision": decision, "macro_f1": round(_macro(scored.y, sets), 4)})
    return out


def _choose(results: list[dict]) -> dict:
    """The best candidate, scores compared at three decimals (as reported); ties: without extra rows,
    with the rule features, C nearest 4, the stricter rule for personal (the codebook's)."""
    return max(results, key=lambda r: (round(r["macro_f1"], 3), not r["extra"], r["features"] == "ngrams+rules",
                                       -abs(np.log(r["C"] / 4.0)), PERSONAL_RULES.index(r["decision"]["personal"])))


def select(train_rows, scored_rows, extra_rows, *, language, features, grid, progress=None) -> dict:
    """Score every candidate on ``scored_rows`` (``None``: cross-validation over ``train_rows``).

    Returns the chosen settings with ``candidates`` (every candidate's macro-F1).
    """
    from civicnet.text.linear_train import FOLDS, fit, join_rows, out_of_fold

    train, extra = _Block(train_rows, language), (_Block(extra_rows, language) if extra_rows else None)
    scored = _Block(scored_rows, language) if scored_rows is not None else train
    grid_items = [(f, e, C) for f in (FEATURES if features == "auto" else (features,))
                  for e in ((False, True) if extra else (False,)) for C in grid]
    results = []
    for n, (feats, with_extra, C) in enumerate(grid_items):
        if progress:
            progress("choosing settings", n, len(grid_items))
        names = RULE_FEATURES if feats == "ngrams+rules" else ()
        more = extra.part(feats) if with_extra else None
        if scored_rows is None:
            probs = out_of_fold(TASK, "ovr", TYPES, *train.part(feats), names, C, extra=more)
        else:
            texts, y, dense = join_rows(train.part(feats), more, "ovr") if more else train.part(feats)
            fitted = fit(TASK, "ovr", TYPES, texts, y, dense, names, C=C)
            probs = fitted.model.probabilities(scored.texts, scored.dense if names else None)
        for outcome in _score_candidate(probs, scored):
            results.append({"features": feats, "extra": with_extra, "C": C, **outcome})
    best = _choose(results)
    return {**best, "method": "dev split" if scored_rows is not None else f"{FOLDS}-fold cross-validation",
            "scored_messages": len(scored.texts),
            "candidates": [{k: r[k] for k in ("features", "extra", "C", "macro_f1")}
                           | {"personal": r["decision"]["personal"]} for r in results]}


def train(rows: Sequence[dict], *, language: str | None = "nl", source: str = "", features: str = "auto",
          extra: Sequence[dict] = (), extra_source: str = "", grid=None, progress=None) -> TypologyModel:
    """Choose the settings and fit a typology model on coded rows (module docstring).

    Parameters
    ----------
    rows : sequence of dict
        ``text``, ``labels`` (frozenset) and ``split`` (or None) per message.
    language : str or None
        The messages' language for the rule features.
    source : str
        Where the rows come from (kept in the model's ``meta.trained_on``).
    features : {"auto", "ngrams+rules", "ngrams"}
        With or without the rule features, or whichever scores better. Leave the rule
        features out when the rows are the ones the rules' markers were written on:
        there they look better than they are (docs/typology.md).
    extra : sequence of dict
        Further coded rows (all used for training, none scored), used only when they
        raise the selection score.

    Raises
    ------
    InputError
        Fewer than :data:`MIN_ROWS` coded training rows.
    MissingDependency
        scikit-learn is not installed (``pip install 'civicnet[text]'``).
    """
    from civicnet.text.linear_train import C_GRID, fit

    if features not in FEATURE_CHOICES:
        raise ValueError(f"features must be one of {', '.join(FEATURE_CHOICES)}")
    rows = list(rows)
    on_dev = any(r["split"] == "dev" for r in rows) and any(r["split"] == "train" for r in rows)
    use = choose(rows, ("train",) if on_dev else ("train", "dev"))
    if len(use) < MIN_ROWS:
        raise InputError(f"{source or 'labels'}: {len(use)} coded messages to train on; "
                         f"code at least {MIN_ROWS} to train a model")
    chosen = select(use, choose(rows, ("dev",)) if on_dev else None, list(extra), language=language,
                    features=features, grid=grid or C_GRID, progress=progress)
    fit_rows = use + (list(extra) if chosen["extra"] else [])
    names = RULE_FEATURES if chosen["features"] == "ngrams+rules" else ()
    block = _Block(fit_rows, language)
    texts, y, dense = block.part(chosen["features"])
    counts = Counter(t for r in use for t in (r["labels"] or {"none"}))
    meta = {
        "trained_on": {"source": source, "splits": ["train"] if on_dev else ["train", "dev"], "messages": len(use),
                       "labels": {t: counts.get(t, 0) for t in (*TYPES, "none")}, "sha256": _fingerprint(use)},
        "extra": ({"source": extra_source, "messages": len(extra), "used": chosen["extra"],
                   "sha256": _fingerprint(extra)} if extra else None),
        "features": chosen["features"], "language": language, "decision": chosen["decision"],
        "selection": chosen, "civicnet_version": __version__,
    }
    fitted = fit(TASK, "ovr", TYPES, texts, y, dense, names, C=chosen["C"], meta=meta)
    fitted.model.thresholds = {t: float(v) for t, v in chosen["thresholds"].items()}
    return TypologyModel(fitted.model)
