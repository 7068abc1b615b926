"""Reading cells of a NodeXL worksheet row: ids, message ids and the kind of a relationship."""

from __future__ import annotations

import hashlib
from typing import Any

from ..errors import RecordError
from ._graph import norm
from ._map import opt_id, opt_text

_RELATIONS: dict[str, str | None] = {
    "tweet": None, "mentions": "mention", "mention": "mention", "repliesto": "reply", "replyto": "reply",
    "retweet": "repost", "quote": "quote", "quotereply": "quote", "follows": "follow", "followed": "follow",
    "follow": "follow", "follower": "follow",
}
_MAX_EXACT_FLOAT = 2 ** 53


def _cell(row: dict, column: str) -> Any:
    value = row.get(column)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _cell_id(row: dict, column: str) -> str | None:
    value = _cell(row, column)
    if isinstance(value, str) and value.startswith("'"):
        value = value[1:]  # Excel's "keep as text" mark
    if isinstance(value, float) and abs(value) >= _MAX_EXACT_FLOAT:
        raise RecordError(f"{column} {value:.0f} was stored by Excel as a number and lost digits; "
                          "format the column as text in NodeXL and save again")
    return opt_id(value)


def _message_id(row: dict) -> str | None:
    imported = _cell_id(row, "Imported ID")
    if imported:
        return imported
    text = opt_text(_cell(row, "Tweet"))
    if not text:
        return None
    author = str(_cell(row, "Vertex 1") or "").lower()
    when = _cell(row, "Tweet Date (UTC)") or _cell(row, "Relationship Date (UTC)") or ""
    digest = hashlib.sha1("\x1f".join([author, str(when), text]).encode("utf-8")).hexdigest()
    return f"nodexl:{digest[:16]}"


def relation_kind(value: Any) -> tuple[bool, str | None]:
    """``(known, interaction kind)`` of a Relationship value (kind None: a plain tweet)."""
    key = norm(value)
    if key in _RELATIONS:
        return True, _RELATIONS[key]
    if key.startswith("mentionsin"):
        return True, "mention"
    return False, None


def row_message_kind(row: dict) -> str:
    """The kind of the tweet an edge row carries, from the row alone."""
    relation = norm(_cell(row, "Relationship") or "")
    text = str(_cell(row, "Tweet") or "")
    if relation in ("retweet", "mentionsinretweet") or text.startswith("RT @"):
        return "repost"
    if _cell_id(row, "In-Reply-To Tweet ID") or relation == "repliesto":
        return "reply"
    if _cell_id(row, "Quoted Status ID") or relation.startswith("quote") or relation.startswith("mentionsinquote"):
        return "quote"
    return "post"
