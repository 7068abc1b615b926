"""Evaluating the typology, and the manual coding round trip.

Scores (multi-label, per type): precision, recall and F1 of each of the six types,
their unweighted mean (macro-F1), exact-match accuracy of the label set, and a
confusion matrix whose cell (gold *g*, predicted *p*) counts messages that carry type
*g* in the gold labels and got type *p* from the classifier (``none`` = empty set); the
diagonal holds the hits. Baselines: the *majority* label set of the training rows given
to every message, and a plain *keyword* list (:data:`KEYWORDS`, a few words per type,
any hit assigns the type).

Round trip: :func:`export_sample` writes a sample stratified by the classifier's
predicted types for coders (no predictions in the file, so coders are not primed);
each coder fills the ``labels`` column of a copy; :func:`import_labels` reads the
copies back; :func:`coder_agreement` gives Cohen's kappa per type and its mean between
two coders; :func:`evaluate_labels_csv` scores the classifier against a labelled CSV —
the library side of ``civicnet typology evaluate LABELS.csv`` — and
:func:`format_report` renders any report as plain text for the CLI to print.
"""

from __future__ import annotations

import csv
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from civicnet.errors import InputError
from civicnet.text.typology import classify_many
from civicnet.text.typology.dataset import format_labels, load_dev_set, parse_labels
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
_KEYWORD_RX = {t: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ws) + r")(?!\w)", re.IGNORECASE) for t, ws in KEYWORDS.items()}


def keyword_baseline(text: str | None) -> frozenset[str]:
    """The plain keyword list's types for a message."""
    if not text or len(content_words(text)) < 2:
        return frozenset()
    return frozenset(t for t, rx in _KEYWORD_RX.items() if rx.search(text))


def scores(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]) -> dict:
    """Precision, recall, F1 per type, macro-F1, exact match and the confusion matrix."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    per_type = {}
    for t in TYPES:
        tp = sum(1 for g, p in zip(gold, predicted) if t in g and t in p)
        fp = sum(1 for g, p in zip(gold, predicted) if t not in g and t in p)
        fn = sum(1 for g, p in zip(gold, predicted) if t in g and t not in p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[t] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "support": tp + fn}
    classes = list(TYPES) + ["none"]
    matrix = {g: {p: 0 for p in classes} for g in classes}
    for g, p in zip(gold, predicted):
        for gt in g or {"none"}:
            for pt in p or {"none"}:
                matrix[gt][pt] += 1
    return {
        "n": len(gold),
        "per_type": per_type,
        "macro_f1": round(sum(v["f1"] for v in per_type.values()) / len(TYPES), 3),
        "exact_match": round(sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold), 3) if gold else 0.0,
        "confusion": matrix,
    }


def _majority(train_labels: Iterable[frozenset[str]]) -> frozenset[str]:
    counts = Counter(train_labels)
    return max(counts, key=lambda k: (counts[k], format_labels(k)))


def evaluate(
    rows: Sequence[dict], language: str | None = "nl", *, methods: Sequence[str] = ("rules", "trained", "hybrid"),
    train_rows: Sequence[dict] | None = None,
) -> dict:
    """Score classifiers and baselines on labelled rows.

    Parameters
    ----------
    rows : sequence of dict
        ``text`` and ``labels`` (frozenset) per message — the rows to score on.
    language : str or None
        Passed to the classifiers.
    methods : sequence of str
        Classifier methods to score (see :mod:`civicnet.text.typology`).
    train_rows : sequence of dict, optional
        Rows to train the trained methods and to take the majority label set from;
        default: the ``dev`` split of the shipped set.

    Returns
    -------
    dict
        ``{"n": …, "methods": {name: scores}}`` with the baselines ``majority`` and
        ``keyword`` next to the methods.
    """
    train_rows = list(train_rows) if train_rows is not None else load_dev_set("dev")
    texts = [r["text"] for r in rows]
    gold = [r["labels"] for r in rows]
    model_for = {}
    if any(m in ("trained", "hybrid") for m in methods) and train_rows is not None:
        from civicnet.text.typology.model import train

        for m in methods:
            if m in ("trained", "hybrid"):
                model_for[m] = train([r["text"] for r in train_rows], [r["labels"] for r in train_rows], hybrid=(m == "hybrid"), language=language)
    results = {
        "majority": scores(gold, [_majority(r["labels"] for r in train_rows)] * len(rows)),
        "keyword": scores(gold, [keyword_baseline(t) for t in texts]),
    }
    for m in methods:
        results[m] = scores(gold, classify_many(texts, language, method=m, model=model_for.get(m)))
    return {"n": len(rows), "methods": results}


def evaluate_test_split(language: str | None = "nl") -> dict:
    """Train on the shipped ``dev`` split, score on the held-out ``test`` split only."""
    report = evaluate(load_dev_set("test"), language, train_rows=load_dev_set("dev"))
    report["data"] = "shipped typology_dev.csv, test split (trained on the dev split)"
    return report


def read_labels_csv(path) -> list[dict]:
    """Rows of a labelled CSV: needs ``text`` and ``labels`` columns (``id`` optional)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"text", "labels"} - set(reader.fieldnames or [])
            if missing:
                raise InputError(f"{path}: missing column(s) {sorted(missing)}; a labels CSV needs 'text' and 'labels' (types joined by ';', or none)")
            rows = []
            for number, row in enumerate(reader, start=2):
                try:
                    rows.append({**row, "labels": parse_labels(row["labels"])})
                except InputError as exc:
                    raise InputError(f"{path} (line {number}): {exc}") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    if not rows:
        raise InputError(f"{path}: no labelled rows")
    return rows


