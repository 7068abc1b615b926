"""Helpers for the nodexl, gexf, graphml and csv importer tests."""

from __future__ import annotations

from civicnet.store.db import Store
from _helpers import FIXTURES, counts as _counts, detected, fixture, gzipped, ingest, scores  # noqa: F401


def counts(store: Store) -> dict:
    """Collected messages by kind, accounts, and interactions by kind (context not shown)."""
    result = _counts(store)
    del result["context"]
    return result


def ties(store: Store) -> set[tuple]:
    """(kind, source, target, target_message, message) of every interaction."""
    return set(store.sql(
        "SELECT kind, source_account, target_account, target_message, message FROM interaction"
    ))


def row(store: Store, table: str, key: str, columns: list[str]) -> dict:
    rows = store.sql(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", [key])
    assert rows, f"no {table} {key}"
    return dict(zip(columns, rows[0]))
