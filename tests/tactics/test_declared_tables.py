"""No stage reads a temporary table it did not declare: every query a measure runs while the case is
analysed names only the tables its own code made or lent and those of the measures it declares as
inputs. The scope gives every table a name of its own (``messages_3``), so a query names one only by
the relation it was handed; the check looks for each such name in every statement."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from civicnet.analysis import analyse_case
from civicnet.store.scope import CaseScope, Relation


class TracingScope(CaseScope):
    """A scope that knows which measure made or lent each of its tables, and checks every query."""

    def __init__(self, store, case):
        super().__init__(store, case)
        self.owner: dict[str, object] = {}
        self.reads: list[tuple[str, str, str]] = []  # (reading measure, table, owning measure)
        self.undeclared: list[tuple[str, str, str]] = []

    def _current(self):
        return self._running[-1] if self._running else None

    def _check(self, query: str) -> None:
        current = self._current()
        for name in set(re.findall(r"\b[a-z_]+_[0-9]+\b", query)):
            if name not in self.owner:
                continue  # not a table of this scope (a store table, a case view, a column)
            owner = self.owner[name]
            entry = (getattr(current, "name", None), name, getattr(owner, "name", None))
            self.reads.append(entry)
            if owner is not current and (current is None or owner not in current.inputs):
                self.undeclared.append(entry)

    def sql(self, query, params=None):
        self._check(query)
        return super().sql(query, params)

    def arrow(self, query, params=None):
        self._check(query)
        return super().arrow(query, params)

    def _own(self, rel: Relation) -> Relation:
        self.owner[rel.name] = self._current()
        return rel

    def table(self, stem, query, params=None):
        return self._own(super().table(stem, query, params))

    def view(self, stem, query):
        return self._own(super().view(stem, query))

    @contextmanager
    def lend(self, stem, table):
        with super().lend(stem, table) as rel:
            yield self._own(rel)


@pytest.mark.parametrize("name", ["twitter", "linkedin", "facebook"])
def test_every_measure_reads_only_declared_tables(planted, name):
    store, cases = planted
    scope = TracingScope(store, cases[name][0])
    with scope:
        analysis = analyse_case(scope)
    assert analysis.messages.num_rows > 0
    assert scope.reads, "the check saw no read of a measure's table"
    made = {getattr(owner, "name", None) for owner in scope.owner.values()}
    assert {"all_messages", "messages", "questions", "answers", "types", "timing", "government_table"} <= made
    assert scope.undeclared == []


def test_an_undeclared_read_is_caught(planted):
    """The check itself: a function that reads a measure's table without declaring it is seen."""
    from civicnet.store.scope import measure
    from civicnet.tactics import messages

    @measure()
    def sneaky(scope):
        return scope.sql(f"SELECT count(*) FROM {messages(scope)}")[0][0]

    store, cases = planted
    with TracingScope(store, cases["twitter"][0]) as scope:
        assert sneaky(scope) > 0
        assert [(reader, owner) for reader, _, owner in scope.undeclared] == [("sneaky", "messages")]
