"""Writing Facebook Graph API JSON: a page's posts with comments, replies and likes.

The shape is what ``GET /PAGE_ID/posts`` (or ``/feed``, which also returns visitors'
posts) gives with nested fields: one response page per line, newest posts first,
``{"data": [post…], "paging": {"cursors": …, "next": …}}``. A post carries its
``reactions`` (named, so likes can be counted) and its ``comments``, each comment its
replies. Post ids are ``PAGEID_POSTID``, comment ids ``POSTID_COMMENTID``.
"""

from __future__ import annotations

import base64
import gzip
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import orjson

from ._ledger import Ledger, Msg
from ._rng import Rng
from ._time import facebook_time

FIELDS = ("id,created_time,message,from,type,permalink_url,shares,reactions.summary(total_count){id,name,type},"
          "comments.summary(total_count){id,from,message,created_time,like_count,comment_count,comments}")


@dataclass(frozen=True)
class FbUser:
    id: str
    name: str


@dataclass(eq=False)
class FbComment:
    id: str
    user: FbUser
    created: datetime
    text: str
    like_count: int = 0
    replies: list["FbComment"] = field(default_factory=list)
    msg: Msg | None = None


@dataclass(eq=False)
class FbPost:
    id: str
    user: FbUser
    created: datetime
    text: str
    type: str = "status"
    link: str | None = None
    shares: int = 0
    likers: list[FbUser] = field(default_factory=list)
    comments: list[FbComment] = field(default_factory=list)
    msg: Msg | None = None

    @property
    def thread_size(self) -> int:
        return len(self.comments) + sum(len(c.replies) for c in self.comments)


class FacebookPage:
    """A page and everything written on it, recorded in the ledger as it is made."""

    def __init__(self, ledger: Ledger, rng: Rng, name: str, role: str, edge: str = "posts"):
        self.ledger, self.rng, self.edge = ledger, rng, edge
        self.page = FbUser(rng.unique_digits(15), name)
        ledger.account("facebook", self.page.id, self.page.id, name, gov=True, role=role)
        self.posts: list[FbPost] = []

    def user(self, name: str, group: str | None = None) -> FbUser:
        """A person (app-scoped id as the Graph API of 2014 gave it)."""
        user = FbUser(self.rng.unique_digits(15, prefix="1000"), name)
        self.ledger.account("facebook", user.id, user.id, name, group=group)
        return user

    def _record(self, id: str, user: FbUser, kind: str, created: datetime, text: str, parent: str | None) -> Msg:
        acct = self.ledger.accounts[("facebook", user.id)]
        return self.ledger.message(Msg("facebook", id, user.id, kind, created, text, parent, acct.gov))

    def post(self, user: FbUser, created: datetime, text: str, type: str = "status",
             link: str | None = None, shares: int = 0) -> FbPost:
        """A post on the page: the page's own, or a visitor's (post to page)."""
        pid = f"{self.page.id}_{self.rng.unique_digits(16)}"
        kind = "post" if user.id == self.page.id else "post_to_page"
        post = FbPost(pid, user, created, text, type, link, shares)
        post.msg = self._record(pid, user, kind, created, text, None)
        self.posts.append(post)
        return post

    def comment(self, post: FbPost, user: FbUser, created: datetime, text: str, like_count: int = 0) -> FbComment:
        cid = f"{post.id.split('_')[1]}_{self.rng.unique_digits(16)}"
        c = FbComment(cid, user, created, text, like_count)
        c.msg = self._record(cid, user, "comment", created, text, post.id)
        post.comments.append(c)
        return c

    def reply(self, post: FbPost, parent: FbComment, user: FbUser, created: datetime, text: str,
              like_count: int = 0) -> FbComment:
        cid = f"{post.id.split('_')[1]}_{self.rng.unique_digits(16)}"
        c = FbComment(cid, user, created, text, like_count)
        c.msg = self._record(cid, user, "reply", created, text, parent.id)
        parent.replies.append(c)
        return c

    def like(self, post: FbPost, users: list[FbUser]) -> None:
        """Named likes on a post (each person once)."""
        seen = {u.id for u in post.likers}
        fresh = [u for u in users if u.id not in seen and u.id != post.user.id]
        post.likers.extend(fresh)
        self.ledger.add("likes", "facebook", len(fresh))

    # -- writing --------------------------------------------------------------------------

    def write(self, path: Path, per_page: int = 10) -> None:
        """The posts as Graph API response pages, one per line (gzip when ``.gz``)."""
        posts = sorted(self.posts, key=lambda p: (p.created, p.id), reverse=True)
        for p in posts:  # the ledger keeps the figures as written: named likes (= their total), shares
            p.msg.likes, p.msg.listed_likes, p.msg.shares = len(p.likers), len(p.likers), p.shares
            for c in p.comments:
                c.msg.likes = c.like_count
                for r in c.replies:
                    r.msg.likes = r.like_count
        pages = [posts[i:i + per_page] for i in range(0, len(posts), per_page)] or [[]]
        lines = []
        for n, chunk in enumerate(pages):
            lines.append(orjson.dumps(self._page(chunk, n, len(pages), per_page)))
        data = b"\n".join(lines) + b"\n"
        if path.suffix == ".gz":
            data = gzip.compress(data, compresslevel=6, mtime=0)
        path.write_bytes(data)

    def _page(self, chunk: list[FbPost], n: int, total: int, per_page: int) -> dict:
        before = _cursor(chunk[0].id if chunk else "start")
        after = _cursor(chunk[-1].id if chunk else "end")
        base = f"https://graph.facebook.com/v2.0/{self.page.id}/{self.edge}?fields={FIELDS}&limit={per_page}"
        paging: dict = {"cursors": {"before": before, "after": after}}
        if n > 0:
            paging["previous"] = f"{base}&before={before}"
        if n < total - 1:
            paging["next"] = f"{base}&after={after}"
        return {"data": [self._post_json(p) for p in chunk], "paging": paging}

    def _post_json(self, p: FbPost) -> dict:
        out = {
            "id": p.id,
            "created_time": facebook_time(p.created),
            "message": p.text,
            "from": {"id": p.user.id, "name": p.user.name},
            "type": p.type,
            "permalink_url": f"https://www.facebook.com/{self.page.id}/posts/{p.id.split('_')[1]}",
        }
        if p.link:
            out["link"] = p.link
        out["shares"] = {"count": p.shares}
        out["reactions"] = {
            "data": [{"id": u.id, "name": u.name, "type": "LIKE"} for u in p.likers],
            "summary": {"total_count": len(p.likers)},
        }
        comments = sorted(p.comments, key=lambda c: (c.created, c.id))
        out["comments"] = {
            "data": [self._comment_json(c) for c in comments],
            "summary": {"total_count": len(comments)},
        }
        return out

    def _comment_json(self, c: FbComment) -> dict:
        out = {
            "id": c.id,
            "from": {"id": c.user.id, "name": c.user.name},
            "message": c.text,
            "created_time": facebook_time(c.created),
            "like_count": c.like_count,
            "comment_count": len(c.replies),
        }
        if c.replies:
            replies = sorted(c.replies, key=lambda r: (r.created, r.id))
            out["comments"] = {"data": [self._comment_json(r) for r in replies]}
        return out


def _cursor(value: str) -> str:
    return base64.b64encode(value.encode()).decode().rstrip("=")
