"""Local dates and numbers in every tabular importer (issue 16): the order of day and month
inferred from the file, the case's language when every value is ambiguous, or ``date_format:``;
``-``, ``/`` and ``.``; 24 h and AM/PM; ``;``-separated CSV with decimal commas (Dutch Excel)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _helpers import ingest  # noqa: E402

from civicnet.case import parse_case  # noqa: E402
from civicnet.errors import AllRejected, RecordError  # noqa: E402
from civicnet.sources import _dates  # noqa: E402
from civicnet.store.db import Store  # noqa: E402
from civicnet.store.ingest import ingest_case  # noqa: E402


def order_of(values: list[str], language: str = "nl") -> _dates.DateOrder:
    evidence = _dates.Evidence()
    for v in values:
        evidence.add(v)
    return evidence.order(language)


@pytest.mark.parametrize("values, language, day_first, basis", [
    (["01/05/2022 10:00", "28/05/2022 20:12"], "nl", True, "values"),
    (["01/05/2022 10:00", "28/05/2022 20:12"], "en", True, "values"),
    (["5/1/2022 10:00", "5/28/2022 20:12"], "nl", False, "values"),
    (["3-4-2022 10:00", "4-5-2022"], "nl", True, "language"),
    (["3/4/2022 10:00", "4/5/2022"], "en", False, "language"),  # US style: '/' and English
    (["3-4-2022 10:00", "4.5.2022"], "en", True, "language"),  # European separators, also in English
    (["3/4/2022 10:00 AM", "4/5/2022 1:05 PM"], "nl", False, "ampm"),  # AM/PM: only US-style files
    (["2022-05-28 20:12", "hello"], "nl", None, "none"),  # ISO or no dates: nothing to decide
])
def test_order_inferred_from_the_files_values(values, language, day_first, basis):
    order = order_of(values, language)
    assert (order.day_first, order.basis) == (day_first, basis)


@pytest.mark.parametrize("text, day_first, expected", [
    ("28/05/2022 20:12", True, datetime(2022, 5, 28, 20, 12)),
    ("28-5-2022 20:12:07", True, datetime(2022, 5, 28, 20, 12, 7)),
    ("28.05.22 8.12", True, datetime(2022, 5, 28, 8, 12)),
    ("5/28/2022 8:12 PM", False, datetime(2022, 5, 28, 20, 12)),
    ("5/28/2022 12:05 a.m.", False, datetime(2022, 5, 28, 0, 5)),
    ("3/4/2022", True, datetime(2022, 4, 3)),
    ("3/4/2022", False, datetime(2022, 3, 4)),
    ("5/28/2022 8:12 PM", True, datetime(2022, 5, 28, 20, 12)),  # a value that says its own order
])
def test_parse(text, day_first, expected):
    assert _dates.DateOrder(day_first).parse(text, "date") == expected


def test_impossible_date_is_rejected():
    with pytest.raises(RecordError) as err:
        _dates.DateOrder(False).parse("31/04/2022 10:00", "Tweet Date (UTC)")
    assert err.value.reason == "unparseable Tweet Date (UTC): '31/04/2022 10:00' is no date (read day first)"


def test_ambiguous_without_an_order_names_both_formats():
    with pytest.raises(RecordError) as err:
        _dates.DateOrder(None).parse("3/4/2022 8:05 PM", "date")
    assert '"%d/%m/%Y %I:%M %p"' in err.value.fix and '"%m/%d/%Y %I:%M %p"' in err.value.fix


def test_infer_reads_ahead_only_until_the_order_is_known():
    rows = iter([["1/2/2022"], ["2/2/2022"], ["13/2/2022"], ["3/2/2022"], ["4/2/2022"]])
    seen = []
    order, again = _dates.infer(map(lambda r: seen.append(r) or r, rows), lambda r: r, "en")
    assert order.day_first is True and len(seen) == 3
    assert list(again) == [["1/2/2022"], ["2/2/2022"], ["13/2/2022"], ["3/2/2022"], ["4/2/2022"]]


# -- every tabular importer, as Dutch Excel saves it -----------------------------------------------

DUTCH = {
    "nodexl": ("Vertex 1;Vertex 2;Relationship;Relationship Date (UTC);Tweet;Imported ID;Favorite Count\n",
               "gemeente;inwoner{n};Mentions;{d}/05/2022 20:1{n};hallo @inwoner{n}, café;{n}00;1.2{n}4\n", {}),
    "crowdtangle": ("Page Name;User Name;Facebook Id;Post Created;Message;URL;Likes;Comments;Shares\n",
                    "Gemeente;gem;1;{d}-5-2022 09:1{n};café {n};https://www.facebook.com/1/posts/{n};1.2{n}4;3;0\n",
                    {"timezone": "UTC"}),
    "linkedin": ("message_id;parent_id;author_id;created_at;text;likes\n",
                 "m{n};;lid{n};{d}-05-2022 09:1{n};café {n};1.2{n}4\n", {}),
    "4cat": ("id;thread_id;author;body;timestamp;likes\n", "{n};{n};auteur{n};café {n};{d}-5-2022 09:1{n};1.2{n}4\n", {}),
    "csv": ("bericht_id;auteur;tekst;datum;vind_ik_leuks\n", "{n};auteur{n};café {n};{d}-5-2022 09:1{n};1.2{n}4\n",
            {"columns": {"id": "bericht_id", "account": "auteur", "text": "tekst", "created_at": "datum",
                         "likes": "vind_ik_leuks"}}),
}


@pytest.mark.parametrize("fmt", DUTCH)
def test_dutch_excel_file_is_read_with_no_option_set(tmp_path, fmt):
    """Windows-1252, ``;``, day-first dates (the first rows ambiguous), grouped counts: all read."""
    header, row, options = DUTCH[fmt]
    text = header + "".join(row.format(n=n, d=n + 10) for n in range(1, 6))  # days 11..15: 13 tells the order
    path = tmp_path / f"nl.{fmt}.csv"
    path.write_bytes(text.encode("cp1252"))
    store, [report] = ingest(tmp_path, [{"path": path.name, "format": fmt, **options}])
    assert report.records_rejected == 0, report.reject_reasons
    assert report.reading["encoding"] == "Windows-1252" and report.reading["delimiter"] == ";"
    assert report.reading["date_order"]["order"] == "day_first"
    assert report.reading["date_order"]["basis"] == "values"
    rows = store.sql("SELECT created_at, like_count FROM message WHERE like_count IS NOT NULL ORDER BY created_at")
    assert [(r[0].day, r[0].month, r[1]) for r in rows] == [(10 + n, 5, 1204 + 10 * n) for n in range(1, 6)]


def test_all_ambiguous_follows_the_case_language(tmp_path):
    header, row, _ = DUTCH["nodexl"]
    path = tmp_path / "e.csv"
    path.write_text(header + row.replace("1.2{n}4", "7").format(n=1, d="03"))
    for language, month in (("nl", 5), ("en", 3)):
        case = parse_case({"id": language, "title": "t", "language": language, "sources": [{"path": "e.csv"}]},
                          tmp_path / "case.yaml")
        with Store(tmp_path / f"{language}.duckdb") as store:
            [report] = ingest_case(case, store)
            assert store.sql("SELECT month(created_at) FROM message") == [(month,)]
            assert report.reading["date_order"]["basis"] == "language"


def test_date_format_option_is_used_and_reported(tmp_path):
    header, row, _ = DUTCH["nodexl"]
    path = tmp_path / "f.csv"
    path.write_text(header + row.format(n=1, d=11) + row.format(n=2, d=14))
    store, [report] = ingest(tmp_path, [{"path": "f.csv", "date_format": "%m/%d/%Y %H:%M"}])
    assert report.records_rejected == 1 and report.reading["date_order"]["order"] == "format"
    assert store.sql("SELECT month(created_at), day(created_at) FROM message") == [(11, 5)]


def test_every_date_rejected_is_an_error_naming_the_date_format_to_set(tmp_path):
    """All rows rejected for their dates: exit 1 (AllRejected) with the reason and the exact fix."""
    header, row, _ = DUTCH["nodexl"]
    path = tmp_path / "g.csv"
    path.write_text(header + "".join(row.format(n=n, d=n + 10) for n in range(1, 3)))
    with pytest.raises(AllRejected) as err:
        ingest(tmp_path, [{"path": "g.csv", "date_format": "%Y-%m-%d"}])
    assert "every record rejected (2)" in str(err.value) and "date_format" in str(err.value)


def test_workbook_with_text_dates_infers_the_order_too(tmp_path):
    """A NodeXL workbook whose dates are text cells (pasted from a Dutch CSV): read day first."""
    from openpyxl import Workbook

    book = Workbook()
    edges = book.active
    edges.title = "Edges"
    edges.append(["Vertex 1", "Vertex 2", "Relationship", "Relationship Date (UTC)", "Tweet", "Imported ID"])
    edges.append(["gemeente", "inwoner", "Mentions", "03/05/2022 20:12", "hallo @inwoner", "1"])
    edges.append(["gemeente", "buur", "Mentions", "28/05/2022 09:30", "hoi @buur", "2"])
    book.create_sheet("Vertices").append(["Vertex", "Followers"])
    book.save(tmp_path / "nodexl.xlsx")
    store, [report] = ingest(tmp_path, [{"path": "nodexl.xlsx"}])
    assert report.reading["date_order"] == {"order": "day_first", "basis": "values", "example": "28/05/2022 09:30"}
    assert store.sql("SELECT month(created_at), day(created_at) FROM message ORDER BY id") == [(5, 3), (5, 28)]
