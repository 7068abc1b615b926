"""Reading export files: gzip, text decoding, JSON documents and lines, CSV rows.

Every importer reads through :class:`SourceFile`, so gzip works everywhere, the
bytes consumed can be shown as progress, and a broken file becomes a
:class:`~civicnet.errors.FormatError` that names the file and the place.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import orjson

from ..errors import FormatError

GZIP_MAGIC = b"\x1f\x8b"
SAMPLE_BYTES = 256 * 1024
#: A single line or JSON document larger than this is refused rather than read.
MAX_DOCUMENT_BYTES = 1 << 30


class _CountingReader(io.RawIOBase):
    """Wraps a binary file and counts the bytes read from it (for progress)."""

    def __init__(self, raw):
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = self._raw.readinto(b)
        self.count += n or 0
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


class SourceFile:
    """One export file on disk, possibly gzip-compressed."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.size = self.path.stat().st_size
        with open(self.path, "rb") as fh:
            self.compressed = fh.read(2) == GZIP_MAGIC
        self._counter: _CountingReader | None = None

    @property
    def position(self) -> int:
        """Bytes of the file on disk consumed so far."""
        return self._counter.count if self._counter else 0

    def error(self, problem: str, location: str | None = None, fmt: str | None = None) -> FormatError:
        return FormatError(self.path, problem, location=location, fmt=fmt)

    def open_binary(self):
        """The file's (decompressed) bytes as a buffered binary stream."""
        self._counter = _CountingReader(open(self.path, "rb"))
        buffered = io.BufferedReader(self._counter, buffer_size=1 << 20)
        if self.compressed:
            return _GzipGuard(gzip.GzipFile(fileobj=buffered), self)
        return buffered

    def open_text(self):
        """The file's text, decoded as UTF-8 (a BOM is dropped)."""
        return io.TextIOWrapper(self.open_binary(), encoding="utf-8-sig", errors="strict", newline="")

    def head(self, n: int = SAMPLE_BYTES) -> bytes:
        """The first ``n`` decompressed bytes (for detection)."""
        with open(self.path, "rb") as raw:
            if not self.compressed:
                return raw.read(n)
            try:
                return gzip.GzipFile(fileobj=raw).read(n)
            except (OSError, EOFError, zlib.error) as exc:
                # A truncated gzip still yields what precedes the damage.
                raw.seek(0)
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                try:
                    out = d.decompress(raw.read(n), n)
                except zlib.error:
                    raise self.error(f"broken gzip data ({exc})") from None
                return out


class _GzipGuard(io.RawIOBase):
    """Turns gzip errors met while streaming into a FormatError naming the file."""

    def __init__(self, gz: gzip.GzipFile, source: SourceFile):
        self._gz = gz
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        try:
            return self._gz.readinto(b)
        except (OSError, EOFError, zlib.error) as exc:
            raise self._source.error(f"broken or truncated gzip data ({exc})") from None

    def read1(self, n: int = -1) -> bytes:
        try:
            return self._gz.read1(n)
        except (OSError, EOFError, zlib.error) as exc:
            raise self._source.error(f"broken or truncated gzip data ({exc})") from None

    def readline(self, size: int = -1) -> bytes:
        try:
            return self._gz.readline(size)
        except (OSError, EOFError, zlib.error) as exc:
            raise self._source.error(f"broken or truncated gzip data ({exc})") from None

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def close(self) -> None:
        self._gz.close()
        super().close()


@dataclass(frozen=True)
class Sample:
    """The start of a file, for format detection."""

    path: Path
    suffix: str
    head: bytes
    text: str | None
    first_json: Any

    @classmethod
    def of(cls, source: SourceFile) -> "Sample":
        head = source.head()
        name = source.path.name.lower()
        if name.endswith(".gz"):
            name = name[:-3]
        suffix = Path(name).suffix
        text = _decode_head(head)
        return cls(source.path, suffix, head, text, _first_json(text))


def _decode_head(head: bytes) -> str | None:
    if b"\x00" in head[:4096]:
        return None
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return None


def _first_json(text: str | None) -> Any:
    """The first JSON value of the sample: a whole document or its first line."""
    if not text:
        return None
    stripped = text.lstrip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        return orjson.loads(stripped)
    except orjson.JSONDecodeError:
        pass
    first_line = stripped.split("\n", 1)[0]
    try:
        return orjson.loads(first_line)
    except orjson.JSONDecodeError:
        return _first_object_of_truncated_document(stripped)


