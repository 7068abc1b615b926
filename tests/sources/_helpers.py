"""Helpers every importer test shares: fixtures, ingest into a tmp store, counts, detection."""

from __future__ import annotations

import gzip
import shutil
from collections import Counter
from pathlib import Path

from civicnet import sources
from civicnet.case import parse_case
from civicnet.sources import NOT_DETECTED, REGISTRY, SourceFile
from civicnet.sources import Sample
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


def ingest(tmp_path: Path, source_entries: list[dict], strict: bool = False):
    """Ingest sources into a fresh store in tmp_path; returns (store, reports)."""
    # the sources may sit beside the folder (one file, several stores): allowed, as with --allow-outside
    case = parse_case({"id": "t", "title": "test", "sources": source_entries}, tmp_path / "case.yaml", allow_outside=True)
    store = Store(tmp_path / "store.duckdb")
    return store, ingest_case(case, store, strict=strict)


def counts(store: Store) -> dict:
    """Collected messages by kind, context messages, accounts and interactions by kind."""
    kinds = Counter(dict(store.sql(
        "SELECT m.kind, count(*) FROM message m JOIN case_message c USING (platform, id) WHERE c.collected GROUP BY 1"
    )))
    return {
        "messages": dict(kinds),
        "context": store.sql("SELECT count(*) FROM case_message WHERE NOT collected")[0][0],
        "accounts": store.sql("SELECT count(*) FROM account")[0][0],
        "interactions": dict(Counter(dict(store.sql("SELECT kind, count(*) FROM interaction GROUP BY 1")))),
    }


def scores(path: Path) -> dict[str, int]:
    """Every detected format's score for a file, in registry order."""
    sample = Sample.of(SourceFile(path))
    return {name: sources.get(name).detect(sample) for name in REGISTRY if name not in NOT_DETECTED}


def detected(path: Path) -> str | None:
    """The best-scoring format (the first in registry order on a tie), or None when none claims it."""
    best, best_score = None, 0
    for name, score in scores(path).items():
        if score > best_score:
            best, best_score = name, score
    return best
