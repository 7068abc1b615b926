"""Bulk import of twarc2 JSON Lines through DuckDB, with the same result as the row path.

For line-delimited files whose lines are twarc2 pages (``{"data": […], "includes":
{…}, "__twarc": …}``) or twarc2 flattened tweets, ``twitter_v2`` hands the file to
:func:`ingest` instead of mapping record by record:

1. DuckDB's ``read_json`` reads the file with an explicit schema (gzip too) in one
   ordered pass (``twitter_v2_sql.occurrences_sql``); meanwhile, on the other core, a
   byte scan finds lines holding a JSON ``null`` (DuckDB cannot tell an explicit null
   from a missing key, which ``map_record`` sometimes does). Where DuckDB cannot read
   the file (a malformed line, a value of an unexpected shape), every line is mapped
   by the Python mapper instead, which raises the same
   :class:`~civicnet.errors.FormatError` as the row path, naming the line;
2. set-based SQL (``twitter_v2_sql``) maps every tweet, user and tie of the lines
   whose values have their usual form; lines holding anything else (a record
   without id, an odd date, a number where text belongs, a null) go to
   ``twitter_v2.map_record``, the reference, which also rejects bad records with
   their reasons;
3. both feed staging tables carrying the order the row path would write in, merged
   per key with :meth:`Store.write`'s rules (the last present value wins,
   ``collected`` is or-ed, the first interaction of a key wins) and upserted with
   :meth:`Store.upsert_records`, the same statements the row path runs.

Steps 1–2 and the merge run in a separate in-memory DuckDB (a failed statement would
abort the store's transaction); only the upsert writes the store, inside the caller's
transaction.
"""

from __future__ import annotations

import html
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields
from pathlib import Path
from typing import Iterator

import orjson
import pyarrow as pa

from ..errors import RejectedRecord
from ..model import Account, Interaction, Message
from . import twitter_v2_sql as q
from ..errors import FormatError
from ._io import Broken, SourceFile
from ._json import loads

#: DuckDB's limit for one line (one twarc2 page); the row path allows up to 1 GiB.
MAX_LINE_BYTES = 16 << 20
#: Bounds of DuckDB's working memory for the bulk path (:func:`work_memory`); beyond it
#: DuckDB spills to a temporary folder.
WORK_MEMORY_MIN, WORK_MEMORY_MAX = 1 << 30, 3 << 30
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


def work_memory() -> str:
    """DuckDB's ``memory_limit`` for the bulk path: an eighth of the machine's memory, 1–3 GiB.

    At 1M tweets (2.9 GB of JSON) the parsed file takes ~3 GiB: with 1 GiB DuckDB spills it
    to disk and every later statement reads it back (benchmarks/RESULTS.md: 69 → 52 CPU s,
    37 → 28 s wall with 3 GiB, peak RSS 2.5 → 3.7 GB). A small machine keeps 1 GiB and spills.
    """
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        total = 0
    return f"{min(WORK_MEMORY_MAX, max(WORK_MEMORY_MIN, total // 8)) >> 20}MiB"


def ingest(store, case_id: str, source: SourceFile, options: dict, *, strict: bool, progress) -> tuple[int, list, dict]:
    """Import ``source``; returns ``(records_read, rejects, yielded)`` like the row path.

    ``rejects`` are ``(location, reason, fix)``; ``yielded`` counts the collected messages,
    accounts and ties the file's records gave (before merging), as the row path counts them.
    """
    import duckdb

    with tempfile.TemporaryDirectory(prefix="civicnet-bulk-") as spill:
        work = duckdb.connect(config={"preserve_insertion_order": True, "memory_limit": work_memory(),
                                      "temp_directory": spill})
        try:
            return _ingest(work, store, case_id, source, options, strict, progress, Path(spill))
        finally:
            work.close()


