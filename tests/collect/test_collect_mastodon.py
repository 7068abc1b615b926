"""Mastodon: lookup, Link-header paging, period, resume, new statuses, threads, followers, errors."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _fake import OVERHEID, Api, FakeClock, case_of, every_output_byte, lines, load, manifest, mastodon_pages, ok

from civicnet.collect import collect, with_collected
from civicnet.errors import CollectError, CredentialsError, InputError
from civicnet.store import Store

ENTRY = {"platform": "mastodon", "kind": "account", "account": "minbzk", "instance": "social.overheid.nl", "page_size": 3}
FOLDER = "data/collected/mastodon-account-minbzk-social-overheid-nl"


def _api(fail_last: bool = False):
    url, statuses, pages = mastodon_pages(statuses_account := "110203337788100001")
    minbzk = statuses[1]["account"]
    api = Api().add(f"{OVERHEID}/accounts/lookup", ok({**minbzk, "id": statuses_account}), params={"acct": "minbzk"})
    api.add(url, ok(pages[0][0], pages[0][1]))
    api.add(url, ok(pages[1][0], pages[1][1]), params={"max_id": pages[0][0][-1]["id"]})
    last = [httpx.ConnectError("connection reset")] * 10 if fail_last else [ok(pages[2][0], pages[2][1])]
    api.add(url, *last, params={"max_id": pages[1][0][-1]["id"]})
    api.add(url, ok([]), params={"min_id": statuses[0]["id"]})  # nothing newer yet
    return api, url, statuses


def _run(tmp_path, api, entry=ENTRY, clock=None, env=None, **kw):
    case = case_of(tmp_path, [entry], **kw)
    return case, collect(case, transport=api.transport, clock=clock or FakeClock(), env=env or {},
                         store=tmp_path / "store.duckdb")


def test_account_statuses_paged_by_link_headers_then_imported(tmp_path):
    api, url, statuses = _api()
    case, report = _run(tmp_path, api)
    folder = tmp_path / FOLDER
    assert api.paths() == ["/api/v1/accounts/lookup"] + ["/api/v1/accounts/110203337788100001/statuses"] * 3
    assert [c.url.params.get("limit") for c in api.calls[1:2]] == ["3"]
    assert [len(p) for p in lines(folder)] == [3, 3, 2]
    [entry] = report.entries
    assert entry.complete and entry.pages_written == 3 and entry.items == 8 and entry.parts == ["part-00001.jsonl.gz"]
    [m] = manifest(folder)
    assert m["outcome"] == "complete" and m["pages_written"] == 3 and len(m["requests"]) == 4 and m["credential"] is None
    assert m["asked"]["target"] == "minbzk" and m["newest_after"] == statuses[0]["id"]
    sources = with_collected(case).sources
    assert [s.options for s in sources] == [{"instance": "social.overheid.nl"}] and sources[0].format == "mastodon"
    with Store(tmp_path / "store.duckdb") as store:
        assert store.sql("SELECT count(*) FROM case_message WHERE case_id = 'live' AND collected")[0][0] == 8
        assert store.sql("SELECT count(*) FROM message WHERE id LIKE 'social.overheid.nl:%'")[0][0] >= 8
    assert report.messages_added >= 8


def test_user_agent_names_civicnet_and_no_auth_without_token(tmp_path):
    api, _, _ = _api()
    _run(tmp_path, api)
    assert all(c.headers["user-agent"].startswith("civicnet/") for c in api.calls)
    assert all("authorization" not in c.headers for c in api.calls)


def test_interrupted_run_resumes_without_fetching_or_writing_a_page_twice(tmp_path):
    api, url, _ = _api(fail_last=True)
    with pytest.raises(CollectError, match="network error .* run again"):
        _run(tmp_path, api)
    folder = tmp_path / FOLDER
    assert [len(p) for p in lines(folder)] == [3, 3]
    assert not list(folder.glob("*.partial"))
    assert manifest(folder)[0]["outcome"].startswith("failed: mastodon")
    api2, _, _ = _api()
    _, report = _run(tmp_path, api2)
    # page 3 only (no lookup, no page 1 or 2), then a look for newer statuses above the watermark
    assert [(c.url.params.get("max_id"), c.url.params.get("min_id")) for c in api2.calls] == [
        ("112871683112340003", None), (None, "112872700120020009")]
    assert [len(p) for p in lines(folder)] == [3, 3, 2]
    ids = [s["id"] for page in lines(folder) for s in page]
    assert len(ids) == len(set(ids)) == 8
    assert report.entries[0].complete and report.entries[0].parts == ["part-00002.jsonl.gz"]


def test_max_pages_stops_a_run_and_the_next_run_continues(tmp_path):
    api, _, _ = _api()
    _, report = _run(tmp_path, api, {**ENTRY, "max_pages": 2})
    assert report.entries[0].pages_written == 2 and not report.entries[0].complete
    _, report = _run(tmp_path, api, {**ENTRY, "max_pages": 2})
    assert report.entries[0].pages_written == 1 and report.entries[0].complete
    assert sum(len(p) for p in lines(tmp_path / FOLDER)) == 8


def test_period_stops_the_backfill_and_skips_pages_after_its_end(tmp_path):
    api, _, _ = _api()
    # every status is of 2024-07-29: a period ending the day before writes nothing, a later one stops at once
    _, report = _run(tmp_path, api, {**ENTRY, "period": {"start": "2024-07-01", "end": "2024-07-28"}})
    assert report.entries[0].pages_fetched == 3 and report.entries[0].pages_written == 0
    api2, _, _ = _api()
    (tmp_path / "b").mkdir()
    _, report = _run(tmp_path / "b", api2, {**ENTRY, "period": {"start": "2024-07-30"}})
    assert report.entries[0].pages_fetched == 1 and report.entries[0].pages_written == 0
    assert report.entries[0].complete


def test_rerun_after_the_backfill_asks_only_for_newer_statuses(tmp_path):
    api, url, statuses = _api()
    _run(tmp_path, api)
    new = dict(statuses[0], id="112872999999990010", created_at="2024-07-29T12:00:00.000Z")
    api2 = Api().add(url, ok([new], {"Link": f'<{url}?limit=3&min_id=112872999999990010>; rel="prev"'}),
                     params={"min_id": statuses[0]["id"]})
    _, report = _run(tmp_path, api2)
    assert [c.url.params.get("min_id") for c in api2.calls] == [statuses[0]["id"]]
    assert lines(tmp_path / FOLDER)[-1][0]["id"] == "112872999999990010"
    assert manifest(tmp_path / FOLDER)[-1]["newest_after"] == "112872999999990010"
    with Store(tmp_path / "store.duckdb") as store:
        assert store.sql("SELECT count(*) FROM case_message WHERE collected")[0][0] == 9


def test_thread_writes_status_and_context_and_skips_an_unchanged_thread(tmp_path):
    context = load("mastodon_context_a12.json")
    focal = load("mastodon_overheid_statuses.json")[2]
    api = Api().add(f"{OVERHEID}/statuses/{focal['id']}", ok(focal))
    api.add(f"{OVERHEID}/statuses/{focal['id']}/context", ok(context))
    entry = {"platform": "mastodon", "kind": "thread", "instance": "social.overheid.nl",
             "post": f"https://social.overheid.nl/@fenna/{focal['id']}", "name": "a12"}
    _run(tmp_path, api, entry)
    assert lines(tmp_path / "data/collected/a12") == [focal, context]
    _, report = _run(tmp_path, api, entry)  # polled again: same answers, nothing new written
    assert report.entries[0].pages_fetched == 2 and report.entries[0].pages_written == 0
    with pytest.raises(InputError, match=r"collect\[1\].post.*status url on social.overheid.nl"):
        _run(tmp_path, api, {**entry, "post": "https://mastodon.social/@x/123", "name": "other"})


def test_followers_become_follow_ties(tmp_path):
    followers = load("mastodon_account_followers_limit3.json")
    api = Api().add("https://fosstodon.org/api/v1/accounts/109000000000000001/followers", ok(followers))
    entry = {"platform": "mastodon", "kind": "followers", "account": "109000000000000001", "instance": "fosstodon.org"}
    case, _ = _run(tmp_path, api, entry)
    assert api.calls[0].url.params["limit"] == "80"
    [source] = with_collected(case).sources
    assert source.options == {"instance": "fosstodon.org", "relation": "followers", "account": "109000000000000001"}
    with Store(tmp_path / "store.duckdb") as store:
        ties = store.sql("SELECT count(*) FROM interaction WHERE kind = 'follow' AND target_account = 'fosstodon.org:109000000000000001'")
    assert ties[0][0] == len(followers)


def test_token_goes_to_its_instance_only_and_is_written_nowhere(tmp_path):
    token = "mastodon-secret-token-0123456789"
    api, _, _ = _api()
    _run(tmp_path, api, env={"CIVICNET_MASTODON_TOKEN_SOCIAL_OVERHEID_NL": token})
    assert all(c.headers["authorization"] == f"Bearer {token}" for c in api.calls)
    assert manifest(tmp_path / FOLDER)[0]["credential"] == "environment variable CIVICNET_MASTODON_TOKEN_SOCIAL_OVERHEID_NL"
    assert token.encode() not in every_output_byte(tmp_path)


def test_errors_say_what_to_set_or_check(tmp_path):
    api = Api().add(f"{OVERHEID}/accounts/lookup", ok({"error": "This method requires an authenticated user"}, status=401))
    with pytest.raises(CredentialsError, match="set CIVICNET_MASTODON_TOKEN_SOCIAL_OVERHEID_NL"):
        _run(tmp_path, api)
    api = Api().add(f"{OVERHEID}/accounts/lookup", ok({"error": "Record not found"}, status=404))
    with pytest.raises(InputError, match=r"collect\[1\].*no such account 'minbzk'.*check `collect\[1\].account`"):
        _run(tmp_path, api)
    api = Api().add(f"{OVERHEID}/accounts/lookup", ok({"error": "The access token is invalid"}, status=401))
    with pytest.raises(CredentialsError, match="refused the token from environment variable CIVICNET_MASTODON_TOKEN ") as err:
        _run(tmp_path, api, env={"CIVICNET_MASTODON_TOKEN": "tok-123456"})
    assert "tok-123456" not in str(err.value)
