"""collect(): end to end over all four platforms, watching, stopping, malformed answers, --check."""

from __future__ import annotations

import sys
import threading
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _fake import (
    OVERHEID, Api, FakeClock, bluesky_feed_pages, case_of, every_output_byte, lines, manifest, mastodon_pages, ok,
    write_case, x_search_pages,
)
from test_collect_facebook import _pages as facebook_pages

from civicnet.case import parse_case
from civicnet.collect import check_credentials, collect, with_collected
from civicnet.errors import CaseFileError, InputError, MalformedResponse
from civicnet.store import Store, default_store_path

ENV = {"CIVICNET_X_BEARER_TOKEN": "x-token-0123456789", "CIVICNET_FACEBOOK_PAGE_TOKEN": "EAAGfbtoken0123456789"}
TAG = f"{OVERHEID}/timelines/tag/a12"


def _everything() -> tuple[Api, list[dict]]:
    api = Api()
    url, statuses, pages = mastodon_pages()
    api.add(TAG, ok(statuses[:4], {"Link": f'<{TAG}?max_id={statuses[3]["id"]}>; rel="next", <{TAG}?min_id={statuses[0]["id"]}>; rel="prev"'}))
    api.add(TAG, ok(statuses[4:]), params={"max_id": statuses[3]["id"]})
    api.add(TAG, ok([]), params={"min_id": statuses[0]["id"]})
    first, second = bluesky_feed_pages()
    api.add("https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed", ok(first))
    api.add("https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed", ok(second), params={"cursor": first["cursor"]})
    x1, x2 = x_search_pages()
    api.add("https://api.x.com/2/tweets/search/recent", ok(x1))
    api.add("https://api.x.com/2/tweets/search/recent", ok(x2), params={"next_token": x1["meta"]["next_token"]})
    api.add("https://api.x.com/2/tweets/search/recent", ok({"meta": {"result_count": 0}}), params={"since_id": x1["meta"]["newest_id"]})
    feed1, comments, feed2 = facebook_pages()
    graph = "https://graph.facebook.com/v23.0"
    api.add(f"{graph}/19292868552/feed", ok(feed1))
    api.add(f"{graph}/{feed1['data'][0]['id']}/comments", ok(comments))
    api.add(f"{graph}/19292868552/feed", ok(feed2), params={"after": "QVFIUkt"})
    entries = [
        {"platform": "mastodon", "kind": "hashtag", "query": "#a12", "instance": "social.overheid.nl"},
        {"platform": "bluesky", "kind": "account", "account": "denhaag.bsky.social"},
        {"platform": "x", "kind": "search", "query": "obama"},
        {"platform": "facebook", "kind": "page", "account": "19292868552"},
    ]
    return api, entries


def test_end_to_end_four_platforms_into_the_store(tmp_path):
    api, entries = _everything()
    path = write_case(tmp_path, entries)
    yaml_before = path.read_bytes()
    progress = []
    report = collect(path, transport=api.transport, clock=FakeClock(), env=ENV,
                     progress=lambda d, n, t: progress.append((d, n, t)))
    assert path.read_bytes() == yaml_before  # the case file is never rewritten
    assert [e.name for e in report.entries] == ["mastodon-hashtag-a12-social-overheid-nl", "bluesky-account-denhaag-bsky-social",
                                                "x-search-obama", "facebook-page-19292868552"]
    assert all(e.complete for e in report.entries) and report.errors == []
    assert [e.pages_written for e in report.entries] == [2, 2, 2, 3]
    assert ("mastodon hashtag a12@social.overheid.nl", 1, 100) in progress
    assert [r.format for r in report.imports] == ["mastodon", "bluesky", "twitter-v2", "facebook-graph"]
    with Store(default_store_path(path)) as store:
        per_platform = dict(store.sql("SELECT platform, count(*) FROM case_message WHERE case_id = 'live' AND collected GROUP BY 1"))
    assert per_platform["mastodon"] == 8 and per_platform["twitter"] == 4 and per_platform["facebook"] == 28
    assert per_platform["bluesky"] >= 5
    for token in ENV.values():
        assert token.encode() not in every_output_byte(tmp_path)
    again = collect(path, transport=_everything()[0].transport, clock=FakeClock(), env=ENV)
    assert again.imports == [] and sum(e.pages_written for e in again.entries) == 0


