"""Community detection: planted groups are recovered, runs repeat, ids are stable."""

from __future__ import annotations

import shutil

import igraph as ig
import numpy as np
import pytest

from civicnet.errors import InputError
from civicnet.networks import analyse_network, network_from_edges
from civicnet.networks.communities import detect, renumber, start_detect
from civicnet.networks.metrics import to_igraph, undirected


def planted(groups=4, size=60, p_in=0.25, p_out=0.005, seed=11):
    """A planted-partition graph (stochastic block model) and its true groups."""
    rng = np.random.default_rng(seed)
    n = groups * size
    truth = np.repeat(np.arange(groups), size)
    src, dst = [], []
    for u in range(n):
        for v in range(u + 1, n):
            if rng.random() < (p_in if truth[u] == truth[v] else p_out):
                src.append(u)
                dst.append(v)
    ids = [f"acc{i:04d}" for i in range(n)]
    return ids, np.asarray(src), np.asarray(dst), truth


@pytest.mark.parametrize("method", ["leiden", "louvain", "clauset-newman-moore"])
def test_planted_groups_are_recovered(method):
    ids, src, dst, truth = planted()
    net = network_from_edges(ids, src, dst, directed=True)
    res = analyse_network(net, method=method, seed=42)
    nmi = ig.compare_communities(truth.tolist(), (res.community - 1).tolist(), method="nmi")
    assert nmi >= 0.85, f"{method}: NMI {nmi:.3f}"
    assert res.method == method
    assert res.modularity > 0.6


def test_runs_repeat_with_a_seed():
    ids, src, dst, _ = planted(groups=6, size=40, p_in=0.12, p_out=0.02, seed=5)
    net = network_from_edges(ids, src, dst, directed=False)
    a = analyse_network(net, seed=42).community
    b = analyse_network(net, seed=42).community
    assert np.array_equal(a, b)


def test_community_ids_ordered_by_size_then_smallest_member():
    ids = ["d", "a", "c", "b", "e", "f"]
    membership = [5, 7, 5, 2, 2, 9]  # sizes: 5→2 (c,d), 2→2 (b,e), 7→1 (a), 9→1 (f)
    assert renumber(membership, ids).tolist() == [2, 3, 2, 1, 1, 4]


def test_isolated_accounts_get_their_own_ids():
    net = network_from_edges(["a", "b", "c", "lonely", "zed"], [0, 1], [1, 2])
    res = analyse_network(net)
    comm = dict(zip(net.ids, res.community.tolist()))
    assert comm["a"] == comm["b"] == comm["c"] == 1
    assert {comm["lonely"], comm["zed"]} == {2, 3} and comm["lonely"] == 2


@pytest.mark.parametrize("method", ["leiden", "louvain"])
@pytest.mark.parametrize("directed", [True, False])
def test_worker_process_detects_what_detect_does(method, directed):
    ids, src, dst, _ = planted(groups=5, size=40, p_in=0.15, p_out=0.02, seed=3)
    net = network_from_edges(ids, src, dst, directed=directed)
    ug = undirected(to_igraph(net))
    pending = start_detect(net, method, seed=7, min_edges=0)
    assert pending.worker is not None
    assert pending.result(ug) == detect(ug, method, seed=7)


@pytest.mark.parametrize("executable", ["/nonexistent/python", shutil.which("false")])
def test_detection_falls_back_in_process_when_the_worker_fails(monkeypatch, executable):
    ids, src, dst, _ = planted(groups=3, size=30, seed=4)
    net = network_from_edges(ids, src, dst, directed=True)
    ug = undirected(to_igraph(net))
    monkeypatch.setattr("civicnet.subprocesses.sys.executable", executable)
    assert start_detect(net, "leiden", seed=1, min_edges=0).result(ug) == detect(ug, "leiden", seed=1)


def test_small_networks_detect_in_process():
    ids, src, dst, _ = planted(groups=3, size=30, seed=4)
    net = network_from_edges(ids, src, dst, directed=True)
    assert start_detect(net, "leiden", seed=1).worker is None
    with pytest.raises(InputError):
        start_detect(net, "walktrap")


def test_the_ranking_is_sorted_once_and_read_only():
    """``NetworkResult.ranking()``: PageRank first, then in-degree, then node order; the summary, the sheet
    and the picture each ask for it, so it is sorted once, and no caller can change it for the next."""
    net = network_from_edges(["a", "b", "c", "d"], [0, 1, 2, 3, 3], [1, 2, 0, 0, 1])
    res = analyse_network(net)
    rank = res.ranking()
    m = res.metrics
    assert rank.tolist() == np.lexsort((np.arange(4), -m.in_degree, -m.pagerank)).tolist()
    assert res.ranking() is rank and not rank.flags.writeable
