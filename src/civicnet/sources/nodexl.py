"""NodeXL workbooks (.xlsx) and their Edges or Vertices worksheet saved as CSV.

What it reads
    A NodeXL (Basic or Pro) workbook: the ``Edges`` worksheet (``Vertex 1``,
    ``Vertex 2``, visual columns, then for Twitter imports ``Relationship``,
    ``Relationship Date (UTC)``, ``Tweet``, ``URLs in Tweet``, ``Hashtags in Tweet``,
    ``Media in Tweet``, ``Tweet Date (UTC)``, ``Twitter Page for Tweet``, ``Imported
    ID``, ``In-Reply-To Tweet ID``, ``Favorite Count``, ``Retweet Count``, ``Retweet
    ID``, ``Quoted Status ID``, ``Language``…) and the ``Vertices`` worksheet
    (``Vertex``, ``Name``, ``Followed``, ``Followers``, ``Tweets``, ``Description``,
    ``Joined Twitter Date (UTC)``…). Either worksheet saved as CSV (comma,
    semicolon or tab) is read too; so is a plain two-column ``Vertex 1,Vertex 2``
    edge list. NodeXL puts a group row ("Visual Properties", "Labels", "Other
    Columns") above the real header: the header is found by its ``Vertex 1`` /
    ``Vertex`` cell.

How a user gets it
    NodeXL → Data → Import → From Twitter Search Network (or NodeXL Pro's other
    importers, or the NodeXL Graph Gallery's download) → File → Save (.xlsx). For a
    CSV: select the Edges tab → File → Save As → CSV.

Mapping
    * Vertices → accounts: the id is the vertex name (the Twitter screen name in
      Twitter data, which is also the handle); ``Followed`` is the number the
      account follows.
    * Each edge row → an interaction from Vertex 1 to Vertex 2 by its
      ``Relationship``: Mentions, MentionsInRetweet, MentionsInQuote… → mention;
      Replies to → reply; Retweet → repost; Quote → quote; Follows/Followed →
      follow (Vertex 1 follows Vertex 2). "Tweet" is NodeXL's self-loop for a tweet
      that mentions no one: no tie, only the tweet.
    * A row that carries a tweet (``Tweet`` text or ``Imported ID``) also gives the
      tweet as a message, authored by Vertex 1. Its id is the ``Imported ID`` (the
      tweet id); lacking one, ``nodexl:`` + the first 16 hex digits of the SHA-1 of
      author, tweet date and text, so the rows of one tweet (one per mention) share
      it and a re-import finds the same id. NodeXL writes one row per mentioned
      account: the tweet is stored once. Its kind: repost when the relationship is
      Retweet/MentionsInRetweet or the text starts ``RT @``; reply when it has an
      ``In-Reply-To Tweet ID`` or a Replies to row; quote when it has a ``Quoted
      Status ID``; else post. Across the rows of one tweet the strongest kind wins
      (repost > reply > quote > post). Parents: ``In-Reply-To Tweet ID``,
      ``Retweet ID``, ``Quoted Status ID``.
    * An edge list without a ``Relationship`` column gives interactions of the
      option ``kind:`` (default ``mention``).

Options (extra keys of the source entry)
    ``platform:`` the platform (default: ``twitter`` when the columns show Twitter
    data — Tweet, Twitter Page for Tweet, Joined Twitter Date (UTC) — else
    ``other``); ``kind:`` the kind of edges without a relationship (default
    ``mention``); ``date_format:`` strptime format(s) for text dates (default: the
    order of day and month inferred from the file, see :mod:`._dates`, and ISO 8601);
    ``timezone:`` for dates without an offset (default UTC, as NodeXL's "(UTC)"
    columns are).

Quirks and limits
    * Account ids are screen names, not Twitter's numeric ids: the same person
      imported from an API export is a different account row;
    * ``Edge Weight`` and duplicate edges without a tweet collapse into one
      interaction (interactions carry no weight);
    * Excel may have turned a long tweet id into a number (losing its last digits):
      such a row is rejected rather than stored under a wrong id;
    * a gzip-compressed workbook is read, but not auto-detected: name the format.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field, replace
from typing import Iterator
from zoneinfo import ZoneInfo

from ..errors import OptionError, RecordError
from ..model import Account, Interaction, InteractionKind, Mapped, Message, Platform
from . import _dates, _tabular, _xlsx
from ._dates import DateOrder
from ._detect import Sample
from ._graph import norm
from ._io import Broken, SourceFile
from ._map import opt_text, require_id, unescape
from ._nodexl_cells import (  # noqa: F401  (moved; still importable here)
    _MAX_EXACT_FLOAT,
    _RELATIONS,
    _cell,
    _cell_id,
    _message_id,
    relation_kind,
    row_message_kind,
)

NAME = "nodexl"
PLATFORM = Platform.TWITTER.value
TITLE = "NodeXL workbook (.xlsx) or its Edges/Vertices worksheet as CSV"
HOW_TO_EXPORT = (
    "NodeXL: Data > Import > From Twitter Search Network (or a NodeXL Graph Gallery download), then save the "
    "workbook (.xlsx); or select the Edges tab and File > Save As > CSV"
)
EXAMPLE = "- {format: nodexl, path: data/wijkagent-nodexl.xlsx}"

_KIND_RANK = {"post": 0, "quote": 1, "reply": 2, "repost": 3}
_TWITTER_COLUMNS = {"tweet", "twitterpagefortweet", "tweetdateutc", "joinedtwitterdateutc", "importedid"}
_COLUMNS = (
    "Vertex 1", "Vertex 2", "Vertex", "Relationship", "Relationship Date (UTC)", "Tweet", "Tweet Date (UTC)",
    "Twitter Page for Tweet", "Imported ID", "In-Reply-To Tweet ID", "Retweet ID", "Quoted Status ID",
    "Favorite Count", "Retweet Count", "Language", "Media in Tweet", "Name", "Description", "Followers",
    "Followed", "Joined Twitter Date (UTC)",
)
_CANONICAL = {norm(c): c for c in _COLUMNS}


def canonical(column: str) -> str:
    """A header cell in NodeXL's own spelling when it is one of the columns we read."""
    return _CANONICAL.get(norm(column), column)


