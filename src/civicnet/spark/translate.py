"""The measures' DuckDB SQL as Spark SQL: :func:`to_spark`.

Every measure is written once, in DuckDB's dialect. The spark engine runs the same
statements on Spark SQL: parameters (``?`` and ``$name``) become literals, sqlglot
(``pip install sqlglot``) translates the dialect, and a few rewrites cover what sqlglot
does not (each tested in tests/spark/test_translate.py):

- ``SELECT DISTINCT ON (keys) … ORDER BY o`` → the first row per key by ``ROW_NUMBER()`` over
  ``o``, the row number left out again (``* EXCEPT``), and the result still ordered by ``o``
  (sqlglot's own form keeps the row-number column and drops the order).
- ``FROM range(start, stop, step)`` (a table function with the column ``range``, ``stop`` left
  out) → the exploded ``sequence(start, stop, step)`` as a subquery with that column, ``stop``
  filtered out.
- ``SELECT f(unnest(list))`` without a FROM (Spark takes no generator inside an expression)
  → ``SELECT f(u) FROM (SELECT unnest(list) AS u)``.
- ``WITH x AS MATERIALIZED (…)``: the hint is dropped (Spark plans CTEs itself).
- ``strftime(t, '%Y-%m-%dT%H:%M:%SZ')`` → ``date_format`` with Java's pattern letters, literal
  text quoted (sqlglot leaves ``T`` and ``Z`` bare, which Java reads as pattern letters).

The translation of a statement does not depend on the data, so it is kept per text
(:func:`functools.lru_cache`).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.tokens import TokenType


def to_spark(query: str, params: Any = None) -> str:
    """``query`` (DuckDB SQL, with ``params`` for its ``?`` or ``$name`` markers) as Spark SQL."""
    return _translate(bind(query, params) if params else query)


def bind(query: str, params: Any) -> str:
    """``query`` with each ``?`` (``params`` a list) or ``$name`` (a dict) replaced by its value as
    a DuckDB literal. Markers are found by sqlglot's tokenizer, so a ``?`` inside a string stays."""
    tokens = Dialect.get_or_raise("duckdb").tokenize(query)
    positional = iter(params) if isinstance(params, (list, tuple)) else None
    pieces, at = [], 0
    for i, token in enumerate(tokens):
        if token.token_type in (TokenType.PLACEHOLDER, TokenType.QDCOLON) and positional is not None:
            stop = token.start + 1  # "?" (of "?::" too)
        elif (token.token_type == TokenType.PARAMETER and isinstance(params, dict) and i + 1 < len(tokens)
              and tokens[i + 1].text in params):
            stop = tokens[i + 1].end + 1
        else:
            continue
        value = next(positional) if positional is not None else params[tokens[i + 1].text]
        pieces += [query[at:token.start], literal(value)]
        at = stop
    return "".join(pieces) + query[at:]


def literal(value: Any) -> str:
    """``value`` as a DuckDB SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.replace(tzinfo=None).isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def statement_tables(query: str, params: Any = None) -> frozenset[str]:
    """The names of the tables and views ``query`` reads or writes (lower case, no CTE names)."""
    return _tables(bind(query, params) if params else query)


@functools.lru_cache(maxsize=2048)
def _tables(query: str) -> frozenset[str]:
    tree = _parse(query)
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    return frozenset(t.name.lower() for t in tree.find_all(exp.Table) if t.name and t.name.lower() not in ctes)


@functools.lru_cache(maxsize=2048)
def _translate(query: str) -> str:
    return _generate(_parse(query))


def _parse(query: str) -> exp.Expression:
    return sqlglot.parse_one(query, read="duckdb")


def _generate(tree: exp.Expression) -> str:
    tree = tree.transform(_plain_cte).transform(_strftime).transform(_distinct_on).transform(_range_table).transform(_nested_unnest)
    return tree.sql(dialect="spark")


def _plain_cte(node: exp.Expression) -> exp.Expression:
    """A CTE without DuckDB's ``MATERIALIZED`` hint."""
    if isinstance(node, exp.CTE) and node.args.get("materialized") is not None:
        node.set("materialized", None)
    return node


