"""Importers: one module per export format, registered explicitly.

Every importer module has the same face:

``NAME``
    the format name used in case files (``twitter-v2``…).
``PLATFORM``
    the platform its records belong to (a :class:`~civicnet.model.Platform` value).
``TITLE``, ``HOW_TO_EXPORT``, ``EXAMPLE``
    what ``civicnet formats`` prints.
``detect(sample) -> int``
    0 (not this format) to 100 (certain), from a cheap look at the file's start.
``iter_raw(source, options) -> Iterator[Raw]``
    streams the file's raw records; a file that cannot be read as the format raises
    :class:`~civicnet.errors.FormatError`.
``map_record(record, context) -> Mapped``
    pure: one raw record to platform-neutral records; a record that cannot be stored
    raises :class:`~civicnet.errors.RecordError` (it is skipped and counted).

Modules may add ``bulk_ingest`` for a faster path through DuckDB.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, NamedTuple

from ..errors import FormatError, InputError, UndetectableFormat
from ._io import Sample, SourceFile

#: format name -> module, in the order ``civicnet formats`` lists them.
REGISTRY: dict[str, str] = {
    "twitter-v2": "civicnet.sources.twitter_v2",
    "twitter-v1": "civicnet.sources.twitter_v1",
    "facebook-graph": "civicnet.sources.facebook_graph",
    "crowdtangle": "civicnet.sources.crowdtangle",
    "linkedin": "civicnet.sources.linkedin",
    "mastodon": "civicnet.sources.mastodon",
    "bluesky": "civicnet.sources.bluesky",
    "nodexl": "civicnet.sources.nodexl",
    "gexf": "civicnet.sources.gexf",
    "graphml": "civicnet.sources.graphml",
    "4cat": "civicnet.sources.fourcat",
    "csv": "civicnet.sources.generic_csv",
}

#: Formats that are never guessed: they need options from the case file.
NOT_DETECTED = {"csv"}


class Raw(NamedTuple):
    """One raw record as the file holds it, with what mapping it needs besides."""

    location: str
    record: Any
    context: Any = None


def get(name: str) -> ModuleType:
    """The importer module for a format name."""
    try:
        module = REGISTRY[name]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise InputError(f"unknown format {name!r}; known formats: {known}") from None
    return importlib.import_module(module)


def modules() -> list[ModuleType]:
    """Every importer module, in registry order."""
    return [get(name) for name in REGISTRY]


def detect(source: SourceFile) -> str:
    """The name of the format that recognises ``source`` best.

    Raises :class:`UndetectableFormat` when none does.
    """
    if source.size == 0:
        raise UndetectableFormat(source.path, "the file is empty")
    try:
        sample = Sample.of(source)
    except FormatError:
        raise
    if not sample.head.strip():
        raise UndetectableFormat(source.path, "the file holds only blank space")
    best, best_score = None, 0
    for name in REGISTRY:
        if name in NOT_DETECTED:
            continue
        score = get(name).detect(sample)
        if score > best_score:
            best, best_score = name, score
    if best is None:
        problem = "binary data, not a known export" if sample.text is None and not _is_xlsx(sample) else ""
        raise UndetectableFormat(source.path, problem)
    return best


def _is_xlsx(sample: Sample) -> bool:
    return sample.head[:2] == b"PK"
