"""4CAT dataset exports: the mapped CSV, and NDJSON of flat or raw items.

What it reads
    * 4CAT's CSV download of a dataset: the columns its data source's ``map_item``
      writes. Common to all: ``id``, ``thread_id``, ``author``, ``body``,
      ``timestamp`` (``2021-01-01 12:00:00``), ``unix_timestamp``, often
      ``subject``, ``author_fullname``/``author_name``, ``link``/``url``.
      Per data source, among others: Twitter v2 ``author_id``, ``is_retweet``,
      ``retweeted_user``, ``is_quote_tweet``, ``quoted_user``, ``is_reply``,
      ``replied_user``, ``mentions`` (comma-separated handles), ``hashtags``,
      ``like_count``, ``retweet_count``, ``reply_count``, ``quote_count``,
      ``language_guess``, ``images``, ``videos``; Telegram ``chat``, ``author``
      (the user id), ``author_username``, ``author_name``, ``reply_to``,
      ``attachment_type``; Instagram ``parent_id``, ``num_likes``,
      ``num_comments``; generic ``parent``/``parent_id``/``reply_to``/
      ``in_reply_to``;
    * NDJSON downloads: one item per line, either already flat (the columns above)
      or the raw collected object. Raw objects understood: Zeeschuimer tweets
      (``__import_meta.source_platform`` twitter/x; GraphQL ``legacy`` = v1.1
      status), 4CAT's Twitter v2 items (with ``author_user``), Telegram messages
      (``_chat``, ``_sender``, ``message``, ``date``). Other raw items are
      rejected with a reason (download the dataset as CSV from 4CAT instead).

How a user gets it
    In 4CAT, open the dataset and click "Download csv" (or "ndjson").

Mapping
    One row is one message. ``author_id`` (or Telegram's numeric ``author``) is the
    account id and ``author`` the handle; without an id column the handle is the id.
    ``thread_id`` is ``root`` (not for Telegram, where it names the chat). A parent
    column makes a ``reply`` (on Facebook, Instagram and LinkedIn: a ``comment``
    when the parent is the thread's top, else a ``reply``); ``is_retweet``/
    ``is_quote_tweet``/``is_reply`` give ``repost``/``quote``/``reply`` with ties to
    ``retweeted_user``/``quoted_user``/``replied_user`` by handle; ``mentions``
    become ``mention`` ties by handle. ``unix_timestamp`` is preferred over
    ``timestamp`` (which some 4CAT versions wrote in server-local time).

Platform
    The option ``platform:`` (twitter, facebook, instagram, linkedin, mastodon,
    bluesky, other); else Twitter columns (``is_retweet``…) or the host of a row's
    ``link``/``url``; else ``other``.

Options: ``platform``; for CSV, ``date_format:``, ``delimiter:`` and ``encoding:`` as for every
table (docs/formats.md). A CSV re-saved by Excel keeps its dates in the local form
(``28-5-2022 20:12``): the order of day and month is inferred from the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator
from urllib.parse import urlparse

from ..errors import RecordError
from ..model import Account, Interaction, Mapped, Message, Platform
from . import _dates, _tabular
from ._csv import csv_header, iter_csv
from ._dates import DateOrder
from ._detect import Sample
from ._io import Broken, SourceFile
from ._json import iter_json
from ._map import opt_id, opt_int, opt_text, parse_time, require_id

NAME = "4cat"
PLATFORM = "other"
TITLE = "4CAT dataset exports (CSV or NDJSON)"
HOW_TO_EXPORT = "4CAT: open the dataset → Download csv (or ndjson)"
EXAMPLE = "- {format: 4cat, path: data/4cat-dataset.csv, platform: twitter}"

_CORE = {"id", "thread_id", "body"}
_TWITTER_COLUMNS = {"is_retweet", "retweeted_user", "is_quote_tweet", "replied_user"}
_HOSTS = {
    "twitter.com": "twitter", "x.com": "twitter", "facebook.com": "facebook", "instagram.com": "instagram",
    "linkedin.com": "linkedin", "bsky.app": "bluesky",
}
_PARENT_COLUMNS = ("reply_to", "in_reply_to", "in_reply_to_id", "parent", "parent_id", "reply_to_id")
_THREADED = {"facebook", "instagram", "linkedin"}


@dataclass(frozen=True)
class Context:
    platform: str | None = None  # from the option; None: decide per row
    shape: str = "flat"  # flat | zeeschuimer-twitter | twitter-v2 | telegram | unknown
    order: DateOrder = field(default_factory=DateOrder)  # of day and month in numeric local dates (CSV)
    decimal: str = "."  # the decimal mark of counts written as text (CSV)


def _is_flat(obj) -> bool:
    return isinstance(obj, dict) and _CORE <= set(obj) and not any(isinstance(v, (dict, list)) for v in obj.values())


def _header(sample: Sample) -> set[str]:
    if not sample.text:
        return set()
    first = sample.text.lstrip("\ufeff").split("\n", 1)[0]
    return {c.strip().strip('"') for c in first.split(",")}


def detect(sample: Sample) -> int:
    obj = sample.first_json
    if obj is not None:
        if _is_flat(obj) and ("unix_timestamp" in obj or "timestamp" in obj):
            return 90
        if isinstance(obj, dict) and isinstance(obj.get("author_user"), dict) and "text" in obj:
            return 90  # 4CAT's own Twitter v2 items (twarc writes `author`)
        return 0
    cols = _header(sample)
    if _CORE <= cols and ("unix_timestamp" in cols or "timestamp" in cols) and "author" in cols:
        return 90
    return 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    options = options or {}
    platform = str(options["platform"]).lower() if options.get("platform") else None
    if source.starts_with_json():
        for location, value in iter_json(source, NAME):
            items = value if isinstance(value, list) else [value]
            if isinstance(value, Broken):
                yield Raw(location, value)
                continue
            for n, item in enumerate(items):
                if not isinstance(item, dict):
                    raise source.error("expected one JSON object per line", location=location, fmt=NAME)
                where = location if len(items) == 1 else f"{location}, item {n + 1}"
                yield Raw(where, item, Context(platform, _shape(item)))
        return
    header = csv_header(source, NAME)
    if header and not {"id", "body"} <= set(header):
        raise source.error("not a 4CAT CSV: the header needs at least `id` and `body`", location="line 1", fmt=NAME)
    rows = iter_csv(source, NAME, options.get("delimiter"))
    formats = _tabular.date_formats(options.get("date_format"), str(source.path))
    order, rows = _dates.for_file(rows, lambda item: [item[1].get("timestamp")] if isinstance(item[1], dict) else [],
                                  source, formats)
    context = Context(platform, "flat", order, _tabular.decimal_mark(source.notes.get("delimiter")))
    for location, row in rows:
        yield Raw(location, row, context)


def _shape(item: dict) -> str:
    meta = item.get("__import_meta")
    if isinstance(meta, dict) and any(h in str(meta.get("source_platform", "")) for h in ("twitter", "x.com")):
        return "zeeschuimer-twitter"
    if isinstance(item.get("author_user"), dict) and "text" in item:
        return "twitter-v2"
    if isinstance(item.get("_chat"), dict) and "date" in item:
        return "telegram"
    if _is_flat(item):
        return "flat"
    return "unknown"


def map_record(record, context: Context | None = None) -> Mapped:
    """One 4CAT item (CSV row or NDJSON object) to records."""
    if not isinstance(record, dict):
        raise RecordError(f"expected an item object, found {type(record).__name__}")
    context = context or Context(None, _shape(record))
    if context.shape == "flat":
        return map_flat(record, context.platform, context.order, context.decimal)
    if context.shape == "zeeschuimer-twitter":
        return _map_zeeschuimer_tweet(record)
    if context.shape == "twitter-v2":
        return _map_twitter_v2(record)
    if context.shape == "telegram":
        return _map_telegram(record, context.platform or Platform.OTHER)
    source = (record.get("__import_meta") or {}).get("source_platform") if isinstance(record.get("__import_meta"), dict) else None
    raise RecordError(
        f"raw 4CAT item{f' from {source}' if source else ''} that civicnet cannot map; download the dataset as CSV from 4CAT"
    )


# -- flat (CSV columns) --------------------------------------------------------------------


def _cell(row: dict, *names):
    for name in names:
        value = row.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, ""):
            return value
    return None


def _yes(value) -> bool:
    return str(value).strip().lower() in ("yes", "true", "1")


def platform_of_row(row: dict, chosen: str | None) -> str:
    if chosen:
        return chosen
    if _TWITTER_COLUMNS & set(row):
        return "twitter"
    link = _cell(row, "link", "url", "permalink")
    if isinstance(link, str):
        host = (urlparse(link).hostname or "").lower().removeprefix("www.").removeprefix("m.")
        for suffix, platform in _HOSTS.items():
            if host == suffix or host.endswith("." + suffix):
                return platform
    return Platform.OTHER


def map_flat(row: dict, chosen: str | None = None, order: DateOrder | None = None, decimal: str = ".") -> Mapped:
    """A row of 4CAT's mapped columns (``order``, ``decimal``: how the file writes dates and numbers)."""
    platform = platform_of_row(row, chosen)
    mid = require_id(_cell(row, "id"), "id")
    created = _tabular.parse_local_time(_cell(row, "unix_timestamp", "timestamp"), what="timestamp", order=order)
    out = Mapped()
    author, handle = _author(row, platform, out)
    chat = _cell(row, "chat")
    root = None if chat else opt_id(_cell(row, "thread_id"))
    parent = opt_id(_cell(row, *_PARENT_COLUMNS))
    if parent and chat and "-" in mid and "-" not in parent:
        parent = f"{chat}-{parent}"
    if parent == mid:
        parent = None
    kind = _kind(row, platform, parent, root)
    subject, body = opt_text(_cell(row, "subject")), opt_text(row.get("body"))
    text = f"{subject}\n\n{body}" if subject and body else (body if body is not None else subject)
    out.messages.append(Message(
        platform=platform, id=mid, account=author, created_at=created, text=text,
        language=opt_text(_cell(row, "language_guess", "lang", "language")), kind=kind, parent=parent,
        root=root if root else (mid if kind in ("post", "repost", "quote", "group_post", "post_to_page") else None),
        like_count=_tabular.opt_count(_cell(row, "like_count", "likes", "num_likes", "favorite_count"), "likes", decimal),
        share_count=_tabular.opt_count(_cell(row, "retweet_count", "shares", "num_shares", "share_count", "forwards"),
                                       "shares", decimal),
        reply_count=_tabular.opt_count(_cell(row, "reply_count", "num_comments", "num_replies", "comment_count"),
                                       "replies", decimal),
        quote_count=_tabular.opt_count(_cell(row, "quote_count"), "quote_count", decimal),
        has_media=_media(row), url=opt_text(_cell(row, "link", "url", "permalink")),
    ))
    if author:
        out.interactions.extend(_ties(row, platform, author, created, mid, kind, parent))
    return out


