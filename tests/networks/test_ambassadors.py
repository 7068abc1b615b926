"""Ambassadors: the figures on a network counted by hand, what is left out, and planted cases."""

from __future__ import annotations

import numpy as np
import pytest

from civicnet.networks import analyse_network, network_from_edges
from civicnet.networks.ambassadors import broadcasters, find_ambassadors
from civicnet.networks.reach import compute_reach
from civicnet.simulate.planted_bridges import planted_case

# Two groups by hand: R (reached: "gov" mentions r1..r3) and U (u1..u6, nobody in contact).
IDS = ["gov", "r1", "r2", "r3", "u1", "u2", "u3", "u4", "u5", "u6", "local", "once", "inner", "bot"]
COMMUNITY = {"gov": 1, "r1": 1, "r2": 1, "r3": 1, "local": 1, "bot": 1,
             "u1": 2, "u2": 2, "u3": 2, "u4": 2, "u5": 2, "u6": 2, "once": 2, "inner": 2}


def _hand_network(extra=()):
    edges = [("gov", "r1", "mention", 1), ("gov", "r2", "mention", 1), ("gov", "r3", "mention", 1),
             # local (a member of R): government reposts it; r1, r2 reply to it; u1..u4 repost it, u5 mentions it twice
             ("gov", "local", "repost", 2), ("r1", "local", "reply", 1), ("r2", "local", "reply", 1),
             ("u1", "local", "repost", 1), ("u2", "local", "repost", 3), ("u3", "local", "repost", 1),
             ("u4", "local", "repost", 1), ("u5", "local", "mention", 2),
             # u6 mentions local once: a single mention does not count
             ("u6", "local", "mention", 1),
             # once: tied to every member of U and to r1..r3 by single mentions only
             *[("once", u, "mention", 1) for u in ("u1", "u2", "u3", "u4", "u5", "u6")],
             *[("once", r, "mention", 1) for r in ("r1", "r2", "r3")],
             # inner: central in U only (every member replies to it), one tie to R
             *[(u, "inner", "reply", 2) for u in ("u1", "u2", "u3", "u4", "u5", "u6")],
             ("inner", "r1", "reply", 1),
             *extra]
    index = {x: i for i, x in enumerate(IDS)}
    src, dst, kinds, weight = zip(*[(index[a], index[b], k, w) for a, b, k, w in edges])
    net = network_from_edges(IDS, src, dst, weight, kinds=kinds, is_government=[x == "gov" for x in IDS])
    net.contact[[index["r1"], index["r2"], index["r3"], index["local"]]] = True
    community = np.array([COMMUNITY[x] for x in IDS])
    return net, community, compute_reach(net, community, np.zeros(len(IDS)))


def test_figures_counted_by_hand():
    net, community, reach = _hand_network()
    assert reach.reached == [1] and reach.unreached == [2]
    found = find_ambassadors(net, community, reach)[2]
    assert [IDS[a.node] for a in found] == ["local"]
    a = found[0]
    # members of U tied to local: u1, u2, u3, u4 (reposts) and u5 (two mentions); not u6 (one mention)
    assert a.members_tied == 5 and a.listeners == 5
    # reached side: gov, and the members of R r1, r2 who replied to it
    assert a.ties_to_reached == 3 and a.government_tied == 1
    assert a.score == pytest.approx(2 * 5 * 3 / (5 + 3) * (1 + 5 / 5) / 2)
    assert a.member_kinds == {"in": {"mention": 1, "repost": 4}}
    assert a.government == [(0, "in", ["repost"], 2)]
    assert a.reached_groups == {1: 2}
    assert a.home == 1 and a.group == 2


def test_single_mentions_and_one_group_only_are_left_out():
    """``once`` is tied to everyone by single mentions; ``inner`` is central in U with one tie out."""
    net, community, reach = _hand_network()
    names = {IDS[a.node] for a in find_ambassadors(net, community, reach)[2]}
    assert "once" not in names and "inner" not in names


