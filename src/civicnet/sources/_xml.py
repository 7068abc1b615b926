"""Safe, streaming XML for the network formats (GEXF, GraphML).

Network files can be large and come from anywhere, so they are parsed with lxml's
``iterparse`` under these rules:

* no DTD at all: a ``<!DOCTYPE`` before the root element is refused outright, so
  neither internal entities (a "billion laughs" bomb) nor external ones (XXE: a
  file or URL pulled into the data) can be declared; GEXF and GraphML never need
  one;
* and, as a second line, ``resolve_entities=False``, ``load_dtd=False``,
  ``no_network=True`` and ``huge_tree=False`` (libxml2's own limits stay on);
* elements are cleared once handled, so memory stays flat however many nodes and
  edges the file holds.

Every parse error becomes a :class:`~civicnet.errors.FormatError` naming the line.
"""

from __future__ import annotations

import io
import re
from typing import Iterator

from lxml import etree

from . import _text
from ._io import SourceFile

#: The prolog (XML declaration, comments) before the root element may be at most this long.
MAX_PROLOG_BYTES = 1 << 20
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)


def localname(tag) -> str:
    """``{namespace}node`` -> ``node``; comments and processing instructions -> ''."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


class _Prefixed(io.RawIOBase):
    """The bytes already read for the prolog check, then the rest of the stream."""

    def __init__(self, head: bytes, rest):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def _read_prolog(fh, source: SourceFile, fmt: str) -> bytes:
    """Read up to the root element's start and refuse a DOCTYPE before it, in any encoding (UTF-16 too)."""
    head = b""
    while True:
        chunk = fh.read(64 * 1024)
        head += chunk
        text = _text.decode_head(head, _text.sniff(head) or "utf-8") or ""
        root_at = _root_start(text)
        prolog = text if root_at is None else text[:root_at]
        if _DOCTYPE.search(prolog):
            raise source.error(
                "the file declares a DTD (<!DOCTYPE …>); refused, since entities in it could expand "
                "without bound or pull in other files. Remove the DOCTYPE line and try again",
                fmt=fmt,
            )
        if root_at is not None or not chunk:
            return head
        if len(head) > MAX_PROLOG_BYTES:
            raise source.error("no root element in the first MiB", fmt=fmt)


def _root_start(text: str) -> int | None:
    """Offset of the first ``<`` that opens an element (not ``<?``, ``<!``)."""
    m = re.search(r"<[^?!]", text)
    return m.start() if m else None


def iterparse(source: SourceFile, fmt: str, root: str) -> Iterator[tuple[str, etree._Element]]:
    """Yield ``(event, element)`` for "start" and "end" events of the document.

    ``root`` is the expected local name of the root element; another root is a
    FormatError. The caller clears elements it is done with (see :func:`release`).
    """
    with source.open_binary() as fh:
        head = _read_prolog(fh, source, fmt)
        if not head.strip():
            raise source.error("the file is empty", fmt=fmt)
        stream = io.BufferedReader(_Prefixed(head, fh), buffer_size=1 << 20)
        parser = etree.iterparse(
            stream, events=("start", "end"), resolve_entities=False, load_dtd=False, no_network=True,
            huge_tree=False, remove_comments=True, remove_pis=True, recover=False,
        )
        first = True
        try:
            for event, element in parser:
                if first:
                    first = False
                    if localname(element.tag) != root:
                        raise source.error(f"the root element is <{localname(element.tag)}>, not <{root}>", fmt=fmt)
                yield event, element
        except etree.XMLSyntaxError as exc:
            line = exc.lineno or (exc.position[0] if exc.position else None)
            message = " ".join(str(exc.msg).split())  # libxml2 spreads some messages over two lines
            raise source.error(f"not well-formed XML: {message}", location=f"line {line}" if line else None,
                               fmt=fmt) from None


def release(element: etree._Element) -> None:
    """Free a handled element and the siblings before it (keeps memory flat)."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


_FIRST_ELEMENT = re.compile(r"<(?![?!])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def root_of(text: str | None) -> str | None:
    """The local name of the first element in a text sample (for detection)."""
    if not text:
        return None
    body = re.sub(r"<!--.*?-->", "", text[:65536], flags=re.S)
    m = _FIRST_ELEMENT.search(body)
    return m.group(1) if m else None
