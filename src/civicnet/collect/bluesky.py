"""Bluesky collector: author feeds, threads, follows/followers, post search.

Reads the AppView's XRPC methods. Without credentials it asks the public AppView
(``https://public.api.bsky.app``), which needs no account for feeds, threads and
follow lists. With ``CIVICNET_BLUESKY_HANDLE`` and ``CIVICNET_BLUESKY_APP_PASSWORD``
(an app password, never the account password) it logs in once
(``com.atproto.server.createSession`` on ``CIVICNET_BLUESKY_PDS``, default
https://bsky.social) and asks through that PDS with the session token, renewing it
when it expires. Search needs the login: the public AppView refuses unauthenticated
``searchPosts`` (HTTP 403, since January 2025).

Requests (``limit`` 100, the maximum)
    ``account``             ``app.bsky.feed.getAuthorFeed?actor=`` (posts, replies, reposts)
    ``thread``              ``app.bsky.feed.getPostThread?uri=&depth=1000&parentHeight=1000``
    ``following|followers`` ``app.bsky.graph.getFollows|getFollowers?actor=``
    ``search|hashtag``      ``app.bsky.feed.searchPosts?q=&sort=latest&since=&until=``

Paging by ``cursor``. The author feed has no date filter: the backfill stops at the
first page reaching before the period's start. New posts are found by reading from
the top until a post at or below the watermark (the newest ``indexedAt`` seen).
Rate limits: ``RateLimit-Remaining``/``RateLimit-Reset`` (Unix seconds).

Written as the importer ``bluesky`` reads it: the raw responses, no options needed.
"""

from __future__ import annotations

from functools import partial
from typing import Iterator
from urllib.parse import urlsplit

from ..errors import CollectError, CredentialsError, InputError, MalformedResponse, PermissionDenied
from .base import Job, Page, detail, iso, parse_time, period_flags
from .credentials import BLUESKY_HANDLE, BLUESKY_PASSWORD, BLUESKY_PDS, Credentials
from .http import Auth, Client, Failure, epoch_header, int_header

FORMAT = "bluesky"
PACE = 0.5
PUBLIC = "https://public.api.bsky.app"
DEFAULT_PDS = "https://bsky.social"
LOGIN_HINT = (f"set {BLUESKY_HANDLE} and {BLUESKY_PASSWORD} (an app password: Settings → Privacy and security → "
              "App passwords)")
_METHODS = {
    "account": ("app.bsky.feed.getAuthorFeed", "feed"),
    "following": ("app.bsky.graph.getFollows", "follows"),
    "followers": ("app.bsky.graph.getFollowers", "followers"),
    "search": ("app.bsky.feed.searchPosts", "posts"),
    "hashtag": ("app.bsky.feed.searchPosts", "posts"),
}


class _Expired(CredentialsError):
    """The session token expired: log in again."""


def client(spec, credentials: Credentials, **kw) -> Client:
    handle, password = credentials.get(BLUESKY_HANDLE), credentials.get(BLUESKY_PASSWORD)
    if spec.kind in ("search", "hashtag") and not (handle and password):
        raise CredentialsError(f"{spec.where}: Bluesky search needs a login: {LOGIN_HINT}; "
                               "the public API refuses unauthenticated searchPosts")
    pace = PACE if spec.pace is None else spec.pace
    c = Client("bluesky", explain=partial(explain, spec), limits=limits, pace=pace, base=f"{PUBLIC}/xrpc", **kw)
    if handle and password:
        pds = (credentials.get(BLUESKY_PDS) or (DEFAULT_PDS, ""))[0].rstrip("/")
        c.secrets.add(password[0])
        c.login = partial(_login, c, pds, handle[0], password[0], password[1])
        c.login()
    return c


def _login(c: Client, pds: str, handle: str, password: str, where: str) -> None:
    r = c.post(f"{pds}/xrpc/com.atproto.server.createSession", {"identifier": handle, "password": password}, auth=False)
    token = r.data.get("accessJwt") if isinstance(r.data, dict) else None
    if not isinstance(token, str) or not token:
        raise MalformedResponse(f"bluesky: {r.url}: the login answer holds no session token", platform="bluesky")
    c.secrets.update(v for v in (r.data.get("refreshJwt"),) if isinstance(v, str))
    c.auth = Auth("Authorization", f"Bearer {token}", urlsplit(pds).hostname, f"a session from {where}")
    c.base = f"{pds}/xrpc"


def limits(headers, now: float) -> tuple[int | None, float | None]:
    return int_header(headers, "ratelimit-remaining"), epoch_header(headers, "ratelimit-reset")


def explain(spec, failure: Failure) -> Exception:
    body = failure.body if isinstance(failure.body, dict) else {}
    error, said = body.get("error"), detail(failure.body)
    if error == "ExpiredToken":
        return _Expired(f"bluesky: the session expired ({said}); {LOGIN_HINT}")
    if "createSession" in failure.url and failure.status in (400, 401):
        return CredentialsError(f"Bluesky refused the login of {BLUESKY_HANDLE} with {BLUESKY_PASSWORD} "
                                f"({failure.status}: {said}); check the handle, or create a new app password")
    if failure.status == 401 or error in ("AuthenticationRequired", "InvalidToken", "AuthMissing"):
        return CredentialsError(f"Bluesky needs a login for {failure.url} ({failure.status}: {said}): {LOGIN_HINT}")
    if failure.status == 403:
        return PermissionDenied(f"Bluesky refused {failure.url} (403: {said}); search and some lists need a login: "
                                f"{LOGIN_HINT}")
    if failure.status == 400 or failure.status == 404:
        return InputError(f"{spec.where}: Bluesky cannot find {spec.field} {spec.target!r} ({failure.status}: {said}); "
                          f"check `{spec.where}.{spec.field}`")
    if 400 <= failure.status < 500:
        return InputError(f"{spec.where}: Bluesky rejected {failure.url} ({failure.status}: {said})")
    return CollectError(f"bluesky: {failure.url}: HTTP {failure.status} ({said})", platform="bluesky", status=failure.status)


