"""messages.csv (messages_table) and the cross-case comparison table."""

import csv
import io

import pyarrow.csv as pacsv

import _tactics_planted as P
from civicnet.tactics import (case_counts, comparison_table, government_details, government_summary, messages_table,
                              peaks)
from civicnet.tactics.table import write_messages_csv

COLUMNS = ["platform", "id", "account", "created_at", "kind", "parent", "text", "is_government", "message_type",
           "is_question", "answered_by", "response_minutes"]


def test_messages_table_columns_and_planted_rows(tw):
    store, case, ids = tw
    table = messages_table(store, case)
    assert table.column_names == COLUMNS
    rows = {r["id"]: r for r in table.to_pylist()}
    counts = case_counts(store, case)
    assert len(rows) == counts["messages"] == 114
    assert sum(r["is_government"] for r in rows.values()) == counts["government_messages"]
    g = government_summary(store, case)
    assert sum(r["is_question"] for r in rows.values()) == g["questions_received"]
    assert sum(r["answered_by"] is not None for r in rows.values()) == g["questions_answered"]
    assert rows[ids["q1"]] == {
        "platform": "twitter", "id": ids["q1"], "account": "burger1", "created_at": "2014-02-03T09:00:00Z",
        "kind": "post", "parent": None, "text": "@gemeentedeventer Wanneer wordt het afval opgehaald?",
        "is_government": False, "message_type": None, "is_question": True, "answered_by": "gemeentedeventer",
        "response_minutes": 45.0,
    }
    assert rows[ids["a1"]]["parent"] == ids["q1"] and rows[ids["a1"]]["is_government"]
    first = table.to_pylist()[0]
    assert first["text"].startswith("Doe mee") and first["message_type"] == "call"
    # message_type only for government messages; its types are the report's
    for r in rows.values():
        assert (r["message_type"] is not None) == r["is_government"]
        if r["message_type"] and r["message_type"] != "none":
            assert set(r["message_type"].split(";")) <= {"neutral", "personal", "call", "nuancing", "webcare", "humour"}
    # the per-type counts of the summary are the column's counts
    types = {}
    for r in rows.values():
        for t in (r["message_type"] or "").split(";"):
            if t:
                types[t] = types.get(t, 0) + 1
    assert {k: v for k, v in g["message_types"].items() if v} == types
    assert "ctx1" not in rows and "e1" not in rows


def test_write_messages_csv_holds_the_table(tw, tmp_path):
    store, case, _ = tw
    write_messages_csv(store, case, tmp_path / "messages.csv")
    with open(tmp_path / "messages.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    text = {True: "true", False: "false", None: ""}
    expected = [[text[v] if v is None or isinstance(v, bool) else str(v) for v in r.values()]
                for r in messages_table(store, case).to_pylist()]
    assert rows == [COLUMNS] + expected  # same rows, same order


def test_messages_table_writes_as_csv(planted):
    store, cases = planted
    case, ids = cases["linkedin"]
    buf = io.BytesIO()
    pacsv.write_csv(messages_table(store, case), buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().decode())))
    assert list(rows[0]) == COLUMNS
    q = next(r for r in rows if r["id"] == ids["q"])
    assert (q["account"], q["is_question"], q["answered_by"], q["response_minutes"]) == ("li2", "true", "li1", "90")


def _summary(store, case, networks=None):
    return {
        "case": {"id": case.id, "title": case.title, "level": case.level, "language": case.language,
                 "period": {"start": str(case.period_start), "end": str(case.period_end)}},
        "counts": case_counts(store, case), "peaks": peaks(store, case),
        "government": government_summary(store, case, networks),
        "government_details": government_details(store, case, networks),
    }


def test_comparison_table(planted):
    store, cases = planted
    tw_case = cases["twitter"][0]
    li_case = cases["linkedin"][0]
    rows = comparison_table([_summary(store, tw_case, P.networks_summary()), _summary(store, li_case)])
    tw, li = rows
    assert tw["case"] == "twitter-planted" and li["case"] == "linkedin-flat"
    assert (tw["sender_pattern"], tw["reach"], tw["reached_communities"], tw["communities"]) == ("combination", "1 of 4", 1, 4)
    assert (tw["questions_received"], tw["questions_answered"], tw["answer_rate"]) == (5, 2, 0.4)
    assert tw["median_response_minutes"] == 97.5 and tw["peaks"] == 2
    assert (tw["proactive"], tw["active"], tw["reactive"], tw["main_timing"]) == (3, 2, 6, "reactive")
    assert tw["government_share"] == round(11 / 114, 4) and tw["government_accounts"] == 3
    assert tw["interaction"] == "two-way" and tw["ladder_rung"] == "inform"
    assert "information provision" in tw["strategies"]
    assert li["sender_pattern"] == "civil_servants" and li["reach"] is None
    assert (li["questions_received"], li["questions_answered"]) == (3, 2)
    bare = comparison_table([{"case": {"id": "x"}, "counts": {"messages": 0}, "government": {}}])[0]
    assert bare["interaction"] is None and bare["strategies"] is None and bare["government_share"] is None
