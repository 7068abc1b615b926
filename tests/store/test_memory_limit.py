"""DuckDB's memory limit for the store: from the machine outside an import, lower while importing."""

from __future__ import annotations

import pytest

from civicnet.store import db
from civicnet.store.db import Store, analysis_memory, memory_limit

GiB = 1 << 30


@pytest.mark.parametrize("machine, expected", [
    (2 * GiB, 1 * GiB),      # half of a small machine
    (4 * GiB, 1 * GiB),
    (8 * GiB, 1 * GiB),      # a laptop: the 1 GiB floor (a thirty-second would be 256 MiB)
    (24 * GiB, 1 * GiB),     # this benchmark machine: 768 MiB by share, so the floor
    (64 * GiB, 2 * GiB),     # a server: a thirty-second
    (256 * GiB, 8 * GiB),
    (1 * GiB, GiB // 2),     # never more than half the machine
])
def test_the_analysis_limit_follows_the_machine(machine, expected):
    assert analysis_memory(machine) == expected


def test_the_store_opens_with_the_analysis_limit_and_imports_with_the_lower_one(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "machine_memory", lambda: 64 * GiB)
    assert memory_limit() == "2048MiB" and memory_limit(importing=True) == "512MiB"
    with Store(tmp_path / "s.duckdb") as store:
        assert store.sql("SELECT current_setting('memory_limit')") == [("2.0 GiB",)]
        with store.importing():
            assert store.sql("SELECT current_setting('memory_limit')") == [("512.0 MiB",)]
        assert store.sql("SELECT current_setting('memory_limit')") == [("2.0 GiB",)]


def test_a_statement_short_of_memory_runs_again_with_the_widest_limit(tmp_path, monkeypatch):
    """The analysis limit is low by design (1 GiB here); a statement that needs more than it may hold at
    once (a list aggregate cannot spill) runs again under half the machine — the limit before issue 22 —
    instead of failing a large case; after it the limit is the analysis' again, so that DuckDB does not
    keep what it likes for the rest of the run."""
    from types import SimpleNamespace

    monkeypatch.setattr(db, "machine_memory", lambda: 8 * GiB)
    limits = []
    widen = db.widen_memory_limit

    def spy(con):
        changed = widen(con)
        limits.append(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
        return changed

    monkeypatch.setattr(db, "widen_memory_limit", spy)
    query = "SELECT len(list(i)) FROM range(20000000) t(i)"  # ~160 MB held at once
    with Store(tmp_path / "s.duckdb") as store:
        with store.case(SimpleNamespace(id="x")) as scope:
            for run in (scope.sql, lambda q: scope.arrow(q).to_pylist()):
                scope.con.execute("SET memory_limit = '30MB'")  # as a case ten times larger would find 1 GiB
                assert run(query) in ([(20_000_000,)], [{"len(list(i))": 20_000_000}])
                assert scope.sql("SELECT current_setting('memory_limit')") == [("1.0 GiB",)]
        assert limits == ["4.0 GiB", "4.0 GiB"]  # the statement itself ran under the widest limit
        assert store.sql("SELECT current_setting('memory_limit')") == [("1.0 GiB",)]


def test_short_of_memory_under_the_widest_limit_is_the_stores_error(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from civicnet.errors import StoreError

    monkeypatch.setattr(db, "machine_memory", lambda: 8 * GiB)
    monkeypatch.setattr(db, "MEMORY_SHARE", 30 / 8192)  # the widest limit is 30 MB: no room to give
    with pytest.raises(StoreError, match="not enough memory for the store"), Store(tmp_path / "s.duckdb") as store:
        store.con.execute("SET memory_limit = '30MB'")
        with store.case(SimpleNamespace(id="x")) as scope:  # widened to the floor of 256 MiB, still short
            scope.sql("SELECT len(list(i)) FROM range(200000000) t(i)")


def test_a_stream_short_of_memory_is_written_again_under_the_widest_limit(tmp_path, monkeypatch):
    """messages.csv's rows are streamed into their file; when DuckDB runs short while they stream, the
    file is written again from its start under the widest limit, and the limit narrowed after it."""
    from types import SimpleNamespace

    from civicnet.tactics.table import MessageRows

    monkeypatch.setattr(db, "machine_memory", lambda: 8 * GiB)
    widened = []
    widen = db.widen_memory_limit
    monkeypatch.setattr(db, "widen_memory_limit", lambda con: widened.append(1) or widen(con))
    query = """SELECT 'x' AS platform, i::VARCHAR AS id, NULL AS account, NULL AS created_at, 'post' AS kind,
                      (SELECT len(list(j)) FROM range(20000000) t(j))::VARCHAR AS parent, NULL AS text,
                      false AS is_government, NULL AS message_type, false AS is_question,
                      NULL AS answered_by, NULL::DOUBLE AS response_minutes
               FROM range(100000) t(i) ORDER BY i"""
    with Store(tmp_path / "s.duckdb") as store, store.case(SimpleNamespace(id="x")) as scope:
        scope.con.execute("SET memory_limit = '30MB'")
        rows = MessageRows.spool(scope, query)
        assert rows.num_rows == 100_000 and rows.table().column("parent").unique().to_pylist() == ["20000000"]
        assert rows.table().column("id").to_pylist()[:3] == ["0", "1", "2"]
        assert widened == [1] and scope.sql("SELECT current_setting('memory_limit')") == [("1.0 GiB",)]
