"""Helpers for the mastodon, bluesky and linkedin importer tests."""

from __future__ import annotations

from pathlib import Path

from civicnet.store.db import Store
from _helpers import FIXTURES, SHARED_FIXTURES, counts, detected, fixture, gzipped, ingest  # noqa: F401


def row(store: Store, table: str, key: str, value: str) -> dict:
    cur = store.con.execute(f"SELECT * FROM {table} WHERE {key} = ?", [value])
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    assert len(rows) == 1, f"{table} {key}={value}: {len(rows)} rows"
    return dict(zip(names, rows[0]))


def ties(store: Store, kind: str) -> set[tuple]:
    return set(store.sql(
        "SELECT source_account, target_account, target_message FROM interaction WHERE kind = ?", [kind]
    ))


def all_fixture_files() -> list[Path]:
    files = {p.name: p for p in SHARED_FIXTURES.glob("*") if p.is_file() and p.name != "README.md"}
    files.update({p.name: p for p in FIXTURES.glob("*") if p.is_file() and p.name != "README.md"})
    return sorted(files.values())
