"""Reading a case's export files inside Spark tasks: the importers' own reading and mapping.

The spark engine's import (:mod:`civicnet.spark.ingest`) cuts the case's files into
:class:`Part` s, one Spark task each:

- a **JSON Lines** file (a format read by :func:`civicnet.sources._json.iter_json` that reads
  the file as lines: twitter-v2, twitter-v1, facebook-graph, bluesky, 4cat's NDJSON) that is
  plain UTF-8 (not gzip, no other codec) is cut by bytes into parts of about
  :data:`PART_BYTES`; a part holds the lines that *start* in its byte range, so every line
  belongs to one part, and it knows the number of its first line (from a first Spark job
  that counts the line starts of each range, :func:`line_starts`);
- every other file — a JSON document, CSV and tables (quoted newlines, a date order judged on
  the whole file), XML graphs, NodeXL workbooks, gzip, other encodings, Mastodon (the
  serving instance is read from the whole file) — is one part.

Each part is read as the DuckDB import reads the file: where the format's fast path applies
(twitter-v2's JSON Lines, ``bulk_applies``), as one of its workers maps a range
(:func:`read_fast`: :func:`civicnet.sources.twitter_v2_lines.map_range`); else by the row path
(:func:`civicnet.store.ingest.read_rows`: the importer's ``iter_raw``,
:func:`civicnet.sources.map_one`, the same rejects and errors) on a
:class:`~civicnet.sources.SourceFile` — for a part of a JSON Lines file a :class:`SourcePart`
that reads only its bytes — so detection, encodings, dates and reject rules are the import's
own. The mapped rows come back as Arrow in one wide layout (:data:`WIDE`): a table tag ``t``,
the order ``ord`` (file, part, row: the order the store's merge rules follow), the three
record tables' columns, and one report row per part (:class:`PartReport` as JSON; an input
error raised by the part, pickled, to be raised again on the driver).

The files are opened by path, so on a cluster the case's files must be on a filesystem every
executor sees at the same path (NFS, a mounted bucket, ``/dbfs``); docs/scale.md.
"""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from ..columns import ACCOUNT_SCHEMA, INTERACTION_SCHEMA, MESSAGE_SCHEMA, Rows
from ..errors import InputError
from ..sources import SourceFile

#: Bytes of a JSON Lines file per Spark task (a file is cut into at most :data:`MAX_PARTS` parts).
PART_BYTES = 32 << 20
MAX_PARTS = 4096
#: Rejects a part reports in full (the import keeps the first 1,000 of a file: ingest.MAX_REJECTS_KEPT).
KEPT_REJECTS = 1_000
#: Formats whose JSON Lines files are cut into parts: their ``iter_raw`` reads each line on its own
#: (Mastodon is not: it reads the serving instance from anywhere in the file first).
SPLIT_FORMATS = frozenset({"twitter-v2", "twitter-v1", "facebook-graph", "bluesky", "4cat"})

#: Table tags of the wide rows.
ACCOUNT, MESSAGE, INTERACTION, REPORT = 0, 1, 2, 3
#: (tag, column prefix, Arrow schema without ``o``) of the record tables in the wide rows.
TABLES = ((ACCOUNT, "a_", ACCOUNT_SCHEMA), (MESSAGE, "m_", MESSAGE_SCHEMA), (INTERACTION, "i_", INTERACTION_SCHEMA))
#: ``ord`` = file << FILE_SHIFT | part << PART_SHIFT | row (rows of a part < 2**32, parts < 4096).
FILE_SHIFT, PART_SHIFT = 44, 32


def _wide_schema() -> pa.Schema:
    fields = [pa.field("t", pa.int32()), pa.field("ord", pa.int64())]
    for _, prefix, schema in TABLES:
        fields += [pa.field(prefix + f.name, f.type) for f in schema if f.name != "o"]
    return pa.schema(fields + [pa.field("report", pa.string()), pa.field("error", pa.binary())])


#: The Arrow layout of what the reading tasks return.
WIDE = _wide_schema()
_SPARK_TYPES = {pa.int32(): "int", pa.int64(): "bigint", pa.string(): "string", pa.bool_(): "boolean",
                pa.timestamp("us"): "timestamp_ntz", pa.binary(): "binary"}
