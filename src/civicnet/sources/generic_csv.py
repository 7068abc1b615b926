"""Any CSV or TSV of messages, with its columns mapped in the case file.

What it reads
    A text table with a header row (comma, semicolon or tab, sniffed; UTF-8, UTF-16 or
    Windows-1252, see docs/formats.md "Encodings"), one
    message per row: a hand-made coding sheet, a municipality's webcare export, a
    scraper's output. Nothing is guessed: the case file's source entry says which
    column holds what::

        - {format: csv, path: data/berichten.csv, platform: facebook,
           columns: {id: bericht_id, account: auteur, text: tekst, created_at: datum,
                     parent: antwoord_op, kind: soort, likes: vind_ik_leuks},
           date_format: "%d-%m-%Y %H:%M", timezone: Europe/Amsterdam}

How a user gets it
    Save the sheet as CSV (UTF-8) from Excel/LibreOffice, or write it from any tool.

Options (extra keys of the source entry)
    ``columns:`` target field → column name. Targets: ``id`` (required),
    ``account``, ``account_name``, ``handle``, ``created_at``, ``text``,
    ``language``, ``kind``, ``parent``, ``root``, ``likes``, ``shares``,
    ``replies``, ``quotes``, ``url``, ``has_media``, ``mentions`` (handles
    separated by ``;``, ``,`` or spaces, with or without ``@``).
    ``platform:`` (default ``other``). ``date_format:`` strptime format(s) for
    ``created_at`` (default: numeric dates with the order of day and month inferred
    from the file, see :mod:`._dates`, and ISO 8601). ``timezone:`` IANA zone for times
    without an offset (default
    UTC); they are converted to UTC. ``parent_kind: reply|comment`` the kind of a
    message with a parent when no ``kind`` column says (default ``reply``).
    ``kinds: {VALUE: KIND}`` maps the file's own kind values (``Reactie: comment``);
    our kind names and common English ones (retweet, share, reaction…) are known.
    ``delimiter:`` to force one.

Mapping
    Each row is a message (``collected``). A message with a parent and kind
    reply/comment/repost/quote gives an interaction of that kind from its author to
    the parent's author when the parent is in the same file (the file is read twice:
    once to learn who wrote which id, kept as an id → author table in memory).
    Mentions come from the ``mentions`` column, or else from ``@handles`` in the
    text on platforms that have handles (not Facebook or LinkedIn). ``root`` is the
    ``root`` column; else a post's own id, or a comment's parent.

Errors
    A source entry without ``columns: {id: …}`` or with an unknown target is an
    input error naming the option; a mapped column missing from the header is a
    format error listing the header. Never auto-detected (name ``format: csv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator
from zoneinfo import ZoneInfo

from ..errors import OptionError, RecordError
from ..model import Account, Interaction, Mapped, Message, MessageKind, Platform
from . import _dates, _tabular
from ._dates import DateOrder
from ._csv import csv_header, iter_csv
from ._detect import Sample
from ._io import SourceFile
from ._map import opt_id, opt_text, require_id, text_mentions

NAME = "csv"
PLATFORM = Platform.OTHER.value
TITLE = "Generic CSV/TSV of messages, columns mapped in the case file"
HOW_TO_EXPORT = (
    "Save any sheet of messages as CSV (UTF-8) and map its columns in the source entry: "
    "columns: {id: ..., account: ..., text: ..., created_at: ..., parent: ...}"
)
EXAMPLE = ("- {format: csv, path: data/berichten.csv, platform: facebook, columns: {id: bericht_id, account: auteur, "
           "text: tekst, created_at: datum, parent: antwoord_op}, date_format: \"%d-%m-%Y %H:%M\", "
           "timezone: Europe/Amsterdam}")

#: What ``civicnet formats`` says about detecting this format.
DETECTION = "detected only in the known layouts (twarc-csv); any other table: name `format: csv` and map its columns"

TARGETS = (
    "id", "account", "account_name", "handle", "created_at", "text", "language", "kind", "parent", "root",
    "likes", "shares", "replies", "quotes", "url", "has_media", "mentions", "repost_of", "quote_of",
    "parent_account",
)

#: Known CSV layouts: detected by their header, read with their mapping when the source entry gives
#: no ``columns:``. ``twarc-csv`` is what ``twarc2 csv`` (the DocNow twarc-csv plugin) writes.
PRESETS = {
    "twarc-csv": {
        "signature": {"id", "conversation_id", "author_id", "text", "created_at", "author.username",
                      "referenced_tweets.replied_to.id", "referenced_tweets.retweeted.id"},
        "platform": "twitter",
        "columns": {"id": "id", "account": "author_id", "handle": "author.username", "account_name": "author.name",
                    "created_at": "created_at", "text": "text", "language": "lang",
                    "parent": "referenced_tweets.replied_to.id", "repost_of": "referenced_tweets.retweeted.id",
                    "quote_of": "referenced_tweets.quoted.id", "root": "conversation_id",
                    "parent_account": ["in_reply_to_user_id", "retweeted_user_id", "quoted_user_id"],
                    "likes": "public_metrics.like_count", "shares": "public_metrics.retweet_count",
                    "replies": "public_metrics.reply_count", "quotes": "public_metrics.quote_count"},
    },
}
_KIND_WORDS = {
    "post": "post", "status": "post", "tweet": "post", "bericht": "post", "toot": "post",
    "comment": "comment", "reactie": "comment", "reaction": "comment",
    "reply": "reply", "antwoord": "reply", "reply_to_comment": "reply",
    "repost": "repost", "retweet": "repost", "share": "repost", "reblog": "repost", "boost": "repost",
    "quote": "quote", "quote_tweet": "quote",
    "post_to_page": "post_to_page", "visitor_post": "post_to_page",
    "group_post": "group_post",
}
_TIED = ("reply", "comment", "repost", "quote")
_SPLIT = re.compile(r"[;,\s]+")


@dataclass
class Context:
    """The column mapping and settings a row needs, and the authors of the file's ids."""

    columns: dict[str, str]
    platform: str = Platform.OTHER
    formats: tuple[str, ...] = ()
    tz: ZoneInfo | None = None
    parent_kind: str = "reply"
    kinds: dict[str, str] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=dict)
    order: DateOrder = field(default_factory=DateOrder)  # of day and month in numeric dates
    decimal: str = "."  # the decimal mark of counts


