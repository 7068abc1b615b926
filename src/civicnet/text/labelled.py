"""Reading labelled message sets: a labels CSV, optionally joined to messages and a split.

Two layouts are read:

* one CSV with the text and the labels (``id,text,labels`` as ``civicnet typology
  export`` writes it and coders fill it in; a ``split`` column may say
  ``train``/``dev``/``test``);
* the datasets layout (datasets/README.md): ``labels.csv`` (``id`` and the label
  columns), ``messages.csv`` (``id,…,text``) and ``split.csv`` (``id,split``), joined
  on ``id``.

Files are read as UTF-8 (with or without BOM); every problem is an
:class:`~civicnet.errors.InputError` naming the file, the line and what to do.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from civicnet.errors import InputError

SPLITS = ("train", "dev", "test")


def read_csv(path, required: Sequence[str] = ()) -> list[dict]:
    """Rows of a CSV as dicts; ``required`` columns must be there."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}; "
                                 f"found {', '.join(reader.fieldnames or []) or 'none'}")
            rows = list(reader)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV ({exc})") from None
    return rows


def _by_id(path, rows: list[dict], column: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        key = (row.get("id") or "").strip()
        if not key:
            raise InputError(f"{path} (line {number}): empty id")
        if key in out:
            raise InputError(f"{path} (line {number}): id {key!r} appears twice")
        out[key] = row.get(column) or ""
    return out


def read_labelled(labels, messages=None, split=None, *, label_columns: Sequence[str],
                  optional_columns: Sequence[str] = ()) -> list[dict]:
    """Labelled rows ``{id, text, split, <label columns>…, line}``.

    Parameters
    ----------
    labels : path
        CSV with the label columns; with a ``text`` column, or joined to ``messages``.
    messages : path, optional
        CSV with ``id`` and ``text`` (the datasets layout).
    split : path, optional
        CSV with ``id`` and ``split`` (train, dev or test); else the labels' own
        ``split`` column where there is one, else no split (``None``).
    label_columns : sequence of str
        The columns that must be in the labels CSV. A first name given as ``a|b``
        accepts either column (``labels|types``) and is read as ``a``.
    optional_columns : sequence of str
        Read when present (None otherwise).
    """
    names = [c.split("|") for c in label_columns]
    rows = read_csv(labels)
    header = set(rows[0]) if rows else set()
    chosen = []
    for alternatives in names:
        found = next((a for a in alternatives if a in header), None)
        if found is None:
            raise InputError(f"{labels}: missing column {' or '.join(alternatives)}; "
                             f"a labels CSV needs {', '.join('/'.join(a) for a in names)}")
        chosen.append((alternatives[0], found))
    if messages and not Path(messages).is_file() and "local" in Path(messages).parts:
        raise InputError(f"{messages}: no such file; the texts of the datasets are not committed: "
                         f"rebuild them with `python datasets/extract.py` (datasets/README.md)")
    texts = _by_id(messages, read_csv(messages, ("id", "text")), "text") if messages else None
    splits = _by_id(split, read_csv(split, ("id", "split")), "split") if split else None
    if texts is None and "text" not in header:
        raise InputError(f"{labels}: no 'text' column; give the messages CSV with --messages")
    out = []
    for number, row in enumerate(rows, start=2):
        key = (row.get("id") or "").strip()
        text = row.get("text") if texts is None else texts.get(key)
        if text is None:
            raise InputError(f"{labels} (line {number}): id {key!r} is not in {messages}")
        part = splits.get(key) if splits is not None else (row.get("split") or None)
        if splits is not None and part is None:
            raise InputError(f"{labels} (line {number}): id {key!r} is not in {split}")
        if part is not None and part not in SPLITS:
            raise InputError(f"{labels if splits is None else split}: id {key!r} has split {part!r}; "
                             f"use {', '.join(SPLITS)}")
        item = {"id": key or str(number - 1), "text": text, "split": part, "line": number}
        item.update({name: row.get(found) for name, found in chosen})
        item.update({name: row.get(name) for name in optional_columns})
        out.append(item)
    if not out:
        raise InputError(f"{labels}: no labelled rows")
    return out


def choose(rows: list[dict], parts: Sequence[str]) -> list[dict]:
    """The rows of the given splits; rows without a split count as training rows."""
    return [r for r in rows if (r["split"] or "train") in parts]
