"""LinkedIn group discussions collected into a spreadsheet (CSV, .xlsx or JSON Lines).

LinkedIn offers no export or API for group discussions, so researchers collect them
by hand or with a scraper into a spreadsheet (the 2014 report did so for the
"Ondertussen" group). civicnet reads that spreadsheet in one documented layout: one
row per message, with these columns (header names are case-insensitive; spaces and
hyphens count as ``_``; an alias in brackets is accepted instead):

==============  ==========================  ==============================================
column          aliases                     holds
==============  ==========================  ==============================================
message_id      id                          the message's id (required)
parent_id       in_reply_to, reply_to       the message it answers; empty for a group post
author_id       author, profile_url         the author's id, or their profile url
author_name     name                        the author's name
author_title    headline                    their headline (optional)
created_at      date, timestamp             ISO 8601, ``DD-MM-YYYY HH:MM`` or a date only
text            message, body               the message text (required column)
likes           like_count                  number of likes (optional)
group           --                          group name (optional; not stored)
url             --                          link to the message (optional)
==============  ==========================  ==============================================

The same keys work in JSON Lines (one object per line, or one JSON array of objects).
An .xlsx workbook is read from its first sheet (option ``sheet: NAME`` for another),
in openpyxl's read-only mode; a CSV's delimiter (comma, semicolon, tab) is detected
from its header (option ``delimiter`` to force one). See docs/formats/linkedin.md.

Mapping
    * a row without parent is a ``group_post`` (root = itself); a row whose parent is
      a group post is a ``comment`` (root = the post); a row whose parent is a comment
      (or a reply) is a ``reply`` (root = the post). A row whose parent is not in the
      file is a ``comment`` with unknown root (NULL): the file cannot tell.
    * a comment or reply gets a ``comment``/``reply`` tie to its parent's author when
      the file names that author. LinkedIn mentions are names, not handles, so no
      ``mention`` ties are derived.
    * the account id is ``author_id``; when it is a profile url
      (``https://www.linkedin.com/in/jan-de-vries-1a2b3c/``) the stable part
      (``in/jan-de-vries-1a2b3c``) is the id and the url is kept. No handles.
    * ``created_at`` with an offset or ``Z`` is read as such; a time without one is in
      the zone of the option ``timezone`` (an IANA name such as
      ``Europe/Amsterdam``; default UTC); a date only is midnight UTC of that date,
      so it stays on its day.
    * an empty author stays NULL (a message whose author the collector could not
      see); an empty ``likes`` stays NULL.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone, tzinfo
from typing import Iterator
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import RecordError
from ..model import Account, Interaction, Mapped, Message
from . import _dates, _tabular, _xlsx
from ._csv import csv_header, iter_csv
from ._dates import DateOrder
from ._detect import Sample
from ._io import SourceFile
from ._json import iter_json
from ._map import opt_id, parse_time, require_id

NAME = "linkedin"
PLATFORM = "linkedin"
TITLE = "LinkedIn group discussions collected into a spreadsheet (CSV, .xlsx or JSON Lines; documented columns)"
HOW_TO_EXPORT = (
    "copy each group post and comment into a sheet with columns message_id, parent_id, author_id, "
    "author_name, author_title, created_at, text, likes, group, url (see docs/formats/linkedin.md); save as CSV or .xlsx"
)
EXAMPLE = "- {format: linkedin, path: data/ondertussen.csv, timezone: Europe/Amsterdam}"

#: canonical column -> accepted header names, in order of preference
COLUMNS: dict[str, tuple[str, ...]] = {
    "message_id": ("message_id", "id"),
    "parent_id": ("parent_id", "in_reply_to", "reply_to"),
    "author_id": ("author_id", "author", "profile_url"),
    "author_name": ("author_name", "name"),
    "author_title": ("author_title", "headline"),
    "created_at": ("created_at", "date", "timestamp"),
    "text": ("text", "message", "body"),
    "likes": ("likes", "like_count"),
    "group": ("group",),
    "url": ("url",),
}
_ALIAS = {alias: canon for canon, names in COLUMNS.items() for alias in names}
_FOREIGN = {"thread_id", "unix_timestamp", "subject"}  # 4CAT exports use these
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MAX_DEPTH = 1000


def _norm(header) -> str:
    return re.sub(r"[\s\-]+", "_", str(header or "").strip().lower())


def header_score(headers) -> int:
    """How surely a header row is this layout (0..100)."""
    cols = {_norm(h) for h in headers}
    if cols & _FOREIGN:
        return 0
    canon = {_ALIAS[c] for c in cols if c in _ALIAS}
    if {"message_id", "parent_id", "author_id", "text"} <= cols:
        return 90
    if {"message_id", "parent_id", "author_id", "text"} <= canon:
        return 60
    return 0


def detect(sample: Sample) -> int:
    if sample.suffix == ".xlsx" and sample.head[:2] == b"PK":
        return header_score(_xlsx_header(sample.path))
    if isinstance(sample.first_json, dict):
        return header_score(sample.first_json.keys())
    if isinstance(sample.first_json, list) and sample.first_json and isinstance(sample.first_json[0], dict):
        return header_score(sample.first_json[0].keys())
    if sample.text and sample.first_json is None:
        first = sample.text.lstrip().split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first.count)
        return header_score(h.strip().strip('"') for h in first.split(delimiter))
    return 0


def _xlsx_header(path) -> list:
    try:
        with _xlsx.open_workbook(SourceFile(path), NAME) as wb:
            for row in wb.worksheets[0].iter_rows(max_row=1, values_only=True):
                return [c for c in row if c is not None]
    except Exception:  # detection is a guess: an unreadable or refused workbook is simply not ours
        return []
    return []


# -- reading -------------------------------------------------------------------------------


@dataclass
class Context:
    """The whole file's reply structure, which a row's kind and root depend on."""

    #: message id -> (parent id, author id)
    index: dict = field(default_factory=dict)
    tz: tzinfo = timezone.utc
    order: DateOrder = field(default_factory=lambda: DateOrder(True, "language"))  # of day and month in dates
    decimal: str = "."  # the decimal mark of likes written as text


def _timezone(source: SourceFile, options: dict) -> tzinfo:
    name = options.get("timezone")
    if name is None:
        return timezone.utc
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise source.error(f"option `timezone`: unknown time zone {name!r} (use an IANA name like Europe/Amsterdam)", fmt=NAME) from None


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    options = options or {}
    context = Context(tz=_timezone(source, options))
    evidence = _dates.Evidence()
    for _, row in _rows(source, options):
        if not isinstance(row, dict):
            continue
        mid = _cell_id(row.get("message_id"))
        if mid is not None:
            context.index[mid] = (_cell_id(row.get("parent_id")), author_key(row.get("author_id")))
        evidence.add(row.get("created_at"))
    formats = _tabular.date_formats(options.get("date_format"), str(source.path))
    context.order = DateOrder(None, "format", formats=formats) if formats else evidence.order(source.language)
    if context.order.basis != "none":
        source.notes["date_order"] = context.order.describe()
    context.decimal = _tabular.decimal_mark(source.notes.get("delimiter"))
    for location, row in _rows(source, options):
        yield Raw(location, row, context)


def _rows(source: SourceFile, options: dict) -> Iterator[tuple[str, object]]:
    """(location, row with canonical keys, or a Broken row) for every data row of the file."""
    if source.head(8)[:2] == b"PK":
        rows, checked = _xlsx_rows(source, options.get("sheet")), False
    elif source.starts_with_json():
        rows, checked = _json_rows(source), False
    else:
        header = csv_header(source, NAME, options.get("delimiter"))
        if header:
            _check_columns(source, header, "line 1")
        rows, checked = iter_csv(source, NAME, options.get("delimiter")), True
    for location, raw in rows:
        if not checked and isinstance(raw, dict):
            _check_columns(source, raw.keys(), location)
            checked = True
        yield location, _canonical(raw) if isinstance(raw, dict) else raw


def _check_columns(source: SourceFile, headers, location: str) -> None:
    canon = {_ALIAS.get(_norm(h)) for h in headers}
    missing = [c for c in ("message_id", "text") if c not in canon]
    if missing:
        raise source.error(
            f"no {' or '.join(missing)} column; expected columns "
            "message_id, parent_id, author_id, author_name, author_title, created_at, text, likes, group, url",
            location=location, fmt=NAME,
        )


def _canonical(raw: dict) -> dict:
    """The row under canonical keys; of several alias columns the first non-empty wins."""
    out: dict = {}
    ranks: dict = {}
    for key, value in raw.items():
        name = _norm(key)
        canon = _ALIAS.get(name)
        if canon is None:
            continue
        if name == "profile_url" and _is_url(value):
            out["profile_url"] = value
        if _blank(value):
            out.setdefault(canon, None)
            continue
        rank = COLUMNS[canon].index(name)
        if rank < ranks.get(canon, len(COLUMNS[canon])):
            out[canon], ranks[canon] = value, rank
    return out


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _json_rows(source: SourceFile) -> Iterator[tuple[str, object]]:
    for location, value in iter_json(source, NAME):
        if isinstance(value, list):
            for n, item in enumerate(value):
                yield f"{location}, item {n + 1}", item
        else:
            yield location, value


def _xlsx_rows(source: SourceFile, sheet) -> Iterator[tuple[str, dict]]:
    with _xlsx.open_workbook(source, NAME) as wb:
        if sheet is not None and str(sheet) not in wb.sheetnames:
            raise source.error(f"no sheet {sheet!r}; the workbook has {', '.join(wb.sheetnames)}", fmt=NAME)
        ws = wb[str(sheet)] if sheet is not None else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        try:
            header = next(rows, None)
            if header is None:
                raise source.error("the sheet is empty", fmt=NAME)
            names = [str(h).strip() if h is not None else "" for h in header]
            for n, row in enumerate(rows, start=2):
                if row is None or all(_blank(c) for c in row):
                    continue
                yield f"{ws.title} row {n}", {h: v for h, v in zip(names, row) if h}
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
            raise source.error(f"sheet {ws.title!r} cannot be read ({type(exc).__name__})", fmt=NAME) from None


# -- mapping -------------------------------------------------------------------------------


def _is_url(value) -> bool:
    return isinstance(value, str) and (value.strip().lower().startswith(("http://", "https://")) or "linkedin.com/" in value.lower())


def _cell_id(value) -> str | None:
    """An id cell as text (spreadsheets turn 1234 into 1234.0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return opt_id(value) if not isinstance(value, str) else (value.strip() or None)


def author_key(value) -> str | None:
    """The account id of an author cell: the id itself, or the stable part of a profile url."""
    if _is_url(value):
        text = value.strip()
        parts = urlsplit(text if "//" in text else "https://" + text)
        segments = [s for s in parts.path.split("/") if s]
        if segments:
            return "/".join(segments[:2]).lower()
        return text
    return _cell_id(value)


def parse_when(value, tz: tzinfo = timezone.utc, order: DateOrder | None = None) -> datetime | None:
    """A spreadsheet time in UTC: ISO 8601, a numeric local date (``28-05-2022 20:12``) or a date only.

    The order of day and month in numeric dates is ``order`` (the file's, :mod:`._dates`;
    day first when not given).
    """
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return (value.replace(tzinfo=tz) if value.tzinfo is None else value).astimezone(timezone.utc)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if not isinstance(value, str):
        raise RecordError(f"created_at has the wrong type ({type(value).__name__})")
    text = value.strip()
    m = _dates.numeric_date(text)
    if m or (order is not None and order.formats):
        local = (order or DateOrder(True, "language")).parse(text, "created_at")
        if m is not None and m["H"] is None:  # a date only: midnight UTC, so it stays on its day
            return local.replace(tzinfo=timezone.utc)
        return local.replace(tzinfo=tz).astimezone(timezone.utc)
    if _ISO_DATE.match(text):
        return parse_time(text, "created_at")
    try:
        naive = datetime.fromisoformat(text)
    except ValueError:
        return parse_time(text, "created_at")
    if naive.tzinfo is None:
        return naive.replace(tzinfo=tz).astimezone(timezone.utc)
    return naive.astimezone(timezone.utc)


def _text(value) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).strip()


