"""The network as the browser gets it: a bounded selection, laid out, as plain JSON.

A network larger than ``max_nodes`` is sent in part: the accounts with the highest
PageRank plus the government accounts and their neighbourhood
(:func:`civicnet.networks.selection.select`, the rule the factsheet picture starts
from); every other account stays reachable through :func:`search` and
:func:`neighbourhood`. Positions come from the factsheet picture's layout code
(:func:`civicnet.networks.layout.lay_out`): group-in-a-box by default, one box per
group, Fruchterman–Reingold inside each, seeded, on each account's eight heaviest ties
so that dense networks (co-comment cliques) lay out in seconds. The frame is 3 wide by
2 high, within [-1, 1]; y grows upwards (sigma.js), so the largest group sits at the
top left as on the factsheet. The payload's ``layout`` names the layout and ``boxes``
gives each group's box.

A **platform** filter shows the network's part on one platform
(:func:`civicnet.analysis.platforms.platform_part`, the part the factsheet's block per platform
draws: that platform's accounts and the ties among them, with their figures and groups from the
whole network); its candidate ambassadors are found on that part with the case analysis' rule.

A **period** filter analyses the network of that period only: the case's records
whose messages were written in the period (with the context messages they answer,
and the timeless follows) are copied into an in-memory store and the network is built
and analysed there, exactly as for the whole case.
"""

from __future__ import annotations

import math
import zlib
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

from ..labels import shown as shown_label
from ..networks import NetworkResult, analyse_network, build_network
from ..networks.layout import Layout, lay_out
from ..networks.selection import select
from ..networks.treemap import Rect
from ..store import Store
from ..store.scope import CaseScope

MAX_EDGES = 30_000
#: The dashboard's frame: 3 wide by 2 high (a wide screen), inside [-1, 1]².
FRAME = Rect(-1.0, -2 / 3, 2.0, 4 / 3)


@dataclass
class NetworkView:
    """An analysed network with the part the browser is sent."""

    result: NetworkResult
    shown: np.ndarray          # node indices sent to the browser
    xy: np.ndarray             # their positions, one row per shown node (y upwards)
    labels: list[str]          # every node's identifier as shown (pseudonym or handle)
    period: tuple[date | None, date | None]
    index: dict[str, int]      # real identifier -> node index
    by_label: dict[str, int]   # shown identifier -> node index
    summary: dict              # CONTRACT networks.NAME, identifiers as shown
    layout: Layout | None = None
    names: object = None       # civicnet.analysis.names.Names: accounts as a person reads them
    label: object = None
    _shown_names: list | None = None
    #: unreached community id -> its candidate ambassadors (civicnet.analysis.ambassadors), best first
    candidates: dict | None = None
    #: the platform whose part this is (None: the whole network)
    platform: str | None = None
    #: the whole network's platforms, most accounts first
    platforms: tuple[str, ...] = ()

    def who(self, i: int) -> dict:
        """Node ``i`` as a person reads it: ``{name, handle}`` (display name; pseudonym when hidden)."""
        if self.names is None:
            return {"name": self.labels[i], "handle": None}
        return self.names.who(self.result.net.ids[i], self.label)


class NoPart(LookupError):
    """No account of the network is on the platform asked for (``platforms``: those it has)."""

    def __init__(self, kind: str, platform: str, platforms: tuple[str, ...]):
        have = ", ".join(platforms) if platforms else "none known"
        super().__init__(f"no account of the {kind} network is on {platform!r}; its platforms: {have}")
        self.platforms = platforms


def analyse(scope: CaseScope, kind: str, max_nodes: int, label,
            start: date | None = None, end: date | None = None, names=None, lang: str = "en",
            platform: str | None = None) -> NetworkView:
    """Build, analyse and lay out the case's network of ``kind`` (for a period, on a platform, if given);
    :class:`NoPart` when no account of it is on ``platform``."""
    if start or end:
        with period_store(scope, start, end) as sub, sub.case(scope.case) as sub_scope:
            return _analyse(sub_scope, kind, max_nodes, label, (start, end), names, lang, platform)
    return _analyse(scope, kind, max_nodes, label, (None, None), names, lang, platform)


def _analyse(scope: CaseScope, kind: str, max_nodes: int, label, period, names=None, lang: str = "en",
             platform: str | None = None) -> NetworkView:
    case = scope.case
    result = analyse_network(build_network(scope, kind), method=case.community_method, seed=42,
                             reach_threshold=case.reach_threshold)
    if platform is not None:
        return on_platform(scope, result, platform, max_nodes, label, period, names=names, lang=lang)
    v = view(result, max_nodes, label, period, names=names, ambassadors=_candidates(scope, result), lang=lang)
    v.platforms = platforms_of(result)
    return v


def _candidates(scope: CaseScope, result: NetworkResult) -> dict:
    """The case analysis' rule for candidate ambassadors, on ``result`` and these records."""
    from ..analysis.ambassadors import candidates, duplicate_spam

    return candidates(scope, result, duplicate_spam(scope))


