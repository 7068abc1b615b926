"""Facebook page feed: paging.next, extra comment pages, no token in any file, throttling, errors."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _fake import Api, FakeClock, case_of, every_output_byte, lines, load, manifest, ok

from civicnet.collect import collect
from civicnet.errors import CredentialsError, InputError, PermissionDenied
from civicnet.store import Store

TOKEN = "EAAGm0PX4ZCpsBAfakepagetoken1234567890"
ENV = {"CIVICNET_FACEBOOK_PAGE_TOKEN": TOKEN}
GRAPH = "https://graph.facebook.com/v23.0"
PAGE = "19292868552"
ENTRY = {"platform": "facebook", "kind": "page", "account": PAGE, "name": "fb"}


def _pages():
    """The real posts fixture as two /feed pages; the first post's comments continue on a comments page."""
    post1, post2 = copy.deepcopy(list(load("facebook_graph_posts_with_comments_from_reactions.json").values()))
    more = f"{GRAPH}/{post1['id']}/comments?access_token={TOKEN}&fields=id&filter=stream&limit=100&after=MTAx"
    post1["comments"]["paging"] = {"cursors": {"before": "QVFIUj", "after": "MTAx"}, "next": more}
    comments = load("facebook_graph_comments_page1.json")
    comments["paging"] = {"cursors": {"before": "before", "after": "after"},
                          "previous": f"{GRAPH}/{post1['id']}/comments?access_token={TOKEN}&limit=10&before=before"}
    feed1 = {"data": [post1], "paging": {"cursors": {"before": "QVFIUmx", "after": "QVFIUkt"},
                                         "next": f"{GRAPH}/{PAGE}/feed?access_token={TOKEN}&limit=1&after=QVFIUkt"}}
    feed2 = {"data": [post2], "paging": {"cursors": {"before": "QVFIUkt", "after": "QVFIUkz"}}}
    return feed1, comments, feed2


def _api(feed1, comments, feed2):
    api = Api().add(f"{GRAPH}/{PAGE}/feed", ok(feed1, {"X-App-Usage": json.dumps({"call_count": 3, "total_cputime": 1, "total_time": 2})}))
    api.add(f"{GRAPH}/{feed1['data'][0]['id']}/comments", ok(comments))
    api.add(f"{GRAPH}/{PAGE}/feed", ok(feed2), params={"after": "QVFIUkt"})
    return api


def _run(tmp_path, api, entry=ENTRY, env=ENV, clock=None, **kw):
    case = case_of(tmp_path, [entry], **kw)
    return collect(case, transport=api.transport, clock=clock or FakeClock(), env=env, store=tmp_path / "store.duckdb")


def test_feed_with_comment_pages_imported_and_no_token_written(tmp_path):
    feed1, comments, feed2 = _pages()
    api = _api(feed1, comments, feed2)
    report = _run(tmp_path, api, {**ENTRY, "period": {"start": "2021-07-01", "end": "2021-07-31"}})
    first = api.calls[0]
    assert first.headers["authorization"] == f"Bearer {TOKEN}" and "access_token" not in first.url.params
    assert first.url.params["since"] == "1625097600" and first.url.params["until"] == "1627776000"
    assert "comments.filter(stream)" in first.url.params["fields"] and "parent{id}" in first.url.params["fields"]
    assert [c.url.path for c in api.calls] == [f"/v23.0/{PAGE}/feed", f"/v23.0/{feed1['data'][0]['id']}/comments",
                                               f"/v23.0/{PAGE}/feed"]
    written = lines(tmp_path / "data/collected/fb")
    assert [len(p["data"]) for p in written] == [1, 10, 1]
    assert written[0]["paging"]["next"] == f"{GRAPH}/{PAGE}/feed?limit=1&after=QVFIUkt"
    assert TOKEN.encode() not in every_output_byte(tmp_path)
    assert report.entries[0].complete and manifest(tmp_path / "data/collected/fb")[0]["cursor_after"] is None
    with Store(tmp_path / "store.duckdb") as store:
        kinds = dict(store.sql("SELECT m.kind, count(*) FROM message m JOIN case_message c USING (platform, id) "
                               "WHERE c.collected GROUP BY 1"))
    assert kinds == {"post": 2, "comment": 22, "reply": 4}  # the comments page holds 4 replies (reply_comment_id)


