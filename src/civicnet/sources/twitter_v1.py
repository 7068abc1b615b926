"""Twitter / X API v1.1 statuses: JSON Lines, arrays, search responses.

What it reads
    * one status per line (JSON Lines), as twarc1 (``twarc search``/``timeline``/
      ``filter``), tweepy's ``._json`` dumps or a streaming capture save them;
    * a JSON array of statuses (``statuses/user_timeline``, ``statuses/lookup``);
    * a search response ``{"statuses": [...], "search_metadata": {...}}``, or JSON
      Lines of such responses;
    * a single status object.

How a user gets it
    ``twarc1 search 'from:gemeente' > tweets.jsonl``, ``twarc1 timeline NAME``, a
    saved ``GET search/tweets.json`` or ``statuses/user_timeline.json`` response.

Quirks handled
    * text: ``full_text`` (``tweet_mode=extended``) before ``extended_tweet.full_text``
      (streaming) before ``text``; HTML entities (``&amp;``) unescaped;
    * ids: ``id_str`` is used, never the 53-bit-unsafe number ``id`` when both exist;
    * a retweet (``retweeted_status``) is kind ``repost`` with parent = the retweeted
      status; that status and its author are stored as context (``collected=False``)
      and the repost ties the retweeter to the original author. A retweet's
      ``retweet_count``/``favorite_count`` are the original's figures, so they are
      stored on the original only (the retweet's counts stay NULL);
    * ``quoted_status`` (or ``quoted_status_id_str``) makes a ``quote`` unless the
      status is also a reply or a retweet; the quoted status is context;
    * replies (``in_reply_to_status_id_str``) are kind ``reply`` with a reply tie to
      ``in_reply_to_user_id_str``/``in_reply_to_screen_name``; a status with only
      ``in_reply_to_user_id_str`` (a reply to an account, its parent not named, as
      "@name …" tweets are) is a ``reply`` without parent, tied to that account;
    * mentions come from ``entities.user_mentions`` (id and screen name); the
      mentioned accounts are stored with the id, handle and name the entity gives;
    * ``reply_count``/``quote_count`` exist only in some products (premium,
      streaming): absent stays NULL;
    * v1.1 has no conversation id: ``root`` is the status's own id for posts,
      reposts and quotes, and NULL for replies (their thread top is unknown)
      unless the object carries ``conversation_id_str`` (GraphQL ``legacy`` objects);
    * streaming notices (``delete``, ``limit``, ``scrub_geo``…) are skipped.

Options: none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..errors import RecordError
from ..model import Account, Interaction, Mapped, Message
from ._detect import Sample
from ._io import Broken, SourceFile
from ._json import iter_json
from ._map import opt_id, opt_int, opt_text, parse_time, require_id, unescape

NAME = "twitter-v1"
PLATFORM = "twitter"
TITLE = "Twitter/X API v1.1 statuses (twarc1 JSON Lines, arrays, search responses)"
HOW_TO_EXPORT = (
    "twarc1 search 'gemeente' > tweets.jsonl (or twarc1 timeline/filter); "
    "a saved v1.1 search/tweets.json or statuses/user_timeline.json response"
)
EXAMPLE = "- {format: twitter-v1, path: data/tweets-v1.jsonl}"

#: Keys of streaming notices that are not statuses.
_NOTICES = {"delete", "limit", "scrub_geo", "status_withheld", "user_withheld", "disconnect", "warning", "friends", "event"}


@dataclass(frozen=True)
class Context:
    """Whether the status was returned by the collection (or came along as context)."""

    collected: bool = True


def is_status(obj) -> bool:
    """A v1.1 status: ``id_str``/``id``, a text field and a ``user`` object."""
    return (
        isinstance(obj, dict)
        and ("id_str" in obj or "id" in obj)
        and ("text" in obj or "full_text" in obj)
        and isinstance(obj.get("user"), dict)
    )


def detect(sample: Sample) -> int:
    obj = sample.first_json
    if isinstance(obj, dict):
        statuses = obj.get("statuses")
        if isinstance(statuses, list) and ("search_metadata" in obj or (statuses and is_status(statuses[0]))):
            return 95
        if is_status(obj) and "created_at" in obj:
            return 90
    if isinstance(obj, list) and obj and is_status(obj[0]):
        return 90
    return 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    for location, value in iter_json(source, NAME):
        if isinstance(value, Broken):
            yield Raw(location, value)
        elif isinstance(value, dict) and isinstance(value.get("statuses"), list):
            for n, item in enumerate(value["statuses"]):
                yield Raw(f"{location}, statuses[{n}]", item, Context())
        elif isinstance(value, list):
            if value and not isinstance(value[0], dict):
                raise source.error("expected an array of status objects", location=location, fmt=NAME)
            for n, item in enumerate(value):
                yield Raw(f"{location}, item {n + 1}", item, Context())
        elif isinstance(value, dict):
            if _is_notice(value):
                continue
            if "user" not in value and "text" not in value and "full_text" not in value and "id_str" not in value:
                raise source.error(
                    "expected v1.1 statuses (objects with id_str, text and user) or a search response",
                    location=location, fmt=NAME,
                )
            yield Raw(location, value, Context())
        else:
            raise source.error("expected a JSON object or array of statuses", location=location, fmt=NAME)


def _is_notice(value: dict) -> bool:
    return "user" not in value and "text" not in value and bool(_NOTICES & set(value))


def map_record(record, context: Context | None = None) -> Mapped:
    """One v1.1 status (with its embedded retweeted/quoted statuses) to records."""
    context = context or Context()
    if not isinstance(record, dict):
        raise RecordError(f"expected a status object, found {type(record).__name__}")
    return map_status(record, context.collected)


def map_user(u: dict) -> Account:
    """A v1.1 user object."""
    handle = opt_text(u.get("screen_name"))
    return Account(
        platform=PLATFORM,
        id=require_id(u.get("id_str") or u.get("id"), "user id"),
        handle=handle,
        name=opt_text(u.get("name")),
        description=opt_text(u.get("description")),
        followers=opt_int(u.get("followers_count"), "followers_count"),
        following=opt_int(u.get("friends_count"), "friends_count"),
        created_at=parse_time(u.get("created_at"), "user created_at"),
        url=f"https://twitter.com/{handle}" if handle else None,
    )


def status_text(s: dict) -> str | None:
    """The fullest text a status carries."""
    if s.get("full_text") is not None:
        return opt_text(s.get("full_text"))
    ext = s.get("extended_tweet")
    if isinstance(ext, dict) and ext.get("full_text") is not None:
        return opt_text(ext.get("full_text"))
    return opt_text(s.get("text"))


def map_status(s: dict, collected: bool = True, user: dict | None = None) -> Mapped:
    """A status to records; ``user`` overrides ``s["user"]`` (GraphQL objects keep it apart)."""
    sid = require_id(s.get("id_str") or s.get("id"), "status id")
    created = parse_time(s.get("created_at"), "created_at")
    user = user if user is not None else s.get("user")
    out = Mapped()
    author = handle = None
    if isinstance(user, dict):
        account = map_user(user)
        out.accounts.append(account)
        author, handle = account.id, account.handle
    else:
        author = opt_id(s.get("user_id_str"))
    retweeted = s.get("retweeted_status") if isinstance(s.get("retweeted_status"), dict) else None
    quoted = s.get("quoted_status") if isinstance(s.get("quoted_status"), dict) else None
    quoted_id = opt_id(s.get("quoted_status_id_str")) or (opt_id(quoted.get("id_str") or quoted.get("id")) if quoted else None)
    reply_to = opt_id(s.get("in_reply_to_status_id_str") or s.get("in_reply_to_status_id"))
    reply_to_user = opt_id(s.get("in_reply_to_user_id_str") or s.get("in_reply_to_user_id"))
    kind, parent = "post", None
    if retweeted is not None:
        kind, parent = "repost", require_id(retweeted.get("id_str") or retweeted.get("id"), "retweeted status id")
    elif reply_to or reply_to_user:
        kind, parent = "reply", reply_to
    elif quoted_id:
        kind, parent = "quote", quoted_id
    root = opt_id(s.get("conversation_id_str")) or (None if kind == "reply" else sid)
    is_rt = retweeted is not None
    out.messages.append(
        Message(
            platform=PLATFORM,
            id=sid,
            account=author,
            created_at=created,
            text=unescape(status_text(s)),
            language=opt_text(s.get("lang")),
            kind=kind,
            parent=parent,
            root=root,
            like_count=None if is_rt else opt_int(s.get("favorite_count"), "favorite_count"),
            share_count=None if is_rt else opt_int(s.get("retweet_count"), "retweet_count"),
            reply_count=None if is_rt else opt_int(s.get("reply_count"), "reply_count"),
            quote_count=None if is_rt else opt_int(s.get("quote_count"), "quote_count"),
            has_media=_has_media(s),
            url=f"https://twitter.com/{handle or 'i/web'}/status/{sid}",
            collected=collected,
        )
    )
    for embedded in (retweeted, quoted):
        if embedded is not None:
            out.extend(map_status(embedded, collected=False))
    if collected:
        out.extend(_ties(s, sid, author, created, retweeted, quoted, quoted_id, reply_to))
    return out


def _has_media(s: dict) -> bool | None:
    groups = [s.get("entities"), s.get("extended_entities")]
    ext = s.get("extended_tweet")
    if isinstance(ext, dict):
        groups += [ext.get("entities"), ext.get("extended_entities")]
    present = [g for g in groups if isinstance(g, dict)]
    if not present:
        return None
    return any(bool(g.get("media")) for g in present)


def _entities(s: dict) -> dict:
    ext = s.get("extended_tweet")
    if isinstance(ext, dict) and isinstance(ext.get("entities"), dict):
        return ext["entities"]
    return s.get("entities") if isinstance(s.get("entities"), dict) else {}


def _ties(s, sid, author, created, retweeted, quoted, quoted_id, reply_to) -> Mapped:
    out = Mapped()

    def tie(kind, target=None, handle=None, target_message=None):
        out.interactions.append(Interaction(PLATFORM, kind, author, target, handle, target_message, created, sid))

    for m in _entities(s).get("user_mentions") or []:
        if not isinstance(m, dict):
            continue
        target = opt_id(m.get("id_str") or m.get("id"))
        handle = m.get("screen_name") if isinstance(m.get("screen_name"), str) else None
        if target or handle:
            tie("mention", target, handle)
        if target:
            out.accounts.append(Account(PLATFORM, target, handle=handle, name=opt_text(m.get("name"))))
    if retweeted is not None:
        target, handle = _author_of(retweeted)
        tie("repost", target, handle, opt_id(retweeted.get("id_str") or retweeted.get("id")))
    target = opt_id(s.get("in_reply_to_user_id_str") or s.get("in_reply_to_user_id"))
    if retweeted is None and (reply_to or target):
        handle = opt_text(s.get("in_reply_to_screen_name"))
        tie("reply", target, handle, reply_to)  # without a parent too: a tie to the account replied to (CONTRACT)
        if target:
            out.accounts.append(Account(PLATFORM, target, handle=handle))
    if quoted_id and retweeted is None:
        target, handle = _author_of(quoted) if quoted else (None, None)
        if target or handle:
            tie("quote", target, handle, quoted_id)
    return out


def _author_of(status: dict) -> tuple[str | None, str | None]:
    user = status.get("user")
    if not isinstance(user, dict):
        return opt_id(status.get("user_id_str")), None
    return opt_id(user.get("id_str") or user.get("id")), opt_text(user.get("screen_name"))
