"""Shared helpers for the twitter-v1, facebook-graph, crowdtangle and 4cat importer tests."""

from __future__ import annotations

import gzip
import importlib
import shutil
from collections import Counter
from pathlib import Path

from civicnet.case import parse_case
from civicnet.sources import NOT_DETECTED, REGISTRY, SourceFile
from civicnet.sources._io import Sample
from civicnet.store.db import Store
from civicnet.store.ingest import ingest_case

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# ../shared/fixtures beside the repository (as on a developer's machine and in CI);
# every file of it is also copied into tests/fixtures, used when shared/ is absent.
_SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
SHARED_FIXTURES = _SHARED if _SHARED.is_dir() else FIXTURES


def fixture(tmp_path: Path, name: str) -> Path:
    """A copy of a fixture in tmp_path (so the case's store sits in tmp_path)."""
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def gzipped(path: Path) -> Path:
    target = path.with_name(path.name + ".gz")
    target.write_bytes(gzip.compress(path.read_bytes()))
    return target


def ingest(tmp_path: Path, sources: list[dict], strict: bool = False):
    """Ingest sources into a fresh store; returns (store, reports)."""
    case = parse_case({"id": "t", "title": "test", "sources": sources}, tmp_path / "case.yaml")
    store = Store(tmp_path / "store.duckdb")
    reports = ingest_case(case, store, strict=strict)
    return store, reports


def counts(store: Store) -> dict:
    """Collected messages by kind, context messages, accounts and interactions by kind."""
    kinds = Counter(dict(store.sql(
        "SELECT m.kind, count(*) FROM message m JOIN case_message c USING (platform, id) WHERE c.collected GROUP BY 1"
    )))
    context = store.sql("SELECT count(*) FROM case_message WHERE NOT collected")[0][0]
    accounts = store.sql("SELECT count(*) FROM account")[0][0]
    ties = Counter(dict(store.sql("SELECT kind, count(*) FROM interaction GROUP BY 1")))
    return {"messages": dict(kinds), "context": context, "accounts": accounts, "interactions": dict(ties)}


def message(store: Store, mid: str) -> dict:
    cols = ["platform", "id", "account", "created_at", "text", "language", "kind", "parent", "root",
            "like_count", "share_count", "reply_count", "quote_count", "has_media", "url"]
    rows = store.sql(f"SELECT {', '.join(cols)} FROM message WHERE id = ?", [mid])
    assert rows, f"no message {mid}"
    return dict(zip(cols, rows[0]))


def detected(path: Path) -> str | None:
    """The best-scoring format, over the importers that exist in this tree.

    Importers written by others may not exist yet; a missing module scores 0 here
    (``civicnet.sources.detect`` itself needs them all).
    """
    sample = Sample.of(SourceFile(path))
    best, best_score = None, 0
    for name, module_name in REGISTRY.items():
        if name in NOT_DETECTED:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        score = module.detect(sample)
        if score > best_score:
            best, best_score = name, score
    return best
