"""The twitter-v2 fast path (typed decoder, worker processes, Arrow batches) gives exactly the store the row
path (map_record) gives, table by table, on every fixture and on generated files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from civicnet.case import parse_case
from civicnet.errors import FormatError, RejectedRecord
from civicnet import sources
from civicnet.sources import SourceFile, twitter_v2
from civicnet.store import Store, ingest_case

TABLES = {"account": "id", "message": "id", "interaction": "key", "case_message": "id",
          "case_account": "id", "case_interaction": "key"}


def user(uid, name):
    return {"id": uid, "username": name, "name": name.title(), "description": "bio &amp; meer",
            "created_at": "2015-01-02T03:04:05.000Z",
            "public_metrics": {"followers_count": 10, "following_count": 3}}


def tweet(tid, author, text="hallo", **extra):
    t = {"id": tid, "author_id": author, "text": text, "created_at": "2021-03-01T10:00:00.000Z",
         "conversation_id": tid, "lang": "nl", "edit_history_tweet_ids": [tid],
         "public_metrics": {"like_count": 1, "retweet_count": 2, "reply_count": 0, "quote_count": 0}}
    t.update(extra)
    return t


def page(data, users=(), tweets=()):
    return {"data": list(data), "includes": {"users": list(users), "tweets": list(tweets)},
            "meta": {"result_count": len(data)}, "__twarc": {"url": "https://api.twitter.com/2/tweets/search/all"}}


def varied_pages() -> list[dict]:
    """Retweets, replies, quotes, mentions with and without ids, deleted authors, default-fields
    tweets, edits, duplicates across pages, HTML entities."""
    u = [user(str(100 + i), f"user_{i}") for i in range(6)]
    parent = tweet("900", "100", "origineel @user_2 &amp; zo", entities={"mentions": [{"username": "user_2"}]})
    p1 = page([
        tweet("1", "101", "RT @user_0: origineel", referenced_tweets=[{"type": "retweeted", "id": "900"}],
              entities={"mentions": [{"username": "user_0", "id": "100"}]}),
        tweet("2", "102", "@user_0 eens &lt;3", referenced_tweets=[{"type": "replied_to", "id": "900"}],
              in_reply_to_user_id="100", entities={"mentions": [{"username": "User_0"}, {"username": "user_0"}]}),
        tweet("3", "103", "kijk", referenced_tweets=[{"type": "quoted", "id": "900"}], attachments={"media_keys": ["3_1"]}),
        tweet("4", "999", "auteur verwijderd @nobody", entities={"mentions": [{"username": "nobody"}]}),
        {"id": "5", "text": "default fields only", "edit_history_tweet_ids": ["5"]},
        tweet("6", "104", "RT @gone: weg", referenced_tweets=[{"type": "retweeted", "id": "901"}]),
        tweet("7", "105", "eerste versie", edit_history_tweet_ids=["7"], attachments={}),
        tweet("8", "104", "reply to unknown", referenced_tweets=[{"type": "replied_to", "id": "902"}]),
    ], users=u + [u[0]], tweets=[parent, parent])
    p2 = page([
        tweet("17", "105", "tweede versie", edit_history_tweet_ids=["7", "17"]),
        dict(tweet("1", "101", "RT @user_0: origineel", referenced_tweets=[{"type": "retweeted", "id": "900"}]),
             public_metrics={"like_count": 5, "retweet_count": 9}),
        tweet("900", "100", "origineel, nu verzameld"),
        tweet(20, "100", "id as a number", conversation_id=20),
    ], users=[dict(u[0], name="Nieuwe naam", description=None) if False else dict(u[0], name="Nieuwe naam")])
    bad = page([
        tweet("30", "100", "goed"),
        {"text": "no id"},
        tweet("31", "100", created_at="gisteren"),
        tweet(["32"], "100"),
        tweet("33", "100", text=True),
        tweet("34", None, "null author", lang=None),
        tweet(" 35 ", "100", "id with spaces", public_metrics={"like_count": "1,234"}),
        tweet("36", "100", "quote of a number", referenced_tweets=[{"type": "quoted", "id": 7}]),
    ], users=[user("100", "user_0"), {"id": None, "username": "ghost"}, {"username": "no id"}])
    return [p1, p2, bad, page([], users=[user("200", "late")])]


def flattened_lines() -> list[dict]:
    author = user("100", "user_0")
    ref = dict(tweet("900", "101", "origineel"), type="retweeted", author=user("101", "user_1"))
    return [
        dict(tweet("1", "100", "RT @user_1: origineel", referenced_tweets=[ref],
                   entities={"mentions": [{"username": "user_1", "id": "101"}]}), author=author),
        dict(tweet("2", "100", "@user_1 antwoord", in_reply_to_user_id="101",
                   referenced_tweets=[dict(tweet("900", "101", "origineel"), type="replied_to")]),
             author=author, in_reply_to_user=user("101", "user_1")),
        dict(tweet("3", "102", "quote"), referenced_tweets=[{"type": "quoted", "id": "900"}]),
        tweet("4", "102", "no author object"),
        {"text": "no id here", "author": author},
    ]


def write_lines(path: Path, values, blank_lines: bool = False) -> Path:
    text = "".join(json.dumps(v) + ("\n\n" if blank_lines else "\n") for v in values)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


#: How the fast path runs: in this process, or in worker processes (every file cut into ranges, a
#: gzip stream handed on in ranges of a few hundred bytes, so pages and users fall in several ranges).
MODES = ("inline", "workers")


def ingest(tmp_path: Path, files, name: str, *, bulk: str | None, monkeypatch, strict=False):
    """Ingest ``files`` into a fresh store, by the fast path (``bulk``: a mode) or the row path (None);
    returns every table, the import rows and whether the fast path applied to each file."""
    from civicnet.sources import twitter_v2_bulk

    used = []
    real = twitter_v2.bulk_applies
    monkeypatch.setattr(twitter_v2, "bulk_applies", (lambda s, o: used.append(real(s, o)) or used[-1]) if bulk
                        else (lambda s, o: False))
    if bulk == "workers":
        monkeypatch.setattr(twitter_v2_bulk, "INLINE_BELOW", 0)
        monkeypatch.setattr(twitter_v2_bulk, "GZIP_RANGE_BYTES", 700)
        monkeypatch.setattr(twitter_v2_bulk, "workers", lambda: 2)
    case = parse_case({"id": "c", "title": "t", "sources": [{"path": str(f), "format": "twitter-v2"} for f in files]},
                      tmp_path / "case.yaml")
    with Store(tmp_path / f"{name}.duckdb") as store:
        ingest_case(case, store, strict=strict)
        tables = {t: store.sql(f"SELECT * FROM {t} ORDER BY {o}") for t, o in TABLES.items()}
        tables["import"] = store.sql("""SELECT path, records_read, records_rejected, messages_added, accounts_added,
                                        interactions_added, rejects FROM import ORDER BY id""")
    monkeypatch.undo()
    return tables, used


def assert_same(tmp_path, files, monkeypatch, expect_bulk=True, modes=MODES):
    """The fast path (each mode) and the row path give the same store, table by table."""
    rows, _ = ingest(tmp_path, files, "rows", bulk=None, monkeypatch=monkeypatch)
    for mode in modes:
        bulk, used = ingest(tmp_path, files, f"bulk-{mode}", bulk=mode, monkeypatch=monkeypatch)
        assert used and all(used) == expect_bulk
        for table in rows:
            assert bulk[table] == rows[table], (mode, table)
    return rows


def test_varied_pages_same_store(tmp_path, monkeypatch):
    f = write_lines(tmp_path / "pages.jsonl", varied_pages())
    tables = assert_same(tmp_path, [f], monkeypatch)
    records, rejected = tables["import"][0][1:3]
    assert rejected == 5 and records > 30
    reasons = json.loads(tables["import"][0][6])["reasons"]
    assert "no tweet id" in reasons and "no user id" in reasons
    assert any(r.startswith("unparseable created_at") for r in reasons)
    kinds = {row[2] for row in tables["interaction"]}
    assert kinds == {"mention", "repost", "reply", "quote"}


def test_clean_generated_pages_same_store(tmp_path, monkeypatch):
    f = _generator().generate(1500, tmp_path / "gen.jsonl", seed=7)
    tables = assert_same(tmp_path, [f], monkeypatch)
    assert tables["import"][0][2] == 0 and len(tables["case_message"]) > 1500


@pytest.mark.parametrize("name", ["flat.jsonl", "flat.jsonl.gz"])
def test_flattened_lines_same_store(tmp_path, monkeypatch, name):
    f = write_lines(tmp_path / name, flattened_lines(), blank_lines=True)
    tables = assert_same(tmp_path, [f], monkeypatch)
    assert tables["import"][0][2] == 1


def test_overlapping_files_and_gzip_same_store(tmp_path, monkeypatch):
    pages = varied_pages()
    a = write_lines(tmp_path / "a.jsonl", pages[:2])
    b = write_lines(tmp_path / "b.jsonl.gz", pages[1:])
    assert_same(tmp_path, [a, b], monkeypatch)


def test_explicit_nulls_same_store(tmp_path, monkeypatch):
    p = page([tweet("1", "100", attachments=None, referenced_tweets=[{"type": "quoted", "id": "2", "text": None}]),
              tweet("3", "100")], users=[user("100", "a"), {"id": None}])
    f = write_lines(tmp_path / "nulls.jsonl", [p, page([tweet("4", "100")])])
    assert_same(tmp_path, [f], monkeypatch)


def test_broken_lines_are_rejected_records_same_store(tmp_path, monkeypatch):
    """An interrupted ``twarc2 stream`` (last line cut off) and a garbled line inside: both are rejected
    records, the complete lines are imported, on both paths alike (CONTRACT: JSON Lines)."""
    f = tmp_path / "broken.jsonl"
    good = [json.dumps(page([tweet(str(n), "100")], users=[user("100", "a")])) for n in range(1, 6)]
    f.write_text(good[0] + "\n" + good[1] + "\n" + "{garbled\n" + "\n".join(good[2:]) + "\n" + good[0][:57])
    tables = assert_same(tmp_path, [f], monkeypatch)
    path, read, rejected = tables["import"][0][:3]
    assert (read, rejected) == (5 * 2 + 2, 2)  # five pages of a tweet and a user, and two broken lines
    rejects = json.loads(tables["import"][0][6])["rejects"]
    assert [r["location"] for r in rejects] == ["line 3", "line 7"]
    assert all(r["reason"].startswith("broken line: invalid JSON") for r in rejects)
    assert sorted(row[2] for row in tables["case_message"]) == ["1", "2", "3", "4", "5"]


def test_interrupted_stream_keeps_the_fast_path(tmp_path, monkeypatch):
    """Only the last line cut off (an interrupted ``twarc2 stream``): the fast path reads the complete
    lines and rejects the cut one; the store equals the row path's."""
    lines = [json.dumps(page([tweet(str(n), "100")], users=[user("100", "a")])) for n in range(1, 6)]
    for name, text in (("cut.jsonl", "\n".join(lines) + "\n" + lines[0][:70]),
                       ("cut-blank.jsonl", "\n".join(lines) + "\n" + lines[0][:70] + "\n\n")):
        f = tmp_path / name
        f.write_text(text)
        tables = assert_same(tmp_path, [f], monkeypatch)
        assert tables["import"][0][1:3] == (11, 1)
        assert json.loads(tables["import"][0][6])["rejects"][0]["location"] == "line 6"


