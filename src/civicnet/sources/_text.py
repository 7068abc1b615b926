"""Which encoding an export file is in, and reading it as text with true byte offsets.

The rules (CONTRACT "Real exports come from many locales", docs/formats.md "Encodings"):

* a byte-order mark decides: UTF-8 with BOM, UTF-16 little- or big-endian with BOM;
* without one, UTF-16 is recognised by its NUL bytes (ASCII text in UTF-16 has a NUL
  in every other byte); any other NUL byte makes the file binary;
* else the file is UTF-8 — unless a byte that is not UTF-8 comes before any non-ASCII
  UTF-8 character: then the file is Windows-1252 (what European Excel writes for
  "CSV"), from its start, which is the same text since all before it was ASCII;
* a source's ``encoding:`` option (any codec name Python knows: ``windows-1252``,
  ``latin-1``, ``utf-16``, ``mac-roman``…) overrides all of this.

JSON is UTF-8 by definition (RFC 8259) or UTF-16 with a BOM: JSON readers get the
file as UTF-8 bytes (:func:`utf8_stream`), never the Windows-1252 fallback. CSV and
other tables are read through :class:`DecodedText`, which names the encoding it used
(``encoding``) and, for a byte it cannot decode, the byte's offset in the file.
"""

from __future__ import annotations

import codecs
import io

AUTO = "auto"  # UTF-8, falling back to Windows-1252 (see the module docstring)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHUNK = 1 << 20
#: Control characters that never occur in text exports (tab, newlines and form feed do).
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}


def _c1_for_undefined(error: UnicodeDecodeError):
    """Windows-1252 leaves five bytes undefined; decode them as the C1 controls they are in Latin-1."""
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error("civicnet-c1", _c1_for_undefined)


def check_encoding(name) -> str:
    """A codec name from a source's ``encoding:`` option, normalised; ValueError when unknown."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("`encoding` must be an encoding name such as utf-8, windows-1252 or utf-16")
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}; use a name such as utf-8, windows-1252, latin-1 or utf-16") from None
    return info.name


def display_name(codec: str) -> str:
    """How the import report names a codec."""
    return {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16 (BOM)",
            "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "latin-1": "Latin-1",
            "iso8859-1": "Latin-1"}.get(codec, codec)


def sniff(head: bytes) -> str | None:
    """The encoding of a file from its first bytes: a codec name, :data:`AUTO`, or None for binary data."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            if codec == "utf-16" and head.startswith(codecs.BOM_UTF32_LE):
                return None  # UTF-32: no export tool writes it; refused as binary
            return codec
    sample = head[:8192]
    if b"\x00" in sample:
        return _utf16_without_bom(sample)
    text = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        decoded = text.decode(sample, final=False)
    except UnicodeDecodeError:
        decoded = sample.decode("cp1252", errors="civicnet-c1")
    return AUTO if _looks_like_text(decoded) else None


def _utf16_without_bom(sample: bytes) -> str | None:
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.02 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.02 * len(odd):
        return "utf-16-be"
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = sum(1 for ch in text[:8192] if ord(ch) in _CONTROL)
    return controls <= max(2, len(text[:8192]) // 200)


def decode_head(head: bytes, encoding: str | None) -> str | None:
    """The text of a file's first bytes (a character cut at the end is dropped); None for binary."""
    if encoding is None:
        return None
    if encoding == AUTO:
        try:
            return codecs.getincrementaldecoder("utf-8")(errors="strict").decode(head, final=False)
        except UnicodeDecodeError:
            return head.decode("cp1252", errors="civicnet-c1")
    try:
        return codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=False)
    except LookupError:
        return None


