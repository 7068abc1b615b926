"""Twitter / X API v2: responses, twarc2 pages, twarc2 flattened lines, academictwitteR.

What it reads
    * a single API v2 response (``{"data": …, "includes": …, "meta": …}``), as saved
      from the API or by tweepy/curl; ``data`` a list or one object;
    * twarc2 output (``twarc2 search``, ``timeline``, ``mentions``, ``followers``,
      ``following``): one response page per line, with ``__twarc`` metadata;
    * twarc2 flattened lines (``twarc2 flatten``): one tweet per line with its
      ``author``, ``in_reply_to_user`` and referenced tweets expanded inline;
    * academictwitteR files: ``data_*.json`` (an array of tweets) and ``users_*.json``
      (``{"users": […]}``).

Quirks handled
    * fields are optional: a response with default fields only (``id``, ``text``,
      ``edit_history_tweet_ids``) is stored with NULL author, date and counts;
    * mentions may lack ``id`` (only ``username``): the target is kept by handle;
    * ``includes.tweets`` are referenced context: stored, not counted;
    * edited tweets: every version carries ``edit_history_tweet_ids``; only the latest
      version of a case is counted;
    * a retweet's author is found in ``includes`` or, failing that, in its ``RT @x:`` text;
    * followers/following pages (users, no tweets) become ``follow`` ties when
      ``__twarc.url`` names the account, or when the case file's source entry says
      ``relation: followers|following`` and ``account: ID``.

One mapping
    Records are read as typed Structs (:mod:`.twitter_v2_types`) and mapped by
    :func:`~.twitter_v2_map.map_rows`: :func:`map_record` maps one record with it; JSON Lines
    of tweets take the fast path (:mod:`.twitter_v2_bulk`), which maps whole ranges of the
    file with it in worker processes and gives the same store.
"""

from __future__ import annotations

from typing import Iterator

import msgspec

from ..columns import Rows
from ..model import Mapped
from ._detect import Sample
from ._io import Broken, SourceFile
from ._json import iter_json
from ._map import opt_id
from .twitter_v2_map import PLATFORM, Context, map_rows, page_records, where_text
from .twitter_v2_types import Obj, is_page, is_tweet, is_user, to_struct

__all__ = ["NAME", "PLATFORM", "TITLE", "HOW_TO_EXPORT", "EXAMPLE", "Context", "detect", "iter_raw", "raws_of",
           "map_record", "map_rows", "bulk_applies", "bulk_batches"]

NAME = "twitter-v2"
TITLE = "Twitter/X API v2 (responses, twarc2 pages or flattened lines, academictwitteR)"
HOW_TO_EXPORT = (
    "twarc2 search --archive '#aardbeving' tweets.jsonl (or twarc2 timeline/mentions/followers/following); "
    "academictwitteR's get_all_tweets(data_path=...) files; a saved API v2 response"
)
EXAMPLE = "- {format: twitter-v2, path: data/tweets.jsonl}"


def _obj(value):
    """A parsed object as an :class:`~.twitter_v2_types.Obj` (detection reads plain dicts)."""
    return msgspec.convert(value, Obj) if isinstance(value, dict) else value


def detect(sample: Sample) -> int:
    obj = sample.first_json
    if isinstance(obj, dict):
        if "__twarc" in obj:
            return 95
        data = obj.get("data")
        if data is not None and ("includes" in obj or "meta" in obj or "errors" in obj):
            first = _obj(data[0] if isinstance(data, list) and data else data)
            if is_tweet(first) or is_user(first) or data == []:
                return 90
        if is_tweet(_obj(obj)) and any(k in obj for k in ("author_id", "edit_history_tweet_ids", "conversation_id", "public_metrics", "author")):
            return 85
        users = obj.get("users")
        if isinstance(users, list) and users and is_user(_obj(users[0])) and "data" not in obj:
            return 70
    if isinstance(obj, list) and obj and is_tweet(_obj(obj[0])):
        return 80 if any(k in obj[0] for k in ("author_id", "edit_history_tweet_ids", "conversation_id")) else 40
    return 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    options = options or {}
    first = source.first_line == 1  # a later part of a file read on its own (spark) is not its start
    for location, value in iter_json(source, NAME):
        if isinstance(value, Broken):
            yield Raw(location, value)
            continue
        if first and not _looks_like_v2(value):
            raise source.error(
                "not Twitter API v2 data (expected tweets, users, or response pages with `data`); "
                "check the source's `format:`", location=location, fmt=NAME)
        first = False
        for where, record, context in raws_of(to_struct(value), options, source, location):
            yield Raw(location + where_text(where), record, context)


