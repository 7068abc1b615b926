"""The HTTP client every collector uses: polite, rate-limit aware, retrying, secret-safe.

One :class:`Client` per platform and collection run, over ``httpx``:

* a clear ``User-Agent`` naming civicnet (and a contact from ``CIVICNET_CONTACT``);
* pacing: at least ``pace`` seconds between two requests;
* rate limits: the platform's headers are read after every response (``limits``);
  when nothing remains the client waits for the reset before the next request;
* ``429`` and ``503`` (and a platform's own throttling signal) are retried after
  ``Retry-After``, the reset time, or an exponential backoff; other ``5xx`` and
  network errors are retried with backoff, up to ``max_retries``;
* other ``4xx`` become typed errors through the platform's ``explain``
  (``CredentialsError`` for 401, ``PermissionDenied`` for 403…) whose messages say
  what to set or change;
* the credential goes only to the host it belongs to, in a header, and is scrubbed
  from every message and logged url (``redact_url`` drops ``access_token``-like
  query parameters, which Facebook puts into its paging links), and from error bodies
  before anything reads them (a server that echoes the token cannot make us print it);
* waits are bounded: rate-limit headers that are no number (``inf``, ``nan``, 10^30) are
  ignored, and a wait longer than ``max_wait`` is one line saying when to run again.

Waiting goes through a :class:`Clock`, so tests drive time without sleeping, and a
``stop`` event ends any wait at once (:class:`Stopped`).
"""

from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import orjson

from .. import __version__
from ..errors import CivicnetError, CollectError, MalformedResponse

USER_AGENT = f"civicnet/{__version__} (research collector: government on social media)"
SECRET_PARAMS = {"access_token", "token", "password", "client_secret", "appsecret_proof", "key", "api_key"}
MAX_BACKOFF = 300.0
#: Header values beyond these are no count or time any API gives: ignored.
MAX_COUNT = 10**9
MAX_EPOCH = 10**11
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class Stopped(Exception):
    """The ``stop`` event was set while waiting: end the run cleanly."""


class Clock:
    """Real time: UTC now, a monotonic counter, and sleeps a ``stop`` event interrupts."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float, stop: threading.Event | None = None) -> bool:
        """Wait ``seconds``; False when ``stop`` was set (at once or while waiting)."""
        if stop is None:
            time.sleep(max(0.0, seconds))
            return True
        return not stop.wait(max(0.0, seconds))


@dataclass(frozen=True)
class Auth:
    """A credential as one request header, sent only to ``host``."""

    header: str
    value: str = field(repr=False)
    host: str
    source: str  # which variable or keyring entry it came from (never the value)


@dataclass
class Response:
    """A successful JSON response."""

    status: int
    url: str  # redacted
    headers: httpx.Headers
    data: Any


@dataclass
class Failure:
    """An error response, handed to the platform's ``explain``."""

    status: int
    url: str  # redacted
    headers: httpx.Headers
    body: Any  # parsed JSON, else the text (scrubbed, shortened)


def redact_url(url: str) -> str:
    """``url`` without credential-like query parameters."""
    parts = urlsplit(str(url))
    if not parts.query:
        return str(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in SECRET_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))


def user_agent() -> str:
    contact = os.environ.get("CIVICNET_CONTACT", "").strip()
    return f"{USER_AGENT[:-1]}; contact {contact})" if contact else USER_AGENT


