"""Reading export files: gzip, encodings, JSON documents and lines, CSV rows — within limits.

Every importer reads through :class:`SourceFile`, so gzip and every encoding work
everywhere (:mod:`._text`), the bytes consumed can be shown as progress, and a broken file
becomes a :class:`~civicnet.errors.FormatError` that names the file and the place. JSON is
read by :mod:`._json`, tables by :mod:`._csv`, and detection samples a file with
:mod:`._detect`.

Limits (each refused with a one-line error, so a small hostile file cannot take the
machine's memory; docs/formats.md "Limits"):

* gzip: a file that decompresses to more than :data:`GZIP_MAX_RATIO` times its size and
  more than :data:`GZIP_MIN_CAP` bytes is refused (a "gzip bomb");
* one JSON document or line is at most :data:`MAX_DOCUMENT_BYTES`, and refused when it is
  so dense in objects that parsing it would take more than :data:`MAX_PARSE_MEMORY`;
* one CSV field is at most :data:`MAX_FIELD_BYTES` and one CSV line at most
  :data:`MAX_LINE_CHARS` characters.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import FormatError, OptionError
from . import _text

GZIP_MAGIC = b"\x1f\x8b"
#: Bytes of the (decompressed) start of a file that detection reads as text.
SAMPLE_BYTES = 256 * 1024
#: A single JSON line or document larger than this is refused rather than read.
MAX_DOCUMENT_BYTES = 256 << 20
#: Estimated memory for parsing one JSON value above which it is refused (see :func:`loads`).
MAX_PARSE_MEMORY = 600 << 20
GZIP_MAX_RATIO = 100
GZIP_MIN_CAP = 256 << 20
MAX_FIELD_BYTES = 16 << 20
MAX_LINE_CHARS = 64 << 20


@dataclass(frozen=True)
class Broken:
    """A raw record that cannot be one: a JSON line that is no JSON value (cut off, garbled), a CSV
    row with the wrong number of fields. The import rejects it with ``reason`` (and ``fix``)."""

    reason: str
    fix: str | None = None


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
    """One export file on disk, possibly gzip-compressed, with how to read it.

    ``encoding`` is the source's ``encoding:`` option (None: detect, see :mod:`._text`);
    ``language`` the case's language (it decides the order of ambiguous dates). What
    reading found out — the encoding used, the order of dates — is noted in ``notes``
    for the import report.

    ``json_lines`` and ``first_line`` are for a part of a JSON Lines file read on its own (the
    spark engine's :class:`civicnet.spark.reading.SourcePart`): its lines are numbered from
    ``first_line``, and only the part that starts the file checks what the file's first value is.
    """

    json_lines = False
    first_line = 1

    def __init__(self, path: str | Path, *, encoding: str | None = None, language: str = "nl"):
        self.path = Path(path)
        self.size = self.path.stat().st_size
        with open(self.path, "rb") as fh:
            self.compressed = fh.read(2) == GZIP_MAGIC
        try:
            self.encoding_option = _text.check_encoding(encoding) if encoding is not None else None
        except ValueError as exc:
            raise OptionError(self.path, str(exc)) from None
        self.language = language
        self.notes: dict[str, str] = {}
        self._counter: _CountingReader | None = None
        self._encoding: str | None | bool = False  # False: not sniffed yet

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
            return io.BufferedReader(_GzipGuard(gzip.GzipFile(fileobj=buffered), self), buffer_size=1 << 20)
        return buffered

    @property
    def encoding(self) -> str | None:
        """The codec the file's text is in (:data:`._text.AUTO`: UTF-8 else Windows-1252); None: binary."""
        if self._encoding is False:
            self._encoding = self.encoding_option or _text.sniff(self.head(64 * 1024))
        return self._encoding

    def open_text(self) -> _text.DecodedText:
        """The file's text (CSV and other tables), decoded by the rules of :mod:`._text`."""
        encoding = self.encoding
        if encoding is None:
            raise self.error("binary data (NUL or control bytes), not text")
        stream = _text.DecodedText(self.open_binary(), encoding)
        self._note_encoding(stream)
        return stream

    def open_utf8(self):
        """The file as UTF-8 bytes (JSON): UTF-8 without its BOM, or UTF-16/another codec re-encoded."""
        encoding = self.encoding
        if encoding in (None, _text.AUTO, "utf-8", "utf-8-sig"):
            raw = self.open_binary()
            if raw.peek(3)[:3] == b"\xef\xbb\xbf":
                raw.read(3)
            self.notes.setdefault("encoding", "UTF-8 (BOM)" if encoding == "utf-8-sig" else "UTF-8")
            return raw
        text = _text.DecodedText(self.open_binary(), encoding)
        self._note_encoding(text)
        return io.BufferedReader(_text.Utf8Bytes(text), buffer_size=1 << 20)

    def _note_encoding(self, stream: _text.DecodedText) -> None:
        self._text_stream = stream

    def encoding_used(self) -> str | None:
        """The encoding the last text read of this file used, as the import report names it."""
        stream = getattr(self, "_text_stream", None)
        if stream is not None:
            return _text.display_name(stream.encoding_used)
        return self.notes.get("encoding")

    def starts_with_json(self) -> bool:
        """Whether the file's text starts with ``{`` or ``[`` (JSON rather than a table), in any encoding."""
        text = _text.decode_head(self.head(4096), self.encoding) or ""
        return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")

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
    """Gzip data as a stream: errors name the file, and a "gzip bomb" is refused.

    A file that decompresses to more than :data:`GZIP_MAX_RATIO` times its size on disk and
    more than :data:`GZIP_MIN_CAP` bytes is refused before it can fill memory or disk.
    """

    def __init__(self, gz: gzip.GzipFile, source: SourceFile):
        self._gz = gz
        self._source = source
        self._out = 0
        self._cap = max(GZIP_MIN_CAP, GZIP_MAX_RATIO * max(source.size, 1))

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        try:
            n = self._gz.readinto(b)
        except (OSError, EOFError, zlib.error) as exc:
            raise self._source.error(f"broken or truncated gzip data ({exc})") from None
        self._out += n or 0
        if self._out > self._cap:
            raise self._source.error(
                f"decompresses to more than {self._cap >> 20} MiB, over {GZIP_MAX_RATIO} times its size: refused "
                "as a possible gzip bomb; if the file is genuine, decompress it (gunzip) and name the result")
        return n

    def close(self) -> None:
        self._gz.close()
        super().close()