def _author(row: dict, platform: str, out: Mapped) -> tuple[str | None, str | None]:
    no_handles = platform in ("facebook", "linkedin")
    if "author_username" in row:  # Telegram: author is the numeric user id
        author = opt_id(_cell(row, "author"))
        handle = opt_text(_cell(row, "author_username"))
    elif _cell(row, "author_id"):
        author, handle = opt_id(_cell(row, "author_id")), opt_text(_cell(row, "author"))
    else:
        handle = opt_text(_cell(row, "author"))
        author = handle
    if no_handles:
        handle = None
    if author:
        out.accounts.append(Account(platform, author, handle=handle,
                                    name=opt_text(_cell(row, "author_fullname", "author_name"))))
    return author, handle


def _kind(row, platform, parent, root) -> str:
    if _yes(row.get("is_retweet")):
        return "repost"
    if _yes(row.get("is_reply")):
        return "reply"
    if _yes(row.get("is_quote_tweet")):
        return "quote"
    if parent:
        if platform in _THREADED:
            return "comment" if root and parent == root else "reply"
        return "reply"
    return "post"


def _media(row: dict) -> bool | None:
    cols = [c for c in ("images", "videos", "attachment_type", "thumbnail_url", "image_url", "media_urls") if c in row]
    if not cols:
        return None
    return any(_cell(row, c) for c in cols)


