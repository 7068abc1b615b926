"""Writing an analysed network: nodes.csv, edges.csv (CONTRACT columns), GEXF 1.3, GraphML.

``nodes.csv``: ``account,community,degree,in_degree,out_degree,betweenness,pagerank,is_government,name``
(``name``: the display name, empty where the platform gave none; under a labeller that
replaces an account's identifier, that replacement);
``edges.csv``: ``source,target,weight,kinds`` (``kinds`` ``;``-joined). Booleans are
written ``true``/``false``, floats as Python's ``repr`` (shortest round trip), text
quoted as Python's ``csv`` module does (and also when it holds a carriage return).

GEXF 1.3 (opens in Gephi) and GraphML carry every node metric (community, degrees,
betweenness, pagerank, eigenvector, clustering, is_government) and each edge's weight
and kinds. Account identifiers are untrusted text: they are XML-escaped, and
characters XML 1.0 cannot hold (control characters) are dropped. Every file is written in
one streaming pass of lines joined by Arrow (:func:`_write_rows`), never by a Python loop
over rows or values, and without building an element tree.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from .result import Label, NetworkResult

_NOT_XML_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
_NOT_XML = re.compile(f"[{_NOT_XML_CHARS}]")
#: Characters :func:`xml_text` removes or escapes.
_XML_CHANGES = re.compile(f"[{_NOT_XML_CHARS}&<>\"'\n\r\t]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;",
                              "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
#: Rows per block joined into lines: small enough that the blocks' buffers are reused, not mapped anew.
CHUNK = 16_384

NODE_COLUMNS = ["account", "community", "degree", "in_degree", "out_degree", "betweenness", "pagerank", "is_government",
                "name"]
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


def _xml_texts(values: list[str]) -> list[str]:
    """:func:`xml_text` of every value; one regex scan over them all when none needs it (the usual case)."""
    if not _XML_CHANGES.search("".join(values)):
        return values
    return [xml_text(v) for v in values]


def _labels(res: "NetworkResult", label: "Label") -> list[str]:
    return res.net.ids if label is None else [label(i) for i in res.net.ids]


def _csv_field(values: pa.Array) -> pa.Array:
    """Text as a CSV field: quoted, inner quotes doubled, when it holds a comma, quote or line break.

    The same fields as Python's ``csv`` module with ``lineterminator="\\n"`` quotes, plus
    those with a carriage return (which a CSV reader would otherwise take for a line end).
    """
    values = values.cast(pa.large_string())
    quote = pa.scalar('"', pa.large_string())
    quoted = pc.binary_join_element_wise(quote, pc.replace_substring(values, '"', '""'), quote,
                                         pa.scalar("", pa.large_string()))
    return pc.if_else(pc.match_substring_regex(values, '[,"\\r\\n]'), quoted, values)


def _float_text(values: np.ndarray) -> pa.Array:
    """Floats as Python's ``repr`` writes them (``0.0``, ``1e-06``, ``nan``): what ``csv`` wrote.

    DuckDB's cast of a DOUBLE to text gives exactly that form (the shortest round trip,
    exponent below 1e-4 and from 1e16) in a fraction of the time of ``repr`` per value.
    """
    with duckdb.connect() as con:
        con.register("floats", pa.table({"v": pa.array(values, pa.float64())}))
        text = con.sql("SELECT v::VARCHAR AS v FROM floats").to_arrow_table().column("v")
    return text.combine_chunks().cast(pa.large_string())


def _write_csv(path, header: list[str], columns: list[pa.Array]) -> None:
    """A CSV file: the header, then one line per row of the (already CSV-ready) text columns."""
    with open(Path(path), "wb") as fh:
        fh.write((",".join(header) + "\n").encode("utf-8"))
        _write_rows(fh, [""] + [","] * (len(columns) - 1) + ["\n"], columns)


def write_nodes_csv(res: "NetworkResult", path, label: "Label" = None) -> None:
    """nodes.csv: one row per account, in node order (module docstring)."""
    m = res.metrics
    _write_csv(path, NODE_COLUMNS, [
        _csv_field(pa.array(_labels(res, label), pa.large_string())),
        *(_text(v) for v in (res.community, m.degree, m.in_degree, m.out_degree)),
        _float_text(m.betweenness), _float_text(m.pagerank), _text(res.net.is_government),
        _csv_field(pa.array(_names(res, label), pa.large_string())),
    ])


def _names(res: "NetworkResult", label: "Label") -> list[str]:
    """Each node's display name as ``label`` shows it ("" where the platform gave none)."""
    return [res.name_of(i, label) for i in range(res.net.n_nodes)]


