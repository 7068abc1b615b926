"""summary.json (schema ``civicnet.summary/1``): every figure of the factsheet, machine-readable.

Built from the store and the analyses as plain data; the factsheet is rendered from the
same data. Field definitions are in docs/summary.md (and ../shared/CONTRACT.md).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib import resources

from .. import __version__
from ..case import Case
from ..store import Store
from ..store.ingest import import_reports
from .pseudonym import Labeller, identity

SCHEMA_ID = "civicnet.summary/1"
TOP_MESSAGES = 5


def schema() -> dict:
    """The JSON Schema shipped with the package for summary.json."""
    text = resources.files("civicnet.reports").joinpath("schema/summary-1.json").read_text("utf-8")
    return json.loads(text)


def validate(summary: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when ``summary`` does not follow the schema."""
    import jsonschema

    jsonschema.validate(summary, schema())


def case_block(case: Case, first_day: str | None, last_day: str | None) -> dict:
    start = case.period_start.isoformat() if case.period_start else first_day
    end = case.period_end.isoformat() if case.period_end else last_day
    return {
        "id": case.id, "title": case.title, "level": case.level, "language": case.language,
        "period": {"start": start, "end": end},
    }


def top_messages(store: Store, column: str, key: str, label: Labeller = identity,
                 limit: int = TOP_MESSAGES) -> list[dict]:
    """The case's counted messages with the highest platform count in ``column``."""
    rows = store.sql(  # the top ids first, then their authors' handles and texts (not 1M texts through the sort)
        f"""
        WITH top AS (SELECT platform, id, account, {column} AS n, created_at FROM case_messages
                     WHERE {column} > 0 ORDER BY {column} DESC, created_at, id LIMIT {int(limit)})
        SELECT t.id, coalesce(a.handle, t.account), t.n, m.text
        FROM top t JOIN message m ON m.platform = t.platform AND m.id = t.id
        LEFT JOIN account a ON a.platform = t.platform AND a.id = t.account
        ORDER BY t.n DESC, t.created_at, t.id
        """
    )
    return [{"id": label.message_id(i), "account": label(acc), key: int(n), "text": label.text(t) or ""}
            for i, acc, n, t in rows]


def provenance(store: Store, case: Case) -> dict:
    sources = []
    for imp in import_reports(store, case.id):
        sources.append({
            "path": _relative(imp["path"], case), "format": imp["format"], "sha256": imp["sha256"],
            "records_read": imp["records_read"], "records_rejected": imp["records_rejected"],
        })
    return {
        "sources": sources,
        "civicnet_version": __version__,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _relative(path: str, case: Case) -> str:
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(case.folder))
    except ValueError:
        return Path(path).name
