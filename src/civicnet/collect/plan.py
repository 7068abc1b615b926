"""Where collected data goes and how ingest finds it, without touching the case file.

Every ``collect:`` entry writes into its own folder next to the case file,
``data/collected/<name>/`` (``<name>`` is ``platform-kind-target``, or the entry's
``name:``), holding ``part-NNNNN.jsonl.gz`` files, ``state.json`` and
``manifest.jsonl``. The user's YAML is never rewritten: at run time
:func:`with_collected` returns the case with one source per committed part (the
importer's format and the options the collector saved, e.g. Mastodon's
``instance:``/``relation:``/``account:``), so ``ingest_case`` reads collected pages
through exactly the path it reads exported files.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..case import Case, SourceSpec, confined
from .cursors import read_state
from .spec import CollectSpec, parse_collect

COLLECTED_DIR = Path("data") / "collected"


def folder_of(case: Case, spec: CollectSpec) -> Path:
    """The entry's folder: ``data/collected/<name>`` next to the case file."""
    return case.folder / COLLECTED_DIR / spec.name


def collected_sources(case: Case, specs: list[CollectSpec] | None = None) -> list[SourceSpec]:
    """One source per part already collected for the case's entries, in order."""
    out = []
    for spec in parse_collect(case) if specs is None else specs:
        folder = folder_of(case, spec)
        state = read_state(folder)
        if not state:
            continue
        source = state.get("source") or {}
        for part in state.get("parts") or []:
            path = folder / str(part.get("file")) if isinstance(part, dict) else folder
            confined(path, folder, folder / "state.json", f"part {str(part)[:80]!r}")  # a shared folder's state
            if path.is_file() and path != folder:
                out.append(SourceSpec(path=path, format=source.get("format"), options=dict(source.get("options") or {})))
    return out


def with_collected(case: Case, specs: list[CollectSpec] | None = None) -> Case:
    """The case with its collected parts added to ``sources`` (the file is not changed)."""
    extra = [s for s in collected_sources(case, specs) if s.path not in {x.path for x in case.sources}]
    return replace(case, sources=tuple(case.sources) + tuple(extra)) if extra else case