_TWEET_KEYS = ("author_id", "edit_history_tweet_ids", "conversation_id", "created_at", "referenced_tweets")


def _looks_like_v2(value) -> bool:
    """Whether the file's first value is v2 data at all (a bad record inside it is merely rejected)."""
    if isinstance(value, list):
        return not value or isinstance(value[0], dict) and _looks_like_v2(value[0])
    if not isinstance(value, dict):
        return True  # raws_of says what is wrong with it
    if "data" in value or "includes" in value or "users" in value and "id" not in value:
        items = value.get("data")
        items = items if isinstance(items, list) else [items] if isinstance(items, dict) else []
        if not items:
            items = value.get("users") if isinstance(value.get("users"), list) else []
        return not items or isinstance(items[0], dict) and ("text" in items[0] or "username" in items[0])
    if "meta" in value or "errors" in value:
        return True
    return "text" in value or "username" in value or "id" in value and any(k in value for k in _TWEET_KEYS)


def raws_of(value, options: dict, source: SourceFile, location: str) -> Iterator[tuple[tuple | None, object, Context]]:
    """``(where, record, context)`` of each record of one JSON value of the file (a page, a tweet,
    an array), in :mod:`.twitter_v2_types` terms (:func:`~.twitter_v2_types.to_struct`); ``where``
    is the record's place in the value (:func:`~.twitter_v2_map.where_text`)."""
    if isinstance(value, list):
        for n, item in enumerate(value):
            yield ("item", n + 1), item, _context_of(item, options)
    elif isinstance(value, Obj) and is_page(value):
        yield from page_records(value, options)
    elif isinstance(value, Obj):
        yield None, value, _context_of(value, options)
    else:
        raise source.error("expected a JSON object or array of tweets", location=location, fmt=NAME)


def _context_of(item, options) -> Context:
    kind = "user" if is_user(item) else "tweet"
    return Context(kind=kind, relation=options.get("relation"), relation_account=opt_id(options.get("account")))


def map_record(record, context: Context | None = None) -> Mapped:
    """One tweet or user of a v2 response (a dict, or its Struct) to platform-neutral records."""
    rows = Rows()
    map_rows(_obj(record), _structured(context) if context is not None else Context(), rows)
    return rows.mapped()


def _structured(context: Context) -> Context:
    """A context whose page users and tweets a caller gave as dicts, in Struct terms."""
    if all(isinstance(v, Obj) for v in (*context.users.values(), *context.tweets.values())):
        return context
    return Context({k: _obj(v) for k, v in context.users.items()}, {k: _obj(v) for k, v in context.tweets.items()},
                   context.collected, context.kind, context.relation, context.relation_account)


def bulk_applies(source: SourceFile, options: dict | None = None) -> bool:
    """Whether the fast path can read ``source`` (JSON Lines of twarc2 tweet pages or flattened tweets)."""
    from .twitter_v2_bulk import applies

    return applies(source, options or {})


def bulk_batches(source: SourceFile, options: dict | None, *, strict: bool):
    """The fast path over ``source``: a :class:`~.twitter_v2_bulk.BulkRead` whose ``batches()``
    yields Arrow batches of the records :func:`map_record` gives. See :mod:`.twitter_v2_bulk`."""
    from .twitter_v2_bulk import BulkRead

    return BulkRead(source, options or {}, strict=strict)
