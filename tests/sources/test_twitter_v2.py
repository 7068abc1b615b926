"""twitter-v2 on the real fixtures: exact counts as CONTRACT.md defines them."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _social_helpers import counts, detected, fixture, gzipped, ingest, message  # noqa: E402

CASES = {
    # file: (collected messages by kind, context messages, accounts, interactions by kind)
    "twitter_v2_twarc2_quote_reply_page.jsonl": ({"reply": 1}, 2, 2, {"mention": 1, "quote": 1, "reply": 1}),
    "twitter_v2_twarc2_page_TRIMMED.json": (
        {"post": 1, "quote": 1, "reply": 1, "repost": 1}, 3, 8, {"mention": 4, "quote": 1, "reply": 1, "repost": 1}),
    "twitter_v2_users_mentions_default_fields.json": ({"post": 10}, 0, 0, {}),
    "twitter_v2_quote_tweets_public_metrics.json": ({"post": 15}, 0, 14, {}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_counts(tmp_path, name):
    path = fixture(tmp_path, name)
    assert detected(path) == "twitter-v2"
    store, reports = ingest(tmp_path, [{"path": name}])
    assert reports[0].format == "twitter-v2" and reports[0].format_detected and reports[0].records_rejected == 0
    kinds, context, accounts, ties = CASES[name]
    got = counts(store)
    assert got["messages"] == kinds and got["context"] == context
    assert got["accounts"] == accounts and got["interactions"] == ties


@pytest.mark.parametrize("name", sorted(CASES))
def test_gzip_gives_the_same(tmp_path, name):
    plain_dir, packed_dir = tmp_path / "plain", tmp_path / "packed"
    plain_dir.mkdir()
    packed_dir.mkdir()
    gzipped(fixture(packed_dir, name))
    fixture(plain_dir, name)
    a, _ = ingest(plain_dir, [{"path": name}])
    b, reports = ingest(packed_dir, [{"path": name + ".gz"}])
    assert reports[0].format == "twitter-v2" and counts(a) == counts(b)


def test_default_fields_only_stay_null(tmp_path):
    fixture(tmp_path, "twitter_v2_users_mentions_default_fields.json")
    store, _ = ingest(tmp_path, [{"path": "twitter_v2_users_mentions_default_fields.json"}])
    rows = store.sql("SELECT account, created_at, like_count, language FROM message")
    assert len(rows) == 10 and all(r == (None, None, None, None) for r in rows)


def test_reply_quote_page_links_parent_and_context(tmp_path):
    fixture(tmp_path, "twitter_v2_twarc2_quote_reply_page.jsonl")
    store, _ = ingest(tmp_path, [{"path": "twitter_v2_twarc2_quote_reply_page.jsonl"}])
    m = message(store, "1576995594388000768")
    assert m["kind"] == "reply" and m["parent"] == "1576994789110992896" and m["root"] == "1576994789110992896"
    assert (m["like_count"], m["reply_count"], m["share_count"]) == (1, 1, 0)
    # the reply's target is named by id and handle; the quoted tweet is context, not counted
    assert store.sql("SELECT target_account, target_handle FROM interaction WHERE kind = 'reply'") == [("337119125", "wongmjane")]
    assert store.sql("SELECT count(*) FROM case_message WHERE NOT collected")[0][0] == 2


def test_reimport_changes_nothing(tmp_path):
    fixture(tmp_path, "twitter_v2_twarc2_page_TRIMMED.json")
    store, _ = ingest(tmp_path, [{"path": "twitter_v2_twarc2_page_TRIMMED.json"}])
    before = counts(store)
    store.close()
    store, reports = ingest(tmp_path, [{"path": "twitter_v2_twarc2_page_TRIMMED.json"}])
    assert reports[0].skipped_unchanged and counts(store) == before


def test_flattened_line_stores_the_users_it_carries_whole():
    """A twarc2 flattened line carries the users it mentions (each user object merged into its mention)
    and the user it replies to: each is an account with its name, so ``--pseudonymise`` can find the
    name in texts. A plain mention (handle and id) and a mention without an id stay ties only."""
    from civicnet.sources import twitter_v2

    def person(uid, handle, name):
        return {"id": uid, "username": handle, "name": name, "description": "bio",
                "created_at": "2012-05-06T07:08:09.000Z", "public_metrics": {"followers_count": 7, "following_count": 2}}

    line = {"id": "5", "text": "@kim_v @jan @gone hoi Kim Visser", "author_id": "1", "in_reply_to_user_id": "2",
            "created_at": "2021-04-08T15:07:30.000Z", "author": person("1", "ann", "Ann Smit"),
            "in_reply_to_user": person("2", "kim_v", "Kim Visser"),
            "entities": {"mentions": [{"start": 0, "end": 6, **person("2", "kim_v", "Kim Visser")},
                                      {"start": 7, "end": 11, "username": "jan", "id": "3"},
                                      {"start": 12, "end": 17, "username": "gone"}]}}
    mapped = twitter_v2.map_record(line)
    accounts = [(a.id, a.handle, a.name, a.followers) for a in mapped.accounts]
    assert accounts == [("1", "ann", "Ann Smit", 7), ("2", "kim_v", "Kim Visser", 7), ("2", "kim_v", "Kim Visser", 7)]
    assert [(i.kind, i.target_account, i.target_handle) for i in mapped.interactions] == [
        ("mention", "2", "kim_v"), ("mention", "3", "jan"), ("mention", None, "gone"), ("reply", "2", "kim_v")]


def test_real_flattened_file_stores_every_user_object(tmp_path):
    """Every user object in the real flattened file (authors, mentioned users, users replied to, also in
    referenced tweets; found here by plain json) is an account of the case with its handle and a name
    the file gives it."""
    import json

    name = "real/twarc2_flattened_TRIMMED.jsonl"
    (tmp_path / "real").mkdir()
    path = fixture(tmp_path, name)
    users: dict = {}

    def walk(value):
        if isinstance(value, dict):
            if {"id", "username", "name"} <= set(value):
                users.setdefault(value["id"], set()).add((value["username"], value["name"]))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            walk(json.loads(line))
    store, _ = ingest(tmp_path, [{"path": name}])
    stored = {i: (h, n) for i, h, n in store.sql(
        "SELECT a.id, a.handle, a.name FROM case_account c JOIN account a USING (platform, id)")}
    assert len(users) > 40
    assert {i: stored.get(i) for i in users if stored.get(i) not in users[i]} == {}


@pytest.mark.parametrize("username, handle", [(5, "5"), (["x"], None)])
def test_a_referenced_author_whose_username_is_no_text(tmp_path, username, handle):
    """A retweet of an author whose user object's username is a number or a list: read as an account's
    handle is (a number as text; any other value rejects the record), never a traceback."""
    import json

    from click.testing import CliRunner

    from civicnet.cli import main
    from civicnet.store.db import Store

    page = {"data": [{"id": "2", "text": "RT @x: hi", "author_id": "10", "created_at": "2021-03-01T00:00:00.000Z",
                      "referenced_tweets": [{"type": "retweeted", "id": "1"}], "edit_history_tweet_ids": ["2"]}],
            "includes": {"users": [{"id": "10", "username": "a", "name": "A"}],
                         "tweets": [{"id": "1", "text": "hi", "author_id": "11", "edit_history_tweet_ids": ["1"]}]}}
    plain = dict(page, data=[dict(page["data"][0], id="3", edit_history_tweet_ids=["3"], referenced_tweets=None)])
    page["includes"]["users"].append({"id": "11", "username": username, "name": "B"})
    (tmp_path / "p.jsonl").write_text(json.dumps(page) + "\n" + json.dumps(plain) + "\n")
    (tmp_path / "case.yaml").write_text("id: c\ntitle: t\nsources:\n  - {format: twitter-v2, path: p.jsonl}\n")
    result = CliRunner().invoke(main, ["ingest", "-q", "--store", str(tmp_path / "s.duckdb"), str(tmp_path / "case.yaml")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    with Store(tmp_path / "s.duckdb") as store:
        ties = store.sql("SELECT kind, target_account, target_handle FROM interaction WHERE kind = 'repost'")
        if handle is not None:
            assert ties == [("repost", "11", handle)]
        else:  # the retweet is rejected with the reason a wrong-typed text field gives
            assert ties == []
            assert store.sql("SELECT count(*) FROM message WHERE id = '2'") == [(0,)]
            assert "text field has the wrong type" in store.sql("SELECT rejects FROM import")[0][0]
