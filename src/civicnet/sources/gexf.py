"""GEXF network files (1.1, 1.2, 1.3), as written by Gephi, 4CAT, NodeXL, networkx and civicnet.

What it reads
    A ``<gexf>`` document with one ``<graph>``: the ``<attributes>`` declarations
    (``class="node"`` / ``"edge"``, each ``<attribute id title type>`` with an
    optional ``<default>``), ``<node id label>`` elements with their
    ``<attvalue for|id value>`` children, and ``<edge source target kind label>``
    elements. Nodes become accounts, edges interactions; the mapping is shared with
    GraphML and described in :mod:`civicnet.sources._graph`.

How a user gets it
    Gephi: File → Export → Graph file… → GEXF. 4CAT: any network processor
    ("Social network", "Co-tag network"…) → download the .gexf. NodeXL: NodeXL
    Pro's export to Gephi. networkx: ``nx.write_gexf(G, "net.gexf")``.

Options (extra keys of the source entry)
    ``platform:`` the platform the accounts are on (default ``other``);
    ``kind:`` the interaction kind of edges that do not say (default ``mention``);
    ``kind_map: {VALUE: KIND}`` for edge kind values we do not know (null: no tie);
    ``id_attribute:`` a node attribute (by title) to use as the account id instead
    of the node id.

Quirks and limits
    * attribute values are matched by declared title, case- and punctuation-blind
      (``Followers``, ``followers_count``…); a declared ``<default>`` applies to a
      node or edge without a value, as GEXF says;
    * undirected graphs (``defaultedgetype="undirected"``) still give one
      interaction per edge, stored source → target as written: the direction is
      arbitrary there;
    * ``weight`` is not kept (one interaction per edge; interactions carry no
      weight), nor are layout, colours and sizes (``viz:``);
    * parallel edges without a message id between the same two accounts with the
      same kind collapse into one interaction (the store keys ties without a
      message by who, whom and kind);
    * dynamic graphs: an edge's ``start`` is its time when the graph's
      ``timeformat`` is ``date`` or ``dateTime``; time slices (``spells``) are ignored;
    * XML safety: no DTDs or entities (billion laughs, XXE) — see
      :mod:`civicnet.sources._xml`.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Mapped, Platform
from . import _xml
from ._graph import GraphContext, context_from_options, map_graph_record, remember_node_id
from ._detect import Sample
from ._io import SourceFile

NAME = "gexf"
PLATFORM = Platform.OTHER.value
TITLE = "GEXF network file (Gephi, 4CAT, NodeXL, networkx)"
HOW_TO_EXPORT = (
    "Gephi: File > Export > Graph file > GEXF; 4CAT: a network processor's .gexf download; "
    "networkx: nx.write_gexf(G, 'net.gexf'). Nodes become accounts, edges interactions"
)
EXAMPLE = "- {format: gexf, path: data/mention-network.gexf, platform: twitter, kind: mention}"


def detect(sample: Sample) -> int:
    text = sample.text
    if not text or not text.lstrip().startswith("<"):
        return 0
    if _xml.root_of(text) == "gexf":
        return 100 if sample.suffix == ".gexf" else 95
    return 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    context = context_from_options(options, f"{source.path}")
    declared: dict[tuple[str, str], tuple[str, str | None]] = {}  # (class, id) -> (title, default)
    seen_graph = False
    for event, el in _xml.iterparse(source, NAME, "gexf"):
        tag = _xml.localname(el.tag)
        if event == "start":
            if tag == "graph" and not seen_graph:
                seen_graph = True
                _graph_settings(el, context)
            continue
        if tag == "attribute":
            _declare(el, declared)
        elif tag == "node":
            record = _record(el, "node", declared)
            remember_node_id(record, context)
            yield Raw(f"node {record['id']!r} (line {el.sourceline})", record, context)
            _xml.release(el)
        elif tag == "edge":
            record = _record(el, "edge", declared)
            name = f"edge {record['id']!r}" if record.get("id") else "edge"
            yield Raw(f"{name} (line {el.sourceline})", record, context)
            _xml.release(el)
    if not seen_graph:
        raise source.error("the file has no <graph> element", fmt=NAME)


def _graph_settings(el, context: GraphContext) -> None:
    timeformat = (el.get("timeformat") or "").lower()
    context.dated_start = timeformat in ("date", "datetime")


def _declare(el, declared: dict) -> None:
    parent = el.getparent()
    klass = (parent.get("class") if parent is not None else None) or "node"
    default = None
    for child in el:
        if _xml.localname(child.tag) == "default":
            default = child.text
    key = el.get("id")
    if key is not None:
        declared[(klass, key)] = (el.get("title") or key, default)


def _record(el, element: str, declared: dict) -> dict:
    attrs: dict[str, str | None] = {}
    for (klass, _key), (title, default) in declared.items():
        if klass == element and default is not None:
            attrs[title] = default
    for child in el.iter():
        if _xml.localname(child.tag) != "attvalue":
            continue
        key = child.get("for", child.get("id"))
        title = declared.get((element, key), (key, None))[0]
        attrs[title] = child.get("value")
    record = {"element": element, "id": el.get("id"), "label": el.get("label"), "attrs": attrs}
    if element == "edge":
        record.update(source=el.get("source"), target=el.get("target"), kind=el.get("kind"),
                      start=el.get("start"), weight=el.get("weight"))
    return record


def map_record(record, context: GraphContext | None = None) -> Mapped:
    """One GEXF node (an account) or edge (an interaction)."""
    return map_graph_record(record, context or GraphContext())
