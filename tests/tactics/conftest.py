"""Stores with the planted cases of _tactics_planted.py, built once per test session."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import _tactics_planted as P  # noqa: E402
from civicnet.store import Store  # noqa: E402


@pytest.fixture(scope="session")
def planted(tmp_path_factory):
    """(store, cases) with the Twitter, LinkedIn and Facebook planted cases in one store."""
    tmp = tmp_path_factory.mktemp("tactics")
    store = Store(tmp / "store.duckdb")
    cases = {
        "twitter": P.twitter_case(store, tmp),
        "linkedin": P.linkedin_case(store, tmp),
        "facebook": P.facebook_case(store, tmp),
    }
    yield store, cases
    store.close()


@pytest.fixture()
def tw(planted):
    """(scope, case, ids) of the planted Twitter case: its scope open for the test."""
    store, cases = planted
    case, ids = cases["twitter"]
    with store.case(case) as scope:
        yield scope, case, ids
