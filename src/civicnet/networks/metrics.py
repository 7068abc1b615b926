"""Node and network metrics, exactly as igraph computes them with CONTRACT.md's options.

Per node
    ``in_degree``/``out_degree``: distinct neighbours, unweighted (igraph
    ``indegree()``/``outdegree()`` on the graph with one edge per pair; on an
    undirected network both equal the degree, as igraph gives them); ``degree``: their
    sum for directed networks, distinct neighbours for undirected ones.
    ``betweenness``: ``betweenness(directed=True, weights=None)``, exact when nodes ×
    edges is at most :data:`EXACT_BETWEENNESS_WORK` (CONTRACT.md: 2·10^8, a few seconds;
    one breadth-first search per node, each over every edge); above, the Brandes–Pich (2007) estimate:
    shortest-path dependencies summed from ``k`` sources drawn uniformly at random
    without replacement (seeded) and scaled by ``n / k`` — an unbiased estimate of
    the exact value (igraph ``betweenness(sources=…)``; networkx's
    ``betweenness_centrality(k=…, normalized=False)`` does the same). ``k`` is 256,
    lowered (to no fewer than 32) when 256 × (nodes + edges) exceeds 60 million, so the
    estimate takes seconds on a million-tweet network; ``betweenness_method`` names k.
    ``pagerank``: ``pagerank(directed=True, weights="weight", damping=0.85)``, on one OpenMP
    thread so that its last digits repeat from run to run.
    ``eigenvector``: ``eigenvector_centrality(weights="weight")``, seeded (scaled to a
    maximum of 1) on the undirected, weight-collapsed network (directed eigenvector
    centrality is zero for every account outside a strongly connected core, which
    most mention networks lack). On a disconnected network the values concentrate
    on the component with the largest eigenvalue; accounts elsewhere get about 0.
    ``clustering``: ``transitivity_local_undirected(mode="zero")`` on the undirected
    network, unweighted; accounts with fewer than two neighbours get 0 (as networkx).

Per network
    ``density`` (``density(loops=False)``), ``reciprocity`` (directed only:
    ``reciprocity(ignore_loops=True)``, share of ties returned), weakly connected
    ``components`` and the size of the largest; ``modularity`` comes with the
    communities (:mod:`.communities`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import igraph as ig
import numpy as np
from threadpoolctl import threadpool_limits

from .build import Network
from .communities import seeded

#: Exact betweenness up to this many nodes × edges (CONTRACT.md); above, the sampled estimate.
EXACT_BETWEENNESS_WORK = 200_000_000
#: Most sources sampled, and the work budget (sources × (nodes + edges)) that lowers it
#: on very large networks so the estimate stays within seconds (at least MIN sources).
BETWEENNESS_SOURCES = 256
BETWEENNESS_MIN_SOURCES = 32
BETWEENNESS_WORK = 60_000_000
#: Accounts compared by the split-half check of a sampled estimate (``betweenness_method``).
SPLIT_HALF_TOP = 10


def to_igraph(net: Network) -> ig.Graph:
    """The network as an igraph graph with a ``weight`` edge attribute (edges in the network's order)."""
    return edge_graph(net.n_nodes, net.src, net.dst, net.weight, net.directed)


def edge_graph(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, directed: bool) -> ig.Graph:
    """A graph of ``n`` nodes with these edges, in this order, and a ``weight`` edge attribute."""
    g = ig.Graph(n=n, edges=_pairs(src, dst), directed=directed)
    g.es["weight"] = weight.tolist()
    return g


#: Edges handed to igraph per slice of the arrays (:func:`_pairs`).
_PAIR_SLICE = 65_536


def _pairs(src: np.ndarray, dst: np.ndarray):
    """The edges as ``(src, dst)`` pairs of Python ints, a slice of the arrays at a time.

    igraph reads an edge list item by item: from a 2-column numpy array each item is a row of
    numpy scalars, three times slower than plain ints and ~150 MB more at 1.3M edges; the
    slices keep the ints of only 65,536 edges alive at once (benchmarks/RESULTS.md).
    """
    for start in range(0, len(src), _PAIR_SLICE):
        yield from zip(src[start:start + _PAIR_SLICE].tolist(), dst[start:start + _PAIR_SLICE].tolist())


def undirected(g: ig.Graph) -> ig.Graph:
    """The undirected, weight-collapsed network: a tie both ways becomes one edge of summed weight."""
    if not g.is_directed():
        return g
    return g.as_undirected(mode="collapse", combine_edges={"weight": "sum"})


def undirected_of(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, directed: bool) -> ig.Graph:
    """:func:`undirected` of ``edge_graph(n, src, dst, weight, directed)``, built from the arrays without
    the directed graph (the communities' worker: ~180 MB less at 1M tweets). The same graph edge for
    edge: igraph's collapse gives each pair once as (lower, higher) node, ordered by the higher node,
    then the lower, with the pair's weights summed (tests/networks/test_metrics.py)."""
    if not directed:
        return edge_graph(n, src, dst, weight, False)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    key = hi.astype(np.int64) * max(n, 1) + lo
    order = np.argsort(key, kind="stable")
    pairs, first = np.unique(key[order], return_index=True)
    summed = np.add.reduceat(weight[order], first) if len(first) else weight[:0]
    return edge_graph(n, pairs % max(n, 1), pairs // max(n, 1), summed, False)


@dataclass
class NodeMetrics:
    degree: np.ndarray
    in_degree: np.ndarray
    out_degree: np.ndarray
    betweenness: np.ndarray
    pagerank: np.ndarray
    eigenvector: np.ndarray
    clustering: np.ndarray
    betweenness_method: str


def sample_size(g: ig.Graph) -> int:
    """Sources to sample: 256, fewer when 256 breadth-first searches would exceed the work budget."""
    budget = BETWEENNESS_WORK // max(1, g.vcount() + g.ecount())
    return int(min(BETWEENNESS_SOURCES, max(BETWEENNESS_MIN_SOURCES, budget)))


def node_metrics(net: Network, g: ig.Graph, ug: ig.Graph, *, seed: int = 42,
                 exact_work: int = EXACT_BETWEENNESS_WORK, sources: int | None = None) -> NodeMetrics:
    """Every per-node metric of the CONTRACT."""
    n = net.n_nodes
    ind = np.asarray(g.indegree(), dtype=np.int64)
    outd = np.asarray(g.outdegree(), dtype=np.int64)
    degree = ind + outd if net.directed else np.asarray(g.degree(), dtype=np.int64)
    between, method = betweenness(g, seed=seed, exact_work=exact_work, sources=sources)
    if n:
        # PRPACK sums on igraph's OpenMP threads for undirected networks, in an order that varies:
        # on one thread its digits are the same on every run (tests/networks/test_metrics.py)
        with threadpool_limits(limits=1, user_api="openmp"):
            pagerank = np.asarray(g.pagerank(directed=True, weights="weight", damping=0.85))
        # ARPACK starts from igraph's random numbers: seeded, a graph gives the same digits on every run
        with warnings.catch_warnings(), seeded(seed):  # igraph warns on disconnected graphs; the docstring says why
            warnings.simplefilter("ignore", RuntimeWarning)
            eigen = np.asarray(ug.eigenvector_centrality(weights="weight"))
        clustering = np.asarray(ug.transitivity_local_undirected(mode="zero"))
    else:
        pagerank = eigen = clustering = np.zeros(0)
    return NodeMetrics(degree, ind, outd, between, pagerank, eigen, clustering, method)


def betweenness(g: ig.Graph, *, seed: int = 42, exact_work: int = EXACT_BETWEENNESS_WORK,
                sources: int | None = None) -> tuple[np.ndarray, str]:
    """Betweenness (directed, unweighted): exact when nodes × edges is at most ``exact_work``, else sampled.

    ``sources`` (default :func:`sample_size`) is the number of sampled sources.
    Returns the values and the method as written to ``betweenness_method``.
    """
    n = g.vcount()
    sources = sample_size(g) if sources is None else sources
    if sources < 1:
        raise ValueError(f"betweenness needs at least one sampled source, not {sources}")
    if n * g.ecount() <= exact_work or sources >= n:
        return np.asarray(g.betweenness(directed=True, weights=None), dtype=float), "exact"
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(n, size=sources, replace=False))
    halves = [g.betweenness(directed=True, weights=None, sources=half.tolist()) if len(half) else np.zeros(n)
              for half in (chosen[0::2], chosen[1::2])]
    first, second = (np.asarray(h, dtype=float) for h in halves)
    estimate = (first + second) * (n / sources)
    error = (split_half_error(estimate, first * (n / len(chosen[0::2])), second * (n / len(chosen[1::2])))
             if sources >= 2 else "measured error: not measured (one sampled source: no second half to compare)")
    method = (
        f"estimate: Brandes-Pich sampled sources, {sources} of {n} nodes drawn uniformly "
        f"without replacement (seed {seed}), dependencies scaled by n/k = {n / sources:.1f}; " + error
    )
    return estimate, method


def split_half_error(estimate: np.ndarray, first: np.ndarray, second: np.ndarray, top: int = SPLIT_HALF_TOP) -> str:
    """The estimate's measured error, from its own sample: each half of the sources gives an estimate.

    ``first`` and ``second`` are the estimates from the even- and odd-numbered sampled sources
    (each scaled by n over its own count). Says how many of their ``top`` accounts the two
    share, and by what median share of the larger their values differ for the full
    ``estimate``'s ``top`` accounts (the full estimate's own error is about half that
    difference divided by √2).
    """
    top = min(top, len(first))
    if top == 0:
        return "measured error: no accounts"
    shared = len(set(_top(first, top)) & set(_top(second, top)))
    lead = _top(estimate, top)
    larger = np.maximum(np.abs(first[lead]), np.abs(second[lead]))
    spread = np.abs(first[lead] - second[lead]) / np.where(larger > 0, larger, 1.0)
    return (f"measured error: the two halves of the sample share {shared} of their top {top} accounts, "
            f"and their values for the top {top} differ by {np.median(spread):.0%} (median)")


def _top(values: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` largest values, ties broken by index (stable)."""
    return np.argsort(-values, kind="stable")[:k].tolist()


def network_stats(net: Network, g: ig.Graph) -> dict:
    """Density, reciprocity and components of the network."""
    n = net.n_nodes
    comps = g.connected_components(mode="weak") if n else None
    sizes = comps.sizes() if comps is not None else []
    return {
        "density": g.density(loops=False) if n > 1 else None,
        "reciprocity": g.reciprocity(ignore_loops=True) if net.directed and g.ecount() else None,
        "components": len(sizes),
        "largest_component": max(sizes) if sizes else 0,
    }
