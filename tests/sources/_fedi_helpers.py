"""Shared helpers for the mastodon, bluesky and linkedin importer tests."""

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
    """A copy of a fixture in tmp_path, so the case and its store live there."""
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    target.chmod(0o644)
    return target


def gzipped(path: Path) -> Path:
    target = path.with_name(path.name + ".gz")
    target.write_bytes(gzip.compress(path.read_bytes()))
    return target


def ingest(tmp_path: Path, sources: list[dict], strict: bool = False):
    """Ingest sources into a fresh store in tmp_path; returns (store, reports)."""
    case = parse_case({"id": "t", "title": "test", "sources": sources}, tmp_path / "case.yaml")
    store = Store(tmp_path / "store.duckdb")
    return store, ingest_case(case, store, strict=strict)


def counts(store: Store) -> dict:
    """Collected messages by kind, context messages, accounts, interactions by kind."""
    kinds = Counter(dict(store.sql(
        "SELECT m.kind, count(*) FROM message m JOIN case_message c USING (platform, id) WHERE c.collected GROUP BY 1"
    )))
    return {
        "messages": dict(kinds),
        "context": store.sql("SELECT count(*) FROM case_message WHERE NOT collected")[0][0],
        "accounts": store.sql("SELECT count(*) FROM account")[0][0],
        "interactions": dict(Counter(dict(store.sql("SELECT kind, count(*) FROM interaction GROUP BY 1")))),
    }


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


def detected(path: Path) -> str | None:
    """The best-scoring format over the importers present in this tree."""
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


def all_fixture_files() -> list[Path]:
    files = {p.name: p for p in SHARED_FIXTURES.glob("*") if p.is_file() and p.name != "README.md"}
    files.update({p.name: p for p in FIXTURES.glob("*") if p.is_file() and p.name != "README.md"})
    return sorted(files.values())
