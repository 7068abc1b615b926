"""The JSON API routes of the dashboard (read-only; ``/api/reply-check`` only checks a text).

Endpoints are plain (synchronous) functions: FastAPI runs them in its thread pool,
and each opens its own scope (a cursor with the case views) on the case's read-only store.
"""

from __future__ import annotations

import time
from typing import Optional

from fastapi import Body, HTTPException, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..case import NETWORKS
from . import files as files_mod
from . import netview, queries
from .workspace import Workspace

LIMIT = Query(50, ge=1, le=queries.MAX_LIMIT, description="rows per page (at most 500)")
OFFSET = Query(0, ge=0, le=10_000_000, description="rows to skip")
MAX_REPLY_CHECK = 20_000


def register(app, ws: Workspace) -> None:
    """Add every API route to ``app``."""

    def entry_or_404(case_id: str):
        if case_id not in ws.cases:
            raise HTTPException(404, f"no case {case_id!r} is served here; see /api/cases")
        return ws.entry(case_id)

    def view(case_id: str, kind: Optional[str], start: Optional[str], end: Optional[str],
             platform: Optional[str] = None):
        from .app import parse_day

        entry = entry_or_404(case_id)
        kind = kind or entry.case.networks[0]
        if kind not in NETWORKS:
            raise HTTPException(422, f"unknown network {kind!r}; choose from {', '.join(NETWORKS)}")
        lo, hi = parse_day(start, "start"), parse_day(end, "end")

        def compute():
            analysis, label = ws.analysis(case_id), ws.label(entry)
            with ws.scope(case_id) as (e, scope):
                if lo is None and hi is None and kind in analysis.networks:  # the analysis' own network
                    whole, terms = analysis.networks[kind], analysis.content.community_terms.get(kind, {})
                    if platform is None:
                        v = netview.view(whole, app.state.max_nodes, label, top_terms=terms, names=analysis.names,
                                         ambassadors=analysis.ambassadors.get(kind), lang=app.state.lang)
                        v.platforms = netview.platforms_of(whole)
                    else:
                        v = netview.on_platform(scope, whole, platform, app.state.max_nodes, label, top_terms=terms,
                                                names=analysis.names, lang=app.state.lang)
                else:
                    v = netview.analyse(scope, kind, app.state.max_nodes, label, lo, hi, names=analysis.names,
                                        lang=app.state.lang, platform=platform)
                ws.account_index(e, scope)
                ws.add_accounts(e, {v.labels[i]: ident for i, ident in enumerate(v.result.net.ids)})
                return v

        try:
            return ws.cached(("network", case_id, kind, lo, hi, platform), compute)
        except netview.NoPart as exc:
            raise HTTPException(404, str(exc)) from None

    @app.get("/api/cases", tags=["cases"])
    def cases():
        """The cases this dashboard serves; ``government_accounts``: how many the case names (without
        any, no group can be reached: the groups read n/a)."""
        return {"items": [{"id": e.case.id, "title": e.case.title, "level": e.case.level,
                           "language": e.case.language, "networks": list(e.case.networks),
                           "government_accounts": len(e.case.government)}
                          for e in ws.cases.values()], "pseudonymised": ws.pseudonymise, "lang": app.state.lang}

    @app.get("/api/cases/{case_id}", tags=["cases"])
    def overview(case_id: str):
        """The factsheet's figures: counts, peaks, government, main network, top messages; ``sheet``: the
        factsheet's words for them in the dashboard's language (labels, formatted figures, the conclusion)."""
        entry = entry_or_404(case_id)
        return ws.cached(("overview", case_id),
                         lambda: queries.overview(ws.analysis(case_id), ws.label(entry), app.state.lang))

    @app.get("/api/cases/{case_id}/network", tags=["network"])
    def network(case_id: str, kind: Optional[str] = Query(None, description="network kind; default the case's first"),
                start: Optional[str] = Query(None, description="period start YYYY-MM-DD"),
                end: Optional[str] = Query(None, description="period end YYYY-MM-DD"),
                platform: Optional[str] = Query(None, max_length=40, description="only the network's part on this platform")):
        """The network: communities, and at most ``max_nodes`` accounts with positions and their ties;
        ``platforms`` lists the whole network's platforms, ``platform`` the one shown (null: all)."""
        v = view(case_id, kind, start, end, platform)
        return ws.cached(("payload", case_id, v.result.net.kind, v.period, v.platform), lambda: netview.payload(v))

    @app.get("/api/cases/{case_id}/network/search", tags=["network"])
    def network_search(case_id: str, q: str = Query(..., min_length=1, max_length=200), kind: Optional[str] = None,
                       start: Optional[str] = None, end: Optional[str] = None,
                       platform: Optional[str] = Query(None, max_length=40), limit: int = LIMIT, offset: int = OFFSET):
        """Accounts of the network whose identifier contains ``q``, shown in the browser or not."""
        hits = netview.search(view(case_id, kind, start, end, platform), q)
        return queries.page(hits[offset:offset + limit], len(hits), limit, offset)

    @app.get("/api/cases/{case_id}/network/neighbourhood", tags=["network"])
    def network_neighbourhood(case_id: str, account: str = Query(..., min_length=1, max_length=300),
                              kind: Optional[str] = None, start: Optional[str] = None, end: Optional[str] = None,
                              platform: Optional[str] = Query(None, max_length=40),
                              limit: int = Query(50, ge=1, le=queries.MAX_LIMIT)):
        """An account and its neighbours (most central first), placed beside the shown network."""
        found = netview.neighbourhood(view(case_id, kind, start, end, platform), account, limit)
        if found is None:
            raise HTTPException(404, f"no account {account!r} in this network")
        return found

    @app.get("/api/cases/{case_id}/messages", tags=["messages"])
    def messages(case_id: str,
                 community: Optional[int] = Query(None, description="community id of the network `network`"),
                 network: Optional[str] = Query(None, description="network kind the community belongs to"),
                 platform: Optional[str] = Query(None, max_length=40,
                                                 description="with `community`: its members on this platform"),
                 account: Optional[str] = Query(None, max_length=300, description="account as shown"),
                 thread: Optional[str] = Query(None, max_length=300, description="a message id: its thread"),
                 start: Optional[str] = None, end: Optional[str] = None,
                 government: Optional[bool] = None, kind: Optional[str] = Query(None, max_length=40),
                 q: Optional[str] = Query(None, max_length=200, description="text contains (not when pseudonymised)"),
                 limit: int = LIMIT, offset: int = OFFSET):
        """Messages of a community, an account, a thread or a period, oldest first."""
        from .app import parse_day

        entry = entry_or_404(case_id)
        if q and entry.pseudonymise:
            raise HTTPException(400, "text search is off in pseudonymised mode (it would find hidden names)")
        f = queries.MessageFilter(start=parse_day(start, "start"), end=parse_day(end, "end"), government=government,
                                  kind=kind, text=q, thread=thread)
        if community is not None:
            v = view(case_id, network, start, end, platform)
            members = [v.result.net.ids[i] for i in (v.result.community == community).nonzero()[0].tolist()]
            if not members:
                raise HTTPException(404, f"no community {community} in the {v.result.net.kind} network")
            f.members = members
        with ws.scope(case_id) as (e, scope):
            label = ws.label(e)
            if thread is not None:
                f.thread = label.real_message_id(scope, thread)
            if account is not None:
                real = ws.account_index(e, scope).get(account)
                if real is None:
                    raise HTTPException(404, f"no account {account!r} in this case")
                f.account = real
            return queries.messages(scope, f, label, limit, offset, names=ws.analysis(case_id).names)

    @app.get("/api/cases/{case_id}/account", tags=["messages"])
    def account(case_id: str, name: str = Query(..., min_length=1, max_length=300, description="account as shown")):
        """One account: profile (hidden in pseudonymised mode), government role, message count."""
        entry_or_404(case_id)
        with ws.scope(case_id) as (e, scope):
            real = ws.account_index(e, scope).get(name)
            found = queries.account(scope, real, ws.label(e)) if real is not None else None
        if found is None:
            raise HTTPException(404, f"no account {name!r} in this case")
        return found

    @app.get("/api/cases/{case_id}/timeline", tags=["timeline"])
    def timeline(case_id: str):
        """Messages and government messages per day (per hour for short cases), peaks, events."""
        entry_or_404(case_id)
        return queries.timeline(ws.analysis(case_id))

    _inbox_routes(app, ws, entry_or_404, view)
    _file_routes(app, ws, entry_or_404, view)
    _ambassador_routes(app, ws, view)


