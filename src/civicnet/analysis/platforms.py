"""A case per platform, where it spans platforms (the vacant-lots case: the LinkedIn group
"Ondertussen" and #blt020 on Twitter), so the report's split can be read.

:func:`platform_facts` gives one :class:`PlatformFacts` per platform of the case's counted
messages (none for a case on one platform): its messages, participants and government
messages, the government accounts that wrote there, its most liked, shared and commented
messages (:func:`civicnet.tactics.engagement.top_by` on the platform's rows of the one
engagement table) and its network.

**The network per platform** is the platform's part of the case's main network (the first
of its ``networks:``): the accounts of that platform and the ties among them. Every tie
joins two accounts of one platform (a reply, a mention, a comment under the same post are
all inside one platform), so the parts are the main network cut along platforms and no
tie is lost. Each account keeps what the main network gives it: its group, degrees,
betweenness (no shortest path crosses platforms) and PageRank (it orders the accounts);
a modularity group never spans unconnected parts, so every group lies on one platform
and keeps its id, name, colour and reach. The part's own figures are its accounts, ties
and modularity (of the main network's groups, on the part).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..networks import communities as C
from ..networks.build import Network
from ..networks.case import case_networks
from ..networks.metrics import NodeMetrics, network_stats, to_igraph, undirected
from ..networks.reach import compute_reach
from ..networks.result import NetworkResult
from ..store.scope import CaseScope, Relation, measure
from ..tactics._base import messages
from ..tactics.engagement import engagement, top_by
from .records import TOP_MESSAGES, TopMessages

#: Government accounts listed per platform, most messages first.
WRITERS = 5

_FIGURES = """
    SELECT platform, count(*), count(DISTINCT account) FILTER (WHERE account IS NOT NULL),
           count(*) FILTER (WHERE is_gov)
    FROM {messages} GROUP BY platform ORDER BY platform
"""
_WRITERS = """
    SELECT ident, count(*) AS n FROM {messages} WHERE platform = ? AND is_gov AND ident IS NOT NULL
    GROUP BY ident ORDER BY n DESC, ident LIMIT ?
"""


@dataclass(frozen=True)
class PlatformFacts:
    """One platform of a case: ``messages``, ``participants`` and ``government_messages`` (counted as
    the case's ``counts`` are, on this platform's messages); ``writers``: the government accounts
    with the most messages here (``{account, messages}``); ``top``: its most liked, shared and
    commented messages; ``network``: its part of the main network (None without one)."""

    platform: str
    messages: int
    participants: int
    government_messages: int
    writers: list[dict]
    top: TopMessages
    network: NetworkResult | None = None

    @property
    def government_share(self) -> float | None:
        """The share of the platform's messages written by government (None without messages)."""
        return self.government_messages / self.messages if self.messages else None


@measure(messages, engagement, case_networks)
def platform_facts(scope: CaseScope, messages: Relation, engagement: Relation,
                   case_networks: dict[str, NetworkResult]) -> tuple[PlatformFacts, ...]:
    """The case per platform (module docstring); empty for a case on one platform."""
    rows = scope.sql(scope.fill(_FIGURES, messages=messages))
    if len(rows) < 2:
        return ()
    main = case_networks.get(scope.case.networks[0])
    out = []
    for platform, n, participants, gov in rows:
        writers = [{"account": a, "messages": int(k)}
                   for a, k in scope.sql(scope.fill(_WRITERS, messages=messages), [platform, WRITERS])]
        top = TopMessages(*(top_by(scope, engagement, column, TOP_MESSAGES, platform)
                            for column in ("likes", "shares", "comments")))
        out.append(PlatformFacts(platform, int(n), int(participants), int(gov), writers, top,
                                 platform_part(main, platform) if main is not None else None))
    return tuple(out)


def platform_part(result: NetworkResult, platform: str) -> NetworkResult | None:
    """The part of ``result`` on ``platform`` (module docstring); None when no account of the network
    is on it (or the network does not know its accounts' platforms)."""
    net = result.net
    if len(net.platforms) != net.n_nodes:
        return None
    keep = np.fromiter((p == platform for p in net.platforms), dtype=bool, count=net.n_nodes)
    if not keep.any():
        return None
    part = _subnetwork(net, keep)
    g = to_igraph(part)
    ug = undirected(g)
    m = result.metrics
    metrics = NodeMetrics(m.degree[keep], m.in_degree[keep], m.out_degree[keep], m.betweenness[keep],
                          m.pagerank[keep], m.eigenvector[keep], m.clustering[keep], m.betweenness_method)
    community = result.community[keep]
    reach = compute_reach(part, community, metrics.betweenness, threshold=result.reach.threshold)
    return NetworkResult(net=part, undirected_graph=ug, metrics=metrics, community=community,
                         modularity=C.modularity(ug, community) if part.n_edges else None, method=result.method,
                         stats=network_stats(part, g), reach=reach, seed=result.seed)


def _subnetwork(net: Network, keep: np.ndarray) -> Network:
    """The accounts ``keep`` marks and the ties among them, node order kept."""
    index = np.full(net.n_nodes, -1, dtype=np.int64)
    index[keep] = np.arange(int(keep.sum()))
    edges = keep[net.src] & keep[net.dst]
    rows = np.flatnonzero(keep).tolist()
    return Network(
        kind=net.kind, directed=net.directed, ids=[net.ids[i] for i in rows], src=index[net.src[edges]],
        dst=index[net.dst[edges]], weight=net.weight[edges], kind_codes=net.kind_codes[edges],
        kind_labels=net.kind_labels, is_government=net.is_government[keep], contact=net.contact[keep],
        audience=net.audience[keep], addressed_government=net.addressed_government[keep], case_id=net.case_id,
        names=[net.names[i] for i in rows] if net.names else [], notes=list(net.notes),
        platforms=[net.platforms[i] for i in rows],
    )
