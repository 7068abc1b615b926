"""What the dashboard's JSON API reads from a case: overview, messages, accounts, timeline.

Every function takes a store whose connection has the case views installed
(:meth:`civicnet.web.workspace.Workspace.cursor`) and a ``label`` that shows account
identifiers as they may be shown (:mod:`civicnet.reports.pseudonym`: pseudonymised or not):
account identifiers, names, message ids, links and texts pass through it, as in every other
output. Nothing here renders HTML:
texts leave as JSON strings and the browser sets them as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pyarrow as pa

from ..case import Case
from ..reports import summary as summary_mod
from ..store import Store
from ..store.government import government_accounts

#: A page of a list never holds more than this many rows.
MAX_LIMIT = 500


@dataclass
class MessageFilter:
    """Which messages a list shows; every field optional."""

    members: list[str] | None = None     # real account identifiers (a community)
    account: str | None = None           # one real account identifier
    thread: str | None = None            # a message id: its thread (root, the message, its replies)
    start: date | None = None
    end: date | None = None
    government: bool | None = None
    kind: str | None = None
    text: str | None = None
    params: list = field(default_factory=list)


def _gov_table(store: Store, case: Case) -> None:
    gov = government_accounts(store, case)
    store.con.register("_web_gov", pa.table({
        "platform": pa.array([g.platform for g in gov], pa.string()),
        "id": pa.array([g.account_id for g in gov], pa.string()),
    }))


def _where(f: MessageFilter, store: Store) -> tuple[str, list]:
    clauses, params = [], []
    if f.members is not None:
        store.con.register("_web_members", pa.table({"ident": pa.array(f.members, pa.string())}))
        clauses.append("ident IN (SELECT ident FROM _web_members)")
    if f.account is not None:
        clauses.append("ident = ?")
        params.append(f.account)
    if f.thread is not None:
        clauses.append("(root = ? OR id = ? OR parent = ?)")
        params += [f.thread] * 3
    if f.start is not None:
        clauses.append("created_at >= ?")
        params.append(datetime.combine(f.start, time.min))
    if f.end is not None:
        clauses.append("created_at < ?")
        params.append(datetime.combine(f.end + timedelta(days=1), time.min))
    if f.government is not None:
        clauses.append("is_gov = ?")
        params.append(f.government)
    if f.kind is not None:
        clauses.append("kind = ?")
        params.append(f.kind)
    if f.text:
        clauses.append("contains(lower(text), lower(?))")
        params.append(f.text)
    return (" AND ".join(clauses) or "TRUE"), params


_MESSAGES = """
    SELECT m.platform, m.id, coalesce(a.handle, m.account) AS ident, m.created_at, m.kind, m.text,
           m.parent, m.root, m.like_count, m.share_count, m.reply_count, m.url,
           g.id IS NOT NULL AS is_gov, m.collected
    FROM case_all_messages m
    LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account
    LEFT JOIN _web_gov g ON g.platform = m.platform AND g.id = m.account
