"""Helpers for spreadsheet-like exports: local dates, local numbers, header rows, cell values.

Used by the NodeXL, CrowdTangle, LinkedIn, 4CAT and generic CSV importers: their dates
come as local text such as ``28/05/2022 20:12``, ``23-05-2019 14:05`` or ``5/23/2019 2:05
PM`` (the order of day and month is inferred per file, :mod:`._dates`), and their counts
as ``1.234`` or ``1,234`` depending on the locale that wrote them (:func:`opt_count`).
"""

from __future__ import annotations

import csv
import re
from datetime import datetime, timedelta
from typing import Any, Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import OptionError, RecordError
from ._csv import CsvRows
from ._dates import DateOrder
from ._io import Broken, SourceFile
from ._map import parse_time

#: Excel's serial dates count days from 1899-12-30.
_EXCEL_EPOCH = datetime(1899, 12, 30)
_FALSE = {"false", "0", "no", "nee", "n", "f"}
_TRUE = {"true", "1", "yes", "ja", "y", "t"}
_GROUPS = re.compile(r"^[+-]?\d{1,3}([.,])\d{3}(?:\1\d{3})*$")
_MAX_COUNT = (1 << 63) - 1


def zone(name: Any, where: str) -> ZoneInfo | None:
    """A ``timezone:`` option as a ZoneInfo (None when not given)."""
    if name is None:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise OptionError(where, f"unknown timezone {name!r}; use an IANA name such as Europe/Amsterdam or UTC") from None


def date_formats(value: Any, where: str) -> tuple[str, ...]:
    """A ``date_format:`` option (one strptime format or a list of them)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise OptionError(where, "`date_format` must be a strptime format such as \"%d-%m-%Y %H:%M\" or a list of them")
    return tuple(value)


def parse_local_time(value: Any, formats: tuple[str, ...] = (), tz: ZoneInfo | None = None,
                     what: str = "date", excel_serial: bool = False, order: DateOrder | None = None) -> datetime | None:
    """A timestamp in UTC from a spreadsheet cell.

    Text is read with ``formats`` (the ``date_format:`` option) when given, else as a
    numeric local date in the file's ``order`` (:mod:`._dates`), else as ISO 8601 or the
    other forms of ``parse_time``. A time without an offset is read in ``tz`` (UTC when
    None). With ``excel_serial`` a number is an Excel serial date (days since 1899-12-30)
    rather than epoch seconds. Absent values give None; unreadable ones a RecordError.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and excel_serial:
        try:
            value = _EXCEL_EPOCH + timedelta(days=float(value))
        except (OverflowError, ValueError):
            raise RecordError(f"{what} is not a date: {value!r}") from None
    if isinstance(value, str):
        value = _strptime(value.strip(), formats, what, order)
    if isinstance(value, datetime) and value.tzinfo is None and tz is not None:
        value = value.replace(tzinfo=tz)
    return parse_time(value, what)


def _strptime(text: str, formats: tuple[str, ...], what: str, order: DateOrder | None) -> datetime:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    if formats:
        raise RecordError(f"unparseable {what}: {text[:60]!r} (expected {' or '.join(formats)}, "
                          "the source's `date_format:`)", fix="correct the source's `date_format:` to the form of "
                                                              "the file's dates")
    local = (order or DateOrder()).parse(text, what)
    if local is not None:
        return local
    try:
        return parse_time(text, what).replace(tzinfo=None) if _is_naive_text(text) else parse_time(text, what)
    except RecordError:
        raise RecordError(f"unparseable {what}: {text[:60]!r} (expected a date such as 28/05/2022 20:12 or ISO 8601)",
                          fix="set `date_format:` to the form of the file's dates (strptime), e.g. "
                              "\"%d %B %Y %H:%M\"") from None


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


def decimal_mark(delimiter: str | None) -> str:
    """The decimal mark of a CSV by its delimiter: ``;`` is what Excel writes where the decimal mark is ``,``."""
    return "," if delimiter == ";" else "."


def opt_count(value: Any, what: str, decimal: str = ".") -> int | None:
    """A count from a cell: ``1.234`` (Dutch) or ``1,234`` (US) grouping, ``12,0`` or ``12.0``.

    Digits in groups of three after one kind of separator (``1.234``, ``1,234,567``) are
    a grouped whole number in any file; otherwise ``decimal`` (the file's decimal mark,
    :func:`decimal_mark`) is the decimal mark. Absent is None; a number that is not whole,
    negative or out of range is a RecordError.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise RecordError(f"{what} is not a number: {value!r}")
    if isinstance(value, (int, float)):
        number = value
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
        if not text:
            return None
        try:
            number = _local_number(text, decimal)
        except ValueError:
            raise RecordError(f"{what} is not a number: {str(value)[:40]!r}") from None
    if number != number:  # NaN: an empty numeric cell
        return None
    if number < 0 or number > _MAX_COUNT:
        raise RecordError(f"{what} out of range: {str(value)[:40]!r}")
    if number != int(number):
        raise RecordError(f"{what} is not a whole number: {str(value)[:40]!r}")
    return int(number)


def _local_number(text: str, decimal: str) -> float:
    if _GROUPS.match(text):
        return float(text.replace(".", "").replace(",", ""))
    group = "." if decimal == "," else ","
    text = re.sub(rf"\{group}(?=\d{{3}}(?:\D|$))", "", text)
    return float(text.replace(",", ".") if decimal == "," else text)


def sniff_delimiter(line: str) -> str:
    """Comma, semicolon or tab: whichever the header line holds most of."""
    return max([",", ";", "\t"], key=line.count)


def iter_csv_from_header(source: SourceFile, is_header, fmt: str, max_skip: int = 5,
                         rename=None, delimiter: str | None = None) -> Iterator[tuple[str, list[str], Any]]:
    """Rows of a CSV whose header is the first row for which ``is_header(cells)`` holds.

    Up to ``max_skip`` rows above it (a spreadsheet's group header row) are skipped.
    Yields ``(location, header, row)`` for every non-blank data row: a dict by header, or
    a :class:`Broken` for a row that cannot be a record (wrong number of fields, cut off).
    A file without such a header is a FormatError. The delimiter (comma, semicolon or
    tab) is sniffed from the header line and noted in ``source.notes["delimiter"]``.
    ``rename`` maps each header cell to the name used as the row's key.
    """
    reader = CsvRows(source, fmt)
    try:
        sample = reader.open()
        lines = sample.split("\n", max_skip + 1)
        delimiter = delimiter or next((sniff_delimiter(ln) for ln in lines[:max_skip + 1] if is_header(_cells(ln))),
                                      ",")
        source.notes["delimiter"] = delimiter
        rows = reader.reader(delimiter)
        header = _find_header(rows, is_header, max_skip)
        if header is None:
            raise source.error("no header row found in the first rows", fmt=fmt)
        if rename is not None:
            header = [rename(h) for h in header]
        for location, cells in reader.records(rows, header):
            if isinstance(cells, Broken):
                yield location, header, cells
            else:
                yield location, header, {h: v for h, v in zip(header, cells) if h}
    except (UnicodeDecodeError, csv.Error) as exc:
        raise reader.error(exc) from None
    finally:
        reader.close()


def _cells(line: str) -> list[str]:
    return [c.strip().strip('"') for c in re.split(r"[,;\t]", line.lstrip("\ufeff"))]


def _find_header(reader, is_header, max_skip: int) -> list[str] | None:
    for _ in range(max_skip + 1):
        try:
            row = next(reader)
        except StopIteration:
            return None
        cells = [c.strip().lstrip("\ufeff") for c in row]
        if is_header(cells):
            return cells
    return None
