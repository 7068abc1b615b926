"""The dashboard's guard: allowed hosts, the access token, security headers, one error shape.

Every response carries a strict Content-Security-Policy (scripts, styles, images and
requests from the dashboard itself only; no inline scripts, no frames, no third
parties), ``nosniff``, ``no-referrer`` and a same-origin resource policy.

* **Hosts**: when served on a loopback address, requests must name a loopback host
  (``Host: 127.0.0.1``/``localhost``/``[::1]``), which defeats DNS rebinding (a web
  page elsewhere renaming itself to 127.0.0.1 to read the API).
* **Token**: when the dashboard has a token, every request must carry it: as
  ``Authorization: Bearer TOKEN``, or the ``civicnet_token`` cookie. Opening
  ``/?token=TOKEN`` once sets that cookie (HttpOnly, SameSite=Strict) and redirects to
  ``/`` so the token leaves the address bar.
* **Bodies**: a request body is read by the guard, at most :data:`MAX_BODY` bytes, before
  the application sees it; a larger one (by its ``Content-Length``, or counted as it streams)
  is refused with 413 without being read further, so a 200 MiB POST costs no memory
  (benchmarks/dashboard_body.py measures the peak).
* **Errors**: every JSON error has one shape,
  ``{"error": {"status": 404, "code": "not_found", "message": "..."}}``.
"""

from __future__ import annotations

import hmac
import json
from urllib.parse import parse_qs

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
#: Largest request body the dashboard reads (its one POST, the reply check, takes 20,000 characters).
MAX_BODY = 256 * 1024
COOKIE = "civicnet_token"
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 413: "too_large", 422: "invalid_parameter", 500: "internal_error", 503: "unavailable"}


def error_body(status: int, message: str, detail=None) -> dict:
    """The one shape of every JSON error."""
    body = {"status": status, "code": CODES.get(status, "error"), "message": message}
    if detail is not None:
        body["detail"] = detail
    return {"error": body}


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


class Guard:
    """ASGI middleware: host check, token check and security headers (module docstring)."""

    def __init__(self, app, *, token: str | None, allowed_hosts: tuple[str, ...] | None):
        self.app = app
        self.token = token
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        if self.allowed_hosts is not None and _hostname(headers.get("host", "")) not in self.allowed_hosts:
            return await _json(send_with_headers, 403, "this dashboard answers only to a local address (127.0.0.1 or localhost)")
        if self.token is not None:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get("token") or [None])[0]
            if given is not None and scope["path"] == "/" and _same(given, self.token):
                return await _redirect_setting_cookie(send_with_headers, self.token)
            if not (_same(_bearer(headers), self.token) or _same(_cookie(headers), self.token)):
                if scope["path"].startswith("/api/"):
                    return await _json(send_with_headers, 401, "a token is needed: send 'Authorization: Bearer TOKEN' "
                                                               "or open the address printed by `civicnet serve`")
                return await _text(send_with_headers, 401, "This dashboard needs its token: open the address printed "
                                                           "by `civicnet serve` (it ends in ?token=...).")
        body = await _bounded_body(headers, receive)
        if body is None:
            return await _json(send_with_headers, 413, f"the request body is larger than {MAX_BODY // 1024} KiB")
        return await self.app(scope, _replay(body, receive), send_with_headers)


async def _bounded_body(headers: dict, receive) -> bytes | None:
    """The whole request body, or None as soon as it is known to exceed :data:`MAX_BODY`."""
    declared = headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > MAX_BODY:
        return None
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive):
    """A ``receive`` that hands the application the body already read, then waits as the original does."""
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _same(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def _bearer(headers: dict) -> str | None:
    value = headers.get("authorization", "")
    return value[7:].strip() if value.lower().startswith("bearer ") else None


def _cookie(headers: dict) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return None


async def _json(send, status: int, message: str) -> None:
    body = json.dumps(error_body(status, message)).encode("utf-8")
    await _respond(send, status, body, b"application/json")


async def _text(send, status: int, message: str) -> None:
    await _respond(send, status, message.encode("utf-8"), b"text/plain; charset=utf-8")


async def _respond(send, status: int, body: bytes, media: bytes, extra=()) -> None:
    headers = [(b"content-type", media), (b"content-length", str(len(body)).encode())] + list(extra)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _redirect_setting_cookie(send, token: str) -> None:
    cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/".encode("latin-1")
    await _respond(send, 303, b"", b"text/plain", [(b"location", b"/"), (b"set-cookie", cookie)])
