"""One case on a store: its own cursor, the case views, the tables it lends and makes, its measures.

::

    with store.case(case) as scope:
        scope.sql("SELECT count(*) FROM case_messages")
        with scope.lend("members", arrow_table) as members:
            scope.sql(scope.fill("SELECT count(*) FROM {members}", members=members))
        counts(scope)                      # a measure: computed once per scope, its inputs first

A scope owns a DuckDB cursor of its own. DuckDB keeps temporary views, temporary tables
and registered Arrow tables per connection, so two scopes on one store (two cases, or one
case in two threads) never see each other's; closing the scope closes its cursor, which
drops all it made. Nothing is left behind on the store's connection.

The case views (:mod:`civicnet.store.views`), every stage's starting point:
``case_all_messages``, ``case_messages``, ``case_interactions``, ``case_accounts``.

Measures
--------
A measure is a named figure or table of the case, computed from the scope and from the
measures it declares as inputs::

    @measure(messages, government_table)
    def questions(scope, messages, government_table):
        ...

Calling it with a scope (``questions(scope)``) computes the inputs first, depth first
(dependency order), then the measure, once per scope: values are cached on the scope,
never in a module global, and forgotten with it. A scope is a snapshot of the case: after
an import, open a new one.

A table a measure makes (:meth:`CaseScope.table`, :meth:`CaseScope.view`) gets a name unique
to the scope (``questions_7``) that only the :class:`Relation` handed back knows. A stage
reads it by declaring the measure as an input and putting the relation it receives into
its SQL (``{questions}``, :func:`fill`): no stage can read a temporary table it did not
declare. Measures reach the data only through the scope (``sql``, ``arrow``, ``table``,
``view``, ``lend``, ``count_terms``): that is the seam where another engine takes over the
per-message work (:class:`civicnet.spark.scope.SparkScope`).
"""

from __future__ import annotations

import inspect
import itertools
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

import duckdb
import pyarrow as pa

from . import connection, views

if TYPE_CHECKING:
    from ..case import Case
    from .db import Store

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Relation:
    """A table or view on a scope's cursor, known by the name its maker was given."""

    name: str

    def __str__(self) -> str:
        return self.name


def fill(template: str, **relations: Relation | str) -> str:
    """``template`` with each ``{name}`` replaced by the relation of that name.

    Only ``{lower_case}`` placeholders are filled (SQL's own braces, such as struct literals
    ``{'a': 1}``, are left alone); a placeholder without a relation is an error, so a query
    cannot silently name a table that was not handed in.

    >>> fill("SELECT count(*) FROM {messages} WHERE is_gov", messages=Relation("messages_3"))
    'SELECT count(*) FROM messages_3 WHERE is_gov'
    """
    def one(match: re.Match) -> str:
        key = match.group(1)
        if key not in relations:
            raise KeyError(f"SQL placeholder {{{key}}} has no relation (given: {', '.join(relations) or 'none'})")
        return str(relations[key])

    return _PLACEHOLDER.sub(one, template)


class Measure:
    """A named figure or table of a case, computed from a scope and declared input measures."""

    def __init__(self, compute: Callable[..., Any], inputs: tuple["Measure", ...]):
        names = list(inspect.signature(compute).parameters)[1:]
        if names != [m.name for m in inputs]:
            raise TypeError(f"measure {compute.__name__}: parameters {names} must name its inputs "
                            f"{[m.name for m in inputs]}, in order")
        self.compute = compute
        self.inputs = inputs
        self.name = compute.__name__
        self.__doc__ = compute.__doc__
        self.__module__ = compute.__module__
        self.__qualname__ = compute.__qualname__
        self.__wrapped__ = compute

    def __call__(self, scope: "CaseScope") -> Any:
        """The measure's value on ``scope`` (computed once per scope)."""
        return scope.measure(self)

    def __repr__(self) -> str:
        return f"<measure {self.__module__}.{self.name}>"


def measure(*inputs: Measure) -> Callable[[Callable[..., Any]], Measure]:
    """Decorator: the function ``f(scope, *input_values)`` as a :class:`Measure` of ``inputs``.

    >>> from types import SimpleNamespace
    >>> from civicnet.store import Store
    >>> @measure()
    ... def authors(scope):
    ...     return scope.table("authors", "SELECT DISTINCT platform, account FROM case_messages")
    >>> @measure(authors)
    ... def participants(scope, authors):
    ...     return scope.sql(f"SELECT count(*) FROM {authors}")[0][0]
    >>> with Store(":memory:") as store, store.case(SimpleNamespace(id="empty")) as scope:
    ...     print(participants(scope), scope.computed())
    0 ['authors', 'participants']
    """
    return lambda compute: Measure(compute, inputs)


