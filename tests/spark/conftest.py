"""One Spark session (local[2]) for every Spark test; the tests are skipped, with the reason,
where pyspark or Java is missing — unless CIVICNET_REQUIRE_SPARK=1 (CI sets it), which makes
a missing engine a failure, so CI cannot pass by skipping them."""

from __future__ import annotations

import os

import pytest


def _missing() -> str | None:
    try:
        import sqlglot  # noqa: F401
    except ImportError:
        return "sqlglot is not installed: pip install 'civicnet[spark]'"
    from civicnet.spark.session import available

    return available()


@pytest.fixture(scope="session")
def spark():
    """The test session's Spark session (started once, stopped at the end)."""
    missing = _missing()
    if missing:
        if os.environ.get("CIVICNET_REQUIRE_SPARK") == "1":
            pytest.fail(f"CIVICNET_REQUIRE_SPARK=1 but {missing}")
        pytest.skip(missing)
    from civicnet.spark.session import spark_session

    session = spark_session()
    yield session
    session.stop()


@pytest.fixture(scope="session")
def sqlglot_available():
    """Skip where sqlglot (the spark extra) is missing."""
    return pytest.importorskip("sqlglot")