def test_cut_off_first_line_is_a_rejected_record(tmp_path, monkeypatch):
    f = tmp_path / "cut-first.jsonl"
    f.write_text('{"data": [{"id": "9", "te\n' + json.dumps(page([tweet("1", "100")])) + "\n")
    tables = assert_same(tmp_path, [f], monkeypatch, expect_bulk=False)
    assert tables["import"][0][1:3] == (2, 1)


def test_count_out_of_range_is_a_rejected_record_same_store(tmp_path, monkeypatch):
    """``like_count: 10**30`` (issue 21: OverflowError on both paths) is a rejected record with its reason."""
    huge = tweet("2", "100", public_metrics={"like_count": 10**30, "retweet_count": 0})
    f = write_lines(tmp_path / "huge.jsonl", [page([tweet("1", "100"), huge], users=[user("100", "a")])])
    tables = assert_same(tmp_path, [f], monkeypatch)
    reasons = json.loads(tables["import"][0][6])["reasons"]
    assert reasons == {"like_count out of range: 1e+30": 1}  # orjson reads 10**30 as a float
    assert [row[2] for row in tables["case_message"]] == ["1"]


def test_reply_without_parent_ties_to_the_account_same_store(tmp_path, monkeypatch):
    """A reply whose parent is absent (no replied_to reference) but names the account replied to is a
    reply tie to that account (CONTRACT "Network definitions"), on both paths."""
    orphan = tweet("2", "100", "@user_1 weg", in_reply_to_user_id="101")
    f = write_lines(tmp_path / "orphan.jsonl", [page([tweet("1", "101"), orphan],
                                                      users=[user("100", "user_0"), user("101", "user_1")])])
    tables = assert_same(tmp_path, [f], monkeypatch)
    ties = [(row[2], row[3], row[4], row[5]) for row in tables["interaction"]]
    assert ties == [("reply", "100", "101", "user_1")]
    kinds = {row[1]: row[6] for row in tables["message"]}
    assert kinds == {"1": "post", "2": "reply"}


