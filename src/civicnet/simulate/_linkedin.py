"""Writing a LinkedIn group's discussions as a CSV export.

LinkedIn offers no API for group discussions; the report collected them by hand. The
export civicnet reads has one row per message:
``message_id,parent_id,author_id,author_name,author_title,created_at,text,likes,group,url``
— an empty ``parent_id`` is a group post, a parent that is a post makes a comment, a
parent that is a comment makes a reply; ``created_at`` is ISO 8601 UTC.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ._ledger import Ledger, Msg
from ._rng import Rng
from ._time import iso_time

COLUMNS = ["message_id", "parent_id", "author_id", "author_name", "author_title", "created_at", "text",
           "likes", "group", "url"]


@dataclass(frozen=True)
class LiMember:
    id: str
    name: str
    title: str
    category: str  # government | professional | unknown
    group: str | None = None
    role: str | None = None


@dataclass(eq=False)
class LiMessage:
    id: str
    parent: "LiMessage | None"
    author: LiMember
    created: datetime
    text: str
    likes: int
    msg: Msg

    @property
    def post(self) -> "LiMessage":
        return self if self.parent is None else self.parent.post


class LinkedInGroup:
    """A group's members and messages, recorded in the ledger as they are made."""

    def __init__(self, ledger: Ledger, rng: Rng, name: str, group_id: str):
        self.ledger, self.rng, self.name, self.group_id = ledger, rng, name, group_id
        self.members: list[LiMember] = []
        self.messages: list[LiMessage] = []

    def member(self, name: str, title: str, category: str, group: str | None = None,
               role: str | None = None) -> LiMember:
        """A member; the export shows only members who wrote something."""
        m = LiMember(self.rng.unique_digits(9), name, title, category, group, role)
        self.members.append(m)
        return m

    def write_message(self, author: LiMember, created: datetime, text: str, parent: LiMessage | None = None,
                      likes: int = 0) -> LiMessage:
        """A group post (no parent), comment (parent a post) or reply (parent a comment)."""
        self.ledger.account("linkedin", author.id, author.id, author.name, gov=author.category == "government",
                            role=author.role, group=author.group)
        if parent is None:
            kind, mid = "group_post", f"g-{self.group_id}-S-{self.rng.unique_digits(10)}"
        else:
            kind = "comment" if parent.parent is None else "reply"
            mid = f"g-{self.group_id}-C-{self.rng.unique_digits(10)}"
        msg = self.ledger.message(Msg("linkedin", mid, author.id, kind, created, text,
                                      parent.id if parent else None, author.category == "government"))
        m = LiMessage(mid, parent, author, created, text, likes, msg)
        self.messages.append(m)
        return m

    def write(self, path: Path) -> None:
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        for m in sorted(self.messages, key=lambda m: (m.created, m.id)):
            m.msg.likes = m.likes  # the ledger keeps the likes as written
            writer.writerow([
                m.id, m.parent.id if m.parent else "", m.author.id, m.author.name, m.author.title,
                iso_time(m.created), m.text, m.likes, self.name,
                f"https://www.linkedin.com/groups/{self.group_id}/{self.group_id}-{m.post.id.rsplit('-', 1)[1]}",
            ])
        path.write_bytes(buf.getvalue().encode("utf-8"))
