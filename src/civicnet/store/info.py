"""What the store holds for a case: counts by kind and the import report."""

from __future__ import annotations

from ..case import Case
from .db import Store
from .ingest import import_reports
from .spark_records import shown


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


def case_info(store: Store, case: Case) -> dict:
    """Counts of the case's records (in the store, or where the spark engine keeps them:
    :func:`~civicnet.store.spark_records.shown`) and every import recorded for it."""
    with shown(store, case) as where:
        return _counts(store, case, message_facts(store, case.id)) | {"records": where}


def _counts(store: Store, case: Case, facts: dict) -> dict:
    con = store.con
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