def detect(sample: Sample) -> int:
    """Only the known layouts (:data:`PRESETS`): any other table needs its column mapping from the case file."""
    if not sample.text or sample.first_json is not None:
        return 0
    first = sample.text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    header = {c.strip().strip('"') for c in first.split(_tabular.sniff_delimiter(first))}
    return 85 if preset_of(header) else 0


def preset_of(header) -> str | None:
    """The known layout (:data:`PRESETS`) a header row is, or None."""
    cols = set(header)
    return next((name for name, p in PRESETS.items() if p["signature"] <= cols), None)


def context_from_options(options: dict | None, where: str) -> Context:
    """Check the source entry's options; every problem names the option to fix."""
    options = options or {}
    columns = options.get("columns")
    if not isinstance(columns, dict) or "id" not in columns:
        raise OptionError(where, "the csv format needs a column mapping with at least the id, e.g. "
            "`columns: {id: message_id, account: author, text: text, created_at: date}` in the source entry"
        )
    unknown = sorted(set(map(str, columns)) - set(TARGETS))
    if unknown:
        raise OptionError(where, f"`columns`: unknown target(s) {', '.join(unknown)}; targets: {', '.join(TARGETS)}")
    for target, column in columns.items():
        listed = column if isinstance(column, list) else [column]
        if not listed or any(not isinstance(c, (str, int)) or isinstance(c, bool) or not str(c).strip() for c in listed):
            raise OptionError(where, f"`columns.{target}` must name a column of the file (or a list of them)")
    platform = options.get("platform", Platform.OTHER)
    if platform not in {p.value for p in Platform}:
        raise OptionError(where, f"unknown platform {platform!r}; choose from {', '.join(p.value for p in Platform)}")
    parent_kind = options.get("parent_kind", "reply")
    if parent_kind not in ("reply", "comment"):
        raise OptionError(where, f"`parent_kind` must be reply or comment, not {parent_kind!r}")
    kinds = options.get("kinds") or {}
    if not isinstance(kinds, dict) or any(v not in {k.value for k in MessageKind} for v in kinds.values()):
        raise OptionError(where, f"`kinds` must map the file's values to {', '.join(k.value for k in MessageKind)}")
    return Context(
        columns={str(k): [str(c).strip() for c in v] if isinstance(v, list) else str(v).strip()
                 for k, v in columns.items()},
        platform=platform,
        formats=_tabular.date_formats(options.get("date_format"), where),
        tz=_tabular.zone(options.get("timezone"), where),
        parent_kind=parent_kind,
        kinds={str(k).strip().lower(): v for k, v in kinds.items()},
    )


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    options = dict(options or {})
    delimiter = options.get("delimiter")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter.replace("\\t", "\t")) != 1):
        raise OptionError(source.path, "`delimiter` must be one character (\\t for tab)")
    delimiter = delimiter.replace("\\t", "\t") if delimiter else None
    header = csv_header(source, NAME, delimiter)
    if not header:
        raise source.error("the file is empty", fmt=NAME)
    preset = preset_of(header) if "columns" not in options else None
    if preset:  # a known layout: its mapping, unless the source entry maps the columns itself
        options = {**options, "columns": PRESETS[preset]["columns"],
                   "platform": options.get("platform", PRESETS[preset]["platform"])}
        source.notes["layout"] = preset
    context = context_from_options(options, str(source.path))
    _check_header(source, context, header)
    if "account" in context.columns and {"parent", "repost_of", "quote_of"} & set(context.columns):
        context.authors = _authors(source, context, delimiter)
    rows = iter_csv(source, NAME, delimiter)
    if "created_at" in context.columns:
        column = context.columns["created_at"]
        context.order, rows = _dates.for_file(rows, lambda item: [item[1].get(column)] if isinstance(item[1], dict)
                                              else [], source, context.formats)
    for n, (location, row) in enumerate(rows):
        if n == 0:
            context.decimal = _tabular.decimal_mark(source.notes.get("delimiter"))
        yield Raw(location, row, context)


