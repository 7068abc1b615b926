"""Derived tables are computed once per case state, and recomputed when the case changes."""

import _tactics_planted as P
from civicnet.store import Store
from civicnet.tactics import government_summary, messages_table, questions


def test_new_records_make_the_analysis_stale(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    b = P.Builder("twitter")
    gov = b.account("g", "gemeenteleiden")  # registry
    who = b.account("c", "burger")
    q = b.msg(who, P.t(3, 9), "@gemeenteleiden Hoe laat is het stadhuis open?", mentions=(gov,))
    b.write(store, "fresh")
    case = P.case(tmp_path, "fresh", [{"handle": "gemeenteleiden"}])
    first = government_summary(store, case)
    assert (first["questions_received"], first["questions_answered"]) == (1, 0)
    assert first["sender_pattern"] == "absent"
    later = P.Builder("twitter")
    later.messages = []
    later.msg(gov, P.t(3, 9, 30), "@burger Vandaag tot 17.00 uur.", kind="reply", parent=q, root=q, id="ans")
    later.write(store, "fresh")
    again = government_summary(store, case)
    assert (again["questions_answered"], again["median_response_minutes"]) == (1, 30.0)
    assert again["sender_pattern"] == "communications_department"
    assert questions(store, case)[0]["answer_id"] == "ans"


def test_other_cases_in_between_do_not_leak(planted):
    store, cases = planted
    tw_case = cases["twitter"][0]
    before = government_summary(store, tw_case)
    messages_table(store, cases["linkedin"][0])  # recomputes the derived tables for another case
    questions(store, cases["facebook"][0])
    assert government_summary(store, tw_case) == before
    rows = messages_table(store, tw_case).to_pylist()
    assert sum(r["is_question"] for r in rows) == 5
    # callers may change what they get without changing the next answer
    before["message_types"]["neutral"] = -1
    assert government_summary(store, tw_case)["message_types"]["neutral"] >= 0
