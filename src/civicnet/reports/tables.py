"""The tables ``civicnet run`` writes: nodes.csv, edges.csv, network.gexf (the main network) and
messages.csv, each a pure function of a :class:`~civicnet.analysis.CaseAnalysis` and a labeller."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..labels import Label
from ..tactics.table import write_messages_csv

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

#: The files :func:`write_table` writes.
TABLES = ("nodes.csv", "edges.csv", "network.gexf", "messages.csv")


def write_table(analysis: "CaseAnalysis", name: str, path: Path, label: Label | None = None) -> bool:
    """Write the table ``name`` (one of :data:`TABLES`) to ``path``; False when the case has no
    main network to write it from."""
    if name == "messages.csv":
        write_messages_csv(analysis.message_rows, path, label)  # streamed from its file, never whole
        return True
    main = analysis.main_network
    if main is None:
        return False
    if name == "nodes.csv":
        main.write_nodes_csv(path, label=label)
    elif name == "edges.csv":
        main.write_edges_csv(path, label=label)
    elif name == "network.gexf":
        main.write_gexf(path, label=label)
    else:
        raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
    return True


def write_tables(analysis: "CaseAnalysis", out: Path, label: Label | None = None) -> list[Path]:
    """Every table into the folder ``out``; the paths written."""
    return [out / name for name in TABLES if write_table(analysis, name, out / name, label)]
