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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..errors import RecordError
from ..model import Account, Interaction, Mapped, Message
from ._detect import Sample
from ._io import Broken, SourceFile
from ._json import iter_json
from ._map import opt_id, opt_int, opt_text, parse_time, require_id, unescape

NAME = "twitter-v2"
PLATFORM = "twitter"
TITLE = "Twitter/X API v2 (responses, twarc2 pages or flattened lines, academictwitteR)"
HOW_TO_EXPORT = (
    "twarc2 search --archive '#aardbeving' tweets.jsonl (or twarc2 timeline/mentions/followers/following); "
    "academictwitteR's get_all_tweets(data_path=...) files; a saved API v2 response"
)
EXAMPLE = "- {format: twitter-v2, path: data/tweets.jsonl}"

_RT = re.compile(r"^RT @([A-Za-z0-9_]{1,30}):")
_FOLLOW_URL = re.compile(r"/2/users/(\d+)/(followers|following)")


@dataclass
class Context:
    """What a tweet needs from the page it came in."""

    users: dict = field(default_factory=dict)
    tweets: dict = field(default_factory=dict)
    collected: bool = True
    kind: str = "tweet"  # tweet | user
    relation: str | None = None  # followers | following
    relation_account: str | None = None


def _is_tweet(obj) -> bool:
    return isinstance(obj, dict) and "id" in obj and "text" in obj and "id_str" not in obj and "user" not in obj


def _is_user(obj) -> bool:
    return isinstance(obj, dict) and "id" in obj and "username" in obj and "text" not in obj


def detect(sample: Sample) -> int:
    obj = sample.first_json
    if isinstance(obj, dict):
        if "__twarc" in obj:
            return 95
        data = obj.get("data")
        if data is not None and ("includes" in obj or "meta" in obj or "errors" in obj):
            first = data[0] if isinstance(data, list) and data else data
            if _is_tweet(first) or _is_user(first) or data == []:
                return 90
        if _is_tweet(obj) and any(k in obj for k in ("author_id", "edit_history_tweet_ids", "conversation_id", "public_metrics", "author")):
            return 85
        users = obj.get("users")
        if isinstance(users, list) and users and _is_user(users[0]) and "data" not in obj:
            return 70
    if isinstance(obj, list) and obj and _is_tweet(obj[0]):
        return 80 if any(k in obj[0] for k in ("author_id", "edit_history_tweet_ids", "conversation_id")) else 40
    return 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    options = options or {}
    first = True
    for location, value in iter_json(source, NAME):
        if isinstance(value, Broken):
            yield Raw(location, value)
            continue
        if first and not _looks_like_v2(value):
            raise source.error(
                "not Twitter API v2 data (expected tweets, users, or response pages with `data`); "
                "check the source's `format:`", location=location, fmt=NAME)
        first = False
        yield from raws_of(value, location, options, source)


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


def raws_of(value, location: str, options: dict, source: SourceFile) -> Iterator:
    """The raw records of one JSON value of the file (a page, a tweet, an array)."""
    from . import Raw

    if isinstance(value, list):
        for n, item in enumerate(value):
            yield Raw(f"{location}, item {n + 1}", item, _context_of(item, options))
    elif isinstance(value, dict) and ("data" in value or "includes" in value or "users" in value and "id" not in value):
        yield from _page(value, location, options)
    elif isinstance(value, dict):
        yield Raw(location, value, _context_of(value, options))
    else:
        raise source.error("expected a JSON object or array of tweets", location=location, fmt=NAME)


def bulk_applies(source: SourceFile, options: dict | None = None) -> bool:
    """Whether the DuckDB bulk path can read ``source`` (twarc2 page or flattened lines)."""
    from .twitter_v2_bulk import applies

    return applies(source, options or {})


def bulk_ingest(store, case_id: str, source: SourceFile, options: dict | None, *, strict: bool, progress) -> tuple:
    """Import ``source`` through DuckDB; same store contents as the row path. See twitter_v2_bulk."""
    from .twitter_v2_bulk import ingest

    return ingest(store, case_id, source, options or {}, strict=strict, progress=progress)


def _context_of(item, options) -> Context:
    kind = "user" if _is_user(item) else "tweet"
    return Context(kind=kind, relation=options.get("relation"), relation_account=opt_id(options.get("account")))