def _handles(value) -> list[str]:
    if not value:
        return []
    seen: dict[str, None] = {}
    for part in str(value).replace(";", ",").split(","):
        part = part.strip().lstrip("@")
        if part:
            seen.setdefault(part, None)
    return list(seen)


def _ties(row, platform, author, created, mid, kind, parent) -> list[Interaction]:
    out = []
    for handle in _handles(_cell(row, "mentions", "mentioned")):
        out.append(Interaction(platform, "mention", author, None, handle, None, created, mid))
    by_kind = {"repost": "retweeted_user", "quote": "quoted_user", "reply": "replied_user"}
    column = by_kind.get(kind)
    target = _handles(_cell(row, column))[:1] if column else []
    if target:
        out.append(Interaction(platform, kind, author, None, target[0], parent, created, mid))
    return out


# -- raw NDJSON items ----------------------------------------------------------------------


def _map_zeeschuimer_tweet(item: dict) -> Mapped:
    from . import twitter_v1

    tweet = item.get("tweet") if isinstance(item.get("tweet"), dict) else item  # TweetWithVisibilityResults
    legacy = tweet.get("legacy")
    if not isinstance(legacy, dict):
        raise RecordError("Zeeschuimer tweet without `legacy` object")
    legacy = dict(legacy)
    legacy.setdefault("id_str", tweet.get("rest_id"))
    user = _graphql_user(tweet)
    note = (((tweet.get("note_tweet") or {}).get("note_tweet_results") or {}).get("result") or {}).get("text")
    if note:
        legacy["full_text"] = note
    for key in ("retweeted_status_result", "quoted_status_result"):
        embedded = (legacy.get(key) or tweet.get(key) or {}).get("result") if isinstance(legacy.get(key) or tweet.get(key), dict) else None
        if isinstance(embedded, dict) and isinstance(embedded.get("legacy"), dict):
            inner = dict(embedded["legacy"], id_str=embedded["legacy"].get("id_str") or embedded.get("rest_id"))
            inner_user = _graphql_user(embedded)
            if inner_user:
                inner["user"] = inner_user
            legacy[key.replace("_result", "")] = inner
    return twitter_v1.map_status(legacy, True, user)


