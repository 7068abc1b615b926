"""A network's part on one platform: its accounts, the ties among them, their groups and figures."""

import numpy as np

from civicnet.analysis.platforms import platform_part
from civicnet.networks import network_from_edges
from civicnet.networks.result import analyse_network


def _net():
    # two platforms, no tie between them: a triangle on "x" (a, b, c) and a pair on "y" (d, e)
    net = network_from_edges(["a", "b", "c", "d", "e"], [0, 1, 2, 3], [1, 2, 0, 4], directed=False,
                             is_government=[True, False, False, False, False])
    net.platforms = ["x", "x", "x", "y", "y"]
    return net


def test_the_part_keeps_its_accounts_ties_and_groups():
    whole = analyse_network(_net())
    part = platform_part(whole, "x")
    assert part.net.ids == ["a", "b", "c"] and part.net.n_edges == 3
    assert part.net.is_government.tolist() == [True, False, False]
    assert part.community.tolist() == whole.community[:3].tolist()
    # degrees and betweenness as in the whole network (a triangle: degree 2, betweenness 0)
    assert part.metrics.degree.tolist() == [2, 2, 2] and part.metrics.betweenness.tolist() == [0, 0, 0]
    # one group holding every tie: modularity 0 by hand (sum over groups of e_c/m - (d_c/2m)^2 = 1 - 1)
    assert np.isclose(part.modularity, 0.0)
    other = platform_part(whole, "y")
    assert other.net.ids == ["d", "e"] and other.net.src.tolist() == [0] and other.net.dst.tolist() == [1]


def test_no_part_on_an_absent_platform_or_without_platforms():
    whole = analyse_network(_net())
    assert platform_part(whole, "z") is None
    bare = analyse_network(network_from_edges(["a", "b"], [0], [1]))
    assert platform_part(bare, "x") is None
