"""CSV text: rows streamed in any encoding, rows that cannot be records marked as such."""

from __future__ import annotations

import csv
import io
from typing import Any, Iterator

from ..errors import FormatError
from . import _text
from ._io import MAX_FIELD_BYTES, MAX_LINE_CHARS, Broken, SourceFile


class CsvRows:
    """The rows of a CSV text, streamed, with the checks every table importer needs.

    :meth:`open` gives the first 64 KiB of text (to sniff the delimiter and find the header)
    and :meth:`reader` a csv reader over the whole text. :meth:`records` yields
    ``(location, cells)`` for the data rows after the header: a row with another number of
    fields than the header comes as a :class:`Broken` (a rejected record), and so does a
    last row cut inside a quoted field. A file whose last row does not end with a line
    break is noted in ``source.notes`` (the row is kept; the import report says it may be
    cut off). Decoding and csv errors become a FormatError through :meth:`error`.
    """

    def __init__(self, source: SourceFile, fmt: str | None):
        self.source, self.fmt = source, fmt
        self._fh = None
        self._recent: list[str] = []
        self._last_line = ""

    def open(self) -> str:
        csv.field_size_limit(MAX_FIELD_BYTES)
        self._fh = self.source.open_text()
        sample = self._fh.read(64 * 1024)
        if not sample.strip():
            raise self.source.error("the file is empty", fmt=self.fmt)
        if "\x00" in sample:
            raise self.source.error("the file contains NUL bytes: not a text CSV", fmt=self.fmt)
        self._sample = sample
        return sample

    def reader(self, delimiter: str):
        self.delimiter = delimiter
        return csv.reader(self._lines(), delimiter=delimiter)

    def _lines(self) -> Iterator[str]:
        first = io.StringIO(self._sample + self._fh.readline(MAX_LINE_CHARS + 1))
        for line in first:
            self._recent.append(line)
            yield line
        for line in iter(lambda: self._fh.readline(MAX_LINE_CHARS + 1), ""):
            if len(line) > MAX_LINE_CHARS:
                raise csv.Error(f"a line is longer than {MAX_LINE_CHARS >> 20} Mi characters")
            if "\x00" in line:
                raise csv.Error("the file contains NUL bytes")
            self._recent.append(line)
            yield line

    def _take_recent(self) -> str:
        text = "".join(self._recent)
        self._recent.clear()
        if text:
            self._last_line = text
        return text

    def records(self, rows, header: list[str]) -> Iterator[tuple[str, Any]]:
        """``(location, cells or Broken)`` for every non-blank data row of ``rows``."""
        self._take_recent()  # the header's lines
        previous = None
        for row in rows:
            raw = self._take_recent()
            if not row or all(not c.strip() for c in row):
                continue
            if previous is not None:
                yield previous[:2]
            problem = check_row(row, header)
            fix = "check the delimiter (`delimiter:`) and that values holding it are quoted" if problem and \
                len(row) > len(header) else None
            previous = (f"line {rows.line_num}", Broken(problem, fix) if problem else row, raw)
        if previous is None:
            return
        location, value, raw = previous
        if not isinstance(value, Broken) and _ends_in_quote(raw, self.delimiter):
            value = Broken("the last row is cut off inside a quoted field (the file ends mid-row)")
        yield location, value
        if not self._last_line.endswith(("\n", "\r")):
            self.source.notes["cut_last"] = (f"the file does not end with a line break: its last row ({location}) "
                                             "may be cut off")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()

    def error(self, exc: Exception) -> FormatError:
        """The FormatError for an error met while reading (decoding, csv)."""
        if isinstance(exc, UnicodeDecodeError):
            return self.source.error(
                f"cannot decode the byte at offset {exc.start} of the file as {_text.display_name(exc.encoding)} "
                f"({exc.reason}); name the file's encoding in its source entry, e.g. `encoding: windows-1252`",
                fmt=self.fmt)
        return self.source.error(f"malformed CSV: {exc}", fmt=self.fmt)


def check_row(row: list[str], header: list[str]) -> str | None:
    """Why a data row cannot be a record (None: it can)."""
    if len(row) < len(header):
        return f"row has {len(row)} fields, the header {len(header)}: cut off or shifted"
    if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
        return f"row has {len(row)} fields, the header {len(header)}: a delimiter inside an unquoted value?"
    return None


def _ends_in_quote(raw: str, delimiter: str) -> bool:
    """Whether a row's text ends inside a quoted field (the csv module closes it silently)."""
    try:
        list(csv.reader(io.StringIO(raw), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def iter_csv(source: SourceFile, fmt: str | None = None, delimiter: str | None = None) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, row)`` for each data row of a CSV file with a header.

    ``row`` is a dict by header, or a :class:`Broken` for a row that cannot be a record
    (wrong number of fields, cut off). The delimiter is sniffed (comma, semicolon or tab)
    unless given. A file without a header row is an error.
    """
    reader = CsvRows(source, fmt)
    try:
        sample = reader.open()
        if delimiter is None:
            delimiter = sniff_delimiter(sample.lstrip("\ufeff").split("\n", 1)[0])
        rows = reader.reader(delimiter)
        header = next(rows, None)
        if header is None:
            raise source.error("the file is empty", fmt=fmt)
        header = [h.strip().lstrip("\ufeff") for h in header]
        source.notes["delimiter"] = delimiter
        for location, cells in reader.records(rows, header):
            yield location, cells if isinstance(cells, Broken) else dict(zip(header, cells))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise reader.error(exc) from None
    finally:
        reader.close()


def sniff_delimiter(line: str) -> str:
    """Comma, semicolon or tab: whichever the header line holds most of."""
    return max([",", ";", "\t"], key=line.count)


def csv_header(source: SourceFile, fmt: str | None = None, delimiter: str | None = None) -> list[str]:
    """The header row of a CSV file, read as :func:`iter_csv` reads it (an empty file is a FormatError)."""
    reader = CsvRows(source, fmt)
    try:
        sample = reader.open()
        delimiter = delimiter or sniff_delimiter(sample.lstrip("\ufeff").split("\n", 1)[0])
        header = next(reader.reader(delimiter), None) or []
        return [h.strip().lstrip("\ufeff") for h in header]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise reader.error(exc) from None
    finally:
        reader.close()