def retry_after(headers: httpx.Headers, now: datetime) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date)."""
    value = headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
        return seconds if math.isfinite(seconds) else float(MAX_EPOCH)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


#: ``limits(headers, now_epoch) -> (remaining, reset_epoch)`` from a platform's rate-limit headers
Limits = Callable[[httpx.Headers, float], tuple[int | None, float | None]]
Explain = Callable[[Failure], CivicnetError]
Throttled = Callable[[Failure | Response, float], float | None]


class Client:
    """Polite JSON GET/POST for one platform; see the module docstring."""

    def __init__(
        self, platform: str, *, explain: Explain, limits: Limits, throttled: Throttled | None = None,
        transport: httpx.BaseTransport | None = None, clock: Clock | None = None,
        stop: threading.Event | None = None, auth: Auth | None = None, pace: float = 1.0,
        max_retries: int = 5, max_wait: float = 3600.0, base: str = "",
    ):
        self.platform = platform
        self.explain = explain
        self.limits = limits
        self.throttled = throttled
        self.clock = clock or Clock()
        self.stop = stop
        self.base = base
        self.secrets: set[str] = set()
        self.auth = auth
        self.pace = pace
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.requests: list[dict] = []
        self.waited = 0.0
        self._last: float | None = None
        self._blocked_until: float | None = None  # epoch seconds
        self._http = httpx.Client(transport=transport, timeout=TIMEOUT, follow_redirects=False,
                                  headers={"User-Agent": user_agent(), "Accept": "application/json"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- public -----------------------------------------------------------------------

    def get(self, url: str, params: dict | None = None) -> Response:
        return self.request("GET", url, params=params)

    def post(self, url: str, body: dict, *, auth: bool = True) -> Response:
        return self.request("POST", url, body=body, use_auth=auth)

    @property
    def auth(self) -> Auth | None:
        return self._auth

    @auth.setter
    def auth(self, auth: Auth | None) -> None:
        self._auth = auth
        if auth is not None:
            self.secrets.add(auth.value)
            self.secrets.add(auth.value.split(" ", 1)[-1])

    def scrub(self, text: str) -> str:
        """``text`` with every credential replaced by ``***``."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            if secret:
                text = text.replace(secret, "***")
        return text

    def request(self, method: str, url: str, *, params=None, body=None, use_auth: bool = True) -> Response:
        attempt = 0
        while True:
            self._wait_turn()
            shown = redact_url(str(httpx.URL(url, params=params)) if params else url)
            try:
                r = self._http.request(method, url, params=params, json=body, headers=self._headers(url, use_auth))
            except httpx.TransportError as exc:
                attempt += 1
                self._log(method, shown, None)
                if attempt > self.max_retries:
                    raise CollectError(
                        f"{self.platform}: {shown}: network error ({type(exc).__name__}) after {attempt} tries; "
                        "check the connection and run again: collection continues where it stopped",
                        platform=self.platform,
                    ) from None
                self._sleep(self._backoff(attempt))
                continue
            shown = redact_url(str(r.request.url))
            self._log(method, shown, r.status_code)
            self._note_limits(r.headers)
            wait = self._retry_wait(r, shown, attempt)
            if wait is not None:
                attempt += 1
                self._sleep(wait)
                continue
            if 300 <= r.status_code < 400:
                where = redact_url(r.headers.get("location", "elsewhere"))
                raise CollectError(f"{self.platform}: {shown} redirects to {where} (HTTP {r.status_code}); redirects are "
                                   "not followed with credentials: name that host in the entry", platform=self.platform,
                                   status=r.status_code)
            if r.status_code >= 400:
                raise self._scrubbed(self.explain(Failure(r.status_code, shown, r.headers, self._body(r))))
            return self._ok(r, shown)

    # -- internals --------------------------------------------------------------------

    def _scrubbed(self, error: BaseException) -> BaseException:
        """``error`` with every credential scrubbed from its message (``str`` reads ``args``)."""
        error.args = tuple(self.scrub(a) if isinstance(a, str) else a for a in error.args)
        return error

    def _headers(self, url: str, use_auth: bool) -> dict:
        if use_auth and self.auth and urlsplit(url).hostname == self.auth.host:
            return {self.auth.header: self.auth.value}
        return {}

    def _log(self, method: str, url: str, status: int | None) -> None:
        self.requests.append({"method": method, "url": self.scrub(url), "status": status,
                              "at": self.clock.now().isoformat(timespec="seconds")})

    def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        if not self.clock.sleep(seconds, self.stop):
            raise Stopped()
        self.waited += seconds

    def _wait_turn(self) -> None:
        if self.stop is not None and self.stop.is_set():
            raise Stopped()
        now = self.clock.now().timestamp()
        if self._blocked_until is not None and self._blocked_until > now:
            self._check_wait(self._blocked_until - now, "its rate limit is used up")
            self._sleep(self._blocked_until - now + 1)
            self._blocked_until = None
        if self._last is not None:
            gap = self.pace - (self.clock.monotonic() - self._last)
            self._sleep(gap)
        self._last = self.clock.monotonic()

    def _note_limits(self, headers: httpx.Headers) -> None:
        remaining, reset = self.limits(headers, self.clock.now().timestamp())
        if remaining is not None and remaining <= 0 and reset is not None:
            self._blocked_until = reset

    def _retry_wait(self, r: httpx.Response, shown: str, attempt: int) -> float | None:
        """Seconds to wait before retrying ``r``; None when it is not to be retried."""
        now = self.clock.now()
        status = r.status_code
        throttle = self.throttled(Failure(status, shown, r.headers, self._body(r)), now.timestamp()) \
            if self.throttled and status >= 400 else None
        if status in (429, 503) or throttle is not None:
            wait = retry_after(r.headers, now)
            if wait is None and throttle is not None:
                wait = throttle
            if wait is None:
                _, reset = self.limits(r.headers, now.timestamp())
                wait = reset - now.timestamp() + 1 if reset is not None and reset > now.timestamp() else None
            wait = self._backoff(attempt + 1) if wait is None else wait
        elif status >= 500:
            wait = self._backoff(attempt + 1)
        else:
            return None
        if attempt + 1 > self.max_retries:
            raise CollectError(
                f"{self.platform}: {shown}: HTTP {status} after {attempt + 1} tries "
                f"({'rate limited' if status == 429 or throttle is not None else 'the server is failing'}); "
                "run again later: collection continues where it stopped",
                platform=self.platform, status=status,
            )
        self._check_wait(wait, f"it answered HTTP {status}")
        return wait

    def _check_wait(self, seconds: float, why: str) -> None:
        if not seconds > self.max_wait:  # also a NaN: no wait to refuse
            return
        try:
            until = datetime.fromtimestamp(self.clock.now().timestamp() + seconds, timezone.utc)
            when = f"until {until:%Y-%m-%d %H:%M} UTC"
        except (OverflowError, ValueError, OSError):
            when = f"more than {int(min(seconds, MAX_EPOCH) // 86400):,} days"
        raise CollectError(
            f"{self.platform} asks to wait {when} ({why}), longer than the {self.max_wait / 60:.0f} minutes "
            "civicnet waits; run again after that: collection continues where it stopped",
            platform=self.platform, status=429,
        )

    @staticmethod
    def _backoff(attempt: int) -> float:
        return min(MAX_BACKOFF, float(2 ** max(0, attempt - 1)))

    def _body(self, r: httpx.Response) -> Any:
        """An error body, parsed when it is JSON, with every credential scrubbed first."""
        text = self.scrub(r.text)
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            return text[:300]

    def _ok(self, r: httpx.Response, shown: str) -> Response:
        try:
            data = orjson.loads(r.content)
        except orjson.JSONDecodeError:
            kind = r.headers.get("content-type", "no content type")
            raise MalformedResponse(
                f"{self.platform}: {shown}: the answer is not JSON ({kind}, {len(r.content)} bytes); "
                "nothing of it was written; run again later, and report it if it persists",
                platform=self.platform, status=r.status_code,
            ) from None
        return Response(r.status_code, shown, r.headers, data)


def epoch_header(headers: httpx.Headers, name: str) -> float | None:
    """A header holding a Unix time in seconds (None when it is no plausible time)."""
    value = headers.get(name)
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) and 0 <= number < MAX_EPOCH else None


def int_header(headers: httpx.Headers, name: str) -> int | None:
    """A header holding a count (None when it is no plausible count: ``inf``, ``nan``, 10^30)."""
    value = headers.get(name)
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return int(number) if number is not None and math.isfinite(number) and abs(number) < MAX_COUNT else None
