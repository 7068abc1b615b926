"""Mapping shared by the network-file importers (GEXF, GraphML).

Both parsers turn their XML into the same plain records, which this module maps:

* a node ``{"element": "node", "id", "label", "attrs": {title: value}}`` becomes
  an account whose id is the node id (or the attribute named by the option
  ``id_attribute:``); the label becomes the handle when it looks like one
  (``jan_smit``, ``@jan``, ``jan@mastodon.social``, ``jan.bsky.social``), the
  name otherwise; attributes named like followers, following, description,
  name, handle/username/screen_name, created_at fill the matching fields;
* an edge ``{"element": "edge", "source", "target", "label", "kind", "start",
  "attrs"}`` becomes one interaction source → target. Its kind comes from the
  first of: an attribute titled kind, type, relationship, relation, interaction or
  edge type; the edge's own ``kind`` then ``label``; else the option ``kind:``
  (default ``mention``). Common values are understood (Mentions, Replies to,
  Retweet, MentionsInRetweet, reply, retweet, reblog, boost, quote, comment,
  like, favourite, follows, followed, friend…); a value that is not understood is
  a rejected record unless the option ``kind_map: {VALUE: KIND}`` names it. An
  edge of kind "tweet"/"post" (NodeXL's self-loop for a plain tweet) carries no tie
  and maps to nothing.

What is not kept: edge weights (an interaction has no weight: one interaction
per edge, however heavy), layout and colours, and the direction of undirected
edges (stored as written, source → target, which is arbitrary there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import OptionError, RecordError
from ..model import Account, Interaction, InteractionKind, Mapped, Platform
from ._map import opt_id, opt_int, opt_text, parse_time, require_id

#: Normalised edge kind values -> interaction kind; None: a plain post, no tie.
KIND_VALUES: dict[str, str | None] = {
    "mention": "mention", "mentions": "mention", "mentioned": "mention", "mentionsinretweet": "mention",
    "mentionsinquote": "mention", "mentionsinreply": "mention", "mentionsinquotereply": "mention",
    "reply": "reply", "replies": "reply", "repliesto": "reply", "replyto": "reply", "repliedto": "reply",
    "inreplyto": "reply", "replied": "reply",
    "comment": "comment", "comments": "comment", "commented": "comment", "commenton": "comment",
    "repost": "repost", "reposts": "repost", "retweet": "repost", "retweets": "repost", "retweeted": "repost",
    "rt": "repost", "reblog": "repost", "reblogged": "repost", "boost": "repost", "boosted": "repost",
    "share": "repost", "shared": "repost", "reshare": "repost",
    "quote": "quote", "quotes": "quote", "quoted": "quote", "quotetweet": "quote", "quotereply": "quote",
    "like": "like", "likes": "like", "liked": "like", "favorite": "like", "favourite": "like",
    "favorited": "like", "favourited": "like",
    "follow": "follow", "follows": "follow", "followed": "follow", "following": "follow", "friend": "follow",
    "friends": "follow",
    "tweet": None, "post": None, "status": None, "selfloop": None,
}
KIND_ATTRIBUTES = ("kind", "type", "relationship", "relation", "interaction", "edgetype", "edgekind", "tietype")
_HANDLE = re.compile(r"^@?(?=[A-Za-z0-9_]*[A-Za-z_])[A-Za-z0-9_]{1,30}(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?$|^@?[a-z0-9-]+(\.[a-z0-9-]+)+$")
_ATTR = {
    "handle": ("handle", "username", "screenname", "screen_name", "acct", "user"),
    "name": ("name", "displayname", "fullname", "realname"),
    "description": ("description", "bio", "userdescription"),
    "followers": ("followers", "followerscount", "followercount", "userfollowers", "nfollowers"),
    "following": ("following", "followingcount", "friendscount", "followed", "friends", "userfollowing"),
    "created_at": ("createdat", "joined", "joinedtwitterdateutc", "usercreatedat", "accountcreated"),
    "edge_time": ("createdat", "date", "datetime", "timestamp", "time", "relationshipdateutc", "tweetdateutc"),
    "message": ("message", "messageid", "tweetid", "importedid", "postid", "statusid"),
    "target_message": ("targetmessage", "inreplytotweetid", "inreplytoid", "parentid"),
}


def norm(name: Any) -> str:
    """``Relationship Date (UTC)`` -> ``relationshipdateutc``."""
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


@dataclass
class GraphContext:
    """What mapping a node or edge needs from the file and the case file's options."""

    platform: str = Platform.OTHER
    default_kind: str = InteractionKind.MENTION
    kind_map: dict[str, str | None] = field(default_factory=dict)
    id_attribute: str | None = None
    dated_start: bool = False  # the graph's timeformat makes an edge's `start` a date
    node_ids: dict[str, str] = field(default_factory=dict)  # file node id -> account id (id_attribute)