def test_standing_counts_members_who_address_the_account():
    """Two more accounts of R tie ``inner`` to the reached side; it then qualifies, and members who
    reply to it make its standing full."""
    net, community, reach = _hand_network(extra=[("r2", "inner", "reply", 1), ("r3", "inner", "repost", 1)])
    found = {IDS[a.node]: a for a in find_ambassadors(net, community, reach)[2]}
    inner = found["inner"]
    assert (inner.members_tied, inner.ties_to_reached, inner.listeners) == (6, 3, 6)
    assert inner.score == pytest.approx(2 * 6 * 3 / 9)
    assert list(found) == ["inner", "local"]  # 4.0 against 3.75


def test_government_and_excluded_accounts_are_left_out():
    net, community, reach = _hand_network()
    excluded = np.array([x == "local" for x in IDS])
    assert find_ambassadors(net, community, reach, excluded=excluded)[2] == []
    assert all(not net.is_government[a.node] for lst in find_ambassadors(net, community, reach).values() for a in lst)


def test_a_broadcaster_is_spam():
    """``bot`` replies once to 30 accounts, none answers: spam. Three answers back (10 %) still are."""
    n = 40
    ids = ["bot"] + [f"a{i}" for i in range(n)]
    src = [0] * 30 + [1, 2, 3]
    dst = list(range(1, 31)) + [0, 0, 0]
    net = network_from_edges(ids, src, dst, kinds=["reply"] * 33)
    assert broadcasters(net)[0]
    net = network_from_edges(ids, src + [4], dst + [0], kinds=["reply"] * 34)
    assert not broadcasters(net)[0]  # four of thirty answered: more than 10 %
    assert not broadcasters(network_from_edges(ids, src, dst, directed=False, kinds=["co-comment"] * 33))[0]


@pytest.mark.parametrize("seed,size", [(0, 60), (1, 150), (2, 400), (3, 100)])
def test_planted_bridges_rank_in_the_top_five_and_no_decoy_does(seed, size):
    p = planted_case(seed=seed, reached=2, unreached=3, size=size)
    res = analyse_network(p.net)
    found = find_ambassadors(p.net, res.community, res.reach)
    index = {x: i for i, x in enumerate(p.net.ids)}
    for group, bridges in p.bridges.items():
        comm = int(np.bincount(res.community[[index[m] for m in p.groups[group]]]).argmax())
        assert comm in res.reach.unreached
        top = [p.net.ids[a.node] for a in found[comm]]
        assert len(top) <= 5
        assert set(bridges) <= set(top), (group, bridges, top)
        assert not set(top) & set(p.decoys), (group, top)


def test_summary_shows_candidates_through_the_labeller():
    """Under a labeller that hides citizens (as --pseudonymise does) the candidates' accounts and names
    are the pseudonyms, the reason names government (kept) and no citizen's identifier appears."""
    p = planted_case(seed=1, reached=1, unreached=2, size=60)
    names = [f"Name of {x}" for x in p.net.ids]
    p.net.names[:] = names
    res = analyse_network(p.net)
    label = lambda i: i if i is None or i.startswith("gov") else f"anon-{abs(hash(i)) % 10**6}"  # noqa: E731
    summary = res.summary(label=label, lang="nl")
    citizens = [x for x in p.net.ids if not x.startswith("gov")]
    unreached = [c for c in summary["communities"] if not c["reached_by_government"]]
    assert unreached and all(c["ambassadors"] for c in unreached)
    for c in unreached:
        for a in c["ambassadors"]:
            assert a["account"].startswith("anon-") and a["name"] == a["account"]
            assert a["reason"] == a["reasons"]["nl"]
            text = " ".join([a["reason"], a["reasons"]["en"]])
            assert not any(f" {x} " in f" {text} " or f"Name of {x}" in text for x in citizens)
    reached = [c for c in summary["communities"] if c["reached_by_government"]]
    assert all(c["ambassadors"] == [] for c in reached)


@pytest.mark.parametrize("seed", range(4))
def test_membership_by_binary_search_is_isin(seed):
    """``_member`` (the values searched in sorted order, then put back in theirs) answers as ``np.isin``,
    with repeated values, values below and above the set, and an empty set."""
    from civicnet.networks.ambassadors import _member

    rng = np.random.default_rng(seed)
    values = rng.integers(-5, 200, size=int(rng.integers(0, 500)))
    wanted = np.unique(rng.integers(0, 150, size=int(rng.integers(0, 80))))
    assert np.array_equal(_member(values, wanted), np.isin(values, wanted))
