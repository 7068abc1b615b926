"""Excel workbooks (.xlsx), opened only after every part has been checked.

An .xlsx is a zip of XML parts. Before openpyxl reads one (read-only, rows streamed;
it parses with defusedxml when that is installed, as civicnet's dependencies make
sure), :func:`check_parts` looks at every part:

* none may declare a DTD (``<!DOCTYPE``): no entity (a "billion laughs" bomb, an
  external entity pulling in a file or URL) can be defined, whatever the parser;
* none may unpack to more than :data:`MAX_PART_BYTES`, nor a large part to more than
  :data:`MAX_PART_RATIO` times its compressed size (a 1 MB file hiding a 1 GiB shared
  string), nor all together to more than :data:`MAX_TOTAL_BYTES`.

A refused workbook is one FormatError line; openpyxl never sees it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from typing import Iterator

from . import _text
from ._io import SourceFile

MAX_PART_BYTES = 512 << 20
MAX_TOTAL_BYTES = 1 << 30
MAX_PART_RATIO = 100
_RATIO_FROM = 16 << 20
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_parts(zf: zipfile.ZipFile, source: SourceFile, fmt: str) -> None:
    """Refuse a workbook with a DTD in any part, or parts that unpack too large (see the module docstring)."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
            raise source.error(f"the workbook's part {info.filename} unpacks to {info.file_size >> 20} MiB "
                               f"(at most {MAX_PART_BYTES >> 20} MiB a part, {MAX_TOTAL_BYTES >> 30} GiB in all): "
                               "refused", fmt=fmt)
        if info.file_size > _RATIO_FROM and info.file_size > MAX_PART_RATIO * max(info.compress_size, 1):
            raise source.error(f"the workbook's part {info.filename} unpacks to {info.file_size >> 20} MiB from "
                               f"{max(info.compress_size >> 10, 1)} KiB, over {MAX_PART_RATIO} times: refused as a "
                               "possible zip bomb", fmt=fmt)
        if not info.is_dir():
            with zf.open(info) as part:
                head = part.read(8192)
            text = _text.decode_head(head, _text.sniff(head) or "latin-1") or ""
            if _DTD.search(text):
                raise source.error(f"the workbook's part {info.filename} declares a DTD (<!DOCTYPE …>); refused, "
                                   "since entities in it could expand without bound or pull in other files; "
                                   "save the workbook again from Excel or LibreOffice", fmt=fmt)


@contextmanager
def open_workbook(source: SourceFile, fmt: str):
    """An .xlsx workbook opened read-only (rows streamed) after :func:`check_parts`; gzip is unpacked first."""
    from openpyxl import load_workbook

    with tempfile.TemporaryFile() if source.compressed else open(source.path, "rb") as fh:
        if source.compressed:
            with source.open_binary() as gz:
                shutil.copyfileobj(gz, fh)
            fh.seek(0)
        try:
            with zipfile.ZipFile(fh) as zf:
                check_parts(zf, source, fmt)
            fh.seek(0)
            book = load_workbook(fh, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
            raise source.error(f"not a readable .xlsx workbook ({type(exc).__name__}: {_one_line(exc)})",
                               fmt=fmt) from None
        try:
            yield book
        finally:
            book.close()


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]


def find_sheet(book, name: str):
    """The worksheet called ``name`` (case- and space-blind), or None."""
    return next((book[s] for s in book.sheetnames if s.strip().lower() == name.lower()), None)


def sheet_rows(sheet, first_column: str, source: SourceFile, fmt: str, rename=None, max_skip: int = 5) -> Iterator:
    """First the header (a list), then ``(row number, {column: value})`` for each non-empty row.

    The header is the first of the top rows holding a ``first_column`` cell (after
    ``rename``); rows above it (a group row) are skipped.
    """
    rename = rename or (lambda c: c)
    header = None
    try:
        for n, values in enumerate(sheet.iter_rows(values_only=True), 1):
            if header is None:
                cells = [rename(str(v).strip()) if v is not None else "" for v in values]
                if first_column in cells:
                    header = cells
                    yield header
                elif n > max_skip:
                    break
                continue
            if any(v is not None and v != "" for v in values):
                yield n, {h: v for h, v in zip(header, values) if h}
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise source.error(f"worksheet {sheet.title!r} cannot be read ({_one_line(exc)})", fmt=fmt) from None
    if header is None:
        raise source.error(f"worksheet {sheet.title!r} has no header row with a {first_column!r} column", fmt=fmt)
