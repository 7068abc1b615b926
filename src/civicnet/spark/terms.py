"""Term counts per group on Spark: the DuckDB tokeniser, one partition at a time.

:func:`civicnet.text.tokenize.count_terms_grouped` counts the terms of a relation's texts in
one DuckDB statement. On Spark the same statement runs inside each partition
(``mapInArrow``: the partition's rows as Arrow, an in-memory DuckDB on the executor — DuckDB
is a dependency of civicnet, so it is there wherever civicnet is installed), Spark adds the
partial counts per (grouping level, group value, term), and only those rows reach the
driver. The tokens are therefore exactly the DuckDB engine's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import pyarrow as pa

from ..text.tokenize import grouped_counts, grouped_rows

if TYPE_CHECKING:
    from .scope import SparkScope


def count_terms_grouped(scope: "SparkScope", source: str, keys: Sequence[str],
                        language: str | None) -> tuple[Counter, list[dict[Hashable, Counter]]]:
    """:func:`civicnet.text.tokenize.count_terms_grouped` of ``source`` (DuckDB SQL) on ``scope``."""
    frame = scope.frame(source).select("text", *keys)
    value_type = frame.schema[keys[0]].dataType.simpleString() if keys else "string"
    schema = f"level bigint, value {value_type}, token string, n bigint"
    partial = frame.mapInArrow(_partition_counter(list(keys), schema_arrow(frame, keys)), schema)
    rows = partial.groupBy("level", "value", "token").sum("n").toArrow()
    return grouped_counts(zip(*(c.to_pylist() for c in rows.columns)), keys, language)


def schema_arrow(frame, keys: Sequence[str]) -> pa.Schema:
    """The Arrow schema of the partial rows (the group value has the type of the first key)."""
    from pyspark.sql.pandas.types import to_arrow_type

    value = to_arrow_type(frame.schema[keys[0]].dataType) if keys else pa.string()
    return pa.schema([("level", pa.int64()), ("value", value), ("token", pa.string()), ("n", pa.int64())])


def _partition_counter(keys: list[str], schema: pa.Schema):
    """The function ``mapInArrow`` runs per partition: batches in, partial count rows out."""
    def count(batches):
        import duckdb

        con = duckdb.connect()
        try:
            for batch in batches:
                con.register("part", pa.Table.from_batches([batch]))
                rows = grouped_rows(con, "SELECT * FROM part", keys)
                con.unregister("part")
                if rows:
                    columns = list(zip(*rows))
                    yield pa.RecordBatch.from_arrays(
                        [pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)
        finally:
            con.close()

    return count