def evaluate_labels_csv(path, language: str | None = "nl", methods: Sequence[str] = ("rules", "trained", "hybrid")) -> dict:
    """Score the classifiers against a labelled CSV (``civicnet typology evaluate LABELS.csv``).

    The trained methods are trained on the shipped dev split; the CSV is used for
    scoring only.
    """
    report = evaluate(read_labels_csv(path), language, methods=methods)
    report["data"] = str(path)
    return report


def export_sample(messages: Iterable[dict], path, n: int = 200, *, seed: int = 1, language: str | None = "nl", method: str = "rules") -> int:
    """Write a sample for manual coding, stratified by the classifier's predicted types.

    Parameters
    ----------
    messages : iterable of dict
        Rows with ``id`` and ``text`` (government messages of a case).
    path : path-like
        CSV to write: ``id,text,labels`` with ``labels`` empty, for the coder to fill.
    n : int
        Sample size; strata (predicted label sets) get equal shares as far as they
        have messages, the rest goes to the largest strata.
    seed : int
        Makes the sample reproducible.

    Returns
    -------
    int
        Rows written.
    """
    rows = [m for m in messages if m.get("text")]
    predicted = classify_many([m["text"] for m in rows], language, method=method)
    strata: dict[str, list[dict]] = defaultdict(list)
    for row, labels in zip(rows, predicted):
        strata[format_labels(labels)].append(row)
    rng = random.Random(seed)
    for key in sorted(strata):
        rng.shuffle(strata[key])
    chosen: list[dict] = []
    keys = sorted(strata, key=lambda k: (len(strata[k]), k))
    budget = min(n, len(rows))
    for i, key in enumerate(keys):
        share = (budget - len(chosen)) // (len(keys) - i)
        chosen.extend(strata[key][:share])
    rng.shuffle(chosen)
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "labels"])
        for row in chosen:
            writer.writerow([row["id"], row["text"], ""])
    return len(chosen)


def import_labels(paths: dict[str, object]) -> dict[str, dict[str, frozenset[str]]]:
    """Read coders' filled-in copies: ``{coder: path}`` → ``{coder: {id: labels}}``.

    Rows with an empty ``labels`` cell (not coded) are left out; ``none`` is a code.
    """
    result = {}
    for coder, path in paths.items():
        coded = {}
        for row in read_labels_csv_allow_empty(path):
            if row["labels"] is not None:
                coded[row.get("id") or row["text"]] = row["labels"]
        result[coder] = coded
    return result


def read_labels_csv_allow_empty(path) -> list[dict]:
    """Like :func:`read_labels_csv`, but an empty ``labels`` cell gives ``labels=None``."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not {"text", "labels"} <= set(reader.fieldnames or []):
            raise InputError(f"{path}: a coding file needs 'id', 'text' and 'labels' columns")
        rows = []
        for number, row in enumerate(reader, start=2):
            cell = (row.get("labels") or "").strip()
            try:
                rows.append({**row, "labels": parse_labels(cell) if cell else None})
            except InputError as exc:
                raise InputError(f"{path} (line {number}): {exc}") from None
    return rows


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """Cohen's kappa of two binary codings; None when chance agreement is 1 (undefined)."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(1 for x, y in zip(a, b) if x == y) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected == 1:
        return None
    return round((observed - expected) / (1 - expected), 3)


def coder_agreement(first: dict[str, frozenset[str]], second: dict[str, frozenset[str]]) -> dict:
    """Cohen's kappa per type (present/absent) between two codings of the same messages.

    Returns ``{"n": shared messages, "kappa": {type: κ or None}, "mean_kappa": …,
    "exact_agreement": share of identical label sets}``.
    """
    ids = sorted(set(first) & set(second))
    kappas = {t: cohen_kappa([t in first[i] for i in ids], [t in second[i] for i in ids]) for t in TYPES}
    defined = [k for k in kappas.values() if k is not None]
    return {
        "n": len(ids),
        "kappa": kappas,
        "mean_kappa": round(sum(defined) / len(defined), 3) if defined else None,
        "exact_agreement": round(sum(1 for i in ids if first[i] == second[i]) / len(ids), 3) if ids else None,
    }


def format_report(report: dict) -> str:
    """Plain-text rendering of an :func:`evaluate` report (for the CLI to print)."""
    lines = [f"data: {report.get('data', '')}   messages: {report['n']}", ""]
    methods = report["methods"]
    lines.append(f"{'method':<10}" + "".join(f"{t:>10}" for t in TYPES) + f"{'macro-F1':>10}{'exact':>8}")
    for name, s in methods.items():
        lines.append(f"{name:<10}" + "".join(f"{s['per_type'][t]['f1']:>10.3f}" for t in TYPES) + f"{s['macro_f1']:>10.3f}{s['exact_match']:>8.3f}")
    for name, s in methods.items():
        if name in ("majority", "keyword"):
            continue
        lines += ["", f"{name}: precision / recall / F1 (support)"]
        for t in TYPES:
            v = s["per_type"][t]
            lines.append(f"  {t:<9} {v['precision']:.3f} / {v['recall']:.3f} / {v['f1']:.3f} ({v['support']})")
        classes = list(TYPES) + ["none"]
        lines += ["", f"{name}: confusion (rows gold, columns predicted)", " " * 10 + "".join(f"{c[:8]:>9}" for c in classes)]
        for g in classes:
            lines.append(f"  {g:<8}" + "".join(f"{s['confusion'][g][p]:>9}" for p in classes))
    return "\n".join(lines)
