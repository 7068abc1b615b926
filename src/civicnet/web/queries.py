"""What the dashboard's JSON API reads from a case: overview, messages, accounts, timeline.

The overview and the timeline are pure functions of the case's
:class:`~civicnet.analysis.CaseAnalysis` (the factsheet's figures); the message lists and
account pages query the case's scope (:meth:`civicnet.web.workspace.Workspace.scope`). Each
takes a ``label`` (:mod:`civicnet.labels`) that shows account identifiers, names, message
ids, links and texts as every other output shows them (pseudonymised or not). Nothing here
renders HTML: texts leave as JSON strings and the browser sets them as text.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import pyarrow as pa

from ..labels import hides_text
from ..reports.summary import summary_json
from ..store.government import government_table, matched_government
from ..store.scope import CaseScope

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

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


def _where(f: MessageFilter, scope: CaseScope, lent: ExitStack) -> tuple[str, list]:
    clauses, params = [], []
    if f.members is not None:
        members = lent.enter_context(scope.lend("web_members", pa.table({"ident": pa.array(f.members, pa.string())})))
        clauses.append(f"ident IN (SELECT ident FROM {members})")
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
    LEFT JOIN {government_table} g ON g.platform = m.platform AND g.id = m.account
"""


def messages(scope: CaseScope, f: MessageFilter, label, limit: int, offset: int, names=None) -> dict:
    """A page of the case's messages matching ``f``, oldest first.

    Counted messages only, except in a thread, which shows the context messages
    (parents that came along with the collection) too, marked ``context``. With ``names``
    (:class:`~civicnet.analysis.names.Names`) each item carries its author as a person reads it
    (``name``, ``handle``).
    """
    with ExitStack() as lent:
        where, params = _where(f, scope, lent)
        which = "TRUE" if f.thread is not None else "collected"
        base = f"SELECT * FROM ({scope.fill(_MESSAGES, government_table=government_table(scope))}) WHERE {which} AND {where}"
        total = scope.sql(f"SELECT count(*) FROM ({base})", params)[0][0]
        rows = scope.arrow(f"{base} ORDER BY created_at NULLS LAST, platform, id LIMIT ? OFFSET ?",
                           params + [limit, offset]).to_pylist()
    return page([message_item(r, label, names) for r in rows], total, limit, offset)


def message_item(row: dict, label, names=None) -> dict:
    """One message as the API returns it."""
    who = names.who(row["ident"], label) if names is not None else {"name": label(row["ident"]), "handle": None}
    return {
        "platform": row["platform"], "id": label.message_id(row["id"]), "account": label(row["ident"]),
        "name": who["name"], "handle": who["handle"],
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


def overview(analysis: "CaseAnalysis", label, lang: str | None = None) -> dict:
    """The factsheet's figures: case, counts, peaks, government, main network, top messages; and
    ``sheet``, the factsheet's words for them in ``lang`` (:func:`civicnet.reports.factsheet.sheet_texts`)."""
    from ..reports.factsheet import sheet_texts

    summary = summary_json(analysis, label)
    main = analysis.case.networks[0]
    net = summary["networks"].get(main)
    return {
        "case": summary["case"],
        "counts": summary["counts"],
        "peaks": summary["peaks"],
        "government": summary["government"],
        "main_network": main,
        "networks": list(analysis.case.networks),
        "network": None if net is None else {k: net[k] for k in (
            "modularity", "community_method", "communities", "central_accounts", "nodes", "edges")},
        "top_liked": summary["content"]["top_liked"],
        "top_reposted": summary["content"]["top_reposted"],
        "top_commented": summary["content"]["top_commented"],
        "pseudonymised": hides_text(label),
        "sheet": sheet_texts(analysis, lang or analysis.case.language, label, summary),
    }


def timeline(analysis: "CaseAnalysis") -> dict:
    """Messages per day (per hour for short cases), the peak days and the case's events."""
    return {
        "unit": analysis.timeline_unit, "slots": analysis.timeline_slots, "peaks": analysis.peaks,
        "events": [{"date": e.date.isoformat(), "label": e.label} for e in analysis.case.events],
    }


def account(scope: CaseScope, ident: str, label) -> dict | None:
    """An account of the case: profile (not in pseudonymised mode), government role, messages."""
    rows = scope.arrow(
        """SELECT platform, id, handle, name, description, followers, following, url FROM case_accounts
           WHERE coalesce(handle, id) = ? ORDER BY platform, id LIMIT 1""", [ident]).to_pylist()
    stats = scope.sql(
        """SELECT count(*), min(m.created_at), max(m.created_at) FROM case_messages m
           LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account
           WHERE coalesce(a.handle, m.account) = ?""", [ident])[0]
    if not rows and not stats[0]:
        return None
    profile = rows[0] if rows else {}
    gov = [g for g in matched_government(scope)
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