def _ambassador_routes(app, ws: Workspace, view) -> None:
    from . import ambassadors as ambassadors_mod

    @app.get("/api/cases/{case_id}/network/ambassadors", tags=["network"])
    def network_ambassadors(case_id: str, kind: Optional[str] = Query(None, description="network kind; default the case's first"),
                            start: Optional[str] = Query(None, description="period start YYYY-MM-DD"),
                            end: Optional[str] = Query(None, description="period end YYYY-MM-DD"),
                            platform: Optional[str] = Query(None, max_length=40,
                                                            description="only the network's part on this platform")):
        """Every group government does not reach, largest first, with its candidate ambassadors: who, what
        kind of account, why (in the dashboard's language), one of their messages, their ties into the group
        and to government, and the accounts those ties reach that the network does not show yet."""
        v = view(case_id, kind, start, end, platform)
        return ws.cached(("ambassadors", case_id, v.result.net.kind, v.period, v.platform),
                         lambda: ambassadors_mod.payload(v, v.candidates or {}, app.state.lang))


def _inbox_routes(app, ws: Workspace, entry_or_404, view) -> None:
    from . import inbox as inbox_mod

    @app.get("/api/cases/{case_id}/inbox", tags=["webcare"])
    def inbox(case_id: str, category: Optional[str] = Query(None, max_length=40),
              urgency: Optional[str] = Query(None, max_length=20), route: Optional[str] = Query(None, max_length=200),
              breached: Optional[bool] = None, answered: Optional[bool] = None,
              limit: int = LIMIT, offset: int = OFFSET):
        """The webcare queue, highest priority first, with filters."""
        entry_or_404(case_id)
        main = view(case_id, None, None, None)

        def compute():
            with ws.scope(case_id) as (e, scope):
                label = ws.label(e)
                names = ws.analysis(case_id).names
                rows = inbox_mod.rows(scope, e.case, label, inbox_mod.network_info(main.result), lang=app.state.lang,
                                      names=names)
                return inbox_mod.with_names(rows, ws.account_index(e, scope), names, label)

        # waiting times and breaches move with the clock: the queue is redrawn every minute
        rows = ws.cached(("inbox", case_id, int(time.time() // 60)), compute)
        return inbox_mod.filtered(rows, category=category, urgency=urgency, route=route, breached=breached,
                                  answered=answered, limit=limit, offset=offset, lang=app.state.lang)

    @app.post("/api/reply-check", tags=["webcare"])
    def reply_check(text: str = Body(..., embed=True, max_length=MAX_REPLY_CHECK)):
        """Check a draft answer against the answering guidelines (nothing is stored)."""
        return inbox_mod.reply_check(text, lang=app.state.lang)


def _file_routes(app, ws: Workspace, entry_or_404, view) -> None:
    from .app import remove_folder, temp_folder

    @app.get("/api/cases/{case_id}/files", tags=["files"])
    def file_list(case_id: str):
        """The case's downloadable files."""
        entry = entry_or_404(case_id)
        return {"items": files_mod.listing(entry.case)}

    @app.get("/api/cases/{case_id}/files/{name}", tags=["files"])
    def file_download(case_id: str, name: str):
        """Download one of the case's files (a name from the listing)."""
        entry = entry_or_404(case_id)
        names = {f["name"]: f["media_type"] for f in files_mod.listing(entry.case)}
        if name not in names:
            raise HTTPException(404, f"no file {name!r} for this case; see /api/cases/{case_id}/files")
        analysis = ws.analysis(case_id)
        folder = temp_folder()
        try:
            path = files_mod.write_table(name, folder, analysis, analysis.label(entry.pseudonymise))
        except BaseException:
            remove_folder(folder)
            raise
        return FileResponse(path, media_type=names[name], filename=f"{case_id}-{name}",
                            background=BackgroundTask(remove_folder, folder))
