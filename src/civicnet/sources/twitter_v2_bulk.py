"""Bulk import of twarc2 JSON Lines through DuckDB, with the same result as the row path.

For line-delimited files whose lines are twarc2 pages (``{"data": […], "includes":
{…}, "__twarc": …}``) or twarc2 flattened tweets, ``twitter_v2`` hands the file to
:func:`ingest` instead of mapping record by record.

The file is cut at line ends into slices of about :data:`SLICE_BYTES` (decompressed),
each written to a temporary file by a thread that also finds the lines holding a JSON
``null`` (DuckDB cannot tell an explicit null from a missing key, which ``map_record``
sometimes does) and cuts the next slice while DuckDB works on this one. Slice by slice,
in file order:

1. DuckDB's ``read_json`` reads the slice with an explicit schema in one ordered pass
   (``twitter_v2_sql.occurrences_sql``). Where DuckDB cannot read a slice (a malformed
   line, a value of an unexpected shape) or gzip breaks, every line of the file is
   mapped by the Python mapper instead, which raises the same
   :class:`~civicnet.errors.FormatError` as the row path, naming the line;
2. set-based SQL (``twitter_v2_sql``) maps every tweet, user and tie of the lines
   whose values have their usual form; lines holding anything else (a record
   without id, an odd date, a number where text belongs, a null) go to
   ``twitter_v2.map_record``, the reference, which also rejects bad records with
   their reasons;
3. both feed staging tables carrying the order the row path would write in (a slice's
   lines numbered after the previous slices'), merged per key with
   :meth:`Store.write`'s rules (the last present value wins, ``collected`` is or-ed,
   the first interaction of a key wins) and upserted with
   :meth:`Store.upsert_records`, the same statements the row path runs for each of its
   batches: slices are written in order, so the store ends as one merge of every row
   would leave it.

Steps 1–2 and the merge run in a separate in-memory DuckDB (a failed statement would
abort the store's transaction) that holds one slice at a time, within
:data:`WORK_MEMORY`; only the upsert writes the store, inside the caller's transaction.
"""

from __future__ import annotations

import html
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, fields
from itertools import count
from pathlib import Path
from typing import Iterator

import orjson
import pyarrow as pa

from ..errors import RecordError, RejectedRecord
from ..model import Account, Interaction, Message
from . import twitter_v2_sql as q
from ..errors import FormatError
from ._io import SourceFile, loads

#: DuckDB's limit for one line (one twarc2 page); the row path allows up to 1 GiB.
MAX_LINE_BYTES = 16 << 20
#: DuckDB's working memory for the bulk path; beyond it DuckDB spills to a temporary folder.
WORK_MEMORY = "1GB"
#: The file is read, mapped and staged in slices of about this many (decompressed) bytes,
#: so the work database holds one slice's parsed lines and stays within its memory.
SLICE_BYTES = 256 << 20
_CHUNK = 1 << 24
_LINE_SHIFT = 1 << 28


def applies(source: SourceFile, options: dict) -> bool:
    """True when the file's first line is a twarc2 tweet page or a flattened tweet."""
    from .twitter_v2 import _is_tweet, _is_user

    if options.get("relation") or source.size == 0:
        return False
    first = _first_value(source)
    if not isinstance(first, dict):
        return False
    if "data" in first or "includes" in first:
        data = first.get("data")
        return "users" not in first and isinstance(data, list) and all(_is_tweet(d) and not _is_user(d) for d in data)
    return _is_tweet(first)


def _first_value(source: SourceFile):
    """The first non-blank line as JSON, or None (not JSON Lines, unreadable, BOM, too long)."""
    try:
        with source.open_binary() as fh:
            for line in iter(lambda: fh.readline(MAX_LINE_BYTES + 1), b""):
                if line.strip():
                    if line.startswith(b"\xef\xbb\xbf") or len(line) > MAX_LINE_BYTES:
                        return None
                    return orjson.loads(line)
    except (FormatError, orjson.JSONDecodeError, OSError):
        return None
    return None


def ingest(store, case_id: str, source: SourceFile, options: dict, *, strict: bool, progress) -> tuple[int, list]:
    """Import ``source``; returns ``(records_read, rejects)`` like the row path."""
    import duckdb

    with tempfile.TemporaryDirectory(prefix="civicnet-bulk-") as spill:
        work = duckdb.connect(config={"preserve_insertion_order": True, "memory_limit": WORK_MEMORY,
                                      "temp_directory": spill})
        try:
            return _ingest(work, store, case_id, source, options, strict, Path(spill), progress)
        finally:
            work.close()


