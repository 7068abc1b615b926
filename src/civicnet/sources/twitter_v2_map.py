"""The one twitter-v2 mapping: a tweet or user (as :mod:`.twitter_v2_types` Structs) to rows.

:func:`map_rows` appends what one record gives to a :class:`~civicnet.columns.Rows`: the row
path (``twitter_v2.map_record``) maps one record and turns the rows into the model's records,
the fast path (:mod:`.twitter_v2_bulk`) maps many records into the same rows and hands them
on as Arrow batches. :func:`page_records` lists the records of a response page for both.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterator

from ..columns import Rows
from ..errors import RecordError
from ._map import MAX_COUNT, opt_id, opt_int, opt_text, parse_time, require_id
from .twitter_v2_types import UNSET, Attachments, Entities, Includes, Line, Mention, Metrics, Obj, Twarc, is_user, present

PLATFORM = "twitter"
_RT = re.compile(r"^RT @([A-Za-z0-9_]{1,30}):")
_FOLLOW_URL = re.compile(r"/2/users/(\d+)/(followers|following)")
_NO_METRICS = Metrics()
_NO_REFS: dict = {}
_POST = ("post", None)


@dataclass(slots=True)
class Context:
    """What a record needs from the page it came in (its ``includes``), and how it came."""

    users: dict = field(default_factory=dict)
    tweets: dict = field(default_factory=dict)
    collected: bool = True
    kind: str = "tweet"  # tweet | user
    relation: str | None = None  # followers | following
    relation_account: str | None = None
    handles: dict | None = field(default=None, repr=False, compare=False)

    def user_by_handle(self, handle: str) -> str | None:
        """The id of the page's first user with this handle (any case), or None."""
        if self.handles is None:
            self.handles = {}
            for uid, u in self.users.items():
                if isinstance(u.username, str):
                    self.handles.setdefault(u.username.lower(), uid)
        return self.handles.get(handle.lower())


def where_text(where: tuple | None) -> str:
    """How a record's place in a line completes the line's location (``, data[3]``, ``, item 2``)."""
    if where is None:
        return ""
    section, key = where
    return f", item {key}" if section == "item" else f", {section}[{key}]"


def page_records(page: Line, options: dict) -> Iterator[tuple[tuple, object, Context]]:
    """``(where, record, context)`` of each record of a page, in the order the store takes them:
    ``data``, then ``includes.tweets`` and ``includes.users`` (one per id: the last object, at
    the first place). ``where`` is the record's place in the page (:func:`where_text`)."""
    includes = page.includes if isinstance(page.includes, Includes) else None
    users = _by_id(includes.users if includes else None)
    users.update(_by_id(present(page.users)))  # academictwitteR users_*.json
    tweets = _by_id(includes.tweets if includes else None)
    relation, account = options.get("relation"), opt_id(options.get("account"))
    url = page.twarc.url if isinstance(page.twarc, Twarc) else None
    if url and not relation:
        m = _FOLLOW_URL.search(url) if isinstance(url, str) else None
        if m:
            account, relation = m.group(1), m.group(2)
    data = present(page.data)
    if not isinstance(data, list):
        data = [data] if data is not None else []
    as_tweet = Context(users, tweets, True, "tweet", relation, account)
    as_user = Context(users, tweets, True, "user", relation, account)
    for n, item in enumerate(data):
        yield ("data", n), item, as_user if is_user(item) else as_tweet
    context = Context(users, tweets, False, "tweet")
    for tid, tweet in tweets.items():
        yield ("includes.tweets", tid), tweet, context
    context = Context(users, tweets, False, "user")
    for uid, user in users.items():
        yield ("includes.users", uid), user, context


def _by_id(items) -> dict:
    if not items or isinstance(items, (int, float, bool)):
        return {}
    return {str(x.id): x for x in items if isinstance(x, Obj) and x.id is not UNSET}


def map_rows(record, context: Context, rows: Rows) -> None:
    """Append what one tweet or user gives to ``rows``; RecordError when it cannot be stored."""
    if not isinstance(record, Obj):
        raise RecordError(f"expected a JSON object, found {type(record).__name__}")
    if context.kind == "user" or is_user(record):
        _user_record(record, context, rows)
    else:
        _tweet(record, context, rows)


def _user_record(record: Obj, context: Context, rows: Rows) -> None:
    account = user_row(record)
    rows.accounts.append(account)
    if context.collected and context.relation and context.relation_account:
        if context.relation == "followers":
            src, dst = account[1], context.relation_account
        else:
            src, dst = context.relation_account, account[1]
        if src != dst:
            rows.interactions.append((PLATFORM, "follow", src, dst, None, None, None, None))


