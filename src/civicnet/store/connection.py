"""Context managers every user of a DuckDB connection needs: a transaction, a lent table, a setting.

:func:`atomic` runs a block as one transaction (committed when it ends, rolled back when it
raises); :func:`lend` shows DuckDB an Arrow table under a name for the length of a block.
:class:`~civicnet.store.db.Store` and :class:`~civicnet.store.scope.CaseScope` offer both as
methods; nothing pairs ``register``/``unregister`` or ``BEGIN``/``COMMIT`` by hand.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import duckdb
import pyarrow as pa


@contextmanager
def atomic(con) -> Iterator[None]:
    """The block as one transaction on ``con``: committed at its end, rolled back if it raises.

    The block's own error is what is raised, never a failed rollback's (a store on a full disk
    must say "the disk is full", not "cannot rollback"); a failed COMMIT ends the transaction
    itself and raises as it is.
    """
    con.execute("BEGIN TRANSACTION").fetchall()
    try:
        yield
    except BaseException:
        try:
            con.execute("ROLLBACK").fetchall()
        except duckdb.Error:  # nothing open any more (the error ended it), or the database gave up
            pass
        raise
    con.execute("COMMIT").fetchall()


@contextmanager
def lend(con, name: str, table: pa.Table) -> Iterator[str]:
    """``table`` readable as ``name`` on ``con`` inside the block (DuckDB reads the Arrow data in place)."""
    con.register(name, table)
    try:
        yield name
    finally:
        con.unregister(name)


@contextmanager
def setting(con, name: str, value: str, after: str) -> Iterator[None]:
    """DuckDB's setting ``name`` at ``value`` inside the block, and at ``after`` once it ends."""
    con.execute(f"SET {name} = '{value}'").fetchall()
    try:
        yield
    except BaseException:
        try:
            con.execute(f"SET {name} = '{after}'").fetchall()
        except duckdb.Error:  # the block's error is what is raised (a store the error left unusable)
            pass
        raise
    con.execute(f"SET {name} = '{after}'").fetchall()
