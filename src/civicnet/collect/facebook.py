"""Facebook collector: a page you administer, with comments, replies and reactions.

Reads the Graph API with a *page access token* of that page in
``CIVICNET_FACEBOOK_PAGE_TOKEN`` (permissions ``pages_read_engagement`` and
``pages_read_user_content``). This is the one route that still returns commenters'
identities (``from``) and visitors' posts; for other pages Meta withholds them (see
Facepager's documented limits). The token is sent as ``Authorization: Bearer`` to
graph.facebook.com only; Facebook's paging links carry it as ``access_token``, which
is removed from every link before anything is written or logged.

Requests (``https://graph.facebook.com/v23.0``)
    ``page``  ``/:page/feed`` (``edge: posts`` or ``visitor_posts`` for just those)
              with ``since``/``until`` from the period and nested fields: the post,
              ``reactions{id,name,type}`` with totals, and
              ``comments.filter(stream)`` — every comment *and reply*, flat, each
              with its ``parent`` — with totals. When a post has more comments than
              one nested page holds, its ``/:post/comments`` pages follow it.

Paging by ``paging.next``; new posts and fresh comments on recent posts are found
by reading the feed from the top until a post at or before the watermark (the
newest ``created_time`` seen); a page unchanged since it was last written is not
written again. Named reactions are those of the nested page (up to 100 a post);
the totals are complete. Rate limits: ``X-App-Usage``, ``X-Page-Usage`` and
``X-Business-Use-Case-Usage`` (percentages; at 95 % the collector waits), and the
throttling error codes 4, 17, 32, 613 and 80001 (waits, then retries).

Written as the importer ``facebook-graph`` reads it: the raw pages.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any, Iterator
from urllib.parse import urlsplit

from ..errors import CollectError, CredentialsError, InputError, MalformedResponse, PermissionDenied
from .base import Job, Page, detail, iso, parse_time
from .credentials import FACEBOOK_TOKEN, Credentials
from .http import Auth, Client, Failure, redact_url

FORMAT = "facebook-graph"
PACE = 1.0
HOST = "graph.facebook.com"
BASE = f"https://{HOST}/v23.0"
TOKEN_HINT = (f"set {FACEBOOK_TOKEN} to a page access token of a page you administer (Graph API Explorer → "
              "User or Page → the page; pages_read_engagement and pages_read_user_content)")
COMMENT_FIELDS = "id,from,message,created_time,like_count,comment_count,parent{id},permalink_url,message_tags,attachment"
FIELDS = (
    "id,from,message,created_time,updated_time,permalink_url,status_type,full_picture,shares,message_tags,"
    "attachments{media_type,type},reactions.limit(100).summary(total_count){id,name,type},"
    f"comments.filter(stream).limit(100).summary(total_count){{{COMMENT_FIELDS}}}"
)
THROTTLE_CODES = {4, 17, 32, 613, 80001}
USAGE_HEADERS = ("x-app-usage", "x-page-usage", "x-business-use-case-usage")
USAGE_LIMIT = 95
DEFAULT_PAUSE = 300.0


def client(spec, credentials: Credentials, **kw) -> Client:
    found = credentials.get(FACEBOOK_TOKEN)
    if not found:
        raise CredentialsError(f"{spec.where}: Facebook needs a page token: {TOKEN_HINT}")
    auth = Auth("Authorization", f"Bearer {found[0]}", HOST, found[1])
    pace = PACE if spec.pace is None else spec.pace
    return Client("facebook", explain=partial(explain, spec, auth), limits=limits, throttled=throttled, auth=auth,
                  pace=pace, base=BASE, **kw)


def _usage(headers) -> tuple[float, float]:
    """(highest usage percentage, minutes to regain access) over the usage headers."""
    top, regain = 0.0, 0.0
    for name in USAGE_HEADERS:
        try:
            value = json.loads(headers.get(name) or "{}")
        except ValueError:
            continue
        entries = [e for group in value.values() if isinstance(group, list) for e in group] \
            if name == "x-business-use-case-usage" and isinstance(value, dict) else [value]
        for e in entries:
            if not isinstance(e, dict):
                continue
            for key in ("call_count", "total_time", "total_cputime"):
                if isinstance(e.get(key), (int, float)):
                    top = max(top, float(e[key]))
            if isinstance(e.get("estimated_time_to_regain_access"), (int, float)):
                regain = max(regain, float(e["estimated_time_to_regain_access"]))
    return top, regain


def limits(headers, now: float) -> tuple[int | None, float | None]:
    top, regain = _usage(headers)
    if top >= USAGE_LIMIT:
        return 0, now + (regain * 60 if regain else DEFAULT_PAUSE)
    return None, None


def throttled(failure: Failure, now: float) -> float | None:
    err = failure.body.get("error") if isinstance(failure.body, dict) else None
    if isinstance(err, dict) and err.get("code") in THROTTLE_CODES:
        _, regain = _usage(failure.headers)
        return regain * 60 if regain else DEFAULT_PAUSE
    return None


def explain(spec, auth: Auth, failure: Failure) -> Exception:
    err = failure.body.get("error") if isinstance(failure.body, dict) else None
    err = err if isinstance(err, dict) else {}
    code, said = err.get("code"), detail(failure.body)
    if code == 190 or failure.status == 401:
        sub = f", subcode {err['error_subcode']}" if err.get("error_subcode") else ""
        return CredentialsError(f"Facebook refused the page token from {auth.source} (code {code}{sub}: {said}): it is "
                                f"invalid or expired; {TOKEN_HINT}")
    if code in (10, 3) or (isinstance(code, int) and 200 <= code <= 299) or failure.status == 403:
        return PermissionDenied(f"Facebook: the page token lacks a permission for {failure.url} (code {code}: {said}); "
                                "it must be the token of a page you administer, with pages_read_engagement and "
                                "pages_read_user_content")
    if code in (100, 803) or failure.status in (400, 404):
        return InputError(f"{spec.where}: Facebook does not accept the request (code {code}: {said}); check "
                          f"`{spec.where}.account` (the page id) and `{spec.where}.edge`")
    return CollectError(f"facebook: {failure.url}: HTTP {failure.status} ({said})", platform="facebook",
                        status=failure.status)


def prepare(job: Job) -> None:
    job.state.source = {"format": FORMAT, "options": {}}


# -- paging ---------------------------------------------------------------------------------


def scrub(value: Any) -> Any:
    """The response with credentials removed from every url in it (paging links)."""
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, str) and value.startswith("https://") and "access_token=" in value:
        return redact_url(value)
    return value


def _first(job: Job, with_period: bool) -> tuple[str, dict]:
    params: dict = {"fields": FIELDS, "limit": job.size(25, 100)}
    if with_period:
        if job.spec.start_time():
            params["since"] = int(job.spec.start_time().timestamp())
        if job.spec.end_time():
            params["until"] = int(job.spec.end_time().timestamp())
    return f"{BASE}/{job.spec.target}/{job.spec.edge}", params


def _next(data: dict) -> str | None:
    paging = data.get("paging") if isinstance(data.get("paging"), dict) else {}
    url = paging.get("next")
    return redact_url(url) if isinstance(url, str) and urlsplit(url).hostname == HOST else None


def _fetch(job: Job, url: str, params: dict | None) -> tuple[list[Page], list, str | None]:
    """A feed page and the extra comment pages of its posts; its posts; the next url."""
    r = job.client.get(url, params)
    posts = r.data.get("data") if isinstance(r.data, dict) else None
    if not isinstance(posts, list) or any(not isinstance(p, dict) or "id" not in p for p in posts):
        raise MalformedResponse(f"facebook: {r.url}: expected {{data: [posts]}}; nothing of it was written",
                                platform="facebook")
    pages = [Page(scrub(r.data), r.url, len(posts), write=bool(posts))]
    for post in posts:
        more = _next(post["comments"]) if isinstance(post.get("comments"), dict) else None
        while more:
            c = job.client.get(more)
            comments = c.data.get("data") if isinstance(c.data, dict) else None
            if not isinstance(comments, list):
                raise MalformedResponse(f"facebook: {c.url}: expected {{data: [comments]}}", platform="facebook")
            if comments:
                pages.append(Page(scrub(c.data), c.url, len(comments)))
            more = _next(c.data) if comments else None
    return pages, posts, _next(r.data) if posts else None


def backfill(job: Job) -> Iterator[Page]:
    url, params = (job.state.cursor, None) if job.state.cursor else _first(job, True)
    first = job.state.newest is None
    while url:
        pages, posts, nxt = _fetch(job, url, params)
        times = [t for t in (parse_time(p.get("created_time")) for p in posts) if t]
        if first and times:
            pages[0].newest, first = iso(max(times)), False
        pages[-1].cursor = nxt
        yield from pages
        url, params = nxt, None


def sweep(job: Job) -> Iterator[Page]:
    if job.state.newest is None:
        return
    mark = parse_time(job.state.newest)
    url, params = _first(job, False)
    newest = mark
    while url:
        pages, posts, nxt = _fetch(job, url, params)
        times = [t for t in (parse_time(p.get("created_time")) for p in posts) if t]
        newest = max([newest, *times])
        last = not nxt or not times or min(times) <= mark
        if last:
            pages[-1].newest = iso(newest)
        yield from pages
        if last:
            return
        url, params = nxt, None
