"""twitter-v1: v1.1 statuses as JSON Lines, arrays and search responses."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _social_helpers import counts, detected, fixture, gzipped, ingest, message

from civicnet.errors import FormatError, RejectedRecord
from civicnet.sources import twitter_v1

FIX = "twitter_v1.1_search_statuses_TRIMMED.json"


def status(sid, text="hallo", user=("1", "gemeente"), **extra):
    s = {
        "created_at": "Wed Oct 10 20:19:24 +0000 2018", "id": int(sid), "id_str": str(sid), "text": text,
        "user": {"id_str": user[0], "screen_name": user[1], "name": user[1].title(), "followers_count": 10,
                 "friends_count": 5, "created_at": "Sun Feb 13 13:36:59 +0000 2011", "description": "d"},
        "entities": {"user_mentions": [], "hashtags": []}, "favorite_count": 2, "retweet_count": 1, "lang": "nl",
    }
    s.update(extra)
    return s


def test_real_search_response(tmp_path):
    path = fixture(tmp_path, FIX)
    assert detected(path) == "twitter-v1"
    store, [report] = ingest(tmp_path, [{"path": FIX, "format": "twitter-v1"}])
    assert report.format == "twitter-v1"
    assert report.records_read == 4 and report.records_rejected == 0
    c = counts(store)
    assert c["messages"] == {"post": 2, "repost": 1, "reply": 1}
    assert c["context"] == 1  # the retweeted status
    assert c["accounts"] == 12  # 4 authors + 8 mentioned accounts
    assert c["interactions"] == {"mention": 9, "repost": 1, "reply": 1}
    rt = message(store, "1149825924029980674")
    assert rt["kind"] == "repost" and rt["parent"] == "1149803446704443392"
    assert rt["like_count"] is None and rt["share_count"] is None  # the original's figures
    original = message(store, "1149803446704443392")
    assert original["account"] == "305278762" and original["share_count"] == 7 and original["like_count"] == 47
    reply = message(store, "1149678185375600641")
    assert reply["parent"] == "1149676837204717568" and reply["root"] is None
    post = message(store, "1149788838430224391")
    assert post["language"] == "nl" and post["has_media"] is True and post["like_count"] == 6
    assert str(post["created_at"]) == "2019-07-12 21:13:15"
    tie = store.sql("SELECT source_account, target_account, target_message FROM interaction WHERE kind = 'repost'")
    assert tie == [("789181790", "305278762", "1149803446704443392")]
    handle = store.sql("SELECT handle, followers, following FROM account WHERE id = '251602117'")
    assert handle == [("ErikDePay", 1437, 489)]


def test_jsonl_extended_quote_and_notices_gzip(tmp_path):
    quoted = status(50, "origineel", user=("9", "burger"))
    lines = [
        status(100, "kort", full_text="Volledige tekst &amp; meer @burger",
               entities={"user_mentions": [{"id_str": "9", "screen_name": "burger", "name": "B"}]}),
        status(101, "stream", extended_tweet={"full_text": "lange streamtekst", "entities": {
            "user_mentions": [], "media": [{"id_str": "m"}]}}),
        status(102, "kijk dit", is_quote_status=True, quoted_status_id_str="50", quoted_status=quoted,
               quote_count=3, reply_count=4),
        {"delete": {"status": {"id_str": "5"}}},
        {"limit": {"track": 3}},
    ]
    path = tmp_path / "tweets.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    gz = gzipped(path)
    path.unlink()
    assert detected(gz) == "twitter-v1"
    store, [report] = ingest(tmp_path, [{"path": gz.name, "format": "twitter-v1"}])
    assert report.records_read == 3 and report.records_rejected == 0
    c = counts(store)
    assert c["messages"] == {"post": 2, "quote": 1}
    assert c["context"] == 1
    assert c["interactions"] == {"mention": 1, "quote": 1}
    assert message(store, "100")["text"] == "Volledige tekst & meer @burger"
    streamed = message(store, "101")
    assert streamed["text"] == "lange streamtekst" and streamed["has_media"] is True
    q = message(store, "102")
    assert (q["kind"], q["parent"], q["quote_count"], q["reply_count"]) == ("quote", "50", 3, 4)
    assert store.sql("SELECT target_account FROM interaction WHERE kind = 'quote'") == [("9",)]


def test_array_and_missing_optional_fields(tmp_path):
    bare = {"id_str": "7", "text": "zonder meer", "user": {"id_str": "3"}}
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps([bare]))
    assert detected(path) == "twitter-v1"
    store, [report] = ingest(tmp_path, [{"path": path.name, "format": "twitter-v1"}])
    assert report.records_rejected == 0
    m = message(store, "7")
    assert m["created_at"] is None and m["like_count"] is None and m["has_media"] is None and m["language"] is None
    assert store.sql("SELECT handle, followers FROM account WHERE id = '3'") == [(None, None)]


def test_bad_records_are_counted(tmp_path):
    lines = [status(1), {"text": "geen id", "user": {"id_str": "1"}}, status(2, created_at="gisteren"), status(3)]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines))
    store, [report] = ingest(tmp_path, [{"path": path.name, "format": "twitter-v1"}])
    assert report.records_read == 4 and report.records_rejected == 2
    assert set(report.reject_reasons) == {"no status id", "unparseable created_at: 'gisteren'"}
    strict = tmp_path / "strict"
    strict.mkdir()
    with pytest.raises(RejectedRecord):
        ingest(strict, [{"path": str(path), "format": "twitter-v1"}], strict=True)


@pytest.mark.parametrize("content", [b"", b'{"statuses": [{"id_str": "1", "te', b'{"foo": 1}', b"\x00\x01\x02binary", b"[1, 2]"])
def test_unreadable_files(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(FormatError):
        ingest(tmp_path, [{"path": path.name, "format": "twitter-v1"}])


def test_map_record_is_pure_and_typed():
    with pytest.raises(Exception) as info:
        twitter_v1.map_record("text", twitter_v1.Context())
    assert type(info.value).__name__ == "RecordError"
    mapped = twitter_v1.map_record(status(5, in_reply_to_status_id_str="4", in_reply_to_user_id_str="8",
                                          in_reply_to_screen_name="wijkagent"))
    assert [(i.kind, i.target_account, i.target_handle, i.target_message) for i in mapped.interactions] == [
        ("reply", "8", "wijkagent", "4")]


def test_reply_without_parent_ties_to_the_account_replied_to(tmp_path):
    """CONTRACT "Network definitions": an "@name …" reply (in_reply_to_user_id, no status id) is a reply
    tie to that account; before, it was a post without the tie."""
    orphan = status(7, "@burger klopt", in_reply_to_user_id_str="9", in_reply_to_screen_name="burger",
                    in_reply_to_status_id_str=None)
    (tmp_path / "t.jsonl").write_text(json.dumps(orphan) + "\n")
    store, [report] = ingest(tmp_path, [{"path": "t.jsonl", "format": "twitter-v1"}])
    m = message(store, "7")
    assert (m["kind"], m["parent"]) == ("reply", None)
    assert store.sql("SELECT kind, source_account, target_account, target_handle, target_message FROM interaction") == [
        ("reply", "1", "9", "burger", None)]
