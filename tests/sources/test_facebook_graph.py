"""facebook-graph: Graph API posts, comments edges, single posts, JSON Lines of pages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _social_helpers import counts, detected, fixture, gzipped, ingest, message

from civicnet.errors import FormatError
from civicnet.sources import facebook_graph

POSTS = "facebook_graph_posts_with_comments_from_reactions.json"
COMMENTS = "facebook_graph_comments_page1.json"
POST = "facebook_graph_post_model.json"


def test_real_posts_with_comments(tmp_path):
    path = fixture(tmp_path, POSTS)
    assert detected(path) == "facebook-graph"
    store, [report] = ingest(tmp_path, [{"path": POSTS, "format": "facebook-graph"}])
    assert report.records_read == 18 and report.records_rejected == 0
    c = counts(store)
    assert c["messages"] == {"post": 2, "comment": 16}
    assert c["accounts"] == 15  # comment authors; the posts were fetched without `from`
    assert c["interactions"] == {}  # post authors unknown: no comment ties, no mentions
    post = message(store, "19292868552_10158347294088553")
    assert post["account"] is None
    assert (post["like_count"], post["share_count"], post["reply_count"], post["has_media"]) == (82, 5, 12, True)
    comment = message(store, "19292868552_10158347294088553_10158347465803553")
    assert comment["kind"] == "comment" and comment["parent"] == post["id"] and comment["root"] == post["id"]
    assert comment["account"] == "100067902237258" and comment["like_count"] == 1


def test_by_page_option_attributes_posts_to_the_page(tmp_path):
    fixture(tmp_path, POSTS)
    store, _ = ingest(tmp_path, [{"path": POSTS, "format": "facebook-graph", "by_page": True}])
    c = counts(store)
    assert c["accounts"] == 20  # 15 commenters, the page, 4 pages named in message_tags
    assert c["interactions"] == {"comment": 16, "mention": 4}  # message_tags of pages
    ties = store.sql("SELECT DISTINCT target_account FROM interaction WHERE kind = 'comment'")
    assert ties == [("19292868552",)]


def test_real_comments_page_without_from_or_ids(tmp_path):
    path = fixture(tmp_path, COMMENTS)
    assert detected(path) == "facebook-graph"
    store, [report] = ingest(tmp_path, [{"path": COMMENTS, "format": "facebook-graph"}])
    assert report.records_read == 10 and report.records_rejected == 0
    c = counts(store)
    assert c["messages"] == {"comment": 6, "reply": 4}
    assert c["accounts"] == 0 and c["interactions"] == {}
    reply = message(store, "10158407654328553_10158409984103553")
    assert reply["kind"] == "reply" and reply["parent"] == "10158407654328553_10158407835073553"
    assert reply["root"] == "19292868552_10158407654328553"  # from the paging URL
    assert reply["account"] is None
    first = message(store, "10158407654328553_10158407835073553")
    assert first["kind"] == "comment" and first["parent"] == "19292868552_10158407654328553" and first["reply_count"] == 1


def test_real_single_post(tmp_path):
    path = fixture(tmp_path, POST)
    assert detected(path) == "facebook-graph"
    store, _ = ingest(tmp_path, [{"path": POST, "format": "facebook-graph"}])
    post = message(store, "565225540184937_4018908568149933")
    assert (post["kind"], post["like_count"], post["reply_count"], post["has_media"]) == ("post", 8878, 47, True)
    assert str(post["created_at"]) == "2020-02-18 05:20:33"


def page_post(pid, author, name, comments=(), reactions=(), **extra):
    post = {"id": pid, "from": {"id": author, "name": name}, "message": f"bericht {pid}",
            "created_time": "2014-01-05T10:00:00+0000", "permalink_url": f"https://www.facebook.com/{pid.replace('_', '/posts/')}"}
    if comments:
        post["comments"] = {"data": list(comments), "summary": {"total_count": len(comments)}}
    if reactions:
        post["reactions"] = {"data": list(reactions), "summary": {"total_count": len(reactions)}}
    post.update(extra)
    return post


def comment(cid, author, replies=(), **extra):
    c = {"id": cid, "from": {"id": author, "name": author.upper()}, "message": f"reactie {cid}",
         "created_time": "2014-01-05T11:00:00+0000", "like_count": 1, "comment_count": len(replies)}
    if replies:
        c["comments"] = {"data": list(replies)}
    c.update(extra)
    return c


def demo_pages():
    first = {"data": [
        page_post("111_1", "111", "Gemeente", comments=[
            comment("1_10", "u1", replies=[comment("1_11", "111"), comment("1_12", "u2")]),
            comment("1_20", "u3"),
        ], reactions=[{"id": "u4", "name": "Vier", "type": "LIKE"}, {"id": "u5", "name": "Vijf", "type": "LOVE"}],
            shares={"count": 3}, message_tags=[{"id": "u9", "name": "Negen", "type": "user", "offset": 0, "length": 5}],
            full_picture="https://x/y.jpg"),
        page_post("111_2", "u6", "Burger"),
    ], "paging": {"next": "https://graph.facebook.com/v19.0/111/feed?after=x"}}
    second = {"data": [page_post("111_3", "111", "Gemeente")], "paging": {}}
    return [first, second]


def test_generated_page_feed_jsonl_gzip_round_trip(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in demo_pages()) + "\n")
    gz = gzipped(path)
    path.unlink()
    assert detected(gz) == "facebook-graph"
    store, [report] = ingest(tmp_path, [{"path": gz.name, "format": "facebook-graph"}])
    assert report.records_read == 7 and report.records_rejected == 0
    c = counts(store)
    assert c["messages"] == {"post": 2, "post_to_page": 1, "comment": 2, "reply": 2}
    assert c["accounts"] == 8
    assert c["interactions"] == {"comment": 2, "reply": 2, "like": 2, "mention": 1}
    ties = set(store.sql("SELECT kind, source_account, target_account, target_message FROM interaction"))
    assert ("reply", "111", "u1", "1_10") in ties and ("reply", "u2", "u1", "1_10") in ties
    assert ("comment", "u3", "111", "111_1") in ties and ("like", "u5", "111", "111_1") in ties
    post = message(store, "111_1")
    assert (post["like_count"], post["share_count"], post["reply_count"], post["has_media"]) == (2, 3, 2, True)
    webcare = message(store, "1_11")
    assert (webcare["kind"], webcare["parent"], webcare["root"], webcare["account"]) == ("reply", "1_10", "111_1", "111")
    assert message(store, "111_2")["account"] == "u6"


def test_group_feed_and_comments_edge_with_parent(tmp_path):
    feed = {"data": [page_post("222_1", "u1", "Lid"), page_post("222_2", "u2", "Lid twee")]}
    (tmp_path / "group.json").write_text(json.dumps(feed))
    edge = {"data": [
        {"id": "1_5", "from": {"id": "u3", "name": "D"}, "message": "eerste", "created_time": "2014-01-05T12:00:00+0000"},
        {"id": "1_6", "message": "antwoord zonder from", "created_time": "2014-01-05T12:05:00+0000", "parent": {"id": "1_5"}},
        {"id": "1_7", "from": {"id": "u4", "name": "E"}, "message": "nog een", "created_time": "2014-01-05T12:06:00+0000",
         "parent": {"id": "1_5"}},
    ]}
    (tmp_path / "comments.json").write_text(json.dumps(edge))
    store, _ = ingest(tmp_path, [
        {"path": "group.json", "format": "facebook-graph", "group": True},
        {"path": "comments.json", "format": "facebook-graph", "post": "222_1"},
    ])
    c = counts(store)
    assert c["messages"] == {"group_post": 2, "comment": 1, "reply": 2}
    assert c["interactions"] == {"reply": 1}  # u4 → u3; the reply without `from` has no tie
    assert message(store, "1_5")["parent"] == "222_1"
    assert message(store, "1_6")["account"] is None


def test_missing_optional_fields(tmp_path):
    (tmp_path / "p.json").write_text(json.dumps({"id": "5_6", "created_time": "2020-01-01T00:00:00+0000"}))
    store, _ = ingest(tmp_path, [{"path": "p.json", "format": "facebook-graph"}])
    m = message(store, "5_6")
    assert (m["account"], m["text"], m["like_count"], m["share_count"], m["reply_count"], m["has_media"]) == (
        None, None, None, None, None, None)
    assert m["url"] == "https://www.facebook.com/5/posts/6"


def test_bad_records_are_counted(tmp_path):
    page = {"data": [page_post("1_1", "1", "P"), {"message": "geen id", "created_time": "2020-01-01T00:00:00+0000"},
                     dict(page_post("1_2", "1", "P"), created_time="nooit")]}
    (tmp_path / "p.json").write_text(json.dumps(page))
    store, [report] = ingest(tmp_path, [{"path": "p.json", "format": "facebook-graph"}])
    assert report.records_read == 3 and report.records_rejected == 2
    assert counts(store)["messages"] == {"post": 1}


@pytest.mark.parametrize("content", [
    b"", b'{"data": [{"id": "1_1", "crea', b'{"error": {"message": "Invalid OAuth access token", "code": 190}}',
    b'{"foo": "bar"}', b"[1, 2]", b"\x89PNG\r\n\x1a\n\x00\x00",
])
def test_unreadable_files(tmp_path, content):
    (tmp_path / "bad.json").write_bytes(content)
    with pytest.raises(FormatError):
        ingest(tmp_path, [{"path": "bad.json", "format": "facebook-graph"}])


def test_map_record_rejects_non_objects():
    with pytest.raises(Exception) as info:
        facebook_graph.map_record(["x"], facebook_graph.Context())
    assert type(info.value).__name__ == "RecordError"