def test_strict_same_error(tmp_path, monkeypatch):
    f = write_lines(tmp_path / "pages.jsonl", varied_pages())
    messages = []
    for bulk in (None, *MODES):
        with pytest.raises(RejectedRecord) as err:
            ingest(tmp_path, [f], f"strict{bulk}", bulk=bulk, monkeypatch=monkeypatch, strict=True)
        messages.append(str(err.value))
    assert len(set(messages)) == 1 and "line 3, data[1]" in messages[0]


def test_bulk_applies_only_to_tweet_lines(tmp_path):
    lines = write_lines(tmp_path / "p.jsonl", varied_pages())
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(varied_pages()[0], indent=2))
    users = write_lines(tmp_path / "followers.jsonl", [{"data": [user("1", "a")], "__twarc": {}}])
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + lines.read_bytes())
    assert twitter_v2.bulk_applies(SourceFile(lines), {})
    assert not twitter_v2.bulk_applies(SourceFile(pretty), {})
    assert not twitter_v2.bulk_applies(SourceFile(users), {})
    assert not twitter_v2.bulk_applies(SourceFile(bom), {})
    assert not twitter_v2.bulk_applies(SourceFile(lines), {"relation": "followers", "account": "1"})
    assert not twitter_v2.bulk_applies(SourceFile(lines, encoding="windows-1252"), {})


