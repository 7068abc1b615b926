"""Metrics equal igraph/networkx references on small graphs with known answers."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from civicnet.networks import analyse_network, network_from_edges
from civicnet.networks.metrics import betweenness, to_igraph


def _from_nx(G: nx.Graph, directed: bool):
    ids = [f"a{n:03d}" for n in G.nodes]
    index = {n: i for i, n in enumerate(G.nodes)}
    src = [index[u] for u, v in G.edges]
    dst = [index[v] for u, v in G.edges]
    weight = [G[u][v].get("weight", 1) for u, v in G.edges]
    return network_from_edges(ids, src, dst, weight, directed=directed), index


def _directed_graph(seed=7, n=40, p=0.08):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    for u, v in G.edges:
        G[u][v]["weight"] = rng.randint(1, 4)
    return G


def test_directed_metrics_equal_networkx():
    G = _directed_graph()
    net, index = _from_nx(G, directed=True)
    res = analyse_network(net)
    m = res.metrics
    order = list(G.nodes)
    assert m.in_degree.tolist() == [G.in_degree(n) for n in order]
    assert m.out_degree.tolist() == [G.out_degree(n) for n in order]
    assert m.degree.tolist() == [G.in_degree(n) + G.out_degree(n) for n in order]
    bc = nx.betweenness_centrality(G, normalized=False, weight=None)
    assert np.allclose(m.betweenness, [bc[n] for n in order])
    pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12)
    assert np.allclose(m.pagerank, [pr[n] for n in order], atol=1e-8)
    assert res.stats["density"] == pytest.approx(nx.density(G))
    assert res.stats["reciprocity"] == pytest.approx(nx.reciprocity(G))
    assert res.stats["components"] == nx.number_weakly_connected_components(G)
    assert res.metrics.betweenness_method == "exact"


def test_undirected_metrics_on_karate_club():
    G = nx.karate_club_graph()  # 34 nodes, 78 edges, weighted by interactions
    net, index = _from_nx(G, directed=False)
    res = analyse_network(net)
    m = res.metrics
    order = list(G.nodes)
    assert m.degree.tolist() == [G.degree(n) for n in order]
    assert m.in_degree.tolist() == m.degree.tolist() == m.out_degree.tolist()
    bc = nx.betweenness_centrality(G, normalized=False)
    assert np.allclose(m.betweenness, [bc[n] for n in order])
    # Known answer: node 0 and node 33 have the highest betweenness (231.07 and 160.14).
    assert m.betweenness[index[0]] == pytest.approx(231.0714, abs=1e-3)
    cl = nx.clustering(G)
    assert np.allclose(m.clustering, [cl[n] for n in order])
    ev = nx.eigenvector_centrality_numpy(G, weight="weight")
    top = max(ev.values())
    assert np.allclose(m.eigenvector, [ev[n] / top for n in order], atol=1e-6)
    pr = nx.pagerank(G, weight="weight", tol=1e-12)
    assert np.allclose(m.pagerank, [pr[n] for n in order], atol=1e-8)
    assert res.stats["density"] == pytest.approx(nx.density(G))
    assert res.stats["reciprocity"] is None
    # modularity equals networkx's for the same partition
    groups = [set(order[i] for i in np.flatnonzero(res.community == c)) for c in range(1, res.community.max() + 1)]
    assert res.modularity == pytest.approx(nx.community.modularity(G, groups, weight="weight"))


def test_collapsed_undirected_graph_sums_both_directions():
    net = network_from_edges(["a", "b", "c"], [0, 1, 1], [1, 0, 2], [2, 3, 1])
    res = analyse_network(net)
    ug = res.undirected_graph
    assert sorted((e.tuple, e["weight"]) for e in ug.es) == [((0, 1), 5), ((1, 2), 1)]
    assert res.stats["reciprocity"] == pytest.approx(2 / 3)


def test_sampled_betweenness_estimates_exact():
    G = nx.barabasi_albert_graph(600, 3, seed=3).to_directed()
    net, _ = _from_nx(G, directed=True)
    g = to_igraph(net)
    exact, method = betweenness(g, exact_work=10**12)
    assert method == "exact"
    full, method = betweenness(g, exact_work=100, sources=600)
    assert method == "exact" and np.allclose(full, exact)
    est, method = betweenness(g, exact_work=100, sources=200, seed=1)
    assert method.startswith("estimate: Brandes-Pich") and "200 of 600" in method
    # an unbiased estimate: close in total, and it ranks the same top accounts
    assert est.sum() == pytest.approx(exact.sum(), rel=0.15)
    assert np.corrcoef(est, exact)[0, 1] > 0.95
    assert set(np.argsort(-est)[:5]) & set(np.argsort(-exact)[:5])
    again, _ = betweenness(g, exact_work=100, sources=200, seed=1)
    assert np.array_equal(est, again)


def test_one_sampled_source_is_an_estimate_without_a_split_half_error():
    """``sources=1`` (what benchmarks/networks.py asks, to time the other metrics alone) has no second half
    to measure the error with: it says so instead of dividing by zero."""
    G = nx.barabasi_albert_graph(200, 3, seed=3).to_directed()
    g = to_igraph(_from_nx(G, directed=True)[0])
    est, method = betweenness(g, exact_work=0, sources=1)
    assert method.startswith("estimate: Brandes-Pich sampled sources, 1 of 200")
    assert "measured error: not measured (one sampled source: no second half to compare)" in method
    assert est.shape == (200,) and np.isfinite(est).all()
    two, method = betweenness(g, exact_work=0, sources=2)
    assert "the two halves of the sample share" in method
    with pytest.raises(ValueError, match="at least one sampled source"):
        betweenness(g, exact_work=0, sources=0)


def test_exact_betweenness_is_bounded_by_nodes_times_edges():
    """CONTRACT.md: exact when nodes × edges ≤ 2·10^8, whatever the number of nodes."""
    from civicnet.networks.metrics import EXACT_BETWEENNESS_WORK

    assert EXACT_BETWEENNESS_WORK == 2 * 10**8
    G = nx.barabasi_albert_graph(600, 3, seed=3).to_directed()
    g = to_igraph(_from_nx(G, directed=True)[0])
    work = g.vcount() * g.ecount()  # 600 nodes × 3,582 ties
    assert betweenness(g, exact_work=work)[1] == "exact"
    assert betweenness(g, exact_work=work - 1, sources=100)[1].startswith("estimate: Brandes-Pich sampled sources, 100 of 600")
    # a dense network of few accounts (the co-comment kind) is estimated, a sparse one of many is exact
    import igraph as ig

    dense = ig.Graph.Erdos_Renyi(n=2_000, m=110_000, directed=True)  # 2.2·10^8 > 2·10^8
    assert betweenness(dense, sources=32)[1].startswith("estimate: Brandes-Pich sampled sources, 32 of 2000")
    sparse = ig.Graph.Star(12_000, mode="out")  # 12,000 × 11,999 ≈ 1.4·10^8
    assert betweenness(sparse)[1] == "exact"


def test_parallel_ties_collapse_and_self_loops_drop():
    net = network_from_edges(["x", "y"], [0, 0, 1, 1], [1, 1, 1, 0], kinds=["mention", "repost", "mention", "reply"])
    assert net.n_edges == 2
    assert {(int(s), int(t), int(w), net.edge_kinds(e)) for e, (s, t, w) in
            enumerate(zip(net.src, net.dst, net.weight))} == {(0, 1, 2, "mention;repost"), (1, 0, 1, "reply")}


def test_a_sampled_estimate_states_its_measured_error_from_the_two_halves_of_its_sample():
    # CONTRACT.md: above the exact bound, summary.json's betweenness_method gives the method and its
    # measured error. Reference: networkx's betweenness from each half of the same sampled sources.
    G = nx.barabasi_albert_graph(400, 2, seed=5).to_directed()
    net, order = _from_nx(G, directed=True)
    g = to_igraph(net)
    est, method = betweenness(g, exact_work=100, sources=64, seed=7)
    chosen = np.sort(np.random.default_rng(7).choice(400, size=64, replace=False))
    nodes = list(G.nodes)  # position i in the network is node nodes[i]
    assert [order[v] for v in nodes] == list(range(400))
    halves = []
    for part in (chosen[0::2], chosen[1::2]):
        values = nx.betweenness_centrality_subset(G, [nodes[i] for i in part], nodes, normalized=False)
        halves.append(np.array([values[v] for v in nodes]) * 400 / len(part))
    assert np.allclose(est, (halves[0] * 32 + halves[1] * 32) / 64)
    top = lambda a: set(np.argsort(-a, kind="stable")[:10].tolist())  # noqa: E731
    shared = len(top(halves[0]) & top(halves[1]))
    lead = np.argsort(-est, kind="stable")[:10]
    larger = np.maximum(halves[0][lead], halves[1][lead])
    spread = np.median(np.abs(halves[0][lead] - halves[1][lead]) / larger)
    assert method.endswith(f"measured error: the two halves of the sample share {shared} of their top 10 accounts, "
                           f"and their values for the top 10 differ by {spread:.0%} (median)")


def test_eigenvector_is_the_same_on_every_run():
    """igraph's eigenvector centrality starts ARPACK from random numbers: its last digits differed
    from run to run, so network.gexf did too. Seeded, the same graph gives the same bytes, whatever
    igraph's generator drew before."""
    net, _ = _from_nx(_directed_graph(seed=11, n=120, p=0.05), directed=True)
    runs = []
    for draw in range(4):
        random.seed(draw)  # igraph's default generator is Python's random module
        random.random()
        runs.append(analyse_network(net).metrics.eigenvector.tobytes())
    assert len(set(runs)) == 1


