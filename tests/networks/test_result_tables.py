"""NetworkResult as data: nodes and edges as Arrow tables (the columns of nodes.csv and edges.csv),
and the graph for igraph and networkx with the same attributes."""

from __future__ import annotations

import sys

import pytest

from civicnet.errors import MissingDependency
from civicnet.networks.export import EDGE_COLUMNS, NODE_COLUMNS

from .test_export import NASTY, _result, _written_csvs


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def test_nodes_and_edges_are_the_csv_files(tmp_path):
    res = _result()
    nodes, edges = _written_csvs(res, tmp_path)
    assert res.nodes.column_names == NODE_COLUMNS and res.edges.column_names == EDGE_COLUMNS
    assert [{k: _csv_value(v) for k, v in row.items()} for row in res.nodes.to_pylist()] == nodes
    assert [{k: _csv_value(v) for k, v in row.items()} for row in res.edges.to_pylist()] == edges


def test_edges_name_their_accounts():
    res = _result()
    by_pair = {(e["source"], e["target"]): e for e in res.edges.to_pylist()}
    # ties given: 1→0 twice (mention, repost), 2→0, 3→1, 1→2, 4→5, 0→1
    assert by_pair[("alice", "gov")] == {"source": "alice", "target": "gov", "weight": 2, "kinds": "mention;repost"}
    assert set(by_pair) == {("alice", "gov"), ("bob", "gov"), (NASTY, "alice"), ("alice", "bob"), ("dora", "ed"),
                            ("gov", "alice")}


def test_to_igraph_carries_the_columns():
    res = _result()
    g = res.to_igraph()
    assert g.is_directed() and g.vcount() == 6 and g.ecount() == 6
    assert g.vs["name"] == res.net.ids
    assert g.vs["is_government"] == [True, False, False, False, False, False]
    assert g.vs["pagerank"] == res.nodes.column("pagerank").to_pylist()
    e = g.es[g.get_eid(g.vs.find(name="alice").index, g.vs.find(name="gov").index)]
    assert (e["weight"], e["kinds"]) == (2, "mention;repost")
    assert "name" not in res.graph.vs.attributes()  # the analysis' own graph is left as it was


def test_to_networkx_carries_the_columns():
    nx = pytest.importorskip("networkx")
    res = _result()
    g = res.to_networkx()
    assert isinstance(g, nx.DiGraph) and g.number_of_nodes() == 6 and g.number_of_edges() == 6
    assert g.nodes["gov"]["is_government"] and g.nodes[NASTY]["out_degree"] == 1
    assert g.edges["alice", "gov"] == {"weight": 2, "kinds": "mention;repost"}
    assert g.nodes["bob"]["community"] == res.nodes.to_pylist()[2]["community"]


def test_to_networkx_without_networkx_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "networkx", None)  # import networkx raises ImportError
    with pytest.raises(MissingDependency, match=r"pip install 'civicnet\[networkx\]'"):
        _result().to_networkx()