#: The same layout as a Spark DDL schema (for ``mapInArrow``).
WIDE_DDL = ", ".join(f"`{f.name}` {_SPARK_TYPES[f.type]}" for f in WIDE)


@dataclass(frozen=True)
class Part:
    """One Spark task's share of a case's files: file ``file`` (its index among the case's
    sources), part ``part`` of it; ``start``/``stop``: its byte range (None: the whole file);
    ``first_line``: the number of the first line starting in the range."""

    file: int
    part: int
    path: str
    fmt: str
    options: dict
    encoding: str | None
    language: str
    strict: bool
    start: int | None = None
    stop: int | None = None
    first_line: int = 1
    #: the format's fast path applies to the file (twitter-v2's JSON Lines): mapped as its workers map a range
    fast: bool = False


class SourcePart(SourceFile):
    """The lines of a JSON Lines file that start in ``[start, stop)``, read as a file of their own
    (numbered from ``first_line``); everything else — the path in errors, the encoding sniffed
    from the file's start — is the whole file's."""

    json_lines = True

    def __init__(self, part: Part):
        super().__init__(part.path, encoding=part.encoding, language=part.language)
        self.start, self.stop, self.first_line = part.start, part.stop, part.first_line

    def open_binary(self):
        with open(self.path, "rb") as fh:
            begin = _line_start_at(fh, self.start)
            if begin >= self.stop:
                return io.BufferedReader(io.BytesIO(b""))
            fh.seek(begin)
            data = fh.read(self.stop - begin)
            if data and not data.endswith(b"\n"):
                data += fh.readline()  # the part's last line runs on past its range
        return io.BufferedReader(io.BytesIO(data))


def _line_start_at(fh, offset: int) -> int:
    """The first offset at or after ``offset`` where a line starts."""
    if offset == 0:
        return 0
    fh.seek(offset - 1)
    fh.readline()
    return fh.tell()


def line_starts(path: str, start: int, stop: int) -> int:
    """How many lines start in ``[start, stop)`` of the file (offset 0 is a line start; so is the
    byte after each newline). Read in blocks: a count of newlines."""
    low = max(start - 1, 0)  # a newline at p starts a line at p + 1: count those at [low, stop - 1)
    count, left = (1 if start == 0 else 0), stop - 1 - low
    with open(path, "rb") as fh:
        fh.seek(low)
        while left > 0:
            block = fh.read(min(left, 1 << 22))
            if not block:
                break
            count += block.count(b"\n")
            left -= len(block)
    return count


@dataclass
class PartReport:
    """What reading one part found: as the DuckDB import's ImportReport has it, per part, with
    each reject reason's count and first place (``reasons``: reason -> [count, first index])."""

    records_read: int
    yielded: dict
    rejects: list
    reasons: dict
    fixes: dict
    reading: dict


class _Sink:
    """Takes the row path's rows (``add_rows``, as :class:`~civicnet.store.staging.Staging` does)
    and keeps them as wide Arrow batches, ordered by ``ord``."""

    def __init__(self, base: int):
        self.base, self.next_order, self.batches = base, 0, []

    def add_rows(self, rows: Rows) -> None:
        if not len(rows):
            return
        self.add(rows.batch(self.next_order))
        self.next_order += len(rows)

    def add(self, batch) -> None:
        """A :class:`~civicnet.columns.Batch` whose ``o`` orders its rows in the part."""
        for (tag, prefix, _), part in zip(TABLES, batch[:3]):
            if part.num_rows:
                self.batches.append(_wide(tag, part, prefix, self.base))


def _wide(tag: int, part: pa.RecordBatch, prefix: str, base: int) -> pa.RecordBatch:
    import pyarrow.compute as pc

    n = part.num_rows
    given = {prefix + name: part.column(name) for name in part.schema.names if name != "o"}
    given["t"] = pa.array([tag] * n, pa.int32())
    given["ord"] = pc.add(part.column("o"), pa.scalar(base, pa.int64()))
    return pa.RecordBatch.from_arrays([given.get(f.name, pa.nulls(n, f.type)) for f in WIDE], schema=WIDE)


