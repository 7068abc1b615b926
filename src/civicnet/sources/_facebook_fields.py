"""Reading fields of Facebook Graph API objects: ids of comments, counts, accounts, reactions and tags."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from ..errors import RecordError
from ..model import Account, Interaction, Mapped
from ._map import opt_id, opt_int, opt_text, require_id

PLATFORM = "facebook"
_PERMALINK_POST = re.compile(r"facebook\.com/(\d+)/posts/(\d+)")


def comment_id(c: dict, post_id: str | None) -> str:
    """The comment's id, rebuilt from its permalink when the export left ``id`` out."""
    cid = opt_id(c.get("id"))
    if cid:
        return cid
    query = _permalink_query(c)
    leaf = (query.get("reply_comment_id") or query.get("comment_id") or [None])[0]
    if leaf and post_id:
        return f"{post_id.rsplit('_', 1)[-1]}_{leaf}"
    raise RecordError("no comment id (neither `id` nor a permalink_url with comment_id)")


def _parent_of_comment(c: dict, post_id: str | None) -> str | None:
    parent = c.get("parent")
    if isinstance(parent, dict) and parent.get("id") is not None:
        return opt_id(parent.get("id"))
    query = _permalink_query(c)
    if query.get("reply_comment_id") and query.get("comment_id") and post_id:
        return f"{post_id.rsplit('_', 1)[-1]}_{query['comment_id'][0]}"
    return None


def _post_of_comment(c: dict) -> str | None:
    link = c.get("permalink_url")
    if isinstance(link, str):
        m = _PERMALINK_POST.search(link)
        if m:
            return f"{m.group(1)}_{m.group(2)}"
    cid = opt_id(c.get("id"))
    if cid and "_" in cid:
        return cid.rsplit("_", 1)[0]
    return None


def _permalink_query(c: dict) -> dict:
    link = c.get("permalink_url")
    if not isinstance(link, str):
        return {}
    return parse_qs(urlparse(link).query)


def _edge_data(obj: dict, name: str) -> list:
    edge = obj.get(name)
    if isinstance(edge, dict) and isinstance(edge.get("data"), list):
        return edge["data"]
    if isinstance(edge, list):
        return edge
    return []


def _from_id(obj) -> str | None:
    frm = obj.get("from") if isinstance(obj, dict) else None
    return opt_id(frm.get("id")) if isinstance(frm, dict) else None


def _account(frm) -> Account | None:
    if not isinstance(frm, dict) or frm.get("id") is None:
        return None
    return Account(PLATFORM, require_id(frm.get("id"), "from.id"), name=opt_text(frm.get("name")))


def _summary_total(obj: dict, name: str) -> int | None:
    edge = obj.get(name)
    if isinstance(edge, dict) and isinstance(edge.get("summary"), dict):
        return opt_int(edge["summary"].get("total_count"), f"{name}.summary.total_count")
    return None


def _like_count(obj: dict) -> int | None:
    for name in ("reactions", "likes"):
        total = _summary_total(obj, name)
        if total is not None:
            return total
    if obj.get("like_count") is not None:
        return opt_int(obj.get("like_count"), "like_count")
    likes = obj.get("likes")
    if isinstance(likes, int) and not isinstance(likes, bool):
        return likes
    return None


def _share_count(obj: dict) -> int | None:
    shares = obj.get("shares")
    return opt_int(shares.get("count"), "shares.count") if isinstance(shares, dict) else None


def _reply_count(obj: dict) -> int | None:
    total = _summary_total(obj, "comments")
    if total is not None:
        return total
    comments = obj.get("comments")
    if isinstance(comments, dict) and comments.get("count") is not None:
        return opt_int(comments.get("count"), "comments.count")
    return opt_int(obj.get("comment_count"), "comment_count")


def _likes(obj: dict, target_message: str, target_author: str | None) -> Mapped:
    out = Mapped()
    for name in ("reactions", "likes"):
        for r in _edge_data(obj, name):
            if not isinstance(r, dict) or r.get("id") is None:
                continue
            who = require_id(r.get("id"), f"{name} id")
            out.accounts.append(Account(PLATFORM, who, name=opt_text(r.get("name"))))
            out.interactions.append(Interaction(PLATFORM, "like", who, target_author, None, target_message))
    return out


def _mentions(obj: dict, mid: str, author: str | None, created) -> Mapped:
    out = Mapped()
    if author is None:
        return out
    tags = obj.get("message_tags")
    if isinstance(tags, dict):  # old form: {offset: [tag, …]}
        tags = [t for group in tags.values() if isinstance(group, list) for t in group]
    seen = set()
    for tag in tags if isinstance(tags, list) else []:
        if not isinstance(tag, dict) or tag.get("type") not in (None, "user", "page"):
            continue
        target = opt_id(tag.get("id"))
        if not target or target in seen:
            continue
        seen.add(target)
        out.accounts.append(Account(PLATFORM, target, name=opt_text(tag.get("name"))))
        out.interactions.append(Interaction(PLATFORM, "mention", author, target, None, None, created, mid))
    return out