def test_watch_polls_imports_new_statuses_and_stops_cleanly(tmp_path):
    url, statuses, _ = mastodon_pages()
    new = dict(statuses[0], id="112872999999990010", created_at="2024-07-29T12:00:00.000Z")
    api = Api().add(TAG, ok(statuses[:3], {"Link": f'<{TAG}?min_id={statuses[0]["id"]}>; rel="prev"'}))
    polls = []  # poll 1 finds a new status, poll 2 meets a failing server, poll 3 finds nothing
    api.add(TAG, lambda request: ok([new], {"Link": f'<{TAG}?min_id={new["id"]}>; rel="prev"'}) if len(polls) == 1 else ok([]),
            params={"min_id": statuses[0]["id"]})
    api.add(TAG, lambda request: ok({}, status=503) if len(polls) == 2 else ok([]), params={"min_id": new["id"]})
    stop, clock = threading.Event(), FakeClock()

    def on_sleep(c):
        if c.sleeps[-1] == 60.0:
            polls.append(c.now())
            if len(polls) == 4:
                stop.set()

    clock.on_sleep = on_sleep
    case = case_of(tmp_path, [{"platform": "mastodon", "kind": "hashtag", "query": "a12", "instance": "social.overheid.nl",
                               "max_pages": 1, "name": "a12"}])
    report = collect(case, watch=True, interval=60, stop=stop, transport=api.transport, clock=clock, env={},
                     store=tmp_path / "s.duckdb")
    assert report.stopped and report.polls == 3
    assert len(report.errors) == 1 and "HTTP 503 after 6 tries" in report.errors[0]  # a failing poll does not end the watch
    assert [len(i) for i in lines(tmp_path / "data/collected/a12")] == [3, 1]
    assert [m["mode"] for m in manifest(tmp_path / "data/collected/a12")] == ["fill", "poll", "poll"]
    with Store(tmp_path / "s.duckdb") as store:
        assert store.sql("SELECT count(*) FROM case_message WHERE collected")[0][0] == 4
    assert len(report.imports) == 2


def test_watch_needs_an_open_period_and_a_polite_interval(tmp_path):
    case = case_of(tmp_path, [{"platform": "x", "kind": "search", "query": "q", "period": {"start": "2024-01-01", "end": "2024-01-31"}}])
    with pytest.raises(CaseFileError, match="nothing to watch"):
        collect(case, watch=True, clock=FakeClock(), env=ENV)
    with pytest.raises(InputError, match="at least 10 seconds"):
        collect(case, watch=True, interval=1, clock=FakeClock(), env=ENV)
    with pytest.raises(CaseFileError, match="`collect` lists nothing"):
        collect(parse_case({"id": "f", "title": "Files only", "sources": ["data/export.json"]}, tmp_path / "f.yaml"), env=ENV)


def test_malformed_answer_is_rejected_and_nothing_half_written(tmp_path):
    url, statuses, _ = mastodon_pages()
    link = {"Link": f'<{TAG}?max_id={statuses[3]["id"]}>; rel="next"'}
    api = Api().add(TAG, ok(statuses[:4], link))
    api.add(TAG, ok({"error": None, "statuses": "maintenance"}), params={"max_id": statuses[3]["id"]})
    case = case_of(tmp_path, [{"platform": "mastodon", "kind": "hashtag", "query": "a12", "instance": "social.overheid.nl", "name": "a12"}])
    with pytest.raises(MalformedResponse, match="expected an array of statuses; nothing of it was written"):
        collect(case, transport=api.transport, clock=FakeClock(), env={}, store=tmp_path / "s.duckdb")
    folder = tmp_path / "data/collected/a12"
    assert [len(p) for p in lines(folder)] == [4] and not list(folder.glob("*.partial"))
    assert not (tmp_path / "s.duckdb").exists()  # nothing imported from a failed run
    api2 = Api().add(TAG, ok(statuses[4:]), params={"max_id": statuses[3]["id"]}).add(TAG, ok([]), params={"min_id": statuses[0]["id"]})
    collect(case, transport=api2.transport, clock=FakeClock(), env={}, store=tmp_path / "s.duckdb")
    assert [len(p) for p in lines(folder)] == [4, 4]


