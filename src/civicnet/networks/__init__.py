"""Networks of a case: who is central, which groups exist, which groups government reaches.

::

    with store.case(case) as scope:                     # the case's scope (civicnet.store.scope)
        net = build_network(scope, "mention")           # build.py + ties.py (DuckDB → arrays)
    res = analyse_network(net, method="leiden", seed=42, reach_threshold=case.reach_threshold)
    res.summary()                                       # summary.json networks.NAME
    res.nodes, res.edges                                # Arrow tables: nodes.csv, edges.csv
    res.to_igraph(), res.to_networkx()                  # the graph, with the same attributes
    res.write_nodes_csv(path); res.write_edges_csv(path); res.write_gexf(path); res.write_graphml(path)
    picture = res.draw_svg(width_mm=260)                # NetworkPicture(svg, caption, …)

Modules: :mod:`.ties` (the tie definitions in SQL), :mod:`.build` (nodes, edges,
government marks), :mod:`.metrics`, :mod:`.communities`, :mod:`.reach` (reach and
bridges), :mod:`.result` (analysis and summary), :mod:`.export`, :mod:`.case` (the case's
networks as a measure); the picture: :mod:`.draw` (SVG in printed points), :mod:`.selection`
(what is drawn), :mod:`.layout` (group-in-a-box, force), :mod:`.treemap`, :mod:`.labels` (names
without overlap), :mod:`.palette`.
"""

from .build import KINDS, Network, build_network, network_from_edges
from .draw import NetworkPicture
from .result import NetworkResult, analyse_network

__all__ = ["KINDS", "Network", "NetworkPicture", "NetworkResult", "analyse_network", "build_network", "network_from_edges"]