#: strftime's directives in Java's pattern letters (what Spark's ``date_format`` reads).
_JAVA_TIME = {"%Y": "yyyy", "%m": "MM", "%d": "dd", "%H": "HH", "%M": "mm", "%S": "ss", "%%": "%"}


def java_pattern(strftime: str) -> str:
    """A strftime format as a Java date-time pattern, letters of literal text quoted.

    >>> java_pattern("%Y-%m-%dT%H:%M:%SZ")
    "yyyy-MM-dd'T'HH:mm:ss'Z'"
    """
    out, i = [], 0
    while i < len(strftime):
        piece = strftime[i:i + 2]
        if piece in _JAVA_TIME:
            out.append(_JAVA_TIME[piece])
            i += 2
            continue
        if strftime[i] == "%":
            raise ValueError(f"strftime directive {piece!r} has no Spark form here")
        char = strftime[i]
        out.append("''" if char == "'" else f"'{char}'" if char.isalpha() else char)
        i += 1
    return "".join(out)


def _strftime(node: exp.Expression) -> exp.Expression:
    """``strftime(t, format)`` as Spark's ``date_format(t, pattern)`` (module docstring)."""
    if isinstance(node, exp.TimeToStr) and isinstance(node.args.get("format"), exp.Literal):
        return exp.Anonymous(this="date_format", expressions=[
            node.this.copy(), exp.Literal.string(java_pattern(node.args["format"].this))])
    return node


def _range_table(node: exp.Expression) -> exp.Expression:
    """``FROM range(start, stop, step)`` as a subquery with the column ``range`` (module docstring)."""
    series = node.this if isinstance(node, exp.Table) else None
    if not isinstance(series, exp.GenerateSeries) or not series.args.get("is_end_exclusive"):
        return node
    start, stop, step = (series.args[k].sql("duckdb") for k in ("start", "end", "step"))
    sub = sqlglot.parse_one(f'SELECT slot AS "range" FROM (SELECT unnest(generate_series({start}, {stop}, {step})) '
                            f"AS slot) WHERE slot < {stop}", read="duckdb")
    return exp.Subquery(this=sub, alias=exp.TableAlias(this=exp.to_identifier(node.alias or "range")))


def _nested_unnest(node: exp.Expression) -> exp.Expression:
    """``SELECT f(unnest(list))`` (no FROM) as ``SELECT f(u) FROM (SELECT unnest(list) AS u)``."""
    if not isinstance(node, exp.Select) or node.args.get("from_"):
        return node
    nested = [u for p in node.expressions for u in p.find_all(exp.Unnest, exp.Explode)
              if u is not p and not (isinstance(p, exp.Alias) and u.parent is p)
              and u.find_ancestor(exp.Select) is node]
    if len(nested) != 1:
        return node
    unnest = nested[0]
    sub = exp.select(exp.alias_(unnest.copy(), "_unnested"))
    unnest.replace(exp.column("_unnested"))
    return node.from_(exp.Subquery(this=sub, alias=exp.TableAlias(this=exp.to_identifier("_unnest"))), copy=False)


_ROW = "_distinct_row"


def _distinct_on(node: exp.Expression) -> exp.Expression:
    """``SELECT DISTINCT ON (keys) … ORDER BY o`` as a first row per key by ``o`` (module docstring)."""
    distinct = node.args.get("distinct") if isinstance(node, exp.Select) else None
    if distinct is None or not distinct.args.get("on"):
        return node
    keys = distinct.args["on"].expressions
    order = node.args.get("order")
    inner = node.copy()
    inner.set("distinct", None)
    inner.set("order", None)
    window = exp.Window(this=exp.RowNumber(), partition_by=[k.copy() for k in keys],
                        order=order.copy() if order else None)
    inner.select(exp.alias_(window, _ROW), copy=False)
    outer = sqlglot.parse_one(f"SELECT * EXCLUDE ({_ROW}) FROM x AS _distinct WHERE {_ROW} = 1", read="duckdb")
    outer.set("from_", exp.From(this=exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier("_distinct")))))
    if order:
        outer.set("order", order.transform(_unqualified))
    return outer


def _unqualified(node: exp.Expression) -> exp.Expression:
    """A column without its table (it is read from the subquery outside)."""
    if isinstance(node, exp.Column) and node.table:
        return exp.column(node.name)
    return node
