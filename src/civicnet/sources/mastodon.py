"""Mastodon REST API JSON: statuses, threads (context), search results, account lists.

What it reads
    * arrays of Status, as returned by ``GET /api/v1/accounts/:id/statuses``,
      ``/api/v1/timelines/tag/:hashtag``, ``/api/v1/timelines/public``;
    * a status context ``{"ancestors": […], "descendants": […]}``
      (``GET /api/v1/statuses/:id/context``): every status in it is collected;
    * search results ``{"statuses": […], "accounts": […], "hashtags": […]}``
      (``GET /api/v2/search``; hashtags are ignored);
    * a single Status object;
    * arrays of Account (``/accounts/:id/followers``, ``/following``,
      ``/statuses/:id/reblogged_by``, ``/favourited_by``);
    * JSON Lines holding any of these, one response per line, as collectors save pages.

A user gets these with any API client (Mastodon.py ``account_statuses``,
``status_context``, ``account_followers``…; rtoot; ``curl``), saving each response.

Identifiers
    Mastodon ids are local to the *instance that served the response*: the same
    account or toot has another id on every instance that knows it, and two instances
    may hand out the same number. civicnet therefore prefixes account and status ids
    with that instance's host: ``social.overheid.nl:109348573492305``. The host comes
    from the source option ``instance: HOST``; without it, from the profile url of a
    local account in the response (a local account's ``acct`` has no ``@domain``, so
    its url is on the serving instance), or else of the first such account in the
    file. A file in which no account is local needs ``instance:``. (The host of each
    account's own url would be wrong for remote accounts: their id in the response
    is the serving instance's number for them, not their home instance's.)
    Handles are the full ``acct`` (``user@instance``); a local account's bare
    ``acct`` is qualified with the host of its profile url, so handles are unique
    across instances (an instance whose handle domain differs from its web domain
    shows its web domain here). Case files name government accounts by that handle.

Mapping
    * ``content`` and account ``note`` are HTML: converted to text by a parser that
      never executes or fetches anything (paragraphs and ``<br>`` become newlines,
      links their text, entities are unescaped). A content warning
      (``spoiler_text``) is put before the text, followed by a blank line.
    * a reblog is a ``repost`` (parent = the reblogged status, which is stored as
      context, not counted) with a ``repost`` tie to its author; the reblog itself has
      no text of its own (NULL);
    * a status with a ``quote`` (Mastodon ≥ 4.4, a Quote or ShallowQuote) is a
      ``quote``; the quoted status is stored as context;
    * ``in_reply_to_id`` makes a ``reply`` with a ``reply`` tie to
      ``in_reply_to_account_id``; its ``root`` is the thread's first status when the
      response holds the chain (a context response always does), else NULL; a status
      with ``in_reply_to_account_id`` but no ``in_reply_to_id`` (its parent not named)
      is a ``reply`` without parent, tied to that account;
    * ``mentions`` become ``mention`` ties (by id and handle);
    * ``favourites_count``/``reblogs_count``/``replies_count``/``quotes_count`` are
      the like/share/reply/quote counts; ``media_attachments`` sets ``has_media``;
    * ``visibility`` is not kept: every status in the file is imported, so leave
      direct (private) messages out of a collection meant for publication.

Options (extra keys of the case file's source entry)
    ``instance: HOST``
        the instance that served the file (see Identifiers).
    ``relation: followers|following`` with ``account: ID``
        an Account array lists that account's followers (each → ``follow`` tie to
        the account) or the accounts it follows (the account → each).
    ``relation: reblogged_by|favourited_by`` with ``status: ID`` (and optionally
    ``account: ID``, the status's author)
        each listed account gets a ``repost`` or ``like`` tie to the status
        (``target_message``); the target account is the author when ``account`` is
        given, else NULL (the store knows the author when the status itself is
        imported too). These ties carry no message: the API names no reblog id.
    IDs in options are the instance's plain ids (or already prefixed ``host:id``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator

from ..errors import RecordError
from ..model import Interaction, Mapped, Message
from ._detect import Sample
from ._html import html_to_text
from ._io import Broken, SourceFile
from ._json import iter_json
from ._map import opt_id, opt_int, opt_text, parse_time, require_id
from ._mastodon_accounts import (  # noqa: F401  (moved; still importable here)
    _MAX_DEPTH,
    NAME,
    PLATFORM,
    _author_of,
    _file_host,
    _handle_in_mentions,
    _host_of,
    _local_host,
    _mentioned_accounts,
    _prefixed,
    map_account,
    qualify,
)

TITLE = "Mastodon REST API (statuses, status context, search, followers/following/reblogged_by lists)"
HOW_TO_EXPORT = (
    "save API responses, e.g. Mastodon.py account_statuses()/status_context()/account_followers() "
    "or curl https://social.overheid.nl/api/v1/accounts/ID/statuses?limit=40 > page1.json; one response per line"
)
EXAMPLE = "- {format: mastodon, path: data/statuses.jsonl, instance: social.overheid.nl}"

RELATIONS = ("followers", "following", "reblogged_by", "favourited_by")


@dataclass
class Context:
    """What a status or account needs from the response it came in."""

    host: str | None = None
    kind: str = "status"  # status | account
    #: raw status id -> raw status, for every status of the response (thread roots, parents' authors)
    statuses: dict = field(default_factory=dict)
    #: "page"; "context" for a status context without ancestors (the focal status,
    #: absent from the response, is the root); "thread" for one with ancestors
    shape: str = "page"
    #: for a "thread": the raw id of the thread's root (None: the chain is broken)
    thread_root: str | None = None
    relation: str | None = None
    relation_account: str | None = None
    relation_status: str | None = None


def _is_status(obj) -> bool:
    return (
        isinstance(obj, dict) and "id" in obj and "content" in obj
        and any(k in obj for k in ("account", "visibility", "spoiler_text", "reblog"))
    )


def _is_account(obj) -> bool:
    return isinstance(obj, dict) and "id" in obj and "acct" in obj and "username" in obj


def detect(sample: Sample) -> int:
    obj = sample.first_json
    if isinstance(obj, dict):
        if isinstance(obj.get("ancestors"), list) and isinstance(obj.get("descendants"), list):
            return 95
        if isinstance(obj.get("statuses"), list) and "accounts" in obj and "hashtags" in obj:
            return 90
        if _is_status(obj):
            return 95
        if _is_account(obj):
            return 85
    if isinstance(obj, list) and obj:
        if _is_status(obj[0]):
            return 95
        if _is_account(obj[0]):
            return 90
    text = sample.text or ""
    if '"acct"' in text and ('"visibility"' in text or '"display_name"' in text):
        return 50
    return 0


# -- reading -------------------------------------------------------------------------------


def _options(source: SourceFile, options: dict) -> dict:
    relation = options.get("relation")
    if relation is not None and relation not in RELATIONS:
        raise source.error(f"option `relation` must be one of {', '.join(RELATIONS)}, not {relation!r}", fmt=NAME)
    if relation in ("followers", "following") and opt_id(options.get("account")) is None:
        raise source.error(f"`relation: {relation}` needs `account: ID` (whose {relation} these are)", fmt=NAME)
    if relation in ("reblogged_by", "favourited_by") and opt_id(options.get("status")) is None:
        raise source.error(f"`relation: {relation}` needs `status: ID` (the status they {relation.split('_')[0]})", fmt=NAME)
    instance = options.get("instance")
    if instance is not None and not _host_of(str(instance)):
        raise source.error(f"option `instance` must be a host name like social.overheid.nl, not {instance!r}", fmt=NAME)
    return {
        "instance": _host_of(str(instance)) if instance is not None else None,
        "relation": relation,
        "account": opt_id(options.get("account")),
        "status": opt_id(options.get("status")),
    }


def iter_raw(source: SourceFile, options: dict | None = None) -> Iterator:
    from . import Raw

    opts = _options(source, options or {})
    file_host = opts["instance"] or _file_host(source)
    for location, value in iter_json(source, NAME):
        if isinstance(value, Broken):
            yield Raw(location, value)
            continue
        items = list(_items(value, source, location))
        if not items:
            continue
        host = opts["instance"] or _local_host(value) or file_host
        if host is None:
            raise source.error(
                "cannot tell which instance served this file (no local account in it); "
                "add `instance: HOST` to its source entry",
                location=location, fmt=NAME,
            )
        page = _page_context(value, items, host, opts)
        as_account = replace(page, kind="account")
        for where, item in items:
            yield Raw(where, item, as_account if _is_account(item) and not _is_status(item) else page)


def _items(value, source: SourceFile, location: str) -> Iterator[tuple[str, object]]:
    """(location, item) for every status or account a response holds."""
    if isinstance(value, list):
        parts = [(None, value)]
    elif isinstance(value, dict) and ("ancestors" in value or "descendants" in value):
        parts = [(key, value.get(key)) for key in ("ancestors", "descendants")]
    elif isinstance(value, dict) and ("statuses" in value or "accounts" in value) and "id" not in value:
        parts = [(key, value.get(key)) for key in ("statuses", "accounts")]
    elif _is_status(value) or _is_account(value):
        parts = [(None, [value])]
    else:
        raise source.error(
            "expected Mastodon API JSON: statuses, a status context, search results or accounts",
            location=location, fmt=NAME,
        )
    for key, part in parts:
        part = [] if part is None else part
        if not isinstance(part, list):
            raise source.error(f"`{key}` must be an array of statuses or accounts", location=location, fmt=NAME)
        if part and not any(_is_status(x) or _is_account(x) for x in part):
            what = f"`{key}`" if key else "an array"
            raise source.error(f"expected {what} of Mastodon statuses or accounts", location=location, fmt=NAME)
        for n, item in enumerate(part):
            where = f"{location}, {key}[{n}]" if key else (f"{location}, item {n + 1}" if value is part else location)
            yield where, item


def _page_context(value, items, host: str, opts: dict) -> Context:
    statuses = {}
    for _, item in items:
        if _is_status(item) and opt_id(item.get("id")) is not None:
            statuses[opt_id(item["id"])] = item
    ctx = Context(
        host=host, statuses=statuses, relation=opts["relation"], relation_account=opts["account"], relation_status=opts["status"],
    )
    if isinstance(value, dict) and "descendants" in value:
        ctx.shape = "context"
        ancestors = value.get("ancestors") or []
        if ancestors:
            ctx.shape = "thread"
            first = ancestors[0] if isinstance(ancestors[0], dict) else {}
            ctx.thread_root = opt_id(first.get("id")) if not opt_id(first.get("in_reply_to_id")) else None
    return ctx


# -- mapping -------------------------------------------------------------------------------


def map_record(record, context: Context | None = None) -> Mapped:
    """One status or account of a Mastodon response to platform-neutral records."""
    context = context or Context()
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, found {type(record).__name__}")
    if context.host is None:
        raise RecordError("the serving instance is unknown (set `instance:` in the source entry)")
    if context.kind == "account" or (_is_account(record) and not _is_status(record)):
        return _map_account_record(record, context)
    return _map_status(record, context, True)


def _map_account_record(record: dict, ctx: Context) -> Mapped:
    account = map_account(record, ctx.host)
    out = Mapped(accounts=[account])
    rel = ctx.relation
    if rel in ("followers", "following") and ctx.relation_account:
        other = _prefixed(ctx.relation_account, ctx.host)
        src, dst = (account.id, other) if rel == "followers" else (other, account.id)
        if src != dst:
            out.interactions.append(Interaction(PLATFORM, "follow", src, dst))
    elif rel in ("reblogged_by", "favourited_by") and ctx.relation_status:
        kind = "repost" if rel == "reblogged_by" else "like"
        author = _prefixed(ctx.relation_account, ctx.host) if ctx.relation_account else None
        status = _prefixed(ctx.relation_status, ctx.host)
        out.interactions.append(Interaction(PLATFORM, kind, account.id, author, None, status))
    return out


def _text(s: dict) -> str | None:
    content = html_to_text(opt_text(s.get("content")))
    spoiler = opt_text(s.get("spoiler_text"))
    if spoiler and spoiler.strip():
        return f"{spoiler.strip()}\n\n{content}" if content else spoiler.strip()
    return content


def _quoted(s: dict) -> tuple[dict | None, str | None]:
    """(quoted status, its raw id) of a status's ``quote``, where present."""
    quote = s.get("quote")
    if not isinstance(quote, dict):
        return None, None
    inner = quote.get("quoted_status")
    if isinstance(inner, dict):
        return inner, opt_id(inner.get("id"))
    return None, opt_id(quote.get("quoted_status_id"))