def test_stop_during_the_fill_keeps_what_was_written(tmp_path):
    url, statuses, _ = mastodon_pages()
    api = Api().add(TAG, ok(statuses[:4], {"Link": f'<{TAG}?max_id={statuses[3]["id"]}>; rel="next"'}))
    stop, clock = threading.Event(), FakeClock()
    clock.on_sleep = lambda c: stop.set()  # Ctrl-C while pacing before page 2
    case = case_of(tmp_path, [{"platform": "mastodon", "kind": "hashtag", "query": "a12", "instance": "social.overheid.nl", "name": "a12"}])
    report = collect(case, stop=stop, transport=api.transport, clock=clock, env={}, store=tmp_path / "s.duckdb")
    assert report.stopped and report.entries[0].outcome == "stopped" and not report.entries[0].complete
    assert [len(p) for p in lines(tmp_path / "data/collected/a12")] == [4]
    assert report.imports[0].messages_added >= 4


def test_a_part_left_by_a_crash_is_removed_and_fetched_again(tmp_path):
    api, entries = _everything()
    case = case_of(tmp_path, entries[2:3])
    folder = tmp_path / "data/collected/x-search-obama"
    folder.mkdir(parents=True)
    (folder / "part-00001.jsonl.gz.partial").write_bytes(b"\x1f\x8b half")
    collect(case, transport=api.transport, clock=FakeClock(), env=ENV, store=tmp_path / "s.duckdb")
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.jsonl", "part-00001.jsonl.gz", "state.json"]
    assert [s.path.name for s in with_collected(case).sources] == ["part-00001.jsonl.gz"]


def test_check_credentials_says_what_is_present_and_valid_without_values(tmp_path):
    api = Api().add("https://api.x.com/2/users/by/username/XDevelopers", ok({"data": {"id": "2244994945", "username": "XDevelopers", "name": "Developers"}}))
    api.add("https://graph.facebook.com/v23.0/me", ok({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}}, status=400))
    api.add("https://social.overheid.nl/api/v1/apps/verify_credentials", ok({"name": "civicnet-onderzoek", "website": None}))
    case = case_of(tmp_path, [{"platform": "mastodon", "kind": "hashtag", "query": "a", "instance": "social.overheid.nl"},
                              {"platform": "bluesky", "kind": "account", "account": "a.bsky.social"},
                              {"platform": "x", "kind": "search", "query": "q"},
                              {"platform": "facebook", "kind": "page", "account": "1"}])
    env = {**ENV, "CIVICNET_MASTODON_TOKEN_SOCIAL_OVERHEID_NL": "masto-0123456789"}
    checks = {c.platform: c for c in check_credentials(case, env=env, transport=api.transport, clock=FakeClock())}
    assert (checks["x"].present, checks["x"].valid) == (True, True)
    assert (checks["facebook"].present, checks["facebook"].valid) == (True, False) and "code 190" in checks["facebook"].detail
    assert (checks["bluesky"].present, checks["bluesky"].valid, checks["bluesky"].detail) == (False, None, "not set")
    assert checks["mastodon"].valid and checks["mastodon"].variable == "CIVICNET_MASTODON_TOKEN_SOCIAL_OVERHEID_NL"
    assert "civicnet-onderzoek" in checks["mastodon"].detail
    shown = str([c.as_dict() for c in checks.values()])
    assert not any(secret in shown for secret in env.values())


def test_credentials_from_the_keyring(tmp_path, monkeypatch):
    from civicnet.collect.credentials import Credentials

    errors = types.ModuleType("keyring.errors")
    errors.KeyringError = RuntimeError
    fake = types.ModuleType("keyring")
    fake.errors = errors
    fake.get_password = lambda service, name: "kr-token" if (service, name) == ("civicnet", "CIVICNET_X_BEARER_TOKEN") else None
    monkeypatch.setitem(sys.modules, "keyring", fake)
    monkeypatch.setitem(sys.modules, "keyring.errors", errors)
    creds = Credentials({}, keyring=True)
    assert creds.get("CIVICNET_X_BEARER_TOKEN") == ("kr-token", "keyring entry civicnet/CIVICNET_X_BEARER_TOKEN")
    assert creds.get("CIVICNET_FACEBOOK_PAGE_TOKEN") is None
    assert Credentials({"CIVICNET_X_BEARER_TOKEN": "env"}, keyring=True).get("CIVICNET_X_BEARER_TOKEN")[0] == "env"