def _ingest(work, store, case_id, source, options, strict, progress, spill: Path) -> tuple[int, list, dict]:
    for sql in q.stage_tables(_store_types(store)) + q.MACROS:
        work.execute(sql).fetchall()
    flat = _is_flat(source)
    # the scan for nulls runs on the other core while DuckDB reads (which holds no GIL)
    with ThreadPoolExecutor(1) as pool:
        scan = pool.submit(_lines_with_null, source)
        readable = _read(work, source, flat)
        try:
            null_lines = scan.result()
        except FormatError:  # broken gzip: the row path says where, in its own order
            null_lines = None
    progress(source.size // 3)
    cut = None
    if not readable and null_lines is not None:
        # an interrupted `twarc2 stream`: only the last line cut off? Then DuckDB reads the rest
        cut = _without_cut_last_line(source, spill)
        readable = cut is not None and _read(work, cut[0], flat)
    if null_lines is not None and readable:
        read, rejects = _map_in_sql(work, cut[0] if cut else source, options, strict, null_lines, flat)
        if cut:
            _reject(source, cut[1], cut[2], strict, rejects)
            read += 1
    else:
        read, rejects = _map_all_in_python(work, source, options, strict)
    progress(2 * source.size // 3)
    _unescape_texts(work)
    yielded = dict(zip(("messages", "accounts", "interactions"), work.execute(
        """SELECT (SELECT count(*) FROM bk_st_message WHERE collected), (SELECT count(*) FROM bk_st_account),
                  (SELECT count(*) FROM bk_st_interaction)""").fetchall()[0]))
    _write(store, case_id, work)
    return read, rejects, yielded


def _without_cut_last_line(source: SourceFile, folder: Path) -> tuple[SourceFile, str, Broken] | None:
    """When the file's last line alone is no JSON value: a copy without it, its location and why.

    The copy (uncompressed, in ``folder``) numbers its lines as the file does, so every
    location the SQL path names stays the file's own.
    """
    from ._json import _try_parse

    target = folder / "without-last-line.jsonl"
    held, last_at = [], 0  # the last non-blank line and the blank lines after it, not yet written
    with source.open_binary() as fh, open(target, "wb") as out:
        for lineno, line in enumerate(iter(lambda: fh.readline(MAX_LINE_BYTES + 1), b""), 1):
            if len(line) > MAX_LINE_BYTES:
                return None
            if line.strip():
                out.writelines(held)
                held, last_at = [], lineno
            held.append(line)
    broken = _try_parse(held[0]) if held and held[0].strip() else None
    if not isinstance(broken, Broken):
        return None
    return SourceFile(target), f"line {last_at}", broken


def _store_types(store) -> dict[str, list[tuple[str, str]]]:
    """The store's columns and types of the tables the bulk path fills."""
    return {
        t: store.sql("SELECT column_name, data_type FROM information_schema.columns "
                     "WHERE table_name = ? AND table_schema = 'main' ORDER BY ordinal_position", [t])
        for t in ("account", "message", "interaction")
    }


def _read(con, source: SourceFile, flat: bool) -> bool:
    """Read the file and list tweet occurrences; False when DuckDB cannot read it."""
    import duckdb

    statements = q.occurrences_sql(MAX_LINE_BYTES, flat)
    try:
        con.execute(statements[0], [str(source.path)]).fetchall()
    except (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.IOException):
        return False
    for sql in statements[1:]:
        con.execute(sql).fetchall()
    for table in ("bk_raw", "bk_occ"):  # the parsed file is no longer needed: free it early
        con.execute(f"DROP TABLE IF EXISTS {table}").fetchall()
    return True


def _is_flat(source: SourceFile) -> bool:
    """Whether the file's first line is a flattened tweet (else a page)."""
    value = _first_value(source)
    return not ("data" in value or "includes" in value)


def _map_in_sql(con, source, options, strict, null_lines: set[int], flat: bool) -> tuple[int, list]:
    con.execute(q.ROUTE_SQL).fetchall()
    if not flat:
        con.execute(q.ROUTE_PAGE_REFS_SQL).fetchall()
    # SQL names a line by where it starts (``line``), Python by its ordinal (bk_lines.rowid)
    routed = dict(con.execute("SELECT rowid, start FROM bk_lines WHERE start IN (SELECT line FROM bk_route)").fetchall())
    if null_lines or routed:
        lines = _python_lines(source, set(routed), null_lines)
        extra = sorted(set(lines) - set(routed))
        if extra:
            starts = con.execute("SELECT rowid, start FROM bk_lines WHERE rowid IN (SELECT unnest(?::BIGINT[]))",
                                 [extra]).fetchall()
            routed.update(starts)
            con.execute("INSERT INTO bk_route SELECT unnest(?::BIGINT[])", [[s for _, s in starts]]).fetchall()
    for sql in q.STAGE_SQL:
        con.execute(sql).fetchall()
    read = con.execute(q.RECORDS_SQL).fetchall()[0][0]
    rejects: list = []
    if null_lines or routed:
        for ordinal in sorted(lines):
            lineno, text = lines[ordinal]
            value = loads(text, source, f"line {lineno}", "twitter-v2")
            raws = _raws(value, f"line {lineno}", options, source)
            read += _stage_python(con, raws, routed[ordinal] * _LINE_SHIFT, source, strict, rejects)
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
    from . import map_one, twitter_v2

    rows: dict[str, list] = {"account": [], "message": [], "interaction": []}
    n = 0
    try:
        for n, raw in enumerate(raws, 1):
            mapped = map_one(twitter_v2, raw)
            if isinstance(mapped, Broken):
                _reject(source, raw.location, mapped, strict, rejects)
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


def _reject(source, location, broken: Broken, strict, rejects) -> None:
    if strict:
        raise RejectedRecord(source.path, location, broken.reason)
    rejects.append((location, broken.reason, broken.fix))


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


def _write(store, case_id: str, work) -> None:
    """Merge the staged rows and upsert them exactly as :meth:`Store.write` does."""
    from ..store.db import ACCOUNT_COLUMNS, INTERACTION_COLUMNS, MESSAGE_COLUMNS

    for table in ("bk_tw", "bk_inline", "bk_users", "bk_raw"):
        work.execute(f"DROP TABLE IF EXISTS {table}").fetchall()
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

def _chunks(source: SourceFile) -> Iterator[bytes]:
    with (source.open_binary() if source.compressed else open(source.path, "rb", buffering=0)) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                return
            yield chunk


def _lines_with_null(source: SourceFile) -> set[int]:
    """Physical line numbers (1-based) of lines that may hold a JSON ``null``."""
    tail = b""
    for chunk in _chunks(source):
        if b"null" in chunk or b"null" in tail + chunk[:3]:
            break
        tail = chunk[-3:]
    else:
        return set()
    with source.open_binary() as fh:
        return {n for n, line in enumerate(fh, 1) if b"null" in line}


def _python_lines(source: SourceFile, ordinals: set[int], linenos: set[int]) -> dict[int, tuple[int, bytes]]:
    """``ordinal -> (line number, bytes)`` for the wanted non-blank lines (by ordinal or number)."""
    found: dict[int, tuple[int, bytes]] = {}
    ordinal = 0
    with source.open_binary() as fh:
        for lineno, line in enumerate(iter(fh.readline, b""), 1):
            if not line.strip():
                continue
            if ordinal in ordinals or lineno in linenos:
                found[ordinal] = (lineno, line)
            ordinal += 1
    return found
