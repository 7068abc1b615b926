"""graphml: networkx, igraph, yEd and NodeXL GraphML, streamed safely."""

from __future__ import annotations

import sys
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _netfile_helpers import FIXTURES, counts, detected, fixture, gzipped, ingest, row, scores, ties

from civicnet.errors import FormatError
from civicnet.sources import SourceFile, graphml
from civicnet.sources import Sample

FIX = "graphml_yed_replies.graphml"
ACCOUNT_COLUMNS = ["handle", "name", "followers", "following", "description"]


def test_yed_file_labels_defaults_and_self_loop(tmp_path):
    store, (report,) = ingest(tmp_path, [{"format": "graphml", "path": str(fixture(tmp_path, FIX))}])
    assert (report.records_read, report.records_rejected) == (7, 0)
    assert counts(store) == {"messages": {}, "accounts": 3, "interactions": {"reply": 2, "mention": 1}}
    assert row(store, "account", "n0", ACCOUNT_COLUMNS)["handle"] == "gemeente_x"
    # the label inside yEd's nodegraphics; the key's declared <default> fills the missing followers
    assert row(store, "account", "n1", ACCOUNT_COLUMNS) == {
        "handle": None, "name": "Buurtvereniging Noord", "followers": 0, "following": None, "description": None,
    }
    assert ties(store) == {("reply", "n1", "n0", None, None), ("reply", "n0", "n1", None, None),
                           ("mention", "n2", "n0", None, None)}


def test_detection(tmp_path):
    path = fixture(tmp_path, FIX)
    assert detected(path) == "graphml"
    assert detected(gzipped(path)) == "graphml"
    assert scores(path)["gexf"] == 0
    for other in FIXTURES.glob("*.*"):
        if other.suffix in (".json", ".csv", ".gexf", ".jsonl"):
            assert graphml.detect(Sample.of(SourceFile(other))) == 0, other.name


def test_networkx_graphml_with_nodexl_columns(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("politie_oost", Followers="2301", Followed="120", Description="Politie basisteam Oost")
    graph.add_node("buurtapp")
    graph.add_edge("buurtapp", "politie_oost", Relationship="MentionsInRetweet",
                   **{"Relationship Date (UTC)": "2021-07-02 21:31:00", "Imported ID": "1411000000000000001"})
    graph.add_edge("buurtapp", "politie_oost", Relationship="Replies to",
                   **{"Relationship Date (UTC)": "2021-07-03 08:00:00", "Imported ID": "1411000000000000002",
                      "In-Reply-To Tweet ID": "1410000000000000009"})
    graph.add_edge("politie_oost", "buurtapp", Relationship="Followed")
    path = tmp_path / "nodexl.graphml"
    nx.write_graphml(graph, path)
    store, (report,) = ingest(tmp_path, [{"format": "graphml", "path": str(path), "platform": "twitter"}])
    assert report.records_rejected == 0
    assert counts(store) == {"messages": {}, "accounts": 2, "interactions": {"mention": 1, "reply": 1, "follow": 1}}
    assert row(store, "account", "politie_oost", ACCOUNT_COLUMNS) == {
        "handle": None, "name": None, "followers": 2301, "following": 120, "description": "Politie basisteam Oost",
    }
    assert ("reply", "buurtapp", "politie_oost", "1410000000000000009", "1411000000000000002") in ties(store)
    assert ("follow", "politie_oost", "buurtapp", None, None) in ties(store)
    when = store.sql("SELECT created_at FROM interaction WHERE kind = 'mention'")[0][0]
    assert when.isoformat() == "2021-07-02T21:31:00"


def test_igraph_ids_with_id_attribute(tmp_path):
    g = ig.Graph(directed=False)
    g.add_vertices(["gemeente_x", "jan_b", "anna_de_v"])
    g.vs["followers"] = [5210, 87, 3]
    g.add_edges([("jan_b", "gemeente_x"), ("anna_de_v", "gemeente_x")])
    path = tmp_path / "ig.graphml"
    g.write_graphml(str(path))
    store, (report,) = ingest(tmp_path, [{"format": "graphml", "path": str(path), "id_attribute": "name",
                                          "kind": "comment", "platform": "facebook"}])
    assert report.records_rejected == 0
    assert counts(store) == {"messages": {}, "accounts": 3, "interactions": {"comment": 2}}
    assert {r[0] for r in store.sql("SELECT id FROM account")} == {"gemeente_x", "jan_b", "anna_de_v"}
    assert row(store, "account", "jan_b", ACCOUNT_COLUMNS)["name"] is None  # the id attribute is not also the name
    # undirected: igraph writes each edge lower index first, so the stored direction is arbitrary
    assert {frozenset(t[1:3]) for t in ties(store)} == {frozenset({"jan_b", "gemeente_x"}),
                                                        frozenset({"anna_de_v", "gemeente_x"})}


def test_hyperedge_and_missing_ends_are_rejected(tmp_path):
    path = tmp_path / "h.graphml"
    path.write_text(
        """<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
        <node id="a"/><node id="b"/>
        <hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>
        <edge target="b"/><edge source="a" target="b"/></graph></graphml>"""
    )
    store, (report,) = ingest(tmp_path, [{"format": "graphml", "path": str(path)}])
    assert (report.records_read, report.records_rejected) == (5, 2)
    assert counts(store)["interactions"] == {"mention": 1}


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"   \n", "empty"),
        (b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a">', "not well-formed"),
        (b"<gexf><graph/></gexf>", "did you mean `format: gexf`"),
        (b"id,name\n1,a\n", "not well-formed"),
        (b"<graphml/>", "no <graph>"),
    ],
)
def test_bad_files_are_format_errors(tmp_path, content, problem):
    path = tmp_path / "bad.graphml"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=problem):
        ingest(tmp_path, [{"format": "graphml", "path": str(path)}])


def test_entities_are_refused(tmp_path):
    path = tmp_path / "xxe.graphml"
    path.write_text('<?xml version="1.0"?>\n<!-- a comment first -->\n'
                    '<!DOCTYPE graphml [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n'
                    '<graphml><graph><node id="&x;"/></graph></graphml>')
    with pytest.raises(FormatError, match="DTD"):
        list(graphml.iter_raw(SourceFile(path), {}))