def _map_status(s: dict, ctx: Context, collected: bool) -> Mapped:
    host = ctx.host
    raw_id = require_id(s.get("id"), "status id")
    sid = _prefixed(raw_id, host)
    created = parse_time(s.get("created_at"), "created_at")
    out = Mapped()
    author = None
    if isinstance(s.get("account"), dict):
        acc = map_account(s["account"], host)
        out.accounts.append(acc)
        author = acc.id
    reblog = s.get("reblog") if isinstance(s.get("reblog"), dict) else None
    quoted, quoted_id = _quoted(s)
    reply_to = opt_id(s.get("in_reply_to_id"))
    reply_to_account = opt_id(s.get("in_reply_to_account_id"))
    kind, parent, root = "post", None, sid
    if reblog is not None:
        inner = _map_status(reblog, ctx, False)
        out.extend(inner)
        kind, parent = "repost", inner.messages[0].id
    elif reply_to:
        kind, parent = "reply", _prefixed(reply_to, host)
        root_raw = _root(raw_id, reply_to, ctx)
        root = _prefixed(root_raw, host) if root_raw else None
    elif reply_to_account:  # a reply whose parent is not named (deleted, not visible): no parent, no root
        kind, root = "reply", None
    elif "quote" in s and isinstance(s.get("quote"), dict):
        kind, parent = "quote", _prefixed(quoted_id, host) if quoted_id else None
    if quoted is not None and reblog is None:
        out.extend(_map_status(quoted, ctx, False))
    media = s.get("media_attachments")
    out.messages.append(
        Message(
            platform=PLATFORM, id=sid, account=author, created_at=created,
            text=None if reblog is not None else _text(s),
            language=opt_text(s.get("language")), kind=kind, parent=parent, root=root,
            like_count=opt_int(s.get("favourites_count"), "favourites_count"),
            share_count=opt_int(s.get("reblogs_count"), "reblogs_count"),
            reply_count=opt_int(s.get("replies_count"), "replies_count"),
            quote_count=opt_int(s.get("quotes_count"), "quotes_count"),
            has_media=bool(media) if isinstance(media, list) else None,
            url=opt_text(s.get("url")) or opt_text(s.get("uri")),
            collected=collected,
        )
    )
    out.accounts.extend(_mentioned_accounts(s, host))
    if collected:
        out.interactions.extend(_interactions(s, sid, author, created, reblog, quoted, quoted_id, ctx))
    return out