def user_row(u: Obj | Mention) -> tuple:
    """An account row (:data:`~civicnet.columns.ACCOUNT_FIELDS`) of a user object (also one merged
    into a mention)."""
    metrics = u.public_metrics if isinstance(u.public_metrics, Metrics) else _NO_METRICS
    handle = opt_text(present(u.username))
    return (PLATFORM, require_id(present(u.id), "user id"), handle, opt_text(u.name), opt_text(u.description),
            opt_int(metrics.followers_count, "followers_count"), opt_int(metrics.following_count, "following_count"),
            _utc(u.created_at, "user created_at"), f"https://twitter.com/{handle}" if handle else None)


def _utc(value, what: str) -> datetime | None:
    """:func:`~._map.parse_time` of a time, as a naive datetime in UTC when it has Twitter's own form
    (``2021-04-08T19:34:16.000Z``), else as parse_time gives it (aware, in UTC). A row's time is UTC
    either way (:class:`~civicnet.columns.Rows`); Arrow takes a naive one in half the time."""
    if type(value) is str and len(value) == 24 and value[23] == "Z" and value[19] == "." and value[10] == "T":
        try:
            naive = _fromisoformat(value[:23])
        except ValueError:
            naive = None
        if naive is not None and naive.tzinfo is None:
            return naive
    return parse_time(value, what)


_fromisoformat = datetime.fromisoformat


def _tweet(t: Obj, context: Context, rows: Rows) -> None:
    # The helpers of ._map are called only where a value is not of its usual type (the fast path maps
    # millions of tweets): the usual one is taken as the helper would take it, in the helper's order, so
    # a record is rejected for the same reason either way.
    tid = t.id
    if type(tid) is not str or not (tid := tid.strip()):
        tid = require_id(present(t.id), "tweet id")
    text = t.text
    if type(text) is not str:
        text = opt_text(present(text))
    created = _utc(t.created_at, "created_at")
    author = t.author_id
    author = (author.strip() or None) if type(author) is str else opt_id(present(author))
    inline_author = t.author
    if isinstance(inline_author, Obj) and inline_author.id is not UNSET:  # flattened line
        rows.accounts.append(user_row(inline_author))
        author = author or str(inline_author.id)
    if t.entities is not None or t.in_reply_to_user is not None:
        _inline_users(t, rows)
    refs = _references(t, context, rows) if t.referenced_tweets else _NO_REFS
    reply_to = t.in_reply_to_user_id
    reply_to = (reply_to.strip() or None) if type(reply_to) is str else opt_id(reply_to)
    kind, parent = _kind(refs, reply_to) if refs or reply_to else _POST
    metrics = t.public_metrics
    if type(metrics) is not Metrics:
        metrics = _NO_METRICS
    media = t.attachments
    has_media = None if media is UNSET else isinstance(media, Attachments) and bool(media.media_keys)
    history = t.edit_history_tweet_ids
    if type(history) is not list or len(history) > 1:
        history = [str(x) for x in history or []]
    handle = _handle_of(author, context, inline_author)
    language = t.lang
    if type(language) is not str:
        language = opt_text(language)
    conversation = t.conversation_id
    conversation = (conversation.strip() or None) if type(conversation) is str else opt_id(conversation)
    rows.messages.append((
        PLATFORM, tid, author, created, html.unescape(text) if text and "&" in text else text, language, kind,
        parent, conversation, *_counts(metrics), has_media, f"https://twitter.com/{handle or 'i/web'}/status/{tid}",
        history[0] if len(history) > 1 else None, None, context.collected))
    if context.collected:
        _ties(t, tid, author, created, refs, reply_to, context, text, rows.interactions)


def _kind(refs: dict, reply_to: str | None) -> tuple[str, str | None]:
    """A tweet's kind and parent from its first reference of each type and ``in_reply_to_user_id``."""
    if "retweeted" in refs:
        return "repost", str(refs["retweeted"].id)
    if "replied_to" in refs:
        return "reply", str(refs["replied_to"].id)
    if reply_to:  # its parent not named (deleted, withheld): a reply all the same
        return "reply", None
    if "quoted" in refs:
        return "quote", str(refs["quoted"].id)
    return _POST


def _counts(metrics: Metrics) -> tuple:
    """A tweet's like, retweet, reply and quote counts (:func:`opt_int` where one is not a plain int)."""
    likes, shares, replies, quotes = (metrics.like_count, metrics.retweet_count, metrics.reply_count,
                                      metrics.quote_count)
    if type(likes) is not int or not -MAX_COUNT <= likes <= MAX_COUNT:
        likes = opt_int(likes, "like_count")
    if type(shares) is not int or not -MAX_COUNT <= shares <= MAX_COUNT:
        shares = opt_int(shares, "retweet_count")
    if type(replies) is not int or not -MAX_COUNT <= replies <= MAX_COUNT:
        replies = opt_int(replies, "reply_count")
    if type(quotes) is not int or not -MAX_COUNT <= quotes <= MAX_COUNT:
        quotes = opt_int(quotes, "quote_count")
    return likes, shares, replies, quotes