"""


def messages(store: Store, case: Case, f: MessageFilter, label, limit: int, offset: int) -> dict:
    """A page of the case's messages matching ``f``, oldest first.

    Counted messages only, except in a thread, which shows the context messages
    (parents that came along with the collection) too, marked ``context``.
    """
    _gov_table(store, case)
    where, params = _where(f, store)
    scope = "TRUE" if f.thread is not None else "collected"
    base = f"SELECT * FROM ({_MESSAGES}) WHERE {scope} AND {where}"
    try:
        total = store.sql(f"SELECT count(*) FROM ({base})", params)[0][0]
        rows = store.con.sql(f"{base} ORDER BY created_at NULLS LAST, platform, id LIMIT ? OFFSET ?",
                                 params=params + [limit, offset]).to_arrow_table().to_pylist()
    finally:
        _unregister(store, "_web_gov", "_web_members")
    return page([message_item(r, label) for r in rows], total, limit, offset)


def _unregister(store: Store, *names: str) -> None:
    for name in names:
        try:
            store.con.unregister(name)
        except Exception:  # noqa: BLE001 - not registered in this request
            pass


def message_item(row: dict, label) -> dict:
    """One message as the API returns it."""
    return {
        "platform": row["platform"], "id": label.message_id(row["id"]), "account": label(row["ident"]),
        "created_at": _iso(row["created_at"]), "kind": row["kind"], "text": label.text(row["text"]),
        "parent": label.message_id(row["parent"]), "root": label.message_id(row["root"]),
        "likes": row["like_count"], "reposts": row["share_count"], "replies": row["reply_count"],
        "url": label.message_url(row["id"], row["url"]),
        "government": bool(row["is_gov"]), "context": not row["collected"],
    }


def page(items: list, total: int, limit: int, offset: int) -> dict:
    """The one shape of every paginated list."""
    nxt = offset + len(items)
    return {"items": items, "total": int(total), "limit": limit, "offset": offset,
            "next_offset": nxt if nxt < total else None}


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(value, datetime) else str(value)


def overview(store: Store, case: Case, net_summary: dict | None, label) -> dict:
    """The factsheet's figures: case, counts, peaks, government, main network, top messages."""
    from ..tactics import case_counts, government_summary, peaks

    days = store.sql("SELECT min(created_at)::DATE, max(created_at)::DATE FROM case_messages")[0]
    first = case.period_start or days[0]
    last = case.period_end or days[1]
    return {
        "case": summary_mod.case_block(case, _day(first), _day(last)),
        "counts": case_counts(store, case),
        "peaks": peaks(store, case),
        "government": government_summary(store, case, net_summary),
        "main_network": case.networks[0],
        "networks": list(case.networks),
        "network": net_summary,
        "top_liked": summary_mod.top_messages(store, "like_count", "likes", label),
        "top_reposted": summary_mod.top_messages(store, "share_count", "reposts", label),
        "pseudonymised": label.active,
    }


def _day(value) -> str | None:
    return value.isoformat() if value is not None else None


def timeline(store: Store, case: Case) -> dict:
    """Messages per day (per hour for short cases), the peak days and the case's events."""
    from ..tactics import peaks, timeline as days, timeline_unit

    unit = timeline_unit(store, case)
    return {
        "unit": unit, "slots": days(store, case, unit), "peaks": peaks(store, case),
        "events": [{"date": e.date.isoformat(), "label": e.label} for e in case.events],
    }


def account(store: Store, case: Case, ident: str, label) -> dict | None:
    """An account of the case: profile (not in pseudonymised mode), government role, messages."""
    rows = store.con.sql(
        """SELECT platform, id, handle, name, description, followers, following, url FROM case_accounts
           WHERE coalesce(handle, id) = ? ORDER BY platform, id LIMIT 1""", params=[ident]).to_arrow_table().to_pylist()
    stats = store.sql(
        """SELECT count(*), min(m.created_at), max(m.created_at) FROM case_messages m
           LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account
           WHERE coalesce(a.handle, m.account) = ?""", [ident])[0]
    if not rows and not stats[0]:
        return None
    profile = rows[0] if rows else {}
    gov = [g for g in government_accounts(store, case)
           if profile and (g.platform, g.account_id) == (profile["platform"], profile["id"])]
    private = label.active and not (gov or label.kept(ident))
    return {
        "account": label(ident), "platform": profile.get("platform"),
        "name": label.name(ident, profile.get("name")) if profile else None,
        "description": None if private else profile.get("description"),
        "followers": profile.get("followers"), "following": profile.get("following"),
        "url": label.profile_url(ident, profile.get("url")),
        "government": bool(gov), "role": gov[0].role if gov else None, "body": gov[0].body if gov else None,
        "messages": int(stats[0]), "first_message": _iso(stats[1]), "last_message": _iso(stats[2]),
    }
