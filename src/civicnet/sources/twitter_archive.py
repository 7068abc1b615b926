"""Twitter / X account archive: the ``data/*.js`` files of "Download an archive of your data".

What it reads
    * ``tweets.js`` (``window.YTD.tweets.part0 = [{"tweet": {…}}, …]``; older archives
      ``tweet.js``, ``window.YTD.tweet.part0``; a large archive's ``tweets-part1.js`` …): the
      account's own tweets, retweets and replies, each a v1.1 status without its ``user``;
    * ``follower.js`` and ``following.js`` (``{"follower": {"accountId": …}}``): follow ties
      between the account and the others, who are known by id only;
    * ``account.js``: the account itself (id, handle, display name). Nothing else of it is read:
      its e-mail address, phone and sign-up data never reach the store.

    Every other file of the archive is not this format — likes, direct messages, deleted tweets,
    ad data, IP audits — and is never read (in a folder read as a case, each is listed as left out).

How a user gets it
    On x.com: Settings → Your account → Download an archive of your data; unzip it and name
    its ``data`` folder (or ``data/tweets.js``) in the case file. An officer's or a team's own
    account, where the API is no longer affordable.

Quirks handled
    * The files are JavaScript assignments, not JSON: the ``window.YTD.<name>.partN =`` prefix is
      read and checked, the array after it parsed as a stream (ijson's events, items built one at a
      time, an item nested deeper than :data:`MAX_DEPTH` refused), so a file of any size or shape takes
      bounded memory, and nothing in the file is executed.
    * A tweet carries no author: it is the archive's account, read from ``account.js`` beside
      the file, else from the source entry's ``account:`` (id) and ``handle:`` options. With
      neither, its tweets have no author and the import warns (``anonymous``).
    * Tweets are mapped as v1.1 statuses (:func:`civicnet.sources.twitter_v1.map_status`):
      ``full_text``, replies (``in_reply_to_status_id_str``, ``in_reply_to_user_id_str``), mentions
      from ``entities.user_mentions``, media. Counts come as text (``"favorite_count": "3"``).
    * A retweet is only its text, ``RT @name: …`` (often cut at 140 characters): it is a
      ``repost`` tied to the mentioned account of that name, its parent unknown, its counts
      NULL (an archive gives a retweet's counts as 0).
    * ``follower.js``: follower → the account; ``following.js``: the account → followed. Without
      a known account those ties cannot be made: each record is rejected, saying how to name it.

Options: ``account`` (the archive's account id) and ``handle`` (its @name), where ``account.js``
is not beside the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import ijson

from ..errors import CivicnetError, OptionError, RecordError
from ..model import Account, Interaction, Mapped
from ._detect import Sample
from ._io import SourceFile
from ._map import opt_id, opt_text
from .twitter_v1 import map_status

NAME = "twitter-archive"
PLATFORM = "twitter"
TITLE = "Twitter/X account archive (data/tweets.js, follower.js, following.js, account.js)"
HOW_TO_EXPORT = ("x.com: Settings → Your account → Download an archive of your data; unzip it and name its "
                 "data folder (or data/tweets.js) in the case")
EXAMPLE = "- {format: twitter-archive, path: archief/data/tweets.js}"

#: The archive's files this format reads: the name in ``window.YTD.<name>.partN`` → what its items hold.
PARTS = {"tweets": "tweet", "tweet": "tweet", "follower": "follower", "following": "following",
         "account": "account"}
_PREFIX = re.compile(rb"\A\s*window\.YTD\.([A-Za-z_]+)\.part(\d+)\s*=\s*")
#: Bytes the ``window.YTD.….partN =`` prefix may take.
_PREFIX_BYTES = 256
_RT = re.compile(r"^RT @([A-Za-z0-9_]{1,30}):")
#: The problem of a file that ends inside its array.
CUT = "the file ends inside its array: cut off? (download or unzip the archive again)"
#: Why a follower's or following's tie cannot be made, and how to make it.
NO_ACCOUNT = "the archive's own account is not known (no account.js beside the file)"
NO_ACCOUNT_FIX = "keep account.js beside the file (the archive's data folder as it is) or name the account in the " \
                 "source entry: `account: ID, handle: NAME`"


@dataclass(frozen=True)
class Context:
    """What the archive's items need: what they are (:data:`PARTS`) and the archive's account, as a v1.1
    user object (``id_str``, ``screen_name``, ``name``), or None where it is not known."""

    part: str
    user: dict | None = None


def part_of(head: bytes) -> str | None:
    """The archive's name of the file whose text starts with ``head`` (``tweets``, ``like`` …), or None."""
    m = _PREFIX.match(head[:_PREFIX_BYTES].removeprefix(b"\xef\xbb\xbf"))
    return m.group(1).decode("ascii") if m else None


