"""Scores of a classifier against gold labels, with bootstrap intervals, as Markdown.

Used by the typology (multi-label: a set of types per message) and the webcare inbox
(one category per message) evaluations. Both are reduced to boolean matrices
``gold[i, c]`` / ``pred[i, c]`` (message *i* has / got class *c*).

* Per class: precision ``tp / (tp + fp)``, recall ``tp / (tp + fn)``, F1, support
  (0 where undefined); macro-F1 is the unweighted mean of the F1 of the classes that
  occur in the gold labels.
* Bootstrap: messages are resampled with replacement :data:`RESAMPLES` times (seeded,
  so a report repeats); each figure's 95 % interval is the 2.5th–97.5th percentile of
  its resampled values (percentile bootstrap).
* :func:`replace_section` writes generated Markdown between
  ``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers of a document, so the
  evaluation tables in docs/ are regenerated, never edited by hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from civicnet.errors import InputError

RESAMPLES = 1000
SEED = 20


def as_matrix(labels: Sequence, classes: Sequence[str]) -> np.ndarray:
    """Boolean matrix (messages × classes) of label sets (or single labels)."""
    index = {c: i for i, c in enumerate(classes)}
    out = np.zeros((len(labels), len(classes)), dtype=bool)
    for r, value in enumerate(labels):
        for c in ([value] if isinstance(value, str) else value):
            if c in index:
                out[r, index[c]] = True
    return out


def _prf(tp, fp, fn):
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1e-12), 0.0)
        r = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1e-12), 0.0)
        f = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)
    return p, r, f


def scores(gold: np.ndarray, pred: np.ndarray, classes: Sequence[str], *, resamples: int = RESAMPLES,
           seed: int = SEED) -> dict:
    """Per-class precision/recall/F1 with 95 % bootstrap intervals, macro-F1 and its interval.

    Returns ``{"n", "per_class": {c: {"precision", "recall", "f1", "support", "f1_ci",
    "precision_ci", "recall_ci"}}, "macro_f1", "macro_f1_ci", "exact_match"}``.
    """
    gold, pred = np.asarray(gold, dtype=bool), np.asarray(pred, dtype=bool)
    n = len(gold)
    weights = np.ones((1, n))
    if resamples and n:
        rng = np.random.default_rng(seed)
        draws = rng.integers(0, n, size=(resamples, n))
        boot = np.zeros((resamples, n))
        np.add.at(boot, (np.repeat(np.arange(resamples), n), draws.ravel()), 1.0)
        weights = np.vstack([weights, boot])
    g, p = gold.astype(float), pred.astype(float)
    tp, fp, fn = weights @ (g * p), weights @ ((1 - g) * p), weights @ (g * (1 - p))
    precision, recall, f1 = _prf(tp, fp, fn)
    present = gold.any(axis=0)
    macro = f1[:, present].mean(axis=1) if present.any() else np.zeros(len(weights))
    exact = weights @ (gold == pred).all(axis=1).astype(float) / max(n, 1)

    def ci(values):
        if len(values) < 2:
            return None
        lo, hi = np.percentile(values[1:], [2.5, 97.5])
        return [round(float(lo), 3), round(float(hi), 3)]

    per_class = {}
    for i, c in enumerate(classes):
        per_class[c] = {"precision": round(float(precision[0, i]), 3), "recall": round(float(recall[0, i]), 3),
                        "f1": round(float(f1[0, i]), 3), "support": int(gold[:, i].sum()),
                        "precision_ci": ci(precision[:, i]), "recall_ci": ci(recall[:, i]), "f1_ci": ci(f1[:, i])}
    return {"n": n, "per_class": per_class, "macro_f1": round(float(macro[0]), 3), "macro_f1_ci": ci(macro),
            "exact_match": round(float(exact[0]), 3) if n else 0.0}


def confusion(gold: Sequence, pred: Sequence, classes: Sequence[str], empty: str | None = None) -> list[list[int]]:
    """Rows gold, columns predicted. Label sets count every (gold type, predicted type) pair;
    ``empty`` names the class an empty set counts as (the typology's ``none``)."""
    index = {c: i for i, c in enumerate(classes)}
    table = [[0] * len(classes) for _ in classes]
    for g, p in zip(gold, pred):
        gs = [g] if isinstance(g, str) else (list(g) or ([empty] if empty else []))
        ps = [p] if isinstance(p, str) else (list(p) or ([empty] if empty else []))
        for a in gs:
            for b in ps:
                if a in index and b in index:
                    table[index[a]][index[b]] += 1
    return table


def _num(value: float) -> str:
    return f"{value:.2f}"


def _ci(values) -> str:
    return f" ({_num(values[0])}–{_num(values[1])})" if values else ""


def methods_table(results: dict[str, dict], classes: Sequence[str], label: str = "method") -> str:
    """One row per method: F1 per class, macro-F1 with its interval."""
    head = f"| {label} | " + " | ".join(classes) + " | macro-F1 (95 % CI) |"
    rule = "|---|" + "---:|" * (len(classes) + 1)
    rows = [f"| {name} | " + " | ".join(_num(s["per_class"][c]["f1"]) for c in classes)
            + f" | **{_num(s['macro_f1'])}**{_ci(s['macro_f1_ci'])} |" for name, s in results.items()]
    return "\n".join([head, rule, *rows])


def class_table(s: dict, classes: Sequence[str]) -> str:
    """Precision, recall and F1 per class, each with its 95 % interval, and support."""
    lines = ["| class | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for c in classes:
        v = s["per_class"][c]
        lines.append(f"| {c} | {_num(v['precision'])}{_ci(v['precision_ci'])} | {_num(v['recall'])}{_ci(v['recall_ci'])}"
                     f" | {_num(v['f1'])}{_ci(v['f1_ci'])} | {v['support']} |")
    return "\n".join(lines)


def confusion_table(table: list[list[int]], classes: Sequence[str]) -> str:
    lines = ["| gold \\ predicted | " + " | ".join(classes) + " |", "|---|" + "---:|" * len(classes)]
    lines += [f"| {g} | " + " | ".join(str(v) for v in row) + " |" for g, row in zip(classes, table)]
    return "\n".join(lines)


def trained_on(meta: dict, rows: str = "coded") -> str:
    """What a model was trained on, from its ``meta`` (``trained_on`` and the optional ``extra`` rows)."""
    t, extra = meta.get("trained_on", {}), meta.get("extra")
    text = (f"Model trained on {t.get('messages')} messages of {t.get('source')} "
            f"({'/'.join(t.get('splits', []))}; fingerprint {t.get('sha256')})")
    if extra:
        text += (f"{' and' if extra.get('used') else ', not on'} the {extra.get('messages')} {rows} rows of "
                 f"{extra.get('source')} (fingerprint {extra.get('sha256')})")
    return text


def replace_section(path: str | Path, name: str, content: str) -> Path:
    """Replace the text between ``<!-- BEGIN name -->`` and ``<!-- END name -->`` in ``path``.

    Raises
    ------
    InputError
        When the document lacks the markers (say where they should go).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such document") from None
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise InputError(f"{path}: no '{begin}' … '{end}' markers; add them where the tables should go")
    path.write_text(pattern.sub(lambda _: f"{begin}\n{content.strip()}\n{end}", text, count=1), encoding="utf-8")
    return path
