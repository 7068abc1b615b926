"""Analysing a built network: metrics, communities, reach, and the summary.json object.

:func:`analyse_network` returns a :class:`NetworkResult`; its :meth:`~NetworkResult.summary`
is exactly the CONTRACT's ``networks.NAME`` object. Central accounts and each
community's top accounts are ranked by PageRank (ties: higher in-degree, then
identifier). Identifiers pass through an optional ``label`` callable on the way out
(pseudonymisation, :mod:`civicnet.labels`); the analysis itself always works on the real
identifiers.

The tables: :attr:`~NetworkResult.nodes` and :attr:`~NetworkResult.edges` (Arrow, the
columns of nodes.csv and edges.csv), and the graph for further work:
:meth:`~NetworkResult.to_igraph`, :meth:`~NetworkResult.to_networkx`.

>>> from civicnet.networks import network_from_edges
>>> res = analyse_network(network_from_edges(["gov", "ann", "bob"], [1, 2, 1], [0, 0, 2], is_government=[True, False, False]))
>>> res.nodes.select(["account", "in_degree", "is_government"]).to_pylist()[0]
{'account': 'gov', 'in_degree': 2, 'is_government': True}
>>> res.edges.to_pylist()[0]
{'source': 'ann', 'target': 'gov', 'weight': 1, 'kinds': 'mention'}
>>> res.to_igraph().vs["name"]
['gov', 'ann', 'bob']
>>> sorted(res.to_networkx().edges)
[('ann', 'bob'), ('ann', 'gov'), ('bob', 'gov')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Mapping

import igraph as ig
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import MissingDependency
from ..labels import Label, shown, shown_name
from ..progress import Progress, silent
from . import communities as C
from .ambassador_words import entry
from .ambassadors import Candidate, find_ambassadors
from .build import Network
from .group_names import told_apart
from .metrics import NodeMetrics, network_stats, node_metrics, to_igraph, undirected_of
from .reach import Reach, compute_reach

__all__ = ["Label", "NetworkResult", "PendingAnalysis", "analyse_network", "start_analysis"]

TOP_ACCOUNTS = 5
TOP_TERMS = 10


@dataclass
class NetworkResult:
    """A network with its metrics, communities and reach."""

    net: Network
    undirected_graph: ig.Graph
    metrics: NodeMetrics
    community: np.ndarray
    modularity: float | None
    method: str
    stats: dict
    reach: Reach
    seed: int

    @cached_property
    def graph(self) -> ig.Graph:
        """The network as igraph builds it (:func:`~civicnet.networks.metrics.to_igraph`: edges in the
        network's order, a ``weight`` attribute), built again from :attr:`net` when first asked for:
        the analysis does not keep it once the metrics are known (~100 MB at 1M tweets)."""
        return to_igraph(self.net)

    # -- tables ------------------------------------------------------------------------

    @property
    def nodes(self) -> pa.Table:
        """One row per account, in node order, with the columns of nodes.csv:
        ``account, community, degree, in_degree, out_degree, betweenness, pagerank, is_government, name``
        (``name``: the display name the platform gave, "" where it gave none)."""
        m = self.metrics
        return pa.table({
            "account": pa.array(self.net.ids, pa.string()),
            "community": pa.array(self.community, pa.int64()),
            "degree": pa.array(m.degree, pa.int64()),
            "in_degree": pa.array(m.in_degree, pa.int64()),
            "out_degree": pa.array(m.out_degree, pa.int64()),
            "betweenness": pa.array(m.betweenness, pa.float64()),
            "pagerank": pa.array(m.pagerank, pa.float64()),
            "is_government": pa.array(self.net.is_government, pa.bool_()),
            "name": pa.array([n or "" for n in self.net.names or [None] * self.net.n_nodes], pa.string()),
        })

    @property
    def edges(self) -> pa.Table:
        """One row per edge, in edge order, with the columns of edges.csv: ``source, target,
        weight, kinds`` (account identifiers; ``kinds`` ``;``-joined)."""
        net = self.net
        ids = pa.array(net.ids, pa.string())
        return pa.table({
            "source": ids.take(pa.array(net.src)), "target": ids.take(pa.array(net.dst)),
            "weight": pa.array(net.weight, pa.int64()),
            "kinds": pa.array(net.kind_labels, pa.string()).take(pa.array(net.kind_codes)),
        })

    def to_igraph(self) -> ig.Graph:
        """The network as an igraph graph: vertex attribute ``name`` (the account, igraph's vertex
        name), ``display_name`` (the :attr:`nodes` column ``name``) and the other columns of
        :attr:`nodes`, edge attributes ``weight`` and ``kinds``."""
        g = self.graph.copy()
        nodes = self.nodes
        renamed = {"account": "name", "name": "display_name"}
        for name, column in zip(nodes.column_names, nodes.columns):
            g.vs[renamed.get(name, name)] = column.to_pylist()
        g.es["kinds"] = self.edges.column("kinds").to_pylist()
        return g

    def to_networkx(self):
        """The network as a networkx ``DiGraph`` (directed networks) or ``Graph``, nodes named by
        account with the other columns of :attr:`nodes` as attributes, edges with ``weight`` and
        ``kinds``. Needs networkx (``pip install 'civicnet[networkx]'``)."""
        try:
            import networkx as nx
        except ImportError:
            raise MissingDependency("NetworkResult.to_networkx()", "networkx") from None
        g = nx.DiGraph() if self.net.directed else nx.Graph()
        for row in self.nodes.to_pylist():
            g.add_node(row.pop("account"), **row)
        for row in self.edges.to_pylist():
            g.add_edge(row["source"], row["target"], weight=row["weight"], kinds=row["kinds"])
        return g

    def ranking(self) -> np.ndarray:
        """Node indices by PageRank, highest first (ties: in-degree, then identifier order).

        Sorted once (~30 ms at 250k accounts; the summary, the sheet and the picture each ask), and
        read-only, so no caller can change it for the next."""
        rank = self.__dict__.get("_ranking")
        if rank is None:
            n = self.net.n_nodes
            rank = np.lexsort((np.arange(n), -self.metrics.in_degree, -self.metrics.pagerank))
            rank.flags.writeable = False
            self.__dict__["_ranking"] = rank
        return rank

    # -- summary.json ------------------------------------------------------------------

    def summary(self, label: Label | None = None, top_terms: Mapping[int, list[str]] | None = None,
                top_n: int = 10, *, ambassadors: "Mapping[int, list[Candidate]] | None" = None,
                lang: str = "en") -> dict:
        """The CONTRACT's ``networks.NAME`` object.

        ``top_terms``: community id → its terms (the case's distinctive terms per community);
        without it, the community's most used hashtags (:attr:`Network.hashtags`). A
        community's ``name`` is :meth:`community_names`'; an account's ``name`` its display
        name as ``label`` shows it ("" where the platform gave none). ``ambassadors``: unreached
        community id → its candidates (the case analysis' :mod:`civicnet.analysis.ambassadors`);
        without it, :meth:`ambassadors`'. Their ``reason`` is in ``lang``.
        """
        show = shown(label)
        ids = self.net.ids
        order = self.ranking()
        tops = self._top_members(order)
        terms = self._hashtag_terms() if top_terms is None else top_terms
        group_names = self._group_names(tops, label)
        candidates = self.ambassadors() if ambassadors is None else ambassadors
        communities = []
        for c in self.reach.considered:
            r = self.reach.communities[c]
            if not r.members:  # government accounts only: no shares (listed in reach_summary)
                continue
            communities.append({
                "id": c,
                "size": r.size,
                "name": group_names[c],
                "top_accounts": [show(ids[i]) for i in tops.get(c, [])],
                "top_terms": list(terms.get(c, [])),
                "government_accounts": [show(ids[i]) for i in sorted(r.government, key=ids.__getitem__)],
                "government_contact_share": r.contact_share,
                "government_audience_share": r.audience_share,
                "government_inbound_share": r.inbound_share,
                "reached_by_government": r.reached,
                "ambassadors": [entry(self, x, label, lang, group_names) for x in candidates.get(c, [])],
            })
        return {
            "directed": self.net.directed,
            "nodes": self.net.n_nodes,
            "edges": self.net.n_edges,
            "modularity": self.modularity,
            "community_method": self.method,
            "betweenness_method": self.metrics.betweenness_method,
            "communities": communities,
            "central_accounts": [self._central(i, show, label) for i in order[:top_n].tolist()],
        }

    def ambassadors(self, excluded: np.ndarray | None = None) -> "dict[int, list[Candidate]]":
        """Candidate ambassadors of every unreached community, best first
        (:func:`civicnet.networks.ambassadors.find_ambassadors`; ``excluded``: accounts to leave out)."""
        found = find_ambassadors(self.net, self.community, self.reach, excluded=excluded)
        return {c: [Candidate(a) for a in lst] for c, lst in found.items()}

    def name_of(self, i: int, label: Label | None = None) -> str:
        """Node ``i``'s display name as ``label`` shows it ("" where the platform gave none)."""
        names = self.net.names
        return shown_name(label, self.net.ids[i], names[i] if names else None) or ""

    def community_names(self, label: Label | None = None) -> dict[int, str]:
        """Every considered community's name: the display name of its most central member (by
        PageRank), as ``label`` shows it; that member's identifier where it has no name."""
        return self._group_names(self._top_members(self.ranking()), label)

    def _group_names(self, tops: dict[int, list[int]], label: Label | None) -> dict[int, str]:
        """Each community's name (:meth:`community_names`); names that two communities share are
        told apart (:func:`~civicnet.networks.group_names.told_apart`)."""
        show = shown(label)
        names = {c: (self.name_of(members[0], label) or show(self.net.ids[members[0]])) if members else str(c)
                 for c, members in tops.items()}
        platforms = self.net.platforms
        return told_apart(names, {c: platforms[m[0]] if m and platforms else None for c, m in tops.items()})

    def _central(self, i: int, show, label: Label | None = None) -> dict:
        m = self.metrics
        return {
            "account": show(self.net.ids[i]),
            "name": self.name_of(i, label),
            "community": int(self.community[i]),
            "in_degree": int(m.in_degree[i]),
            "out_degree": int(m.out_degree[i]),
            "betweenness": float(m.betweenness[i]),
            "pagerank": float(m.pagerank[i]),
            "is_government": bool(self.net.is_government[i]),
        }

    def community_top_accounts(self) -> dict[int, list[str]]:
        """The most central accounts (at most five, by PageRank) of every community the summary lists."""
        ids = self.net.ids
        return {c: [ids[i] for i in members] for c, members in self._top_members(self.ranking()).items()}

    def _top_members(self, order: np.ndarray) -> dict[int, list[int]]:
        wanted = set(self.reach.considered)
        tops: dict[int, list[int]] = {c: [] for c in wanted}
        full = 0
        for i in order.tolist():
            c = int(self.community[i])
            if c in wanted and len(tops[c]) < TOP_ACCOUNTS:
                tops[c].append(i)
                full += len(tops[c]) == TOP_ACCOUNTS
                if full == len(wanted):
                    break
        return tops

    def _hashtag_terms(self) -> dict[int, list[str]]:
        """Each community's most used hashtags (``#tag``), most used first, ties by tag."""
        tags = self.net.hashtags
        if tags.num_rows == 0:
            return {}
        comm = pa.array(self.community[tags.column("node").to_numpy()], pa.int64())
        t = pa.table({"c": comm, "tag": tags.column("tag"), "n": tags.column("n")})
        t = t.filter(pc.is_in(t.column("c"), pa.array(self.reach.considered, pa.int64())))
        g = t.group_by(["c", "tag"]).aggregate([("n", "sum")]).sort_by([("c", "ascending"), ("n_sum", "descending"), ("tag", "ascending")])
        out: dict[int, list[str]] = {}
        for c, tag in zip(g.column("c").to_pylist(), g.column("tag").to_pylist()):
            lst = out.setdefault(c, [])
            if len(lst) < TOP_TERMS:
                lst.append("#" + tag)
        return out

    def reach_summary(self, label: Label | None = None) -> dict:
        """Reached/unreached community ids and bridge accounts, JSON-ready."""
        show = shown(label)
        return {
            "reach_threshold": self.reach.threshold,
            "reached_communities": self.reach.reached,
            "unreached_communities": self.reach.unreached,
            "government_only_communities": self.reach.government_only,
            "bridges": [{**{k: v for k, v in b.items() if k != "node"}, "account": show(b["account"])}
                        for b in self.reach.bridges],
        }

    # -- files -------------------------------------------------------------------------

    def write_nodes_csv(self, path, label: Label | None = None) -> None:
        from .export import write_nodes_csv
        write_nodes_csv(self, path, label)

    def write_edges_csv(self, path, label: Label | None = None) -> None:
        from .export import write_edges_csv
        write_edges_csv(self, path, label)

    def write_gexf(self, path, label: Label | None = None) -> None:
        from .export import write_gexf
        write_gexf(self, path, label)

    def write_graphml(self, path, label: Label | None = None) -> None:
        from .export import write_graphml
        write_graphml(self, path, label)

    def draw_svg(self, label: Label | None = None, max_nodes: int = 1500, words: dict | None = None, **options):
        """A picture of the network for print (:func:`civicnet.networks.draw.draw`).

        ``label`` gives each account's name as shown; ``words`` the picture's own text in
        the reader's language; ``options``: ``width_mm``, ``height_mm``, ``layout``
        (``group-in-a-box`` or ``force``), ``group_names``, ``names``.
        Returns a :class:`~civicnet.networks.draw.NetworkPicture`.
        """
        from .draw import draw
        return draw(self, label, max_nodes, words, **options)


def analyse_network(net: Network, method: str = "leiden", seed: int = 42, reach_threshold: float = 0.10, *,
                    min_size: int = 3, max_communities: int = 50, progress: Progress = silent) -> NetworkResult:
    """Metrics, communities and reach of a built network.

    Parameters
    ----------
    net
        from :func:`~civicnet.networks.build_network`.
    method
        ``leiden`` (default), ``louvain`` or ``clauset-newman-moore``.
    seed
        seeds community detection and the betweenness sample, so runs repeat.
    reach_threshold
        contact share from which a community counts as reached (the case's).
    min_size, max_communities
        which communities the summary and reach lists consider (see :mod:`.reach`).
    """
    return start_analysis(net, method, seed, reach_threshold, min_size=min_size, max_communities=max_communities,
                          progress=progress).finish()


def start_analysis(net: Network, method: str = "leiden", seed: int = 42, reach_threshold: float = 0.10, *,
                   min_size: int = 3, max_communities: int = 50, progress: Progress = silent) -> "PendingAnalysis":
    """The first half of :func:`analyse_network`: communities detected in a worker process (on a
    large network: :func:`~civicnet.networks.communities.start_detect`) while the node metrics are
    computed here. The caller may do other work before :meth:`PendingAnalysis.finish`, which waits
    for the communities; the result is the one :func:`analyse_network` gives."""
    progress(f"{net.kind} network: graph", 0, 4)
    detection = C.start_detect(net, method, seed)  # on large networks, alongside graph and metrics
    g = to_igraph(net)
    ug = undirected_of(net.n_nodes, net.src, net.dst, net.weight, net.directed) if net.directed else g
    progress(f"{net.kind} network: metrics", 1, 4)
    metrics = node_metrics(net, g, ug, seed=seed)
    stats = network_stats(net, g)  # the directed graph is not kept beyond this: NetworkResult.graph builds it again
    return PendingAnalysis(net, stats, ug, metrics, detection, method, seed, reach_threshold, min_size,
                           max_communities, progress)


@dataclass
class PendingAnalysis:
    """A network whose node metrics are known and whose communities are being detected
    (:func:`start_analysis`); :meth:`finish` gives its :class:`NetworkResult`."""

    net: Network
    stats: dict
    undirected_graph: ig.Graph
    metrics: NodeMetrics
    detection: C.Detection
    method: str
    seed: int
    reach_threshold: float
    min_size: int
    max_communities: int
    progress: Progress = silent
    _result: NetworkResult | None = None

    def cancel(self) -> None:
        """Stop detecting the communities (a worker process is killed); :meth:`finish` then detects in-process."""
        self.detection.cancel()

    def finish(self) -> NetworkResult:
        """The communities (waiting for the worker, if any), reach and the :class:`NetworkResult`; once."""
        if self._result is not None:
            return self._result
        net, ug, steps = self.net, self.undirected_graph, 4
        self.progress(f"{net.kind} network: communities", 2, steps)
        community = C.renumber(self.detection.result(ug), net.ids)
        self.progress(f"{net.kind} network: reach", 3, steps)
        reach = compute_reach(net, community, self.metrics.betweenness, threshold=self.reach_threshold,
                              min_size=self.min_size, max_communities=self.max_communities)
        self.progress(f"{net.kind} network: done", steps, steps)
        self._result = NetworkResult(
            net=net, undirected_graph=ug, metrics=self.metrics, community=community,
            modularity=C.modularity(ug, community), method=self.method, stats=self.stats,
            reach=reach, seed=self.seed,
        )
        return self._result
