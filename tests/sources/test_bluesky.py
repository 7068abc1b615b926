"""The Bluesky importer on real app.bsky responses (MarshalX/atproto fixtures) and files in their shape."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from civicnet.errors import FormatError
from civicnet.sources import SourceFile, bluesky
from civicnet.sources import Sample

sys.path.insert(0, str(Path(__file__).parent))
from _fedi_helpers import FIXTURES, all_fixture_files, counts, detected, fixture, gzipped, ingest, row, ties

GEM, POL = "did:plc:gemdenhaag4k2x7a3bqz5rjw", "did:plc:politiehglnd9m3wq2xv7tq"
ANNA, MO, OLD = "did:plc:annabakker7x2p4kqw3nhy", "did:plc:mohamedelamrani5t8w2qz", "did:plc:oudeaccount2b7r9s4w1xyz"
P1 = f"at://{GEM}/app.bsky.feed.post/3l4abcmalie01"
P2 = f"at://{ANNA}/app.bsky.feed.post/3l4abcvraag02"
P3 = f"at://{GEM}/app.bsky.feed.post/3l4abcantwoord03"
P4 = f"at://{POL}/app.bsky.feed.post/3l4polquote04"
P5 = f"at://{MO}/app.bsky.feed.post/3l4mo05vraag"
P6 = f"at://{GEM}/app.bsky.feed.post/3kzwelkom06"
P7 = f"at://{OLD}/app.bsky.feed.post/3l4oud07"
P8 = f"at://{MO}/app.bsky.feed.post/3l4mo08"
BLUESKY_FIXTURES = ["bluesky_getPostThread.json", "bluesky_getFollows.json",
                    "bluesky_getAuthorFeed_denhaag.json", "bluesky_getPostThread_malieveld.json"]


def load(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def write(tmp_path, name: str, value) -> str:
    (tmp_path / name).write_text(json.dumps(value), encoding="utf-8")
    return name


@pytest.mark.parametrize("name", BLUESKY_FIXTURES)
def test_detects_bluesky_files(tmp_path, name):
    path = fixture(tmp_path, name)
    assert bluesky.detect(Sample.of(SourceFile(path))) >= 90
    assert detected(path) == "bluesky"
    assert detected(gzipped(path)) == "bluesky"


@pytest.mark.parametrize("path", [p for p in all_fixture_files() if not p.name.startswith("bluesky")], ids=lambda p: p.name)
def test_does_not_claim_other_formats(path):
    assert bluesky.detect(Sample.of(SourceFile(path))) == 0


# -- real fixtures --------------------------------------------------------------------------


def test_real_thread_with_record_with_media(tmp_path):
    path = fixture(tmp_path, "bluesky_getPostThread.json")
    store, reports = ingest(tmp_path, [{"path": path.name, "format": "bluesky"}])
    assert (reports[0].records_read, reports[0].records_rejected) == (1, 0)
    assert counts(store) == {"messages": {"quote": 1}, "context": 1, "accounts": 1, "interactions": {"quote": 1}}
    uri = "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3kaheyt6vpc22"
    quoted = "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3kahesw26il2z"
    m = row(store, "message", "id", uri)
    assert (m["kind"], m["parent"], m["root"], m["text"], m["has_media"], m["language"]) == ("quote", quoted, uri, "", True, "en")
    assert m["created_at"] == datetime(2023, 9, 28, 12, 49, 36, 735000)
    assert (m["like_count"], m["share_count"], m["reply_count"], m["quote_count"]) == (0, 0, 0, None)
    assert m["url"] == "https://bsky.app/profile/test.marshal.dev/post/3kaheyt6vpc22"
    assert row(store, "message", "id", quoted)["text"] == "test"
    a = row(store, "account", "id", "did:plc:kvwvcn5iqfooopmyzvb4qzba")
    assert (a["handle"], a["name"], a["description"], a["followers"]) == ("test.marshal.dev", "Python SDK", None, None)


def test_real_get_follows(tmp_path):
    path = fixture(tmp_path, "bluesky_getFollows.json")
    store, reports = ingest(tmp_path, [{"path": path.name}])
    assert reports[0].format == "bluesky" and reports[0].records_read == 7
    follows = ties(store, "follow")
    assert len(follows) == 6
    assert {s for s, _, _ in follows} == {"did:plc:kvwvcn5iqfooopmyzvb4qzba"}
    assert ("did:plc:kvwvcn5iqfooopmyzvb4qzba", "did:plc:z72i7hdynmk6r22z27h6tvur", None) in follows
    assert counts(store)["accounts"] == 7
    assert row(store, "account", "id", "did:plc:z72i7hdynmk6r22z27h6tvur")["handle"] == "bsky.app"


# -- written fixtures -----------------------------------------------------------------------


def test_author_feed_reposts_replies_quotes(tmp_path):
    path = fixture(tmp_path, "bluesky_getAuthorFeed_denhaag.json")
    store, reports = ingest(tmp_path, [{"path": path.name}])
    assert reports[0].records_read == 5
    assert counts(store) == {
        "messages": {"post": 2, "reply": 1, "repost": 2},  # pinned P6, P1; P3; two reposts
        "context": 3,  # P4 (reposted), P2 (reply parent), P5 (reposted)
        "accounts": 4,
        "interactions": {"repost": 2, "mention": 2, "reply": 1},
    }
    rp = row(store, "message", "id", f"repost:{GEM}:{P4}")
    assert (rp["kind"], rp["account"], rp["parent"], rp["text"]) == ("repost", GEM, P4, None)
    assert rp["created_at"] == datetime(2024, 10, 11, 10, 30)
    assert ties(store, "repost") == {(GEM, POL, P4), (GEM, MO, P5)}
    p3 = row(store, "message", "id", P3)
    assert (p3["kind"], p3["parent"], p3["root"]) == ("reply", P2, P1)
    assert ties(store, "reply") == {(GEM, ANNA, P2)}
    handles = dict(store.sql("SELECT target_account, target_handle FROM interaction WHERE kind = 'mention'"))
    assert handles == {ANNA: "annabakker.bsky.social", POL: "politiehaaglanden.bsky.social"}
    p4 = row(store, "message", "id", P4)
    assert (p4["kind"], p4["parent"], p4["has_media"]) == ("quote", P1, False)
    p1 = row(store, "message", "id", P1)
    assert p1["has_media"] is True and p1["text"].startswith("Zaterdag is het Malieveld afgesloten")


def test_thread_skips_unavailable_posts(tmp_path):
    path = fixture(tmp_path, "bluesky_getPostThread_malieveld.json")
    store, reports = ingest(tmp_path, [{"path": path.name}])
    assert (reports[0].records_read, reports[0].records_rejected) == (5, 0)  # not found / blocked: neither
    assert counts(store) == {
        "messages": {"post": 1, "reply": 4}, "context": 0, "accounts": 4,
        "interactions": {"mention": 4, "reply": 4},
    }
    assert ties(store, "reply") == {(ANNA, GEM, P1), (GEM, ANNA, P2), (MO, GEM, P3), (OLD, GEM, P1)}
    assert {r for (r,) in store.sql("SELECT DISTINCT root FROM message")} == {P1}
    old = row(store, "account", "id", OLD)
    assert (old["handle"], old["name"], old["url"]) == (None, None, f"https://bsky.app/profile/{OLD}")
    assert row(store, "message", "id", P7)["url"] == f"https://bsky.app/profile/{OLD}/post/3l4oud07"


def test_feed_and_thread_together_count_each_post_once(tmp_path):
    feed = fixture(tmp_path, "bluesky_getAuthorFeed_denhaag.json")
    thread = fixture(tmp_path, "bluesky_getPostThread_malieveld.json")
    store, _ = ingest(tmp_path, [{"path": feed.name}, {"path": thread.name}])
    c = counts(store)
    # P2 was context in the feed but the thread returned it: now counted
    assert c["messages"] == {"post": 2, "reply": 4 + 0, "repost": 2}
    assert c["context"] == 2  # P4 and P5 only


def test_followers_search_likes_reposted_by_as_jsonl_gz(tmp_path):
    follows = load("bluesky_getFollows.json")
    feed = load("bluesky_getAuthorFeed_denhaag.json")
    subject = follows["subject"]
    followers = {"subject": subject, "followers": follows["follows"][:2], "cursor": "x"}
    search = {"posts": [feed["feed"][3]["post"], feed["feed"][2]["post"]], "hitsTotal": 2}
    likes = {"uri": P1, "cid": "bafy", "likes": [
        {"actor": follows["follows"][0], "createdAt": "2024-10-11T08:30:00.000Z", "indexedAt": "2024-10-11T08:30:01.000Z"},
        {"actor": follows["follows"][1], "createdAt": "2024-10-11T08:31:00.000Z", "indexedAt": "2024-10-11T08:31:01.000Z"}]}
    reposted = {"uri": P1, "repostedBy": [follows["follows"][2]]}
    path = tmp_path / "responses.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in (followers, search, likes, reposted)) + "\n", encoding="utf-8")
    store, reports = ingest(tmp_path, [{"path": gzipped(path).name}])
    assert reports[0].format == "bluesky" and reports[0].records_read == 3 + 2 + 2 + 1
    sub = subject["did"]
    assert ties(store, "follow") == {(follows["follows"][0]["did"], sub, None), (follows["follows"][1]["did"], sub, None)}
    assert ties(store, "like") == {(follows["follows"][0]["did"], GEM, P1), (follows["follows"][1]["did"], GEM, P1)}
    assert ties(store, "repost") == {(follows["follows"][2]["did"], GEM, P1)}
    assert counts(store)["messages"] == {"post": 1, "reply": 1}
    like_time = store.sql("SELECT min(created_at) FROM interaction WHERE kind = 'like'")[0][0]
    assert like_time == datetime(2024, 10, 11, 8, 30)


def test_minimal_post_keeps_absent_fields_null(tmp_path):
    post = {"uri": f"at://{MO}/app.bsky.feed.post/3l4kaal", "cid": "bafy", "author": {"did": MO, "handle": "mo-elamrani.nl"},
            "record": {"$type": "app.bsky.feed.post", "text": "Kaal bericht", "createdAt": "2024-10-12T10:00:00Z"},
            "indexedAt": "2024-10-12T10:00:01Z"}
    store, _ = ingest(tmp_path, [{"path": write(tmp_path, "posts.json", {"posts": [post]})}])
    m = row(store, "message", "id", post["uri"])
    assert all(m[k] is None for k in ("like_count", "share_count", "reply_count", "quote_count", "language"))
    assert m["has_media"] is False and m["kind"] == "post"
    a = row(store, "account", "id", MO)
    assert (a["name"], a["followers"], a["created_at"]) == (None, None, None)


def test_bad_records_are_counted(tmp_path):
    feed = load("bluesky_getAuthorFeed_denhaag.json")
    items = feed["feed"][2:4] + [{"post": {"uri": "geen-uri", "author": {"did": MO}}}, {"reason": {}}, "x",
                                 {"post": dict(feed["feed"][3]["post"], record={"text": "x", "createdAt": "morgen"})}]
    store, reports = ingest(tmp_path, [{"path": write(tmp_path, "feed.json", {"feed": items}), "format": "bluesky"}])
    r = reports[0]
    assert (r.records_read, r.records_rejected) == (6, 4)
    assert r.reject_reasons == {
        "post uri is not an at:// uri: 'geen-uri'": 1, "feed item without post": 1,
        "expected a JSON object, found str": 1, "unparseable createdAt: 'morgen'": 1,
    }


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b'{"feed": [{"post": {"uri": "at://did:plc:x/app.bsky.feed.post/1"', "invalid JSON"),
    (b'{"foo": []}', "expected an app.bsky response"),
    (b'{"error": "InvalidRequest", "message": "Profile not found"}', "API error"),
    (b'{"follows": {}, "subject": {"did": "did:plc:x"}}', "must be an array"),
    (b'{"thread": []}', "thread view"),
    (b'"just text"', "expected a JSON object"),
    (b'{"posts": [{"id": "1", "text": "a tweet"}]}', "holds no app.bsky post views"),
    (b'{"feed": [{"id": "1"}], "cursor": "x"}', "holds no app.bsky post views"),
    (b'[{"id": 1, "text": "a tweet", "author_id": "2"}]', "the array holds no app.bsky post views"),
])
def test_unreadable_files_are_format_errors(tmp_path, content, problem):
    (tmp_path / "bad.json").write_bytes(content)
    with pytest.raises(FormatError, match=problem):
        ingest(tmp_path, [{"path": "bad.json", "format": "bluesky"}])


def test_did_of():
    assert bluesky.did_of(P1) == GEM
    assert bluesky.did_of("at://alice.example/app.bsky.feed.post/1") is None
    assert bluesky.did_of(None) is None
