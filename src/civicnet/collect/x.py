"""X (Twitter) API v2 collector: search, user timelines, mentions, followers/following.

Needs an app bearer token in ``CIVICNET_X_BEARER_TOKEN`` (sent as
``Authorization: Bearer`` to api.x.com only). What an app may call depends on its
access level: full-archive search (``archive: true``) needs Pro or Enterprise.

Requests (``https://api.x.com/2``)
    ``search|hashtag``      ``/tweets/search/recent`` (the last 7 days) or
                            ``/tweets/search/all`` with ``start_time``/``end_time``
    ``account``             ``/users/:id/tweets`` (the newest 3,200 only)
    ``mentions``            ``/users/:id/mentions`` (the newest 800 only)
    ``followers|following`` ``/users/:id/followers|following`` (1,000 a page)

Account names are looked up once (``/users/by/username/:name``). Tweets are asked
with the expansions and fields twarc2 asks for (authors, referenced tweets and their
authors, mentions, metrics, conversation ids, edit history). Paging by
``next_token``/``pagination_token``; new tweets by ``since_id`` (the first page's
``meta.newest_id``). Rate limits: ``x-rate-limit-remaining``/``x-rate-limit-reset``
(Unix seconds), per 15-minute window.

Written as twarc2 writes it, so the importer ``twitter-v2`` reads it: one response
per line with a ``__twarc`` block holding the request url (without credentials),
civicnet's version and the retrieval time; a followers page's url makes its users
follow ties.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Iterator
from urllib.parse import quote

from .. import __version__
from ..errors import CollectError, CredentialsError, InputError, MalformedResponse, PermissionDenied
from .base import Job, Page, detail, iso
from .credentials import X_TOKEN, Credentials
from .http import Auth, Client, Failure, epoch_header, int_header

FORMAT = "twitter-v2"
PACE = 1.0
BASE = "https://api.x.com/2"
HOST = "api.x.com"
TOKEN_HINT = f"set {X_TOKEN} to your app's bearer token (developer portal → Projects & Apps → Keys and tokens)"
TWEET_FIELDS = ("attachments,author_id,conversation_id,created_at,edit_history_tweet_ids,entities,id,"
                "in_reply_to_user_id,lang,public_metrics,referenced_tweets,reply_settings,text")
USER_FIELDS = "created_at,description,id,location,name,protected,public_metrics,url,username,verified"
EXPANSIONS = ("author_id,entities.mentions.username,in_reply_to_user_id,referenced_tweets.id,"
              "referenced_tweets.id.author_id,attachments.media_keys")
RECENT_DAYS = 7


def client(spec, credentials: Credentials, **kw) -> Client:
    found = credentials.get(X_TOKEN)
    if not found:
        raise CredentialsError(f"{spec.where}: X needs a bearer token: {TOKEN_HINT}")
    auth = Auth("Authorization", f"Bearer {found[0]}", HOST, found[1])
    pace = PACE if spec.pace is None else spec.pace
    return Client("x", explain=partial(explain, spec, auth), limits=limits, auth=auth, pace=pace, base=BASE, **kw)


def limits(headers, now: float) -> tuple[int | None, float | None]:
    return int_header(headers, "x-rate-limit-remaining"), epoch_header(headers, "x-rate-limit-reset")


def explain(spec, auth: Auth, failure: Failure) -> Exception:
    said = detail(failure.body)
    body = failure.body if isinstance(failure.body, dict) else {}
    if failure.status == 401:
        return CredentialsError(f"X refused the bearer token from {auth.source} (401: {said}): it is invalid or "
                                f"revoked; {TOKEN_HINT}")
    if failure.status == 403:
        reason = body.get("reason") or ""
        if reason == "client-not-enrolled" or "access" in said.lower():
            need = "full-archive search needs Pro or Enterprise access; " if spec.archive else ""
            return PermissionDenied(f"X: your app's access level does not include {failure.url} (403: {said}); "
                                    f"{need}attach the app to a project with that access in the developer portal")
        return PermissionDenied(f"X refused {failure.url} (403: {said}); the token lacks the permission this "
                                "endpoint needs, or the account is protected")
    if failure.status in (400, 404):
        return InputError(f"{spec.where}: X rejected the request ({failure.status}: {said}); "
                          f"check `{spec.where}.{spec.field}` and the period")
    if 400 <= failure.status < 500:
        return InputError(f"{spec.where}: X rejected {failure.url} ({failure.status}: {said})")
    return CollectError(f"x: {failure.url}: HTTP {failure.status} ({said})", platform="x", status=failure.status)


# -- preparing ------------------------------------------------------------------------------


def prepare(job: Job) -> None:
    spec = job.spec
    if spec.kind in ("search", "hashtag") and not spec.archive:
        start = spec.start_time()
        if start is not None and start < job.now - timedelta(days=RECENT_DAYS) + timedelta(minutes=1):
            raise InputError(f"`{spec.where}`: X recent search reaches back {RECENT_DAYS} days, the period starts "
                             f"{spec.start}; set `archive: true` (full-archive search, Pro or Enterprise access) "
                             "or a later period start")
    if spec.kind not in ("search", "hashtag") and "user_id" not in job.state.resolved:
        job.state.resolved["user_id"] = _user_id(job)
    job.state.source = {"format": FORMAT, "options": {}}


def _user_id(job: Job) -> str:
    target = job.spec.target
    if target.isdigit():
        return target
    r = job.client.get(f"{BASE}/users/by/username/{quote(target, safe='')}")
    data = r.data.get("data") if isinstance(r.data, dict) else None
    if not isinstance(data, dict) or data.get("id") is None:
        errors = r.data.get("errors") if isinstance(r.data, dict) else None
        if errors:
            raise InputError(f"{job.spec.where}: X has no user {target!r} ({detail(errors[0])}); "
                             f"check `{job.spec.where}.account`")
        raise MalformedResponse(f"x: {r.url}: expected {{data: {{id}}}}", platform="x")
    return str(data["id"])


# -- paging ---------------------------------------------------------------------------------


def _request(job: Job) -> tuple[str, dict, str]:
    """(url, params, name of the paging parameter)."""
    spec = job.spec
    tweets = {"tweet.fields": TWEET_FIELDS, "user.fields": USER_FIELDS, "expansions": EXPANSIONS}
    if spec.kind in ("search", "hashtag"):
        path = "all" if spec.archive else "recent"
        query = f"#{spec.target}" if spec.kind == "hashtag" else spec.target
        size = job.size(100, 500 if spec.archive else 100)
        return f"{BASE}/tweets/search/{path}", {"query": query, "max_results": max(10, size), **tweets}, "next_token"
    user = job.state.resolved["user_id"]
    if spec.kind in ("followers", "following"):
        params = {"max_results": job.size(1000, 1000), "user.fields": USER_FIELDS}
        return f"{BASE}/users/{user}/{spec.kind}", params, "pagination_token"
    edge = "tweets" if spec.kind == "account" else "mentions"
    return f"{BASE}/users/{user}/{edge}", {"max_results": max(5, job.size(100, 100)), **tweets}, "pagination_token"


def _period(job: Job, params: dict) -> None:
    start, end = job.spec.start_time(), job.spec.end_time()
    if start:
        params["start_time"] = iso(start)[:19] + "Z"
    if end and end < job.now - timedelta(seconds=30):
        params["end_time"] = iso(end)[:19] + "Z"


def _page(job: Job, r) -> tuple[dict, list, dict]:
    data = r.data
    if not isinstance(data, dict):
        raise MalformedResponse(f"x: {r.url}: expected a JSON object; nothing of it was written", platform="x")
    if "data" not in data and "meta" not in data:
        if data.get("errors"):
            raise PermissionDenied(f"X answered {r.url} with errors only ({detail(data['errors'][0])}); "
                                   "the account may be protected or suspended")
        raise MalformedResponse(f"x: {r.url}: expected {{data, meta}}; nothing of it was written", platform="x")
    items = data.get("data") or []
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    if not isinstance(items, list) or any(not isinstance(x, dict) or "id" not in x for x in items):
        raise MalformedResponse(f"x: {r.url}: `data` must be an array of objects with ids", platform="x")
    body = {**data, "__twarc": {"url": r.url, "version": f"civicnet-{__version__}", "retrieved_at": iso(job.now)}}
    return body, items, meta


def backfill(job: Job) -> Iterator[Page]:
    url, params, token_name = _request(job)
    stream = job.spec.kind not in ("followers", "following")
    if stream:
        _period(job, params)
    token, first = job.state.cursor, job.state.newest is None
    while True:
        if token:
            params[token_name] = token
        r = job.client.get(url, params)
        body, items, meta = _page(job, r)
        nxt = meta.get("next_token") if items else None
        page = Page(body, r.url, len(items), cursor=nxt, write=bool(items))
        if stream and first and meta.get("newest_id"):
            page.newest, first = str(meta["newest_id"]), False
        yield page
        if not nxt:
            return
        token = nxt


def sweep(job: Job) -> Iterator[Page]:
    if job.spec.kind in ("followers", "following") or job.state.newest is None:
        return
    url, params, token_name = _request(job)
    params["since_id"] = job.state.newest
    newest = None
    while True:
        r = job.client.get(url, params)
        body, items, meta = _page(job, r)
        newest = newest or (str(meta["newest_id"]) if meta.get("newest_id") else None)
        nxt = meta.get("next_token") if items else None
        page = Page(body, r.url, len(items), write=bool(items))
        if not nxt and newest:
            page.newest = newest
        yield page
        if not nxt:
            return
        params[token_name] = nxt
