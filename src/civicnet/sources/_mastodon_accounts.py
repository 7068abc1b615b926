"""Mastodon accounts and instances: the host a record belongs to, qualified handles, mentioned accounts."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..model import Account
from ._html import html_to_text
from ._io import Broken, SourceFile
from ._json import iter_json
from ._map import opt_id, opt_int, opt_text, parse_time, require_id

NAME = "mastodon"
PLATFORM = "mastodon"
_MAX_DEPTH = 64


def _host_of(url) -> str | None:
    if not isinstance(url, str) or not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.lower() if host else None


def _local_host(value, depth: int = 0) -> str | None:
    """The serving instance, from the first local account (bare ``acct``) in a response."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, dict):
        acct = value.get("acct")
        if isinstance(acct, str) and acct and "@" not in acct.lstrip("@"):
            host = _host_of(value.get("url"))
            if host:
                return host
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return None
    for child in children:
        if isinstance(child, (dict, list)):
            found = _local_host(child, depth + 1)
            if found:
                return found
    return None


def _file_host(source: SourceFile) -> str | None:
    """The first serving instance named anywhere in the file (stops at the first hit)."""
    for _, value in iter_json(source, NAME):
        host = None if isinstance(value, Broken) else _local_host(value)
        if host:
            return host
    return None


def _prefixed(raw_id, host: str) -> str:
    return raw_id if ":" in raw_id and not raw_id.isdigit() else f"{host}:{raw_id}"


def qualify(acct, url, host: str | None) -> str | None:
    """The account's full handle ``user@instance``."""
    if not isinstance(acct, str) or not acct.strip():
        return None
    acct = acct.strip().lstrip("@")
    if "@" in acct:
        return acct
    home = _host_of(url) or host
    return f"{acct}@{home}" if home else acct


def map_account(a: dict, host: str) -> Account:
    """A Mastodon Account entity."""
    url = opt_text(a.get("url"))
    return Account(
        platform=PLATFORM,
        id=_prefixed(require_id(a.get("id"), "account id"), host),
        handle=qualify(a.get("acct") or a.get("username"), url, host),
        name=opt_text(a.get("display_name")) or None,
        description=html_to_text(opt_text(a.get("note"))) or None,
        followers=opt_int(a.get("followers_count"), "followers_count"),
        following=opt_int(a.get("following_count"), "following_count"),
        created_at=parse_time(a.get("created_at"), "account created_at"),
        url=url,
    )


def _mentioned_accounts(s: dict, host: str) -> list[Account]:
    out = []
    for m in s.get("mentions") or []:
        if isinstance(m, dict) and opt_id(m.get("id")) is not None:
            url = opt_text(m.get("url"))
            out.append(Account(PLATFORM, _prefixed(opt_id(m["id"]), host),
                               handle=qualify(m.get("acct") or m.get("username"), url, host), url=url))
    return out


def _handle_in_mentions(account_raw_id: str | None, s: dict, host: str) -> str | None:
    """The handle of an account a status names only by id, from its mentions."""
    for m in s.get("mentions") or []:
        if account_raw_id and isinstance(m, dict) and opt_id(m.get("id")) == account_raw_id:
            return qualify(m.get("acct") or m.get("username"), m.get("url"), host)
    return None


def _author_of(status: dict | None, host: str) -> tuple[str | None, str | None]:
    acc = status.get("account") if isinstance(status, dict) else None
    if not isinstance(acc, dict) or opt_id(acc.get("id")) is None:
        return None, None
    return _prefixed(opt_id(acc["id"]), host), qualify(acc.get("acct") or acc.get("username"), acc.get("url"), host)