def _report_batch(base: int, report: str | None, error: bytes | None) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays(
        [pa.array([REPORT], pa.int32()), pa.array([base], pa.int64())]
        + [pa.nulls(1, f.type) for f in WIDE if f.name not in ("t", "ord", "report", "error")]
        + [pa.array([report], pa.string()), pa.array([error], pa.binary())], schema=WIDE)


def read_part(part: Part) -> Iterator[pa.RecordBatch]:
    """Read and map one part (inside a Spark task): its records as wide batches, then its report
    (or the input error that stopped it)."""
    from .. import sources
    from ..store.ingest import _reading, read_rows

    base = part.file << FILE_SHIFT | part.part << PART_SHIFT
    sink = _Sink(base)
    try:
        whole = SourceFile(part.path, encoding=part.encoding, language=part.language)
        if part.fast:
            source = whole
            n, yielded, items, fixes = read_fast(part, source, sink)
        else:
            source = SourcePart(part) if part.start is not None else whole
            n, yielded, rejects = read_rows(sink, source, sources.get(part.fmt), part.options, part.strict)
            items, fixes = rejects.items, rejects.fixes
    except InputError as exc:
        yield _report_batch(base, None, pack_error(exc))
        return
    yield from sink.batches
    reasons: dict[str, list[int]] = {}
    for i, (_, reason) in enumerate(items):
        reasons.setdefault(reason, [0, i])[0] += 1
    report = PartReport(n, yielded, items[:KEPT_REJECTS], reasons, fixes, _reading(source))
    yield _report_batch(base, json.dumps(report.__dict__), None)


def read_fast(part: Part, source: SourceFile, sink: _Sink):
    """A part of a file the format's fast path applies to (twitter-v2's JSON Lines), mapped as the
    DuckDB import's fast path maps one range (:func:`civicnet.sources.twitter_v2_lines.map_range`:
    the typed decoder and the one mapping); ``(records, yielded, rejects, fixes)``, and the errors
    the fast path raises (:meth:`civicnet.sources.twitter_v2_bulk.BulkRead._finish`)."""
    from ..errors import FormatError, RejectedRecord
    from ..sources import get
    from ..sources.twitter_v2_bulk import _blocks
    from ..sources.twitter_v2_lines import RangeResult, map_range

    get(part.fmt).bulk_applies(source, part.options)  # what it notes about the file (its encoding), as the import
    if part.start is None:
        blocks = _blocks(source)
    else:
        lines = SourcePart(part).open_binary()
        blocks = iter(lambda: lines.read(8 << 20), b"")
    result = RangeResult(0)
    for item in map_range(0, blocks, source, part.options, part.strict):
        if isinstance(item, RangeResult):
            result = item
        elif len(item):
            sink.add(item)
    offset, items, fixes = part.first_line - 1, [], {}
    for line, where, reason, fix in result.rejects:
        items.append((f"line {offset + line}{where}", reason))
        if fix and reason not in fixes:
            fixes[reason] = fix
    if part.strict and items:
        raise RejectedRecord(source.path, *items[0])
    if result.fatal:
        raise FormatError(source.path, result.fatal[1], location=f"line {offset + result.fatal[0]}", fmt=part.fmt)
    return result.records, result.yielded, items, fixes


def pack_error(exc: Exception) -> bytes:
    """An input error for the driver: its class, arguments and attributes (civicnet's errors take
    other arguments than their message, so they do not pickle as they are)."""
    return pickle.dumps((type(exc), exc.args, exc.__dict__))


def unpack_error(data: bytes) -> Exception:
    """The error :func:`pack_error` packed, as it was raised."""
    kind, args, state = pickle.loads(data)
    exc = kind.__new__(kind)
    exc.args = args
    exc.__dict__.update(state)
    return exc


def reader(parts: list[Part]):
    """The function ``mapInArrow`` runs over a frame of part numbers (column ``id``)."""
    def read(batches):
        for batch in batches:
            for number in batch.column(0).to_pylist():
                yield from read_part(parts[number])

    return read
