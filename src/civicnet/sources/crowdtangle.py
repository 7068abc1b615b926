"""CrowdTangle historical-data CSV and Meta Content Library CSV exports.

What it reads
    * CrowdTangle "Historical Data" CSV (Facebook pages or groups, Instagram
      accounts), both the 2021+ layout (``Page Name``/``Group Name``, ``User Name``,
      ``Facebook Id``, ``Page Category``, ``Page Admin Top Country``,
      ``Page Description``, ``Page Created``, ``Likes at Posting``,
      ``Followers at Posting``, ``Post Created``, ``Post Created Date``,
      ``Post Created Time``, ``Type``, ``Total Interactions``, ``Likes``,
      ``Comments``, ``Shares``, ``Love``, ``Wow``, ``Haha``, ``Sad``, ``Angry``,
      ``Care``, …, ``URL``, ``Message``, ``Link``, ``Final Link``, ``Image Text``,
      ``Link Text``, ``Description``, ``Sponsor Id``…) and the older one
      (``Created`` instead of ``Post Created``); Instagram exports (``Account``,
      ``User Name``, ``Followers at Posting``, ``Post Created``, ``Type``, ``Likes``,
      ``Comments``, ``Views``, ``URL``, ``Link``, ``Photo``, ``Title``,
      ``Description``); an optional ``Platform`` column decides per row;
    * Meta Content Library CSV (``id``, ``creation_time``, ``text``, ``lang``,
      ``mcl_url``, ``content_type``, ``multimedia``, ``post_owner.id``,
      ``post_owner.name``, ``post_owner.username``, ``post_owner.type``,
      ``surface.id``, ``surface.name``, ``surface.type``,
      ``statistics.reaction_count``, ``statistics.like_count`` … ``care_count``,
      ``statistics.comment_count``, ``statistics.share_count``,
      ``shared_post_id``). Files with ``surface.*`` or ``statistics.share_count``
      are Facebook, others with ``post_owner.username`` Instagram (``platform:``
      overrides).

How a user gets it
    CrowdTangle: Historical Data → choose a list or saved search → download CSV.
    Meta Content Library: Content Library → search → export CSV (or the API's
    ``search`` results written with their dotted field names).

Mapping
    One row is one post (``collected``). CrowdTangle's post id is
    ``FACEBOOKID_POSTID`` (as the Graph API and CrowdTangle's ``platformId``
    write it), the post number taken from ``URL`` (``/posts/N``, ``story_fbid=N``,
    ``/permalink/N``, ``/videos/N``, ``/photos/…/N``); Instagram posts use the
    shortcode of ``/p/CODE``. ``like_count`` is the sum of the reaction columns
    present (Likes, Love, Wow, Haha, Sad, Angry, Care; Content Library:
    ``statistics.reaction_count``), ``reply_count`` the comments, ``share_count``
    the shares. Facebook accounts have no handle (the page's ``User Name`` goes
    into its url); Instagram accounts carry no id in CrowdTangle exports, so the
    handle is their id there. CrowdTangle does not name the authors of group
    posts: those are ``group_post`` with a NULL account. A Content Library post
    whose ``surface`` is a group is a ``group_post``; one on another page than its
    owner's a ``post_to_page``; a post with ``shared_post_id`` a ``repost``.

Quirks handled
    * times like ``2021-02-02 09:10:01 EST``: abbreviations EST/EDT, CST/CDT,
      MST/MDT, PST/PDT, GMT/UTC/Z, WET/WEST, BST, CET/CEST, EET/EEST and numeric
      offsets; times without a zone (``Post Created Date`` + ``Post Created Time``)
      are read in the option ``timezone`` (an IANA name, e.g. ``Europe/Amsterdam``)
      or else as UTC, since CrowdTangle writes the dashboard's zone;
    * counts written as ``1,234``; empty cells are absent.

Options
    ``platform: facebook|instagram``  for files that do not say;
    ``timezone: Europe/Amsterdam``    zone of times written without one;
    ``date_format:``, ``delimiter:``, ``encoding:`` as for every table (docs/formats.md):
    by default dates in ISO form or numeric with the order of day and month inferred
    from the file (a file re-saved by a Dutch Excel says ``2-2-2021 09:10``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Iterator
from urllib.parse import parse_qs, urlparse

from ..errors import RecordError
from ..model import Account, Mapped, Message
from . import _dates, _tabular
from ._crowdtangle_time import (  # noqa: F401  (moved; still importable here)
    _OFFSETS,
    _ZONED,
    _naive,
    _offset,
    ct_time,
)
from ._csv import csv_header, iter_csv
from ._dates import DateOrder
from ._detect import Sample
from ._io import SourceFile
from ._map import opt_id, require_id

NAME = "crowdtangle"
PLATFORM = "facebook"
TITLE = "CrowdTangle historical-data CSV and Meta Content Library CSV (Facebook, Instagram)"
HOW_TO_EXPORT = (
    "CrowdTangle: Historical Data → list or saved search → CSV; "
    "Meta Content Library: search → export CSV"
)
EXAMPLE = "- {format: crowdtangle, path: data/crowdtangle-export.csv, timezone: Europe/Amsterdam}"

REACTIONS_CT = ("Likes", "Love", "Wow", "Haha", "Sad", "Angry", "Care")
REACTIONS_MCL = tuple(f"statistics.{r}_count" for r in ("like", "love", "wow", "haha", "sad", "angry", "care"))
MEDIA_TYPES = {"photo", "album", "video", "native video", "live video", "live video complete", "live video scheduled",
               "youtube", "vine", "igtv", "carousel", "reel", "image"}
NO_MEDIA_TYPES = {"status", "link", "text"}



@dataclass(frozen=True)
class Context:
    family: str  # crowdtangle | mcl
    platform: str
    tz: object = None  # tzinfo for times written without a zone
    order: DateOrder = field(default_factory=DateOrder)  # of day and month in numeric dates
    decimal: str = "."  # the decimal mark of counts


def _header(sample: Sample) -> list[str]:
    if not sample.text:
        return []
    first = sample.text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    delimiter = max([",", ";", "\t"], key=first.count)
    try:
        return [h.strip() for h in next(csv.reader(io.StringIO(first), delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return []


def family_of(columns) -> str | None:
    """``crowdtangle``, ``mcl`` or None, from a header row."""
    cols = set(columns)
    if ("post_owner.id" in cols or "post_owner.name" in cols) and "creation_time" in cols:
        return "mcl"
    has_time = "Post Created" in cols or "Created" in cols or "Post Created Date" in cols
    if has_time and "URL" in cols and ("Facebook Id" in cols or "Total Interactions" in cols or "Followers at Posting" in cols):
        return "crowdtangle"
    return None


def detect(sample: Sample) -> int:
    family = family_of(_header(sample))
    if family == "mcl":
        return 95
    if family == "crowdtangle":
        return 95
    return 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    options = options or {}
    tz = _tabular.zone(options.get("timezone"), str(source.path))
    header = csv_header(source, NAME)
    if not header:
        raise source.error("the file is empty", fmt=NAME)
    family = family_of(header)
    if family is None:
        raise source.error(
            "no CrowdTangle columns (Post Created, URL, Facebook Id…) nor Meta Content Library "
            "columns (id, creation_time, post_owner.id…) in the header",
            location="line 1", fmt=NAME,
        )
    rows = iter_csv(source, NAME, options.get("delimiter"))
    formats = _tabular.date_formats(options.get("date_format"), str(source.path))
    order, rows = _dates.for_file(rows, lambda item: _date_texts(item[1]), source, formats)
    context = Context(family, _file_platform(family, header, options), tz, order,
                      _tabular.decimal_mark(source.notes.get("delimiter")))
    n = 0
    for location, row in rows:
        n += 1
        yield Raw(location, row, context)
    if n == 0:
        raise source.error("the CSV has a header but no rows", fmt=NAME)


def _date_texts(row) -> list[str]:
    """The row's dates without their zone (for the order of day and month)."""
    if not isinstance(row, dict):
        return []
    out = []
    for column in ("Post Created", "Created", "Post Created Date", "creation_time", "Page Created"):
        value = row.get(column)
        if isinstance(value, str) and value.strip():
            m = _ZONED.match(value.strip())
            out.append(m.group(1).strip() if m else value.strip())
    return out