class DecodedText(io.TextIOBase):
    """The text of a binary stream, decoded by :func:`sniff`'s rules or a given codec.

    ``encoding`` names the codec used so far (``utf-8``, ``cp1252``…); a byte that cannot be
    decoded raises :class:`UnicodeDecodeError` whose ``start`` is its offset in the stream.
    Lines are split on ``\\n`` only (``\\r\\n`` stays in the line), as the csv module wants.
    """

    def __init__(self, raw, encoding: str):
        self._raw = raw
        self._auto = encoding == AUTO
        self.encoding_used = "utf-8" if self._auto else encoding
        self._decoder = None if self._auto else codecs.getincrementaldecoder(encoding)(errors="strict")
        self._pending = b""  # undecoded bytes (an incomplete UTF-8 sequence) in auto mode
        self._offset = 0  # bytes read from the stream so far (decoded or pending)
        self._non_ascii = False
        self._buffer = ""
        self._pos = 0
        self._eof = False
        if self._auto:
            first = self._raw.read(3)
            self._offset = len(first)
            self._pending = b"" if first == codecs.BOM_UTF8 else first

    def readable(self) -> bool:
        return True

    def _fill(self) -> bool:
        """Decode the next chunk into the buffer; False at the end of the stream."""
        if self._eof:
            return False
        chunk = self._raw.read(_CHUNK)
        final = not chunk
        if self._auto:
            text = self._decode_auto(chunk, final)
        else:
            try:
                text = self._decoder.decode(chunk, final)
            except UnicodeDecodeError as exc:
                at = max(0, self._offset + exc.start - (len(exc.object) - len(chunk)))
                raise UnicodeDecodeError(exc.encoding, exc.object, at, at + exc.end - exc.start, exc.reason) from None
            self._offset += len(chunk)
        self._buffer += text
        self._eof = final
        return bool(text) or not final

    def _decode_auto(self, chunk: bytes, final: bool) -> str:
        if self.encoding_used == "cp1252":
            self._offset += len(chunk)
            return chunk.decode("cp1252", errors="civicnet-c1")
        data = self._pending + chunk
        start = self._offset - len(self._pending)
        self._offset += len(chunk)
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError as exc:
            if self._non_ascii or not data[:exc.start].isascii():
                raise UnicodeDecodeError("utf-8", exc.object, start + exc.start, start + exc.end,
                                         f"{exc.reason}, after UTF-8 text: the file mixes encodings") from None
            self.encoding_used = "cp1252"
            self._pending = b""
            return data.decode("cp1252", errors="civicnet-c1")
        self._pending = data[used:]
        if not self._non_ascii and not text.isascii():
            self._non_ascii = True
        return text

    def _available(self) -> int:
        return len(self._buffer) - self._pos

    def _compact(self) -> None:
        if self._pos:
            self._buffer, self._pos = self._buffer[self._pos:], 0

    def read(self, size: int = -1) -> str:
        while (size < 0 or self._available() < size):
            self._compact()
            if not self._fill():
                break
        end = len(self._buffer) if size < 0 else min(len(self._buffer), self._pos + size)
        out, self._pos = self._buffer[self._pos:end], end
        return out

    def readline(self, size: int = -1) -> str:
        searched = 0  # characters after the position already searched for a line break
        while True:
            at = self._buffer.find("\n", self._pos + searched)
            if at >= 0 and (size < 0 or at - self._pos < size):
                out, self._pos = self._buffer[self._pos:at + 1], at + 1
                return out
            if 0 <= size <= self._available():
                out, self._pos = self._buffer[self._pos:self._pos + size], self._pos + size
                return out
            self._compact()
            searched = len(self._buffer)
            if not self._fill():
                out, self._buffer, self._pos = self._buffer[self._pos:], "", 0
                return out

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def close(self) -> None:
        self._raw.close()
        super().close()


class Utf8Bytes(io.RawIOBase):
    """A text stream (UTF-16…) re-encoded as UTF-8 bytes, for readers that take bytes (orjson, ijson)."""

    def __init__(self, text: DecodedText):
        self._text = text
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._pending:
            chunk = self._text.read(max(1, len(b) // 2))
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8", errors="surrogatepass")
        n = min(len(b), len(self._pending))
        b[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def close(self) -> None:
        self._text.close()
        super().close()
