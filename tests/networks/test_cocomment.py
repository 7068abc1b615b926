"""Co-comment, follow, reply and co-hashtag networks on small cases written directly."""

from __future__ import annotations

import pytest

from civicnet.networks import analyse_network

from .conftest import Account, Interaction, Message, at, build

FB = "facebook"


def _fb_case(direct_case, with_page_comment=True):
    people = ["c1", "c2", "c3", "c4", "c5"]
    accounts = [Account(FB, "page1", name="Gemeente Deventer")] + [Account(FB, p, name=p.upper()) for p in people]
    msgs, ties = [], []

    def post(mid, author, minute, kind="post"):
        msgs.append(Message(FB, mid, author, at(minute), f"post {mid}", kind=kind, root=mid, page="page1"))

    def comment(mid, author, minute, parent, root, parent_author, kind="comment"):
        msgs.append(Message(FB, mid, author, at(minute), f"comment {mid}", kind=kind, parent=parent, root=root))
        if author and parent_author:
            ties.append(Interaction(FB, kind, author, parent_author, None, parent, at(minute), mid))

    post("page1_p1", "page1", 0)
    post("page1_p2", "page1", 0)
    post("page1_ptp", "c5", 0, kind="post_to_page")
    comment("m1", "c1", 0, "page1_p1", "page1_p1", "page1")
    comment("m2", "c2", 10, "page1_p1", "page1_p1", "page1")
    comment("m3", "c3", 200, "m1", "page1_p1", "c1", kind="reply")          # a reply to a comment
    if with_page_comment:
        comment("m4", "page1", 15, "m2", "page1_p1", "c2", kind="reply")   # the page answers c2
    comment("m5", None, 20, "page1_p1", "page1_p1", "page1")                # author withheld
    comment("m6", "c1", 0, "page1_p2", "page1_p2", "page1")
    comment("m7", "c2", 100, "page1_p2", "page1_p2", "page1")
    comment("m8", "c2", 5, "page1_p2", "page1_p2", "page1")                 # second comment, same post
    comment("m9", "c4", 500, "page1_ptp", "page1_ptp", "c5")
    comment("m10", "c1", 0, "page1_ptp", "page1_ptp", "c5")
    return direct_case("fb", accounts, msgs, ties, government=["Gemeente Deventer"])


def edges_of(net):
    return {tuple(sorted((net.ids[s], net.ids[t]))): int(w)
            for s, t, w in zip(net.src.tolist(), net.dst.tolist(), net.weight.tolist())}


def test_co_comment_ties_commenters_of_the_same_post(direct_case):
    case, store = _fb_case(direct_case)
    net = build(store, case, "co-comment")
    assert not net.directed
    assert edges_of(net) == {
        ("c1", "c2"): 2, ("c1", "c3"): 1, ("c1", "page1"): 1, ("c2", "c3"): 1, ("c2", "page1"): 1,
        ("c3", "page1"): 1, ("c1", "c4"): 1,
    }
    # identifiers are account ids (no handles on Facebook); c5 only posted: not a commenter
    assert sorted(net.ids) == ["c1", "c2", "c3", "c4", "page1"]
    assert net.ids[net.is_government.argmax()] == "page1" and net.is_government.sum() == 1
    assert set(net.kind_labels) == {"co-comment"}


def test_post_author_is_not_tied_without_commenting(direct_case):
    case, store = _fb_case(direct_case, with_page_comment=False)
    net = build(store, case, "co-comment")
    assert "page1" not in net.ids
    assert ("c1", "page1") not in edges_of(net)


def test_co_comment_time_window(direct_case):
    case, store = _fb_case(direct_case)
    net = build(store, case, "co-comment", window=30 * 60)
    assert edges_of(net) == {("c1", "c2"): 2, ("c1", "page1"): 1, ("c2", "page1"): 1}
    assert sorted(net.ids) == ["c1", "c2", "c3", "c4", "page1"]  # c3, c4 commented, outside the window
    assert "1800 seconds" in net.notes[0]


def test_reply_network_and_reach_on_facebook(direct_case):
    case, store = _fb_case(direct_case)
    net = build(store, case, "reply")
    edges = {(net.ids[s], net.ids[t]): (int(w), net.edge_kinds(e))
             for e, (s, t, w) in enumerate(zip(net.src.tolist(), net.dst.tolist(), net.weight.tolist()))}
    assert edges == {
        ("c1", "page1"): (2, "comment"), ("c2", "page1"): (3, "comment"), ("c3", "c1"): (1, "reply"),
        ("page1", "c2"): (1, "reply"), ("c4", "c5"): (1, "comment"), ("c1", "c5"): (1, "comment"),
    }
    contact = {net.ids[i] for i in net.contact.nonzero()[0]}
    audience = {net.ids[i] for i in net.audience.nonzero()[0]}
    inbound = {net.ids[i] for i in net.addressed_government.nonzero()[0]}
    assert contact == {"c2"}  # the page answered c2 only: on its own page, commenting is no contact
    assert audience == {"c1", "c2", "c5"}  # commented on the page's posts, or posted on the page
    assert inbound == {"c1", "c2", "c5"}  # c5 posted on the page
    res = analyse_network(net)
    assert res.summary()["directed"] is True


