"""Writing an analysed network: nodes.csv, edges.csv (CONTRACT columns), GEXF 1.3, GraphML.

``nodes.csv``: ``account,community,degree,in_degree,out_degree,betweenness,pagerank,is_government``;
``edges.csv``: ``source,target,weight,kinds`` (``kinds`` ``;``-joined). Booleans are
written ``true``/``false``.

GEXF 1.3 (opens in Gephi) and GraphML carry every node metric (community, degrees,
betweenness, pagerank, eigenvector, clustering, is_government) and each edge's weight
and kinds. Account identifiers are untrusted text: they are XML-escaped, and
characters XML 1.0 cannot hold (control characters) are dropped. Files are written in
one streaming pass, without building an element tree.
"""

from __future__ import annotations

import csv
import re
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from .result import Label, NetworkResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;",
                              "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
CHUNK = 20_000

NODE_COLUMNS = ["account", "community", "degree", "in_degree", "out_degree", "betweenness", "pagerank", "is_government"]
EDGE_COLUMNS = ["source", "target", "weight", "kinds"]

#: (name, GEXF type, GraphML type) of the node attributes, in the order written.
NODE_ATTRS = [
    ("community", "integer", "long"), ("degree", "integer", "long"), ("in_degree", "integer", "long"),
    ("out_degree", "integer", "long"), ("betweenness", "double", "double"), ("pagerank", "double", "double"),
    ("eigenvector", "double", "double"), ("clustering", "double", "double"), ("is_government", "boolean", "boolean"),
]


def xml_text(value: str) -> str:
    """``value`` safe inside an XML attribute or element: escaped, invalid characters dropped."""
    return _NOT_XML.sub("", value).translate(_XML_ESCAPES)


def _labels(res: "NetworkResult", label: "Label") -> list[str]:
    return res.net.ids if label is None else [label(i) for i in res.net.ids]


def _write_csv(path, header: list[str], columns: list[list]) -> None:
    with open(Path(path), "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(zip(*columns))


def write_nodes_csv(res: "NetworkResult", path, label: "Label" = None) -> None:
    m = res.metrics
    _write_csv(path, NODE_COLUMNS, [
        _labels(res, label), res.community.tolist(), m.degree.tolist(), m.in_degree.tolist(),
        m.out_degree.tolist(), m.betweenness.tolist(), m.pagerank.tolist(),
        ["true" if v else "false" for v in res.net.is_government.tolist()],
    ])


def write_edges_csv(res: "NetworkResult", path, label: "Label" = None) -> None:
    net = res.net
    names = _labels(res, label)
    kinds = net.kind_labels
    _write_csv(path, EDGE_COLUMNS, [
        [names[i] for i in net.src.tolist()], [names[i] for i in net.dst.tolist()],
        net.weight.tolist(), [kinds[k] for k in net.kind_codes.tolist()],
    ])


def _node_rows(res: "NetworkResult", template: str, names: list[str]) -> "Iterator[str]":
    """Each node's line: ``template % (index, name, community, degrees…, metrics…, is_government)``."""
    m = res.metrics
    gov = ["true" if v else "false" for v in res.net.is_government.tolist()]
    return map(template.__mod__, zip(
        range(res.net.n_nodes), names, res.community.tolist(), m.degree.tolist(), m.in_degree.tolist(),
        m.out_degree.tolist(), m.betweenness.tolist(), m.pagerank.tolist(), m.eigenvector.tolist(),
        m.clustering.tolist(), gov))


def _edge_rows(res: "NetworkResult", template: str) -> "Iterator[str]":
    """Each edge's line: ``template % (index, source, target, weight, kinds)``."""
    net = res.net
    kinds = [xml_text(k) for k in net.kind_labels]
    return map(template.__mod__, zip(
        range(net.n_edges), net.src.tolist(), net.dst.tolist(), net.weight.tolist(),
        [kinds[k] for k in net.kind_codes.tolist()]))


def _write_lines(fh, lines: "Iterator[str]") -> None:
    while True:
        chunk = list(islice(lines, CHUNK))
        if not chunk:
            return
        fh.write("".join(chunk))


_GEXF_NODE = ('      <node id="n%d" label="%s"><attvalues>'
              + "".join(f'<attvalue for="{name}" value="{"%r" if t == "double" else "%s"}"/>'
                        for name, t, _ in NODE_ATTRS) + "</attvalues></node>\n")
_GEXF_EDGE = ('      <edge id="e%d" source="n%d" target="n%d" weight="%d">'
              '<attvalues><attvalue for="kinds" value="%s"/></attvalues></edge>\n')


def write_gexf(res: "NetworkResult", path, label: "Label" = None) -> None:
    """GEXF 1.3 with node attributes and weighted, kind-labelled edges."""
    net = res.net
    names = [xml_text(s) for s in _labels(res, label)]
    with open(Path(path), "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
                 f'  <meta><creator>civicnet</creator><description>{xml_text(net.kind)} network of case '
                 f'{xml_text(net.case_id)}</description></meta>\n'
                 f'  <graph defaultedgetype="{"directed" if net.directed else "undirected"}" mode="static">\n'
                 '    <attributes class="node" mode="static">\n')
        for name, gtype, _ in NODE_ATTRS:
            fh.write(f'      <attribute id="{name}" title="{name}" type="{gtype}"/>\n')
        fh.write('    </attributes>\n    <attributes class="edge" mode="static">\n'
                 '      <attribute id="kinds" title="kinds" type="string"/>\n    </attributes>\n    <nodes>\n')
        _write_lines(fh, _node_rows(res, _GEXF_NODE, names))
        fh.write("    </nodes>\n    <edges>\n")
        _write_lines(fh, _edge_rows(res, _GEXF_EDGE))
        fh.write("    </edges>\n  </graph>\n</gexf>\n")


_GRAPHML_NODE = ('    <node id="n%d"><data key="label">%s</data>'
                 + "".join(f'<data key="{name}">{"%r" if t == "double" else "%s"}</data>' for name, t, _ in NODE_ATTRS)
                 + "</node>\n")
_GRAPHML_EDGE = ('    <edge id="e%d" source="n%d" target="n%d"><data key="weight">%d</data>'
                 '<data key="kinds">%s</data></edge>\n')


def write_graphml(res: "NetworkResult", path, label: "Label" = None) -> None:
    """GraphML with the same attributes as the GEXF export (``label`` holds the identifier)."""
    net = res.net
    names = [xml_text(s) for s in _labels(res, label)]
    with open(Path(path), "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
                 '  <key id="label" for="node" attr.name="label" attr.type="string"/>\n')
        for name, _, gtype in NODE_ATTRS:
            fh.write(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{gtype}"/>\n')
        fh.write('  <key id="weight" for="edge" attr.name="weight" attr.type="long"/>\n'
                 '  <key id="kinds" for="edge" attr.name="kinds" attr.type="string"/>\n'
                 f'  <graph id="{xml_text(net.kind)}" edgedefault="{"directed" if net.directed else "undirected"}">\n')
        _write_lines(fh, _node_rows(res, _GRAPHML_NODE, names))
        _write_lines(fh, _edge_rows(res, _GRAPHML_EDGE))
        fh.write("  </graph>\n</graphml>\n")
