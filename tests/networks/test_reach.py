"""Reach on a planted case: government reaches one of three groups; bridges lead to the others."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from civicnet.networks import analyse_network
from civicnet.networks.reach import _best

from .conftest import Account, Interaction, Message, at, build

T = "twitter"


def _planted(direct_case):
    groups = {g: [f"{g}{i}" for i in range(10)] for g in ("loc", "nat", "pop")}
    handles = ["politie"] + [h for members in groups.values() for h in members]
    accounts = [Account(T, f"id-{h}", handle=h) for h in handles]
    msgs, ties = [], []
    n = itertools.count(1)

    def tweet(author, text, mentions=(), kind="post", parent=None, target=None, tie_kind=None):
        mid = str(next(n))
        msgs.append(Message(T, mid, f"id-{author}", at(int(mid)), text, kind=kind, parent=parent))
        for m in mentions:
            ties.append(Interaction(T, "mention", f"id-{author}", f"id-{m}", None, None, at(int(mid)), mid))
        if tie_kind:
            ties.append(Interaction(T, tie_kind, f"id-{author}", f"id-{target}", None, parent, at(int(mid)), mid))
        return mid

    for members in groups.values():  # dense inside each group
        for a, b in itertools.combinations(members, 2):
            tweet(a, f"@{b} #{members[0][:3]}", [b])
    gov_tweet = tweet("politie", "Let op: wegafsluiting #loc", ["loc0", "loc1", "loc2"])
    for who in groups["loc"][3:8]:  # locals repost the police
        tweet(who, "RT @politie: Let op", ["politie"], kind="repost", parent=gov_tweet, target="politie", tie_kind="repost")
    tweet("pop4", "@politie waarom?", ["politie"])  # the popular group addresses government once
    tweet("loc9", "@nat0 kijk hier", ["nat0"])       # a local account tied into the national group
    tweet("loc9", "@politie dank", ["politie"])
    return direct_case("planted", accounts, msgs, ties, government=["politie"]), groups


def test_government_reaches_one_of_three_groups(direct_case):
    (case, store), groups = _planted(direct_case)
    res = analyse_network(build(store, case, "mention"), reach_threshold=case.reach_threshold)
    comm = dict(zip(res.net.ids, res.community.tolist()))
    loc, nat, pop = comm["loc0"], comm["nat0"], comm["pop0"]
    assert len({loc, nat, pop}) == 3
    for g, c in (("loc", loc), ("nat", nat), ("pop", pop)):
        assert {comm[h] for h in groups[g]} == {c}
    assert comm["politie"] == loc
    r = res.reach
    assert r.reached == [loc]
    assert sorted(r.unreached) == sorted([nat, pop])
    by_id = {c["id"]: c for c in res.summary()["communities"]}
    # loc: 3 mentioned by the police + 5 spread its tweet; only loc9 addressed it (reposts and the
    # "RT @politie" mentions they carry do not count as addressing)
    assert by_id[loc]["government_contact_share"] == pytest.approx(8 / 10)
    assert by_id[loc]["government_audience_share"] == pytest.approx(9 / 10)  # and loc9, who addressed it
    assert by_id[loc]["government_inbound_share"] == pytest.approx(1 / 10)
    assert by_id[loc]["government_accounts"] == ["politie"]
    assert by_id[pop]["government_contact_share"] == 0.0
    assert by_id[pop]["government_inbound_share"] == pytest.approx(1 / 10)
    assert by_id[nat]["reached_by_government"] is False and by_id[loc]["reached_by_government"] is True


def test_bridges_lead_to_unreached_groups(direct_case):
    (case, store), groups = _planted(direct_case)
    res = analyse_network(build(store, case, "mention"))
    comm = dict(zip(res.net.ids, res.community.tolist()))
    bridges = res.reach_summary()["bridges"]
    assert bridges, "a bridge was planted"
    first = bridges[0]
    assert first["account"] in ("loc9", "pop4")
    names = {b["account"] for b in bridges}
    assert "loc9" in names and "pop4" in names
    loc9 = next(b for b in bridges if b["account"] == "loc9")
    assert loc9["unreached_communities"] == [comm["nat0"]]
    assert "addressed_government" in loc9["government_contact"]
    assert not any(b["account"] == "politie" for b in bridges)
    # pseudonymised output never shows the real handle
    pseudo = res.reach_summary(label=lambda h: "acc-" + str(len(h)))["bridges"]
    assert all(b["account"].startswith("acc-") for b in pseudo)


def test_government_only_community_has_no_shares(direct_case):
    accounts = [Account(T, h, handle=h) for h in ("gemeente", "wethouder", "ann", "bob", "cas")]
    msgs = [Message(T, "1", "gemeente", at(1), "@wethouder overleg"), Message(T, "2", "ann", at(2), "@bob hoi"),
            Message(T, "3", "bob", at(3), "@cas hoi"), Message(T, "4", "cas", at(4), "@ann hoi")]
    ties = [Interaction(T, "mention", "gemeente", "wethouder", None, None, at(1), "1"),
            Interaction(T, "mention", "ann", "bob", None, None, at(2), "2"),
            Interaction(T, "mention", "bob", "cas", None, None, at(3), "3"),
            Interaction(T, "mention", "cas", "ann", None, None, at(4), "4")]
    case, store = direct_case("govonly", accounts, msgs, ties, government=["gemeente", "wethouder"])
    res = analyse_network(build(store, case, "mention"), min_size=2)
    comm = dict(zip(res.net.ids, res.community.tolist()))
    gov_comm, citizens = comm["gemeente"], comm["ann"]
    assert res.reach.government_only == [gov_comm]
    assert res.reach.unreached == [citizens] and res.reach.reached == []
    assert res.reach.communities[gov_comm].contact_share is None
    listed = [c["id"] for c in res.summary()["communities"]]
    assert listed == [citizens]


def test_summaries_follow_the_summary_schema(direct_case):
    """Every network summary validates against summary.json's ``network`` definition."""
    jsonschema = pytest.importorskip("jsonschema")
    from civicnet.reports.summary import schema

    full = schema()
    network_schema = {**full["$defs"]["network"], "$defs": full["$defs"]}
    (case, store), _ = _planted(direct_case)
    for kind in ("mention", "co-comment", "follow", "reply", "co-hashtag"):
        for method in ("leiden", "louvain", "clauset-newman-moore"):
            res = analyse_network(build(store, case, kind), method=method)
            jsonschema.validate(res.summary(label=str.upper), network_schema)


