"""Writing one file's mapped records into the store: Arrow batches staged, merged per key, upserted.

Every importer's records reach the store here (:mod:`.ingest` drives it): the row path's
:class:`~civicnet.columns.Rows` and a fast path's :class:`~civicnet.columns.Batch` es alike.

1. :meth:`Staging.add` appends a batch to three Arrow IPC files (``o`` and the store table's
   columns) in a folder beside the store, as the batches come, with no copy into DuckDB and no
   memory held; a fast path's workers write their own files into the folder
   (:meth:`~civicnet.sources.twitter_v2_bulk.BulkRead.stage_into`), which :meth:`Staging.adopt`
   adds to the table's files, so their rows never pass through this process;
2. :meth:`Staging.finish` shows DuckDB each table's files as one Arrow stream (``st_<table>``, read
   batch by batch, file after file, as often as a statement scans it) and merges the rows of each
   key by the
   store's rules — of accounts and messages the last present value of each column wins (by
   ``o``, the file's order), ``collected`` is or-ed; of interactions the first of a key wins —
   aggregating only the keys staged more than once, and upserts the merged rows with
   :meth:`~civicnet.store.db.Store.upsert_records` (a present value replaces the stored one).
   A table whose keys were all staged once is upserted from its staged rows as they are (no
   merged copy: a twarc2 file's messages and ties, whose rows the fast path gives once each).

Before, the batches were appended to DuckDB temporary tables, which held them uncompressed
within the import's memory limit and spilled the rest to ``store.duckdb.tmp``: at 1M tweets
0.6 GB of 1.1, at 2M 2.5 GB, so the main process's CPU per tweet grew with the file (the spilled
share grows with it) — benchmarks/RESULTS.md, "Issue 22: the import at 2M (import5)". The files
cost one write and a read per statement that scans them, in proportion to the rows.

So a file's records give the same store whichever way they came and however they were cut
into batches.
"""

from __future__ import annotations

import glob
import shutil
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from ..columns import BATCH_TABLES as _TABLES, Batch, Rows
from ..disk import naming


#: The staging folders of this process's imports in progress.
_OWN: set[Path] = set()


def _remove_left(folder: Path, store_name: str) -> None:
    """Remove the staging folders an import killed outright (SIGKILL, out of memory) left beside the
    store ``folder``/``store_name``: only one process at a time holds a store for writing (DuckDB's
    lock), and this one does, so no other process is staging into it; this process's own are kept."""
    for path in folder.glob(f"{glob.escape(store_name)}.staging-*"):
        if path.is_dir() and path not in _OWN:
            shutil.rmtree(path, ignore_errors=True)