FIXTURES = Path(__file__).parents[1] / "fixtures"
TWITTER_V2_FIXTURES = sorted(p.relative_to(FIXTURES).as_posix() for p in [*FIXTURES.glob("*"), *FIXTURES.glob("real/*")]
                             if p.is_file() and p.suffix in (".json", ".jsonl")
                             and sources.detect(SourceFile(p)) == "twitter-v2")


#: fixtures the fast path leaves to the row path: pretty-printed documents, users (no tweets)
ROW_PATH_ONLY = {"collect_x_followers_page.json", "real/twarc2_users_lookup.jsonl", "twitter_v2_twarc2_page_TRIMMED.json",
                 "twitter_v2_users_mentions_default_fields.json"}


def test_every_twitter_v2_fixture_is_compared():
    assert len(TWITTER_V2_FIXTURES) >= 11 and "real/twarc2_flattened_TRIMMED.jsonl" in TWITTER_V2_FIXTURES


@pytest.mark.parametrize("name", TWITTER_V2_FIXTURES)
def test_every_fixture_same_store(tmp_path, monkeypatch, name):
    """Each twitter-v2 fixture, plain and gzip: the fast path (where it applies: JSON Lines of tweets)
    gives the row path's store."""
    plain = tmp_path / Path(name).name
    plain.write_bytes((FIXTURES / name).read_bytes())
    packed = tmp_path / (plain.name + ".gz")
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    applies = twitter_v2.bulk_applies(SourceFile(plain), {})
    assert applies == (name not in ROW_PATH_ONLY)
    assert_same(tmp_path, [plain], monkeypatch, expect_bulk=applies)
    assert_same(tmp_path, [packed], monkeypatch, expect_bulk=applies, modes=("inline",))