def test_resume_keeps_the_comment_pages_with_their_feed_page(tmp_path):
    feed1, comments, feed2 = _pages()
    api = _api(feed1, comments, feed2)
    _run(tmp_path, api, {**ENTRY, "max_pages": 1})  # a feed page and its comments are one step
    assert [len(p["data"]) for p in lines(tmp_path / "data/collected/fb")] == [1, 10]
    state = json.loads((tmp_path / "data/collected/fb/state.json").read_text())
    assert state["cursor"] == f"{GRAPH}/{PAGE}/feed?limit=1&after=QVFIUkt" and not state["done"]
    api2 = _api(feed1, comments, feed2)
    _run(tmp_path, api2)
    assert api2.calls[0].url.params["after"] == "QVFIUkt"
    assert [len(p["data"]) for p in lines(tmp_path / "data/collected/fb")] == [1, 10, 1]


def test_throttling_error_and_usage_headers_make_it_wait(tmp_path):
    feed1, comments, feed2 = _pages()
    throttled = ok({"error": {"message": "(#4) Application request limit reached", "type": "OAuthException",
                              "is_transient": True, "code": 4, "fbtrace_id": "AbCdEf"}},
                   {"X-Business-Use-Case-Usage": json.dumps({PAGE: [{"type": "pages", "call_count": 100, "total_cputime": 5,
                                                                      "total_time": 8, "estimated_time_to_regain_access": 7}]})},
                   status=400)
    api = Api().add(f"{GRAPH}/{PAGE}/feed", throttled, ok(feed1, {"X-Page-Usage": json.dumps({"call_count": 97})}))
    api.add(f"{GRAPH}/{feed1['data'][0]['id']}/comments", ok(comments))
    api.add(f"{GRAPH}/{PAGE}/feed", ok(feed2), params={"after": "QVFIUkt"})
    clock = FakeClock()
    _run(tmp_path, api, {**ENTRY, "pace": 0}, clock=clock)
    assert clock.sleeps == [420.0, 301.0]  # 7 minutes to regain access; then 97 % used: pause before the next call


def test_expired_token_and_missing_permission(tmp_path):
    expired = {"error": {"message": "Error validating access token: Session has expired on Tuesday, 08-Oct-24 10:00:00 PDT.",
                         "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "A1"}}
    api = Api().add(f"{GRAPH}/{PAGE}/feed", ok(expired, status=400))
    with pytest.raises(CredentialsError, match="code 190, subcode 463.*set CIVICNET_FACEBOOK_PAGE_TOKEN") as err:
        _run(tmp_path, api)
    assert TOKEN not in str(err.value)
    denied = {"error": {"message": "(#10) This endpoint requires the 'pages_read_engagement' permission or the "
                                   "'Page Public Content Access' feature.", "type": "OAuthException", "code": 10, "fbtrace_id": "A2"}}
    api = Api().add(f"{GRAPH}/{PAGE}/feed", ok(denied, status=403))
    with pytest.raises(PermissionDenied, match="lacks a permission.*pages_read_user_content"):
        _run(tmp_path, api)
    with pytest.raises(CredentialsError, match="Facebook needs a page token"):
        _run(tmp_path, Api(), env={})
    unknown = {"error": {"message": "(#803) Some of the aliases you requested do not exist: nopage", "type": "OAuthException", "code": 803}}
    with pytest.raises(InputError, match=r"collect\[1\].*check `collect\[1\].account`"):
        _run(tmp_path, Api().add(f"{GRAPH}/nopage/feed", ok(unknown, status=404)), {**ENTRY, "account": "nopage", "name": "np"})