class Staging:
    """One file's records on their way into ``store`` for ``case_id`` (a context manager that
    removes its files and tables at the end; :meth:`finish` writes the store)."""

    def __init__(self, store, case_id: str):
        self.store, self.case_id = store, case_id
        self.next_order = 0
        # beside the store, named after it (a full disk is the store's: store.health), where DuckDB spills too;
        # the staged rows are ~0.4 bytes per byte of a twarc2 file
        near = None if str(store.path) == ":memory:" else store.path.parent  # a store in memory: the system's temp folder
        if near is not None:
            _remove_left(near, store.path.name)
        self.folder = Path(tempfile.mkdtemp(prefix=f"{store.path.name}.staging-", dir=near))
        _OWN.add(self.folder)
        self._writers: dict = {}
        self._files: dict[str, list[Path]] = {table: [self.folder / f"{table}.arrow"] for table, _ in _TABLES}
        self._lent: list[str] = []
        try:
            for table, schema in _TABLES:
                path = self._files[table][0]
                with naming(path):
                    self._writers[table] = pa.ipc.new_file(str(path), schema)
        except BaseException as exc:
            self.__exit__(type(exc))
            raise

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, kind=None, *exc) -> None:
        try:
            for step in (self._close_writers, self._drop):
                try:
                    step()
                except (OSError, duckdb.Error):
                    if kind is None:  # else the block's own error is what is raised (a full disk, an aborted transaction)
                        raise
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            _OWN.discard(self.folder)

    def _drop(self) -> None:
        """The staged files and the merge's tables unknown to DuckDB again."""
        lent, self._lent = self._lent, []
        for name in lent:
            self.store.con.unregister(name)
        for table, _ in _TABLES:
            for prefix in ("dp", "sm", "mg"):
                self.store.sql(f"DROP TABLE IF EXISTS {prefix}_{table}")

    def _close_writers(self) -> None:
        writers, self._writers = self._writers, {}
        for table, writer in writers.items():
            with naming(self._files[table][0]):
                writer.close()

    def add(self, batch: Batch) -> None:
        """Stage a batch (its rows ordered by ``o`` among all batches of the file)."""
        for (table, _), part in zip(_TABLES, batch[:3]):
            if part.num_rows:
                with naming(self._files[table][0]):  # a full disk names the store's file
                    self._writers[table].write_batch(part)

    def add_rows(self, rows: Rows) -> None:
        """Stage rows of the row path, ordered after every batch staged so far."""
        self.add(rows.batch(self.next_order))
        self.next_order += len(rows)

    def adopt(self, staged) -> None:
        """Count files a fast path's workers wrote into :attr:`folder` (``(table, path)`` each: Arrow IPC
        files of the table's batch schema, their rows ordered by ``o`` among all the file's) as staged."""
        for table, path in staged:
            path = Path(path)
            if table not in self._files or path.parent != self.folder:
                raise ValueError(f"not a staged file of this import: {table} {path}")
            self._files[table].append(path)

    def finish(self) -> None:
        """Merge the staged rows per key and upsert them into the store, linked to the case."""
        self._close_writers()
        for table, schema in _TABLES:
            name = f"st_{table}"
            self.store.con.register(name, _Staged(self._files[table], schema))
            self._lent.append(name)
            key = ("key",) if table == "interaction" else ("platform", "id")
            self.store.sql(f"CREATE OR REPLACE TEMP TABLE dp_{table} AS "
                           f"SELECT {', '.join(key)} FROM {name} GROUP BY ALL HAVING count(*) > 1")
            if not self.store.sql(f"SELECT count(*) FROM dp_{table}")[0][0]:  # every key once: the rows as staged
                self.store.upsert_records(self.case_id, table, name)
            else:
                # the merge scans the rows twice and aggregates them: in a table of DuckDB's, which it can spill
                self.store.sql(f"CREATE OR REPLACE TEMP TABLE sm_{table} AS SELECT * FROM {name}")
                self.store.sql(_merge_sql(table, [f.name for f in schema][1:], key))
                self.store.sql(f"DROP TABLE sm_{table}")
                self.store.upsert_records(self.case_id, table, f"mg_{table}")
                self.store.sql(f"DROP TABLE mg_{table}")
            self.store.sql(f"DROP TABLE dp_{table}")


class _Staged:
    """A table's staged files as DuckDB scans them: read from the start, one batch at a time, whenever a
    statement scans them (DuckDB asks for a new stream each time: an Arrow PyCapsule stream). Read, not
    mapped into memory: a mapped file's pages would count as this process's memory while it is scanned."""

    def __init__(self, paths: list[Path], schema: pa.Schema):
        self.paths, self.schema = paths, schema

    def _batches(self):
        for path in self.paths:
            reader = pa.ipc.open_file(pa.OSFile(str(path)))
            for i in range(reader.num_record_batches):
                yield reader.get_batch(i)

    def __arrow_c_stream__(self, requested_schema=None):
        return pa.RecordBatchReader.from_batches(self.schema, self._batches()).__arrow_c_stream__(requested_schema)


def _merge_sql(table: str, names: list[str], key: tuple[str, ...]) -> str:
    """``mg_{table}``: one row per key of ``sm_{table}`` (the staged rows copied into DuckDB); keys staged
    once (not in ``dp_{table}``) are taken as they are."""
    on = " AND ".join(f"d.{k} = s.{k}" for k in key)
    plain = ", ".join(f'"{n}"' for n in names)
    if table == "interaction":
        repeated = f"SELECT {plain} FROM sm_{table} s WHERE EXISTS (SELECT 1 FROM dp_{table} d WHERE {on}) " \
                   "QUALIFY row_number() OVER (PARTITION BY key ORDER BY o) = 1"
    else:
        merged = ", ".join(
            f'bool_or("{n}") AS "{n}"' if n == "collected" else
            f'arg_max("{n}", o) FILTER (WHERE "{n}" IS NOT NULL) AS "{n}"' for n in names if n not in key)
        repeated = f"SELECT {', '.join(key)}, {merged} FROM sm_{table} s " \
                   f"WHERE EXISTS (SELECT 1 FROM dp_{table} d WHERE {on}) GROUP BY {', '.join(key)}"
    return f"""CREATE TEMP TABLE mg_{table} AS
        SELECT {plain} FROM sm_{table} s WHERE NOT EXISTS (SELECT 1 FROM dp_{table} d WHERE {on})
        UNION ALL {repeated}"""
