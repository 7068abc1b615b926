"""Reading fields of app.bsky records: DIDs and collections of AT URIs, profiles, embeds, mentions, reply references."""

from __future__ import annotations

from ..model import Account
from ._map import opt_int, opt_text, parse_time, require_id

PLATFORM = "bluesky"
_POST_COLLECTION = "app.bsky.feed.post"
_MEDIA = ("app.bsky.embed.images", "app.bsky.embed.video")


def did_of(uri) -> str | None:
    """The author's DID from an ``at://did/collection/rkey`` uri."""
    if not isinstance(uri, str) or not uri.startswith("at://"):
        return None
    authority = uri[5:].split("/", 1)[0]
    return authority if authority.startswith("did:") else None


def _collection_of(uri: str) -> str | None:
    parts = uri[5:].split("/") if uri.startswith("at://") else []
    return parts[1] if len(parts) > 2 else None


def map_profile(p: dict) -> Account:
    """A profile view (``app.bsky.actor.defs#profileView[Basic|Detailed]``)."""
    did = require_id(p.get("did"), "did")
    handle = opt_text(p.get("handle"))
    if handle == "handle.invalid":
        handle = None
    return Account(
        platform=PLATFORM,
        id=did,
        handle=handle,
        name=opt_text(p.get("displayName")) or None,
        description=opt_text(p.get("description")),
        followers=opt_int(p.get("followersCount"), "followersCount"),
        following=opt_int(p.get("followsCount"), "followsCount"),
        created_at=parse_time(p.get("createdAt"), "profile createdAt"),
        url=f"https://bsky.app/profile/{handle or did}",
    )


def _embedded_uri(embed) -> str | None:
    """The uri of a post embedded in a record's ``embed`` (a quote), if any."""
    if not isinstance(embed, dict):
        return None
    kind = embed.get("$type")
    ref = None
    if kind == "app.bsky.embed.record":
        ref = embed.get("record")
    elif kind == "app.bsky.embed.recordWithMedia":
        inner = embed.get("record")
        ref = inner.get("record") if isinstance(inner, dict) else None
    uri = ref.get("uri") if isinstance(ref, dict) else None
    return uri if isinstance(uri, str) and _collection_of(uri) == _POST_COLLECTION else None


def _has_media(embed) -> bool:
    if not isinstance(embed, dict):
        return False
    kind = embed.get("$type")
    if kind == "app.bsky.embed.recordWithMedia":
        return _has_media(embed.get("media"))
    return kind in _MEDIA


def _quoted_view(post: dict) -> dict | None:
    """The quoted post as the view shows it (``#viewRecord``), shaped like a post view."""
    view = post.get("embed")
    if not isinstance(view, dict):
        return None
    rec = view.get("record")
    if str(view.get("$type", "")).startswith("app.bsky.embed.recordWithMedia") and isinstance(rec, dict):
        rec = rec.get("record")
    if not isinstance(rec, dict) or not str(rec.get("$type", "")).endswith("#viewRecord"):
        return None
    if _collection_of(str(rec.get("uri", ""))) != _POST_COLLECTION or not isinstance(rec.get("value"), dict):
        return None
    return {**rec, "record": rec["value"]}


def _mentions(record: dict) -> list[tuple[str, str | None]]:
    """(did, handle as written) for every mention facet of a post record."""
    text = record.get("text")
    encoded = text.encode("utf-8") if isinstance(text, str) else b""
    out = []
    for facet in record.get("facets") or []:
        if not isinstance(facet, dict):
            continue
        handle = None
        index = facet.get("index")
        if isinstance(index, dict) and isinstance(index.get("byteStart"), int) and isinstance(index.get("byteEnd"), int):
            written = encoded[index["byteStart"]:index["byteEnd"]].decode("utf-8", errors="ignore").strip()
            handle = written.lstrip("@") or None
        for feature in facet.get("features") or []:
            if isinstance(feature, dict) and feature.get("$type") == "app.bsky.richtext.facet#mention":
                did = feature.get("did")
                if isinstance(did, str) and did.startswith("did:"):
                    out.append((did, handle))
    return out


def _ref_uri(reply: dict | None, key: str) -> str | None:
    ref = reply.get(key) if isinstance(reply, dict) else None
    uri = ref.get("uri") if isinstance(ref, dict) else None
    return uri if isinstance(uri, str) and uri else None
