"""4cat: 4CAT dataset CSV and NDJSON downloads."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _social_helpers import counts, detected, gzipped, ingest, message

from civicnet.errors import FormatError
from civicnet.sources import fourcat

# The columns 4CAT's Twitter API v2 data source writes (datasources/twitterv2/search_twitter.py map_item).
TWITTER = ["id", "thread_id", "timestamp", "unix_timestamp", "link", "subject", "body", "author", "author_fullname",
           "author_id", "source", "language_guess", "possibly_sensitive", "retweet_count", "reply_count",
           "like_count", "quote_count", "is_retweet", "retweeted_user", "is_quote_tweet", "quoted_user", "is_reply",
           "replied_user", "hashtags", "urls", "images", "videos", "mentions", "long_lat", "place_name"]
# The columns of 4CAT's Telegram data source.
TELEGRAM = ["id", "thread_id", "chat", "author", "author_username", "author_name", "author_is_bot", "body",
            "reply_to", "views", "timestamp", "unix_timestamp", "attachment_type", "attachment_data"]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        for row in rows:
            w.writerow({k: row.get(k, "") for k in header})
    return path


def tweet(tid, author, author_id, **extra):
    row = {"id": tid, "thread_id": tid, "timestamp": "2021-01-01 12:00:00", "unix_timestamp": "1609502400",
           "link": f"https://twitter.com/{author}/status/{tid}", "body": f"tekst {tid}", "author": author,
           "author_fullname": author.title(), "author_id": author_id, "language_guess": "nl", "retweet_count": "2",
           "reply_count": "1", "like_count": "5", "quote_count": "0", "is_retweet": "no", "is_quote_tweet": "no",
           "is_reply": "no", "images": "", "videos": "", "mentions": ""}
    row.update(extra)
    return row


def test_twitter_csv(tmp_path):
    rows = [
        tweet("1", "gemeente", "10", mentions="burger,wijkagent"),
        tweet("2", "burger", "11", is_retweet="yes", retweeted_user="gemeente", body="RT @gemeente: tekst 1"),
        tweet("3", "wijkagent", "12", thread_id="1", is_reply="yes", replied_user="burger", images="https://p/x.jpg"),
        tweet("4", "burger", "11", is_quote_tweet="yes", quoted_user="wijkagent"),
    ]
    path = write_csv(tmp_path / "twitterv2-search.csv", TWITTER, rows)
    assert detected(path) == "4cat"
    store, [report] = ingest(tmp_path, [{"path": path.name, "format": "4cat"}])
    assert report.records_read == 4 and report.records_rejected == 0
    c = counts(store)
    assert c["messages"] == {"post": 1, "repost": 1, "reply": 1, "quote": 1}
    assert c["accounts"] == 3
    assert c["interactions"] == {"mention": 2, "repost": 1, "reply": 1, "quote": 1}
    # handles resolve to the ids the file gives
    assert set(store.sql("SELECT target_handle, target_account FROM interaction WHERE kind = 'mention'")) == {
        ("burger", "11"), ("wijkagent", "12")}
    first = message(store, "1")
    assert (first["platform"], first["account"], first["like_count"], first["share_count"], first["root"]) == (
        "twitter", "10", 5, 2, "1")
    assert str(first["created_at"]) == "2021-01-01 12:00:00" and first["has_media"] is False
    reply = message(store, "3")
    assert reply["root"] == "1" and reply["has_media"] is True and reply["parent"] is None


def test_telegram_csv_gzip_with_platform_option(tmp_path):
    rows = [
        {"id": "nieuws-1", "thread_id": "nieuws", "chat": "nieuws", "author": "700", "author_username": "redactie",
         "author_name": "Redactie", "body": "Nieuw bericht", "timestamp": "2022-05-01 10:00:00",
         "unix_timestamp": "1651399200", "attachment_type": "photo"},
        {"id": "nieuws-2", "thread_id": "nieuws", "chat": "nieuws", "author": "701", "author_username": "",
         "author_name": "Lezer", "body": "Klopt dit?", "reply_to": "1", "timestamp": "2022-05-01 10:05:00",
         "unix_timestamp": "1651399500", "attachment_type": ""},
    ]
    gz = gzipped(write_csv(tmp_path / "telegram.csv", TELEGRAM, rows))
    (tmp_path / "telegram.csv").unlink()
    assert detected(gz) == "4cat"
    store, _ = ingest(tmp_path, [{"path": gz.name, "format": "4cat"}])
    c = counts(store)
    assert c["messages"] == {"post": 1, "reply": 1} and c["accounts"] == 2
    reply = message(store, "nieuws-2")
    assert (reply["platform"], reply["parent"], reply["root"], reply["account"]) == ("other", "nieuws-1", None, "701")
    assert message(store, "nieuws-1")["has_media"] is True
    assert store.sql("SELECT handle, name FROM account WHERE id = '700'") == [("redactie", "Redactie")]


def test_ndjson_flat_and_raw_items(tmp_path):
    items = [
        {"id": "a1", "thread_id": "a1", "body": "flat", "author": "anon", "timestamp": "2021-01-01 12:00:00",
         "unix_timestamp": 1609502400, "subject": "Onderwerp"},
        {"id": 5, "_chat": {"username": "kanaal", "id": 9}, "_sender": {"id": 42, "username": "piet",
         "first_name": "Piet", "last_name": "Jansen"}, "message": "hallo", "date": 1651399200, "forwards": 3,
         "reply_to": {"reply_to_msg_id": 4}, "media": None},
        {"rest_id": "900", "legacy": {"full_text": "zeeschuimer @gemeente", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
         "favorite_count": 1, "retweet_count": 0, "lang": "nl", "conversation_id_str": "900",
         "entities": {"user_mentions": [{"id_str": "10", "screen_name": "gemeente"}]}},
         "core": {"user_results": {"result": {"rest_id": "77", "legacy": {"screen_name": "burger", "name": "B"}}}},
         "__import_meta": {"source_platform": "twitter.com", "timestamp_collected": 1}},
        {"id": "800", "text": "v2 via 4cat", "author_id": "10", "created_at": "2021-01-01T12:00:00.000Z",
         "author_user": {"id": "10", "username": "gemeente", "name": "Gemeente"}, "public_metrics": {
             "like_count": 4, "retweet_count": 1, "reply_count": 0, "quote_count": 0}, "edit_history_tweet_ids": ["800"]},
        {"something": "else", "__import_meta": {"source_platform": "tiktok.com"}},
    ]
    path = tmp_path / "dataset.ndjson"
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n")
    assert detected(path) == "4cat"
    store, [report] = ingest(tmp_path, [{"path": path.name, "format": "4cat"}])
    assert report.records_read == 5 and report.records_rejected == 1
    assert "tiktok.com" in next(iter(report.reject_reasons))
    assert message(store, "a1")["text"] == "Onderwerp\n\nflat"
    tg = message(store, "kanaal-5")
    assert (tg["parent"], tg["account"], tg["share_count"], tg["kind"]) == ("kanaal-4", "42", 3, "reply")
    z = message(store, "900")
    assert (z["platform"], z["account"], z["text"], z["root"]) == ("twitter", "77", "zeeschuimer @gemeente", "900")
    v2 = message(store, "800")
    assert (v2["account"], v2["like_count"]) == ("10", 4)
    assert store.sql("SELECT handle FROM account WHERE id = '10'") == [("gemeente",)]


def test_platform_from_links_and_option(tmp_path):
    header = ["id", "thread_id", "body", "author", "timestamp", "url", "parent_id"]
    rows = [{"id": "p1", "thread_id": "p1", "body": "post", "author": "pagina", "timestamp": "2021-01-01 12:00:00",
             "url": "https://www.instagram.com/p/p1/"},
            {"id": "c1", "thread_id": "p1", "body": "comment", "author": "lezer", "timestamp": "2021-01-01 12:01:00",
             "url": "https://www.instagram.com/p/p1/", "parent_id": "p1"}]
    write_csv(tmp_path / "ig.csv", header, rows)
    store, _ = ingest(tmp_path, [{"path": "ig.csv", "format": "4cat"}])
    assert counts(store)["messages"] == {"post": 1, "comment": 1}
    assert message(store, "c1")["platform"] == "instagram"
    (tmp_path / "other").mkdir()
    write_csv(tmp_path / "other" / "ig.csv", header, rows)
    store2, _ = ingest(tmp_path / "other", [{"path": "ig.csv", "format": "4cat", "platform": "facebook"}])
    assert store2.sql("SELECT DISTINCT platform FROM message") == [("facebook",)]
    assert store2.sql("SELECT handle FROM account WHERE handle IS NOT NULL") == []


def test_bad_rows_are_counted(tmp_path):
    rows = [tweet("1", "a", "1"), tweet("", "b", "2"), tweet("3", "c", "3", unix_timestamp="", timestamp="ooit"),
            tweet("4", "d", "4", like_count="veel")]
    write_csv(tmp_path / "t.csv", TWITTER, rows)
    store, [report] = ingest(tmp_path, [{"path": "t.csv", "format": "4cat"}])
    assert report.records_read == 4 and report.records_rejected == 3
    assert counts(store)["messages"] == {"post": 1}


@pytest.mark.parametrize("name,content", [
    ("e.csv", b""), ("h.csv", b"a,b,c\n1,2,3\n"), ("t.ndjson", b'{"id": "1", "body": "x", "thread'),
    ("b.csv", b"\x00\x01\x02\x03"), ("n.ndjson", b"[1, 2]\n"),
])
def test_unreadable_files(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(FormatError):
        ingest(tmp_path, [{"path": name, "format": "4cat"}])


def test_map_flat_missing_optional_fields():
    mapped = fourcat.map_flat({"id": "9", "body": "alleen tekst"})
    [m] = mapped.messages
    assert (m.account, m.created_at, m.like_count, m.has_media, m.platform, m.root) == (None, None, None, None, "other", "9")
    assert mapped.accounts == [] and mapped.interactions == []