def _check_header(source: SourceFile, context: Context, header: list[str]) -> None:
    missing = [f"{target} → {column!r}" for target, columns in context.columns.items()
               for column in (columns if isinstance(columns, list) else [columns]) if column not in header]
    if missing:
        raise source.error(f"mapped column(s) not in the header: {', '.join(missing)}; the header has: "
                           f"{', '.join(repr(h) for h in header)}", location="line 1", fmt=NAME)


def _authors(source: SourceFile, context: Context, delimiter: str | None) -> dict[str, str]:
    """First pass: who wrote each id (to find the author of a parent)."""
    authors: dict[str, str] = {}
    for _, row in iter_csv(source, NAME, delimiter):
        if not isinstance(row, dict):
            continue
        mid, author = _get(row, context, "id"), _get(row, context, "account")
        if mid and author:
            authors[mid] = author
    return authors


def _get(row: dict, context: Context, target: str) -> str | None:
    """The row's value for a target: its column's (or, for a list of columns, the first non-empty)."""
    columns = context.columns.get(target)
    for column in columns if isinstance(columns, list) else [columns] if columns is not None else []:
        value = (row.get(column) or "").strip()
        if value:
            return value
    return None


def _kind(row: dict, context: Context, parent: str | None) -> str:
    value = _get(row, context, "kind")
    if value is not None:
        key = value.lower()
        kind = context.kinds.get(key) or _KIND_WORDS.get(key.replace(" ", "_").replace("-", "_"))
        if kind is None:
            raise RecordError(f"unknown kind {value[:30]!r}; map it in the source entry: kinds: {{{value[:30]}: comment}}")
        return kind
    if _get(row, context, "repost_of"):
        return "repost"
    if parent:
        return context.parent_kind
    return "quote" if _get(row, context, "quote_of") else "post"


def map_record(record, context: Context | None = None) -> Mapped:
    """One row of the table to a message, its author, and the ties it carries."""
    if context is None:
        raise RecordError("a csv row needs its column mapping")
    if not isinstance(record, dict):
        raise RecordError(f"expected a table row, found {type(record).__name__}")
    mid = require_id(_get(record, context, "id"), f"id (column {context.columns['id']!r})")
    author = opt_id(_get(record, context, "account"))
    parent = opt_id(_get(record, context, "parent"))
    kind = _kind(record, context, parent)
    if kind == "repost" or (kind == "quote" and parent is None):
        parent = opt_id(_get(record, context, "repost_of" if kind == "repost" else "quote_of")) or parent
    created = _tabular.parse_local_time(_get(record, context, "created_at"), context.formats, context.tz, "created_at",
                                        order=context.order)
    text = opt_text(_get(record, context, "text"))
    root = opt_id(_get(record, context, "root"))
    if root is None:
        root = mid if kind in ("post", "post_to_page", "group_post") else (parent if kind == "comment" else None)
    out = Mapped()
    if author is not None:
        handle = _get(record, context, "handle")
        out.accounts.append(Account(context.platform, author, handle=handle.lstrip("@") if handle else None,
                                    name=_get(record, context, "account_name")))
    out.messages.append(Message(
        platform=context.platform, id=mid, account=author, created_at=created, text=text,
        language=_get(record, context, "language"), kind=kind, parent=parent, root=root,
        like_count=_tabular.opt_count(_get(record, context, "likes"), "likes", context.decimal),
        share_count=_tabular.opt_count(_get(record, context, "shares"), "shares", context.decimal),
        reply_count=_tabular.opt_count(_get(record, context, "replies"), "replies", context.decimal),
        quote_count=_tabular.opt_count(_get(record, context, "quotes"), "quotes", context.decimal),
        has_media=_tabular.parse_bool(_get(record, context, "has_media"), "has_media"),
        url=_get(record, context, "url"),
    ))
    out.interactions.extend(_ties(record, context, mid, author, parent, kind, created, text))
    return out


def _ties(row, context: Context, mid, author, parent, kind, created, text) -> list[Interaction]:
    ties: list[Interaction] = []
    if author is None:
        return ties  # a tie needs its source
    parent_author = (context.authors.get(parent) if parent else None) or opt_id(_get(row, context, "parent_account"))
    if kind in _TIED and parent_author is not None:
        ties.append(Interaction(context.platform, kind, author, parent_author, None, parent, created, mid))
    if "mentions" in context.columns:
        handles = [h.lstrip("@") for h in _SPLIT.split(_get(row, context, "mentions") or "") if h.strip("@")]
    elif context.platform not in (Platform.FACEBOOK, Platform.LINKEDIN):
        handles = text_mentions(text)
    else:
        handles = []
    for handle in dict.fromkeys(handles):
        ties.append(Interaction(context.platform, "mention", author, None, handle, None, created, mid))
    return ties
