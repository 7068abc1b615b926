"""The analysis stays within DuckDB's analysis limit: nothing widened for a case that fits, the scope's
result streams arrive in batches and in order (messages.csv's rows are never held whole)."""

from __future__ import annotations

from civicnet.analysis import analyse_case
from civicnet.store import db


def test_nothing_is_widened_for_a_case_that_fits(planted, monkeypatch):
    calls = []
    monkeypatch.setattr(db, "widen_memory_limit", lambda con: calls.append(con) or True)
    store, cases = planted
    for case, _ in cases.values():
        with store.case(case) as scope:
            analysis = analyse_case(scope)
        assert analysis.message_rows.num_rows == analysis.counts["messages"] > 0
    assert calls == []


def test_a_scope_streams_a_result_in_batches_and_in_order(tw):
    scope, _, _ = tw
    with scope.batches("SELECT i FROM range(10) t(i) ORDER BY i DESC", rows=3) as reader:
        batches = list(reader)
    assert all(b.num_rows <= 3 for b in batches) and len(batches) >= 4
    assert [v for b in batches for v in b.column("i").to_pylist()] == list(range(9, -1, -1))


def test_the_analysis_holds_no_table_of_messages(tw):
    """messages.csv's rows are in their file, read again on each access of ``messages``."""
    scope, _, _ = tw
    analysis = analyse_case(scope)
    first, second = analysis.messages, analysis.messages
    assert first.equals(second) and first is not second and first.num_rows == analysis.message_rows.num_rows
    assert "messages" not in vars(analysis)
