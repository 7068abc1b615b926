"""Training the typology model on coded messages (``civicnet typology train``).

The rows a model is trained on are the ``train`` and ``dev`` splits (rows without a
split count as training rows); ``test`` rows are never read here. The regularisation
and one threshold per type are chosen by 5-fold cross-validation over those rows
(:func:`civicnet.text.linear_train.tune`), then the model is fitted on all of them.
The cross-validated macro-F1 is kept in the model (``meta.cv``) and shown, so a team
that coded its own messages sees how well the model learnt them.

The shipped model is trained on the shipped coded set (``text/data/typology_dev.csv``,
its ``dev`` split) until the real coded sets of datasets/ exist; then ``make models``
trains it on ``datasets/typology`` (docs/typology.md).
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
from civicnet.text.typology.model import TASK, RULE_FEATURES, TypologyModel, rule_features
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


def train(rows: Sequence[dict], *, language: str | None = "nl", source: str = "", parts=("train", "dev"),
          features: str = "ngrams+rules", grid=None, progress=None) -> TypologyModel:
    """Tune and fit a typology model on the ``parts`` splits of coded rows.

    Parameters
    ----------
    rows : sequence of dict
        ``text``, ``labels`` (frozenset) and ``split`` (or None) per message.
    language : str or None
        The messages' language for the rule features.
    source : str
        Where the rows come from (kept in the model's ``meta.trained_on``).
    features : {"ngrams+rules", "ngrams"}
        With or without the rule features. Leave the rule features out when the rows
        are the ones the rules' markers were written on: there they look better than
        they are, and the model learns to trust them (docs/typology.md).

    Raises
    ------
    InputError
        Fewer than :data:`MIN_ROWS` coded rows.
    MissingDependency
        scikit-learn is not installed (``pip install 'civicnet[text]'``).
    """
    from civicnet.text.linear_train import C_GRID, fit, tune

    use = choose(list(rows), parts)
    if len(use) < MIN_ROWS:
        raise InputError(f"{source or 'labels'}: {len(use)} coded messages in {'/'.join(parts)}; "
                         f"code at least {MIN_ROWS} to train a model")
    texts = [r["text"] for r in use]
    y = np.array([[1 if t in r["labels"] else 0 for t in TYPES] for r in use])
    if features not in FEATURES:
        raise ValueError(f"features must be one of {', '.join(FEATURES)}")
    names = RULE_FEATURES if features == "ngrams+rules" else ()
    dense = rule_features(texts, language)[0] if names else None
    tuning = tune(TASK, "ovr", TYPES, texts, y, dense, names, grid=grid or C_GRID, progress=progress)
    counts = Counter(t for r in use for t in (r["labels"] or {"none"}))
    meta = {
        "trained_on": {"source": source, "splits": list(parts), "messages": len(use),
                       "labels": {t: counts.get(t, 0) for t in (*TYPES, "none")}, "sha256": _fingerprint(use)},
        "features": features, "language": language, "cv": tuning, "civicnet_version": __version__,
    }
    fitted = fit(TASK, "ovr", TYPES, texts, y, dense, names, C=tuning["C"], meta=meta)
    fitted.model.thresholds = {t: float(v) for t, v in tuning["thresholds"].items()}
    return TypologyModel(fitted.model)
