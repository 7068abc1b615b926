"""The webcare queue and the reply check, as the dashboard serves them.

The queue is :func:`civicnet.webcare.inbox` (CONTRACT.md "Webcare outputs": one row per
citizen message, highest priority first) with account identifiers and texts shown as
the dashboard shows them (pseudonymised in pseudonymised mode); the filters narrow it
by category, urgency, route, service-level breach and whether it was answered. The
reply check is :func:`civicnet.webcare.reply_check`.
"""

from __future__ import annotations

from fastapi import HTTPException

from ..case import Case
from ..store import Store
from . import queries


def _webcare(name: str):
    """``civicnet.webcare.<name>``, or a 503 error when this installation lacks it."""
    try:
        from .. import webcare
    except ImportError:
        webcare = None
    function = getattr(webcare, name, None)
    if function is None:
        raise HTTPException(503, f"the webcare {name.replace('_', ' ')} is not part of this installation "
                                 f"(civicnet.webcare.{name} is missing)")
    return function


def rows(store: Store, case: Case, label, network: dict | None = None) -> list[dict]:
    """The case's queue, highest priority first, identifiers and texts as shown."""
    return _webcare("inbox")(store, case, network=network, label=label)


def network_info(result) -> dict:
    """What the queue's sender-position factors read: summary, node rows and bridges (real identifiers)."""
    return {**result.summary(), "nodes": result.nodes.select(["account", "community"]).to_pylist(),
            "bridges": result.reach_summary()["bridges"]}


def filtered(rows_: list[dict], *, category=None, urgency=None, route=None, breached=None, answered=None,
             limit: int, offset: int) -> dict:
    """A page of the queue after the filters, plus what each filter can choose from."""
    def keep(r: dict) -> bool:
        return ((category is None or r.get("category") == category)
                and (urgency is None or r.get("urgency") == urgency)
                and (route is None or r.get("route") == route)
                and (breached is None or bool(r.get("sla_breached")) == breached)
                and (answered is None or (r.get("answered_by") is not None) == answered))

    hits = [r for r in rows_ if keep(r)]
    result = queries.page(hits[offset:offset + limit], len(hits), limit, offset)
    result["choices"] = {
        key: sorted({str(r[key]) for r in rows_ if r.get(key) is not None})
        for key in ("category", "urgency", "route")
    }
    return result


def reply_check(text: str) -> dict:
    """``{"findings": [{"rule", "start", "end", "message"}]}`` for a draft answer."""
    found = _webcare("reply_check")(text)
    return {"findings": [{k: f.get(k) for k in ("rule", "start", "end", "message")} for f in found]}
