"""The mention network of a hand-checked twarc2 file, ingested through the real importer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from civicnet.case import load_case
from civicnet.networks import analyse_network
from civicnet.store.db import Store
from civicnet.store.ingest import ingest_case

from .conftest import DATA, build, write_case

SHARED_PAGE = Path(__file__).parents[1] / "fixtures" / "twitter_v2_twarc2_page_TRIMMED.json"

# Hand-checked against twarc2_mentions_page.jsonl (tweet ids in brackets).
EXPECTED = {
    ("alice", "gemeenteX"): (1, "mention"),                 # [10]
    ("gemeenteX", "bob"): (1, "mention"),                   # [11]
    ("gemeenteX", "GHOST"): (1, "mention"),                 # [11] @ghost: handle only, never posted
    ("carol", "gemeenteX"): (2, "mention;reply;repost"),    # [12] RT @gemeenteX, [18] reply with mention
    ("carol", "bob"): (1, "mention"),                       # [12] mentions carried by the retweet
    ("carol", "GHOST"): (1, "mention"),                     # [12]
    ("bob", "alice"): (1, "reply"),                         # [13] reply without a mention
    ("dave", "alice"): (2, "mention"),                      # [14] (its @dave self-mention dropped), [15]
    ("alice", "Eve"): (1, "mention"),                       # [16] Eve never posted
    ("bob", "gemeenteX"): (1, "quote"),                     # [17]
    ("alice", "GHOST"): (1, "mention"),                     # [19] @GHOST = @ghost
}


@pytest.fixture
def mention_case(tmp_path):
    case = load_case(write_case(tmp_path, "mentions", [("twitter-v2", DATA / "twarc2_mentions_page.jsonl")],
                                ["gemeenteX"]), allow_outside=True)  # the page is shared by the tests
    store = Store(tmp_path / "store.duckdb")
    ingest_case(case, store)
    yield case, store
    store.close()


def edges_of(net):
    return {(net.ids[s], net.ids[t]): (int(w), net.edge_kinds(e))
            for e, (s, t, w) in enumerate(zip(net.src.tolist(), net.dst.tolist(), net.weight.tolist()))}


def test_mention_edges_match_the_hand_checked_page(mention_case):
    case, store = mention_case
    net = build(store, case, "mention")
    assert net.directed
    assert edges_of(net) == EXPECTED
    # frank wrote only a context tweet (includes.tweets): not a node; no self-loop for dave.
    assert sorted(net.ids) == sorted(["Eve", "GHOST", "alice", "bob", "carol", "dave", "gemeenteX"])
    assert [net.ids[i] for i in net.is_government.nonzero()[0]] == ["gemeenteX"]


def test_reach_flags_from_the_page(mention_case):
    case, store = mention_case
    net = build(store, case, "mention")
    contact = {net.ids[i] for i in net.contact.nonzero()[0]}
    audience = {net.ids[i] for i in net.audience.nonzero()[0]}
    inbound = {net.ids[i] for i in net.addressed_government.nonzero()[0]}
    # carol reposted, bob quoted a government tweet (they spread it); gov mentioned bob and ghost.
    assert contact == {"bob", "carol", "GHOST"}
    assert audience == contact | {"alice"}  # any engagement: alice only addressed government
    # alice and carol mention/reply to gemeenteX; bob's quote does not address it.
    assert inbound == {"alice", "carol"}


def test_summary_of_the_page(mention_case):
    case, store = mention_case
    res = analyse_network(build(store, case, "mention"), reach_threshold=case.reach_threshold)
    s = res.summary(top_n=3)
    assert set(s) == {"directed", "nodes", "edges", "modularity", "community_method", "betweenness_method",
                      "communities", "central_accounts"}
    assert (s["nodes"], s["edges"], s["betweenness_method"], s["community_method"]) == (7, 11, "exact", "leiden")
    assert len(s["central_accounts"]) == 3
    gov_comm = [c for c in s["communities"] if c["government_accounts"] == ["gemeenteX"]]
    assert len(gov_comm) == 1 and gov_comm[0]["reached_by_government"]
    for c in s["communities"]:
        assert set(c) == {"id", "size", "name", "top_accounts", "top_terms", "government_accounts",
                          "government_contact_share", "government_audience_share", "government_inbound_share",
                          "reached_by_government", "ambassadors"}
        assert c["ambassadors"] == [] or not c["reached_by_government"]
    assert "#wegwerk" in gov_comm[0]["top_terms"]
    assert res.nodes.num_rows == 7
    json.dumps(s)
    reach = res.reach_summary()
    json.dumps(reach)
    assert reach["reached_communities"] == [gov_comm[0]["id"]]


def test_shared_twarc2_page(tmp_path):
    """The real twarc2 page: a retweet, a reply with two mentions, a quote, a tweet with a link mention."""
    src = tmp_path / "page.json"
    shutil.copy(SHARED_PAGE, src)
    case = load_case(write_case(tmp_path, "trimmed", [("twitter-v2", src)]), allow_outside=True)
    with Store(tmp_path / "s.duckdb") as store:
        ingest_case(case, store)
        net = build(store, case, "mention")
    assert edges_of(net) == {
        ("Alexandravm12", "williamserafino"): (1, "mention;repost"),
        ("PDXPapaG", "TalkToTheFoot"): (1, "mention;reply"),
        ("PDXPapaG", "JackPosobiec"): (1, "mention"),
        ("JenATweeter", "Breaking911"): (1, "quote"),
        ("Qrtrhrsryder", "gatewaypundit"): (1, "mention"),  # "… via @gatewaypundit", never posted
    }
    assert len(net.ids) == 9
