"""Node and network metrics, exactly as igraph computes them with CONTRACT.md's options.

Per node
    ``in_degree``/``out_degree``: distinct neighbours, unweighted (igraph
    ``indegree()``/``outdegree()`` on the graph with one edge per pair; on an
    undirected network both equal the degree, as igraph gives them); ``degree``: their
    sum for directed networks, distinct neighbours for undirected ones.
    ``betweenness``: ``betweenness(directed=True, weights=None)``, exact up to
    :data:`EXACT_BETWEENNESS_MAX` nodes; above, the Brandes–Pich (2007) estimate:
    shortest-path dependencies summed from ``k`` sources drawn uniformly at random
    without replacement (seeded) and scaled by ``n / k`` — an unbiased estimate of
    the exact value (igraph ``betweenness(sources=…)``; networkx's
    ``betweenness_centrality(k=…, normalized=False)`` does the same).
    ``pagerank``: ``pagerank(directed=True, weights="weight", damping=0.85)``.
    ``eigenvector``: ``eigenvector_centrality(weights="weight")`` (scaled to a
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

from .build import Network

EXACT_BETWEENNESS_MAX = 10_000
BETWEENNESS_SOURCES = 256


def to_igraph(net: Network) -> ig.Graph:
    """The network as an igraph graph with a ``weight`` edge attribute."""
    edges = np.column_stack([net.src, net.dst]) if net.n_edges else []
    g = ig.Graph(n=net.n_nodes, edges=edges, directed=net.directed)
    g.es["weight"] = net.weight.tolist()
    return g


def undirected(net: Network, g: ig.Graph) -> ig.Graph:
    """The undirected, weight-collapsed network: a tie both ways becomes one edge of summed weight."""
    if not net.directed:
        return g
    lo, hi = np.minimum(net.src, net.dst), np.maximum(net.src, net.dst)
    pair = lo * max(net.n_nodes, 1) + hi
    uniq, inverse = np.unique(pair, return_inverse=True)
    weight = np.bincount(inverse, weights=net.weight).astype(np.int64)
    n = max(net.n_nodes, 1)
    edges = np.column_stack([uniq // n, uniq % n]) if uniq.size else []
    ug = ig.Graph(n=net.n_nodes, edges=edges, directed=False)
    ug.es["weight"] = weight.tolist()
    return ug


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


def node_metrics(net: Network, g: ig.Graph, ug: ig.Graph, *, seed: int = 42,
                 exact_max: int = EXACT_BETWEENNESS_MAX, sources: int = BETWEENNESS_SOURCES) -> NodeMetrics:
    """Every per-node metric of the CONTRACT."""
    n = net.n_nodes
    ind = np.asarray(g.indegree(), dtype=np.int64)
    outd = np.asarray(g.outdegree(), dtype=np.int64)
    degree = ind + outd if net.directed else np.asarray(g.degree(), dtype=np.int64)
    between, method = betweenness(g, seed=seed, exact_max=exact_max, sources=sources)
    if n:
        pagerank = np.asarray(g.pagerank(directed=True, weights="weight", damping=0.85))
        with warnings.catch_warnings():  # igraph warns on disconnected graphs; the docstring says why
            warnings.simplefilter("ignore", RuntimeWarning)
            eigen = np.asarray(ug.eigenvector_centrality(weights="weight"))
        clustering = np.asarray(ug.transitivity_local_undirected(mode="zero"))
    else:
        pagerank = eigen = clustering = np.zeros(0)
    return NodeMetrics(degree, ind, outd, between, pagerank, eigen, clustering, method)


def betweenness(g: ig.Graph, *, seed: int = 42, exact_max: int = EXACT_BETWEENNESS_MAX,
                sources: int = BETWEENNESS_SOURCES) -> tuple[np.ndarray, str]:
    """Betweenness (directed, unweighted): exact up to ``exact_max`` nodes, else sampled.

    Returns the values and the method as written to ``betweenness_method``.
    """
    n = g.vcount()
    if n <= exact_max or sources >= n:
        return np.asarray(g.betweenness(directed=True, weights=None), dtype=float), "exact"
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(n, size=sources, replace=False))
    partial = np.asarray(g.betweenness(directed=True, weights=None, sources=chosen.tolist()), dtype=float)
    method = (
        f"estimate: Brandes-Pich sampled sources, {sources} of {n} nodes drawn uniformly "
        f"without replacement (seed {seed}), dependencies scaled by n/k = {n / sources:.1f}"
    )
    return partial * (n / sources), method


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