def _root(raw_id: str, parent: str | None, ctx: Context) -> str | None:
    """The raw id of the thread's first status, when the response holds the chain."""
    if ctx.shape == "thread":
        return ctx.thread_root
    seen = {raw_id}
    current = raw_id
    while parent:
        if parent in seen:
            return None
        seen.add(parent)
        if parent not in ctx.statuses:
            # In a context without ancestors the focal status (absent from the
            # response) is the root; elsewhere the chain is incomplete.
            return parent if ctx.shape == "context" else None
        current, parent = parent, opt_id(ctx.statuses[parent].get("in_reply_to_id"))
    return current


def _interactions(s, sid, author, created, reblog, quoted, quoted_id, ctx: Context) -> list[Interaction]:
    host = ctx.host
    out = []

    def tie(kind, target=None, handle=None, target_message=None):
        out.append(Interaction(PLATFORM, kind, author, target, handle, target_message, created, sid))

    for m in s.get("mentions") or []:
        if not isinstance(m, dict):
            continue
        target = opt_id(m.get("id"))
        handle = qualify(m.get("acct") or m.get("username"), m.get("url"), host)
        if target or handle:
            tie("mention", _prefixed(target, host) if target else None, handle)
    if reblog is not None:
        target, handle = _author_of(reblog, host)
        tie("repost", target, handle, _prefixed(require_id(reblog.get("id"), "reblogged status id"), host))
        return out
    reply_to = opt_id(s.get("in_reply_to_id"))
    target_raw = opt_id(s.get("in_reply_to_account_id"))
    if reply_to or target_raw:  # without a parent too: a tie to the account replied to (CONTRACT)
        handle = _handle_in_mentions(target_raw, s, host)
        if handle is None and reply_to in ctx.statuses:
            _, handle = _author_of(ctx.statuses[reply_to], host)
        tie("reply", _prefixed(target_raw, host) if target_raw else None, handle,
            _prefixed(reply_to, host) if reply_to else None)
    if quoted_id or quoted is not None:
        target, handle = _author_of(quoted, host)
        tie("quote", target, handle, _prefixed(quoted_id, host) if quoted_id else None)
    return out