def _page(page: dict, location: str, options: dict) -> Iterator:
    from . import Raw

    includes = page.get("includes") or {}
    if not isinstance(includes, dict):
        includes = {}
    users = {str(u["id"]): u for u in includes.get("users") or [] if isinstance(u, dict) and "id" in u}
    for u in page.get("users") or []:  # academictwitteR users_*.json
        if isinstance(u, dict) and "id" in u:
            users[str(u["id"])] = u
    tweets = {str(t["id"]): t for t in includes.get("tweets") or [] if isinstance(t, dict) and "id" in t}
    relation, account = options.get("relation"), opt_id(options.get("account"))
    url = (page.get("__twarc") or {}).get("url") if isinstance(page.get("__twarc"), dict) else None
    if url and not relation:
        m = _FOLLOW_URL.search(url)
        if m:
            account, relation = m.group(1), m.group(2)
    data = page.get("data")
    if isinstance(data, dict):
        data = [data]
    if data is not None and not isinstance(data, list):
        data = [data]
    for n, item in enumerate(data or []):
        kind = "user" if _is_user(item) else "tweet"
        yield Raw(f"{location}, data[{n}]", item, Context(users, tweets, True, kind, relation, account))
    for tid, tweet in tweets.items():
        yield Raw(f"{location}, includes.tweets[{tid}]", tweet, Context(users, tweets, False, "tweet"))
    for uid, user in users.items():
        yield Raw(f"{location}, includes.users[{uid}]", user, Context(users, tweets, False, "user"))


def map_record(record, context: Context | None = None) -> Mapped:
    """One tweet or user of a v2 response to platform-neutral records."""
    context = context or Context()
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, found {type(record).__name__}")
    if context.kind == "user" or _is_user(record):
        return _map_user_record(record, context)
    return _map_tweet(record, context)


def _map_user_record(record: dict, context: Context) -> Mapped:
    account = map_user(record)
    out = Mapped(accounts=[account])
    if context.collected and context.relation and context.relation_account:
        if context.relation == "followers":
            src, dst = account.id, context.relation_account
        else:
            src, dst = context.relation_account, account.id
        if src != dst:
            out.interactions.append(Interaction(PLATFORM, "follow", src, dst))
    return out


def map_user(u: dict) -> Account:
    metrics = u.get("public_metrics") if isinstance(u.get("public_metrics"), dict) else {}
    handle = opt_text(u.get("username"))
    return Account(
        platform=PLATFORM,
        id=require_id(u.get("id"), "user id"),
        handle=handle,
        name=opt_text(u.get("name")),
        description=opt_text(u.get("description")),
        followers=opt_int(metrics.get("followers_count"), "followers_count"),
        following=opt_int(metrics.get("following_count"), "following_count"),
        created_at=parse_time(u.get("created_at"), "user created_at"),
        url=f"https://twitter.com/{handle}" if handle else None,
    )


