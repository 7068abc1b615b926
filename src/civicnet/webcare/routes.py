"""Routing rules and service levels of one organisation (``ROUTES.yaml``).

A routes file says, for one organisation, where each inbox item goes and how fast it
must get a first answer. It is loaded like a case file: safe YAML (no tags, no
aliases), at most 1 MiB, every field checked, and any problem reported in one line
that names the file and the field (:class:`RoutesFileError`, an input error: exit 1).
The shipped rules of a Dutch municipality are ``webcare/data/routes/municipality.yaml``
(docs/webcare.md explains every field)::

    organisation: Gemeente Voorbeeld
    default_route: Klantcontactcentrum
    service_levels: {question: 24, report: 4, high_urgency: 1}   # hours; null: none
    business_hours: {timezone: Europe/Amsterdam, days: [mon, tue, wed, thu, fri],
                     start: "08:30", end: "17:00", holidays: [2014-04-21]}
    rules:
      - {name: spoed, route: Team Veiligheid, urgency: high}
      - {name: afval, route: Afval en Reiniging, keywords: [afval, container*]}

Rules are tried in order; the first whose conditions all hold fires. A condition
given as a list holds when any of its values does. Conditions: ``category``,
``urgency``, ``keywords`` (Dutch/English words or phrases, case-insensitive, matched
on word boundaries; a trailing ``*`` also matches longer words: ``vergunning*``),
``account`` (sender identifiers, case-insensitive, ``@`` optional), ``language``
(``nl``/``en``: the platform's language, else a guess from the text) and ``hours``
(``business`` or ``outside`` the business hours). No rule fires: ``default_route``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ..errors import InputError
from .classify import CATEGORIES, URGENCIES

MAX_ROUTES_FILE_BYTES = 1 << 20
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: First-response targets in hours when the routes file names none (docs/webcare.md).
DEFAULT_SERVICE_LEVELS: dict[str, float | None] = {
    "question": 24.0, "complaint": 24.0, "report": 4.0, "praise": None, "rumour": 4.0,
    "abuse": 8.0, "noise": None, "high_urgency": 1.0,
}
#: The route when no routes file is given (or it has no rules that fire).
FALLBACK_ROUTE = "webcare"
_TOP_KEYS = {"organisation", "default_route", "service_levels", "business_hours", "rules"}
_RULE_KEYS = {"name", "route", "category", "urgency", "keywords", "account", "language", "hours"}
_BH_KEYS = {"timezone", "days", "start", "end", "holidays", "high_urgency_on_clock"}


class RoutesFileError(InputError):
    """A routes file is missing, unsafe or does not follow the routes format."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class BusinessHours:
    """Working hours in which service-level targets run (see :mod:`.sla`)."""

    timezone: ZoneInfo
    days: frozenset[int]  # 0 = Monday
    start: time
    end: time
    holidays: frozenset[date] = frozenset()
    high_urgency_on_clock: bool = True


@dataclass(frozen=True)
class Rule:
    """One routing rule; ``None`` conditions always hold."""

    name: str
    route: str
    category: frozenset[str] | None = None
    urgency: frozenset[str] | None = None
    keywords: re.Pattern | None = None
    account: frozenset[str] | None = None
    language: frozenset[str] | None = None
    hours: str | None = None


@dataclass(frozen=True)
class Routes:
    """A validated routes file (or the built-in defaults: :func:`default_routes`)."""

    default_route: str
    rules: tuple[Rule, ...] = ()
    service_levels: dict[str, float | None] = field(default_factory=lambda: dict(DEFAULT_SERVICE_LEVELS))
    business_hours: BusinessHours | None = None
    organisation: str | None = None
    source: str | None = None


