"""A data file given where a case file is expected: the case of that one file.

``civicnet run export.jsonl --out DIR`` (and every command that reads a case file, and
:func:`civicnet.load_case`) accepts an export that civicnet recognises in place of a case file:
the case then holds that file alone, with every field at its case-file default — id and title
from the file's name, no government accounts named, the main network ``mention`` — except the
language: ``en`` when most of the file's first messages whose language is known are English (by the
platform's own language field, else :func:`~civicnet.text.stopwords.guess_language`), else ``nl``. :attr:`Case.implied_format` says so, so the CLI can tell the user that a case file
would let them name the government accounts, the period and the language (docs/case-file.md).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from pathlib import Path

from .case import Case, parse_case
from .errors import InputError

_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")
#: Records read to tell the file's language.
LANGUAGE_SAMPLE = 500


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
    data = {"id": case_id(path.name), "title": path.name, "sources": [path.name],
            "language": file_language(path, fmt)}
    return replace(parse_case(data, path), implied_format=fmt)


def file_language(path: Path, fmt: str) -> str:
    """``en`` when more than half of the first :data:`LANGUAGE_SAMPLE` records' messages whose language is
    known are English, else ``nl`` (the case file's default; also for a file without texts, or one that
    cannot be read)."""
    from .sources import SourceFile, get, map_one
    from .text.stopwords import guess_language

    module = get(fmt)
    english = known = 0
    try:
        for raw in islice(module.iter_raw(SourceFile(path), {}), LANGUAGE_SAMPLE):
            for message in getattr(map_one(module, raw), "messages", ()):
                code = (message.language or "")[:2].lower() or guess_language(message.text)
                if code:
                    known += 1
                    english += code == "en"
    except (InputError, OSError, ValueError):
        return "nl"
    return "en" if english * 2 > known else "nl"
