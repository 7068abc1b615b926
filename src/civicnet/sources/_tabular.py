"""Helpers for spreadsheet-like exports: local date formats, header rows, cell values.

Used by the NodeXL and generic CSV importers (and any other format whose dates
come as local text such as ``23-05-2019 14:05`` or ``5/23/2019 2:05 PM``).
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import InputError, RecordError
from ._io import SourceFile, _chain
from ._map import parse_time

#: Excel's serial dates count days from 1899-12-30.
_EXCEL_EPOCH = datetime(1899, 12, 30)
#: How Excel writes dates in a CSV under US regional settings (NodeXL's default).
US_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y")
_FALSE = {"false", "0", "no", "nee", "n", "f"}
_TRUE = {"true", "1", "yes", "ja", "y", "t"}


def zone(name: Any, where: str) -> ZoneInfo | None:
    """A ``timezone:`` option as a ZoneInfo (None when not given)."""
    if name is None:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"{where}: unknown timezone {name!r}; use an IANA name such as Europe/Amsterdam or UTC") from None


def date_formats(value: Any, where: str) -> tuple[str, ...]:
    """A ``date_format:`` option (one strptime format or a list of them)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise InputError(f"{where}: `date_format` must be a strptime format such as \"%d-%m-%Y %H:%M\" or a list of them")
    return tuple(value)


def parse_local_time(value: Any, formats: tuple[str, ...] = (), tz: ZoneInfo | None = None,
                     what: str = "date", excel_serial: bool = False) -> datetime | None:
    """A timestamp in UTC from text in one of ``formats``, ISO 8601 or the other forms of ``parse_time``.

    A time without an offset is read in ``tz`` (UTC when None). With
    ``excel_serial`` a number is an Excel serial date (days since 1899-12-30)
    rather than epoch seconds. Absent values give None; unreadable ones a
    RecordError naming the formats tried.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and excel_serial:
        value = _EXCEL_EPOCH + timedelta(days=float(value))
    if isinstance(value, str):
        value = _strptime(value.strip(), formats, what)
    if isinstance(value, datetime) and value.tzinfo is None and tz is not None:
        value = value.replace(tzinfo=tz)
    return parse_time(value, what)


def _strptime(text: str, formats: tuple[str, ...], what: str) -> datetime:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return parse_time(text, what).replace(tzinfo=None) if _is_naive_text(text) else parse_time(text, what)
    except RecordError:
        expected = " or ".join(formats + ("ISO 8601",))
        raise RecordError(f"unparseable {what}: {text[:60]!r} (expected {expected}; set `date_format:`)") from None


def _is_naive_text(text: str) -> bool:
    """True when an ISO-like text has no offset (so the `timezone:` option applies)."""
    return not re.search(r"(Z|[+-]\d{2}:?\d{2}|UTC|GMT)$", text) and not text.isdigit()


def parse_bool(value: Any, what: str) -> bool | None:
    """true/false, 1/0, yes/no (ja/nee); empty is absent."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RecordError(f"{what} is not true/false: {text[:30]!r}")


def sniff_delimiter(line: str) -> str:
    """Comma, semicolon or tab: whichever the header line holds most of."""
    return max([",", ";", "\t"], key=line.count)


def iter_csv_from_header(source: SourceFile, is_header, fmt: str, max_skip: int = 5,
                         rename=None) -> Iterator[tuple[str, list[str], dict[str, str]]]:
    """Rows of a CSV whose header is the first row for which ``is_header(cells)`` holds.

    Up to ``max_skip`` rows above it (a spreadsheet's group header row) are
    skipped. Yields ``(location, header, row)`` for every non-blank data row; a
    file without such a header is a FormatError. The delimiter (comma, semicolon
    or tab) is sniffed from the header line. ``rename`` maps each header cell to the
    name used as the row's key (e.g. a canonical spelling).
    """
    csv.field_size_limit(64 * 1024 * 1024)
    try:
        with source.open_text() as fh:
            sample = fh.read(64 * 1024)
            if not sample.strip():
                raise source.error("the file is empty", fmt=fmt)
            if "\x00" in sample:
                raise source.error("the file contains NUL bytes: not a text CSV", fmt=fmt)
            lines = sample.split("\n", max_skip + 1)
            delimiter = next((sniff_delimiter(ln) for ln in lines[:max_skip + 1] if is_header(_cells(ln))), ",")
            reader = csv.reader(_chain(sample, fh), delimiter=delimiter)
            header = _find_header(reader, is_header, max_skip)
            if header is None:
                raise source.error("no header row found in the first rows", fmt=fmt)
            if rename is not None:
                header = [rename(h) for h in header]
            yield from _rows(reader, header, source, fmt)
    except UnicodeDecodeError as exc:
        raise source.error(f"not UTF-8 text ({exc.reason} at byte {exc.start})", fmt=fmt) from None
    except csv.Error as exc:
        raise source.error(f"malformed CSV: {exc}", fmt=fmt) from None


def _cells(line: str) -> list[str]:
    return [c.strip().strip('"') for c in re.split(r"[,;\t]", line)]


def _find_header(reader, is_header, max_skip: int) -> list[str] | None:
    for _ in range(max_skip + 1):
        try:
            row = next(reader)
        except StopIteration:
            return None
        cells = [c.strip() for c in row]
        if is_header(cells):
            return cells
    return None


def _rows(reader, header: list[str], source: SourceFile, fmt: str):
    for row in reader:
        if not row or all(not c.strip() for c in row):
            continue
        location = f"line {reader.line_num}"
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            raise source.error(f"row has {len(row)} fields, the header {len(header)}", location=location, fmt=fmt)
        yield location, header, {h: v for h, v in zip(header, row) if h}


@contextmanager
def open_workbook(source: SourceFile, fmt: str):
    """An .xlsx workbook opened read-only (rows streamed); gzip is unpacked to a temporary file."""
    from openpyxl import load_workbook

    with tempfile.TemporaryFile() if source.compressed else open(source.path, "rb") as fh:
        if source.compressed:
            with source.open_binary() as gz:
                shutil.copyfileobj(gz, fh)
            fh.seek(0)
        try:
            book = load_workbook(fh, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            raise source.error(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", fmt=fmt) from None
        try:
            yield book
        finally:
            book.close()


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
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise source.error(f"worksheet {sheet.title!r} cannot be read ({exc})", fmt=fmt) from None
    if header is None:
        raise source.error(f"worksheet {sheet.title!r} has no header row with a {first_column!r} column", fmt=fmt)
