"""Facebook Graph API JSON: page posts, group feeds, comments edges, single posts.

What it reads
    * a page of posts ``{"data": [post…], "paging": …}`` from ``/PAGE/posts``,
      ``/PAGE/feed``, ``/PAGE/published_posts`` or a group's ``/GROUP/feed``; posts
      may nest ``comments{data:[comment…], summary}`` (comments may nest their own
      ``comments``: replies), ``reactions``/``likes`` ``{data:[{id,name,type}],
      summary{total_count}}``, ``shares{count}``, ``from{id,name}``, ``message``,
      ``message_tags``, ``created_time``, ``permalink_url``, ``attachments``,
      ``full_picture``;
    * a comments edge page ``{"data": [comment…]}`` from ``/POST/comments``;
    * a single post (``GET /POST_ID``) or an ``?ids=A,B`` response (objects by id);
    * JSON Lines of any of these, one response per line (Facepager-style or your
      own collector), and JSON arrays of posts.

How a user gets it
    Graph API Explorer or a script: ``GET /PAGE_ID/feed?fields=id,from,message,
    created_time,permalink_url,shares,reactions.summary(total_count){id,name,type},
    comments.summary(total_count){id,from,message,created_time,like_count,
    comment_count,comments{id,from,message,created_time,parent}}``; save each page.

Semantics (CONTRACT)
    A page post's id is ``PAGEID_POSTID``. A post whose ``from.id`` is not that page
    id is a ``post_to_page`` (a citizen's post on the page; which page is only
    implicit in the id); in a group feed every post is a ``group_post``. Comments on
    a post are ``comment`` (parent = the post), comments on a comment are ``reply``
    (parent = that comment, root = the post); each ties its author to the parent's
    author when both are known. Named reactions/likes become ``like`` ties (reactor
    → post author, target_message = the post). ``like_count`` = reactions (else
    likes) ``summary.total_count``, else a comment's ``like_count``;
    ``share_count`` = ``shares.count``; ``reply_count`` = comments
    ``summary.total_count`` (or ``count``, or a comment's ``comment_count``).
    ``message_tags`` of people and pages become ``mention`` ties.

Quirks handled
    * since 2018 comments often come without ``from`` (permission withheld): they are
      kept with a NULL account and no tie;
    * comments fetched with few fields may lack ``id``: it is rebuilt from the
      ``permalink_url`` (``?comment_id=…&reply_comment_id=…``) as
      ``POSTOBJECT_COMMENTID``, and ``reply_comment_id`` marks a reply to
      ``comment_id``;
    * the post of a comments page is taken from the option ``post``, else the
      ``paging`` URLs (``/PAGEID_POSTID/comments``), else the comment's permalink,
      else the part of the comment id before the last ``_`` (which may lack the
      page prefix: give ``post:`` to be sure);
    * posts fetched without ``from`` have a NULL author, unless the option
      ``by_page: true`` says they come from the page's own ``/posts`` edge.

Options
    ``post: PAGEID_POSTID``  the post a comments edge page belongs to;
    ``group: true``          the posts are a group feed (``group_post``); group
                             permalinks (``/groups/``) are recognised without it;
    ``by_page: true``        posts without ``from`` were written by the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..errors import RecordError
from ..model import Account, Interaction, Mapped, Message
from ._detect import Sample
from ._facebook_fields import (
    PLATFORM,
    _account,
    _edge_data,
    _from_id,
    _like_count,
    _likes,
    _mentions,
    _parent_of_comment,
    _post_of_comment,
    _reply_count,
    _share_count,
    comment_id,
)
from ._io import Broken, SourceFile
from ._json import iter_json
from ._map import opt_id, opt_text, parse_time, require_id

NAME = "facebook-graph"
TITLE = "Facebook Graph API JSON (page/group posts with comments and reactions, comments edges)"
HOW_TO_EXPORT = (
    "GET /PAGE_ID/feed?fields=id,from,message,created_time,permalink_url,shares,"
    "reactions.summary(total_count){id,name,type},comments.summary(total_count){id,from,message,"
    "created_time,like_count,comment_count,comments{id,from,message,created_time,parent}} "
    "saved page by page (JSON or JSON Lines)"
)
EXAMPLE = "- {format: facebook-graph, path: data/page-feed.jsonl}"

_EDGE = re.compile(r"graph\.facebook\.com/(?:v[\d.]+/)?([\w.]+)/(comments|feed|posts|published_posts|visitor_posts|tagged)\b")
_MEDIA_STATUS = {"added_photos", "added_video", "shared_photos"}
_MEDIA_TYPES = {"photo", "video", "album", "animated_image_video", "animated_image_share", "video_inline", "video_autoplay", "cover_photo", "profile_media"}


@dataclass(frozen=True)
class Context:
    """Where a post or comment sits: its post, its parent comment, the container."""

    kind: str = "post"  # post | comment
    post_id: str | None = None
    post_author: str | None = None
    parent_id: str | None = None
    parent_author: str | None = None
    group: bool = False
    by_page: bool = False
    authors: dict = field(default_factory=dict, compare=False)


def _is_graph_object(obj) -> bool:
    return isinstance(obj, dict) and "id" in obj and "created_time" in obj


def detect(sample: Sample) -> int:
    obj = sample.first_json
    if isinstance(obj, dict):
        data = obj.get("data")
        if isinstance(data, list):
            if data and _is_graph_object(data[0]):
                return 90
            if not data and "paging" in obj:
                return 60
            if data and isinstance(data[0], dict) and "created_time" in data[0] and ("message" in data[0] or "from" in data[0]):
                return 80  # comments fetched without ids
            return 0
        if _is_graph_object(obj):
            return 85
        values = list(obj.values())[:5]
        if values and all(_is_graph_object(v) for v in values):
            return 90
    if isinstance(obj, list) and obj and _is_graph_object(obj[0]):
        return 80
    return 0


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    options = options or {}
    opts = {
        "post": opt_id(options.get("post")),
        "group": options.get("group") is True,
        "by_page": options.get("by_page") is True,
    }
    for location, value in iter_json(source, NAME):
        yield from _value(source, value, location, opts)


def _value(source, value, location, opts) -> Iterator:
    from . import Raw

    if isinstance(value, Broken):
        yield Raw(location, value)
    elif isinstance(value, list):
        if value and not isinstance(value[0], dict):
            raise source.error("expected an array of Graph API objects", location=location, fmt=NAME)
        for n, item in enumerate(value):
            yield from _item(item, f"{location}, item {n + 1}", opts, None, {})
    elif isinstance(value, dict) and isinstance(value.get("data"), list):
        yield from _page(value, location, opts)
    elif isinstance(value, dict) and "error" in value and "id" not in value:
        err = value["error"] if isinstance(value["error"], dict) else {}
        raise source.error(f"the file holds a Graph API error response ({err.get('message', value['error'])})",
                           location=location, fmt=NAME)
    elif isinstance(value, dict) and "id" in value:
        yield from _item(value, location, opts, None, {})
    elif isinstance(value, dict) and value and all(isinstance(v, dict) and "id" in v for v in value.values()):
        for key, item in value.items():
            yield from _item(item, f"{location}, [{key}]", opts, None, {})
    else:
        raise source.error("expected Graph API posts or comments: {\"data\": [...]}, a post object or a list",
                           location=location, fmt=NAME)


def _page(page: dict, location: str, opts: dict) -> Iterator:
    edge, edge_object = _edge_of(page)
    post_id = opts["post"] or (edge_object if edge == "comments" else None)
    comments_page = edge == "comments" or (edge is None and opts["post"] is not None)
    authors = _authors(page["data"])
    for n, item in enumerate(page["data"]):
        where = f"{location}, data[{n}]"
        if comments_page or (edge is None and _looks_like_comment(item)):
            yield from _comment_tree(item, where, Context("comment", post_id, authors=authors))
        else:
            yield from _item(item, where, opts, post_id, authors)


def _edge_of(page: dict) -> tuple[str | None, str | None]:
    paging = page.get("paging") if isinstance(page.get("paging"), dict) else {}
    for key in ("next", "previous"):
        url = paging.get(key)
        if isinstance(url, str):
            m = _EDGE.search(url)
            if m:
                return m.group(2), m.group(1)
    return None, None


def _authors(items) -> dict:
    """Comment id → author id for every comment of a page (to find a reply's parent author)."""
    out = {}
    stack = list(items)
    while stack:
        c = stack.pop()
        if not isinstance(c, dict):
            continue
        author = _from_id(c)
        cid = opt_id(c.get("id"))
        if cid and author:
            out[cid] = author
        stack.extend(_edge_data(c, "comments"))
    return out


def _looks_like_comment(item) -> bool:
    if not isinstance(item, dict):
        return False
    link = item.get("permalink_url")
    return (
        "parent" in item or "comment_count" in item or "like_count" in item or "can_reply_privately" in item
        or (isinstance(link, str) and "comment_id=" in link)
    )


def _item(item, where, opts, post_id, authors) -> Iterator:
    from . import Raw

    if _looks_like_comment(item):
        yield from _comment_tree(item, where, Context("comment", post_id, authors=authors))
        return
    ctx = Context("post", group=opts["group"], by_page=opts["by_page"])
    yield Raw(where, item, ctx)
    if not isinstance(item, dict):
        return
    pid = opt_id(item.get("id"))
    author = _post_author(item, pid, ctx)
    inner = authors or _authors(_edge_data(item, "comments"))
    for n, c in enumerate(_edge_data(item, "comments")):
        yield from _comment_tree(c, f"{where}, comments[{n}]", Context("comment", pid, author, authors=inner))


def _comment_tree(c, where, ctx: Context) -> Iterator:
    from . import Raw

    yield Raw(where, c, ctx)
    if not isinstance(c, dict):
        return
    try:
        cid = comment_id(c, ctx.post_id or _post_of_comment(c))
    except RecordError:
        return  # the comment itself is rejected; its replies cannot be placed
    for n, child in enumerate(_edge_data(c, "comments")):
        child_ctx = Context("comment", ctx.post_id, ctx.post_author, cid, _from_id(c), authors=ctx.authors)
        yield from _comment_tree(child, f"{where}, comments[{n}]", child_ctx)


def map_record(record, context: Context | None = None) -> Mapped:
    """One post or comment (its nested comments are separate records) to records."""
    context = context or Context()
    if not isinstance(record, dict):
        raise RecordError(f"expected a Graph API object, found {type(record).__name__}")
    if context.kind == "comment":
        return _map_comment(record, context)
    return _map_post(record, context)


# -- posts ------------------------------------------------------------------------------


def _map_post(p: dict, ctx: Context) -> Mapped:
    pid = require_id(p.get("id"), "post id")
    container = pid.split("_", 1)[0] if "_" in pid else None
    author = _post_author(p, pid, ctx)
    created = parse_time(p.get("created_time"), "created_time")
    out = Mapped()
    account = _account(p.get("from"))
    if account:
        out.accounts.append(account)
    elif author:
        out.accounts.append(Account(PLATFORM, author))
    link = p.get("permalink_url") if isinstance(p.get("permalink_url"), str) else None
    if ctx.group or (link and "/groups/" in link):
        kind = "group_post"
    elif author and container and author != container:
        kind = "post_to_page"
    else:
        kind = "post"
    out.messages.append(
        Message(
            platform=PLATFORM, id=pid, account=author, created_at=created,
            text=opt_text(p.get("message")), kind=kind, parent=None, root=pid,
            like_count=_like_count(p), share_count=_share_count(p), reply_count=_reply_count(p),
            has_media=_post_media(p), url=link or _post_url(pid), page=container,
        )
    )
    out.extend(_likes(p, pid, author))
    out.extend(_mentions(p, pid, author, created))
    return out


def _post_author(p, pid, ctx: Context) -> str | None:
    if not isinstance(p, dict):
        return None
    author = _from_id(p)
    if author is None and ctx.by_page and pid and "_" in pid:
        author = pid.split("_", 1)[0]
    return author


def _post_url(pid: str) -> str | None:
    if "_" in pid:
        owner, post = pid.split("_", 1)
        return f"https://www.facebook.com/{owner}/posts/{post}"
    return f"https://www.facebook.com/{pid}"


def _post_media(p: dict) -> bool | None:
    if p.get("full_picture") or p.get("picture"):
        return True
    if str(p.get("type", "")).lower() in ("photo", "video") or p.get("status_type") in _MEDIA_STATUS:
        return True
    attachments = _edge_data(p, "attachments")
    for a in attachments:
        if isinstance(a, dict) and (a.get("media") or str(a.get("media_type", a.get("type", ""))).lower() in _MEDIA_TYPES):
            return True
    if "attachments" in p or "type" in p or "status_type" in p:
        return False
    return None


# -- comments ---------------------------------------------------------------------------


def _map_comment(c: dict, ctx: Context) -> Mapped:
    post_id = ctx.post_id or _post_of_comment(c)
    cid = comment_id(c, post_id)
    parent_comment = ctx.parent_id or _parent_of_comment(c, post_id)
    if parent_comment == cid:
        parent_comment = None
    author = _from_id(c)
    created = parse_time(c.get("created_time"), "created_time")
    out = Mapped()
    account = _account(c.get("from"))
    if account:
        out.accounts.append(account)
    kind = "reply" if parent_comment else "comment"
    parent = parent_comment or post_id
    if parent_comment:
        parent_author = ctx.parent_author or ctx.authors.get(parent_comment)
    else:
        parent_author = ctx.post_author
    out.messages.append(
        Message(
            platform=PLATFORM, id=cid, account=author, created_at=created,
            text=opt_text(c.get("message")), kind=kind, parent=parent, root=post_id,
            like_count=_like_count(c), reply_count=_reply_count(c),
            has_media=True if c.get("attachment") else None,
            url=c.get("permalink_url") if isinstance(c.get("permalink_url"), str) else None,
        )
    )
    if author and parent_author:
        out.interactions.append(Interaction(PLATFORM, kind, author, parent_author, None, parent, created, cid))
    out.extend(_likes(c, cid, author))
    out.extend(_mentions(c, cid, author, created))
    return out


# -- shared -----------------------------------------------------------------------------