def detect(sample: Sample) -> int:
    return 95 if part_of(sample.head) in PARTS else 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    options = options or {}
    with source.open_utf8() as fh:
        head = fh.peek(_PREFIX_BYTES)[:_PREFIX_BYTES]
        m = _PREFIX.match(head)
        name = m.group(1).decode("ascii") if m else None
        if name not in PARTS:
            found = f"window.YTD.{name}" if name else "no window.YTD.…partN = prefix"
            raise source.error(f"not a file of a Twitter archive this format reads ({found}); it reads tweets.js, "
                               "follower.js, following.js and account.js", fmt=NAME)
        fh.read(m.end())
        part = PARTS[name]
        context = Context(part, None if part == "account" else own_account(source, options))
        n = 0
        try:
            for n, item in enumerate(_items(_ArrayOnly(fh)), 1):
                yield Raw(f"item {n}", item.get(part) if isinstance(item, dict) else item, context)
        except ijson.JSONError as exc:
            said = (str(exc).strip().splitlines() or [""])[0]  # yajl's first line (then a caret drawn below it)
            problem = CUT if "premature EOF" in said else f"invalid JSON: {said}"
            raise source.error(problem, location=f"item {n + 1}", fmt=NAME) from None
        except _Refused as exc:
            problem, of_an_item = exc.args
            raise source.error(problem, location=f"item {n + 1}" if of_an_item else None, fmt=NAME) from None


def own_account(source: SourceFile, options: dict) -> dict | None:
    """The archive's account as a v1.1 user object: the source entry's ``account``/``handle``, else
    ``account.js`` beside the file; None where neither names it."""
    account, handle = options.get("account"), options.get("handle")
    if account is not None or handle is not None:
        user_id = opt_id(account) if account is not None else None
        if account is not None and (user_id is None or not user_id.isdigit()):
            raise OptionError(source.path, f"`account` must be the account's numeric id, not {account!r}")
        if handle is not None and (not isinstance(handle, str) or not handle.strip().lstrip("@")):
            raise OptionError(source.path, f"`handle` must be the account's @name, not {handle!r}")
        if user_id is None:  # a handle alone names no author: tweets and ties are tied by id
            raise OptionError(source.path, "`handle` needs `account:` too, the account's numeric id (in account.js, "
                                           "or on its profile)")
        name = handle.strip().lstrip("@") if isinstance(handle, str) else None
        return {"id_str": user_id, "screen_name": name}
    here = Path(source.path).resolve()
    beside = Path(source.path).with_name("account.js")
    if not beside.is_file() or beside.resolve() == here or beside.resolve().parent != here.parent:
        return None  # not a link to a file elsewhere: only what lies beside the file (the case's confinement)
    try:
        for raw in iter_raw(SourceFile(beside), {}):
            record = raw.record
            if isinstance(record, dict) and opt_id(record.get("accountId")):
                return {"id_str": opt_id(record.get("accountId")), "screen_name": opt_text(record.get("username")),
                        "name": opt_text(record.get("accountDisplayName"))}
    except (CivicnetError, OSError):  # an unreadable account.js: the tweets are read without author (the import warns)
        return None
    return None