def _inline_users(t: Obj, rows: Rows) -> None:
    """Account rows of the other users a flattened line carries whole: those it mentions (twarc2
    merges each user object into its mention) and the one it replies to (``in_reply_to_user``).
    A plain mention (a handle and an id) gives none: it is a tie's target, not a user's record."""
    entities = t.entities if isinstance(t.entities, Entities) else None
    mentions = entities.mentions if entities is not None else None
    for mention in mentions if isinstance(mentions, list) else ():
        if isinstance(mention, Mention) and mention.name is not UNSET and opt_id(mention.id):
            rows.accounts.append(user_row(mention))
    replied = t.in_reply_to_user
    if isinstance(replied, Obj) and opt_id(present(replied.id)):
        rows.accounts.append(user_row(replied))


def _references(t: Obj, context: Context, rows: Rows) -> dict:
    """The first reference of each type; a flattened line's inline referenced tweets mapped too."""
    refs: dict = {}
    for ref in t.referenced_tweets or []:
        if isinstance(ref, Obj) and ref.type and present(ref.id) is not None:
            refs.setdefault(ref.type, ref)
            if ref.text is not UNSET and context.collected:  # flattened: the referenced tweet inline
                _tweet(ref, Context(context.users, context.tweets, False), rows)
    return refs


def _handle_of(author, context: Context, inline_author) -> str | None:
    if isinstance(inline_author, Obj) and present(inline_author.username):
        return inline_author.username
    user = context.users.get(author) if author else None
    return present(user.username) if user is not None else None


def _handle(user: Obj) -> str | None:
    """A user object's handle as a tie's target: read as an account's handle is (:func:`user_row`)."""
    return opt_text(present(user.username))


def _ref_author(ref: Obj, context: Context) -> tuple[str | None, str | None]:
    """(account id, handle) of a referenced tweet's author, where the data tell."""
    tweet = ref if ref.author_id is not UNSET or ref.author is not UNSET else context.tweets.get(str(ref.id))
    if tweet is None:
        return None, None
    author = opt_id(present(tweet.author_id))
    inline = present(tweet.author)
    if isinstance(inline, Obj):
        return author or opt_id(present(inline.id)), _handle(inline)
    user = context.users.get(author) if author else None
    return author, (_handle(user) if user is not None else None)


def _reply_target(t: Obj, ref: Obj | None, context: Context) -> tuple[str | None, str | None]:
    """(account id, handle) a reply answers: named by the reply, else by its parent (``ref``)."""
    target = opt_id(t.in_reply_to_user_id)
    inline = t.in_reply_to_user
    handle = _handle(inline) if isinstance(inline, Obj) else None
    if ref is not None and target is None and handle is None:
        target, handle = _ref_author(ref, context)
    if handle is None and target in context.users:
        handle = _handle(context.users[target])
    return target, handle


def _ties(t: Obj, tid, author, created, refs: dict, reply_to, context: Context, text, out: list) -> None:
    """The ties a collected tweet gives (``reply_to``: its ``in_reply_to_user_id`` as :func:`opt_id` reads it)."""
    entities = t.entities
    mentions = entities.mentions if type(entities) is Entities else None
    for mention in mentions or ():
        if type(mention) is not Mention:
            continue
        handle = mention.username
        target = mention.id
        target = (target.strip() or None) if type(target) is str else opt_id(target)
        if target is None and isinstance(handle, str):
            target = context.user_by_handle(handle)
        if handle or target:
            out.append((PLATFORM, "mention", author, target, handle if isinstance(handle, str) else None, None,
                        created, tid))
    if not refs and not reply_to:
        return
    if "retweeted" in refs:
        target, handle = _ref_author(refs["retweeted"], context)
        if handle is None and target is None and text:
            m = _RT.match(text)
            handle = m.group(1) if m else None
        out.append((PLATFORM, "repost", author, target, handle, str(refs["retweeted"].id), created, tid))
    if "replied_to" in refs:
        target, handle = _reply_target(t, refs["replied_to"], context)
        out.append((PLATFORM, "reply", author, target, handle, str(refs["replied_to"].id), created, tid))
    elif "retweeted" not in refs and reply_to:
        # a reply whose parent is absent ties to the account replied to (CONTRACT)
        target, handle = _reply_target(t, None, context)
        out.append((PLATFORM, "reply", author, target, handle, None, created, tid))
    if "quoted" in refs:
        target, handle = _ref_author(refs["quoted"], context)
        out.append((PLATFORM, "quote", author, target, handle, str(refs["quoted"].id), created, tid))