def _tweets(direct_case):
    T = "twitter"
    accounts = [Account(T, str(i), handle=h) for i, h in enumerate(["gov", "ann", "ben", "cas", "dirk"])]
    msgs = [
        Message(T, "1", "1", at(0), "#groningen #aardbeving weer een beving"),
        Message(T, "2", "2", at(1), "#Aardbeving ook hier, #groningen"),
        Message(T, "3", "3", at(2), "#aardbeving"),
        Message(T, "4", "0", at(3), "Informatie over de #aardbeving: zie site"),
        Message(T, "5", "4", at(4), "geen hashtag, wel een url http://x.nl/#anchor"),
    ]
    follows = [Interaction(T, "follow", "1", "0"), Interaction(T, "follow", "2", "0"), Interaction(T, "follow", "0", "1"),
               Interaction(T, "follow", "1", "1")]
    return direct_case("tw", accounts, msgs, follows, government=["gov"])


def test_co_hashtag_network(direct_case):
    case, store = _tweets(direct_case)
    net = build(store, case, "co-hashtag")
    assert edges_of(net) == {("ann", "ben"): 2, ("ann", "cas"): 1, ("ben", "cas"): 1, ("ann", "gov"): 1,
                             ("ben", "gov"): 1, ("cas", "gov"): 1}
    assert "dirk" not in net.ids  # a URL fragment is not a hashtag
    capped = build(store, case, "co-hashtag", max_tag_accounts=3)
    assert edges_of(capped) == {("ann", "ben"): 1}
    assert "#aardbeving (4)" in capped.notes[0]


def test_follow_network(direct_case):
    case, store = _tweets(direct_case)
    net = build(store, case, "follow")
    assert {(net.ids[s], net.ids[t]) for s, t in zip(net.src.tolist(), net.dst.tolist())} == {
        ("ann", "gov"), ("ben", "gov"), ("gov", "ann")}
    res = analyse_network(net)
    assert res.stats["reciprocity"] == pytest.approx(2 / 3)


def test_unknown_kind_is_an_input_error(direct_case):
    from civicnet.errors import InputError

    case, store = _tweets(direct_case)
    with pytest.raises(InputError, match="co-comment"):
        build(store, case, "retweet")


def test_co_comment_through_the_facebook_importer(tmp_path):
    """Graph API posts with nested comments (real fixture), via civicnet.store.ingest_case."""
    import itertools
    import json
    from pathlib import Path

    from civicnet.case import load_case
    from civicnet.store.db import Store
    from civicnet.store.ingest import ingest_case

    from .conftest import write_case

    fixture = Path(__file__).parents[1] / "fixtures" / "facebook_graph_posts_with_comments_from_reactions.json"
    expected: dict[tuple[str, str], int] = {}
    for post in json.loads(fixture.read_text(encoding="utf-8")).values():
        commenters = {c["from"]["id"] for c in post["comments"]["data"] if c.get("from")}
        for pair in itertools.combinations(sorted(commenters), 2):
            expected[pair] = expected.get(pair, 0) + 1
    case = load_case(write_case(tmp_path, "fb-real", [("facebook-graph", fixture)]), allow_outside=True)
    with Store(tmp_path / "s.duckdb") as store:
        ingest_case(case, store)
        net = build(store, case, "co-comment")
    assert edges_of(net) == expected
    assert len(expected) == 15 + 36  # 6 and 9 distinct commenters on the two posts


def test_empty_and_edgeless_networks(direct_case):
    T = "twitter"
    case, store = direct_case("quiet", [Account(T, "1", handle="gov"), Account(T, "2", handle="ann")],
                              [Message(T, "1", "1", at(0), "Goedemorgen"), Message(T, "2", "2", at(1), "hoi")], [],
                              government=["gov"])
    net = build(store, case, "mention")
    assert sorted(net.ids) == ["ann", "gov"] and net.n_edges == 0
    res = analyse_network(net)
    s = res.summary()
    assert (s["nodes"], s["edges"], s["modularity"]) == (2, 0, None)
    assert sorted(res.community.tolist()) == [1, 2]
    assert res.reach_summary()["unreached_communities"] == []  # communities of one are not considered
    assert "2 accounts" in res.draw_svg().caption
    empty = build(store, case, "follow")
    res = analyse_network(empty)
    assert res.summary()["nodes"] == 0 and res.summary()["communities"] == []
    assert res.nodes.num_rows == 0
    assert res.draw_svg().caption.startswith("No accounts to draw.")


def test_a_network_outlives_its_store(direct_case, tmp_path):
    """A Network holds arrays and tables, no reference to the store: once the store is closed its
    analysis, summary (hashtag terms included), tables and files still work."""
    case, store = _tweets(direct_case)
    net = build(store, case, "co-hashtag")
    bare = build(store, case, "co-hashtag", hashtags=False)
    store.close()
    res = analyse_network(net)
    # one group (gov, ann, ben, cas); #aardbeving used 4 times (mixed case counts once), #groningen twice
    assert [c["top_terms"] for c in res.summary()["communities"]] == [["#aardbeving", "#groningen"]]
    assert bare.hashtags.num_rows == 0 and net.hashtags.num_rows == 6
    assert res.nodes.num_rows == net.n_nodes and res.edges.num_rows == net.n_edges
    res.write_gexf(tmp_path / "n.gexf")
    assert (tmp_path / "n.gexf").stat().st_size > 0
