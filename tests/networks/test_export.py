"""Exports parse back: CSV columns, GEXF 1.3 (lxml), GraphML. (The picture: test_draw.py.)"""

from __future__ import annotations

import csv
import io

import numpy as np
from lxml import etree

from civicnet.networks import analyse_network, network_from_edges
from civicnet.networks.export import _float_text, _xml_texts, xml_text

NASTY = 'evil<script>alert("x")</script>&\x01'


def _result():
    ids = ["gov", "alice", "bob", NASTY, "dora", "ed"]
    net = network_from_edges(ids, [1, 2, 3, 1, 4, 0, 1], [0, 0, 1, 2, 5, 1, 0],
                             kinds=["mention", "reply", "mention", "repost", "mention", "mention", "repost"],
                             is_government=[True, False, False, False, False, False],
                             names=["Gemeente, Lisse", "Alice de Vries", None, None, "Dora", None])
    return analyse_network(net)


def _written_csvs(res, folder):
    """nodes.csv and edges.csv written by ``res`` and read back as dict rows."""
    res.write_nodes_csv(folder / "nodes.csv")
    res.write_edges_csv(folder / "edges.csv")
    rows = []
    for name in ("nodes.csv", "edges.csv"):
        with open(folder / name, newline="", encoding="utf-8") as fh:
            rows.append(list(csv.DictReader(fh)))
    return rows


def test_csv_columns_and_values(tmp_path):
    res = _result()
    nodes, edges = _written_csvs(res, tmp_path)
    assert list(nodes[0]) == ["account", "community", "degree", "in_degree", "out_degree", "betweenness",
                              "pagerank", "is_government", "name"]
    assert list(edges[0]) == ["source", "target", "weight", "kinds"]
    assert len(nodes) == 6 and len(edges) == 6
    row = {n["account"]: n for n in nodes}
    assert row["gov"]["is_government"] == "true" and row["bob"]["is_government"] == "false"
    assert row[NASTY]["out_degree"] == "1"  # untrusted text survives the round trip
    assert [row[a]["name"] for a in ("gov", "alice", "bob")] == ["Gemeente, Lisse", "Alice de Vries", ""]
    alice_gov = next(e for e in edges if (e["source"], e["target"]) == ("alice", "gov"))
    assert (alice_gov["weight"], alice_gov["kinds"]) == ("2", "mention;repost")
    assert abs(sum(float(n["pagerank"]) for n in nodes) - 1.0) < 1e-9


def test_pseudonymised_csv(tmp_path):
    res = _result()
    names = {h: f"p{i}" for i, h in enumerate(res.net.ids)}
    names["gov"] = "gov"  # kept by the labeller: its name stays
    res.write_edges_csv(tmp_path / "edges.csv", label=names.get)
    text = (tmp_path / "edges.csv").read_text(encoding="utf-8")
    assert "alice" not in text and "p1" in text
    res.write_nodes_csv(tmp_path / "nodes.csv", label=names.get)
    with open(tmp_path / "nodes.csv", newline="", encoding="utf-8") as fh:
        rows = {r["account"]: r["name"] for r in csv.DictReader(fh)}
    assert rows["gov"] == "Gemeente, Lisse"
    assert rows["p1"] == "p1"  # a replaced citizen's name is the replacement, never "Alice de Vries"
    assert "Alice" not in (tmp_path / "nodes.csv").read_text(encoding="utf-8")


