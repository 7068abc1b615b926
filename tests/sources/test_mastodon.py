"""The Mastodon importer on real API responses (rtoot fixtures) and statuses in the API's shape."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from civicnet.errors import FormatError, RejectedRecord
from civicnet.sources import SourceFile, mastodon
from civicnet.sources._html import html_to_text
from civicnet.sources import Sample

sys.path.insert(0, str(Path(__file__).parent))
from _fedi_helpers import FIXTURES, SHARED_FIXTURES as SHARED, all_fixture_files, counts, detected, fixture, gzipped, ingest, row, ties

H = "social.overheid.nl"
RWS, UTR, BZK = f"{H}:109302845193870123", f"{H}:109318223400512344", f"{H}:109297713388401255"
JAN, FENNA, DR = f"{H}:109412998712300466", f"{H}:110203337788123477", f"{H}:109290011122233388"
P1, R1, R2 = f"{H}:112871436021570001", f"{H}:112871612345670002", f"{H}:112871683112340003"
P2, Q1, B1 = f"{H}:112872050004440005", f"{H}:112872333221110006", f"{H}:112871722009870004"
MASTODON_FIXTURES = [
    "mastodon_overheid_statuses.json", "mastodon_context_a12.json",
    "mastodon_account_followers_limit3.json", "mastodon_reblogged_by_TRUNCATED.json",
]


def load(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


# -- detection ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MASTODON_FIXTURES)
def test_detects_mastodon_files(tmp_path, name):
    path = fixture(tmp_path, name)
    assert mastodon.detect(Sample.of(SourceFile(path))) >= 85
    assert detected(path) == "mastodon"
    assert detected(gzipped(path)) == "mastodon"


@pytest.mark.parametrize("path", [p for p in all_fixture_files() if not p.name.startswith("mastodon")], ids=lambda p: p.name)
def test_does_not_claim_other_formats(path):
    assert mastodon.detect(Sample.of(SourceFile(path))) == 0


# -- statuses -------------------------------------------------------------------------------


def test_statuses_page_counts(tmp_path):
    path = fixture(tmp_path, "mastodon_overheid_statuses.json")
    store, reports = ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])
    assert reports[0].records_read == 8 and reports[0].records_rejected == 0
    assert counts(store) == {
        "messages": {"post": 2, "reply": 3, "repost": 2, "quote": 1},
        "context": 1,  # the remote status minbzk reblogged; P1 and P2 were collected themselves
        "accounts": 6,
        "interactions": {"mention": 4, "reply": 3, "repost": 2, "quote": 1},
    }


def test_status_fields_html_and_ids(tmp_path):
    path = fixture(tmp_path, "mastodon_overheid_statuses.json")
    store, _ = ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])
    p1 = row(store, "message", "id", P1)
    assert p1["text"] == (
        "Vannacht en morgennacht is de #A12 tussen Utrecht en Arnhem dicht voor onderhoud. Kijk voor omleidingen op "
        "https://www.rijkswaterstaat.nl/wegen/wegwerkzaamheden\n\nPlan uw reis & houd rekening met extra reistijd."
    )
    assert p1["account"] == RWS and p1["kind"] == "post" and p1["root"] == P1
    assert (p1["like_count"], p1["share_count"], p1["reply_count"], p1["quote_count"]) == (12, 5, 2, None)
    assert p1["has_media"] is True and p1["language"] == "nl"
    assert p1["created_at"] == datetime(2024, 7, 29, 6, 15)
    assert p1["url"] == "https://social.overheid.nl/@rijkswaterstaat/112871436021570001"
    p2 = row(store, "message", "id", P2)
    assert p2["text"].startswith("Consultatie Wet open overheid\n\nDe internetconsultatie")
    assert "ook @digitalerechten.\nReageren kan tot 1 september via https://www.internetconsultatie.nl/woo" in p2["text"]
    rws = row(store, "account", "id", RWS)
    assert rws["handle"] == "rijkswaterstaat@social.overheid.nl" and rws["name"] == "Rijkswaterstaat"
    assert rws["description"] == (
        "Officieel account van Rijkswaterstaat. Wij beheren de rijkswegen, vaarwegen en het hoofdwatersysteem. "
        "Verkeersinformatie: https://www.rijkswaterstaat.nl/\n\nMa-vr 8-20 uur"
    )
    assert (rws["followers"], rws["following"]) == (4213, 37)
    assert row(store, "account", "id", JAN)["handle"] == "jandevries@mastodon.nl"


def test_replies_reblogs_quotes(tmp_path):
    path = fixture(tmp_path, "mastodon_overheid_statuses.json")
    store, _ = ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])
    r2 = row(store, "message", "id", R2)
    assert (r2["kind"], r2["parent"], r2["root"]) == ("reply", R1, P1)  # chain R2 → R1 → P1 is in the page
    orphan = row(store, "message", "id", f"{H}:112872700120020009")
    assert (orphan["kind"], orphan["parent"], orphan["root"]) == ("reply", f"{H}:112872650000030010", None)
    b1 = row(store, "message", "id", B1)
    assert (b1["kind"], b1["parent"], b1["account"], b1["text"]) == ("repost", P1, UTR, None)
    q1 = row(store, "message", "id", Q1)
    assert (q1["kind"], q1["parent"]) == ("quote", P2)
    assert ties(store, "reply") == {
        (JAN, RWS, P1), (RWS, JAN, R1), (UTR, FENNA, f"{H}:112872650000030010")
    }
    assert ties(store, "repost") == {(UTR, RWS, P1), (BZK, DR, f"{H}:112870990887760007")}
    assert ties(store, "quote") == {(FENNA, BZK, P2)}
    handles = set(store.sql("SELECT target_handle FROM interaction WHERE kind = 'mention'"))
    assert handles == {("rijkswaterstaat@social.overheid.nl",), ("jandevries@mastodon.nl",),
                       ("digitalerechten@eupolicy.social",), ("fenna@mastodon.social",)}
    context = store.sql("SELECT id FROM case_message WHERE NOT collected")
    assert context == [(f"{H}:112870990887760007",)]


def test_context_thread_roots(tmp_path):
    path = fixture(tmp_path, "mastodon_context_a12.json")
    store, reports = ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])
    assert reports[0].records_read == 4
    assert counts(store)["messages"] == {"post": 1, "reply": 3}
    roots = dict(store.sql("SELECT id, root FROM message"))
    assert set(roots.values()) == {P1}
    assert ties(store, "reply") == {
        (f"{H}:111004455667788990", JAN, R1), (RWS, JAN, R1), (FENNA, RWS, R2),
    }
    # an empty display name and note stay NULL
    pieter = row(store, "account", "id", f"{H}:111004455667788990")
    assert (pieter["name"], pieter["description"], pieter["handle"]) == (None, None, "pieterb@mastodon.nl")


def test_context_without_ancestors_roots_at_the_focal_status(tmp_path):
    thread = load("mastodon_context_a12.json")
    descendants = [s for s in thread["descendants"]]
    path = tmp_path / "context.json"
    path.write_text(json.dumps({"ancestors": [], "descendants": descendants}), encoding="utf-8")
    store, _ = ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])
    roots = dict(store.sql("SELECT id, root FROM message"))
    # R2 and R4 answer R1 (the focal status, not in the response): R1 is the root
    assert roots == {R2: R1, f"{H}:112871655554440012": R1, f"{H}:112871901234560011": R1}


def test_jsonl_pages_gzip_and_overlap(tmp_path):
    page = load("mastodon_overheid_statuses.json")
    thread = load("mastodon_context_a12.json")
    lines = [page[:4], page[4:], thread, {"statuses": page[:1], "accounts": [], "hashtags": [{"name": "woo"}]}, page[0]]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    gz = gzipped(path)
    store, reports = ingest(tmp_path, [{"path": gz.name}])
    assert reports[0].format == "mastodon" and reports[0].format_detected
    assert reports[0].records_read == 8 + 4 + 1 + 1
    c = counts(store)
    assert c["messages"] == {"post": 2, "reply": 5, "repost": 2, "quote": 1}  # + R3, R4 from the thread
    assert c["interactions"] == {"mention": 7, "reply": 5, "repost": 2, "quote": 1}


def test_reimport_changes_nothing(tmp_path):
    path = fixture(tmp_path, "mastodon_overheid_statuses.json")
    store, _ = ingest(tmp_path, [{"path": path.name}])
    before = counts(store)
    store.close()
    store, reports = ingest(tmp_path, [{"path": path.name}])
    assert reports[0].skipped_unchanged and counts(store) == before


# -- account lists --------------------------------------------------------------------------


def test_followers_and_following(tmp_path):
    path = fixture(tmp_path, "mastodon_account_followers_limit3.json")
    store, reports = ingest(tmp_path, [{"path": path.name, "relation": "followers", "account": "109302845193870123"}])
    assert reports[0].records_read == 3
    # diegantobass has a bare acct: the file was served by fosstodon.org
    assert ties(store, "follow") == {
        ("fosstodon.org:109314659264330175", "fosstodon.org:109302845193870123", None),
        ("fosstodon.org:114854540194806883", "fosstodon.org:109302845193870123", None),
        ("fosstodon.org:114847598865709388", "fosstodon.org:109302845193870123", None),
    }
    handles = {h for (h,) in store.sql("SELECT handle FROM account")}
    assert handles == {"diegantobass@fosstodon.org", "thomasw@toot.community", "xaranix19@mastodon.social"}
    store.close()
    other = tmp_path / "following"
    other.mkdir()
    path2 = fixture(other, "mastodon_account_followers_limit3.json")
    store, _ = ingest(other, [{"path": path2.name, "relation": "following", "account": "fosstodon.org:1"}])
    assert ("fosstodon.org:1", "fosstodon.org:114854540194806883", None) in ties(store, "follow")


def test_reblogged_by_and_favourited_by(tmp_path):
    path = fixture(tmp_path, "mastodon_reblogged_by_TRUNCATED.json")
    store, _ = ingest(tmp_path, [{"path": path.name, "relation": "reblogged_by", "status": "113000000000000001",
                                  "account": "109000000000000042"}])
    assert ties(store, "repost") == {
        ("fosstodon.org:109269678296046700", "fosstodon.org:109000000000000042", "fosstodon.org:113000000000000001"),
        ("fosstodon.org:109235210338204021", "fosstodon.org:109000000000000042", "fosstodon.org:113000000000000001"),
    }
    store.close()
    other = tmp_path / "fav"
    other.mkdir()
    path2 = fixture(other, "mastodon_reblogged_by_TRUNCATED.json")
    store, _ = ingest(other, [{"path": path2.name, "relation": "favourited_by", "status": "113000000000000001"}])
    assert ties(store, "like") == {
        ("fosstodon.org:109269678296046700", None, "fosstodon.org:113000000000000001"),
        ("fosstodon.org:109235210338204021", None, "fosstodon.org:113000000000000001"),
    }
    assert counts(store)["messages"] == {}


@pytest.mark.parametrize("options, problem", [
    ({"relation": "followers"}, "needs `account: ID`"),
    ({"relation": "reblogged_by"}, "needs `status: ID`"),
    ({"relation": "fans", "account": "1"}, "must be one of"),
])
def test_bad_relation_options(tmp_path, options, problem):
    path = fixture(tmp_path, "mastodon_account_followers_limit3.json")
    with pytest.raises(FormatError, match=problem):
        ingest(tmp_path, [{"path": path.name, "format": "mastodon", **options}])


def test_instance_needed_when_no_account_is_local(tmp_path):
    accounts = [a for a in load("mastodon_account_followers_limit3.json") if "@" in a["acct"]]
    path = tmp_path / "remote.json"
    path.write_text(json.dumps(accounts), encoding="utf-8")
    with pytest.raises(FormatError, match="instance: HOST"):
        ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])
    store, _ = ingest(tmp_path, [{"path": path.name, "format": "mastodon", "instance": "https://fosstodon.org/"}])
    assert {i for (i,) in store.sql("SELECT id FROM account")} == {
        "fosstodon.org:114854540194806883", "fosstodon.org:114847598865709388"}


# -- missing data and bad input -------------------------------------------------------------


def test_minimal_status_keeps_absent_fields_null(tmp_path):
    status = {"id": "1", "created_at": "2024-01-02T03:04:05Z", "content": "<p>Hallo</p>", "visibility": "public",
              "account": {"id": "7", "username": "wijkagent", "acct": "wijkagent", "url": "https://social.overheid.nl/@wijkagent"}}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(status), encoding="utf-8")
    store, _ = ingest(tmp_path, [{"path": path.name}])
    m = row(store, "message", "id", "social.overheid.nl:1")
    assert m["text"] == "Hallo" and m["created_at"] == datetime(2024, 1, 2, 3, 4, 5)
    assert all(m[k] is None for k in ("like_count", "share_count", "reply_count", "has_media", "language", "url"))
    a = row(store, "account", "id", "social.overheid.nl:7")
    assert (a["followers"], a["name"], a["created_at"]) == (None, None, None)


def test_bad_records_are_counted(tmp_path):
    page = load("mastodon_overheid_statuses.json")[:2]
    bad = [dict(page[0], id=None), dict(page[1], created_at="gisteren"), 42]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(page + bad), encoding="utf-8")
    store, reports = ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])
    r = reports[0]
    assert (r.records_read, r.records_rejected) == (5, 3)
    assert r.reject_reasons == {"no status id": 1, "unparseable created_at: 'gisteren'": 1,
                                "expected a JSON object, found int": 1}
    assert counts(store)["messages"] == {"reply": 1, "repost": 1}
    store.close()
    (tmp_path / "store.duckdb").unlink()
    with pytest.raises(RejectedRecord):
        ingest(tmp_path, [{"path": path.name, "format": "mastodon"}], strict=True)


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b'[{"id": "1", "content": "<p>x</p>", "visibility": "public", "acc', "invalid JSON"),
    (b'{"foo": 1}', "expected Mastodon API JSON"),
    (b'[{"id": 1, "text": "a tweet", "author_id": "2"}]', "expected an array of Mastodon statuses"),
    (b'{"ancestors": 3, "descendants": []}', "`ancestors` must be an array"),
    (b"\x00\x01binary\xff", "invalid JSON"),
])
def test_unreadable_files_are_format_errors(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=problem):
        ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])


def test_truncated_gzip_is_a_format_error(tmp_path):
    path = fixture(tmp_path, "mastodon_overheid_statuses.json")
    gz = gzipped(path)
    gz.write_bytes(gz.read_bytes()[:1500])
    with pytest.raises(FormatError):
        ingest(tmp_path, [{"path": gz.name, "format": "mastodon"}])


def test_map_record_is_pure():
    status = load("mastodon_overheid_statuses.json")[-1]
    ctx = mastodon.Context(host=H)
    first = mastodon.map_record(status, ctx)
    again = mastodon.map_record(status, ctx)
    assert first == again and status == load("mastodon_overheid_statuses.json")[-1]


# -- html -----------------------------------------------------------------------------------


def test_html_to_text_never_runs_anything():
    html = ('<p>Let op<script>alert("x")</script><style>p{}</style> &lt;b&gt; &amp; &#233;</p>'
            '<p><img src="https://tracker.example/x.png" onerror="alert(1)">regel<br>twee<br/>drie</p>')
    assert html_to_text(html) == "Let op <b> & é\n\nregel\ntwee\ndrie"
    assert html_to_text(None) is None and html_to_text("") == ""
    assert html_to_text("<p>a</p><ul><li>een</li><li>twee</li></ul>") == "a\n\neen\ntwee"


def test_twitter_search_response_named_mastodon_is_a_format_error(tmp_path):
    path = tmp_path / "search.json"
    path.write_bytes((SHARED / "twitter_v1.1_search_statuses_TRIMMED.json").read_bytes())
    with pytest.raises(FormatError, match="did you mean `format: twitter-v1`"):
        ingest(tmp_path, [{"path": path.name, "format": "mastodon"}])


def test_reply_whose_parent_is_not_named_ties_to_the_account(tmp_path):
    """CONTRACT "Network definitions": ``in_reply_to_account_id`` without ``in_reply_to_id`` is a reply
    tie to that account (its parent deleted or not visible)."""
    account = {"id": "1", "username": "gem", "acct": "gem", "url": f"https://{H}/@gem"}
    s = {"id": "5", "created_at": "2024-01-01T10:00:00.000Z", "content": "<p>@jan ja</p>", "visibility": "public",
         "spoiler_text": "", "account": account, "in_reply_to_id": None, "in_reply_to_account_id": "2",
         "mentions": [{"id": "2", "username": "jan", "acct": "jan@mastodon.social",
                       "url": "https://mastodon.social/@jan"}]}
    (tmp_path / "s.json").write_text(json.dumps([s]))
    store, [report] = ingest(tmp_path, [{"path": "s.json"}])
    m = row(store, "message", "id", f"{H}:5")
    assert (m["kind"], m["parent"], m["root"]) == ("reply", None, None)
    assert ties(store, "reply") == {(f"{H}:1", f"{H}:2", None)}
