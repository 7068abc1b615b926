"""csv: any table of messages, columns mapped in the case file."""

from __future__ import annotations

import csv
import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _netfile_helpers import FIXTURES, counts, gzipped, ingest, row, ties

from civicnet.errors import FormatError, InputError, RejectedRecord
from civicnet.sources import SourceFile, generic_csv
from civicnet.sources import Sample

COLUMNS = {"id": "bericht_id", "account": "auteur", "text": "tekst", "created_at": "datum",
           "parent": "antwoord_op", "kind": "soort", "likes": "vind_ik_leuks"}
HEADER = ["bericht_id", "auteur", "tekst", "datum", "antwoord_op", "soort", "vind_ik_leuks"]
ROWS = [
    # a comment before the post it answers: the parent's author is found in the first pass
    ["c1", "Jan Jansen", "Wanneer gaat de weg weer open?", "02-03-2024 10:15", "p1", "Reactie", "2"],
    ["p1", "Gemeente X", "Vanaf maandag is de Dorpsstraat afgesloten.", "01-03-2024 09:00", "", "Bericht", "14"],
    ["r1", "Gemeente X", "Naar verwachting over twee weken, Jan.", "02-03-2024 11:30", "c1", "", ""],
    ["c2", "Anna de Vries", "Goed dat het gebeurt!", "02-03-2024 12:00", "p1", "Reactie", "1,204"],
    ["c3", "Piet", "Waar moet ik omrijden?", "31-02-2024 12:00", "p1", "Reactie", ""],
    ["c4", "", "Reactie van een verborgen account", "02-03-2024 13:00", "p1", "Reactie", ""],
    ["c5", "Klaas", "Antwoord op iets buiten dit bestand", "02-03-2024 13:30", "x9", "Reactie", ""],
]


def write(path: Path, rows=ROWS, header=HEADER, delimiter=",") -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def source(path: Path, **extra) -> dict:
    return {"format": "csv", "path": str(path), "platform": "facebook", "columns": COLUMNS,
            "date_format": "%d-%m-%Y %H:%M", "timezone": "Europe/Amsterdam",
            "kinds": {"Bericht": "post", "Reactie": "comment"}, **extra}


def test_mapped_table_counts_times_and_ties(tmp_path):
    store, (report,) = ingest(tmp_path, [source(write(tmp_path / "berichten.csv"), parent_kind="reply")])
    assert (report.records_read, report.records_rejected) == (7, 1)
    assert "unparseable created_at" in next(iter(report.reject_reasons))
    assert counts(store) == {
        "messages": {"post": 1, "comment": 4, "reply": 1},
        "accounts": 4,
        "interactions": {"comment": 2, "reply": 1},
    }
    # local Amsterdam time (CET, +01:00) stored as UTC
    assert row(store, "message", "p1", ["created_at", "kind", "root", "like_count", "account", "platform"]) == {
        "created_at": datetime(2024, 3, 1, 8, 0), "kind": "post", "root": "p1", "like_count": 14,
        "account": "Gemeente X", "platform": "facebook"}
    assert row(store, "message", "c2", ["like_count", "root", "parent"]) == {"like_count": 1204, "root": "p1",
                                                                             "parent": "p1"}
    assert row(store, "message", "r1", ["kind", "parent", "root"]) == {"kind": "reply", "parent": "c1", "root": None}
    assert row(store, "message", "c4", ["account"])["account"] is None
    assert ties(store) == {
        ("comment", "Jan Jansen", "Gemeente X", "p1", "c1"),
        ("reply", "Gemeente X", "Jan Jansen", "c1", "r1"),
        ("comment", "Anna de Vries", "Gemeente X", "p1", "c2"),
    }


def test_parent_kind_comment_mentions_column_and_tsv_gzip(tmp_path):
    header = ["id", "user", "handle", "msg", "reply_to", "tagged", "media", "lang"]
    rows = [
        ["1", "100", "@gemeente_x", "Info over de brug", "", "", "ja", "nl"],
        ["2", "200", "jan_b", "Vraag @gemeente_x", "1", "@gemeente_x; @wijkagent", "nee", "nl"],
    ]
    path = gzipped(write(tmp_path / "tweets.tsv", rows, header, delimiter="\t"))
    columns = {"id": "id", "account": "user", "handle": "handle", "text": "msg", "parent": "reply_to",
               "mentions": "tagged", "has_media": "media", "language": "lang"}
    store, (report,) = ingest(tmp_path, [{"format": "csv", "path": str(path), "columns": columns,
                                          "parent_kind": "comment", "platform": "twitter"}])
    assert report.records_rejected == 0
    assert counts(store) == {"messages": {"post": 1, "comment": 1}, "accounts": 2,
                             "interactions": {"comment": 1, "mention": 2}}
    assert row(store, "message", "2", ["root", "has_media", "language", "created_at"]) == {
        "root": "1", "has_media": False, "language": "nl", "created_at": None}
    assert row(store, "account", "100", ["handle", "name"]) == {"handle": "gemeente_x", "name": None}
    # the mention of gemeente_x resolves to the account with that handle
    assert ("mention", "200", "100", None, "2") in ties(store)