def _get(job: Job, method: str, params: dict):
    try:
        return job.client.get(f"{job.client.base}/{method}", params)
    except _Expired:
        login = getattr(job.client, "login", None)
        if login is None:
            raise
        login()
        return job.client.get(f"{job.client.base}/{method}", params)


# -- preparing ------------------------------------------------------------------------------


def prepare(job: Job) -> None:
    if job.spec.kind == "thread" and "uri" not in job.state.resolved:
        job.state.resolved["uri"] = _thread_uri(job)
    job.state.source = {"format": FORMAT, "options": {}}


def _thread_uri(job: Job) -> str:
    """An at:// uri from ``post:`` (an at:// uri or a bsky.app post url)."""
    target = job.spec.target
    if target.startswith("at://"):
        return target
    parts = urlsplit(target)
    path = parts.path.strip("/").split("/")
    if parts.hostname != "bsky.app" or len(path) != 4 or path[0] != "profile" or path[2] != "post":
        raise InputError(f"`{job.spec.where}.post` must be an at:// uri or a https://bsky.app/profile/…/post/… url, "
                         f"not {target!r}")
    actor = path[1]
    if not actor.startswith("did:"):
        r = _get(job, "com.atproto.identity.resolveHandle", {"handle": actor})
        actor = r.data.get("did") if isinstance(r.data, dict) else None
        if not isinstance(actor, str):
            raise MalformedResponse(f"bluesky: {r.url}: expected {{did}}", platform="bluesky")
    return f"at://{actor}/app.bsky.feed.post/{path[3]}"


# -- paging ---------------------------------------------------------------------------------


def _params(job: Job) -> dict:
    spec = job.spec
    if spec.kind in ("search", "hashtag"):
        params = {"q": f"#{spec.target}" if spec.kind == "hashtag" else spec.target, "sort": "latest",
                  "limit": job.size(100, 100)}
        if spec.start_time():
            params["since"] = iso(spec.start_time())
        if spec.end_time():
            params["until"] = iso(spec.end_time())
        return params
    return {"actor": spec.target, "limit": job.size(100, 100)}


def _items(r, key: str) -> list:
    items = r.data.get(key) if isinstance(r.data, dict) else None
    if not isinstance(items, list) or any(not isinstance(x, dict) for x in items):
        raise MalformedResponse(f"bluesky: {r.url}: expected `{key}`, an array of objects; nothing of it was written",
                                platform="bluesky")
    return items


def _time(item: dict):
    """When a feed item or post entered the feed: the repost's time, else the post's."""
    reason = item.get("reason") if isinstance(item.get("reason"), dict) else None
    if reason and reason.get("indexedAt"):
        return parse_time(reason["indexedAt"])
    post = item.get("post") if isinstance(item.get("post"), dict) else item
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    return parse_time(post.get("indexedAt")) or parse_time(record.get("createdAt"))


def backfill(job: Job) -> Iterator[Page]:
    if job.spec.kind == "thread":
        yield _thread(job)
        return
    method, key = _METHODS[job.spec.kind]
    stream = job.spec.kind not in ("followers", "following")
    cursor, first = job.state.cursor, job.state.newest is None
    while True:
        params = _params(job)
        if cursor:
            params["cursor"] = cursor
        r = _get(job, method, params)
        items = _items(r, key)
        nxt = r.data.get("cursor") if items and isinstance(r.data.get("cursor"), str) else None
        page = Page(r.data, r.url, len(items), cursor=nxt, write=bool(items))
        if stream and items:
            times = [t for t in map(_time, items) if t]
            page.write, reached = period_flags(times, job)
            if first and times:
                page.newest, first = iso(max(times)), False
            if reached:
                page.cursor = None
        yield page
        if page.cursor is None:
            return
        cursor = page.cursor


def sweep(job: Job) -> Iterator[Page]:
    if job.spec.kind == "thread":
        yield _thread(job)
        return
    if job.spec.kind in ("followers", "following") or job.state.newest is None:
        return
    method, key = _METHODS[job.spec.kind]
    mark = parse_time(job.state.newest)
    params = _params(job)
    params.pop("until", None)
    if "since" in params:
        params["since"] = job.state.newest
    newest = mark
    while True:
        r = _get(job, method, params)
        items = _items(r, key)
        times = [t for t in map(_time, items) if t]
        fresh = [t for t in times if t > mark]
        newest = max([newest, *fresh])
        cursor = r.data.get("cursor") if isinstance(r.data.get("cursor"), str) else None
        last = not fresh or len(fresh) < len(times) or not cursor
        yield Page(r.data, r.url, len(items), write=bool(fresh), newest=iso(newest) if last else job.state.newest)
        if last:
            return
        params["cursor"] = cursor


def _thread(job: Job) -> Page:
    uri = job.state.resolved["uri"]
    r = _get(job, "app.bsky.feed.getPostThread", {"uri": uri, "depth": 1000, "parentHeight": 1000})
    if not isinstance(r.data, dict) or not isinstance(r.data.get("thread"), dict):
        raise MalformedResponse(f"bluesky: {r.url}: expected {{thread}}; nothing of it was written", platform="bluesky")
    return Page(r.data, r.url, 1, cursor=None, newest=iso(job.now))  # a thread's watermark: when it was read
