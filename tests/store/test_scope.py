"""The case scope: its own cursor, views, lent and made tables, transactions, and measures."""

from __future__ import annotations

from types import SimpleNamespace

import pyarrow as pa
import pytest

from civicnet.model import Account, Message
from civicnet.store.db import Store
from civicnet.store.scope import Relation, fill, measure


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        accounts = [Account(platform="x", id=a, handle=a) for a in ("a", "b")]
        s.write("one", accounts, [Message(platform="x", id="m1", account="a")], [])
        s.write("two", accounts, [Message(platform="x", id="m2", account="b"), Message(platform="x", id="m3", account="a")],
                [])
        yield s


def _case(case_id: str):
    return SimpleNamespace(id=case_id)


def _temp_names(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary "
                                      "UNION SELECT view_name FROM duckdb_views() WHERE temporary "
                                      "AND NOT internal").fetchall()}


def test_two_cases_on_one_store_each_see_their_own(store):
    with store.case(_case("one")) as one, store.case(_case("two")) as two:
        assert one.sql("SELECT id FROM case_messages") == [("m1",)]
        assert sorted(two.sql("SELECT id FROM case_messages")) == [("m2",), ("m3",)]
        made = one.table("ids", "SELECT id FROM case_messages")
        assert made.name in _temp_names(one.con) and made.name not in _temp_names(two.con)
    # nothing is left on the store's own connection, before or after
    assert _temp_names(store.con) == set()


def test_tables_get_names_of_their_own_and_temporary_ones_go(store):
    with store.case(_case("one")) as scope:
        first = scope.table("counted", "SELECT * FROM case_messages")
        second = scope.table("counted", "SELECT * FROM case_messages")
        view = scope.view("counted", f"SELECT * FROM {first}")
        assert len({first.name, second.name, view.name}) == 3 and first.name.startswith("counted_")
        with scope.temporary("stage", "SELECT 1 AS x") as stage:
            assert scope.sql(f"SELECT x FROM {stage}") == [(1,)]
        assert stage.name not in _temp_names(scope.con)
        assert scope.arrow(f"SELECT count(*) AS n FROM {view}").column("n").to_pylist() == [1]


def test_lent_tables_are_readable_only_inside_the_block(store):
    with store.case(_case("one")) as scope:
        with scope.lend("ids", pa.table({"id": ["m1", "zz"]})) as ids, \
                scope.lend("ids", pa.table({"id": ["m1"]})) as other:
            assert ids.name != other.name
            assert scope.sql(f"SELECT count(*) FROM case_messages WHERE id IN (SELECT id FROM {ids})") == [(1,)]
        with pytest.raises(Exception):
            scope.sql(f"SELECT * FROM {ids}")
    with store.lend("batch", pa.table({"n": [1, 2]})):
        assert store.sql("SELECT sum(n) FROM batch") == [(3,)]
    with pytest.raises(Exception):
        store.sql("SELECT * FROM batch")


def test_atomic_commits_or_rolls_back(store):
    with store.case(_case("one")) as scope:
        with scope.atomic():
            scope.sql("INSERT INTO secret VALUES ('a', '1')")
        with pytest.raises(ZeroDivisionError):
            with scope.atomic():
                scope.sql("INSERT INTO secret VALUES ('b', '2')")
                1 / 0
    assert store.sql("SELECT name FROM secret ORDER BY name") == [("a",)]
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.sql("INSERT INTO secret VALUES ('c', '3')")
            raise RuntimeError("stop")
    assert store.sql("SELECT count(*) FROM secret WHERE name = 'c'") == [(0,)]


def test_measures_run_once_per_scope_inputs_first(store):
    calls = []

    @measure()
    def ids(scope):
        calls.append("ids")
        return scope.table("ids", "SELECT id FROM case_messages")

    @measure(ids)
    def count(scope, ids):
        calls.append("count")
        return scope.sql(f"SELECT count(*) FROM {ids}")[0][0]

    @measure(ids, count)
    def share(scope, ids, count):
        calls.append("share")
        return count / max(1, count)

    with store.case(_case("two")) as scope:
        assert share(scope) == 1.0 and count(scope) == 2 and isinstance(ids(scope), Relation)
        assert calls == ["ids", "count", "share"] and scope.computed() == ["ids", "count", "share"]
    with store.case(_case("two")) as again:  # another scope computes again
        assert count(again) == 2 and calls == ["ids", "count", "share", "ids", "count"]


def test_measures_in_a_circle_and_misnamed_inputs_are_errors(store):
    @measure()
    def first(scope):
        return second(scope)

    @measure(first)
    def second(scope, first):
        return first

    with store.case(_case("one")) as scope, pytest.raises(RuntimeError, match="circle: first -> second -> first"):
        first(scope)
    with pytest.raises(TypeError, match="must name its inputs"):
        @measure(first)
        def wrong(scope, other):
            return other


def test_fill_names_only_the_relations_handed_in():
    assert fill("SELECT {'a': 1} FROM {t} JOIN {u}", t=Relation("t_1"), u="u_2") == "SELECT {'a': 1} FROM t_1 JOIN u_2"
    with pytest.raises(KeyError, match="messages"):
        fill("SELECT * FROM {messages}", other=Relation("x_1"))
