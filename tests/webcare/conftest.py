"""The planted webcare case (see _planted.py), ingested once per test session."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import _planted as P  # noqa: E402


@pytest.fixture(scope="session")
def planted(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("webcare")
    store, case = P.planted(tmp)
    yield store, case
    store.close()
