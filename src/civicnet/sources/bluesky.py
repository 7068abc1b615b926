"""Bluesky / AT Protocol ``app.bsky`` XRPC responses: threads, feeds, search, social graph.

What it reads (one response per file, or one per line as JSON Lines)
    * ``app.bsky.feed.getPostThread``: ``{"thread": threadViewPost}``; the post, its
      parents and all nested replies are collected;
    * ``app.bsky.feed.getAuthorFeed`` / ``getTimeline`` / ``getFeed`` / ``getListFeed``:
      ``{"feed": [{"post", "reply": {root, parent}, "reason"}], "cursor"}``;
    * ``app.bsky.feed.searchPosts`` / ``getPosts`` / ``getQuotes``: ``{"posts": […]}``;
    * ``app.bsky.graph.getFollows`` / ``getFollowers``: ``{"subject", "follows"|"followers"}``
      → ``follow`` ties (follower → followed);
    * ``app.bsky.feed.getLikes`` (``{"uri", "likes": [{actor, createdAt}]}``) and
      ``getRepostedBy`` (``{"uri", "repostedBy": […]}``) → ``like``/``repost`` ties from
      each account to the post's author (the author's DID is part of the post's uri);
    * ``app.bsky.actor.getProfiles`` / ``searchActors`` (``{"profiles"|"actors": […]}``):
      accounts only (a users lookup: it fills in names and follower counts; the import
      warns that it gives no messages or ties);
    * a JSON array of post views or feed items.

A user gets these with any AT Protocol client (the ``atproto`` Python SDK's
``client.get_author_feed(...)``, ``client.app.bsky.feed.search_posts(...)``, or
``curl 'https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=…'``),
saving each response.

Mapping
    * a post's id is its ``at://`` uri; an account's id its DID, its handle the handle
      (``handle.invalid``, shown when a handle no longer verifies, is stored as NULL);
    * ``record.reply`` makes a ``reply`` (parent and root from the record) with a
      ``reply`` tie to the parent's author, whose DID is read from the parent's uri;
    * an embedded post (``app.bsky.embed.record``, or ``recordWithMedia``) makes a
      ``quote`` (a reply that also quotes stays a reply and still gets a ``quote``
      tie); the quoted post, when the view includes it, is stored as context;
    * mention facets (``app.bsky.richtext.facet#mention``) become ``mention`` ties by
      DID, with the handle as written in the text;
    * images or video (also inside ``recordWithMedia``) set ``has_media``; a link
      card does not;
    * ``createdAt`` of the record is the message time (``indexedAt`` when absent).

Reposts in a feed
    A feed item with ``reason: #reasonRepost`` is the reposter's act: civicnet stores
    it as a ``repost`` message by ``reason.by`` with id
    ``repost:{by.did}:{post.uri}`` (deterministic, so the same repost seen in two
    files counts once; the repost record's own uri is not in every API version),
    time ``reason.indexedAt`` and a ``repost`` tie to the post's author. As with a
    v1.1 retweet or a twarc2 page, the repost is what the collection returned; the
    reposted post is stored as context and counted only where the collection also
    returned it on its own (the CONTRACT's "messages the collection returned").
    ``reply.root``/``reply.parent`` of a feed item are context as well. A pinned post
    (``#reasonPin``) is an ordinary item.

Posts that cannot be shown
    ``#notFoundPost``, ``#blockedPost`` (and an embedded ``#viewNotFound``,
    ``#viewBlocked``, ``#viewDetached``) carry no content: they are skipped without
    error and counted neither as read nor as rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..errors import RecordError
from ..model import Interaction, Mapped, Message
from ._bluesky_fields import (  # noqa: F401  (moved; still importable here)
    _MEDIA,
    _POST_COLLECTION,
    PLATFORM,
    _collection_of,
    _embedded_uri,
    _has_media,
    _mentions,
    _quoted_view,
    _ref_uri,
    did_of,
    map_profile,
)
from ._detect import Sample
from ._io import Broken, SourceFile
from ._json import iter_json
from ._map import opt_int, opt_text, parse_time, require_id

NAME = "bluesky"
TITLE = "Bluesky / AT Protocol app.bsky JSON (getPostThread, getAuthorFeed, searchPosts, getFollows…)"
HOW_TO_EXPORT = (
    "save XRPC responses, e.g. curl 'https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=HANDLE&limit=100' "
    "> feed.json, or the atproto SDK's get_author_feed()/get_post_thread()/get_follows(); one response per line"
)
EXAMPLE = "- {format: bluesky, path: data/author_feed.jsonl}"

_DEFS = "app.bsky.feed.defs#"
_UNAVAILABLE = ("#notFoundPost", "#blockedPost", "#viewNotFound", "#viewBlocked", "#viewDetached")
_MAX_THREAD_DEPTH = 1000


@dataclass(frozen=True)
class Context:
    """What a record needs besides itself."""

    kind: str = "post"  # post | feed | profile | like | reposted_by
    collected: bool = True
    relation: str | None = None  # follows | followers
    subject: str | None = None  # the subject's DID (graph) or post uri (likes, reposted_by)


def _is_profile(obj) -> bool:
    return isinstance(obj, dict) and str(obj.get("did", "")).startswith("did:") and "handle" in obj


def _is_post(obj) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("uri"), str) and obj["uri"].startswith("at://") and "author" in obj


def _unavailable(obj) -> bool:
    kind = obj.get("$type") if isinstance(obj, dict) else None
    return isinstance(kind, str) and kind.endswith(_UNAVAILABLE)


def detect(sample: Sample) -> int:
    obj = sample.first_json
    if isinstance(obj, dict):
        thread = obj.get("thread")
        if isinstance(thread, dict) and (str(thread.get("$type", "")).startswith(_DEFS) or _is_post(thread.get("post"))):
            return 98
        feed = obj.get("feed")
        if isinstance(feed, list) and feed and isinstance(feed[0], dict) and _is_post(feed[0].get("post")):
            return 95
        posts = obj.get("posts")
        if isinstance(posts, list) and posts and _is_post(posts[0]):
            return 95
        subject = obj.get("subject")
        if isinstance(subject, dict) and "did" in subject and ("follows" in obj or "followers" in obj):
            return 95
        if str(obj.get("uri", "")).startswith("at://") and ("likes" in obj or "repostedBy" in obj):
            return 90
        people = obj.get("profiles", obj.get("actors"))
        if isinstance(people, list) and people and _is_profile(people[0]):
            return 90
        if _is_post(obj):
            return 85
    if isinstance(obj, list) and obj and (_is_post(obj[0]) or isinstance(obj[0], dict) and _is_post(obj[0].get("post"))):
        return 85
    text = sample.text or ""
    if '"at://did:' in text and '"app.bsky.' in text:
        return 50
    return 0


# -- reading -------------------------------------------------------------------------------


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    for location, value in iter_json(source, NAME):
        yield from _response(value, source, location)


def _response(value, source: SourceFile, location: str) -> Iterator:
    from . import Raw

    if isinstance(value, Broken):
        yield Raw(location, value)
        return
    if isinstance(value, list):
        _check_shape(value, lambda x: _is_post(x) or _unavailable(x) or isinstance(x, dict) and _is_post(x.get("post")),
                     "the array", source, location)
        for n, item in enumerate(value):
            kind = "feed" if isinstance(item, dict) and "post" in item else "post"
            if not _unavailable(item):
                yield Raw(f"{location}, item {n + 1}", item, Context(kind))
        return
    if not isinstance(value, dict):
        raise source.error("expected a JSON object (an app.bsky response)", location=location, fmt=NAME)
    if "thread" in value:
        yield from _thread(value["thread"], source, location)
    elif isinstance(value.get("feed"), list):
        _check_shape(value["feed"], lambda x: isinstance(x, dict) and _is_post(x.get("post")), "`feed`", source, location)
        for n, item in enumerate(value["feed"]):
            yield Raw(f"{location}, feed[{n}]", item, Context("feed"))
    elif isinstance(value.get("posts"), list):
        _check_shape(value["posts"], lambda x: _is_post(x) or _unavailable(x), "`posts`", source, location)
        for n, item in enumerate(value["posts"]):
            if not _unavailable(item):
                yield Raw(f"{location}, posts[{n}]", item, Context("post"))
    elif "follows" in value or "followers" in value:
        yield from _graph(value, source, location)
    elif isinstance(value.get("profiles"), list) or isinstance(value.get("actors"), list):
        key = "profiles" if isinstance(value.get("profiles"), list) else "actors"
        for n, item in enumerate(value[key]):  # getProfiles / searchActors: accounts, no ties
            yield Raw(f"{location}, {key}[{n}]", item, Context("profile"))
    elif isinstance(value.get("likes"), list) or isinstance(value.get("repostedBy"), list):
        yield from _engagement(value, source, location)
    elif _is_post(value):
        yield Raw(location, value, Context("post"))
    elif "error" in value and "message" in value:
        raise source.error(f"the file holds an API error, not data: {value.get('error')}: {value.get('message')}",
                           location=location, fmt=NAME)
    else:
        raise source.error(
            "expected an app.bsky response (thread, feed, posts, follows/followers, likes or repostedBy)",
            location=location, fmt=NAME,
        )


def _check_shape(items: list, looks_right, what: str, source: SourceFile, location: str) -> None:
    """A non-empty list of which no item has the expected shape is not this format."""
    if items and not any(looks_right(x) for x in items):
        raise source.error(f"{what} holds no app.bsky post views", location=location, fmt=NAME)


def _thread(root, source: SourceFile, location: str) -> Iterator:
    """Every post of a thread view: the post, its parents, and all nested replies."""
    from . import Raw

    if not isinstance(root, dict):
        raise source.error("`thread` must be a thread view object", location=location, fmt=NAME)
    node, path = root.get("parent"), "thread.parent"
    depth = 0
    while isinstance(node, dict) and depth < _MAX_THREAD_DEPTH:
        if not _unavailable(node) and isinstance(node.get("post"), dict):
            yield Raw(f"{location}, {path}", node["post"], Context("post"))
        node, path, depth = node.get("parent"), path + ".parent", depth + 1
    stack = [(root, "thread", 0)]
    while stack:
        node, path, depth = stack.pop()
        if not isinstance(node, dict) or _unavailable(node) or depth > _MAX_THREAD_DEPTH:
            continue
        if isinstance(node.get("post"), dict):
            yield Raw(f"{location}, {path}", node["post"], Context("post"))
        replies = node.get("replies") or []
        if isinstance(replies, list):
            for n in range(len(replies) - 1, -1, -1):
                stack.append((replies[n], f"{path}.replies[{n}]", depth + 1))


def _graph(value: dict, source: SourceFile, location: str) -> Iterator:
    from . import Raw

    relation = "follows" if "follows" in value else "followers"
    people = value.get(relation)
    subject = value.get("subject")
    if not isinstance(people, list):
        raise source.error(f"`{relation}` must be an array of profiles", location=location, fmt=NAME)
    did = subject.get("did") if isinstance(subject, dict) else None
    if isinstance(subject, dict):
        yield Raw(f"{location}, subject", subject, Context("profile"))
    for n, item in enumerate(people):
        yield Raw(f"{location}, {relation}[{n}]", item, Context("profile", True, relation, did))


def _engagement(value: dict, source: SourceFile, location: str) -> Iterator:
    from . import Raw

    uri = value.get("uri") if isinstance(value.get("uri"), str) else None
    if isinstance(value.get("likes"), list):
        for n, item in enumerate(value["likes"]):
            yield Raw(f"{location}, likes[{n}]", item, Context("like", True, None, uri))
    else:
        for n, item in enumerate(value["repostedBy"]):
            yield Raw(f"{location}, repostedBy[{n}]", item, Context("reposted_by", True, None, uri))


# -- mapping -------------------------------------------------------------------------------


def map_record(record, context: Context | None = None) -> Mapped:
    """One post, feed item, profile or like of an app.bsky response to neutral records."""
    context = context or Context()
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, found {type(record).__name__}")
    if context.kind == "feed":
        return _map_feed_item(record)
    if context.kind == "profile":
        return _map_profile_record(record, context)
    if context.kind in ("like", "reposted_by"):
        return _map_engagement(record, context)
    return map_post(record, context.collected)


def _map_profile_record(p: dict, ctx: Context) -> Mapped:
    account = map_profile(p)
    out = Mapped(accounts=[account])
    if ctx.relation and ctx.subject:
        src, dst = (ctx.subject, account.id) if ctx.relation == "follows" else (account.id, ctx.subject)
        if src != dst:
            out.interactions.append(Interaction(PLATFORM, "follow", src, dst))
    return out


def _map_engagement(item: dict, ctx: Context) -> Mapped:
    if ctx.kind == "like":
        actor = item.get("actor")
        if not isinstance(actor, dict):
            raise RecordError("like without actor")
        created = parse_time(item.get("createdAt"), "like createdAt")
    else:
        actor, created = item, None
    account = map_profile(actor)
    kind = "like" if ctx.kind == "like" else "repost"
    tie = Interaction(PLATFORM, kind, account.id, did_of(ctx.subject), None, ctx.subject, created)
    return Mapped(accounts=[account], interactions=[tie] if ctx.subject else [])


def map_post(post: dict, collected: bool = True) -> Mapped:
    """A post view (``app.bsky.feed.defs#postView``) and what it refers to."""
    uri = require_id(post.get("uri"), "post uri")
    if not uri.startswith("at://"):
        raise RecordError(f"post uri is not an at:// uri: {uri[:60]!r}")
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    out = Mapped()
    author = None
    if isinstance(post.get("author"), dict):
        account = map_profile(post["author"])
        out.accounts.append(account)
        author = account.id
    created = parse_time(record.get("createdAt") or post.get("indexedAt"), "createdAt")
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else None
    parent = _ref_uri(reply, "parent")
    quoted = _embedded_uri(record.get("embed"))
    kind, root = "post", uri
    if parent:
        kind, root = "reply", _ref_uri(reply, "root")
    elif quoted:
        kind, parent = "quote", quoted
    langs = record.get("langs")
    handle = out.accounts[0].handle if out.accounts else None
    out.messages.append(Message(
        platform=PLATFORM, id=uri, account=author, created_at=created,
        text=opt_text(record.get("text")),
        language=langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else None,
        kind=kind, parent=parent, root=root,
        like_count=opt_int(post.get("likeCount"), "likeCount"),
        share_count=opt_int(post.get("repostCount"), "repostCount"),
        reply_count=opt_int(post.get("replyCount"), "replyCount"),
        quote_count=opt_int(post.get("quoteCount"), "quoteCount"),
        has_media=_has_media(record.get("embed")) if record else None,
        url=f"https://bsky.app/profile/{handle or did_of(uri)}/post/{uri.rsplit('/', 1)[-1]}",
        collected=collected,
    ))
    view = _quoted_view(post)
    if view is not None:
        out.extend(map_post(view, False))
    if collected:
        out.interactions.extend(_interactions(record, uri, author, created, parent if kind == "reply" else None, quoted))
    return out


def _interactions(record, uri, author, created, reply_to, quoted) -> list[Interaction]:
    out = [Interaction(PLATFORM, "mention", author, did, handle, None, created, uri) for did, handle in _mentions(record)]
    if reply_to:
        out.append(Interaction(PLATFORM, "reply", author, did_of(reply_to), None, reply_to, created, uri))
    if quoted:
        out.append(Interaction(PLATFORM, "quote", author, did_of(quoted), None, quoted, created, uri))
    return out


def _map_feed_item(item: dict) -> Mapped:
    """A feed item: the post, the posts it replies to (context), and a repost reason."""
    post = item.get("post")
    if not isinstance(post, dict):
        raise RecordError("feed item without post")
    reason = item.get("reason") if isinstance(item.get("reason"), dict) else None
    is_repost = reason is not None and str(reason.get("$type", "")).endswith("#reasonRepost")
    out = map_post(post, collected=not is_repost)
    reply = item.get("reply") if isinstance(item.get("reply"), dict) else {}
    for key in ("root", "parent"):
        ref = reply.get(key)
        if _is_post(ref) and not _unavailable(ref):
            out.extend(map_post(ref, False))
    if is_repost:
        out.extend(_repost(reason, out.messages[0]))
    return out


def _repost(reason: dict, post: Message) -> Mapped:
    by = reason.get("by")
    if not isinstance(by, dict):
        raise RecordError("repost reason without `by`")
    account = map_profile(by)
    rid = f"repost:{account.id}:{post.id}"
    created = parse_time(reason.get("indexedAt"), "repost indexedAt")
    message = Message(PLATFORM, rid, account.id, created, kind="repost", parent=post.id, root=rid, collected=True)
    tie = Interaction(PLATFORM, "repost", account.id, post.account or did_of(post.id), None, post.id, created, rid)
    return Mapped(accounts=[account], messages=[message], interactions=[tie])
