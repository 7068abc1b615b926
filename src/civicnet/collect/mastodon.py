"""Mastodon collector: account statuses, hashtag timelines, threads, followers/following.

Any instance (``instance:``), through its REST API (``/api/v1``). Public data needs
no token on most instances; a token (``CIVICNET_MASTODON_TOKEN_<HOST>`` or
``CIVICNET_MASTODON_TOKEN``, read scope) is sent as ``Authorization: Bearer`` to that
instance only.

Requests
    ``account``           ``GET /accounts/lookup?acct=`` once, then
                          ``/accounts/:id/statuses?limit=40``
    ``hashtag``           ``/timelines/tag/:tag?limit=40``
    ``thread``            ``/statuses/:id`` and ``/statuses/:id/context`` (two lines)
    ``followers|following`` ``/accounts/:id/followers|following?limit=80``

Paging follows the ``Link`` header: ``rel="next"`` (older, ``max_id``) for the
backfill, ``rel="prev"`` (newer, ``min_id``) for new statuses; links to another host
are not followed. The API has no date filter: the backfill stops at the first page
reaching before the period's start, and pages entirely after its end are read but
not written. Rate limits: ``X-RateLimit-Remaining``/``X-RateLimit-Reset`` (an ISO
time; 300 requests per 5 minutes by default).

Written as the importer ``mastodon`` reads it: the raw arrays, with source options
``instance:`` (ids are local to the instance) and, for follower lists,
``relation:``/``account:``.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Iterator
from urllib.parse import parse_qs, quote, urlsplit

from ..errors import CollectError, CredentialsError, InputError, MalformedResponse, PermissionDenied
from .base import Job, Page, detail, iso, parse_time, period_flags
from .credentials import MASTODON_TOKEN, Credentials, mastodon_variable
from .http import Auth, Client, Failure, int_header

FORMAT = "mastodon"
PACE = 1.0
STREAM_KINDS = ("account", "hashtag")
_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?([a-z]+)"?')


def client(spec, credentials: Credentials, **kw) -> Client:
    found = credentials.mastodon(spec.instance)
    auth = Auth("Authorization", f"Bearer {found[0]}", spec.instance, found[1]) if found else None
    pace = PACE if spec.pace is None else spec.pace
    return Client("mastodon", explain=partial(explain, spec, auth), limits=limits, auth=auth, pace=pace,
                  base=f"https://{spec.instance}/api/v1", **kw)


def limits(headers, now: float) -> tuple[int | None, float | None]:
    reset = parse_time(headers.get("x-ratelimit-reset"))
    return int_header(headers, "x-ratelimit-remaining"), reset.timestamp() if reset else None


def explain(spec, auth: Auth | None, failure: Failure) -> Exception:
    host, said = spec.instance, detail(failure.body)
    if failure.status == 401:
        if auth:
            return CredentialsError(f"{host} refused the token from {auth.source} (401: {said}): it is invalid, "
                                    "expired or revoked; create a new one (Preferences → Development) with the read scope")
        return CredentialsError(f"{host} needs a login for {failure.url} (401: {said}): set {mastodon_variable(host)} "
                                f"(or {MASTODON_TOKEN}) to an access token of that instance with the read scope")
    if failure.status == 403:
        return PermissionDenied(f"{host} refused {failure.url} (403: {said}): the token lacks the read scope, "
                                "or the account hides this list; use a token with read access or another entry")
    if failure.status in (404, 410):
        return InputError(f"{spec.where}: {host} has no such {spec.field} {spec.target!r} ({failure.status}: {said}); "
                          f"check `{spec.where}.{spec.field}` and `{spec.where}.instance`")
    if 400 <= failure.status < 500:
        return InputError(f"{spec.where}: {host} rejected {failure.url} ({failure.status}: {said}); check the entry")
    return CollectError(f"mastodon: {failure.url}: HTTP {failure.status} ({said})", platform="mastodon", status=failure.status)


# -- preparing ------------------------------------------------------------------------------


def prepare(job: Job) -> None:
    spec, state = job.spec, job.state
    options = {"instance": spec.instance}
    if spec.kind == "thread":
        state.resolved.setdefault("status_id", status_id(spec))
    elif spec.kind != "hashtag":
        if "account_id" not in state.resolved:
            state.resolved["account_id"] = _account_id(job)
        if spec.kind in ("followers", "following"):
            options.update(relation=spec.kind, account=state.resolved["account_id"])
    state.source = {"format": FORMAT, "options": options}


def status_id(spec) -> str:
    """The status id from ``post:``: an id, or a status url on the same instance."""
    target = spec.target
    if target.isdigit():
        return target
    parts = urlsplit(target)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if parts.hostname == spec.instance and last.isdigit():
        return last
    raise InputError(f"`{spec.where}.post` must be a status id or a status url on {spec.instance} "
                     f"(ids are local to an instance), not {target!r}")


def _account_id(job: Job) -> str:
    target = job.spec.target
    if target.isdigit():
        return target
    acct = target[: -len(job.spec.instance) - 1] if target.endswith("@" + job.spec.instance) else target
    r = job.client.get(f"{job.client.base}/accounts/lookup", {"acct": acct})
    if not isinstance(r.data, dict) or r.data.get("id") is None:
        raise MalformedResponse(f"mastodon: {r.url}: expected an Account with an id", platform="mastodon")
    return str(r.data["id"])


# -- paging ---------------------------------------------------------------------------------


def _first(job: Job) -> tuple[str, dict]:
    spec, base = job.spec, job.client.base
    if spec.kind == "hashtag":
        return f"{base}/timelines/tag/{quote(spec.target, safe='')}", {"limit": job.size(40, 40)}
    account = job.state.resolved["account_id"]
    if spec.kind == "account":
        return f"{base}/accounts/{account}/statuses", {"limit": job.size(40, 40)}
    return f"{base}/accounts/{account}/{spec.kind}", {"limit": job.size(80, 80)}


def links(headers, host: str) -> dict[str, str]:
    """``rel -> url`` from a Link header, only for urls on ``host``."""
    out = {}
    for url, rel in _LINK.findall(headers.get("link", "")):
        if urlsplit(url).hostname == host:
            out[rel] = url
    return out


def _items(r, spec) -> list:
    if not isinstance(r.data, list) or any(not isinstance(x, dict) or "id" not in x for x in r.data):
        what = "accounts" if spec.kind in ("followers", "following") else "statuses"
        raise MalformedResponse(f"mastodon: {r.url}: expected an array of {what}; nothing of it was written",
                                platform="mastodon")
    return r.data


def backfill(job: Job) -> Iterator[Page]:
    if job.spec.kind == "thread":
        yield from _thread(job)
        return
    url, params = (job.state.cursor, None) if job.state.cursor else _first(job)
    stream = job.spec.kind in STREAM_KINDS
    first = job.state.newest is None
    while url:
        r = job.client.get(url, params)
        items = _items(r, job.spec)
        rel = links(r.headers, job.spec.instance)
        page = Page(r.data, r.url, len(items), cursor=rel.get("next") if items else None, write=bool(items))
        reached = False
        if stream and items:
            write, reached = period_flags([t for t in map(_time, items) if t], job)
            page.write = write
            if first:
                page.newest = _min_id(rel.get("prev")) or str(items[0]["id"])
                first = False
            if reached:
                page.cursor = None
        yield page
        if page.cursor is None:
            return
        url, params = page.cursor, None


def sweep(job: Job) -> Iterator[Page]:
    if job.spec.kind == "thread":
        yield from _thread(job)
        return
    if job.spec.kind not in STREAM_KINDS or job.state.newest is None:
        return
    url, params = _first(job)
    params["min_id"] = job.state.newest
    limit = params["limit"]
    while url:
        r = job.client.get(url, params)
        items = _items(r, job.spec)
        if not items:
            return
        rel = links(r.headers, job.spec.instance)
        newest = _min_id(rel.get("prev")) or str(items[0]["id"])
        yield Page(r.data, r.url, len(items), newest=newest)
        if len(items) < limit or "prev" not in rel:
            return
        url, params = rel["prev"], None


def _thread(job: Job) -> Iterator[Page]:
    sid = job.state.resolved["status_id"]
    base = job.client.base
    status = job.client.get(f"{base}/statuses/{sid}")
    if not isinstance(status.data, dict) or "content" not in status.data:
        raise MalformedResponse(f"mastodon: {status.url}: expected a Status", platform="mastodon")
    context = job.client.get(f"{base}/statuses/{sid}/context")
    data = context.data
    if not isinstance(data, dict) or not all(isinstance(data.get(k), list) for k in ("ancestors", "descendants")):
        raise MalformedResponse(f"mastodon: {context.url}: expected a Context {{ancestors, descendants}}", platform="mastodon")
    yield Page(status.data, status.url, 1)
    # the watermark of a thread is when it was last read: a rerun or a poll reads it again
    yield Page(data, context.url, len(data["ancestors"]) + len(data["descendants"]), cursor=None, newest=iso(job.now))


def _time(item: dict):
    return parse_time(item.get("created_at"))


def _min_id(url: str | None) -> str | None:
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("min_id") or parse_qs(urlsplit(url).query).get("since_id")
    return values[0] if values else None
