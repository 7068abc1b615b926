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

A raw record may be a :class:`Broken` instead (a JSON line that is no JSON value, a CSV
row with the wrong number of fields): the import rejects it with its reason without
mapping it. A record that maps to nothing (:func:`maps_to_nothing`) is rejected too.

A module may add a fast path: ``bulk_applies(source, options) -> bool`` and
``bulk_batches(source, options, strict=…)``, an object whose ``batches()`` yields Arrow
batches (:class:`~civicnet.columns.Batch`) of the records its ``map_record`` gives, and
then tells ``records_read``, ``rejects`` and ``yielded`` (twitter-v2 does, for JSON Lines).
The ingest writes them as it writes the row path's records.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, NamedTuple

from ..columns import Rows, gives_nothing
from ..errors import FormatError, InputError, RecordError, UndetectableFormat
from ..model import Mapped
from ._detect import Sample
from ._io import Broken, SourceFile

__all__ = ["REGISTRY", "NOT_DETECTED", "Raw", "Broken", "Sample", "SourceFile", "get", "modules", "detect", "scores",
           "check_declared", "maps_to_nothing", "map_one", "map_into"]

#: format name -> module, in the order ``civicnet formats`` lists them.
REGISTRY: dict[str, str] = {
    "twitter-v2": "civicnet.sources.twitter_v2",
    "twitter-v1": "civicnet.sources.twitter_v1",
    "twitter-archive": "civicnet.sources.twitter_archive",
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

#: Formats that are never guessed: they need options from the case file. (``csv`` is detected only
#: for the known layouts it maps itself, such as twarc-csv's; any other table needs ``format: csv``.)
NOT_DETECTED: set[str] = set()
#: Formats a source may always be declared as, whatever the file looks like (a mapped generic table).
ALWAYS_DECLARABLE = {"csv"}


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


def scores(sample: Sample) -> dict[str, int]:
    """How surely each detectable format recognises a sample (0..100), best first."""
    found = {name: get(name).detect(sample) for name in REGISTRY if name not in NOT_DETECTED}
    return dict(sorted(found.items(), key=lambda kv: -kv[1]))


def detect(source: SourceFile) -> str:
    """The name of the format that recognises ``source`` best.

    Raises :class:`UndetectableFormat` when none does.
    """
    sample = _sample(source)
    best, best_score = next(iter(scores(sample).items()))
    if best_score <= 0:
        problem = "binary data, not a known export" if sample.text is None and not _is_xlsx(sample) else ""
        raise UndetectableFormat(source.path, problem)
    return best


#: A declared format that does not recognise the file is refused when another does at least this surely.
CLEARLY = 85


def check_declared(source: SourceFile, fmt: str) -> None:
    """Refuse a file named as ``fmt`` that is clearly another format ("did you mean")."""
    if fmt in NOT_DETECTED | ALWAYS_DECLARABLE or source.size == 0:
        return
    try:
        sample = _sample(source)
    except FormatError:
        return  # the importer says what is wrong with the file
    found = scores(sample)
    if found.get(fmt, 0) > 0:
        return
    best, best_score = next(iter(found.items()))
    if best_score >= CLEARLY and best != fmt:
        raise FormatError(source.path, f"this is not {fmt} data but looks like {best} ({get(best).TITLE}); "
                          f"did you mean `format: {best}`? Or leave `format:` out to detect it", fmt=fmt)


def _sample(source: SourceFile) -> Sample:
    if source.size == 0:
        raise UndetectableFormat(source.path, "the file is empty")
    sample = Sample.of(source)
    if not sample.head.strip():
        raise UndetectableFormat(source.path, "the file holds only blank space")
    return sample


def _is_xlsx(sample: Sample) -> bool:
    return sample.head[:2] == b"PK"


def maps_to_nothing(mapped: Mapped) -> bool:
    """Whether a record gave messages with nothing but an id: no author, time, text, parent or media,
    and no account or tie (an object of another format read as this one). A record that
    deliberately gives nothing (a network file's "Tweet" self-loop) is not such a record, nor is
    a sparse but real one (a Graph API post fetched with default fields has its time)."""
    return gives_nothing(len(mapped.accounts), len(mapped.interactions),
                         ((m.account, m.created_at, m.text, m.parent, m.has_media) for m in mapped.messages))


#: Why a record of another format, read as this one, is rejected (:func:`maps_to_nothing`).
NOTHING = "the record gives a message with nothing but an id (no author, time, text or parent): is the file of another format?"
NOTHING_FIX = "check the source's `format:` (leave it out to detect the format)"
#: What a mapper raises on a record of an unexpected shape (rejected with the exception's text).
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)


def map_one(module: ModuleType, raw: Raw) -> Mapped | Broken:
    """One raw record mapped by its importer, or a :class:`Broken` saying why it is rejected.

    The one place a record is judged, for the row path and the fast path alike (:func:`map_into`
    judges a record by the same rules where a mapper appends rows): a raw :class:`Broken`, a
    :class:`~civicnet.errors.RecordError`, an unexpected shape, or a record that maps to nothing
    (:func:`maps_to_nothing`).
    """
    if isinstance(raw.record, Broken):
        return raw.record
    try:
        mapped = module.map_record(raw.record, raw.context)
    except RecordError as exc:
        return Broken(exc.reason, exc.fix)
    except SHAPE_ERRORS as exc:
        return _shape(exc)
    if maps_to_nothing(mapped):
        return Broken(NOTHING, NOTHING_FIX)
    return mapped


def map_into(map_rows, record, context, rows: Rows) -> Broken | None:
    """:func:`map_one` for a mapper that appends rows (``map_rows(record, context, rows)``): None when
    the record's rows are kept, else why it is rejected (its rows are taken back)."""
    mark = rows.mark()
    try:
        map_rows(record, context, rows)
    except RecordError as exc:
        broken = Broken(exc.reason, exc.fix)
    except SHAPE_ERRORS as exc:
        broken = _shape(exc)
    else:
        if not rows.gives_nothing_since(mark):
            return None
        broken = Broken(NOTHING, NOTHING_FIX)
    rows.undo(mark)
    return broken


def _shape(exc: Exception) -> Broken:
    return Broken(f"unexpected shape ({type(exc).__name__}: {exc})")