def context_from_options(options: dict | None, where: str) -> GraphContext:
    """Check the options a network-file source entry may carry."""
    options = options or {}
    platform = options.get("platform", Platform.OTHER)
    if platform not in {p.value for p in Platform}:
        raise OptionError(where, f"unknown platform {platform!r}; choose from {', '.join(p.value for p in Platform)}")
    kind = options.get("kind", InteractionKind.MENTION)
    if kind not in {k.value for k in InteractionKind}:
        raise OptionError(where, f"unknown `kind` {kind!r}; choose from {', '.join(k.value for k in InteractionKind)}")
    kind_map = options.get("kind_map") or {}
    if not isinstance(kind_map, dict):
        raise OptionError(where, "`kind_map` must be a mapping {VALUE IN THE FILE: KIND}")
    mapped: dict[str, str | None] = {}
    for value, ours in kind_map.items():
        if ours is not None and ours not in {k.value for k in InteractionKind}:
            raise OptionError(where, f"`kind_map`: {ours!r} is not a kind; choose from "
                             f"{', '.join(k.value for k in InteractionKind)} (or null for no tie)")
        mapped[norm(value)] = ours
    id_attribute = options.get("id_attribute")
    return GraphContext(platform=platform, default_kind=kind, kind_map=mapped,
                        id_attribute=str(id_attribute) if id_attribute is not None else None)


def _attr(attrs: dict[str, Any], field_name: str) -> Any:
    wanted = _ATTR[field_name]
    for title, value in attrs.items():
        if norm(title) in wanted and value not in (None, ""):
            return value
    return None


def looks_like_handle(text: str | None) -> bool:
    return bool(text) and bool(_HANDLE.match(text.strip()))


def node_account_id(record: dict, context: GraphContext) -> str:
    """The account id of a node: its id, or the attribute the case file names."""
    if context.id_attribute:
        value = next((v for k, v in record.get("attrs", {}).items() if k == context.id_attribute), None)
        return require_id(value, f"node attribute {context.id_attribute!r}")
    return require_id(record.get("id"), "node id")


def remember_node_id(record: dict, context: GraphContext) -> None:
    """With ``id_attribute``: note which account id a file's node id stands for (edges use node ids)."""
    if context.id_attribute and record.get("id") is not None:
        try:
            context.node_ids[str(record["id"])] = node_account_id(record, context)
        except RecordError:
            pass  # the node itself is rejected when mapped


def map_node(record: dict, context: GraphContext) -> Mapped:
    attrs = record.get("attrs") or {}
    account_id = node_account_id(record, context)
    if context.id_attribute:
        attrs = {k: v for k, v in attrs.items() if k != context.id_attribute}
    label = opt_text(record.get("label"))
    handle = opt_text(_attr(attrs, "handle"))
    name = opt_text(_attr(attrs, "name"))
    if label and label.strip():
        label = label.strip()
        if handle is None and looks_like_handle(label):
            handle = label
        elif name is None:
            name = label
    account = Account(
        platform=context.platform,
        id=account_id,
        handle=handle.lstrip("@") if handle else None,
        name=name,
        description=opt_text(_attr(attrs, "description")),
        followers=opt_int(_attr(attrs, "followers"), "followers"),
        following=opt_int(_attr(attrs, "following"), "following"),
        created_at=parse_time(_attr(attrs, "created_at"), "account created_at"),
    )
    return Mapped(accounts=[account])


def edge_kind(record: dict, context: GraphContext) -> str | None:
    """The interaction kind of an edge (None: a plain post, no tie)."""
    attrs = record.get("attrs") or {}
    candidates = [(v, True) for k, v in attrs.items() if norm(k) in KIND_ATTRIBUTES]
    candidates += [(record.get("kind"), True), (record.get("label"), False)]
    for raw, strict in candidates:
        if raw is None or not str(raw).strip():
            continue
        value = norm(raw)
        if value in context.kind_map:
            return context.kind_map[value]
        if value in KIND_VALUES:
            return KIND_VALUES[value]
        if strict:  # a free-text label that names no kind is just a label
            shown = str(raw)[:40]
            raise RecordError(f"unknown edge kind {shown!r}; name it in the source entry: kind_map: {{{shown}: mention}}")
    return context.default_kind


def map_edge(record: dict, context: GraphContext) -> Mapped:
    source = require_id(record.get("source"), "edge source")
    target = require_id(record.get("target"), "edge target")
    source = context.node_ids.get(source, source)
    target = context.node_ids.get(target, target)
    kind = edge_kind(record, context)
    if kind is None:
        return Mapped()
    attrs = record.get("attrs") or {}
    when = _attr(attrs, "edge_time")
    if when is None and context.dated_start:
        when = record.get("start")
    return Mapped(interactions=[Interaction(
        platform=context.platform,
        kind=kind,
        source_account=source,
        target_account=target,
        target_message=opt_id(_attr(attrs, "target_message")) if kind in ("reply", "comment", "quote", "repost") else None,
        created_at=parse_time(when, "edge date"),
        message=opt_id(_attr(attrs, "message")) if kind != "follow" else None,
    )])


def map_graph_record(record: Any, context: GraphContext) -> Mapped:
    """A node or edge record of a network file to platform-neutral records."""
    if not isinstance(record, dict):
        raise RecordError(f"expected a node or edge, found {type(record).__name__}")
    if record.get("element") == "node":
        return map_node(record, context)
    if record.get("element") == "edge":
        return map_edge(record, context)
    raise RecordError(f"not a node or edge: {record.get('element')!r}")