@dataclass
class Context:
    """What mapping a worksheet row needs besides the row."""

    sheet: str = "edges"  # edges | vertices
    platform: str = Platform.TWITTER
    kind: str = InteractionKind.MENTION
    formats: tuple[str, ...] = ()  # the `date_format:` option
    tz: ZoneInfo | None = None
    message_kind: str | None = None  # the strongest kind seen so far for this row's tweet
    order: DateOrder = field(default_factory=DateOrder)  # of day and month in text dates
    decimal: str = "."  # the decimal mark of counts written as text
    delimiter: str | None = None  # the `delimiter:` option (None: sniffed)


def detect(sample: Sample) -> int:
    if sample.head[:2] == b"PK":
        return _detect_workbook(sample)
    text = sample.text
    if not text:
        return 0
    for line in text.split("\n", 6)[:6]:
        cells = {norm(c) for c in re.split(r"[,;\t]", line)}
        if "vertex1" in cells and "vertex2" in cells:
            return 95 if "relationship" in cells else 85
        if "vertex" in cells and cells & {"followers", "followed", "joinedtwitterdateutc", "tweets"}:
            return 80
    return 0


def _detect_workbook(sample: Sample) -> int:
    try:
        with zipfile.ZipFile(sample.path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > 1 << 20:
                return 0
            names = set(re.findall(rb'<sheet[^>]*\bname="([^"]+)"', zf.read(info)))
    except (zipfile.BadZipFile, KeyError, OSError):
        return 0
    if b"Edges" in names:
        return 95 if b"Vertices" in names else 80
    return 0


def _context(source: SourceFile, options: dict | None) -> Context:
    options = options or {}
    where = str(source.path)
    kind = options.get("kind", InteractionKind.MENTION)
    if kind not in {k.value for k in InteractionKind}:
        raise OptionError(where, f"unknown `kind` {kind!r}; choose from {', '.join(k.value for k in InteractionKind)}")
    platform = options.get("platform")
    if platform is not None and platform not in {p.value for p in Platform}:
        raise OptionError(where, f"unknown platform {platform!r}; choose from {', '.join(p.value for p in Platform)}")
    formats = _tabular.date_formats(options.get("date_format"), where)
    delimiter = options.get("delimiter")
    return Context(platform=platform, kind=kind, formats=formats, tz=_tabular.zone(options.get("timezone"), where),
                   delimiter=delimiter.replace("\\t", "\t") if isinstance(delimiter, str) else None)


_DATE_COLUMNS = ("Relationship Date (UTC)", "Tweet Date (UTC)", "Joined Twitter Date (UTC)")


def _with_date_order(rows: Iterator, source: SourceFile, context: Context, row_of) -> Iterator:
    """``rows`` again, after reading ahead to learn the order of day and month (:mod:`._dates`)."""
    context.order, rows = _dates.for_file(
        rows, lambda item: [v for c in _DATE_COLUMNS if isinstance(v := row_of(item).get(c), str)], source,
        context.formats)
    return rows


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    context = _context(source, options)
    if source.head(4)[:2] == b"PK":
        yield from _iter_workbook(source, context)
    else:
        yield from _iter_csv(source, context)


def _iter_csv(source: SourceFile, context: Context) -> Iterator:
    from . import Raw

    def is_header(cells):
        names = {norm(c) for c in cells}
        return "vertex1" in names or "vertex" in names

    seen: dict[str, str] = {}
    rows = _tabular.iter_csv_from_header(source, is_header, NAME, rename=canonical, delimiter=context.delimiter)
    rows = _with_date_order(rows, source, context, lambda item: item[2] if isinstance(item[2], dict) else {})
    context.decimal = _tabular.decimal_mark(source.notes.get("delimiter"))
    first = True
    for location, header, row in rows:
        if first:
            first = False
            if "vertex1" not in {norm(h) for h in header}:
                context.sheet = "vertices"
            if context.platform is None:
                context.platform = _platform_of(header)
        if isinstance(row, Broken):
            yield Raw(location, row, context)
            continue
        yield Raw(location, row, _row_context(row, context, seen))


def _platform_of(*headers) -> str:
    names = {norm(h) for header in headers for h in header if h}
    return Platform.TWITTER if names & _TWITTER_COLUMNS else Platform.OTHER


def _row_context(row: dict, context: Context, seen: dict[str, str]) -> Context:
    """The row's context, carrying the strongest kind seen so far for its tweet."""
    if context.sheet != "edges":
        return context
    try:
        mid, kind = _message_id(row), row_message_kind(row)
    except RecordError:
        return context
    if mid is None:
        return context
    previous = seen.get(mid)
    if previous is not None and _KIND_RANK[previous] > _KIND_RANK[kind]:
        kind = previous
    seen[mid] = kind
    return replace(context, message_kind=kind)


def _iter_workbook(source: SourceFile, context: Context) -> Iterator:
    with _xlsx.open_workbook(source, NAME) as book:
        yield from _iter_sheets(book, source, context)


def _iter_sheets(book, source: SourceFile, context: Context) -> Iterator:
    from . import Raw

    edges, vertices = _xlsx.find_sheet(book, "edges"), _xlsx.find_sheet(book, "vertices")
    if edges is None:
        raise source.error(f"no Edges worksheet (sheets: {', '.join(book.sheetnames)}); is this a NodeXL workbook?",
                           fmt=NAME)
    edge_rows = _xlsx.sheet_rows(edges, "Vertex 1", source, NAME, canonical)
    vertex_rows = _xlsx.sheet_rows(vertices, "Vertex", source, NAME, canonical) if vertices is not None else iter(())
    edge_header = next(edge_rows)
    vertex_header = next(vertex_rows, [])
    if context.platform is None:
        context.platform = _platform_of(edge_header, vertex_header)
    edge_rows = _with_date_order(edge_rows, source, context, lambda item: item[1])
    vertex_context = replace(context, sheet="vertices")
    seen: dict[str, str] = {}
    for n, row in edge_rows:
        yield Raw(f"Edges row {n}", row, _row_context(row, context, seen))
    for n, row in vertex_rows:
        yield Raw(f"Vertices row {n}", row, vertex_context)


# -- mapping -----------------------------------------------------------------------------


def map_record(record, context: Context | None = None) -> Mapped:
    """One row of the Edges or Vertices worksheet."""
    context = context or Context()
    if not isinstance(record, dict):
        raise RecordError(f"expected a worksheet row, found {type(record).__name__}")
    if context.sheet == "vertices":
        return Mapped(accounts=[_vertex(record, context)])
    return _edge(record, context)


def _has_handles(platform: str) -> bool:
    return platform not in (Platform.FACEBOOK, Platform.LINKEDIN)


def _account(name: str, platform: str) -> Account:
    handle = name if _has_handles(platform) else None
    url = f"https://twitter.com/{name}" if platform == Platform.TWITTER else None
    return Account(platform=platform, id=name, handle=handle, url=url)


def _vertex(row: dict, context: Context) -> Account:
    account = _account(require_id(_cell(row, "Vertex"), "Vertex"), context.platform)
    account.name = opt_text(_cell(row, "Name"))
    account.description = opt_text(_cell(row, "Description"))
    account.followers = _tabular.opt_count(_cell(row, "Followers"), "Followers", context.decimal)
    account.following = _tabular.opt_count(_cell(row, "Followed"), "Followed", context.decimal)
    account.created_at = _time(row, "Joined Twitter Date (UTC)", context)
    return account


def _time(row: dict, column: str, context: Context):
    return _tabular.parse_local_time(_cell(row, column), context.formats, context.tz, column, excel_serial=True,
                                     order=context.order)


def _edge(row: dict, context: Context) -> Mapped:
    source = require_id(_cell(row, "Vertex 1"), "Vertex 1")
    target = require_id(_cell(row, "Vertex 2"), "Vertex 2")
    out = Mapped(accounts=[_account(source, context.platform)])
    if target != source:
        out.accounts.append(_account(target, context.platform))
    relation = _cell(row, "Relationship")
    if relation is None:
        kind = context.kind
    else:
        known, kind = relation_kind(relation)
        if not known:
            raise RecordError(f"unknown Relationship {str(relation)[:40]!r}")
    message = _message(row, source, context)
    if message is not None:
        out.messages.append(message)
    if kind is not None:
        out.interactions.append(_interaction(row, kind, source, target, message, context))
    return out


def _message(row: dict, author: str, context: Context) -> Message | None:
    mid = _message_id(row)
    if mid is None:
        return None
    kind = context.message_kind or row_message_kind(row)
    parent = {"reply": "In-Reply-To Tweet ID", "repost": "Retweet ID", "quote": "Quoted Status ID"}.get(kind)
    return Message(
        platform=context.platform,
        id=mid,
        account=author,
        created_at=_time(row, "Tweet Date (UTC)", context) or _time(row, "Relationship Date (UTC)", context),
        text=unescape(opt_text(_cell(row, "Tweet"))),
        language=opt_text(_cell(row, "Language")),
        kind=kind,
        parent=_cell_id(row, parent) if parent else None,
        root=mid if kind == "post" else None,
        like_count=_tabular.opt_count(_cell(row, "Favorite Count"), "Favorite Count", context.decimal),
        share_count=_tabular.opt_count(_cell(row, "Retweet Count"), "Retweet Count", context.decimal),
        has_media=bool(_cell(row, "Media in Tweet")) if "Media in Tweet" in row else None,
        url=opt_text(_cell(row, "Twitter Page for Tweet")),
    )


def _interaction(row: dict, kind: str, source: str, target: str, message: Message | None, context: Context) -> Interaction:
    target_message = None
    if kind == "reply":
        target_message = _cell_id(row, "In-Reply-To Tweet ID")
    elif kind == "repost":
        target_message = _cell_id(row, "Retweet ID")
    elif kind == "quote":
        target_message = _cell_id(row, "Quoted Status ID")
    when = _time(row, "Relationship Date (UTC)", context) or (message.created_at if message else None)
    return Interaction(
        platform=context.platform,
        kind=kind,
        source_account=source,
        target_account=target,
        target_handle=target if _has_handles(context.platform) else None,
        target_message=target_message,
        created_at=when,
        message=message.id if message is not None and kind != "follow" else None,
    )
