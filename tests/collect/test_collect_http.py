"""The shared client: rate-limit headers, 429/503 with Retry-After, retries, pacing, secrets."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _fake import T0, Api, FakeClock, ok

from civicnet.collect import bluesky, mastodon, x
from civicnet.collect.http import Auth, Client, Stopped, redact_url, retry_after
from civicnet.errors import CollectError, InputError, MalformedResponse

URL = "https://api.x.com/2/tweets/search/recent"


def _client(api, clock, **kw):
    kw.setdefault("limits", x.limits)
    return Client("x", explain=lambda f: InputError(f"HTTP {f.status}"), transport=api.transport, clock=clock, **kw)


def test_429_waits_for_retry_after_then_retries():
    clock = FakeClock()
    api = Api().add(URL, ok({"title": "Too Many Requests"}, {"Retry-After": "42"}, 429), ok({"data": []}))
    r = _client(api, clock, pace=0).get(URL)
    assert r.data == {"data": []} and clock.sleeps == [42.0] and len(api.calls) == 2


def test_429_without_retry_after_waits_for_the_x_reset_header():
    clock = FakeClock()
    reset = int(T0.timestamp()) + 300
    api = Api().add(URL, ok({}, {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}, 429), ok({"data": []}))
    _client(api, clock, pace=0).get(URL)
    assert clock.sleeps == [301.0]


def test_exhausted_limit_waits_before_the_next_request():
    clock = FakeClock()
    reset = int(T0.timestamp()) + 120
    api = Api().add(URL, ok({"data": []}, {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}),
                    ok({"data": []}, {"x-rate-limit-remaining": "449"}))
    c = _client(api, clock, pace=0)
    c.get(URL)
    assert clock.sleeps == []
    c.get(URL)
    assert clock.sleeps == [121.0] and c.waited == 121.0


def test_mastodon_and_bluesky_rate_headers():
    headers = httpx.Headers({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "2024-10-12T12:05:00.000Z"})
    assert mastodon.limits(headers, 0) == (0, T0.timestamp() + 300)
    headers = httpx.Headers({"RateLimit-Limit": "3000", "RateLimit-Remaining": "12", "RateLimit-Reset": "1728734700"})
    assert bluesky.limits(headers, 0) == (12, 1728734700.0)


def test_retry_after_as_http_date():
    headers = httpx.Headers({"Retry-After": "Sat, 12 Oct 2024 12:01:00 GMT"})
    assert retry_after(headers, T0) == 60.0


def test_503_and_500_are_retried_with_backoff_then_fail_clearly():
    clock = FakeClock()
    api = Api().add(URL, ok({}, status=503), ok({}, status=502), ok({"data": []}))
    _client(api, clock, pace=0).get(URL)
    assert clock.sleeps == [1.0, 2.0]
    api = Api().add(URL, ok({}, status=500))
    clock = FakeClock()
    with pytest.raises(CollectError, match=r"HTTP 500 after 6 tries .*run again later"):
        _client(api, clock, pace=0).get(URL)
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0, 16.0] and len(api.calls) == 6


def test_network_errors_are_retried():
    clock = FakeClock()
    api = Api().add(URL, httpx.ReadTimeout("slow"), ok({"data": []}))
    assert _client(api, clock, pace=0).get(URL).data == {"data": []}
    assert clock.sleeps == [1.0]


def test_a_wait_longer_than_allowed_is_an_error_naming_the_time():
    clock = FakeClock()
    api = Api().add(URL, ok({}, {"Retry-After": "86400"}, 429))
    with pytest.raises(CollectError, match=r"wait until 2024-10-13 12:00 UTC"):
        _client(api, clock, pace=0).get(URL)
    assert clock.sleeps == []


def test_requests_are_paced():
    clock = FakeClock()
    api = Api().add(URL, ok({"data": []}))
    c = _client(api, clock, pace=2.5)
    c.get(URL)
    clock.advance(1.0)
    c.get(URL)
    c.get(URL)
    assert clock.sleeps == [1.5, 2.5]


def test_stop_ends_a_wait():
    clock, stop = FakeClock(), threading.Event()
    clock.on_sleep = lambda _: stop.set()
    api = Api().add(URL, ok({}, {"Retry-After": "60"}, 429))
    with pytest.raises(Stopped):
        _client(api, clock, pace=0, stop=stop).get(URL)


def test_credential_only_to_its_host_and_scrubbed_from_logs():
    api = Api().add(URL, ok({"data": []})).add("https://elsewhere.example/x", ok({}))
    auth = Auth("Authorization", "Bearer s3cr3t-token", "api.x.com", "environment variable T")
    c = _client(api, FakeClock(), pace=0, auth=auth)
    c.get(URL)
    c.get("https://elsewhere.example/x?access_token=s3cr3t-token")
    assert api.calls[0].headers["authorization"] == "Bearer s3cr3t-token"
    assert "authorization" not in api.calls[1].headers
    assert "s3cr3t" not in str(c.requests)
    assert c.scrub("Bearer s3cr3t-token") == "***"


def test_redact_url_drops_credentials():
    url = "https://graph.facebook.com/v23.0/1/feed?access_token=EAAB&limit=25&after=QVFI"
    assert redact_url(url) == "https://graph.facebook.com/v23.0/1/feed?limit=25&after=QVFI"


def test_not_json_is_a_malformed_response():
    api = Api().add(URL, httpx.Response(200, text="<html>maintenance</html>", headers={"content-type": "text/html"}))
    with pytest.raises(MalformedResponse, match="not JSON .*text/html.*nothing of it was written"):
        _client(api, FakeClock(), pace=0).get(URL)


def test_redirects_are_not_followed():
    api = Api().add(URL, httpx.Response(301, headers={"location": "https://mastodon.example/api/v1/x?access_token=t"}))
    with pytest.raises(CollectError, match=r"redirects to https://mastodon.example/api/v1/x \(HTTP 301\)"):
        _client(api, FakeClock(), pace=0).get(URL)
    assert len(api.calls) == 1