def _map_tweet(t: dict, context: Context) -> Mapped:
    tid = require_id(t.get("id"), "tweet id")
    text = opt_text(t.get("text"))
    created = parse_time(t.get("created_at"), "created_at")
    out = Mapped()
    author = opt_id(t.get("author_id"))
    inline_author = t.get("author")
    if isinstance(inline_author, dict) and "id" in inline_author:  # flattened line
        out.accounts.append(map_user(inline_author))
        author = author or str(inline_author["id"])
    refs = {}
    for ref in t.get("referenced_tweets") or []:
        if isinstance(ref, dict) and ref.get("type") and ref.get("id") is not None:
            refs.setdefault(ref["type"], ref)
            if "text" in ref and context.collected:  # flattened: the referenced tweet inline
                out.extend(_map_tweet(ref, Context(context.users, context.tweets, False)))
    kind, parent = "post", None
    if "retweeted" in refs:
        kind, parent = "repost", str(refs["retweeted"]["id"])
    elif "replied_to" in refs:
        kind, parent = "reply", str(refs["replied_to"]["id"])
    elif opt_id(t.get("in_reply_to_user_id")):  # its parent not named (deleted, withheld): a reply all the same
        kind = "reply"
    elif "quoted" in refs:
        kind, parent = "quote", str(refs["quoted"]["id"])
    metrics = t.get("public_metrics") if isinstance(t.get("public_metrics"), dict) else {}
    attachments = t.get("attachments") if isinstance(t.get("attachments"), dict) else {}
    history = [str(x) for x in t.get("edit_history_tweet_ids") or []]
    handle = _handle_of(author, context, inline_author)
    out.messages.append(
        Message(
            platform=PLATFORM,
            id=tid,
            account=author,
            created_at=created,
            text=unescape(text),
            language=opt_text(t.get("lang")),
            kind=kind,
            parent=parent,
            root=opt_id(t.get("conversation_id")),
            like_count=opt_int(metrics.get("like_count"), "like_count"),
            share_count=opt_int(metrics.get("retweet_count"), "retweet_count"),
            reply_count=opt_int(metrics.get("reply_count"), "reply_count"),
            quote_count=opt_int(metrics.get("quote_count"), "quote_count"),
            has_media=bool(attachments.get("media_keys")) if "attachments" in t else None,
            url=f"https://twitter.com/{handle or 'i/web'}/status/{tid}",
            edit_group=history[0] if len(history) > 1 else None,
            collected=context.collected,
        )
    )
    if context.collected:
        out.interactions.extend(_interactions(t, tid, author, created, refs, context, text))
    return out


def _handle_of(author, context, inline_author) -> str | None:
    if isinstance(inline_author, dict) and inline_author.get("username"):
        return inline_author["username"]
    user = context.users.get(author) if author else None
    return user.get("username") if isinstance(user, dict) else None


def _ref_author(ref: dict, context: Context) -> tuple[str | None, str | None]:
    """(account id, handle) of a referenced tweet's author, where the data tell."""
    tweet = ref if "author_id" in ref or "author" in ref else context.tweets.get(str(ref["id"]), {})
    author = opt_id(tweet.get("author_id"))
    inline = tweet.get("author")
    if isinstance(inline, dict):
        author = author or opt_id(inline.get("id"))
        return author, inline.get("username")
    user = context.users.get(author) if author else None
    return author, (user.get("username") if isinstance(user, dict) else None)


def _interactions(t, tid, author, created, refs, context, text) -> list[Interaction]:
    out = []

    def tie(kind, target=None, handle=None, target_message=None):
        out.append(Interaction(PLATFORM, kind, author, target, handle, target_message, created, tid))

    entities = t.get("entities") if isinstance(t.get("entities"), dict) else {}
    for mention in entities.get("mentions") or []:
        if not isinstance(mention, dict):
            continue
        handle = mention.get("username")
        target = opt_id(mention.get("id"))
        if target is None and isinstance(handle, str):
            target = next((uid for uid, u in context.users.items() if u.get("username", "").lower() == handle.lower()), None)
        if handle or target:
            tie("mention", target, handle if isinstance(handle, str) else None)
    if "retweeted" in refs:
        target, handle = _ref_author(refs["retweeted"], context)
        if handle is None and target is None and text:
            m = _RT.match(text)
            handle = m.group(1) if m else None
        tie("repost", target, handle, str(refs["retweeted"]["id"]))
    if "replied_to" in refs:
        target = opt_id(t.get("in_reply_to_user_id"))
        inline = t.get("in_reply_to_user")
        handle = inline.get("username") if isinstance(inline, dict) else None
        if target is None and handle is None:
            target, handle = _ref_author(refs["replied_to"], context)
        if handle is None and target in context.users:
            handle = context.users[target].get("username")
        tie("reply", target, handle, str(refs["replied_to"]["id"]))
    elif "retweeted" not in refs and opt_id(t.get("in_reply_to_user_id")):
        target = opt_id(t.get("in_reply_to_user_id"))
        inline = t.get("in_reply_to_user")
        handle = inline.get("username") if isinstance(inline, dict) else None
        if handle is None and target in context.users:
            handle = context.users[target].get("username")
        tie("reply", target, handle)  # a reply whose parent is absent ties to the account replied to (CONTRACT)
    if "quoted" in refs:
        target, handle = _ref_author(refs["quoted"], context)
        tie("quote", target, handle, str(refs["quoted"]["id"]))
    return out
