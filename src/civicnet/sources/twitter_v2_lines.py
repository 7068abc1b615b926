"""Mapping a range of twarc2 JSON Lines into Arrow batches: the work of one fast-path worker.

:func:`map_range` reads a span of whole lines (a byte range of a file, or bytes handed
over), decodes each line with the typed decoder (:func:`~.twitter_v2_types.decode_line`),
lists its records as the row path does (``twitter_v2.raws_of``; a page's by its own
``page_records``), judges and maps each with
the one mapping (:func:`~civicnet.sources.map_into` over
:func:`~.twitter_v2_map.map_rows`) and yields :class:`~civicnet.columns.Batch` es as the rows
grow, then a :class:`RangeResult`. A line that is no JSON object, or holds a number that
orjson (the row path's reader) would read differently, is parsed as the row path parses it.

Line numbers are the range's own (1 = its first line): the caller adds the lines of the
ranges before it. Order keys are ``index << 40`` plus the rows' place in the range.

A page repeats its users: a user object equal to the last one this range mapped for the
same id (msgspec compares the decoded fields) gives the same account row again, so it is
counted but not mapped a second time. The first :data:`OBJECT_MEMORY` ids of a range
remember the object itself (~700 bytes; comparing costs ~0.2 µs); later ones its
fingerprint (:func:`fingerprint`: the MD5 digest of its fields as msgpack, as the interaction
keys are digests; ~150 bytes, ~1 µs to compute), up to :data:`USER_MEMORY` ids. So a range
gives one row per account up to 2M accounts with bounded memory (before, the 400,000 objects
remembered were forgotten at once, and a file of 2M tweets gave six rows per account, which the
main process merged: benchmarks/RESULTS.md, "the import at 2M"). That keeps the rows' merge
exact: between the two equal objects, nothing else of this range gave that account a row (any
other account row of the id forgets what was remembered), and ranges are contiguous spans of
the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import msgspec

from ..columns import Batch, Rows, md5, no_yield
from ..errors import FormatError
from . import map_into
from ._io import MAX_DOCUMENT_BYTES, Broken, SourceFile
from ._json import _try_parse
from .twitter_v2_map import map_rows, page_records, where_text
from .twitter_v2_types import Line, Obj, decode_line, is_page, to_struct

#: Rows gathered before a batch is handed on.
BATCH_ROWS = 20_000
#: User objects remembered per range as themselves (~700 bytes each) …
OBJECT_MEMORY = 400_000
#: … and, up to this many in all, by their fingerprints (~150 bytes each): bounds the worker's memory
#: (forgetting only costs a row).
USER_MEMORY = 2_000_000
#: Lines at least this long are parsed by the row path's reader, which refuses JSON too dense to parse.
DENSE_CHECK_BYTES = 4 << 20
ORDER_SHIFT = 40


@dataclass
class RangeResult:
    """What mapping one range found, besides its batches."""

    index: int
    lines: int = 0
    records: int = 0
    yielded: dict = field(default_factory=no_yield)
    #: (line, where, reason, fix), in the range's order
    rejects: list = field(default_factory=list)
    #: (line, problem) of a line the file cannot be read past (FormatError), or None
    fatal: tuple | None = None
    #: table → the Arrow IPC file a worker wrote the range's rows of that table into (staged where
    #: the import asked: :mod:`civicnet.store.staging`); empty when the batches were handed on
    staged: dict = field(default_factory=dict)


class _Mapper:
    """Maps the lines of one range into rows, batch by batch."""

    def __init__(self, index: int, source: SourceFile, options: dict, strict: bool):
        self.result = RangeResult(index)
        self.source, self.options, self.strict = source, options, strict
        self.rows = Rows()
        self.order = index << ORDER_SHIFT
        self.users: dict = {}  # id → the user object that gave its last row, or its fingerprint
        self.skipped = 0

    def line(self, lineno: int, data: bytes) -> bool:
        """Map one line; False when the range must stop here (a fatal problem, a strict reject)."""
        from .twitter_v2 import raws_of

        if not data.strip():
            return True
        value = decode_line(data) if len(data) < DENSE_CHECK_BYTES else None
        if value is None:
            value = _try_parse(data)
            if isinstance(value, Broken):
                self.result.records += 1
                return self._reject(lineno, None, value)
            value = to_struct(value)
        users, rows, records = self.users, self.rows, 0
        try:
            listed = (page_records(value, self.options) if type(value) is Line and is_page(value)  # raws_of's own
                      else raws_of(value, self.options, self.source, f"line {lineno}"))
            for where, record, context in listed:
                records += 1
                if context.kind == "user" and not context.collected and type(record) is Obj:
                    key = where[1]  # the page's key of this user: str(record.id)
                    known = users.get(key)
                    if known is not None and (known == record if type(known) is Obj else known == fingerprint(record)):
                        self.skipped += 1  # a page's user as this range last mapped it
                        continue
                    broken = map_into(map_rows, record, context, rows)
                    if broken is None:
                        if rows.accounts[-1][1] != key:  # an id the row writes otherwise: not remembered
                            users.pop(rows.accounts[-1][1], None)
                        else:
                            self._remember(key, record)
                        continue
                else:
                    before = len(rows.accounts)
                    broken = map_into(map_rows, record, context, rows)
                    if len(rows.accounts) > before:  # an account row from elsewhere: forget its user
                        for row in rows.accounts[before:]:
                            users.pop(row[1], None)
                if broken is not None and not self._reject(lineno, where, broken):
                    return False
        except FormatError as exc:
            self.result.fatal = (lineno, exc.problem)
            return False
        except RecursionError:
            self.result.fatal = (lineno, "nested too deeply")
            return False
        finally:
            self.result.records += records
        return True

    def _remember(self, key: str, record: Obj) -> None:
        """Remember the user object that gave the last account row of ``key``: itself, or beyond
        :data:`OBJECT_MEMORY` ids its fingerprint; beyond :data:`USER_MEMORY` ids everything is forgotten."""
        users = self.users
        if len(users) >= USER_MEMORY:
            users.clear()
        if len(users) < OBJECT_MEMORY:
            users[key] = record
            return
        mark = fingerprint(record)
        if mark is None:
            users.pop(key, None)
        else:
            users[key] = mark

    def _reject(self, lineno: int, where: tuple | None, broken: Broken) -> bool:
        self.result.rejects.append((lineno, where_text(where), broken.reason, broken.fix))
        return not self.strict

    def batch(self, size: int) -> Batch:
        """The rows so far as a batch (``size``: the bytes of the file they cover), counted in ``yielded``."""
        rows, yielded = self.rows, self.result.yielded
        rows.tally(yielded)
        yielded["accounts"] += self.skipped
        batch = rows.batch(self.order, size)
        self.order += len(rows)
        self.rows, self.skipped = Rows(), 0
        return batch


def fingerprint(record: Obj) -> bytes | None:
    """The MD5 digest of a decoded object's fields (as msgpack, which writes each value with its type: equal
    digests, equal objects); None for one msgpack cannot write (never remembered)."""
    try:
        return md5(_encode(record)).digest()
    except (TypeError, OverflowError, msgspec.EncodeError):
        return None


_encode = msgspec.msgpack.Encoder().encode


def map_range(index: int, blocks: Iterator[bytes], source: SourceFile, options: dict,
              strict: bool) -> Iterator[Batch | RangeResult]:
    """Batches of the lines in ``blocks`` (whole lines, cut anywhere into blocks), then the range's result."""
    mapper = _Mapper(index, source, options, strict)
    lineno, size = 0, 0
    for lineno, data in _lines(blocks, mapper.result):
        size += len(data)
        if not mapper.line(lineno, data):
            break
        if len(mapper.rows) >= BATCH_ROWS:
            yield mapper.batch(size)
            size = 0
    mapper.result.lines = lineno
    yield mapper.batch(size)
    yield mapper.result