class _Unreadable(Exception):
    """DuckDB (or gzip) cannot read a slice: the whole file goes to the Python mapper."""


def _ingest(work, store, case_id, source, options, strict, spill: Path, progress) -> tuple[int, list]:
    for sql in q.MACROS:
        work.execute(sql).fetchall()
    staging = q.stage_tables(_store_types(store))
    try:
        return _ingest_slices(work, store, case_id, source, options, strict, spill, staging, progress)
    except _Unreadable:
        # the slices already written may stay: upserting their records again, in order,
        # leaves the store as one pass does (the last present value, the first tie)
        _run(work, staging)
        read, rejects = _map_all_in_python(work, source, options, strict)
        _write(store, case_id, work)
        return read, rejects


def _ingest_slices(work, store, case_id, source, options, strict, spill: Path, staging: list[str],
                   progress) -> tuple[int, list]:
    """Read, map, stage and write the file slice by slice, in order (as the row path writes batches)."""
    flat = _is_flat(source)
    read, rejects, base = 0, [], 0
    # the next slice is cut (and scanned for nulls) on the other core while DuckDB maps this one
    with closing(_slices(source, spill)) as pieces, ThreadPoolExecutor(1) as pool:
        pending = pool.submit(next, pieces, None)
        while (piece := _next_slice(pending)) is not None:
            pending = pool.submit(next, pieces, None)
            _run(work, staging)
            try:
                span = _read(work, piece.path, flat)
                n, more = _map_in_sql(work, source, piece, options, strict, flat, base)
            finally:
                piece.path.unlink()
            _write(store, case_id, work)
            read, base = read + n, base + span
            rejects += more
            progress(piece.end)
    return read, rejects


def _run(con, statements: list[str]) -> None:
    """Run statements that return nothing to keep, each result consumed."""
    for sql in statements:
        con.execute(sql).fetchall()


def _next_slice(pending) -> "_Slice | None":
    """The slice the thread has cut, or None after the last."""
    try:
        return pending.result()
    except FormatError:  # broken gzip: the row path says where, in its own order
        raise _Unreadable from None


def _store_types(store) -> dict[str, list[tuple[str, str]]]:
    """The store's columns and types of the tables the bulk path fills."""
    return {
        t: store.sql("SELECT column_name, data_type FROM information_schema.columns "
                     "WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position", [t])
        for t in ("account", "message", "interaction")
    }


def _read(con, path: Path, flat: bool) -> int:
    """Read one slice and list its tweet occurrences; returns how many line ids its lines span."""
    import duckdb

    statements = q.occurrences_sql(MAX_LINE_BYTES, flat)
    try:
        con.execute(statements[0], [str(path)]).fetchall()
    except (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.IOException):
        raise _Unreadable from None
    for sql in statements[1:]:
        con.execute(sql).fetchall()
    parsed = "bk_raw" if flat else "bk_occ"
    span = con.execute(f"SELECT count(*) FROM {parsed}").fetchall()[0][0]
    con.execute(f"DROP TABLE {parsed}").fetchall()  # no longer needed: free it early
    return span


def _is_flat(source: SourceFile) -> bool:
    """Whether the file's first line is a flattened tweet (else a page)."""
    value = _first_value(source)
    return not ("data" in value or "includes" in value)


