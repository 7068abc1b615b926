"""The labelled Dutch development set of the typology, and label (de)serialising.

``civicnet/text/data/typology_dev.csv`` — columns ``id,text,labels,sender,split``:
335 government-style Dutch messages written for civicnet (see docs/typology.md for
how they were written and labelled), ``labels`` the ``;``-joined types or ``none``,
``sender`` the kind of account the message imitates, ``split`` either ``dev``
(training and rule development, 70%) or ``test`` (held out, 30%, stratified by label
set with a fixed seed).
"""

from __future__ import annotations

import csv
from importlib import resources

from civicnet.errors import InputError
from civicnet.text.typology.rules import TYPES


def parse_labels(value: str | None) -> frozenset[str]:
    """``"call;personal"`` → ``{"call", "personal"}``; ``"none"`` or empty → empty set.

    Raises
    ------
    InputError
        For a label that is not one of the six types or ``none``.
    """
    if value is None:
        return frozenset()
    parts = {p.strip().lower() for p in value.replace(",", ";").split(";") if p.strip()}
    parts.discard("none")
    unknown = parts - set(TYPES)
    if unknown:
        raise InputError(f"unknown message type(s) {sorted(unknown)}; use {', '.join(TYPES)} or none, joined by ';'")
    return frozenset(parts)


def format_labels(labels: frozenset[str] | set[str]) -> str:
    """The CSV form: types in the codebook's order joined by ``;``, or ``none``."""
    return ";".join(t for t in TYPES if t in labels) or "none"


def load_dev_set(split: str | None = None) -> list[dict]:
    """Rows of the shipped labelled set (``labels`` parsed to frozensets).

    Parameters
    ----------
    split : {"dev", "test"} or None
        Only that split; None for all rows.
    """
    text = resources.files("civicnet.text").joinpath("data", "typology_dev.csv").read_text(encoding="utf-8")
    rows = []
    for row in csv.DictReader(text.splitlines()):
        if split is None or row["split"] == split:
            rows.append({**row, "labels": parse_labels(row["labels"])})
    return rows