def test_pagerank_is_the_same_on_every_run():
    """igraph's PageRank (PRPACK) sums in parallel (OpenMP) on undirected networks, so its last digits
    differed from run to run (nodes.csv, the picture's drawing order); on one thread they do not."""
    rng = np.random.default_rng(5)
    n, m = 3000, 60_000
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src < dst
    pairs = np.unique(np.column_stack([src[keep], dst[keep]]), axis=0)
    ids = [f"a{i:04d}" for i in range(n)]
    net = network_from_edges(ids, pairs[:, 0].tolist(), pairs[:, 1].tolist(),
                             rng.integers(1, 5, len(pairs)).tolist(), directed=False)
    runs = {analyse_network(net).metrics.pagerank.tobytes() for _ in range(6)}
    assert len(runs) == 1


@pytest.mark.parametrize("seed", range(6))
def test_the_undirected_graph_from_the_arrays_is_igraphs_collapse(seed):
    """The undirected, weight-collapsed graph is built from the network's arrays (no directed graph
    first: the communities' worker holds ~180 MB less at 1M tweets) and is, edge for edge in the same
    order, with the same weights, the graph igraph's ``as_undirected(mode="collapse")`` makes — so Leiden
    sees the same input and finds the same communities."""
    import igraph as ig

    from civicnet.networks.metrics import edge_graph, undirected, undirected_of

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, size=(int(rng.integers(0, 3 * n)), 2)) if a != b}
    pairs |= {(b, a) for a, b in list(pairs)[: len(pairs) // 3]}  # reciprocated ties
    src = np.array([a for a, _ in sorted(pairs)], dtype=np.int64)
    dst = np.array([b for _, b in sorted(pairs)], dtype=np.int64)
    weight = rng.integers(1, 5, size=len(src)).astype(np.int64)
    expected = undirected(edge_graph(n, src, dst, weight, True))
    got = undirected_of(n, src, dst, weight, True)
    assert isinstance(got, ig.Graph) and not got.is_directed() and got.vcount() == expected.vcount()
    assert got.get_edgelist() == expected.get_edgelist()
    assert got.es["weight"] == expected.es["weight"] and all(type(w) is int for w in got.es["weight"])
    undirected_net = undirected_of(n, np.minimum(src, dst), np.maximum(src, dst), weight, False)
    assert undirected_net.get_edgelist() == list(zip(np.minimum(src, dst).tolist(), np.maximum(src, dst).tolist()))


@pytest.mark.parametrize("m", [0, 1, 65_535, 65_536, 150_001])
def test_the_graph_holds_the_arrays_edges_in_their_order(m):
    """:func:`edge_graph` hands igraph the edges a slice at a time (plain ints, not numpy rows):
    every edge arrives once, in the arrays' order, across the slices' borders, with its weight."""
    from civicnet.networks.metrics import edge_graph

    rng = np.random.default_rng(m)
    src, dst = rng.integers(0, 5_000, size=m), rng.integers(0, 5_000, size=m)
    weight = rng.integers(1, 9, size=m)
    for directed in (True, False):
        g = edge_graph(5_000, src, dst, weight, directed)
        assert g.vcount() == 5_000 and g.is_directed() == directed
        ends = np.array(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        assert np.array_equal(ends[:, 0], src) and np.array_equal(ends[:, 1], dst) if directed else \
            np.array_equal(np.sort(ends, axis=1), np.sort(np.column_stack([src, dst]), axis=1))
        assert g.es["weight"] == weight.tolist()