def map_record(record, context: Context | None = None) -> Mapped:
    """One item of an archive file (its ``tweet``, ``follower``, ``following`` or ``account``) to records."""
    context = context or Context("tweet")
    if not isinstance(record, dict):
        article = "an" if context.part == "account" else "a"
        raise RecordError(f"expected {article} {context.part} object, found {type(record).__name__}")
    if context.part == "account":
        return _account(record)
    if context.part in ("follower", "following"):
        return _follow(record, context)
    return _tweet(record, context)


def _account(record: dict) -> Mapped:
    account_id = opt_id(record.get("accountId"))
    if account_id is None:
        raise RecordError("no accountId")
    handle = opt_text(record.get("username"))
    return Mapped(accounts=[Account(PLATFORM, account_id, handle=handle, name=opt_text(record.get("accountDisplayName")),
                                    url=f"https://twitter.com/{handle}" if handle else None)])


def _follow(record: dict, context: Context) -> Mapped:
    other = opt_id(record.get("accountId"))
    if other is None:
        raise RecordError("no accountId")
    if context.user is None:
        raise RecordError(NO_ACCOUNT, NO_ACCOUNT_FIX)
    own = context.user["id_str"]
    source, target = (other, own) if context.part == "follower" else (own, other)
    out = Mapped(accounts=[Account(PLATFORM, other)])
    if source != target:
        out.interactions.append(Interaction(PLATFORM, "follow", source, target))
    return out


def _tweet(record: dict, context: Context) -> Mapped:
    text = record.get("full_text") if record.get("full_text") is not None else record.get("text")
    retweeted = _RT.match(text) if isinstance(text, str) else None
    mapped = map_status(record, True, user=context.user)
    if retweeted is None:
        return mapped
    # a retweet: its text is all an archive keeps of it (no retweeted_status): a repost of the named account
    message = mapped.messages[0]
    message.kind, message.parent, message.root = "repost", None, message.id
    message.like_count = message.share_count = message.reply_count = message.quote_count = None
    name = retweeted.group(1)
    target = next((t.target_account for t in mapped.interactions
                   if t.kind == "mention" and (t.target_handle or "").lower() == name.lower()), None)
    mapped.interactions = [t for t in mapped.interactions if t.kind == "mention"]  # not a reply: a retweet
    mapped.interactions.append(Interaction(PLATFORM, "repost", message.account, target, name, None,
                                           message.created_at, message.id))
    return mapped


#: The deepest an item may nest (a tweet nests 6 deep): a file of nested brackets is refused, not built.
MAX_DEPTH = 64


class _Refused(Exception):
    """The array's shape cannot be an archive's: ``(problem, whether it is an item's)``."""


def _items(fh) -> Iterator:
    """The items of the JSON array the stream holds, built one at a time from the parser's events.

    Not ``ijson.items``: it keeps each value's path (``item.item.item…``), which grows with the depth,
    so a file of nothing but nested brackets would take memory by the square of its size (400 KB of
    them took 24 GB). Here the depth is counted and an item deeper than :data:`MAX_DEPTH` refused."""
    events = ijson.basic_parse(fh, use_float=True)
    if next(events, (None, None))[0] != "start_array":
        raise _Refused("expected a JSON array after the `window.YTD.….partN =` prefix", False)
    depth, builder = 0, None
    for event, value in events:
        if depth == 0:
            if event == "end_array":
                return
            builder = ijson.ObjectBuilder()
        if event == "start_map" or event == "start_array":
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused("nested too deeply", True)
        elif event == "end_map" or event == "end_array":
            depth -= 1
        builder.event(event, value)
        if depth == 0:
            yield builder.value


class _ArrayOnly:
    """A binary stream that ends with the archive's array: a trailing ``;`` and blank space are dropped."""

    def __init__(self, fh):
        self._fh, self._held = fh, b""

    def read(self, n: int = -1) -> bytes:
        if n == 0:  # ijson asks for nothing first, to tell bytes from text
            return b""
        while True:
            data = self._fh.read(n if n and n > 0 else 1 << 16)
            if not data:
                out, self._held = self._held.rstrip(b" \t\r\n;"), b""
                return out
            out, self._held = self._held, data
            if out:
                return out

