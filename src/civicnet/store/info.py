"""What the store holds for a case: counts by kind and the import report."""

from __future__ import annotations

from ..case import Case
from .db import Store
from .ingest import import_reports


def message_facts(store, case_id: str) -> dict:
    """The case's messages: counted, context only (not counted), participants, counted without author."""
    messages, context, participants, unknown_author = store.con.execute(
        """SELECT count(*) FILTER (WHERE c.collected), count(*) FILTER (WHERE NOT c.collected),
                  count(DISTINCT m.account) FILTER (WHERE c.collected),
                  count(*) FILTER (WHERE c.collected AND m.account IS NULL)
           FROM case_message c JOIN message m USING (platform, id) WHERE c.case_id = ?""",
        [case_id],
    ).fetchall()[0]
    return {"messages": messages, "context_messages": context, "participants": participants,
            "messages_without_author": unknown_author}


#: The tables of a case's records, as the store and the spark engine's Parquet both name them.
RECORD_TABLES = ("message", "case_message", "interaction", "case_interaction", "account", "case_account")


def records_of(store: Store, case: Case):
    """Where the case's records are, and that place's name: the store itself; or, for a case the spark
    engine imported (its records Parquet beside the store, none in it: docs/scale.md), an in-memory
    DuckDB whose views of those names read that Parquet."""
    from ..spark import staging_folder

    folder = staging_folder(store, case)
    in_store = store.con.execute("SELECT count(*) FROM case_message WHERE case_id = ?", [case.id]).fetchall()[0][0]
    if in_store or folder is None or not all((folder / f"{t}.parquet").is_dir() for t in RECORD_TABLES):
        return store, str(store.path)
    import duckdb

    con = duckdb.connect()
    for table in RECORD_TABLES:
        parts = str(folder / f"{table}.parquet" / "*.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{parts}', union_by_name = true)")
    return _Records(con), str(folder)


class _Records:
    """A connection holding a case's records (what :func:`message_facts` and :func:`case_info` read)."""

    def __init__(self, con):
        self.con = con


def case_info(store: Store, case: Case) -> dict:
    """Counts of the case's records (where :func:`records_of` finds them) and every import recorded for it."""
    records, where = records_of(store, case)
    try:
        return _counts(store, case, records.con, message_facts(records, case.id)) | {"records": where}
    finally:
        if records is not store:
            records.con.close()


def _counts(store: Store, case: Case, con, facts: dict) -> dict:
    kinds = dict(
        con.execute(
            """SELECT m.kind, count(*) FROM case_message c JOIN message m USING (platform, id)
               WHERE c.case_id = ? AND c.collected GROUP BY m.kind ORDER BY m.kind""",
            [case.id],
        ).fetchall()
    )
    interactions = dict(
        con.execute(
            """SELECT i.kind, count(*) FROM case_interaction c JOIN interaction i USING (key)
               WHERE c.case_id = ? GROUP BY i.kind ORDER BY i.kind""",
            [case.id],
        ).fetchall()
    )
    accounts = con.execute("SELECT count(*) FROM case_account WHERE case_id = ?", [case.id]).fetchall()[0][0]
    period = con.execute(
        """SELECT min(m.created_at), max(m.created_at) FROM case_message c JOIN message m USING (platform, id)
           WHERE c.case_id = ? AND c.collected""",
        [case.id],
    ).fetchall()[0]
    platforms = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT platform FROM case_message WHERE case_id = ? ORDER BY 1", [case.id]
        ).fetchall()
    ]
    return {
        "case": {"id": case.id, "title": case.title, "path": str(case.path)},
        "store": str(store.path),
        "platforms": platforms,
        "messages": facts["messages"],
        "messages_by_kind": kinds,
        "context_messages": facts["context_messages"],
        "messages_without_author": facts["messages_without_author"],
        "participants": facts["participants"],
        "accounts": accounts,
        "interactions": sum(interactions.values()),
        "interactions_by_kind": interactions,
        "first_message_at": period[0].isoformat() if period[0] else None,
        "last_message_at": period[1].isoformat() if period[1] else None,
        "imports": import_reports(store, case.id),
    }