def _map_in_sql(con, source, piece: "_Slice", options, strict, flat: bool, base: int) -> tuple[int, list]:
    """Map and stage the slice just read; its line ids follow the ``base`` ids of the slices before."""
    con.execute(q.ROUTE_SQL).fetchall()
    if not flat:
        con.execute(q.ROUTE_PAGE_REFS_SQL).fetchall()
    # SQL names a line by where it starts (``line``), Python by its ordinal (bk_lines.rowid)
    routed = dict(con.execute("SELECT rowid, start FROM bk_lines WHERE start IN (SELECT line FROM bk_route)").fetchall())
    lines = _python_lines(piece.path, set(routed), piece.null_lines) if piece.null_lines or routed else {}
    extra = sorted(set(lines) - set(routed))
    if extra:
        starts = con.execute("SELECT rowid, start FROM bk_lines WHERE rowid IN (SELECT unnest(?::BIGINT[]))",
                             [extra]).fetchall()
        routed.update(starts)
        con.execute("INSERT INTO bk_route SELECT unnest(?::BIGINT[])", [[s for _, s in starts]]).fetchall()
    con.execute(f"SET VARIABLE bk_base = {int(base)}").fetchall()
    for sql in q.STAGE_SQL:
        con.execute(sql).fetchall()
    read = con.execute(q.RECORDS_SQL).fetchall()[0][0]
    for table in q.SLICE_TABLES:
        con.execute(f"DROP TABLE {table}").fetchall()
    rejects: list = []
    for ordinal in sorted(lines):
        lineno, text = lines[ordinal]
        location = f"line {piece.first_line + lineno}"
        raws = _raws(loads(text, source, location, "twitter-v2"), location, options, source)
        read += _stage_python(con, raws, (base + routed[ordinal]) * _LINE_SHIFT, source, strict, rejects)
    return read, rejects


def _raws(value, location, options, source) -> Iterator:
    from .twitter_v2 import raws_of

    return raws_of(value, location, options, source)


def _map_all_in_python(con, source, options, strict) -> tuple[int, list]:
    """DuckDB could not read the file: map every record with the reference mapper."""
    from .twitter_v2 import iter_raw

    rejects: list = []
    read = _stage_python(con, iter_raw(source, options), 0, source, strict, rejects)
    return read, rejects


def _stage_python(con, raws, base: int, source, strict: bool, rejects: list) -> int:
    """Map raw records with ``map_record`` into the staging tables, in order from ``base``."""
    from .twitter_v2 import map_record

    rows: dict[str, list] = {"account": [], "message": [], "interaction": []}
    n = 0
    try:
        for n, raw in enumerate(raws, 1):
            try:
                mapped = map_record(raw.record, raw.context)
            except RecordError as exc:
                _reject(source, raw.location, exc.reason, strict, rejects)
                continue
            except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                _reject(source, raw.location, f"unexpected shape ({type(exc).__name__}: {exc})", strict, rejects)
                continue
            o = base + n * 1024
            for name, items in (("account", mapped.accounts), ("message", mapped.messages),
                                ("interaction", mapped.interactions)):
                rows[name].extend((o + sub, item) for sub, item in enumerate(items))
            if sum(map(len, rows.values())) >= 50_000:
                _flush(con, rows)
    except RecursionError:
        raise source.error("nested too deeply", fmt="twitter-v2") from None
    except UnicodeDecodeError as exc:
        raise source.error(f"not UTF-8 text ({exc.reason})", fmt="twitter-v2") from None
    _flush(con, rows)
    return n


def _reject(source, location, reason, strict, rejects) -> None:
    if strict:
        raise RejectedRecord(source.path, location, reason)
    rejects.append((location, reason))


_CLASSES = {"account": Account, "message": Message, "interaction": Interaction}


def _flush(con, rows: dict[str, list]) -> None:
    for name, items in rows.items():
        if not items:
            continue
        names = [f.name for f in fields(_CLASSES[name])]
        columns = {"o": [o for o, _ in items]}
        for col in names:
            values = [getattr(item, col) for _, item in items]
            if col == "created_at":
                values = [_utc_naive(v) for v in values]
            columns[col] = values
        batch = pa.table(columns)
        con.register("bk_batch", batch)
        con.execute(f"INSERT INTO bk_st_{name} BY NAME SELECT * FROM bk_batch").fetchall()
        con.unregister("bk_batch")
        items.clear()


def _utc_naive(value):
    from datetime import timezone

    if value is not None and value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _unescape_texts(con) -> None:
    """``map_record`` stores text HTML-unescaped (``&amp;`` → ``&``): do the same, in Python."""
    texts = [r[0] for r in con.execute(
        "SELECT DISTINCT text FROM bk_st_message WHERE contains(text, '&')").fetchall()]
    changed = [(t, html.unescape(t)) for t in texts]
    changed = [(t, u) for t, u in changed if t != u]
    if not changed:
        return
    con.register("bk_unescape_batch", pa.table({"t": [t for t, _ in changed], "u": [u for _, u in changed]}))
    con.execute("CREATE TEMP TABLE bk_unescape AS SELECT * FROM bk_unescape_batch").fetchall()
    con.unregister("bk_unescape_batch")
    con.execute("UPDATE bk_st_message SET text = x.u FROM bk_unescape x WHERE bk_st_message.text = x.t").fetchall()
    con.execute("DROP TABLE bk_unescape").fetchall()


