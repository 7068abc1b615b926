"""Helpers for the twitter-v1, twitter-v2, facebook-graph, crowdtangle and 4cat importer tests."""

from __future__ import annotations

from civicnet.store.db import Store
from _helpers import FIXTURES, SHARED_FIXTURES, counts, detected, fixture, gzipped, ingest  # noqa: F401


def message(store: Store, mid: str) -> dict:
    cols = ["platform", "id", "account", "created_at", "text", "language", "kind", "parent", "root",
            "like_count", "share_count", "reply_count", "quote_count", "has_media", "url"]
    rows = store.sql(f"SELECT {', '.join(cols)} FROM message WHERE id = ?", [mid])
    assert rows, f"no message {mid}"
    return dict(zip(cols, rows[0]))