def platforms_of(result: NetworkResult) -> tuple[str, ...]:
    """The platforms of the network's accounts, most accounts first (then by name); () when unknown."""
    counts: dict[str, int] = {}
    for p in result.net.platforms:
        counts[p] = counts.get(p, 0) + 1
    return tuple(sorted(counts, key=lambda p: (-counts[p], p)))


def on_platform(scope: CaseScope, result: NetworkResult, platform: str, max_nodes: int, label, period=(None, None),
                top_terms=None, names=None, lang: str = "en") -> NetworkView:
    """The view of ``result``'s part on ``platform`` (module docstring); :class:`NoPart` when it has none."""
    from ..analysis.platforms import platform_part

    part = platform_part(result, platform)
    if part is None:
        raise NoPart(result.net.kind, platform, platforms_of(result))
    v = view(part, max_nodes, label, period, top_terms=top_terms, names=names,
             ambassadors=_candidates(scope, part), lang=lang)
    v.platform, v.platforms = platform, platforms_of(result)
    return v


def view(result: NetworkResult, max_nodes: int, label, period=(None, None), top_terms=None, names=None,
         ambassadors=None, lang: str = "en") -> NetworkView:
    """Lay out an analysed network for the browser; ``top_terms`` (community id → terms) as in
    :meth:`~civicnet.networks.NetworkResult.summary`; ``names``: how a person reads the accounts
    (:class:`~civicnet.analysis.names.Names`; each node's ``name`` and ``handle`` in the payload);
    ``ambassadors``: unreached community id → its candidates (the case analysis'; without it, the
    network's own ranking), their reasons in ``lang``."""
    if ambassadors is None:
        ambassadors = result.ambassadors()
    net = result.net
    shown = select(result, max_nodes)
    labels = [label(i) for i in net.ids]
    index = {i: n for n, i in enumerate(net.ids)}
    summary = result.summary(label=lambda ident: labels[index[ident]] if ident in index else label(ident),
                             top_terms=top_terms, ambassadors=ambassadors, lang=lang)
    for community in summary["communities"]:  # pseudonymised: no term (a hashtag) naming a citizen
        community["top_terms"] = shown_label(label).terms(community["top_terms"])
    lay = lay_out(result, shown, FRAME, gap=0.02, margin=0.01)
    return NetworkView(result, shown, _upwards(lay.xy), labels, period, index,
                       {lab: n for n, lab in enumerate(labels)}, summary, lay, names, label, candidates=ambassadors)


def _upwards(xy: np.ndarray) -> np.ndarray:
    """Picture coordinates (y down) as sigma.js reads them (y up)."""
    return xy * np.array([1.0, -1.0]) if xy.size else xy


def _boxes(view: NetworkView) -> list[dict]:
    """Each group's box in the browser's coordinates (y upwards); ``community`` null for the shared box."""
    if view.layout is None:
        return []
    return [{"community": b.group, "members": b.members, "x0": round(b.rect.x, 5), "x1": round(b.rect.x + b.rect.w, 5),
             "y0": round(-(b.rect.y + b.rect.h), 5), "y1": round(-b.rect.y, 5)} for b in view.layout.boxes]


def payload(view: NetworkView) -> dict:
    """The network JSON: counts, communities, shown nodes with positions, edges among them."""
    res, net = view.result, view.result.net
    summary = view.summary
    position = {int(i): k for k, i in enumerate(view.shown.tolist())}
    pr = res.metrics.pagerank
    top = float(pr.max()) if pr.size and pr.max() > 0 else 1.0
    nodes = [_node(view, int(i), view.xy[k], top) for k, i in enumerate(view.shown.tolist())]
    keep = np.isin(net.src, view.shown) & np.isin(net.dst, view.shown)
    idx = np.flatnonzero(keep)
    if idx.size > MAX_EDGES:
        idx = idx[np.argsort(-net.weight[idx], kind="stable")[:MAX_EDGES]]
    edges = [[position[int(net.src[e])], position[int(net.dst[e])], int(net.weight[e]), int(net.kind_codes[e])]
             for e in idx.tolist()]
    return {
        "kind": net.kind, "directed": net.directed, "platform": view.platform, "platforms": list(view.platforms),
        "period": {"start": _iso(view.period[0]), "end": _iso(view.period[1])},
        "nodes_total": net.n_nodes, "edges_total": net.n_edges,
        "nodes_shown": len(nodes), "edges_shown": len(edges),
        "truncated": len(nodes) < net.n_nodes or len(edges) < net.n_edges,
        "modularity": summary["modularity"], "community_method": summary["community_method"],
        "communities": summary["communities"], "central_accounts": summary["central_accounts"],
        "kind_labels": net.kind_labels, "kinds": sorted({k for lab in net.kind_labels for k in lab.split(";") if k}),
        "notes": net.notes, "nodes": nodes, "edges": edges,
        "layout": view.layout.name if view.layout else None, "boxes": _boxes(view),
    }


