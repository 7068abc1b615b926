"""JSON documents and JSON Lines, with a rejected record for each broken line."""

from __future__ import annotations

from typing import Any, Iterator

import orjson

from ._io import MAX_DOCUMENT_BYTES, MAX_PARSE_MEMORY, Broken, SourceFile


def loads(data: bytes | str, source: SourceFile, location: str, fmt: str | None = None) -> Any:
    """Parse one JSON value; any failure is a FormatError naming the place."""
    try:
        return parse_json(data)
    except ValueError as exc:
        raise source.error(str(exc), location=location, fmt=fmt) from None


def parse_json(data: bytes | str) -> Any:
    """One JSON value; ValueError (with the reason) when it is not one or would need too much memory."""
    if _parse_memory(data) > MAX_PARSE_MEMORY:
        raise ValueError(f"a JSON value of {len(data) >> 20} MiB so dense in objects that parsing it would take "
                         f"more than {MAX_PARSE_MEMORY >> 20} MiB of memory: refused; save it as JSON Lines")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _parse_memory(data: bytes | str) -> int:
    """A generous estimate of the memory orjson needs for ``data`` (objects and arrays dominate)."""
    if len(data) < 4 << 20:
        return 0
    b = data if isinstance(data, bytes) else data.encode("utf-8", errors="replace")
    return 2 * len(b) + 240 * (b.count(b"{") + b.count(b"[")) + 40 * b.count(b",")


def iter_json(source: SourceFile, fmt: str | None = None) -> Iterator[tuple[str, Any]]:
    """Yield ``(location, value)`` for each JSON value of the file.

    A file of JSON Lines yields one value per non-empty line, and a :class:`Broken` for a
    line that is not a JSON value (cut off at the end of the file, garbled inside it): the
    importer passes it on and the import rejects it as a record. A single JSON document
    (pretty-printed or not) yields that document; one that cannot be parsed is a
    FormatError. An empty file is an error.
    """
    if source.json_lines:  # a part of a file already known to be JSON Lines (the spark engine's reading)
        with source.open_utf8() as fh:
            for lineno, line in _numbered_lines(fh, source, fmt, source.first_line):
                if line.strip():
                    yield f"line {lineno}", _try_parse(line)
        return
    with source.open_utf8() as fh:
        lines = _numbered_lines(fh, source, fmt)
        first = next(((n, line) for n, line in lines if line.strip()), None)
        if first is None:
            raise source.error("the file is empty", fmt=fmt)
        lineno, line = first
        value, second = _first_value(line, lines)
        if value is not None:
            yield f"line {lineno}", value
            if second is not None:
                yield f"line {second[0]}", _try_parse(second[1])
            for lineno, line in lines:
                if line.strip():
                    yield f"line {lineno}", _try_parse(line)
            return
        document = line + (second[1] if second else b"") + _read_limited(fh, source, fmt, len(line))
        yield "document", loads(document, source, "document", fmt)


def _first_value(line: bytes, lines) -> tuple[Any, tuple[int, bytes] | None]:
    """The first non-empty line's value (None: the file is one document, not JSON Lines) and the
    second non-empty line where it had to be read to tell."""
    value, second = _try_parse(line), None
    if isinstance(value, Broken):
        # JSON Lines whose first line is broken, or a document over several lines?
        second = next(((n, ln) for n, ln in lines if ln.strip()), None)
        if line.strip() in (b"[", b"{") or second is None or isinstance(_try_parse(second[1]), Broken):
            value = None
    return value, second


def is_json_lines(source: SourceFile, fmt: str | None = None) -> bool:
    """Whether :func:`iter_json` reads ``source`` as JSON Lines (one value per line) rather than as
    one document: the same test on its first non-empty lines (the spark engine splits such files)."""
    with source.open_utf8() as fh:
        lines = _numbered_lines(fh, source, fmt)
        first = next(((n, line) for n, line in lines if line.strip()), None)
        return first is not None and _first_value(first[1], lines)[0] is not None


def _try_parse(line: bytes) -> Any:
    try:
        return parse_json(line)
    except ValueError as exc:
        return Broken(f"broken line: {exc}" if "invalid JSON" in str(exc) else str(exc))


def _numbered_lines(fh, source, fmt, start: int = 1):
    lineno = start
    while True:
        line = fh.readline(MAX_DOCUMENT_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_DOCUMENT_BYTES:
            raise source.error(f"a line is larger than {MAX_DOCUMENT_BYTES >> 20} MiB", location=f"line {lineno}",
                               fmt=fmt)
        yield lineno, line
        lineno += 1


def _read_limited(fh, source, fmt, already: int) -> bytes:
    rest = fh.read(MAX_DOCUMENT_BYTES + 1 - already)
    if len(rest) + already > MAX_DOCUMENT_BYTES:
        raise source.error(f"the JSON document is larger than {MAX_DOCUMENT_BYTES >> 20} MiB; save it as JSON Lines "
                           "(one record per line)", fmt=fmt)
    return rest


