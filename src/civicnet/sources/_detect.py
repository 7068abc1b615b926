"""A bounded look at the start of a file, for format detection, whatever its first record's size.

A twarc2 search page of 100 tweets with expansions is 0.3–1 MB on one line, a v1.1 search
response one big document: detection reads the first record whole, however large, but
never more than a fixed budget — a JSON Lines file's first line when it is at most
:data:`FIRST_LINE_BYTES`, else an incremental parse (ijson) of at most
:data:`SKELETON_BYTES` that keeps the first items of each array. So detecting a 1 GB file
takes a fraction of a second and a bounded amount of memory (benchmarks/detection.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..errors import FormatError
from . import _text
from ._io import SourceFile


@dataclass(frozen=True)
class Sample:
    """The start of a file, for format detection.

    ``text`` is the decoded start (None for binary data); ``first_json`` the file's first
    JSON value — a whole line or document, or, for a document too large to read at once,
    its skeleton (arrays cut to their first items; see :func:`first_json_of`).
    """

    path: Path
    suffix: str
    head: bytes
    text: str | None
    first_json: Any
    encoding: str | None = None

    @classmethod
    def of(cls, source: SourceFile) -> "Sample":
        head = source.head()
        name = source.path.name.lower()
        if name.endswith(".gz"):
            name = name[:-3]
        suffix = Path(name).suffix
        encoding = source.encoding
        text = _text.decode_head(head, encoding)
        first = first_json_of(source) if text and text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else None
        return cls(source.path, suffix, head, text, first, encoding)


#: The first line of a file read whole for detection is at most this long; else a skeleton is built.
FIRST_LINE_BYTES = 16 << 20
#: Bytes a skeleton may read (bounded time and memory whatever the file's size).
SKELETON_BYTES = 8 << 20
#: Items of each array a skeleton keeps.
SKELETON_ITEMS = 5
#: The depth a skeleton builds to; deeper values are counted past, not built (a file of nothing but
#: brackets took 1.7 GB at 8M levels).
SKELETON_DEPTH = 64


def first_json_of(source: SourceFile) -> Any:
    """The file's first JSON value, read only as far as it goes (bounded memory and time).

    A JSON Lines file gives its first line (or, when that is broken, its second); a document
    on one line gives itself when it is at most :data:`FIRST_LINE_BYTES`; anything larger
    (a pretty-printed or huge document) gives its skeleton from the first
    :data:`SKELETON_BYTES`: the same value with every array cut to its first
    :data:`SKELETON_ITEMS` items and what follows the budget left out.
    """
    try:
        with source.open_utf8() as fh:
            lines = []
            while len(lines) < 2:
                line = fh.readline(FIRST_LINE_BYTES + 1)
                if not line:
                    break
                if line.strip():
                    lines.append(line)
                if len(line) > FIRST_LINE_BYTES:
                    break
    except (FormatError, OSError, UnicodeDecodeError):
        return None
    for n, line in enumerate(lines):
        if len(line) > FIRST_LINE_BYTES or line.strip() in (b"[", b"{"):
            break
        try:
            return orjson.loads(line)
        except orjson.JSONDecodeError:
            if n == 0 and not line.endswith(b"\n"):
                break
    return _skeleton(source)


class _Spent(Exception):
    pass


class _Budget(io.RawIOBase):
    def __init__(self, raw, budget: int):
        self._raw, self._left = raw, budget

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self._left <= 0:
            raise _Spent
        view = memoryview(b)[: min(len(b), self._left)]
        n = self._raw.readinto(view)
        self._left -= n or 0
        return n


def _skeleton(source: SourceFile) -> Any:
    """The first JSON value of the file, arrays cut short, from at most SKELETON_BYTES (ijson)."""
    import ijson

    builder = _SkeletonBuilder()
    try:
        with source.open_utf8() as fh:
            for event, value in ijson.basic_parse(_Budget(fh, SKELETON_BYTES), use_float=True, multiple_values=True):
                if builder.add(event, value):
                    break
    except (_Spent, ijson.JSONError, FormatError, OSError, ValueError):  # UnicodeDecodeError is a ValueError
        pass
    return builder.root


class _SkeletonBuilder:
    """Builds a JSON value from ijson events, keeping only the first items of each array."""

    def __init__(self):
        self.root: Any = None
        self._stack: list[list] = []  # [container, pending key]
        self._skip = 0

    def add(self, event: str, value) -> bool:
        """Take one event; True when the first top-level value is complete."""
        if self._skip:
            if event in ("start_map", "start_array"):
                self._skip += 1
            elif event in ("end_map", "end_array"):
                self._skip -= 1
            return False
        if event == "map_key":
            self._stack[-1][1] = value
            return False
        if event in ("end_map", "end_array"):
            self._stack.pop()
            return not self._stack
        container = {} if event == "start_map" else [] if event == "start_array" else None
        item = value if container is None else container
        if not self._place(item, container is not None):
            return False
        if container is not None:
            if len(self._stack) >= SKELETON_DEPTH:  # deeper than any export nests: counted, not built
                self._skip = 1
                return False
            self._stack.append([container, None])
            return False
        return not self._stack

    def _place(self, item, is_container: bool) -> bool:
        if not self._stack:
            self.root = item
            return True
        parent = self._stack[-1]
        if isinstance(parent[0], dict):
            parent[0][parent[1]] = item
            return True
        if len(parent[0]) >= SKELETON_ITEMS:
            self._skip = 1 if is_container else 0
            return False
        parent[0].append(item)
        return True