def test_generated_pages_in_ranges_same_store(tmp_path, monkeypatch):
    """A generated file with planted groups, cut into ranges: every user appears on many pages and
    in both ranges (the remembered users must not change the merge)."""
    gen = _generator()
    f = gen.generate(2000, tmp_path / "planted.jsonl", seed=3, groups=5, government=2, questions=0.05, accounts=300)
    assert_same(tmp_path, [f], monkeypatch)


def test_large_integers_read_as_the_row_path_reads_them(tmp_path, monkeypatch):
    """A number beyond 64 bits: orjson (the row path's reader) makes it a float, so the fast path reads
    such a line as the row path does (an id 1e+20, a count out of range rejected with the same reason)."""
    text = (json.dumps(page([tweet("1", "100"), tweet("2", "100")], users=[user("100", "a")]))
            .replace('"id": "1"', '"id": 100000000000000000000')
            .replace('"like_count": 1', '"like_count": -9223372036854775809', 1))
    f = tmp_path / "big.jsonl"
    f.write_text(text + "\n" + json.dumps(page([tweet("3", "100")])) + "\n")
    tables = assert_same(tmp_path, [f], monkeypatch)
    reasons = json.loads(tables["import"][0][6])["reasons"]
    assert reasons == {"like_count out of range: -9.223372036854776e+18": 1}


def test_a_line_of_another_shape_same_outcome(tmp_path, monkeypatch):
    """A line holding an array of tweets is read; a line holding a bare number cannot be read (the
    same FormatError, naming the line, on both paths)."""
    ok = tmp_path / "array.jsonl"
    ok.write_text(json.dumps(page([tweet("1", "100")])) + "\n" + json.dumps([tweet("2", "100"), 5]) + "\n")
    tables = assert_same(tmp_path, [ok], monkeypatch)
    assert json.loads(tables["import"][0][6])["rejects"] == [
        {"location": "line 2, item 2", "reason": "expected a JSON object, found int"}]
    bad = tmp_path / "number.jsonl"
    bad.write_text(json.dumps(page([tweet("1", "100")])) + "\n\n42\n")
    errors = []
    for bulk in (None, *MODES):
        with pytest.raises(FormatError) as err:
            ingest(tmp_path, [bad], f"number{bulk}", bulk=bulk, monkeypatch=monkeypatch)
        errors.append(str(err.value))
    assert len(set(errors)) == 1 and "(line 3)" in errors[0], errors


def _generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen", Path(__file__).parents[2] / "benchmarks" / "generate_twarc2.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return gen


def _tracked_workers(monkeypatch) -> list:
    """Two workers for every file, each started process listed in the list returned."""
    import subprocess

    from civicnet.sources import twitter_v2_bulk

    started = []
    real = subprocess.Popen
    monkeypatch.setattr(twitter_v2_bulk.subprocess, "Popen", lambda *a, **k: started.append(real(*a, **k)) or started[-1])
    monkeypatch.setattr(twitter_v2_bulk, "INLINE_BELOW", 0)
    monkeypatch.setattr(twitter_v2_bulk, "workers", lambda: 2)
    return started


