"""The webcare queue and the reply check, as the dashboard serves them.

The queue is :func:`civicnet.webcare.inbox` (CONTRACT.md "Webcare outputs": one row per
citizen message, highest priority first) with account identifiers and texts shown as
the dashboard shows them (pseudonymised in pseudonymised mode); the filters narrow it
by category, urgency, route, service-level breach and whether it was answered. The
reply check is :func:`civicnet.webcare.reply_check`.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass

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


def _plain(row) -> dict:
    if isinstance(row, dict):
        return dict(row)
    if is_dataclass(row):
        return asdict(row)
    if hasattr(row, "_asdict"):
        return row._asdict()
    return dict(vars(row))


def _value(value):
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text.replace("+00:00", "Z")
    return value


def rows(store: Store, case: Case, label) -> list[dict]:
    """The case's queue as plain rows, identifiers and texts as shown."""
    result = _webcare("inbox")(store, case)
    if hasattr(result, "to_pylist"):
        result = result.to_pylist()
    elif hasattr(result, "rows"):
        result = result.rows
    text = getattr(label, "text", None)
    out = []
    for raw in result:
        row = {k: _value(v) for k, v in _plain(raw).items()}
        for key in ("account", "answered_by"):
            if row.get(key) is not None:
                row[key] = label(row[key])
        if text and row.get("text") is not None:
            row["text"] = text(row["text"])
        if isinstance(row.get("reason"), (list, tuple)):
            row["reason"] = "; ".join(map(str, row["reason"]))
        out.append(row)
    return out


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
    if isinstance(found, dict) and "findings" in found:
        found = found["findings"]
    findings = []
    for f in found:
        item = _plain(f)
        findings.append({k: item.get(k) for k in ("rule", "start", "end", "message")})
    return {"findings": findings}