def default_routes() -> Routes:
    """No routes file: every item to :data:`FALLBACK_ROUTE`, default service levels, clock hours."""
    return Routes(default_route=FALLBACK_ROUTE)


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that also refuses aliases and explicit tags (as case files do)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if self.check_event(yaml.AliasEvent):
            raise yaml.MarkedYAMLError(None, None, "aliases (*name) are not allowed in routes files", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise yaml.MarkedYAMLError(None, None, f"YAML tags ({tag}) are not allowed in routes files", event.start_mark)
        return super().compose_node(parent, index)


def load_routes(path: str | Path) -> Routes:
    """Read and validate a routes file; raises :class:`RoutesFileError`."""
    path = Path(path)
    if not path.is_file():
        raise RoutesFileError(path, "no such routes file; see docs/webcare.md for the format")
    if path.stat().st_size > MAX_ROUTES_FILE_BYTES:
        raise RoutesFileError(path, "larger than 1 MiB: not a routes file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RoutesFileError(path, "not UTF-8 text: not a routes file") from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise RoutesFileError(path, f"{where}{exc.problem or exc.context}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise RoutesFileError(path, f"not valid YAML ({type(exc).__name__})") from None
    return parse_routes(data, path)


def parse_routes(data: Any, path: str | Path = "ROUTES.yaml") -> Routes:
    """Validate the parsed YAML of a routes file."""
    fail = _Fail(path)
    if not isinstance(data, dict):
        fail("expected a mapping with at least `default_route` and `rules`")
    unknown = sorted(set(map(str, data)) - _TOP_KEYS)
    if unknown:
        fail(f"unknown field(s) {', '.join(unknown)}; known fields: {', '.join(sorted(_TOP_KEYS))}")
    default = _string(data.get("default_route"), "default_route", fail, required=True)
    rules = data.get("rules") if data.get("rules") is not None else []
    if not isinstance(rules, list):
        fail("`rules` must be a list of {name, route, conditions…}")
    parsed = tuple(_rule(r, n, fail) for n, r in enumerate(rules, 1))
    names = [r.name for r in parsed]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        fail(f"`rules`: rule name(s) used twice: {', '.join(dup)}")
    business_hours = _business_hours(data.get("business_hours"), fail)
    timed = [r.name for r in parsed if r.hours is not None]
    if timed and business_hours is None:
        fail(f"`rules`: rule {timed[0]!r} uses `hours` but no `business_hours` are given")
    return Routes(
        default_route=default,
        rules=parsed,
        service_levels=_service_levels(data.get("service_levels"), fail),
        business_hours=business_hours,
        organisation=_string(data.get("organisation"), "organisation", fail),
        source=str(path),
    )


class _Fail:
    def __init__(self, path):
        self.path = path

    def __call__(self, problem: str):
        raise RoutesFileError(self.path, problem)


def _string(value, name: str, fail: _Fail, required: bool = False) -> str | None:
    if value is None:
        if required:
            fail(f"`{name}` is required")
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
        fail(f"`{name}` must be a non-empty text")
    return str(value).strip()


def _strings(value, name: str, fail: _Fail, allowed: tuple[str, ...] | None = None) -> frozenset[str] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    if not items:
        fail(f"`{name}` must not be empty (leave it out to match everything)")
    out = []
    for item in items:
        if not isinstance(item, (str, int)) or isinstance(item, bool) or not str(item).strip():
            fail(f"`{name}` must be a text or a list of texts")
        text = str(item).strip()
        if allowed is not None and text not in allowed:
            fail(f"`{name}`: unknown value {text!r}; choose from {', '.join(allowed)}")
        out.append(text)
    return frozenset(out)


def keyword_pattern(words) -> re.Pattern:
    """One case-insensitive, word-bounded pattern for a rule's keywords (``*``: longer words too)."""
    parts = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        stem = word.rstrip("*")
        body = r"\s+".join(re.escape(p) for p in stem.split())
        parts.append(body + (r"\w*" if word.endswith("*") else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _rule(entry, n: int, fail: _Fail) -> Rule:
    where = f"rules[{n}]"
    if not isinstance(entry, dict):
        fail(f"`{where}` must be a mapping {{name, route, category, urgency, keywords, account, language, hours}}")
    unknown = sorted(set(map(str, entry)) - _RULE_KEYS)
    if unknown:
        fail(f"`{where}`: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(_RULE_KEYS))}")
    name = _string(entry.get("name"), f"{where}.name", fail) or f"rule {n}"
    route = _string(entry.get("route"), f"{where}.route", fail, required=True)
    keywords = _strings(entry.get("keywords"), f"{where}.keywords", fail)
    if keywords and any(not k.rstrip("*").strip() for k in keywords):
        fail(f"`{where}.keywords`: a keyword must have letters before any `*`")
    accounts = _strings(entry.get("account"), f"{where}.account", fail)
    hours = _strings(entry.get("hours"), f"{where}.hours", fail, ("business", "outside"))
    if hours and len(hours) > 1:
        fail(f"`{where}.hours` must be one of business, outside")
    return Rule(
        name=name, route=route,
        category=_strings(entry.get("category"), f"{where}.category", fail, CATEGORIES),
        urgency=_strings(entry.get("urgency"), f"{where}.urgency", fail, URGENCIES),
        keywords=keyword_pattern(keywords) if keywords else None,
        account=frozenset(a.lstrip("@").lower() for a in accounts) if accounts else None,
        language=_strings(entry.get("language"), f"{where}.language", fail, ("nl", "en")),
        hours=next(iter(hours)) if hours else None,
    )


def _service_levels(value, fail: _Fail) -> dict[str, float | None]:
    levels = dict(DEFAULT_SERVICE_LEVELS)
    if value is None:
        return levels
    if not isinstance(value, dict):
        fail("`service_levels` must be a mapping {category: hours}")
    for key, hours in value.items():
        if key not in levels:
            fail(f"`service_levels`: unknown key {key!r}; choose from {', '.join(levels)}")
        if hours is not None and (isinstance(hours, bool) or not isinstance(hours, (int, float)) or hours <= 0):
            fail(f"`service_levels.{key}` must be a positive number of hours, or null for no target")
        levels[key] = float(hours) if hours is not None else None
    return levels


def _clock(value, name: str, fail: _Fail) -> time:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return time(value // 60, value % 60)  # YAML 1.1 reads 08:30 unquoted as minutes (sexagesimal)
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", str(value).strip()) if isinstance(value, str) else None
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        fail(f"`{name}` must be a time of day \"HH:MM\"")
    return time(int(m.group(1)), int(m.group(2)))


def _business_hours(value, fail: _Fail) -> BusinessHours | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        fail("`business_hours` must be a mapping {timezone, days, start, end, holidays}")
    unknown = sorted(set(map(str, value)) - _BH_KEYS)
    if unknown:
        fail(f"`business_hours`: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(_BH_KEYS))}")
    tz_name = _string(value.get("timezone"), "business_hours.timezone", fail) or "Europe/Amsterdam"
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        fail(f"`business_hours.timezone`: unknown time zone {tz_name!r} (e.g. Europe/Amsterdam)")
    days = _strings(value.get("days"), "business_hours.days", fail, DAYS) or frozenset(DAYS[:5])
    start = _clock(value.get("start", "09:00"), "business_hours.start", fail)
    end = _clock(value.get("end", "17:00"), "business_hours.end", fail)
    if end <= start:
        fail("`business_hours.end` must be later than `business_hours.start`")
    holidays = value.get("holidays") or []
    if not isinstance(holidays, list) or not all(isinstance(d, date) for d in holidays):
        fail("`business_hours.holidays` must be a list of dates YYYY-MM-DD")
    on_clock = value.get("high_urgency_on_clock", True)
    if not isinstance(on_clock, bool):
        fail("`business_hours.high_urgency_on_clock` must be true or false")
    return BusinessHours(tz, frozenset(DAYS.index(d) for d in days), start, end, frozenset(holidays), on_clock)
