"""A data file given where a case file is expected: the case of that one file.

``civicnet run export.jsonl --out DIR`` (and every command that reads a case file, and
:func:`civicnet.load_case`) accepts an export that civicnet recognises in place of a case file:
the case then holds that file alone, with every field at its case-file default — id and title
from the file's name, language ``nl``, no government accounts named, the main network
``mention``. :attr:`Case.implied_format` says so, so the CLI can tell the user that a case file
would let them name the government accounts, the period and the language (docs/case-file.md).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .case import Case, parse_case
from .errors import InputError

_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


def case_id(name: str) -> str:
    """A case id (letters, digits, ``.``, ``_``, ``-``; at most 100, starting with a letter or digit)
    made from a file name: other characters become ``-``."""
    cleaned = _NOT_ID.sub("-", name).strip("-._")[:100].rstrip("-._")
    return cleaned or "case"


def implied_case(path: Path) -> Case | None:
    """The case of the export file ``path`` alone, or None when civicnet recognises no format in it."""
    from .sources import detect
    from .sources._io import SourceFile

    try:
        fmt = detect(SourceFile(path))
    except (InputError, OSError, ValueError):
        return None
    data = {"id": case_id(path.name), "title": path.name, "sources": [path.name]}
    return replace(parse_case(data, path), implied_format=fmt)
