"""The Twitter/X account archive (`twitter-archive`): data/tweets.js, follower.js, following.js, account.js.

The fixture folder tests/fixtures/twitter_archive is written in the archive's own format (its field
names, nesting, numbers as text, the `window.YTD.<name>.part0 = ` prefix), as two public archives
have it (tests/fixtures/README.md); the expected figures below are counted from its items by hand.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.errors import AllRejected
from civicnet.sources import twitter_archive

sys.path.insert(0, str(Path(__file__).parent))
from _helpers import FIXTURES, counts, detected, ingest  # noqa: E402

ARCHIVE = FIXTURES / "twitter_archive"
ACCOUNT = "1310000000000000001"


def run(args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def archive(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ARCHIVE, folder)
    return folder


@pytest.mark.parametrize("name", ["tweets.js", "follower.js", "following.js", "account.js"])
def test_the_archives_files_it_reads_are_detected(name):
    assert detected(ARCHIVE / name) == "twitter-archive"


@pytest.mark.parametrize("name", ["like.js", "direct-messages.js"])
def test_likes_and_direct_messages_are_no_format(name):
    """Direct messages are private: no format claims them, so nothing reads them."""
    assert detected(ARCHIVE / name) is None


def test_tweets_follows_and_the_account(tmp_path, archive):
    store, reports = ingest(tmp_path, [{"path": str(archive / n)} for n in
                                       ("account.js", "tweets.js", "follower.js", "following.js")])
    assert [r.format for r in reports] == ["twitter-archive"] * 4
    c = counts(store)
    # tweets 1 and 4 are posts, 2 and 5 replies (5 to the account's own tweet), 3 a retweet
    assert c["messages"] == {"post": 2, "reply": 2, "repost": 1} and c["context"] == 0
    # mentions: buurtbewoner (2), gemeente (3), politie + gemeente (4), itself (5); replies 2 and 5; the
    # retweet of the gemeente; 3 followers and 2 followed
    assert c["interactions"] == {"mention": 5, "reply": 2, "repost": 1, "follow": 5}
    authors = store.sql("SELECT DISTINCT account FROM message")
    assert authors == [(ACCOUNT,)]
    assert store.sql("SELECT handle, name FROM account WHERE id = ?", [ACCOUNT]) == [("wijkagent_lisse", "Wijkagent Lisse")]
    # the retweet: a repost of the account it names, its parent and counts unknown
    assert store.sql("SELECT kind, parent, like_count, share_count FROM message WHERE id = '1630000000000000003'") == [
        ("repost", None, None, None)]
    assert store.sql("SELECT target_account, target_handle FROM interaction WHERE kind = 'repost'") == [
        ("98765432", "gemeentelisse")]
    # counts come as text; the post with a photo has media
    assert store.sql("SELECT like_count, share_count, has_media, url FROM message WHERE id = '1630000000000000001'") == [
        (14, 3, True, "https://twitter.com/wijkagent_lisse/status/1630000000000000001")]
    follows = set(store.sql("SELECT source_account, target_account FROM interaction WHERE kind = 'follow'"))
    assert follows == {("1400000000000000011", ACCOUNT), ("98765432", ACCOUNT), ("1400000000000000012", ACCOUNT),
                       (ACCOUNT, "98765432"), (ACCOUNT, "123456789")}
    # account.js gives the account's name, never its e-mail address, and warns of nothing
    dumped = json.dumps(store.sql("SELECT * FROM account"), default=str)
    assert "example.invalid" not in dumped
    assert reports[0].warnings == []


def test_without_its_account_tweets_have_no_author_and_follows_are_rejected(tmp_path):
    folder = tmp_path / "alleen"
    folder.mkdir()
    for name in ("tweets.js", "follower.js"):
        shutil.copy(ARCHIVE / name, folder / name)
    store, [tweets] = ingest(tmp_path, [{"path": str(folder / "tweets.js")}])
    assert store.sql("SELECT count(*) FROM message WHERE account IS NULL")[0][0] == 5
    assert tweets.yielded["anonymous"] == 5 and [w.kind for w in tweets.warnings] == ["anonymous"]
    assert "account.js" in tweets.warnings[0].text("en")
    with pytest.raises(AllRejected) as refused:  # every follow needs the account: an input error, saying how
        ingest(tmp_path / "alleen", [{"path": str(folder / "follower.js")}])
    assert "account.js" in str(refused.value) and "`account: ID, handle: NAME`" in str(refused.value)


def test_the_account_named_in_the_source_entry(tmp_path):
    folder = tmp_path / "alleen"
    folder.mkdir()
    shutil.copy(ARCHIVE / "tweets.js", folder / "tweets.js")
    store, _ = ingest(tmp_path, [{"path": str(folder / "tweets.js"), "account": ACCOUNT, "handle": "@wijkagent_lisse"}])
    assert store.sql("SELECT DISTINCT account FROM message") == [(ACCOUNT,)]
    assert store.sql("SELECT handle FROM account WHERE id = ?", [ACCOUNT]) == [("wijkagent_lisse",)]


def test_a_folder_of_the_archive_is_a_case_and_its_private_files_are_left_out(archive, tmp_path):
    code, out, err = run(["run", archive, "--out", tmp_path / "out", "--no-pdf", "--lang", "en"])
    assert code == 0, err
    assert "left out, no export format civicnet knows: direct-messages.js, like.js" in err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["counts"]["messages"] == 5 and summary["counts"]["reposts"] == 1
    assert summary["counts"]["likes"] == 14 + 2 + 21 + 1
    written = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / "out").iterdir())
    assert "GEHEIM" not in written and "Dorpsstraat" not in written and "example.invalid" not in written
    assert "Warning" not in err  # account.js is the archive's own account, not a lookup list
    # the factsheet says what an archive cannot show: the others' side
    code, _, err = run(["run", archive, "--out", tmp_path / "nl", "--no-pdf"])
    assert code == 0, err
    sheet = (tmp_path / "nl" / "factsheet.html").read_text(encoding="utf-8")
    assert "Een accountarchief van X (twitter-archive) bevat alleen wat het account zelf schreef" in sheet
    assert "accountarchief" not in (tmp_path / "out" / "factsheet.html").read_text(encoding="utf-8")
    assert "An X account archive (twitter-archive) holds only" in (tmp_path / "out" / "factsheet.html").read_text(
        encoding="utf-8")


def test_a_trailing_semicolon_and_a_cut_file(tmp_path):
    text = (ARCHIVE / "tweets.js").read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "tweets.js").write_text(text.rstrip() + ";\n", encoding="utf-8")
    store, reports = ingest(tmp_path / "a", [{"path": str(tmp_path / "a" / "tweets.js")}])
    assert reports[0].records_read == 5
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "tweets.js").write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    code, _, err = run(["ingest", (tmp_path / "b" / "tweets.js"), "--lang", "en", "-q"])
    assert code == 1 and "tweets.js (item 4): cannot read as twitter-archive: the file ends inside its array: cut off?" \
        in err, err
    code, _, err = run(["ingest", (tmp_path / "b" / "tweets.js"), "-q"])  # said in Dutch as well
    assert code == 1 and "tweets.js (item 4): niet te lezen als twitter-archive: het bestand houdt op binnen" in err, err
    (tmp_path / "b" / "tweets.js").write_text(text.replace('"full_text" :', '"full_text" ;', 1), encoding="utf-8")
    code, _, err = run(["ingest", (tmp_path / "b" / "tweets.js"), "-q", "--lang", "en"])
    assert code == 1 and "tweets.js (item 1): cannot read as twitter-archive: invalid JSON: lexical error:" in err, err
    assert "right here" not in err


def test_a_wrong_account_option_names_the_option(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(ARCHIVE / "tweets.js", folder / "tweets.js")
    (folder / "case.yaml").write_text("id: c\ntitle: C\nsources:\n  - {path: tweets.js, account: wijkagent}\n")
    code, _, err = run(["ingest", folder / "case.yaml", "-q"])
    assert code == 1 and "`account` moet het numerieke id van het account zijn, niet 'wijkagent'" in err, err
    (folder / "case.yaml").write_text("id: c\ntitle: C\nsources:\n  - {path: tweets.js, handle: wijkagent}\n")
    code, _, err = run(["ingest", folder / "case.yaml", "-q", "--lang", "en"])
    assert code == 1 and "`handle` needs `account:` too" in err, err


def test_the_parts_an_archive_names():
    assert twitter_archive.part_of(b"window.YTD.tweets.part0 = [") == "tweets"
    assert twitter_archive.part_of(b"\xef\xbb\xbfwindow.YTD.tweet.part2 =[") == "tweet"
    assert twitter_archive.part_of(b"window.YTD.direct_messages.part0 = [") == "direct_messages"
    assert twitter_archive.part_of(b'{"window": 1}') is None


def test_an_account_js_that_links_elsewhere_is_not_read(tmp_path):
    """Only the account.js that lies beside the file names its author: a link to one elsewhere is not
    followed (a case file reads only its own folder: docs/case-file.md)."""
    elsewhere, folder = tmp_path / "elders", tmp_path / "archief"
    elsewhere.mkdir()
    folder.mkdir()
    shutil.copy(ARCHIVE / "account.js", elsewhere / "account.js")
    shutil.copy(ARCHIVE / "tweets.js", folder / "tweets.js")
    (folder / "account.js").symlink_to(elsewhere / "account.js")
    store, _ = ingest(tmp_path, [{"path": str(folder / "tweets.js")}])
    assert store.sql("SELECT count(*) FROM message WHERE account IS NULL")[0][0] == 5


def test_the_unzipped_archive_itself_points_to_its_data_folder(tmp_path):
    """An archive unzipped as X gives it: the exports are in data/, beside "Your archive.html"."""
    root = tmp_path / "twitter-2023-03-05"
    shutil.copytree(ARCHIVE, root / "data")
    (root / "Your archive.html").write_text("<html></html>", encoding="utf-8")
    code, _, err = run(["run", root, "--out", tmp_path / "out", "--no-pdf"])
    assert code == 1 and "de map data erin bevat een archief van een X-account: noem die map" in err, err
    assert str(root / "data") in err
    code, _, err = run(["run", root / "data", "--out", tmp_path / "out", "--no-pdf", "-q"])
    assert code == 0, err
