"""The platform-neutral records every stage shares.

Importers map raw platform JSON/CSV onto these records; the store keeps them in
DuckDB tables keyed by ``(platform, id)``. Absent data is ``None`` and stays NULL in
the store: never a guessed default (a comment whose author the platform withheld has
``account=None``; a tweet fetched with default fields only has ``like_count=None``).

Timestamps are timezone-aware ``datetime`` objects in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Platform(StrEnum):
    TWITTER = "twitter"
    FACEBOOK = "facebook"
    LINKEDIN = "linkedin"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    INSTAGRAM = "instagram"
    OTHER = "other"


class MessageKind(StrEnum):
    POST = "post"
    COMMENT = "comment"
    REPLY = "reply"
    REPOST = "repost"
    QUOTE = "quote"
    POST_TO_PAGE = "post_to_page"
    GROUP_POST = "group_post"


class InteractionKind(StrEnum):
    LIKE = "like"
    MENTION = "mention"
    REPLY = "reply"
    COMMENT = "comment"
    REPOST = "repost"
    QUOTE = "quote"
    FOLLOW = "follow"


class GovernmentRole(StrEnum):
    SENIOR_OFFICIAL = "senior_official"
    COMMUNICATIONS = "communications"
    CIVIL_SERVANT = "civil_servant"
    ORGANISATION = "organisation"
    POLITICIAN = "politician"


class Level(StrEnum):
    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"


@dataclass(slots=True)
class Account:
    """An account on a platform. ``id`` is the platform's own id."""

    platform: str
    id: str
    handle: str | None = None
    name: str | None = None
    description: str | None = None
    followers: int | None = None
    following: int | None = None
    created_at: datetime | None = None
    url: str | None = None


@dataclass(slots=True)
class Message:
    """A post, comment, reply, repost or quote.

    ``collected`` is True when the collection itself returned the message (the
    ``data`` of an API page, a row of an export) and False when it only came along as
    context (twarc2 ``includes.tweets``, a v1.1 ``retweeted_status``). Context
    messages are stored so parents can be shown but are not counted.
    """

    platform: str
    id: str
    account: str | None = None
    created_at: datetime | None = None
    text: str | None = None
    language: str | None = None
    kind: str = MessageKind.POST
    parent: str | None = None
    root: str | None = None
    like_count: int | None = None
    share_count: int | None = None
    reply_count: int | None = None
    quote_count: int | None = None
    has_media: bool | None = None
    url: str | None = None
    edit_group: str | None = None
    page: str | None = None
    collected: bool = True


@dataclass(slots=True)
class Interaction:
    """A tie between two accounts: who mentioned, replied to, liked, followed whom.

    ``target_account`` may be None when the platform names the target only by
    handle (``target_handle``; v2 mentions with default fields, v1.1 text mentions);
    the store resolves handles to ids where it can. ``message`` is the message that
    carries the tie; likes and follows often come without one.
    """

    platform: str
    kind: str
    source_account: str | None
    target_account: str | None = None
    target_handle: str | None = None
    target_message: str | None = None
    created_at: datetime | None = None
    message: str | None = None


@dataclass(slots=True)
class Mapped:
    """What one raw record maps to."""

    accounts: list[Account] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)

    def extend(self, other: "Mapped") -> None:
        self.accounts.extend(other.accounts)
        self.messages.extend(other.messages)
        self.interactions.extend(other.interactions)

    def __len__(self) -> int:
        return len(self.accounts) + len(self.messages) + len(self.interactions)
