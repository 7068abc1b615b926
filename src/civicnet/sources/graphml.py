"""GraphML network files, as written by networkx, igraph, Gephi, yEd, NodeXL and Cytoscape.

What it reads
    A ``<graphml>`` document: ``<key id for attr.name attr.type>`` declarations
    (with an optional ``<default>``), then ``<graph edgedefault>`` with ``<node id>``
    and ``<edge source target>`` elements carrying ``<data key>`` values. Nodes
    become accounts, edges interactions; the mapping is shared with GEXF and
    described in :mod:`civicnet.sources._graph` (label → handle when it looks like
    one, followers/following/description attributes, edge kind from an attribute
    named kind/type/relationship — NodeXL's ``Relationship`` column included).

How a user gets it
    networkx: ``nx.write_graphml(G, "net.graphml")``; igraph:
    ``g.write_graphml("net.graphml")``; Gephi: File → Export → Graph file → GraphML;
    NodeXL: NodeXL → Data → Export → To GraphML File; yEd: File → Save as.

Options (extra keys of the source entry)
    ``platform:`` (default ``other``); ``kind:`` for edges that do not say
    (default ``mention``); ``kind_map: {VALUE: KIND}``; ``id_attribute:`` a node
    attribute (by ``attr.name``) to use as the account id — igraph writes ids
    ``n0``, ``n1``… and keeps the vertex names in the attribute ``name``, so for
    igraph files say ``id_attribute: name``.

Quirks and limits
    * a ``<default>`` declared for a key applies to elements without that data, as
      GraphML says; keys ``for="all"`` apply to nodes and edges;
    * yEd keeps labels inside ``nodegraphics``/``edgegraphics`` data
      (``<y:NodeLabel>``): that text is used as the label;
    * undirected graphs (``edgedefault="undirected"``) give one interaction per
      edge, stored source → target as written: the direction is arbitrary there;
    * edge weights are not kept (one interaction per edge); parallel edges without a
      message id collapse into one interaction of that kind;
    * NodeXL's GraphML keeps tweets as edge data but they are not turned into
      messages here: import the NodeXL workbook (format ``nodexl``) for those;
    * hyperedges are rejected records; nested graphs are read as one flat graph;
    * XML safety: no DTDs or entities (billion laughs, XXE) — see
      :mod:`civicnet.sources._xml`.
"""

from __future__ import annotations

from typing import Iterator

from ..errors import RecordError
from ..model import Mapped, Platform
from . import _xml
from ._graph import GraphContext, context_from_options, map_graph_record, remember_node_id
from ._detect import Sample
from ._io import SourceFile

NAME = "graphml"
PLATFORM = Platform.OTHER.value
TITLE = "GraphML network file (networkx, igraph, Gephi, yEd, NodeXL)"
HOW_TO_EXPORT = (
    "networkx: nx.write_graphml(G, 'net.graphml'); igraph: g.write_graphml(...) (add id_attribute: name); "
    "Gephi: File > Export > Graph file > GraphML; NodeXL: Data > Export > To GraphML File"
)
EXAMPLE = "- {format: graphml, path: data/reply-network.graphml, platform: twitter, kind: reply}"


def detect(sample: Sample) -> int:
    text = sample.text
    if not text or not text.lstrip().startswith("<"):
        return 0
    if _xml.root_of(text) == "graphml":
        return 100 if sample.suffix == ".graphml" else 95
    return 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    context = context_from_options(options, f"{source.path}")
    keys: dict[str, tuple[str, str, str | None]] = {}  # key id -> (for, attr.name, default)
    seen_graph = False
    for event, el in _xml.iterparse(source, NAME, "graphml"):
        tag = _xml.localname(el.tag)
        if event == "start":
            seen_graph = seen_graph or tag == "graph"
            continue
        if tag == "key":
            _declare(el, keys)
        elif tag in ("node", "edge", "hyperedge"):
            record = _record(el, tag, keys)
            if tag == "node":
                remember_node_id(record, context)
            name = f"{tag} {record['id']!r}" if record.get("id") else tag
            yield Raw(f"{name} (line {el.sourceline})", record, context)
            _xml.release(el)
    if not seen_graph:
        raise source.error("the file has no <graph> element", fmt=NAME)


def _declare(el, keys: dict) -> None:
    default = next((c.text for c in el if _xml.localname(c.tag) == "default"), None)
    key = el.get("id")
    if key is not None:
        keys[key] = (el.get("for") or "all", el.get("attr.name") or key, default)


def _applies(target: str, element: str) -> bool:
    return target in (element, "all")


def _record(el, element: str, keys: dict) -> dict:
    attrs: dict[str, str | None] = {
        name: default for target, name, default in keys.values() if default is not None and _applies(target, element)
    }
    label = None
    for child in el:
        if _xml.localname(child.tag) != "data":
            continue
        _, name, _ = keys.get(child.get("key"), ("all", child.get("key"), None))
        if len(child):  # structured data, e.g. yEd's graphics: keep its label text
            label = label or _graphics_label(child)
            continue
        attrs[name] = child.text
    label = label or next((v for k, v in attrs.items() if k.lower() == "label"), None)
    record = {"element": element, "id": el.get("id"), "label": label, "attrs": attrs}
    if element == "edge":
        record.update(source=el.get("source"), target=el.get("target"), kind=None, start=None)
    return record


def _graphics_label(data) -> str | None:
    for node in data.iter():
        if _xml.localname(node.tag) in ("NodeLabel", "EdgeLabel") and node.text and node.text.strip():
            return node.text.strip()
    return None


def map_record(record, context: GraphContext | None = None) -> Mapped:
    """One GraphML node (an account) or edge (an interaction); hyperedges are rejected."""
    if isinstance(record, dict) and record.get("element") == "hyperedge":
        raise RecordError("hyperedges are not supported: only edges between two nodes are ties")
    return map_graph_record(record, context or GraphContext())