def _write(store, case_id: str, work) -> None:
    """Merge the staged rows and upsert them exactly as :meth:`Store.write` does."""
    from ..store.db import ACCOUNT_COLUMNS, INTERACTION_COLUMNS, MESSAGE_COLUMNS

    _unescape_texts(work)
    work.execute(q.merge_sql("account", ACCOUNT_COLUMNS)).fetchall()
    work.execute(q.merge_sql("message", MESSAGE_COLUMNS, not_null=("kind",), split=True)).fetchall()
    work.execute(q.interactions_sql(INTERACTION_COLUMNS)).fetchall()
    for t in ("account", "message", "interaction"):  # merged: free the staged rows before the store's turn
        work.execute(f"DROP TABLE bk_st_{t}").fetchall()
    con = store.con
    for t in ("account", "message", "interaction"):
        con.register(f"bk_{t}", work.sql(f"SELECT * FROM bk_{t}").to_arrow_table())
        store.upsert_records(case_id, t, f"bk_{t}")
        con.unregister(f"bk_{t}")
        work.execute(f"DROP TABLE bk_{t}").fetchall()


# -- scanning the file in Python (only what DuckDB cannot tell) ------------------------------

@dataclass
class _Slice:
    """Whole lines of the file, written (decompressed) to a file of their own."""

    path: Path
    first_line: int  #: the file's lines before the slice's first
    null_lines: set[int]  #: the slice's lines (1-based) that may hold a JSON ``null``
    end: int  #: bytes of the file on disk read so far


class _SliceFile:
    """A slice being written: its size, its lines, and whether it may hold a ``null``."""

    def __init__(self, path: Path, first_line: int):
        self.path, self.first_line = path, first_line
        self.out = open(path, "wb")
        self.size = self.lines = 0
        self.null, self._tail = False, b""

    def write(self, part: bytes) -> None:
        self.out.write(part)
        self.null = self.null or b"null" in part or b"null" in self._tail + part[:3]
        self.size, self.lines = self.size + len(part), self.lines + part.count(b"\n")
        self._tail = (self._tail + part[-3:])[-3:]

    def close(self, end: int) -> _Slice:
        self.out.close()
        return _Slice(self.path, self.first_line, _lines_with_null(self.path) if self.null else set(), end)


def _slices(source: SourceFile, folder: Path) -> Iterator[_Slice]:
    """The file cut at line ends into slices of about :data:`SLICE_BYTES`, in order.

    Every byte passes through here, so the slices are scanned for ``null`` as they are
    written: DuckDB cannot tell an explicit null from a missing key, ``map_record`` can.
    """
    numbers = count()
    with source.open_binary() as fh:
        piece = _SliceFile(folder / f"slice{next(numbers)}.jsonl", 0)
        try:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                cut = chunk.rfind(b"\n") + 1 if piece.size + len(chunk) >= SLICE_BYTES else 0
                if cut:
                    piece.write(chunk[:cut])
                    yield piece.close(source.position)
                    piece = _SliceFile(folder / f"slice{next(numbers)}.jsonl", piece.first_line + piece.lines)
                    chunk = chunk[cut:]
                piece.write(chunk)
            if piece.size:
                yield piece.close(source.size)
        finally:
            piece.out.close()


def _lines_with_null(path: Path) -> set[int]:
    """Line numbers (1-based) of the lines of ``path`` that hold ``null``."""
    with open(path, "rb") as fh:
        return {n for n, line in enumerate(fh, 1) if b"null" in line}


def _python_lines(path: Path, ordinals: set[int], linenos: set[int]) -> dict[int, tuple[int, bytes]]:
    """``ordinal -> (line number, bytes)`` for the wanted non-blank lines of ``path`` (by ordinal or number)."""
    found: dict[int, tuple[int, bytes]] = {}
    ordinal = 0
    with open(path, "rb") as fh:
        for lineno, line in enumerate(iter(fh.readline, b""), 1):
            if not line.strip():
                continue
            if ordinal in ordinals or lineno in linenos:
                found[ordinal] = (lineno, line)
            ordinal += 1
    return found
