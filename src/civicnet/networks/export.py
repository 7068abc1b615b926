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
from pathlib import Path
from typing import TYPE_CHECKING

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


def _node_values(res: "NetworkResult") -> list[list[str]]:
    m = res.metrics
    cols = [res.community, m.degree, m.in_degree, m.out_degree, m.betweenness, m.pagerank, m.eigenvector,
            m.clustering]
    out = [[str(int(v)) for v in c.tolist()] if c.dtype.kind in "iu" else [repr(float(v)) for v in c.tolist()]
           for c in cols]
    out.append(["true" if v else "false" for v in res.net.is_government.tolist()])
    return out


def write_gexf(res: "NetworkResult", path, label: "Label" = None) -> None:
    """GEXF 1.3 with node attributes and weighted, kind-labelled edges."""
    net = res.net
    names = [xml_text(s) for s in _labels(res, label)]
    kinds = [xml_text(k) for k in net.kind_labels]
    values = _node_values(res)
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
        for start in range(0, net.n_nodes, CHUNK):
            fh.write("".join(
                f'      <node id="n{i}" label="{names[i]}"><attvalues>'
                + "".join(f'<attvalue for="{a[0]}" value="{values[k][i]}"/>' for k, a in enumerate(NODE_ATTRS))
                + "</attvalues></node>\n"
                for i in range(start, min(start + CHUNK, net.n_nodes))))
        fh.write("    </nodes>\n    <edges>\n")
        src, dst, w, kc = net.src.tolist(), net.dst.tolist(), net.weight.tolist(), net.kind_codes.tolist()
        for start in range(0, net.n_edges, CHUNK):
            fh.write("".join(
                f'      <edge id="e{e}" source="n{src[e]}" target="n{dst[e]}" weight="{w[e]}">'
                f'<attvalues><attvalue for="kinds" value="{kinds[kc[e]]}"/></attvalues></edge>\n'
                for e in range(start, min(start + CHUNK, net.n_edges))))
        fh.write("    </edges>\n  </graph>\n</gexf>\n")


def write_graphml(res: "NetworkResult", path, label: "Label" = None) -> None:
    """GraphML with the same attributes as the GEXF export (``label`` holds the identifier)."""
    net = res.net
    names = [xml_text(s) for s in _labels(res, label)]
    kinds = [xml_text(k) for k in net.kind_labels]
    values = _node_values(res)
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
        for start in range(0, net.n_nodes, CHUNK):
            fh.write("".join(
                f'    <node id="n{i}"><data key="label">{names[i]}</data>'
                + "".join(f'<data key="{a[0]}">{values[k][i]}</data>' for k, a in enumerate(NODE_ATTRS))
                + "</node>\n"
                for i in range(start, min(start + CHUNK, net.n_nodes))))
        src, dst, w, kc = net.src.tolist(), net.dst.tolist(), net.weight.tolist(), net.kind_codes.tolist()
        for start in range(0, net.n_edges, CHUNK):
            fh.write("".join(
                f'    <edge source="n{src[e]}" target="n{dst[e]}"><data key="weight">{w[e]}</data>'
                f'<data key="kinds">{kinds[kc[e]]}</data></edge>\n'
                for e in range(start, min(start + CHUNK, net.n_edges))))
        fh.write("  </graph>\n</graphml>\n")