def test_workers_end_when_the_import_stops_early(tmp_path, monkeypatch):
    """An import that stops while workers still send (an error while staging, Ctrl-C) ends them."""
    from civicnet.sources import twitter_v2_bulk

    f = _generator().generate(3000, tmp_path / "gen.jsonl", seed=2)
    started = _tracked_workers(monkeypatch)
    batches = twitter_v2_bulk.BulkRead(SourceFile(f), {}, strict=False).batches()
    assert len(next(batches))
    batches.close()
    assert len(started) == 2 and all(p.poll() is not None for p in started)


@pytest.mark.parametrize("objects", [0, 3], ids=["fingerprints only", "objects then fingerprints"])
def test_users_remembered_by_fingerprint_same_store(tmp_path, monkeypatch, objects):
    """Beyond OBJECT_MEMORY ids a range remembers its users by fingerprint, beyond USER_MEMORY it forgets
    them all: the store is still the row path's (users repeated, changed and repeated again)."""
    from civicnet.sources import twitter_v2_lines

    f = write_lines(tmp_path / "pages.jsonl", varied_pages() + varied_pages()[:2] + varied_pages()[1:])
    g = _generator().generate(400, tmp_path / "gen.jsonl", seed=3)
    rows, _ = ingest(tmp_path, [f, g], "rows", bulk=None, monkeypatch=monkeypatch)
    monkeypatch.setattr(twitter_v2_lines, "OBJECT_MEMORY", objects)
    monkeypatch.setattr(twitter_v2_lines, "USER_MEMORY", 9)
    bulk, used = ingest(tmp_path, [f, g], "bulk", bulk="inline", monkeypatch=monkeypatch)  # it undoes the patches
    assert used == [True, True]
    for table in rows:
        assert bulk[table] == rows[table], table


def test_workers_stage_their_rows_and_report_what_they_cannot_write(tmp_path, monkeypatch):
    """Given the staging folder, the workers write the rows themselves (the batches carry only their sizes,
    which add up to the file's) and list their files; a folder they cannot write into is an OSError
    naming the file, raised here (not a crashed worker)."""
    from civicnet.sources import twitter_v2_bulk
    from civicnet.sources.twitter_v2_bulk import BulkRead

    monkeypatch.setattr(twitter_v2_bulk, "INLINE_BELOW", 0)
    monkeypatch.setattr(twitter_v2_bulk, "workers", lambda: 2)
    path = write_lines(tmp_path / "a.jsonl", varied_pages() * 3)
    source = SourceFile(path)
    (tmp_path / "stage").mkdir()
    bulk = BulkRead(source, {}, strict=False)
    bulk.stage_into(tmp_path / "stage")
    batches = list(bulk.batches())
    assert batches and not any(len(b) for b in batches) and sum(b.size for b in batches) == path.stat().st_size
    assert {t for t, _ in bulk.staged} == {"account", "message", "interaction"}
    assert all(Path(f).parent == tmp_path / "stage" and Path(f).exists() for _, f in bulk.staged)
    bulk = BulkRead(SourceFile(path), {}, strict=False)
    bulk.stage_into(tmp_path / "missing")
    with pytest.raises(OSError) as err:
        list(bulk.batches())
    assert str(tmp_path / "missing") in str(err.value.filename) and "worker failed" not in str(err.value)


def test_an_import_stopped_while_workers_stage_ends_them_first(tmp_path, monkeypatch):
    """Ctrl-C (here: the progress callback) while the workers write their staged files: they are ended
    before the error leaves the import, and the staging folder is gone with the error."""
    f = _generator().generate(3000, tmp_path / "gen.jsonl", seed=3)
    started = _tracked_workers(monkeypatch)

    def progress(label, done, total):
        if 0 < done < total:
            raise KeyboardInterrupt

    case = parse_case({"id": "c", "title": "t", "sources": [{"path": str(f), "format": "twitter-v2"}]},
                      tmp_path / "case.yaml")
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest_case(case, store, progress=progress)
        assert len(started) == 2 and all(p.poll() is not None for p in started)
        assert store.sql("SELECT count(*) FROM message")[0][0] == 0
    assert not list(tmp_path.glob("s.duckdb.staging-*"))