def test_csv_quotes_like_the_csv_module_and_floats_are_reprs(tmp_path):
    odd = ["a,b", 'say "hi"', "two\nlines", "cr\rhere", "", " spaced ", "é#;"]
    ids = ["gov", *odd]
    net = network_from_edges(ids, list(range(1, len(ids))), [0] * len(odd), kinds=["mention,odd"] * len(odd),
                             is_government=[True] + [False] * len(odd))
    res = analyse_network(net)
    nodes, edges = _written_csvs(res, tmp_path)
    assert [n["account"] for n in nodes] == ids  # every identifier parses back, a carriage return too
    assert [(e["source"], e["target"], e["kinds"]) for e in edges] == [(i, "gov", "mention,odd") for i in odd]
    assert [n["pagerank"] for n in nodes] == [repr(float(v)) for v in res.metrics.pagerank]
    assert [n["betweenness"] for n in nodes] == [repr(float(v)) for v in res.metrics.betweenness]
    # byte for byte what the csv module writes, but for the carriage return it leaves unquoted
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["source", "target", "weight", "kinds"])
    writer.writerows([(i, "gov", 1, "mention,odd") for i in odd])
    expected = buf.getvalue().replace("cr\rhere", '"cr\rhere"')
    assert (tmp_path / "edges.csv").read_bytes() == expected.encode("utf-8")


def test_float_text_is_python_repr():
    values = [0.0, -0.0, 1.0, 0.1, 1e-4, 1.2e-5, 5.655030083869179e-06, 213945.46669582583, 1e15, 1e16,
              9999999999999998.0, 1.2345678901234568e17, 1e22, 5e-324, 1.7976931348623157e308,
              float("nan"), float("inf"), -float("inf")]
    values += np.random.default_rng(3).random(1000).tolist()
    assert _float_text(np.array(values)).to_pylist() == [repr(v) for v in values]


def test_xml_texts_escape_only_when_needed():
    clean = ["alice", "bob_2", "é"]
    assert _xml_texts(clean) is clean
    assert _xml_texts(["a", NASTY]) == ["a", xml_text(NASTY)]


def test_gexf_parses_with_node_and_edge_attributes(tmp_path):
    res = _result()
    res.write_gexf(tmp_path / "n.gexf")
    tree = etree.parse(str(tmp_path / "n.gexf"))
    ns = {"g": "http://gexf.net/1.3"}
    root = tree.getroot()
    assert root.get("version") == "1.3"
    graph = root.find("g:graph", ns)
    assert graph.get("defaultedgetype") == "directed"
    titles = [a.get("title") for a in graph.findall("g:attributes[@class='node']/g:attribute", ns)]
    assert titles == ["community", "degree", "in_degree", "out_degree", "betweenness", "pagerank",
                      "eigenvector", "clustering", "is_government"]
    nodes = graph.findall("g:nodes/g:node", ns)
    labels = {n.get("label") for n in nodes}
    assert 'evil<script>alert("x")</script>&' in labels  # escaped on write, control char dropped
    gov = next(n for n in nodes if n.get("label") == "gov")
    values = {v.get("for"): v.get("value") for v in gov.findall("g:attvalues/g:attvalue", ns)}
    assert values["is_government"] == "true"
    assert int(values["community"]) == int(res.community[0])
    edges = graph.findall("g:edges/g:edge", ns)
    assert len(edges) == res.net.n_edges
    weights = sorted(float(e.get("weight")) for e in edges)
    assert weights == sorted(res.net.weight.astype(float).tolist())
    kinds = {e.find("g:attvalues/g:attvalue", ns).get("value") for e in edges}
    assert kinds == {"mention", "mention;repost", "reply", "repost"}


def test_graphml_parses(tmp_path):
    res = _result()
    res.write_graphml(tmp_path / "n.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = etree.parse(str(tmp_path / "n.graphml")).getroot()
    assert len(root.findall("g:graph/g:node", ns)) == 6
    assert len(root.findall("g:graph/g:edge", ns)) == 6
    keys = {k.get("attr.name") for k in root.findall("g:key", ns)}
    assert {"label", "community", "pagerank", "is_government", "weight", "kinds"} <= keys
    import igraph as ig

    g = ig.Graph.Read_GraphML(str(tmp_path / "n.graphml"))
    assert g.vcount() == 6 and g.ecount() == 6 and g.is_directed()