def test_best_bridges_rank_by_count_then_betweenness_then_identifier():
    ids = ["e", "d", "c", "b", "a", "f"]
    counts = np.array([2, 3, 3, 3, 1, 3])
    between = np.array([9.0, 1.0, 5.0, 1.0, 7.0, 1.0])
    chosen = np.arange(6)
    assert _best(chosen, counts, between, ids, 6) == [2, 3, 1, 5, 0, 4]
    assert _best(chosen, counts, between, ids, 2) == [2, 3]  # b before d and f: identifier breaks the tie
    assert _best(chosen[:0], counts, between, ids, 2) == []


def test_two_groups_whose_central_accounts_share_a_name_are_told_apart():
    """A person on two platforms is two accounts: on the Ondertussen case the mention network had a
    group "Naima de Bruin" (her Twitter account) and another "Naima de Bruin" (her LinkedIn one),
    side by side in the legend. Groups named alike say their platform; alike on one platform, a number."""
    from civicnet.networks.build import network_from_edges
    from civicnet.networks.result import analyse_network

    def star(centre: int, leaves: range) -> list[tuple[int, int]]:
        return [(leaf, centre) for leaf in leaves]

    edges = star(0, range(1, 7)) + star(7, range(8, 14)) + star(14, range(15, 21))
    ids = [f"a{i}" for i in range(21)]
    names = [None] * 21
    names[0] = names[7] = names[14] = "Naima de Bruin"
    net = network_from_edges(ids, [a for a, _ in edges], [b for _, b in edges], names=names)
    net.platforms = ["twitter"] * 7 + ["linkedin"] * 7 + ["linkedin"] * 7
    groups = analyse_network(net, min_size=3).community_names()
    assert len(groups) == 3
    assert sorted(groups.values()) == ["Naima de Bruin (LinkedIn)", "Naima de Bruin (LinkedIn, 2)",
                                       "Naima de Bruin (Twitter)"]
