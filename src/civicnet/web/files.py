"""Downloads of a case's files: the network tables and messages.csv.

Only outputs civicnet writes: the tables of ``civicnet run`` (CONTRACT.md), written on
request into a temporary folder with the dashboard's labels (pseudonyms in pseudonymised
mode). Input files — the source exports and the case file — are never served: a shared
case file could name any file on the machine, and exports hold the real names. A request
names one of :func:`listing`'s entries, never a path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..case import Case
from ..labels import Label
from ..reports import tables

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

TABLES = {
    "nodes.csv": "text/csv", "edges.csv": "text/csv", "network.gexf": "application/xml",
    "messages.csv": "text/csv",
}


def listing(case: Case) -> list[dict]:
    """The case's downloadable files: name, what it holds, media type."""
    main = case.networks[0]
    return [
        {"name": "nodes.csv", "description": f"accounts of the {main} network with their metrics", "media_type": "text/csv"},
        {"name": "edges.csv", "description": f"ties of the {main} network", "media_type": "text/csv"},
        {"name": "network.gexf", "description": f"the {main} network for Gephi", "media_type": "application/xml"},
        {"name": "messages.csv", "description": "every counted message with its classification", "media_type": "text/csv"},
    ]


def write_table(name: str, folder: Path, analysis: "CaseAnalysis", label: Label | None) -> Path:
    """Write one of :data:`TABLES` into ``folder`` (as ``civicnet run`` writes it) and return its path."""
    if name not in TABLES:
        raise KeyError(name)
    out = folder / name
    tables.write_table(analysis, name, out, label)
    return out
