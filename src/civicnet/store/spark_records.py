"""A case the spark engine imported: its records are Parquet beside the store, not in it.

``civicnet run CASE.yaml --engine spark`` imports a case on Spark and writes its records as
Parquet to ``.civicnet/spark/<case>/`` (:func:`civicnet.spark.staging_folder`); the store records
the case and its imports only (docs/scale.md). Every other command reads a case's records from
the store, and would find none there: the DuckDB engine's ``run`` refused the case as holding
nothing, ``inbox`` triaged 0 messages and ``export --parquet`` wrote empty tables. So:

- :func:`load` copies such a case's records into the store by the store's own rules, once: what
  :func:`civicnet.store.ingest.ingest_case` does first (``run``, ``ingest``, ``inbox``, ``serve``);
- :func:`shown` shows them to a store opened read-only under the record tables' names
  (temporary views, which come before the store's tables of those names) while a command reads
  them (``info``, ``export --parquet``, ``typology export``).

A case counts as imported on Spark when the store has recorded imports for it and holds none of
its records, and the engine's folder has all six record tables: Parquet left from an earlier
store (deleted since, or the case's imports never recorded) is not taken for the case's records.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .db import ACCOUNT_COLUMNS, INTERACTION_COLUMNS, MESSAGE_COLUMNS, Store, replacing

#: The tables of a case's records, as the store and the spark engine's Parquet both name them;
#: table -> its columns, in the store's order.
RECORD_TABLES = {
    "account": ACCOUNT_COLUMNS,
    "message": MESSAGE_COLUMNS,
    "interaction": INTERACTION_COLUMNS,
    "case_account": ["case_id", "platform", "id"],
    "case_message": ["case_id", "platform", "id", "collected"],
    "case_interaction": ["case_id", "key"],
}


def parquet_folder(store: Store, case) -> Path | None:
    """The spark engine's folder of the case's records when they are there and not in the store
    (module docstring); else None."""
    from ..spark import staging_folder

    folder = staging_folder(store, case)
    if folder is None or not all((folder / f"{t}.parquet").is_dir() for t in RECORD_TABLES):
        return None
    imported, in_store = store.sql(
        """SELECT (SELECT count(*) FROM import WHERE case_id = $c),
                  (SELECT count(*) FROM case_message WHERE case_id = $c)
                + (SELECT count(*) FROM case_account WHERE case_id = $c)
                + (SELECT count(*) FROM case_interaction WHERE case_id = $c)""",
        {"c": case.id},
    )[0]
    return folder if imported and not in_store else None


def _parquet(folder: Path, table: str) -> str:
    """``read_parquet`` of one of the engine's tables (a folder of part files)."""
    parts = str(folder / f"{table}.parquet" / "*.parquet").replace("'", "''")
    return f"read_parquet('{parts}', union_by_name = true)"


@contextmanager
def shown(store: Store, case) -> Iterator[str]:
    """While the block runs, the store's connection reads the case's records where they are; yields
    that place (the store's path, or the engine's folder). Nothing is written to the store."""
    folder = parquet_folder(store, case)
    if folder is None:
        yield str(store.path)
        return
    for table in RECORD_TABLES:
        store.sql(f'CREATE OR REPLACE TEMP VIEW "{table}" AS SELECT * FROM {_parquet(folder, table)}')
    try:
        yield str(folder)
    finally:
        for table in RECORD_TABLES:
            store.sql(f'DROP VIEW IF EXISTS temp.main."{table}"')


def load(store: Store, case) -> bool:
    """Copy the case's records from the engine's folder into the store, if they are only there
    (:func:`parquet_folder`): accounts and messages upserted as an import upserts them (a present
    value replaces the stored one), interactions and case links added where new, ``collected`` or-ed.
    Returns whether anything was loaded. Call it inside the import's transaction
    (:func:`~civicnet.store.ingest.ingest_case` resolves handles and collapses edits after it)."""
    folder = parquet_folder(store, case)
    if folder is None:
        return False
    cid = "'" + case.id.replace("'", "''") + "'"
    for table, columns in RECORD_TABLES.items():
        names = ", ".join(f'"{c}"' for c in columns)
        where = f" WHERE case_id = {cid}" if table.startswith("case_") else ""
        source = f"(SELECT {names} FROM {_parquet(folder, table)}{where})"
        if table in ("account", "message"):
            store.upsert(table, source, columns, ("platform", "id"), replacing(table, columns))
        elif table == "case_message":
            store.upsert(table, source, columns, ("case_id", "platform", "id"),
                         "collected = case_message.collected OR b.collected")
        elif table == "interaction":
            store.upsert(table, source, columns, ("key",))
        else:
            store.upsert(table, source, columns, tuple(c for c in columns))
    return True
