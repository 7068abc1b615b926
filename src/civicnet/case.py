"""Case files: a case described in YAML so an analysis can be rerun and shared.

Loaded safely: no YAML tags, no aliases (so no alias-expansion bombs), a size limit,
and every field checked with a message that names the field and what is expected.
Paths are relative to the case file and stay in its folder or below (symlinks resolved):
a shared case file cannot make civicnet read ``../../.ssh/id_rsa`` or ``/etc/shadow``,
unless the user allows it (``allow_outside``, the CLI's ``--allow-outside``).
See docs/case-file.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .errors import CaseFileError

MAX_CASE_FILE_BYTES = 1 << 20
LEVELS = ("micro", "meso", "macro")
LANGUAGES = ("nl", "en")
NETWORKS = ("mention", "co-comment", "follow", "reply", "co-hashtag")
ROLES = ("senior_official", "communications", "civil_servant", "organisation", "politician")
GOV_LEVELS = ("national", "regional", "local")
#: How the factsheet lays out its network pictures (`layout:`; docs/networks.md "The picture").
LAYOUTS = ("group-in-a-box", "force")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_TOP_KEYS = {
    "id", "title", "description", "level", "period", "language", "sources", "government",
    "focus", "networks", "reach_threshold", "events", "policy_phase", "collect", "community_method",
    "platform", "organisation", "public", "layout",
}
#: Kinds of organisation whose shipped inbox routing rules apply (`organisation:`; docs/webcare.md).
ORGANISATIONS = ("municipality", "police", "ministry", "agency")


@dataclass(frozen=True)
class SourceSpec:
    """One source of a case: a file and its format (None: detect it)."""

    path: Path
    format: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GovernmentSpec:
    """A government account named by the case file."""

    handle: str
    role: str | None = None
    body: str | None = None
    level: str | None = None
    platform: str | None = None


@dataclass(frozen=True)
class Event:
    date: date
    label: str


@dataclass(frozen=True)
class Case:
    """A validated case file."""

    path: Path
    id: str
    title: str
    level: str | None
    language: str
    period_start: date | None
    period_end: date | None
    sources: tuple[SourceSpec, ...]
    government: tuple[GovernmentSpec, ...] = ()
    focus: tuple[str, ...] = ()
    networks: tuple[str, ...] = ("mention",)
    reach_threshold: float = 0.10
    events: tuple[Event, ...] = ()
    description: str | None = None
    policy_phase: str | None = None
    community_method: str = "leiden"
    organisation: str | None = None
    public: tuple[GovernmentSpec, ...] = ()
    layout: str = "group-in-a-box"
    #: The format(s) of the export file, or of the folder's export files, given in place of a case
    #: file (:mod:`civicnet.implied_case`; comma-separated); None for a case file.
    implied_format: str | None = None
    #: The files of such a folder that are no export civicnet recognises (left out).
    implied_left_out: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def folder(self) -> Path:
        return self.path.parent


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that also refuses aliases and explicit tags."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed in case files", event.start_mark
            )
        event = self.peek_event()
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise yaml.MarkedYAMLError(None, None, f"YAML tags ({tag}) are not allowed in case files", event.start_mark)
        return super().compose_node(parent, index)


def load_case(path: str | Path, *, allow_outside: bool = False) -> Case:
    """Read and validate a case file; raises :class:`CaseFileError`.

    An export file that civicnet recognises, given in place of a case file, is the case of that
    file alone (:func:`civicnet.implied_case.implied_case`; ``Case.implied_format`` names its format);
    a folder is its ``case.yaml``, else the case of the exports in it
    (:func:`civicnet.implied_case.folder_case`).
    ``allow_outside``: sources may lie outside the case file's folder (the user says so).
    """
    path = Path(path)
    if path.is_dir():
        from .implied_case import CASE_FILE, folder_case

        inner = path / CASE_FILE
        return load_case(inner, allow_outside=allow_outside) if inner.is_file() else folder_case(path)
    if not path.is_file():
        raise CaseFileError(path, "no such case file")
    try:
        return _read_case_file(path, allow_outside)
    except CaseFileError:
        from .implied_case import implied_case

        case = implied_case(path)
        if case is None:
            if path.suffix.lower() in EXPORT_SUFFIXES:  # no YAML case file: its YAML problem would mislead
                raise CaseFileError(path, ("empty: " if not path.stat().st_size else "") + _UNRECOGNISED) from None
            raise
        return case


#: Names of export files, not of case files: given in place of a case file and not recognised,
#: such a file is reported as an export civicnet does not recognise (not by its YAML problem).
EXPORT_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".xlsx", ".gexf", ".graphml", ".js")
_UNRECOGNISED = ("no export civicnet recognises, and not a case file; `civicnet formats` lists the formats it "
                 "reads — a case file naming the format (`format:`) says what it cannot read in this file")


def _read_case_file(path: Path, allow_outside: bool) -> Case:
    if path.stat().st_size > MAX_CASE_FILE_BYTES:
        raise CaseFileError(path, "larger than 1 MiB: not a case file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError(path, "not UTF-8 text: not a case file") from None
    if "\x00" in text:
        raise CaseFileError(path, "contains NUL bytes: not a case file")
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise CaseFileError(path, f"{where}{exc.problem or exc.context}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise CaseFileError(path, f"not valid YAML ({type(exc).__name__})") from None
    except ValueError as exc:  # PyYAML builds dates itself: 2021-13-01 fails there
        raise CaseFileError(path, f"a date that does not exist ({exc}); write dates as YYYY-MM-DD") from None
    try:
        return parse_case(data, path, allow_outside=allow_outside)
    except CaseFileError as exc:  # said in the case's language where the file says it (CONTRACT "Language")
        if isinstance(data, dict) and data.get("language") in LANGUAGES:
            exc.language = data["language"]
        raise


def parse_case(data: Any, path: Path, *, allow_outside: bool = False) -> Case:
    """Validate the parsed YAML of a case file (``allow_outside``: see :func:`load_case`)."""
    path = Path(path)
    if not isinstance(data, dict):
        raise CaseFileError(path, "expected a mapping with at least `id`, `title` and `sources`")
    unknown = sorted(set(map(str, data)) - _TOP_KEYS)
    if unknown:
        raise CaseFileError(path, f"unknown field(s) {', '.join(unknown)}; known fields: {', '.join(sorted(_TOP_KEYS))}")
    v = _Validator(path)
    case_id = v.string(data, "id", required=True)
    if not _ID.match(case_id):
        raise CaseFileError(path, "`id` must be letters, digits, '.', '_' or '-' (at most 100), starting with a letter or digit")
    period = data.get("period")
    start = end = None
    if period is not None:
        if not isinstance(period, dict):
            raise CaseFileError(path, "`period` must be a mapping {start: YYYY-MM-DD, end: YYYY-MM-DD}")
        start = v.date(period, "start", "period.start")
        end = v.date(period, "end", "period.end")
        if start and end and end < start:
            raise CaseFileError(path, f"`period.end` ({end}) is before `period.start` ({start})")
    threshold = data.get("reach_threshold", 0.10)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise CaseFileError(path, "`reach_threshold` must be a number between 0 and 1")
    networks = tuple(v.string_list(data, "networks") or ["mention"])
    for n in networks:
        if n not in NETWORKS:
            raise CaseFileError(path, f"`networks`: unknown network {n!r}; choose from {', '.join(NETWORKS)}")
    method = v.string(data, "community_method") or "leiden"
    if method not in ("leiden", "louvain", "clauset-newman-moore"):
        raise CaseFileError(path, "`community_method` must be leiden, louvain or clauset-newman-moore")
    return Case(
        path=path.resolve(),
        id=case_id,
        title=v.string(data, "title", required=True),
        level=v.choice(data, "level", LEVELS),
        language=v.choice(data, "language", LANGUAGES) or "nl",
        period_start=start,
        period_end=end,
        sources=tuple(_sources(data, path, v, allow_outside)),
        government=tuple(_government(data, path, v)),
        focus=tuple(v.string_list(data, "focus")),
        networks=networks,
        reach_threshold=float(threshold),
        events=tuple(_events(data, path, v)),
        description=v.string(data, "description"),
        policy_phase=v.string(data, "policy_phase"),
        community_method=method,
        organisation=v.choice(data, "organisation", ORGANISATIONS),
        public=tuple(_public(data, path, v)),
        layout=v.choice(data, "layout", LAYOUTS) or "group-in-a-box",
        raw=data,
    )


def _sources(data, path: Path, v: "_Validator", allow_outside: bool = False):
    sources = data.get("sources")
    if sources is None and data.get("collect"):
        return  # a case that only collects live: civicnet.collect adds its files at run time
    if not isinstance(sources, list) or not (sources or data.get("collect")):
        raise CaseFileError(path, "`sources` must be a non-empty list of {path: FILE, format: FORMAT}")
    from .sources import REGISTRY

    for n, entry in enumerate(sources, 1):
        where = f"sources[{n}]"
        if isinstance(entry, str):
            entry = {"path": entry}
        if not isinstance(entry, dict):
            raise CaseFileError(path, f"`{where}` must be a mapping {{path: FILE, format: FORMAT}}")
        rel = v.string(entry, "path", f"{where}.path", required=True)
        fmt = v.string(entry, "format", f"{where}.format")
        if fmt is not None and fmt not in REGISTRY:
            raise CaseFileError(path, f"`{where}.format`: unknown format {fmt!r}; known: {', '.join(REGISTRY)}")
        options = {k: val for k, val in entry.items() if k not in ("path", "format")}
        _check_reading_options(path, where, options)
        source = path.resolve().parent / rel
        if not allow_outside:
            confined(source, path.resolve().parent, path, f"`{where}.path` {rel!r}")
        yield SourceSpec(path=source, format=fmt, options=options)


def confined(target: Path, folder: Path, case_path: Path, what: str) -> None:
    """Refuse ``target`` (symlinks resolved) unless it is in ``folder`` or below."""
    try:
        real = target.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise CaseFileError(case_path, f"{what} cannot be resolved ({exc})") from None
    if not real.is_relative_to(folder.resolve()):
        raise CaseFileError(
            case_path,
            f"{what} is outside the case file's folder ({real}); a case file reads only files in its own "
            "folder and below; if you trust this case file, run the command again with --allow-outside")


def _check_reading_options(path: Path, where: str, options: dict) -> None:
    """The options every format takes for reading text: ``encoding``, ``date_format``, ``delimiter``."""
    from .sources._text import check_encoding

    if "encoding" in options:
        try:
            check_encoding(options["encoding"])
        except ValueError as exc:
            raise CaseFileError(path, f"`{where}.encoding`: {exc}") from None
    formats = options.get("date_format")
    if formats is not None:
        listed = [formats] if isinstance(formats, str) else formats
        if not isinstance(listed, list) or not listed or not all(isinstance(f, str) and "%" in f for f in listed):
            raise CaseFileError(path, f"`{where}.date_format` must be a strptime format such as \"%d/%m/%Y %H:%M\" "
                                      "or a list of them")
    delimiter = options.get("delimiter")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter.replace("\\t", "\t")) != 1):
        raise CaseFileError(path, f"`{where}.delimiter` must be one character (\\t for tab), not {delimiter!r}")


def _accounts(data, key: str, path: Path, shape: str):
    """``(where, mapping)`` of each entry of a list of accounts (``government:``, ``public:``): a
    handle alone (text or a number, such as a Facebook page id) or a mapping."""
    entries = data.get(key) or []
    if not isinstance(entries, list):
        raise CaseFileError(path, f"`{key}` must be a list of {shape}")
    for n, entry in enumerate(entries, 1):
        where = f"{key}[{n}]"
        if isinstance(entry, (str, int)) and not isinstance(entry, bool):
            entry = {"handle": str(entry)}
        if not isinstance(entry, dict):
            raise CaseFileError(path, f"`{where}` must be a mapping {shape}")
        yield where, entry


def _government(data, path: Path, v: "_Validator"):
    for where, entry in _accounts(data, "government", path, "{handle, role, body, level}"):
        handle = v.string(entry, "handle", f"{where}.handle", required=True).lstrip("@")
        yield GovernmentSpec(
            handle=handle,
            role=v.choice(entry, "role", ROLES, f"{where}.role"),
            body=v.string(entry, "body", f"{where}.body"),
            level=v.choice(entry, "level", GOV_LEVELS, f"{where}.level"),
            platform=v.string(entry, "platform", f"{where}.platform"),
        )


def _public(data, path: Path, v: "_Validator"):
    """``public:``: accounts that are not government but keep their names under ``--pseudonymise``."""
    for where, entry in _accounts(data, "public", path, "{handle, platform}"):
        if set(entry) - {"handle", "platform"}:
            raise CaseFileError(path, f"`{where}` must be a handle or a mapping {{handle, platform}}")
        handle = v.string(entry, "handle", f"{where}.handle", required=True).lstrip("@")
        yield GovernmentSpec(handle=handle, platform=v.string(entry, "platform", f"{where}.platform"))


def _events(data, path: Path, v: "_Validator"):
    entries = data.get("events") or []
    if not isinstance(entries, list):
        raise CaseFileError(path, "`events` must be a list of {date: YYYY-MM-DD, label: TEXT}")
    for n, entry in enumerate(entries, 1):
        where = f"events[{n}]"
        if not isinstance(entry, dict):
            raise CaseFileError(path, f"`{where}` must be a mapping {{date, label}}")
        yield Event(date=v.date(entry, "date", f"{where}.date", required=True), label=v.string(entry, "label", f"{where}.label") or "")


class _Validator:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, problem: str):
        raise CaseFileError(self.path, problem)

    def string(self, data: dict, key: str, name: str | None = None, required: bool = False) -> str | None:
        name = name or key
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"`{name}` is required")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"`{name}` must be text")
        return value

    def string_list(self, data: dict, key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in value):
            self.fail(f"`{key}` must be a list of text")
        return [str(x) for x in value]

    def choice(self, data: dict, key: str, allowed, name: str | None = None) -> str | None:
        value = self.string(data, key, name)
        if value is not None and value not in allowed:
            self.fail(f"`{name or key}` must be one of {', '.join(allowed)}, not {value!r}")
        return value

    def date(self, data: dict, key: str, name: str | None = None, required: bool = False) -> date | None:
        name = name or key
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"`{name}` is required")
            return None
        if isinstance(value, date):
            return value if not hasattr(value, "hour") else value.date()
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(f"`{name}` must be a date YYYY-MM-DD, not {value!r}")
