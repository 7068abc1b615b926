"""An export file, or a folder of them, given where a case file is expected: the case of those files.

``civicnet run export.jsonl --out DIR`` (and every command that reads a case file, and
:func:`civicnet.load_case`) accepts an export that civicnet recognises in place of a case file, and
``civicnet run exports/`` a folder: its ``case.yaml`` when it has one, else every export in it that
civicnet recognises (the folder itself, not below it; hidden files and others are left out). The
case then holds those files, with every field at its case-file default — id and title from the
file's or folder's name, no government accounts named, the main network ``mention`` — except the
language: ``en`` when most of the files' first messages whose language is known are English (by the
platform's own language field, else :func:`~civicnet.text.stopwords.guess_language`), else ``nl``.
:attr:`Case.implied_format` names the formats, so the CLI can tell the user that a case file would
let them name the government accounts, the period and the language (docs/case-file.md).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from pathlib import Path

from .case import Case, parse_case
from .errors import CaseFileError, InputError

_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")
#: Records read per file to tell the case's language.
LANGUAGE_SAMPLE = 500
#: The case file a folder may hold (``civicnet run folder/`` reads it).
CASE_FILE = "case.yaml"


def case_id(name: str) -> str:
    """A case id (letters, digits, ``.``, ``_``, ``-``; at most 100, starting with a letter or digit)
    made from a file name: other characters become ``-``."""
    cleaned = _NOT_ID.sub("-", name).strip("-._")[:100].rstrip("-._")
    return cleaned or "case"


def implied_case(path: Path) -> Case | None:
    """The case of the export file ``path`` alone, or None when civicnet recognises no format in it.

    A symbolic link stands for the file it points to (the user named it; its store is beside that file).
    """
    path = path.resolve()
    fmt = _format(path)
    if fmt is None:
        return None
    return _case(path, path.name, [(path, fmt)], ())


def folder_case(folder: Path) -> Case:
    """The case of the exports in ``folder`` (not its subfolders); :class:`CaseFileError` when it has none."""
    found, left_out = [], []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        fmt = _format(path) if path.is_file() else None
        (found.append((path, fmt)) if fmt else left_out.append(path.name))
    if not found:
        inner = folder / "data"  # an X account archive as unzipped: its files are in data/
        if inner.is_dir() and any(_format(p) for p in inner.iterdir() if p.is_file() and p.suffix == ".js"):
            raise CaseFileError(folder, f"a folder with no {CASE_FILE} and no export file civicnet recognises; its "
                                        f"data folder holds an X account archive: name that folder ({inner})")
        raise CaseFileError(folder, f"a folder with no {CASE_FILE} and no export file civicnet recognises "
                                    "(`civicnet formats` lists them)")
    return _case(folder / CASE_FILE, folder.resolve().name, found, tuple(left_out))


def _case(path: Path, name: str, files: list[tuple[Path, str]], left_out: tuple[str, ...]) -> Case:
    english = known = 0
    for file, fmt in files:
        e, k = language_votes(file, fmt)
        english, known = english + e, known + k
    data = {"id": case_id(name), "title": name, "sources": [f.name for f, _ in files],
            "language": "en" if english * 2 > known else "nl"}
    formats = ", ".join(dict.fromkeys(fmt for _, fmt in files))
    return replace(parse_case(data, path), implied_format=formats, implied_left_out=left_out)


def _format(path: Path) -> str | None:
    from .sources import SourceFile, detect

    try:
        return detect(SourceFile(path))
    except (InputError, OSError, ValueError):
        return None


def language_votes(path: Path, fmt: str) -> tuple[int, int]:
    """(English, any known language): the messages of the first :data:`LANGUAGE_SAMPLE` records, by the
    platform's language field, else by the function words (none for a file that cannot be read)."""
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
        return 0, 0
    return english, known
