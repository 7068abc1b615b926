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


def rows(store: Store, case: Case, label, network: dict | None = None, lang: str | None = None,
         names=None) -> list[dict]:
    """The case's queue, highest priority first, identifiers and texts as shown, reasons in ``lang``
    naming accounts as a person reads them (``names``: :class:`~civicnet.analysis.names.Names`)."""
    said = (lambda ident: names.text(ident, label)) if names is not None else None
    return _webcare("inbox")(store, case, network=network, label=label, lang=lang, names=said)


def with_names(rows_: list[dict], index: dict[str, str], names, label) -> list[dict]:
    """Each row with ``name`` and ``handle``: its account as a person reads it (display name, handle
    beside it; the pseudonym in pseudonymised mode), and ``answered_by_name``: the government account
    that answered, read the same way (one line: ``Name (@handle)``). ``index``: shown identifier -> real
    identifier."""
    out = []
    for r in rows_:
        real = index.get(r.get("account"))
        who = names.who(real, label) if real is not None else {"name": r.get("account"), "handle": None}
        answered = r.get("answered_by")
        by = index.get(answered) if answered is not None else None
        out.append({**r, "name": who["name"], "handle": who["handle"],
                    "answered_by_name": names.text(by, label) if by is not None else answered})
    return out


def network_info(result) -> dict:
    """What the queue's sender-position factors read: summary, node rows and bridges (real identifiers)."""
    return {**result.summary(), "nodes": result.nodes.select(["account", "community"]).to_pylist(),
            "bridges": result.reach_summary()["bridges"]}


def filtered(rows_: list[dict], *, category=None, urgency=None, route=None, breached=None, answered=None,
             limit: int, offset: int, lang: str = "nl") -> dict:
    """A page of the queue after the filters, plus what each filter can choose from (``{value, text}``:
    the code and its name in ``lang``); each row carries ``category_text`` and ``urgency_text``."""
    def keep(r: dict) -> bool:
        return ((category is None or r.get("category") == category)
                and (urgency is None or r.get("urgency") == urgency)
                and (route is None or r.get("route") == route)
                and (breached is None or bool(r.get("sla_breached")) == breached)
                and (answered is None or (r.get("answered_by") is not None) == answered))

    words = _webcare_words(lang)
    name = (lambda code: words.name(code)) if words else str
    hits = [r for r in rows_ if keep(r)]
    items = [{**r, "category_text": name(r.get("category")), "urgency_text": name(r.get("urgency"))}
             for r in hits[offset:offset + limit]]
    result = queries.page(items, len(hits), limit, offset)
    result["choices"] = {
        key: [{"value": v, "text": v if key == "route" else name(v)}
              for v in sorted({str(r[key]) for r in rows_ if r.get(key) is not None})]
        for key in ("category", "urgency", "route")
    }
    return result


def _webcare_words(lang: str):
    """The webcare vocabulary (names of categories and urgencies) in ``lang``, None without webcare."""
    try:
        from ..webcare.words import Words
    except ImportError:
        return None
    return Words(lang)


def reply_check(text: str, lang: str = "nl") -> dict:
    """``{"findings": [{"rule", "start", "end", "message"}]}`` for a draft answer, explained in ``lang``."""
    found = _webcare("reply_check")(text, lang=lang)
    return {"findings": [{k: f.get(k) for k in ("rule", "start", "end", "message")} for f in found]}
