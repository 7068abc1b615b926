"""Bluesky: author feed by cursor, follows, threads, search with an app password, session renewal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _fake import Api, FakeClock, bluesky_feed_pages, case_of, every_output_byte, lines, load, ok

from civicnet.collect import collect
from civicnet.errors import CredentialsError, InputError
from civicnet.store import Store

PUBLIC = "https://public.api.bsky.app/xrpc"
FEED = {"platform": "bluesky", "kind": "account", "account": "denhaag.bsky.social", "name": "denhaag"}
PASSWORD = "abcd-efgh-ijkl-mnop"
ENV = {"CIVICNET_BLUESKY_HANDLE": "onderzoek.bsky.social", "CIVICNET_BLUESKY_APP_PASSWORD": PASSWORD}
SESSION = {"did": "did:plc:onderzoek00000000000000", "handle": "onderzoek.bsky.social",
           "accessJwt": "eyJhbGciOiJIUzI1NiJ9.access.sig1", "refreshJwt": "eyJhbGciOiJIUzI1NiJ9.refresh.sig2", "active": True}


def _run(tmp_path, api, entry=FEED, env=None, **kw):
    case = case_of(tmp_path, [entry], **kw)
    return collect(case, transport=api.transport, clock=FakeClock(), env=env or {}, store=tmp_path / "store.duckdb")


def test_author_feed_by_cursor_from_the_public_appview(tmp_path):
    first, second = bluesky_feed_pages()
    api = Api().add(f"{PUBLIC}/app.bsky.feed.getAuthorFeed", ok(first, {"RateLimit-Remaining": "2999"}))
    api.add(f"{PUBLIC}/app.bsky.feed.getAuthorFeed", ok(second), params={"cursor": first["cursor"]})
    report = _run(tmp_path, api)
    assert [dict(c.url.params) for c in api.calls] == [
        {"actor": "denhaag.bsky.social", "limit": "100"},
        {"actor": "denhaag.bsky.social", "limit": "100", "cursor": "2024-10-11T09:40:00.000Z"}]
    assert lines(tmp_path / "data/collected/denhaag") == [first, second]
    assert report.entries[0].complete and "authorization" not in api.calls[0].headers
    with Store(tmp_path / "store.duckdb") as store:
        kinds = dict(store.sql("SELECT m.kind, count(*) FROM message m JOIN case_message c USING (platform, id) "
                               "WHERE c.collected GROUP BY 1"))
    assert kinds["repost"] == 2 and sum(kinds.values()) >= 5


def test_new_posts_are_read_from_the_top_down_to_the_watermark(tmp_path):
    first, second = bluesky_feed_pages()
    api = Api().add(f"{PUBLIC}/app.bsky.feed.getAuthorFeed", ok(first))
    api.add(f"{PUBLIC}/app.bsky.feed.getAuthorFeed", ok(second), params={"cursor": first["cursor"]})
    _run(tmp_path, api)
    newer = dict(first["feed"][2])
    newer["post"] = dict(newer["post"], uri=newer["post"]["uri"][:-3] + "zzz", indexedAt="2024-10-12T08:00:00.000Z")
    api2 = Api().add(f"{PUBLIC}/app.bsky.feed.getAuthorFeed", ok({"feed": [newer] + first["feed"], "cursor": "c"}))
    report = _run(tmp_path, api2)
    assert len(api2.calls) == 1  # the page reached the watermark: no second page
    assert report.entries[0].pages_written == 1
    state = (tmp_path / "data/collected/denhaag/state.json").read_text()
    assert '"newest": "2024-10-12T08:00:00.000000Z"' in state


def test_follows_are_paged_and_become_follow_ties(tmp_path):
    follows = load("bluesky_getFollows.json")
    page1 = {"subject": follows["subject"], "follows": follows["follows"][:3], "cursor": "3lbj"}
    page2 = {"subject": follows["subject"], "follows": follows["follows"][3:]}
    api = Api().add(f"{PUBLIC}/app.bsky.graph.getFollows", ok(page1))
    api.add(f"{PUBLIC}/app.bsky.graph.getFollows", ok(page2), params={"cursor": "3lbj"})
    _run(tmp_path, api, {"platform": "bluesky", "kind": "following", "account": follows["subject"]["handle"], "name": "f"})
    with Store(tmp_path / "store.duckdb") as store:
        ties = store.sql("SELECT count(*) FROM interaction WHERE kind = 'follow' AND source_account = ?", [follows["subject"]["did"]])
    assert ties[0][0] == len(follows["follows"])


def test_thread_from_a_bsky_app_url_resolves_the_handle(tmp_path):
    thread = load("bluesky_getPostThread_malieveld.json")
    uri = thread["thread"]["post"]["uri"]
    did, rkey = uri[5:].split("/")[0], uri.rsplit("/", 1)[-1]
    api = Api().add(f"{PUBLIC}/com.atproto.identity.resolveHandle", ok({"did": did}))
    api.add(f"{PUBLIC}/app.bsky.feed.getPostThread", ok(thread))
    _run(tmp_path, api, {"platform": "bluesky", "kind": "thread", "post": f"https://bsky.app/profile/denhaag.bsky.social/post/{rkey}", "name": "t"})
    assert api.calls[1].url.params["uri"] == uri and api.calls[1].url.params["depth"] == "1000"
    assert lines(tmp_path / "data/collected/t") == [thread]


def test_search_needs_a_login(tmp_path):
    api = Api()
    with pytest.raises(CredentialsError, match="set CIVICNET_BLUESKY_HANDLE and CIVICNET_BLUESKY_APP_PASSWORD"):
        _run(tmp_path, api, {"platform": "bluesky", "kind": "search", "query": "malieveld"})
    assert api.calls == []


def test_search_logs_in_renews_an_expired_session_and_writes_no_secret(tmp_path):
    posts = [item["post"] for item in bluesky_feed_pages()[0]["feed"]]
    renewed = dict(SESSION, accessJwt="eyJhbGciOiJIUzI1NiJ9.access.sig3")
    api = Api().add("https://bsky.social/xrpc/com.atproto.server.createSession", ok(SESSION), ok(renewed), method="POST")
    api.add("https://bsky.social/xrpc/app.bsky.feed.searchPosts",
            ok({"error": "ExpiredToken", "message": "Token has expired"}, status=400), ok({"posts": posts, "hitsTotal": 3}))
    entry = {"platform": "bluesky", "kind": "search", "query": "malieveld", "period": {"start": "2024-10-01"}}
    report = _run(tmp_path, api, entry, env=ENV)
    assert [c.url.path.rsplit(".", 1)[-1] for c in api.calls] == ["createSession", "searchPosts", "createSession", "searchPosts"]
    assert api.calls[1].headers["authorization"] == "Bearer " + SESSION["accessJwt"]
    assert api.calls[3].headers["authorization"] == "Bearer " + renewed["accessJwt"]
    assert dict(api.calls[3].url.params) == {"q": "malieveld", "sort": "latest", "limit": "100", "since": "2024-10-01T00:00:00.000000Z"}
    assert report.entries[0].pages_written == 1
    everything = every_output_byte(tmp_path)
    for secret in (PASSWORD, SESSION["accessJwt"], SESSION["refreshJwt"], renewed["accessJwt"]):
        assert secret.encode() not in everything
    assert b"a session from environment variable CIVICNET_BLUESKY_APP_PASSWORD" in everything


def test_refused_login_and_unknown_actor(tmp_path):
    api = Api().add("https://bsky.social/xrpc/com.atproto.server.createSession",
                    ok({"error": "AuthenticationRequired", "message": "Invalid identifier or password"}, status=401), method="POST")
    with pytest.raises(CredentialsError, match="refused the login .*create a new app password"):
        _run(tmp_path, api, FEED, env=ENV)
    api = Api().add(f"{PUBLIC}/app.bsky.feed.getAuthorFeed", ok({"error": "InvalidRequest", "message": "Profile not found"}, status=400))
    with pytest.raises(InputError, match=r"collect\[1\]: Bluesky cannot find account 'denhaag.bsky.social' .*Profile not found"):
        _run(tmp_path, api)
