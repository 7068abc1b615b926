"""The manual coding round trip of the typology, and agreement between coders.

:func:`export_sample` writes a sample stratified by the classifier's predicted types
for coders (no predictions in the file, so coders are not primed); each coder fills
the ``labels`` column of a copy; :func:`import_labels` reads the copies back;
:func:`coder_agreement` gives Cohen's kappa per type (present/absent, the usual
choice for multi-label coding) and its mean between two coders. A filled-in copy is
what ``civicnet typology train`` learns from.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from civicnet.errors import InputError
from civicnet.text.typology import classify_many
from civicnet.text.typology.dataset import format_labels, parse_labels
from civicnet.text.typology.rules import TYPES


def export_sample(messages: Iterable[dict], path, n: int = 200, *, seed: int = 1, language: str | None = "nl", method: str = "model") -> int:
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


def case_government_messages(store, case) -> list[dict]:
    """``{"id", "text"}`` of every counted message the case's government accounts wrote.

    ``store`` holds the case (ingested); the case file's ``government:`` entries name
    the accounts (:func:`civicnet.store.government.government_accounts`).
    """
    from civicnet.store.government import government_accounts
    from civicnet.store.views import use_case

    use_case(store, case.id)
    ids = {(g.platform, g.account_id) for g in government_accounts(store, case)}
    return [{"id": mid, "text": text}
            for platform, account, mid, text in store.sql("SELECT platform, account, id, text FROM case_messages ORDER BY platform, id")
            if (platform, account) in ids]


def export_case_sample(case_path, out, *, n: int = 200, seed: int = 1, store_path=None,
                       allow_outside: bool = False) -> tuple[int, int]:
    """``civicnet typology export``: a coding sample of a case's government messages.

    ``case_path``: a case file, or a loaded :class:`~civicnet.case.Case`. Opens the case's store
    read-only (it must have been imported: ``civicnet ingest``, or ``civicnet run`` on either engine).
    Returns (rows written, government messages).
    """
    from civicnet.case import Case, load_case
    from civicnet.store import Store, default_store_path
    from civicnet.store.spark_records import shown

    case = case_path if isinstance(case_path, Case) else load_case(case_path, allow_outside=allow_outside)
    with Store(store_path or default_store_path(case.path), read_only=True) as store, shown(store, case):
        rows = case_government_messages(store, case)
    return export_sample(rows, out, n=n, seed=seed, language=case.language), len(rows)


def agreement_lines(first, second) -> list[str]:
    """``civicnet typology agreement``: kappa per type between two coders' files, as lines of text."""
    coded = import_labels({"first": first, "second": second})
    result = coder_agreement(coded["first"], coded["second"])
    if result["mean_kappa"] is None:
        lines = [f"messages coded by both: {result['n']}"]
    else:
        lines = [f"messages coded by both: {result['n']}; exact agreement {result['exact_agreement']:.2f}; "
                 f"mean kappa {result['mean_kappa']:.2f}"]
    for label, kappa in result["kappa"].items():
        lines.append(f"  {label:10s} kappa {kappa:.2f}" if kappa is not None else f"  {label:10s} kappa –")
    return lines
