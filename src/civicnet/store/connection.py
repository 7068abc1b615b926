"""Context managers every user of a DuckDB connection needs: a transaction, a lent table, a setting.

:func:`atomic` runs a block as one transaction (committed when it ends, rolled back when it
raises); :func:`lend` shows DuckDB an Arrow table under a name for the length of a block.
:class:`~civicnet.store.db.Store` and :class:`~civicnet.store.scope.CaseScope` offer both as
methods; nothing pairs ``register``/``unregister`` or ``BEGIN``/``COMMIT`` by hand.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import pyarrow as pa


@contextmanager
def atomic(con) -> Iterator[None]:
    """The block as one transaction on ``con``: committed at its end, rolled back if it raises."""
    con.execute("BEGIN TRANSACTION").fetchall()
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK").fetchall()
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
    finally:
        con.execute(f"SET {name} = '{after}'").fetchall()