def _file_platform(family: str, columns, options: dict) -> str:
    wanted = options.get("platform")
    if wanted:
        return str(wanted).lower()
    cols = set(columns)
    if family == "mcl":
        if any(c.startswith("surface.") for c in cols) or "statistics.share_count" in cols:
            return "facebook"
        return "instagram" if "post_owner.username" in cols else "facebook"
    if "Facebook Id" in cols or "Page Name" in cols or "Group Name" in cols:
        return "facebook"
    return "instagram" if "Account" in cols else "facebook"


def map_record(record, context: Context | None = None) -> Mapped:
    """One CSV row (one post) to records."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a CSV row, found {type(record).__name__}")
    context = context or Context(family_of(record.keys()) or "crowdtangle", "facebook")
    if context.family == "mcl":
        return _map_mcl(record, context)
    return _map_ct(record, context)


def _cell(row: dict, *names) -> str | None:
    for name in names:
        value = row.get(name)
        if value is not None and value.strip() and value.strip().upper() != "N/A":
            return value.strip()
    return None


def _row_platform(row: dict, context: Context) -> str:
    value = _cell(row, "Platform", "platform")
    return value.lower() if value else context.platform


# -- CrowdTangle --------------------------------------------------------------------------


def _map_ct(row: dict, ctx: Context) -> Mapped:
    platform = _row_platform(row, ctx)
    url = _cell(row, "URL")
    owner = opt_id(_cell(row, "Facebook Id"))
    pid = _ct_post_id(url, owner, platform)
    created = ct_time(_ct_created(row), ctx.tz, "Post Created", ctx.order)
    group = _cell(row, "Group Name") is not None and _cell(row, "Page Name") is None
    out = Mapped()
    author = None
    if platform == "instagram":
        handle = _cell(row, "User Name")
        if handle:
            author = handle
            followers = _tabular.opt_count(_cell(row, "Followers at Posting"), "Followers at Posting", ctx.decimal)
            out.accounts.append(Account(platform, handle, handle=handle, name=_cell(row, "Account"),
                                        followers=followers,
                                        url=f"https://www.instagram.com/{handle}/"))
    elif not group and owner:
        author = owner
        vanity = _cell(row, "User Name")
        out.accounts.append(Account(
            platform, owner, name=_cell(row, "Page Name"), description=_cell(row, "Page Description"),
            followers=_tabular.opt_count(_cell(row, "Followers at Posting", "Likes at Posting"), "Followers at Posting",
                                         ctx.decimal),
            created_at=ct_time(_cell(row, "Page Created"), ctx.tz, "Page Created", ctx.order),
            url=f"https://www.facebook.com/{vanity or owner}",
        ))
    text = _cell(row, "Message") if platform == "facebook" else _cell(row, "Description", "Message")
    out.messages.append(Message(
        platform=platform, id=pid, account=author, created_at=created, text=text,
        kind="group_post" if group else "post", root=pid,
        like_count=_sum_counts(row, REACTIONS_CT, ctx.decimal),
        share_count=_tabular.opt_count(_cell(row, "Shares"), "Shares", ctx.decimal),
        reply_count=_tabular.opt_count(_cell(row, "Comments"), "Comments", ctx.decimal),
        has_media=_media_of_type(_cell(row, "Type")), url=url,
    ))
    return out


def _ct_created(row: dict) -> str | None:
    created = _cell(row, "Post Created", "Created")
    if created:
        return created
    day, time = _cell(row, "Post Created Date"), _cell(row, "Post Created Time")
    if day:
        return f"{day} {time}" if time else day
    return None


def _ct_post_id(url: str | None, owner: str | None, platform: str) -> str:
    if not url:
        raise RecordError("no URL to take the post id from")
    parsed = urlparse(url)
    parts = [p for p in parsed.path.split("/") if p]
    if platform == "instagram":
        for i, part in enumerate(parts[:-1]):
            if part in ("p", "reel", "tv"):
                return parts[i + 1]
        return require_id(parts[-1] if parts else None, "post id in URL")
    query = parse_qs(parsed.query)
    number = (query.get("story_fbid") or query.get("fbid") or query.get("v") or [None])[0]
    if number is None:
        numeric = [p for p in parts if p.isdigit()]
        number = numeric[-1] if numeric else None
    if number is None or not number.isdigit():
        raise RecordError(f"no post number in URL {url[:80]!r}")
    if "groups" in parts and parts.index("groups") + 1 < len(parts):
        owner = owner or (parts[parts.index("groups") + 1] if parts[parts.index("groups") + 1].isdigit() else None)
    return f"{owner}_{number}" if owner else number


# -- Meta Content Library -------------------------------------------------------------------


def _map_mcl(row: dict, ctx: Context) -> Mapped:
    platform = _row_platform(row, ctx)
    pid = require_id(_cell(row, "id"), "id")
    created = ct_time(_cell(row, "creation_time"), ctx.tz, "creation_time", ctx.order)
    owner = opt_id(_cell(row, "post_owner.id"))
    username = _cell(row, "post_owner.username")
    out = Mapped()
    if platform == "instagram" and owner is None and username:
        owner = username
    if owner:
        handle = username if platform == "instagram" else None
        out.accounts.append(Account(platform, owner, handle=handle, name=_cell(row, "post_owner.name")))
    surface_type = (_cell(row, "surface.type") or "").lower()
    surface = opt_id(_cell(row, "surface.id"))
    shared = opt_id(_cell(row, "shared_post_id"))
    kind, parent = "post", None
    if shared:
        kind, parent = "repost", shared
    elif surface_type == "group":
        kind = "group_post"
    elif surface and owner and surface != owner and surface_type in ("page", ""):
        kind = "post_to_page"
    reactions = _cell(row, "statistics.reaction_count")
    multimedia = row.get("multimedia")
    out.messages.append(Message(
        platform=platform, id=pid, account=owner, created_at=created, text=_cell(row, "text"),
        language=_cell(row, "lang"), kind=kind, parent=parent, root=pid,
        like_count=_tabular.opt_count(reactions, "statistics.reaction_count", ctx.decimal) if reactions else _sum_counts(row, REACTIONS_MCL, ctx.decimal),
        share_count=_tabular.opt_count(_cell(row, "statistics.share_count"), "statistics.share_count", ctx.decimal),
        reply_count=_tabular.opt_count(_cell(row, "statistics.comment_count"), "statistics.comment_count", ctx.decimal),
        has_media=None if multimedia is None else multimedia.strip() not in ("", "[]", "None"),
        url=_cell(row, "mcl_url", "url", "link"),
    ))
    return out


# -- shared -------------------------------------------------------------------------------


def _sum_counts(row: dict, columns, decimal: str = ".") -> int | None:
    values = [_tabular.opt_count(_cell(row, c), c, decimal) for c in columns if _cell(row, c) is not None]
    return sum(values) if values else None


def _media_of_type(kind: str | None) -> bool | None:
    if not kind:
        return None
    k = kind.strip().lower()
    if k in MEDIA_TYPES or "video" in k or "photo" in k:
        return True
    if k in NO_MEDIA_TYPES:
        return False
    return None