def _graphql_user(tweet: dict) -> dict | None:
    result = ((tweet.get("core") or {}).get("user_results") or {}).get("result")
    if not isinstance(result, dict):
        return None
    user = dict(result.get("legacy") or {})
    core = result.get("core") if isinstance(result.get("core"), dict) else {}
    user.setdefault("screen_name", core.get("screen_name"))
    user.setdefault("name", core.get("name"))
    user.setdefault("created_at", core.get("created_at"))
    user["id_str"] = result.get("rest_id") or user.get("id_str")
    return user


def _map_twitter_v2(item: dict) -> Mapped:
    from . import twitter_v2

    tweet = dict(item, author=item["author_user"])
    refs = []
    for ref in item.get("referenced_tweets") or []:
        if isinstance(ref, dict) and isinstance(ref.get("author_user"), dict):
            ref = dict(ref, author=ref["author_user"])
        refs.append(ref)
    if refs:
        tweet["referenced_tweets"] = refs
    return twitter_v2.map_record(tweet, twitter_v2.Context())


def _map_telegram(item: dict, platform: str) -> Mapped:
    chat = item["_chat"]
    chat_name = opt_text(chat.get("username")) or opt_id(chat.get("id"))
    number = require_id(item.get("id"), "message id")
    mid = f"{chat_name}-{number}" if chat_name else number
    sender = item.get("_sender") if isinstance(item.get("_sender"), dict) else {}
    author = opt_id(sender.get("id"))
    out = Mapped()
    if author:
        name = " ".join(p for p in (sender.get("first_name"), sender.get("last_name")) if isinstance(p, str)) or sender.get("title")
        out.accounts.append(Account(platform, author, handle=opt_text(sender.get("username")), name=opt_text(name)))
    reply = item.get("reply_to") if isinstance(item.get("reply_to"), dict) else {}
    parent_no = opt_id(reply.get("reply_to_msg_id") or item.get("reply_to_msg_id"))
    parent = (f"{chat_name}-{parent_no}" if chat_name else parent_no) if parent_no else None
    out.messages.append(Message(
        platform=platform, id=mid, account=author, created_at=parse_time(item.get("date"), "date"),
        text=opt_text(item.get("message")), kind="reply" if parent else "post", parent=parent,
        root=None if parent else mid, share_count=opt_int(item.get("forwards"), "forwards"),
        has_media=bool(item.get("media")) if "media" in item else None,
        url=f"https://t.me/{chat_name}/{number}" if chat.get("username") else None,
    ))
    return out