def write_edges_csv(res: "NetworkResult", path, label: "Label" = None) -> None:
    """edges.csv: one row per edge, in edge order (module docstring)."""
    net = res.net
    names = _csv_field(pa.array(_labels(res, label), pa.large_string()))
    kinds = _csv_field(pa.array(net.kind_labels, pa.large_string()))
    _write_csv(path, EDGE_COLUMNS, [
        names.take(pa.array(net.src)), names.take(pa.array(net.dst)), _text(net.weight),
        kinds.take(pa.array(net.kind_codes)),
    ])


def _text(values) -> pa.Array:
    """Numbers or booleans as text, computed by Arrow (shortest round-trip form for floats)."""
    return pa.array(values).cast(pa.large_string())


def _node_columns(res: "NetworkResult", names: list[str]) -> list[pa.Array]:
    m = res.metrics
    return [_text(np.arange(res.net.n_nodes)), pa.array(names, pa.large_string())] + [
        _text(v) for v in (res.community, m.degree, m.in_degree, m.out_degree, m.betweenness, m.pagerank,
                           m.eigenvector, m.clustering, res.net.is_government)]


def _edge_columns(res: "NetworkResult") -> list[pa.Array]:
    net = res.net
    kinds = pa.array([xml_text(k) for k in net.kind_labels], pa.large_string()).take(pa.array(net.kind_codes))
    return [_text(np.arange(net.n_edges)), _text(net.src), _text(net.dst), _text(net.weight), kinds]


def _write_rows(fh, template: list[str], columns: list[pa.Array]) -> None:
    """Write one line per row: the template's literal pieces interleaved with the columns.

    The lines are joined by Arrow and written from its buffer in chunks, never as
    Python strings per value.
    """
    n = len(columns[0]) if columns else 0
    for start in range(0, n, CHUNK):
        parts: list = []
        for k, literal in enumerate(template):
            parts.append(pa.scalar(literal, pa.large_string()))
            if k < len(columns):
                parts.append(columns[k].slice(start, CHUNK))
        lines = pc.binary_join_element_wise(*parts, pa.scalar("", pa.large_string()))
        _, offset_buf, data = lines.buffers()
        offsets = np.frombuffer(offset_buf, dtype=np.int64)[lines.offset: lines.offset + len(lines) + 1]
        fh.write(memoryview(data)[int(offsets[0]): int(offsets[-1])])


_GEXF_NODE = ['      <node id="n', '" label="', '"><attvalues><attvalue for="community" value="']
_GEXF_NODE += [f'"/><attvalue for="{name}" value="' for name, _, _ in NODE_ATTRS[1:]]
_GEXF_NODE += ['"/></attvalues></node>\n']
_GEXF_EDGE = ['      <edge id="e', '" source="n', '" target="n', '" weight="',
              '"><attvalues><attvalue for="kinds" value="', '"/></attvalues></edge>\n']


def write_gexf(res: "NetworkResult", path, label: "Label" = None) -> None:
    """GEXF 1.3 with node attributes and weighted, kind-labelled edges."""
    net = res.net
    names = _xml_texts(_labels(res, label))
    with open(Path(path), "wb") as raw, io.TextIOWrapper(raw, encoding="utf-8", write_through=True) as fh:
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
        _write_rows(raw, _GEXF_NODE, _node_columns(res, names))
        fh.write("    </nodes>\n    <edges>\n")
        _write_rows(raw, _GEXF_EDGE, _edge_columns(res))
        fh.write("    </edges>\n  </graph>\n</gexf>\n")


_GRAPHML_NODE = (['    <node id="n', '"><data key="label">']
                 + [f'</data><data key="{name}">' for name, _, _ in NODE_ATTRS] + ['</data></node>\n'])
_GRAPHML_EDGE = ['    <edge id="e', '" source="n', '" target="n', '"><data key="weight">',
                 '</data><data key="kinds">', '</data></edge>\n']


def write_graphml(res: "NetworkResult", path, label: "Label" = None) -> None:
    """GraphML with the same attributes as the GEXF export (``label`` holds the identifier)."""
    net = res.net
    names = _xml_texts(_labels(res, label))
    with open(Path(path), "wb") as raw, io.TextIOWrapper(raw, encoding="utf-8", write_through=True) as fh:
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
        _write_rows(raw, _GRAPHML_NODE, _node_columns(res, names))
        _write_rows(raw, _GRAPHML_EDGE, _edge_columns(res))
        fh.write("  </graph>\n</graphml>\n")
