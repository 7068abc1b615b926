"""Shared fixtures: the eight demo cases generated once per session, each ingested once."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from civicnet.case import load_case  # noqa: E402
from civicnet.simulate import CASES, generate  # noqa: E402
from civicnet.store import Store, ingest_case  # noqa: E402

from _simulate_helpers import SEED  # noqa: E402


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict:
    """``{"root": Path, "seconds": float, "paths": {name: case.yaml}}`` for seed 2014."""
    root = tmp_path_factory.mktemp("simulate")
    started = time.perf_counter()
    paths = {name: generate(name, root, seed=SEED) for name in CASES}
    return {"root": root, "seconds": time.perf_counter() - started, "paths": paths}


@pytest.fixture(scope="session")
def ingested(generated, tmp_path_factory) -> dict:
    """Per case: the case, its planted truths and an open store holding it."""
    out = {}
    stores = []
    folder = tmp_path_factory.mktemp("stores")
    for name, path in generated["paths"].items():
        case = load_case(path)
        store = Store(folder / f"{name}.duckdb")
        stores.append(store)
        reports = ingest_case(case, store)
        planted = json.loads((path.parent / "planted.json").read_text(encoding="utf-8"))
        out[name] = {"case": case, "store": store, "planted": planted, "reports": reports}
    yield out
    for store in stores:
        store.close()

