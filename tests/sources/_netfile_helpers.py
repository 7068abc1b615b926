"""Shared helpers for the nodexl, gexf, graphml and csv importer tests."""

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
    """Ingest sources into a fresh store in tmp_path; returns (store, reports)."""
    case = parse_case({"id": "t", "title": "test", "sources": sources}, tmp_path / "case.yaml")
    store = Store(tmp_path / "store.duckdb")
    reports = ingest_case(case, store, strict=strict)
    return store, reports


def counts(store: Store) -> dict:
    """Collected messages by kind, accounts, and interactions by kind."""
    kinds = Counter(dict(store.sql(
        "SELECT m.kind, count(*) FROM message m JOIN case_message c USING (platform, id) WHERE c.collected GROUP BY 1"
    )))
    accounts = store.sql("SELECT count(*) FROM account")[0][0]
    ties = Counter(dict(store.sql("SELECT kind, count(*) FROM interaction GROUP BY 1")))
    return {"messages": dict(kinds), "accounts": accounts, "interactions": dict(ties)}


def ties(store: Store) -> set[tuple]:
    """(kind, source, target, target_message, message) of every interaction."""
    return set(store.sql(
        "SELECT kind, source_account, target_account, target_message, message FROM interaction"
    ))


def row(store: Store, table: str, key: str, columns: list[str]) -> dict:
    rows = store.sql(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", [key])
    assert rows, f"no {table} {key}"
    return dict(zip(columns, rows[0]))


def scores(path: Path) -> dict[str, int]:
    """Every existing importer's detection score for a file (others' modules may not exist yet)."""
    sample = Sample.of(SourceFile(path))
    out = {}
    for name, module_name in REGISTRY.items():
        if name in NOT_DETECTED:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        out[name] = module.detect(sample)
    return out


def detected(path: Path) -> str | None:
    """The best-scoring existing format for a file, or None."""
    best = max(scores(path).items(), key=lambda kv: kv[1], default=(None, 0))
    return best[0] if best[1] > 0 else None
