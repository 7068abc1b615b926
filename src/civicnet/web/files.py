"""Downloads of a case's files: the case file, the network tables and messages.csv.

The tables are the ones ``civicnet run`` writes (CONTRACT.md), written on request
into a temporary folder with the dashboard's labels (pseudonyms in pseudonymised
mode). The source export files are offered too, except in pseudonymised mode (they
hold the real names). Only files named here can be downloaded: a request names one
of :func:`listing`'s entries, never a path.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..case import Case
from ..store import Store

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


def write_table(name: str, folder: Path, store: Store, case: Case, analysis, label) -> Path:
    """Write one of :data:`TABLES` into ``folder`` and return its path."""
    out = folder / name
    if name == "nodes.csv":
        analysis.write_nodes_csv(out, label=label)
    elif name == "edges.csv":
        analysis.write_edges_csv(out, label=label)
    elif name == "network.gexf":
        analysis.write_gexf(out, label=label)
    elif name == "messages.csv":
        _messages_csv(store, case, out, label)
    else:
        raise KeyError(name)
    return out


def _messages_csv(store: Store, case: Case, out: Path, label) -> None:
    from ..tactics import messages_table

    table = messages_table(store, case)
    text = getattr(label, "text", None)
    columns = table.column_names
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for batch in table.to_batches(50_000):
            for row in batch.to_pylist():
                row["account"] = label(row["account"])
                if row.get("answered_by"):
                    row["answered_by"] = label(row["answered_by"])
                if text:
                    row["text"] = text(row["text"])
                writer.writerow(["" if row[c] is None else _value(row[c]) for c in columns])


def _value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
