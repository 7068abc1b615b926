"""A case scope whose statements run on Spark: :class:`SparkScope` (the spark engine's seam).

Measures reach a case only through their scope's ``sql``, ``arrow``, ``table``, ``view``,
``lend`` and ``count_terms`` (:mod:`civicnet.store.scope`). A :class:`SparkScope` offers
the same methods over Spark: the case's records are Spark tables (read from Parquet,
:mod:`civicnet.spark.tables`), each statement is the measure's own DuckDB SQL translated to
Spark SQL (:mod:`civicnet.spark.translate`), results come back to the driver as Arrow, and
tables a measure makes are cached Spark tables under the same unique names. So every
measure runs unchanged; what needs the whole graph (communities, centrality, reach) gets
the aggregated edges as Arrow and runs on the driver with igraph, as on DuckDB.

The store's own small tables — ``import`` (provenance), ``case``, ``secret`` (the
pseudonym salt) — stay in the DuckDB store on the driver: a statement that names one of
them runs there, on the scope's own DuckDB cursor.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

import pyarrow as pa

from ..store import connection
from ..store.scope import CaseScope, Measure, Relation
from . import translate

if TYPE_CHECKING:
    from ..case import Case
    from ..store.db import Store

#: Tables that stay in the driver's DuckDB store (statements naming them run there).
STORE_TABLES = frozenset({"import", "case", "secret", "schema_migrations"})


class SparkScope(CaseScope):
    """The case ``case`` with its records on Spark: ``session``, and the Parquet export at ``location``.

    ``store`` is the driver's DuckDB store (import provenance, the pseudonym salt). Use it as a
    context manager, like :class:`~civicnet.store.scope.CaseScope`.
    """

    engine = "spark"

    def __init__(self, store: "Store", case: "Case", session, location: str):
        self.store = store
        self.case = case
        self.path = store.path
        self.con = store.con.cursor()          # the store's own tables only (STORE_TABLES)
        self.spark = session.newSession()       # temporary views of this scope only
        self._names = itertools.count(1)
        self._values: dict[Measure, Any] = {}
        self._running: list[Measure] = []
        self._cached: list = []
        from .tables import install

        install(self, location)

    def close(self) -> None:
        """Forget the measures, uncache the scope's Spark tables, close the DuckDB cursor."""
        self._values.clear()
        for frame in self._cached:
            frame.unpersist()
        self._cached.clear()
        self.con.close()

    # -- queries ---------------------------------------------------------------------------------

    def _on_store(self, query: str, params=None) -> bool:
        return bool(translate.statement_tables(query, params) & STORE_TABLES)

    def frame(self, query: str, params=None):
        """The query (DuckDB SQL) as a Spark DataFrame on this scope."""
        return self.spark.sql(translate.to_spark(query, params))

    def sql(self, query: str, params=None) -> list[tuple]:
        """Run one statement and fetch its rows (as tuples, as DuckDB gives them)."""
        if self._on_store(query, params):
            return self.con.execute(query, params).fetchall()
        return [tuple(row) for row in self.frame(query, params).collect()]

    def arrow(self, query: str, params=None) -> pa.Table:
        """Run one query and fetch its result as an Arrow table."""
        if self._on_store(query, params):
            return self.con.sql(query, params=params).to_arrow_table()
        return self.frame(query, params).toArrow()

    @contextmanager
    def batches(self, query: str, params=None, rows: int = 65_536) -> Iterator[pa.RecordBatchReader]:
        """The query's result as record batches, in its order (from its Arrow result)."""
        yield self.arrow(query, params).to_reader(rows)

    def register(self, name: str, frame, *, cache: bool = True) -> Relation:
        """``frame`` as the temporary view ``name`` of this scope (cached: read more than once)."""
        if cache:
            frame = frame.cache()
            self._cached.append(frame)
        frame.createOrReplaceTempView(name)
        return Relation(name)

    def table(self, stem: str, query: str, params=None) -> Relation:
        """A cached Spark table of the query's rows, named uniquely on this scope."""
        return self.register(self._name(stem), self.frame(query, params))

    def view(self, stem: str, query: str) -> Relation:
        """A Spark view of the query, named uniquely on this scope."""
        return self.register(self._name(stem), self.frame(query), cache=False)

    @contextmanager
    def temporary(self, stem: str, query: str, params=None) -> Iterator[Relation]:
        """A cached Spark table for the length of the block."""
        rel = self.table(stem, query, params)
        try:
            yield rel
        finally:
            self.spark.catalog.dropTempView(rel.name)

    @contextmanager
    def lend(self, stem: str, table: pa.Table) -> Iterator[Relation]:
        """``table`` (Arrow, on the driver) as a Spark table inside the block."""
        rel = self.register(self._name(stem), self.spark.createDataFrame(table), cache=False)
        try:
            yield rel
        finally:
            self.spark.catalog.dropTempView(rel.name)

    def atomic(self):
        """A transaction on the store's cursor (Spark's tables are read, never written, by measures)."""
        return connection.atomic(self.con)

    def count_terms(self, source: str, keys, language: str | None):
        """:func:`civicnet.text.tokenize.count_terms_grouped` of ``source``, tokenised on Spark."""
        from .terms import count_terms_grouped

        return count_terms_grouped(self, source, keys, language)
