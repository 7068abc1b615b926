"""Downloads of a case's files: the case file, the network tables and messages.csv.

The tables are the ones ``civicnet run`` writes (CONTRACT.md), written on request
into a temporary folder with the dashboard's labels (pseudonyms in pseudonymised
mode). The source export files are offered too, except in pseudonymised mode (they
hold the real names). Only files named here can be downloaded: a request names one
of :func:`listing`'s entries, never a path.
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


def listing(case: Case, pseudonymised: bool) -> list[dict]:
    """The case's downloadable files: name, what it holds, media type."""
    files = [{"name": "case.yaml", "description": "the case file", "media_type": "application/yaml"}]
    main = case.networks[0]
    files += [
        {"name": "nodes.csv", "description": f"accounts of the {main} network with their metrics", "media_type": "text/csv"},
        {"name": "edges.csv", "description": f"ties of the {main} network", "media_type": "text/csv"},
        {"name": "network.gexf", "description": f"the {main} network for Gephi", "media_type": "application/xml"},
        {"name": "messages.csv", "description": "every counted message with its classification", "media_type": "text/csv"},
    ]
    if not pseudonymised:
        for n, spec in enumerate(case.sources):
            if spec.path.is_file():
                files.append({"name": f"source-{n + 1}-{spec.path.name}",
                              "description": f"source export ({spec.format or 'detected format'})",
                              "media_type": "application/octet-stream"})
    return files


def source_path(case: Case, name: str) -> Path | None:
    """The source file behind a ``source-N-NAME`` download name, if it is one."""
    for n, spec in enumerate(case.sources):
        if name == f"source-{n + 1}-{spec.path.name}" and spec.path.is_file():
            return spec.path
    return None


def write_table(name: str, folder: Path, analysis: "CaseAnalysis", label: Label | None) -> Path:
    """Write one of :data:`TABLES` into ``folder`` (as ``civicnet run`` writes it) and return its path."""
    if name not in TABLES:
        raise KeyError(name)
    out = folder / name
    tables.write_table(analysis, name, out, label)
    return out