class CaseScope:
    """The case ``case`` on ``store``: a cursor, the case views, lent and made tables, cached measures.

    Use it as a context manager (``with store.case(case) as scope``); see the module docstring.
    """

    def __init__(self, store: "Store", case: "Case"):
        self.store = store
        self.case = case
        self.path = store.path
        self.con = store.con.cursor()
        self._names = itertools.count(1)
        self._values: dict[Measure, Any] = {}
        self._running: list[Measure] = []
        views.install(self.con, case.id)

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the cursor (dropping every view, table and lent table of the scope) and forget the measures."""
        self._values.clear()
        self.con.close()

    def __enter__(self) -> "CaseScope":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- queries ---------------------------------------------------------------------------------

    def sql(self, query: str, params=None) -> list[tuple]:
        """Run one statement and fetch its rows."""
        return self._with_room(lambda: self.con.execute(query, params).fetchall())

    def arrow(self, query: str, params=None) -> pa.Table:
        """Run one query and fetch its result as an Arrow table."""
        return self._with_room(lambda: self.con.sql(query, params=params).to_arrow_table())

    def _with_room(self, run: Callable[[], Any]) -> Any:
        """``run()``; when DuckDB runs out of memory under the analysis' limit, once more under the widest
        (:func:`~civicnet.store.db.widen_memory_limit`), and then the limit back to the analysis' for
        the statements after it (:func:`~civicnet.store.db.narrow_memory_limit`): only that statement
        may hold more. A statement that failed ran in a transaction of its own (measures write nothing),
        so it leaves nothing behind; inside a transaction the retry cannot run, and the first error is
        raised."""
        try:
            return run()
        except duckdb.OutOfMemoryException as short:
            from . import db

            if not db.widen_memory_limit(self.con):
                raise
            try:
                return run()
            except duckdb.TransactionException:
                raise short from None
            finally:
                db.narrow_memory_limit(self.con)

    def with_room(self, run: Callable[[], Any]) -> Any:
        """``run()``, retried once under the widest limit when DuckDB runs out of memory (:meth:`_with_room`):
        for a reader of :meth:`batches` that starts again from the beginning (rewrites its file)."""
        return self._with_room(run)

    @contextmanager
    def batches(self, query: str, params=None, rows: int = 65_536) -> Iterator[pa.RecordBatchReader]:
        """The query's result as a stream of Arrow record batches of up to ``rows`` rows, in its order,
        for the block: nothing holds the whole result (a sort spills past DuckDB's limit). Not retried
        by itself (the rows may be half read when memory runs out): see :meth:`with_room`."""
        reader = self.con.sql(query, params=params).to_arrow_reader(rows)
        try:
            yield reader
        finally:
            reader.close()

    fill = staticmethod(fill)

    def _name(self, stem: str) -> str:
        return f"{stem}_{next(self._names)}"

    def table(self, stem: str, query: str, params=None) -> Relation:
        """A temporary table of the query's rows, named uniquely on this scope."""
        rel = Relation(self._name(stem))
        self.sql(f"CREATE TEMP TABLE {rel} AS {query}", params)
        return rel

    def view(self, stem: str, query: str) -> Relation:
        """A temporary view of the query, named uniquely on this scope."""
        rel = Relation(self._name(stem))
        self.sql(f"CREATE TEMP VIEW {rel} AS {query}")
        return rel

    @contextmanager
    def temporary(self, stem: str, query: str, params=None) -> Iterator[Relation]:
        """A temporary table for the length of the block (dropped at its end)."""
        rel = self.table(stem, query, params)
        try:
            yield rel
        finally:
            self.sql(f"DROP TABLE IF EXISTS {rel}")

    @contextmanager
    def lend(self, stem: str, table: pa.Table) -> Iterator[Relation]:
        """``table`` readable in SQL inside the block, as the relation yielded."""
        with connection.lend(self.con, self._name(stem), table) as name:
            yield Relation(name)

    def atomic(self):
        """The block as one transaction on the scope's cursor (a context manager)."""
        return connection.atomic(self.con)

    def count_terms(self, source: str, keys, language: str | None):
        """The terms of ``source``'s texts, in all and per group of each key column
        (:func:`civicnet.text.tokenize.count_terms_grouped`: only counts leave the engine)."""
        from ..text.tokenize import count_terms_grouped

        return count_terms_grouped(self.con, source, keys, language)

    # -- measures --------------------------------------------------------------------------------

    def measure(self, m: Measure) -> Any:
        """The value of measure ``m``: its inputs first, then ``m``; once per scope."""
        if m in self._values:
            return self._values[m]
        if m in self._running:
            chain = " -> ".join(x.name for x in self._running[self._running.index(m):] + [m])
            raise RuntimeError(f"measures depend on each other in a circle: {chain}")
        self._running.append(m)
        try:
            value = m.compute(self, *(self.measure(i) for i in m.inputs))
        finally:
            self._running.pop()
        self._values[m] = value
        return value

    def computed(self) -> list[str]:
        """Names of the measures computed on this scope so far, in the order they finished."""
        return [m.name for m in self._values]