def _node(view: NetworkView, i: int, xy, top_pr: float) -> dict:
    res = view.result
    pr = float(res.metrics.pagerank[i])
    who = view.who(i)
    return {
        "id": view.labels[i], "name": who["name"], "handle": who["handle"], "community": int(res.community[i]),
        "government": bool(res.net.is_government[i]),
        "pagerank": pr, "in_degree": int(res.metrics.in_degree[i]), "out_degree": int(res.metrics.out_degree[i]),
        "x": round(float(xy[0]), 5), "y": round(float(xy[1]), 5),
        "size": round(3.0 + 12.0 * math.sqrt(pr / top_pr), 3),
    }


def search(view: NetworkView, query: str) -> list[dict]:
    """Every node whose shown identifier or shown name contains ``query`` (case-insensitive), by PageRank."""
    q = query.casefold()
    shown = set(view.shown.tolist())
    res = view.result
    if view._shown_names is None:  # every node's name as shown, once per view (the view is cached)
        view._shown_names = [(view.who(i)["name"] or "").casefold() for i in range(len(view.labels))]
    hits = [i for i, lab in enumerate(view.labels) if q in lab.casefold() or q in view._shown_names[i]]
    hits.sort(key=lambda i: (-float(res.metrics.pagerank[i]), view.labels[i]))
    return [{"id": view.labels[i], **view.who(i), "community": int(res.community[i]),
             "government": bool(res.net.is_government[i]), "pagerank": float(res.metrics.pagerank[i]),
             "shown": i in shown} for i in hits]


def neighbourhood(view: NetworkView, shown_id: str, limit: int) -> dict | None:
    """An account with its neighbours, placed beside the shown nodes they touch; None if unknown."""
    i = view.by_label.get(shown_id)
    if i is None:
        return None
    res, net = view.result, view.result.net
    neighbours = sorted(set(res.undirected_graph.neighbors(i)), key=lambda j: -float(res.metrics.pagerank[j]))[:limit]
    members = [i] + neighbours
    where = {int(n): view.xy[k] for k, n in enumerate(view.shown.tolist())}
    placed = _place(members, where, res)
    pr = res.metrics.pagerank
    top = float(pr.max()) if pr.size and pr.max() > 0 else 1.0
    nodes = [_node(view, j, placed[j], top) for j in members]
    member_set = set(members)
    edges = [[view.labels[int(s)], view.labels[int(t)], int(w), int(k)]
             for s, t, w, k in zip(net.src, net.dst, net.weight, net.kind_codes)
             if (int(s) == i or int(t) == i) and int(s) in member_set and int(t) in member_set]
    return {"center": shown_id, "nodes": nodes, "edges": edges, "kind_labels": net.kind_labels}


def _place(members: list[int], where: dict, res: NetworkResult) -> dict[int, np.ndarray]:
    """Shown nodes keep their place; others go near their shown neighbours (or the centre)."""
    out: dict[int, np.ndarray] = {}
    for j in members:
        if j in where:
            out[j] = where[j]
            continue
        near = [where[n] for n in res.undirected_graph.neighbors(j) if n in where]
        base = np.mean(near, axis=0) if near else np.zeros(2)
        angle = (zlib.crc32(res.net.ids[j].encode()) % 360) * math.pi / 180
        out[j] = base + 0.05 * np.array([math.cos(angle), math.sin(angle)])
        where[j] = out[j]
    return out


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def period_store(scope: CaseScope, start: date | None, end: date | None) -> Store:
    """An in-memory store holding the case's records of a period (module docstring)."""
    lo = datetime.combine(start, time.min) if start else datetime.min
    hi = datetime.combine(end + timedelta(days=1), time.min) if end else datetime.max
    case, con = scope.case, scope.con
    messages = con.sql(
        """SELECT * FROM case_all_messages
           WHERE NOT collected OR (created_at >= ? AND created_at < ?)""", params=[lo, hi]).to_arrow_table()
    interactions = con.sql(
        """SELECT i.* EXCLUDE (target) FROM case_interactions i
           WHERE (i.message IS NOT NULL AND EXISTS (
                    SELECT 1 FROM case_messages m WHERE m.platform = i.platform AND m.id = i.message
                    AND m.created_at >= ? AND m.created_at < ?))
              OR (i.message IS NULL AND (i.created_at IS NULL AND i.kind = 'follow'
                                         OR i.created_at >= ? AND i.created_at < ?))""",
        params=[lo, hi, lo, hi]).to_arrow_table()
    accounts = con.sql("SELECT * FROM case_accounts").to_arrow_table()
    sub = Store(":memory:")
    with ExitStack() as lent:
        for name, table in (("_m", messages), ("_i", interactions), ("_a", accounts)):
            lent.enter_context(sub.lend(name, table))
        sub.sql("INSERT INTO account SELECT * FROM _a")
        sub.sql("INSERT INTO message SELECT * EXCLUDE (collected) FROM _m")
        sub.sql("INSERT INTO interaction SELECT * FROM _i")
        sub.sql("INSERT INTO case_message SELECT ?, platform, id, collected FROM _m", [case.id])
        sub.sql("INSERT INTO case_account SELECT ?, platform, id FROM _a", [case.id])
        sub.sql("INSERT INTO case_interaction SELECT ?, key FROM _i", [case.id])
    return sub