def test_text_mentions_when_no_mentions_column(tmp_path):
    path = write(tmp_path / "m.csv", [["1", "a", "Hoi @raad_x en @raad_y"]], ["id", "who", "text"])
    store, _ = ingest(tmp_path, [{"format": "csv", "path": str(path), "platform": "mastodon",
                                  "columns": {"id": "id", "account": "who", "text": "text"}}])
    assert counts(store)["interactions"] == {"mention": 2}
    store.close()
    other = tmp_path / "fb"
    other.mkdir()
    store, _ = ingest(other, [{"format": "csv", "path": str(path), "platform": "facebook",
                               "columns": {"id": "id", "account": "who", "text": "text"}}])
    assert counts(store)["interactions"] == {}


def test_missing_id_mapping_names_the_option(tmp_path):
    path = write(tmp_path / "b.csv")
    with pytest.raises(InputError, match=r"columns: \{id:"):
        ingest(tmp_path, [{"format": "csv", "path": str(path)}])
    with pytest.raises(InputError, match="unknown target"):
        ingest(tmp_path, [{"format": "csv", "path": str(path), "columns": {"id": "bericht_id", "auther": "auteur"}}])


def test_mapped_column_absent_from_header(tmp_path):
    path = write(tmp_path / "b.csv")
    with pytest.raises(FormatError, match=r"account → 'author'.*'bericht_id', 'auteur'"):
        ingest(tmp_path, [{"format": "csv", "path": str(path), "columns": {"id": "bericht_id", "account": "author"}}])
    empty_table = write(tmp_path / "header_only.csv", rows=[])
    with pytest.raises(FormatError, match="not in the header"):
        ingest(tmp_path, [{"format": "csv", "path": str(empty_table), "columns": {"id": "nr"}}])


def test_bad_rows_counted_and_strict(tmp_path):
    rows = [["", "a", "geen id", "", "", "", ""], ["k1", "a", "x", "", "", "Like", ""],
            ["k2", "a", "x", "", "", "", "veel"], ["k3", "a", "x", "", "", "", ""]]
    path = write(tmp_path / "b.csv", rows)
    store, (report,) = ingest(tmp_path, [{"format": "csv", "path": str(path), "columns": COLUMNS}])
    assert (report.records_read, report.records_rejected) == (4, 3)
    assert set(report.reject_reasons) == {
        "no id (column 'bericht_id')",
        "unknown kind 'Like'; map it in the source entry: kinds: {Like: comment}",
        "likes is not a number: 'veel'",
    }
    store.close()
    (tmp_path / "strict").mkdir()
    with pytest.raises(RejectedRecord):
        ingest(tmp_path / "strict", [{"format": "csv", "path": str(path), "columns": COLUMNS}], strict=True)


@pytest.mark.parametrize("content, problem", [(b"", "empty"), (b"\x00\x01\x02binary", "NUL"),
                                              (b"a,b\n1,2,3,4\n", "fields")])
def test_bad_files(tmp_path, content, problem):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):  # the last: its one row is rejected, so every record is
        ingest(tmp_path, [{"format": "csv", "path": str(path), "columns": {"id": "a"}}])


def test_options_checked(tmp_path):
    path = write(tmp_path / "b.csv")
    for bad, problem in [({"timezone": "Europe/Amsterdm"}, "timezone"), ({"parent_kind": "answer"}, "parent_kind"),
                         ({"platform": "hyves"}, "platform"), ({"kinds": {"Reactie": "reaction"}}, "kinds"),
                         ({"date_format": 5}, "date_format")]:
        with pytest.raises(InputError, match=problem):
            ingest(tmp_path, [{"format": "csv", "path": str(path), "columns": COLUMNS, **bad}])


def test_detected_only_in_known_layouts():
    for path in [*FIXTURES.glob("*.*"), *(FIXTURES / "real").glob("*.*")]:
        if not path.is_file():  # e.g. a store a run left beside the fixtures (.civicnet)
            continue
        expected = 85 if path.name.startswith("twarc_csv_") else 0
        assert generic_csv.detect(Sample.of(SourceFile(path))) == expected, path.name
