"""The DuckDB → Spark SQL translation: each rewrite of civicnet.spark.translate, and the same
statements giving the same rows on DuckDB and on Spark."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

pytest.importorskip("sqlglot")

from civicnet.spark.translate import bind, java_pattern, statement_tables, to_spark  # noqa: E402

ROWS = [("twitter", "1", "a", dt.datetime(2014, 2, 1, 9, 30), "Vraag? ja", "mention"),
        ("twitter", "1", "a", dt.datetime(2014, 2, 1, 9, 30), "Vraag? ja", "reply"),
        ("twitter", "2", "b", dt.datetime(2014, 2, 3, 17, 5), "#Lisse en #lisse", "mention"),
        ("twitter", "3", "a", dt.datetime(2014, 2, 3, 18, 0), None, "quote")]
COLUMNS = "platform, id, account, created_at, text, kind"


def test_parameters_become_literals_but_not_inside_strings():
    query = "SELECT * FROM t WHERE a = ? AND b = '?' AND c = ?::TIMESTAMP AND d IN (SELECT unnest(?::VARCHAR[]))"
    bound = bind(query, ["it's", dt.datetime(2014, 2, 1, 9, 30), ["x", "y"]])
    assert bound == ("SELECT * FROM t WHERE a = 'it''s' AND b = '?' AND c = TIMESTAMP '2014-02-01 09:30:00'::TIMESTAMP "
                     "AND d IN (SELECT unnest(['x', 'y']::VARCHAR[]))")
    assert bind("SELECT $case, $other", {"case": "lisse", "other": None}) == "SELECT 'lisse', NULL"


def test_statement_tables_names_tables_not_ctes():
    assert statement_tables('WITH x AS (SELECT * FROM secret) SELECT * FROM x JOIN "case" c ON true') == {"secret", "case"}


def test_strftime_pattern_quotes_literal_letters():
    assert java_pattern("%Y-%m-%dT%H:%M:%SZ") == "yyyy-MM-dd'T'HH:mm:ss'Z'"
    with pytest.raises(ValueError):
        java_pattern("%j")


def test_materialized_hint_is_dropped():
    assert "MATERIALIZED" not in to_spark("WITH g AS MATERIALIZED (SELECT 1 AS x) SELECT x FROM g")


#: Statements of the shapes the measures use, each with a rewrite or a dialect difference.
SAME_ROWS = [
    # DISTINCT ON with an order: the first row per key, the result ordered
    "SELECT DISTINCT ON (id) id, kind FROM t ORDER BY id, kind DESC",
    # string_agg(DISTINCT … ORDER BY …)
    "SELECT id, string_agg(DISTINCT kind, ';' ORDER BY kind) FROM t GROUP BY id ORDER BY id",
    # range() of timestamps as a table, end excluded
    "SELECT range AS d FROM range(?::TIMESTAMP, ?::TIMESTAMP, INTERVAL 1 DAY) ORDER BY d",
    # strftime
    "SELECT strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') FROM t ORDER BY 1",
    # unnest nested in an expression, without FROM
    "SELECT count(*) FROM t WHERE lower(account) IN (SELECT lower(unnest(?::VARCHAR[])))",
    # regexp_extract_all with a group, unnested; count(DISTINCT) of a lower-cased tag
    "SELECT count(DISTINCT lower(tag)) FROM (SELECT unnest(regexp_extract_all(text, '#(\\w+)', 1)) AS tag FROM t)",
    # NULL ordering: DuckDB puts NULLs last in ascending order, Spark first unless told
    "SELECT text FROM t ORDER BY text",
    # a question mark in a string next to a parameter; FILTER; date cast
    "SELECT count(*) FILTER (WHERE contains(text, '?')), min(created_at)::DATE FROM t WHERE account = ?",
]
PARAMS = {2: [dt.datetime(2014, 2, 1), dt.datetime(2014, 2, 4)], 4: [["A"]], 7: ["a"]}


@pytest.mark.parametrize("n", range(len(SAME_ROWS)))
def test_same_rows_on_duckdb_and_spark(spark, n):
    query, params = SAME_ROWS[n], PARAMS.get(n)
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t ({COLUMNS.replace(', ', ' VARCHAR, ').replace('created_at VARCHAR', 'created_at TIMESTAMP')} VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", ROWS)
    expected = con.execute(query, params).fetchall()
    session = spark.newSession()
    session.createDataFrame(con.sql("SELECT * FROM t").to_arrow_table()).createOrReplaceTempView("t")
    got = [tuple(r) for r in session.sql(to_spark(query, params)).collect()]
    assert got == expected
