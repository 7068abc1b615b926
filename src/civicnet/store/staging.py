"""Writing one file's mapped records into the store: Arrow batches staged, merged per key, upserted.

Every importer's records reach the store here (:mod:`.ingest` drives it): the row path's
:class:`~civicnet.columns.Rows` and a fast path's :class:`~civicnet.columns.Batch` es alike.

1. :meth:`Staging.add` appends a batch to three temporary tables (``o`` and the store
   table's columns), as the batches come: DuckDB holds them, and spills them to its
   temporary folder beyond the store's memory limit;
2. :meth:`Staging.finish` merges the rows of each key by the store's rules — of accounts
   and messages the last present value of each column wins (by ``o``, the file's order),
   ``collected`` is or-ed; of interactions the first of a key wins — aggregating only the
   keys staged more than once, and upserts the merged rows with
   :meth:`~civicnet.store.db.Store.upsert_records` (a present value replaces the stored one).
   A table whose keys were all staged once is upserted from its staged rows as they are (no
   merged copy: a twarc2 file's messages and ties, whose rows the fast path gives once each).

While batches come, DuckDB appends them on one thread (the importer's workers, or the row
path's mapper, keep the other cores busy; two threads cost twice the CPU for the same appends:
benchmarks/RESULTS.md); :meth:`~Staging.finish` merges and writes with every thread again.

So a file's records give the same store whichever way they came and however they were cut
into batches.
"""

from __future__ import annotations

import pyarrow as pa

from ..columns import ACCOUNT_SCHEMA, INTERACTION_SCHEMA, MESSAGE_SCHEMA, Batch, Rows

_TABLES = (("account", ACCOUNT_SCHEMA), ("message", MESSAGE_SCHEMA), ("interaction", INTERACTION_SCHEMA))
_SQL_TYPES = {pa.int64(): "BIGINT", pa.string(): "VARCHAR", pa.timestamp("us"): "TIMESTAMP", pa.bool_(): "BOOLEAN"}


class Staging:
    """One file's records on their way into ``store`` for ``case_id`` (a context manager that
    drops its tables at the end; :meth:`finish` writes the store)."""

    def __init__(self, store, case_id: str):
        self.store, self.case_id = store, case_id
        self.next_order = 0
        for table, schema in _TABLES:
            columns = ", ".join(f'"{f.name}" {_SQL_TYPES[f.type]}' for f in schema)
            store.sql(f"CREATE OR REPLACE TEMP TABLE st_{table} ({columns})")
        self._threads = store.sql("SELECT current_setting('threads')")[0][0]
        store.sql("SET threads = 1")

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc) -> None:
        self._all_threads()
        for table, _ in _TABLES:
            for prefix in ("st", "dp", "mg"):
                self.store.sql(f"DROP TABLE IF EXISTS {prefix}_{table}")

    def _all_threads(self) -> None:
        """DuckDB's threads as they were before staging (the merge and the writes run in parallel)."""
        if self._threads is not None:
            self.store.sql(f"SET threads = {int(self._threads)}")
            self._threads = None

    def add(self, batch: Batch) -> None:
        """Stage a batch (its rows ordered by ``o`` among all batches of the file)."""
        for (table, _), part in zip(_TABLES, batch[:3]):
            if part.num_rows:  # not a lent table: inside the ingest's transaction DuckDB would keep each one
                self.store.con.from_arrow(part).insert_into(f"st_{table}")

    def add_rows(self, rows: Rows) -> None:
        """Stage rows of the row path, ordered after every batch staged so far."""
        self.add(rows.batch(self.next_order))
        self.next_order += len(rows)

    def finish(self) -> None:
        """Merge the staged rows per key and upsert them into the store, linked to the case."""
        self._all_threads()
        for table, schema in _TABLES:
            key = ("key",) if table == "interaction" else ("platform", "id")
            self.store.sql(f"CREATE OR REPLACE TEMP TABLE dp_{table} AS "
                           f"SELECT {', '.join(key)} FROM st_{table} GROUP BY ALL HAVING count(*) > 1")
            if not self.store.sql(f"SELECT count(*) FROM dp_{table}")[0][0]:  # every key once: the rows as staged
                self.store.upsert_records(self.case_id, table, f"st_{table}")
            else:
                self.store.sql(_merge_sql(table, [f.name for f in schema][1:], key))
                self.store.sql(f"DROP TABLE st_{table}")
                self.store.upsert_records(self.case_id, table, f"mg_{table}")
                self.store.sql(f"DROP TABLE mg_{table}")
            self.store.sql(f"DROP TABLE IF EXISTS st_{table}")
            self.store.sql(f"DROP TABLE dp_{table}")


def _merge_sql(table: str, names: list[str], key: tuple[str, ...]) -> str:
    """``mg_{table}``: one row per key of ``st_{table}``; keys staged once (not in ``dp_{table}``) are taken
    as they are."""
    on = " AND ".join(f"d.{k} = s.{k}" for k in key)
    plain = ", ".join(f'"{n}"' for n in names)
    if table == "interaction":
        repeated = f"SELECT {plain} FROM st_{table} s WHERE EXISTS (SELECT 1 FROM dp_{table} d WHERE {on}) " \
                   "QUALIFY row_number() OVER (PARTITION BY key ORDER BY o) = 1"
    else:
        merged = ", ".join(
            f'bool_or("{n}") AS "{n}"' if n == "collected" else
            f'arg_max("{n}", o) FILTER (WHERE "{n}" IS NOT NULL) AS "{n}"' for n in names if n not in key)
        repeated = f"SELECT {', '.join(key)}, {merged} FROM st_{table} s " \
                   f"WHERE EXISTS (SELECT 1 FROM dp_{table} d WHERE {on}) GROUP BY {', '.join(key)}"
    return f"""CREATE TEMP TABLE mg_{table} AS
        SELECT {plain} FROM st_{table} s WHERE NOT EXISTS (SELECT 1 FROM dp_{table} d WHERE {on})
        UNION ALL {repeated}"""