def _lines(blocks: Iterator[bytes], result: RangeResult) -> Iterator[tuple[int, bytes]]:
    """``(line number, line)`` of the blocks, each line with its newline as the row path reads it (so a
    broken line's reason is the same); a line over the row path's limit is fatal. A block is sliced
    where it lies: only a line cut across blocks is joined (not the block to the part before it)."""
    lineno, parts, held = 0, [], 0  # the start of a line cut at a block's end, and its length
    for block in blocks:
        start = 0
        if parts:
            end = block.find(b"\n")
            if end < 0:
                parts.append(block)
                held += len(block)
                if held > MAX_DOCUMENT_BYTES:
                    result.fatal = (lineno + 1, f"a line is larger than {MAX_DOCUMENT_BYTES >> 20} MiB")
                    return
                continue
            lineno += 1
            if held + end > MAX_DOCUMENT_BYTES:
                result.fatal = (lineno, f"a line is larger than {MAX_DOCUMENT_BYTES >> 20} MiB")
                return
            parts.append(block[:end + 1])
            yield lineno, b"".join(parts)
            parts, held, start = [], 0, end + 1
        find = block.find
        while True:
            end = find(b"\n", start)
            if end < 0:
                break
            lineno += 1
            if end - start > MAX_DOCUMENT_BYTES:
                result.fatal = (lineno, f"a line is larger than {MAX_DOCUMENT_BYTES >> 20} MiB")
                return
            yield lineno, block[start:end + 1]
            start = end + 1
        if start < len(block):
            parts, held = [block[start:]], len(block) - start
            if held > MAX_DOCUMENT_BYTES:
                result.fatal = (lineno + 1, f"a line is larger than {MAX_DOCUMENT_BYTES >> 20} MiB")
                return
    if parts:
        yield lineno + 1, b"".join(parts)
