"""`collect:` entries: validation with one-line errors naming the field; collect-only cases."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _fake import case_of, write_case

from civicnet.case import load_case
from civicnet.collect import parse_collect
from civicnet.errors import CaseFileError


def test_entries_of_every_platform(tmp_path):
    case = case_of(tmp_path, [
        {"platform": "mastodon", "kind": "account", "account": "@minbzk", "instance": "https://Social.Overheid.nl/"},
        {"platform": "bluesky", "kind": "hashtag", "query": "#malieveld", "max_pages": 5, "period": {"start": "2024-10-01"}},
        {"platform": "twitter", "kind": "search", "query": "#aardbeving lang:nl", "archive": True, "page_size": 500, "pace": 2},
        {"platform": "facebook", "kind": "page", "account": "104983411234567", "edge": "visitor_posts", "name": "fb-inbox"},
    ], period={"start": "2024-09-01", "end": "2024-12-31"})
    m, b, x, f = parse_collect(case)
    assert (m.platform, m.kind, m.target, m.instance, m.name) == (
        "mastodon", "account", "minbzk", "social.overheid.nl", "mastodon-account-minbzk-social-overheid-nl")
    assert (m.start, m.end, m.max_pages) == (date(2024, 9, 1), date(2024, 12, 31), 100)
    assert (b.target, b.start, b.end, b.max_pages, b.name) == ("malieveld", date(2024, 10, 1), None, 5, "bluesky-hashtag-malieveld")
    assert (x.platform, x.archive, x.page_size, x.pace, x.name) == ("x", True, 500, 2.0, "x-search-aardbeving-lang-nl")
    assert (f.edge, f.name, f.where) == ("visitor_posts", "fb-inbox", "collect[4]")
    assert m.end_time().isoformat() == "2025-01-01T00:00:00+00:00"


def test_long_targets_get_a_short_stable_name(tmp_path):
    uri = "at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3l5xyzabcdefg"
    [spec] = parse_collect(case_of(tmp_path, [{"platform": "bluesky", "kind": "thread", "post": uri}]))
    assert spec.name.startswith("bluesky-thread-at-did-plc-") and len(spec.name) <= 64
    assert spec.name == parse_collect(case_of(tmp_path, [{"platform": "bluesky", "kind": "thread", "post": uri}]))[0].name


@pytest.mark.parametrize("entry, message", [
    ({"platform": "myspace", "kind": "account", "account": "a"}, r"`collect\[1\].platform`: must be one of mastodon, bluesky, x, facebook"),
    ({"platform": "x", "kind": "thread", "post": "1"}, r"`collect\[1\].kind`: x collects search, hashtag, account"),
    ({"platform": "x", "kind": "account"}, r"`collect\[1\].account`: is required"),
    ({"platform": "x", "kind": "search", "account": "a"}, r"`collect\[1\].account`: is not used by kind search; give `query`"),
    ({"platform": "mastodon", "kind": "account", "account": "a"}, r"`collect\[1\].instance`: is required for mastodon"),
    ({"platform": "mastodon", "kind": "account", "account": "a", "instance": "not a host"}, r"`collect\[1\].instance`: must be a host name"),
    ({"platform": "bluesky", "kind": "account", "account": "a", "instance": "bsky.social"}, r"`collect\[1\].instance`: only applies to mastodon"),
    ({"platform": "x", "kind": "search", "query": "q", "max_pages": 0}, r"`collect\[1\].max_pages`: must be a whole number"),
    ({"platform": "x", "kind": "search", "query": "q", "page_size": "many"}, r"`collect\[1\].page_size`: must be a whole number"),
    ({"platform": "x", "kind": "account", "account": "a", "archive": True}, r"`collect\[1\].archive`: only applies to X search"),
    ({"platform": "facebook", "kind": "page", "account": "1", "edge": "photos"}, r"`collect\[1\].edge`: only applies to facebook pages: one of feed"),
    ({"platform": "x", "kind": "search", "query": "q", "period": {"start": "2024-02-30"}}, r"`collect\[1\].period.start`: must be a date"),
    ({"platform": "x", "kind": "search", "query": "q", "period": {"start": "2024-03-02", "end": "2024-03-01"}}, r"`collect\[1\].period.end`"),
    ({"platform": "x", "kind": "search", "query": "q", "token": "abc"}, r"`collect\[1\].token`: unknown field"),
    ({"platform": "x", "kind": "search", "query": "q", "name": "Bad Name"}, r"`collect\[1\].name`: must be lower-case"),
    ("x search", r"`collect\[1\]` must be a mapping"),
])
def test_errors_name_the_field(tmp_path, entry, message):
    with pytest.raises(CaseFileError, match=message) as err:
        parse_collect(case_of(tmp_path, [entry]))
    assert "\n" not in str(err.value)


def test_two_entries_writing_to_one_folder(tmp_path):
    entry = {"platform": "x", "kind": "search", "query": "q"}
    with pytest.raises(CaseFileError, match=r"`collect\[2\].name`: collect\[1\] already writes to data/collected/x-search-q"):
        parse_collect(case_of(tmp_path, [entry, dict(entry)]))


def test_a_case_may_only_collect(tmp_path):
    case = load_case(write_case(tmp_path, [{"platform": "x", "kind": "search", "query": "q"}]))
    assert case.sources == () and len(parse_collect(case)) == 1
    path = tmp_path / "empty.yaml"
    path.write_text("id: e\ntitle: E\nsources: []\n")
    with pytest.raises(CaseFileError, match="`sources` must be a non-empty list"):
        load_case(path)
