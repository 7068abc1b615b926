"""A scope is a snapshot of its case: new records show in a new scope; cases on one store stay apart."""

import _tactics_planted as P
from civicnet.store import Store
from civicnet.tactics import government_summary, messages_table, question_list


def test_new_records_show_in_a_new_scope(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    b = P.Builder("twitter")
    gov = b.account("g", "gemeenteleiden")  # registry
    who = b.account("c", "burger")
    q = b.msg(who, P.t(3, 9), "@gemeenteleiden Hoe laat is het stadhuis open?", mentions=(gov,))
    b.write(store, "fresh")
    case = P.case(tmp_path, "fresh", [{"handle": "gemeenteleiden"}])
    with store.case(case) as first_scope:
        first = government_summary(first_scope)
        assert (first["questions_received"], first["questions_answered"]) == (1, 0)
        assert first["sender_pattern"] == "absent"
        later = P.Builder("twitter")
        later.messages = []
        later.msg(gov, P.t(3, 9, 30), "@burger Vandaag tot 17.00 uur.", kind="reply", parent=q, root=q, id="ans")
        later.write(store, "fresh")
        assert government_summary(first_scope) == first  # the open scope keeps what it computed
    with store.case(case) as scope:
        again = government_summary(scope)
        assert (again["questions_answered"], again["median_response_minutes"]) == (1, 30.0)
        assert again["sender_pattern"] == "communications_department"
        assert question_list(scope)[0]["answer_id"] == "ans"


def test_cases_on_one_store_do_not_leak(planted):
    store, cases = planted
    tw_case = cases["twitter"][0]
    with store.case(tw_case) as tw:
        before = government_summary(tw)
        # two other cases analysed on the same store connection, while the first scope is open
        with store.case(cases["linkedin"][0]) as li, store.case(cases["facebook"][0]) as fb:
            li_rows = messages_table(li).num_rows
            question_list(fb)
            assert government_summary(tw) == before
            rows = messages_table(tw).to_pylist()
            assert messages_table(li).num_rows == li_rows
        assert sum(r["is_question"] for r in rows) == 5
        # callers may change what they get without changing the next answer
        before["message_types"]["neutral"] = -1
        assert government_summary(tw)["message_types"]["neutral"] >= 0
    with store.case(tw_case) as again:
        assert government_summary(again)["questions_received"] == 5