def _lineage(mid: str, parent: str | None, index: dict) -> tuple[str, str | None]:
    """(kind, root) of a message from the file's reply structure."""
    if not parent:
        return "group_post", mid
    if parent not in index:
        return "comment", None
    grandparent = index[parent][0]
    kind = "comment" if not grandparent else "reply"
    seen, current = {mid, parent}, parent
    for _ in range(_MAX_DEPTH):
        up = index.get(current, (None, None))[0]
        if not up:
            return kind, current
        if up in seen or up not in index:
            return kind, None
        seen.add(up)
        current = up
    return kind, None


def map_record(record, context: Context | None = None) -> Mapped:
    """One spreadsheet row (canonical keys) to platform-neutral records."""
    context = context or Context()
    if not isinstance(record, dict):
        raise RecordError(f"expected a row of named columns, found {type(record).__name__}")
    mid = require_id(_cell_id(record.get("message_id")), "message_id")
    parent = _cell_id(record.get("parent_id"))
    if parent == mid:
        raise RecordError("parent_id is the message's own id")
    created = parse_when(record.get("created_at"), context.tz, context.order)
    author = author_key(record.get("author_id"))
    kind, root = _lineage(mid, parent, context.index)
    out = Mapped()
    if author is not None:
        profile = record.get("profile_url") or record.get("author_id")
        out.accounts.append(Account(
            platform=PLATFORM, id=author, name=_text(record.get("author_name")),
            description=_text(record.get("author_title")),
            url=profile.strip() if _is_url(profile) else None,
        ))
    out.messages.append(Message(
        platform=PLATFORM, id=mid, account=author, created_at=created, text=_text(record.get("text")),
        kind=kind, parent=parent, root=root, like_count=_tabular.opt_count(record.get("likes"), "likes", context.decimal),
        url=_text(record.get("url")),
    ))
    parent_author = context.index.get(parent, (None, None))[1] if parent else None
    if kind in ("comment", "reply") and author is not None and parent_author is not None:
        out.interactions.append(Interaction(PLATFORM, kind, author, parent_author, None, parent, created, mid))
    return out