def _first_object_of_truncated_document(text: str) -> Any:
    """For a large pretty-printed document cut by the sample: parse what we can."""
    decoder = json.JSONDecoder()
    if text.startswith("["):
        inner = text[1:].lstrip()
        try:
            value, _ = decoder.raw_decode(inner)
        except (ValueError, RecursionError):
            return None
        return [value]
    return None


def loads(data: bytes | str, source: SourceFile, location: str, fmt: str | None = None) -> Any:
    """Parse one JSON value; any failure is a FormatError naming the place."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise source.error(f"invalid JSON: {exc}", location=location, fmt=fmt) from None
    except RecursionError:
        raise source.error("JSON nested too deeply", location=location, fmt=fmt) from None


def iter_json(source: SourceFile, fmt: str | None = None) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, value)`` for each JSON value of the file.

    A file of JSON Lines yields one value per non-empty line; a single JSON document
    (pretty-printed or not) yields that document. An empty file is an error.
    """
    with source.open_binary() as fh:
        first = _read_first_nonblank_line(fh, source, fmt)
        if first is None:
            raise source.error("the file is empty", fmt=fmt)
        lineno, line = first
        if lineno == 1 and line.startswith(codecs.BOM_UTF8):  # Windows tools write one; detection skips it too
            line = line[len(codecs.BOM_UTF8):]
        try:
            value = orjson.loads(line)
            is_lines = True
        except orjson.JSONDecodeError:
            is_lines = False
        if is_lines:
            yield f"line {lineno}", value
            for lineno, line in _numbered_lines(fh, source, fmt, start=lineno + 1):
                if line.strip():
                    yield f"line {lineno}", loads(line, source, f"line {lineno}", fmt)
            return
        rest = _read_limited(fh, source, fmt, already=len(line))
        yield "document", loads(line + rest, source, "document", fmt)


def _read_first_nonblank_line(fh, source, fmt):
    for lineno, line in _numbered_lines(fh, source, fmt):
        if line.strip():
            return lineno, line
    return None


def _numbered_lines(fh, source, fmt, start: int = 1):
    lineno = start
    while True:
        line = fh.readline(MAX_DOCUMENT_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_DOCUMENT_BYTES:
            raise source.error("a line is larger than 1 GiB", location=f"line {lineno}", fmt=fmt)
        yield lineno, line
        lineno += 1


def _read_limited(fh, source, fmt, already: int) -> bytes:
    rest = fh.read(MAX_DOCUMENT_BYTES + 1 - already)
    if len(rest) + already > MAX_DOCUMENT_BYTES:
        raise source.error("the JSON document is larger than 1 GiB", fmt=fmt)
    return rest


def iter_csv(source: SourceFile, fmt: str | None = None, delimiter: str | None = None) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield ``(location, row)`` for each data row of a CSV file with a header.

    The delimiter is sniffed (comma, semicolon or tab) unless given. A file without
    a header row is an error.
    """
    csv.field_size_limit(64 * 1024 * 1024)
    try:
        with source.open_text() as fh:
            sample = fh.read(64 * 1024)
            if not sample.strip():
                raise source.error("the file is empty", fmt=fmt)
            if "\x00" in sample:
                raise source.error("the file contains NUL bytes: not a text CSV", fmt=fmt)
            if delimiter is None:
                first = sample.split("\n", 1)[0]
                delimiter = max([",", ";", "\t"], key=first.count)
            reader = csv.reader(_chain(sample, fh), delimiter=delimiter)
            try:
                header = next(reader)
            except StopIteration:
                raise source.error("the file is empty", fmt=fmt) from None
            header = [h.strip() for h in header]
            for row in reader:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                location = f"line {reader.line_num}"
                if len(row) > len(header):
                    raise source.error(
                        f"row has {len(row)} fields, the header {len(header)}", location=location, fmt=fmt
                    )
                yield location, dict(zip(header, row))
    except UnicodeDecodeError as exc:
        raise source.error(f"not UTF-8 text ({exc.reason} at byte {exc.start})", fmt=fmt) from None
    except csv.Error as exc:
        raise source.error(f"malformed CSV: {exc}", fmt=fmt) from None


def _chain(sample: str, fh):
    """Lines of ``sample`` followed by the rest of ``fh``, streaming (the sample was consumed)."""
    yield from io.StringIO(sample + fh.readline())
    for line in fh:
        if "\x00" in line:
            raise csv.Error("the file contains NUL bytes")
        yield line
