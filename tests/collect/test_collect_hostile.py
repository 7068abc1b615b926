"""Collectors facing hostile or broken servers: absurd rate-limit headers, waits without end,
error bodies that echo the credential. Every outcome is a bounded wait or one line that says
when to retry, and no credential in any message, report or file."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _fake import T0, Api, FakeClock, every_output_byte, ok, write_case

from civicnet.collect import bluesky, collect, facebook, mastodon, x
from civicnet.collect.http import Client, retry_after
from civicnet.errors import CivicnetError, CollectError, InputError

URL = "https://api.x.com/2/tweets/search/recent"
TOKEN = "x-token-0123456789abcdef"
ENV = {"CIVICNET_X_BEARER_TOKEN": TOKEN, "CIVICNET_FACEBOOK_PAGE_TOKEN": "EAAGfbtoken0123456789",
       "CIVICNET_MASTODON_TOKEN": "masto-token-0123456789", "CIVICNET_BLUESKY_HANDLE": "wij.bsky.social",
       "CIVICNET_BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop"}


def _client(api, clock, **kw):
    kw.setdefault("limits", x.limits)
    return Client("x", explain=lambda f: InputError(f"HTTP {f.status}"), transport=api.transport, clock=clock, **kw)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "99999999999999999999999999", "abc", ""])
@pytest.mark.parametrize("module, header", [(x, "x-rate-limit-remaining"), (mastodon, "x-ratelimit-remaining"),
                                            (bluesky, "ratelimit-remaining")])
def test_absurd_remaining_headers_are_ignored(module, header, value):
    remaining, _ = module.limits(httpx.Headers({header: value}), T0.timestamp())
    assert remaining is None or (isinstance(remaining, int) and abs(remaining) < 10**12)


@pytest.mark.parametrize("value", ["inf", "1e30", "99999999999999999999", "-5"])
def test_absurd_reset_headers_are_ignored_or_bounded(value):
    clock = FakeClock()
    api = Api().add(URL, ok({"data": []}, {"x-rate-limit-remaining": "0", "x-rate-limit-reset": value}), ok({"data": []}))
    c = _client(api, clock, pace=0)
    c.get(URL)
    try:
        c.get(URL)
    except CollectError as exc:
        assert "run again" in str(exc) and "\n" not in str(exc)
    assert all(s <= c.max_wait for s in clock.sleeps)


@pytest.mark.parametrize("value", ["99999999999999999999", "1" + "0" * 400, "Fri, 31 Dec 9999 23:59:59 GMT",
                                   "Mon, 01 Jan 0001 00:00:00 GMT", "inf", "-1"])
def test_a_huge_or_odd_retry_after_is_a_bounded_wait_or_one_line_saying_when(value):
    clock = FakeClock()
    api = Api().add(URL, ok({"title": "Too Many Requests"}, {"Retry-After": value}, 429), ok({"data": []}))
    try:
        r = _client(api, clock, pace=0).get(URL)
    except CollectError as exc:
        message = str(exc)
        assert "\n" not in message and "run again" in message and ("UTC" in message or "days" in message), message
    else:
        assert r.data == {"data": []}
    assert all(0 <= s <= 3600 for s in clock.sleeps), clock.sleeps
    seconds = retry_after(httpx.Headers({"retry-after": value}), T0)
    assert seconds is None or 0 <= seconds < float("inf")


def _echo(request: httpx.Request) -> httpx.Response:
    """A platform error that repeats the request's credentials back (some proxies and APIs do)."""
    said = request.headers.get("authorization", "") + " " + request.content.decode(errors="replace")
    return httpx.Response(401, json={"error": "invalid_token", "message": f"token rejected: {said}",
                                     "detail": {"nested": [said]}, "errors": [{"message": said}]})


@pytest.mark.parametrize("status", [401, 403, 400, 500])
def test_an_error_body_echoing_the_token_never_shows_it(status):
    def echo(request):
        r = _echo(request)
        return httpx.Response(status, json=r.json())

    clock = FakeClock()
    for module, spec in ((x, {"platform": "x", "kind": "search", "query": "brug"}),
                         (mastodon, {"platform": "mastodon", "kind": "hashtag", "query": "brug", "instance": "social.example"}),
                         (facebook, {"platform": "facebook", "kind": "page", "account": "123"})):
        from civicnet.case import parse_case
        from civicnet.collect.credentials import Credentials
        from civicnet.collect.spec import parse_collect

        case = parse_case({"id": "c", "title": "C", "collect": [spec]}, Path("/tmp/c.yaml"))
        entry = parse_collect(case)[0]
        api = Api()
        c = module.client(entry, Credentials(env=ENV), transport=httpx.MockTransport(echo), clock=clock, max_retries=0)
        with pytest.raises(CivicnetError) as info:
            c.get("https://" + c.auth.host + "/anything")
        message = str(info.value)
        for secret in ENV.values():
            assert secret not in message, (module.__name__, message)
        assert "\n" not in message


def test_bluesky_login_error_echoing_the_password_never_shows_it():
    from civicnet.collect.credentials import Credentials

    def echo(request):
        return httpx.Response(401, json={"error": "AuthenticationRequired",
                                         "message": "Invalid identifier or password: " + request.content.decode()})

    from civicnet.case import parse_case
    from civicnet.collect.spec import parse_collect

    case = parse_case({"id": "c", "title": "C", "collect": [{"platform": "bluesky", "kind": "search", "query": "brug"}]},
                      Path("/tmp/c.yaml"))
    with pytest.raises(CivicnetError) as info:
        bluesky.client(parse_collect(case)[0], Credentials(env=ENV), transport=httpx.MockTransport(echo),
                       clock=FakeClock(), max_retries=0)
    assert "abcd-efgh-ijkl-mnop" not in str(info.value) and "\n" not in str(info.value)


def test_a_collection_whose_server_echoes_the_token_keeps_it_out_of_reports_and_files(tmp_path):
    api = Api().add(URL, _echo)
    path = write_case(tmp_path, [{"platform": "x", "kind": "search", "query": "brug"}])
    try:
        report = collect(path, transport=api.transport, clock=FakeClock(), env=ENV)
        said = " ".join(str(e) for e in report.errors)
    except CivicnetError as exc:
        said = str(exc)
    assert TOKEN not in said and "refused" in said
    assert TOKEN.encode() not in every_output_byte(tmp_path)


def test_credential_check_never_shows_a_token_a_server_echoes():
    from civicnet.collect import check_credentials

    fb_token = ENV["CIVICNET_FACEBOOK_PAGE_TOKEN"]

    def handler(request):
        if request.url.host == "graph.facebook.com":
            return httpx.Response(200, json={"id": "1", "name": f"Pagina {fb_token}\nregel twee"})
        return _echo(request)

    found = check_credentials(None, env=ENV, transport=httpx.MockTransport(handler), clock=FakeClock())
    text = " ".join(f"{c.variable} {c.detail}" for c in found)
    secrets = [v for k, v in ENV.items() if k != "CIVICNET_BLUESKY_HANDLE"]  # the handle is no secret
    assert not any(secret in text for secret in secrets), text
    assert all("\n" not in c.detail for c in found)
