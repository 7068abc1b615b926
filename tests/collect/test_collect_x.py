"""X API v2: search pages with next_token as twarc2 pages, since_id, followers, errors, secrets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _fake import T0, Api, FakeClock, case_of, every_output_byte, lines, load, ok, x_search_pages

from civicnet.collect import collect
from civicnet.errors import CredentialsError, InputError, PermissionDenied
from civicnet.store import Store

TOKEN = "AAAAAAAAAAAAAAAAAAAAAxbearer%2Fsecret0123456789"
ENV = {"CIVICNET_X_BEARER_TOKEN": TOKEN}
RECENT = "https://api.x.com/2/tweets/search/recent"
SEARCH = {"platform": "x", "kind": "search", "query": "obama", "name": "obama"}


def _run(tmp_path, api, entry=SEARCH, env=ENV, clock=None, **kw):
    case = case_of(tmp_path, [entry], **kw)
    return collect(case, transport=api.transport, clock=clock or FakeClock(), env=env, store=tmp_path / "store.duckdb")


def _search_api():
    first, second = x_search_pages()
    api = Api().add(RECENT, ok(first, {"x-rate-limit-limit": "450", "x-rate-limit-remaining": "449"}))
    api.add(RECENT, ok(second), params={"next_token": first["meta"]["next_token"]})
    api.add(RECENT, ok({"meta": {"result_count": 0}}), params={"since_id": first["meta"]["newest_id"]})
    return api, first, second


def test_search_pages_are_written_as_twarc2_pages_and_imported(tmp_path):
    api, first, second = _search_api()
    report = _run(tmp_path, api)
    call = api.calls[0]
    assert call.headers["authorization"] == f"Bearer {TOKEN}"
    assert call.url.params["query"] == "obama" and call.url.params["max_results"] == "100"
    assert "referenced_tweets.id.author_id" in call.url.params["expansions"]
    written = lines(tmp_path / "data/collected/obama")
    assert [len(p["data"]) for p in written] == [2, 2]
    assert written[0]["__twarc"]["url"].startswith(RECENT + "?") and "obama" in written[0]["__twarc"]["url"]
    assert written[0]["__twarc"]["version"].startswith("civicnet-")
    assert {k: v for k, v in written[1].items() if k != "__twarc"} == second
    assert report.entries[0].complete and report.imports[0].format == "twitter-v2"
    with Store(tmp_path / "store.duckdb") as store:
        assert store.sql("SELECT count(*) FROM case_message WHERE collected")[0][0] == 4
    assert TOKEN.encode() not in every_output_byte(tmp_path)


def test_rerun_asks_since_the_newest_id(tmp_path):
    api, first, _ = _search_api()
    _run(tmp_path, api)
    api2, _, _ = _search_api()
    report = _run(tmp_path, api2)
    assert [c.url.params.get("since_id") for c in api2.calls] == [first["meta"]["newest_id"]]
    assert report.entries[0].pages_written == 0  # an empty page is not written


def test_period_becomes_start_and_end_time_and_archive_uses_full_archive(tmp_path):
    first, second = x_search_pages()
    api = Api().add("https://api.x.com/2/tweets/search/all", ok(second))
    entry = {**SEARCH, "archive": True, "period": {"start": "2021-04-01", "end": "2021-04-30"}, "page_size": 500}
    _run(tmp_path, api, entry)
    params = api.calls[0].url.params
    assert (params["start_time"], params["end_time"], params["max_results"]) == ("2021-04-01T00:00:00Z", "2021-05-01T00:00:00Z", "500")


def test_recent_search_cannot_reach_back_beyond_seven_days(tmp_path):
    with pytest.raises(InputError, match=r"collect\[1\].*7 days.*archive: true"):
        _run(tmp_path, Api(), {**SEARCH, "period": {"start": "2024-09-01"}})


def test_followers_pages_become_follow_ties(tmp_path):
    users = load("collect_x_followers_page.json")
    api = Api().add("https://api.x.com/2/users/by/username/wijkagentLisse",
                    ok({"data": {"id": "2244994945", "name": "Wijkagent Lisse", "username": "wijkagentLisse"}}))
    api.add("https://api.x.com/2/users/2244994945/followers", ok(users))
    entry = {"platform": "x", "kind": "followers", "account": "@wijkagentLisse"}
    report = _run(tmp_path, api, entry)
    assert api.calls[1].url.params["max_results"] == "1000"
    [page] = lines(tmp_path / "data/collected/x-followers-wijkagentlisse")
    assert "/2/users/2244994945/followers" in page["__twarc"]["url"]
    with Store(tmp_path / "store.duckdb") as store:
        ties = store.sql("SELECT source_account FROM interaction WHERE kind = 'follow' AND target_account = '2244994945'")
    assert sorted(t[0] for t in ties) == sorted(u["id"] for u in users["data"])
    assert report.entries[0].complete


def test_missing_token_fails_before_any_request(tmp_path):
    api = Api()
    with pytest.raises(CredentialsError, match="set CIVICNET_X_BEARER_TOKEN"):
        _run(tmp_path, api, env={})
    assert api.calls == []


def test_refused_token_and_missing_access_level(tmp_path):
    api = Api().add(RECENT, ok({"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}, status=401))
    with pytest.raises(CredentialsError, match="X refused the bearer token from environment variable CIVICNET_X_BEARER_TOKEN") as err:
        _run(tmp_path, api)
    assert TOKEN not in str(err.value)
    body = {"client_id": "123", "required_enrollment": "Appropriate Level of API Access", "registration_url": "https://developer.x.com",
            "title": "Client Forbidden", "detail": "This request must be made using an approved developer account that is enrolled in the requested endpoint.",
            "reason": "client-not-enrolled", "type": "https://api.twitter.com/2/problems/client-forbidden"}
    api = Api().add("https://api.x.com/2/tweets/search/all", ok(body, status=403))
    with pytest.raises(PermissionDenied, match="access level .*full-archive search needs Pro or Enterprise"):
        _run(tmp_path, api, {**SEARCH, "archive": True, "name": "obama-archive"})


def test_unknown_user_names_the_field(tmp_path):
    api = Api().add("https://api.x.com/2/users/by/username/nobody_here", ok({"errors": [{
        "value": "nobody_here", "detail": "Could not find user with username: [nobody_here].", "title": "Not Found Error",
        "resource_type": "user", "parameter": "username", "resource_id": "nobody_here",
        "type": "https://api.twitter.com/2/problems/resource-not-found"}]}))
    with pytest.raises(InputError, match=r"collect\[1\]: X has no user 'nobody_here' .*check `collect\[1\].account`"):
        _run(tmp_path, api, {"platform": "x", "kind": "mentions", "account": "nobody_here"})


def test_rate_limited_search_waits_for_the_reset(tmp_path):
    first, second = x_search_pages()
    reset = str(int(T0.timestamp()) + 600)
    api = Api().add(RECENT, ok(first, {"x-rate-limit-remaining": "0", "x-rate-limit-reset": reset}))
    api.add(RECENT, ok({"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429},
                       {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(reset) + 900)}, 429),
            ok(second), params={"next_token": first["meta"]["next_token"]})
    clock = FakeClock()
    report = _run(tmp_path, api, {**SEARCH, "pace": 0}, clock=clock)
    assert clock.sleeps == [601.0, 900.0]  # until each reset, plus a second
    assert report.entries[0].pages_written == 2 and report.entries[0].waited_seconds == 1501.0
