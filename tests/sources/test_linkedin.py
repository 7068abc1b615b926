"""The LinkedIn spreadsheet importer: CSV, .xlsx and JSON Lines in the documented columns."""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from openpyxl import Workbook

from civicnet.errors import FormatError, RejectedRecord
from civicnet.sources import SourceFile, linkedin
from civicnet.sources import Sample

sys.path.insert(0, str(Path(__file__).parent))
from _fedi_helpers import FIXTURES, all_fixture_files, counts, detected, fixture, gzipped, ingest, row, ties

CSV = "linkedin_ondertussen_sample.csv"
MARIEKE, THOMAS, PIETER = "in/marieke-van-dam-4b2a1c", "in/thomasberger-architect", "pieter.jansen.ob"
EXPECTED = {
    "messages": {"group_post": 3, "comment": 6, "reply": 3},
    "context": 0,
    "accounts": 7,
    "interactions": {"comment": 5, "reply": 2},
}


def rows_of_fixture() -> list[dict]:
    with open(FIXTURES / CSV, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write_csv(path, header, rows, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_detection(tmp_path):
    path = fixture(tmp_path, CSV)
    assert linkedin.detect(Sample.of(SourceFile(path))) == 90
    assert detected(path) == "linkedin"
    assert detected(gzipped(path)) == "linkedin"


@pytest.mark.parametrize("path", [p for p in all_fixture_files() if not p.name.startswith("linkedin")], ids=lambda p: p.name)
def test_does_not_claim_other_formats(path):
    assert linkedin.detect(Sample.of(SourceFile(path))) == 0


def test_fourcat_style_header_is_not_claimed(tmp_path):
    path = write_csv(tmp_path / "4cat.csv", ["id", "thread_id", "timestamp", "body", "author", "reply_to"], [["1", "1", "x", "y", "z", ""]])
    assert linkedin.detect(Sample.of(SourceFile(path))) == 0


def test_ondertussen_sample_counts_and_structure(tmp_path):
    path = fixture(tmp_path, CSV)
    store, reports = ingest(tmp_path, [{"path": path.name, "format": "linkedin", "timezone": "Europe/Amsterdam"}])
    assert (reports[0].records_read, reports[0].records_rejected) == (12, 0)
    assert counts(store) == EXPECTED
    structure = {mid: (kind, parent, root) for mid, kind, parent, root in store.sql("SELECT id, kind, parent, root FROM message")}
    assert structure["og-1001"] == ("group_post", None, "og-1001")
    assert structure["og-1002"] == ("comment", "og-1001", "og-1001")
    assert structure["og-1003"] == ("reply", "og-1002", "og-1001")
    assert structure["og-1005"] == ("reply", "og-1003", "og-1001")  # a reply to a reply stays in the post's thread
    assert structure["og-2004"] == ("reply", "og-2002", "og-2001")
    assert ties(store, "reply") == {(MARIEKE, THOMAS, "og-1002"), (THOMAS, MARIEKE, "og-1003")}
    assert (THOMAS, MARIEKE, "og-1001") in ties(store, "comment")
    m = row(store, "message", "id", "og-1001")
    assert m["created_at"] == datetime(2011, 3, 14, 8, 30)  # 09:30 in Amsterdam (CET)
    assert m["like_count"] == 12 and m["url"] == "https://www.linkedin.com/groups/3849201/3849201-5012"
    assert row(store, "message", "id", "og-2001")["created_at"] == datetime(2012, 6, 2, 8, 15)  # explicit +02:00
    assert row(store, "message", "id", "og-2002")["created_at"] == datetime(2012, 6, 3)  # date only: midnight UTC
    assert row(store, "message", "id", "og-2003")["created_at"] == datetime(2012, 6, 4, 14, 20)  # naive ISO, CEST
    unknown = row(store, "message", "id", "og-2002")
    assert (unknown["account"], unknown["like_count"]) == (None, None)
    assert row(store, "message", "id", "og-3003")["text"].startswith("Eens.\nBij ons")
    a = row(store, "account", "id", MARIEKE)
    assert (a["handle"], a["name"], a["description"], a["url"]) == (
        None, "Marieke van Dam", "Projectleider tijdelijk gebruik bij Gemeente Amsterdam",
        "https://www.linkedin.com/in/marieke-van-dam-4b2a1c/")
    assert row(store, "account", "id", "in/sannekok")["url"] == "https://www.linkedin.com/in/sannekok?trk=groups_most_recent"
    assert row(store, "account", "id", PIETER)["url"] is None
    assert row(store, "account", "id", "in/evamulder")["description"] is None


def test_default_timezone_is_utc(tmp_path):
    path = fixture(tmp_path, CSV)
    store, _ = ingest(tmp_path, [{"path": path.name}])
    assert row(store, "message", "id", "og-1001")["created_at"] == datetime(2011, 3, 14, 9, 30)


def test_aliases_semicolons_and_gzip(tmp_path):
    header = ["ID", "In Reply To", "Profile URL", "Name", "Headline", "Date", "Message", "Like Count", "Group", "URL"]
    rows = [[r["message_id"], r["parent_id"], r["author_id"], r["author_name"], r["author_title"], r["created_at"],
             r["text"], r["likes"], r["group"], r["url"]] for r in rows_of_fixture()]
    path = write_csv(tmp_path / "export.csv", header, rows, delimiter=";")
    gz = gzipped(path)
    assert linkedin.detect(Sample.of(SourceFile(gz))) == 60
    store, reports = ingest(tmp_path, [{"path": gz.name}])
    assert reports[0].format == "linkedin"
    assert counts(store) == EXPECTED


def test_xlsx_first_sheet_with_typed_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Ondertussen"
    ws.append(["message_id", "parent_id", "author_id", "author_name", "created_at", "text", "likes"])
    ws.append([101, None, "https://www.linkedin.com/in/marieke-van-dam-4b2a1c/", "Marieke van Dam",
               datetime(2011, 3, 14, 9, 30), "Welkom in de groep!", 12])
    ws.append([102, 101, 5551234, "Thomas Berger", datetime(2011, 3, 14, 11, 2), "Dank, mooi initiatief.", None])
    ws.append([None, None, None, None, None, None, None])
    ws.append([103, 102, "https://www.linkedin.com/in/marieke-van-dam-4b2a1c/", "Marieke van Dam",
               "15-03-2011 10:00", "Graag gedaan.", 2])
    wb.create_sheet("Notities").append(["niet", "lezen"])
    path = tmp_path / "ondertussen.xlsx"
    wb.save(path)
    assert detected(path) == "linkedin"
    store, reports = ingest(tmp_path, [{"path": path.name, "timezone": "Europe/Amsterdam"}])
    assert (reports[0].records_read, reports[0].records_rejected) == (3, 0)
    assert counts(store)["messages"] == {"group_post": 1, "comment": 1, "reply": 1}
    assert row(store, "message", "id", "101")["created_at"] == datetime(2011, 3, 14, 8, 30)
    assert row(store, "message", "id", "102")["account"] == "5551234"
    assert ties(store, "comment") == {("5551234", MARIEKE, "101")}
    assert ties(store, "reply") == {(MARIEKE, "5551234", "102")}


def test_xlsx_named_sheet_and_missing_sheet(tmp_path):
    wb = Workbook()
    wb.active.append(["leeg"])
    ws = wb.create_sheet("Berichten")
    ws.append(["message_id", "text", "created_at"])
    ws.append(["a1", "Alleen een post", "2013-01-05"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    store, _ = ingest(tmp_path, [{"path": path.name, "format": "linkedin", "sheet": "Berichten"}])
    assert counts(store)["messages"] == {"group_post": 1}
    store.close()
    (tmp_path / "store.duckdb").unlink()
    with pytest.raises(FormatError, match="no sheet 'Blad9'"):
        ingest(tmp_path, [{"path": path.name, "format": "linkedin", "sheet": "Blad9"}])


def test_json_lines(tmp_path):
    lines = [dict(r, likes=int(r["likes"]) if r["likes"] else None) for r in rows_of_fixture()]
    path = tmp_path / "ondertussen.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    assert detected(path) == "linkedin"
    store, _ = ingest(tmp_path, [{"path": path.name}])
    assert counts(store) == EXPECTED


def test_missing_optional_columns_and_unknown_parents(tmp_path):
    path = write_csv(tmp_path / "min.csv", ["message_id", "parent_id", "text"], [
        ["p1", "", "Een post zonder auteur of datum"],
        ["c1", "p1", "Een reactie"],
        ["c2", "weg-99", "Reactie op een bericht dat niet in het bestand staat"],
        ["x1", "x2", "kring"], ["x2", "x1", "kring"],
    ])
    store, reports = ingest(tmp_path, [{"path": path.name, "format": "linkedin"}])
    assert reports[0].records_rejected == 0
    structure = {mid: (kind, root) for mid, kind, root in store.sql("SELECT id, kind, root FROM message")}
    assert structure == {"p1": ("group_post", "p1"), "c1": ("comment", "p1"), "c2": ("comment", None),
                         "x1": ("reply", None), "x2": ("reply", None)}
    m = row(store, "message", "id", "p1")
    assert all(m[k] is None for k in ("account", "created_at", "like_count", "url", "language", "has_media"))
    assert counts(store)["interactions"] == {} and counts(store)["accounts"] == 0


def test_bad_records_are_counted(tmp_path):
    path = write_csv(tmp_path / "bad.csv", ["message_id", "parent_id", "author_id", "created_at", "text", "likes"], [
        ["1", "", "in/a", "01-02-2012 10:00", "goed", "3"],
        ["", "", "in/b", "01-02-2012 10:00", "geen id", ""],
        ["3", "1", "in/c", "31-02-2012 10:00", "datum bestaat niet", ""],
        ["4", "1", "in/d", "gisteren", "onleesbare datum", ""],
        ["5", "1", "in/e", "02-02-2012", "veel likes", "veel"],
        ["6", "6", "in/f", "02-02-2012", "eigen ouder", ""],
    ])
    store, reports = ingest(tmp_path, [{"path": path.name, "format": "linkedin"}])
    r = reports[0]
    assert (r.records_read, r.records_rejected) == (6, 5)
    assert r.reject_reasons == {
        "no message_id": 1, "unparseable created_at: '31-02-2012 10:00' is no date (read day first)": 1,
        "unparseable created_at: 'gisteren'": 1, "likes is not a number: 'veel'": 1,
        "parent_id is the message's own id": 1,
    }
    store.close()
    (tmp_path / "store.duckdb").unlink()
    with pytest.raises(RejectedRecord):
        ingest(tmp_path, [{"path": path.name, "format": "linkedin"}], strict=True)


@pytest.mark.parametrize("name, content, problem", [
    ("empty.csv", b"", "empty"),
    ("noid.csv", b"author,text\nin/a,hoi\n", "no message_id column"),
    ("binary.csv", b"message_id,text\n1,\x00\xff\xfe\n", "NUL|UTF-8"),
    ("broken.xlsx", b"PK\x03\x04 not really a workbook", "not a readable .xlsx"),
])
def test_unreadable_files_are_format_errors(tmp_path, name, content, problem):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(FormatError, match=problem):
        ingest(tmp_path, [{"path": name, "format": "linkedin"}])


def test_unknown_timezone_is_an_input_error(tmp_path):
    path = fixture(tmp_path, CSV)
    with pytest.raises(FormatError, match="unknown time zone"):
        ingest(tmp_path, [{"path": path.name, "format": "linkedin", "timezone": "Mars/Olympus"}])


@pytest.mark.parametrize("value, expected", [
    ("https://www.linkedin.com/in/jan-de-vries-1a2b3c/", "in/jan-de-vries-1a2b3c"),
    ("https://nl.linkedin.com/in/Jan-de-Vries-1a2b3c?trk=x", "in/jan-de-vries-1a2b3c"),
    ("linkedin.com/company/gemeente-amsterdam/posts/", "company/gemeente-amsterdam"),
    ("12345", "12345"), (12345.0, "12345"), ("", None), (None, None),
])
def test_author_key(value, expected):
    assert linkedin.author_key(value) == expected


def test_parse_when():
    ams = linkedin.ZoneInfo("Europe/Amsterdam")
    assert linkedin.parse_when("14-03-2011 09:30", ams) == datetime(2011, 3, 14, 8, 30, tzinfo=timezone.utc)
    assert linkedin.parse_when("14/03/2011", ams) == datetime(2011, 3, 14, tzinfo=timezone.utc)
    assert linkedin.parse_when("2011-03-14T09:30:00Z", ams) == datetime(2011, 3, 14, 9, 30, tzinfo=timezone.utc)
    assert linkedin.parse_when("2011-07-14 09:30", ams) == datetime(2011, 7, 14, 7, 30, tzinfo=timezone.utc)
    assert linkedin.parse_when(" ", ams) is None


def test_short_first_row_is_rejected_and_does_not_hide_the_text_column(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("message_id,parent_id,text\np1,\np2,p1,Reactie\n", encoding="utf-8")
    store, reports = ingest(tmp_path, [{"path": path.name, "format": "linkedin"}])
    assert (reports[0].records_read, reports[0].records_rejected) == (2, 1)
    assert reports[0].rejects == [{"location": "line 2", "reason": "row has 2 fields, the header 3: cut off or shifted"}]
    assert dict(store.sql("SELECT id, kind FROM message")) == {"p2": "comment"}


@pytest.mark.parametrize("name, content, reason", [
    ("wide.csv", b"message_id,text\n1,a,b,c\n2,ok\n", "row has 4 fields, the header 2"),
    ("cut.jsonl", b'{"message_id": "1", "text": "a"}\n{"message_id": "2", "te', "broken line: invalid JSON"),
])
def test_rows_that_cannot_be_records_are_rejected(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    store, [report] = ingest(tmp_path, [{"path": name, "format": "linkedin"}])
    assert (report.records_read, report.records_rejected) == (2, 1)
    assert next(iter(report.reject_reasons)).startswith(reason)
