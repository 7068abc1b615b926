"""DuckDB's memory limit for the store: from the machine outside an import, lower while importing."""

from __future__ import annotations

import pytest

from civicnet.store import db
from civicnet.store.db import Store, analysis_memory, memory_limit

GiB = 1 << 30


@pytest.mark.parametrize("machine, expected", [
    (2 * GiB, 1 * GiB),      # half of a small machine
    (4 * GiB, 1 * GiB),
    (8 * GiB, 1 * GiB),      # a laptop: the 1 GiB floor (a thirty-second would be 256 MiB)
    (24 * GiB, 1 * GiB),     # this benchmark machine: 768 MiB by share, so the floor
    (64 * GiB, 2 * GiB),     # a server: a thirty-second
    (256 * GiB, 8 * GiB),
    (1 * GiB, GiB // 2),     # never more than half the machine
])
def test_the_analysis_limit_follows_the_machine(machine, expected):
    assert analysis_memory(machine) == expected


def test_the_store_opens_with_the_analysis_limit_and_imports_with_the_lower_one(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "machine_memory", lambda: 64 * GiB)
    assert memory_limit() == "2048MiB" and memory_limit(importing=True) == "512MiB"
    with Store(tmp_path / "s.duckdb") as store:
        assert store.sql("SELECT current_setting('memory_limit')") == [("2.0 GiB",)]
        with store.importing():
            assert store.sql("SELECT current_setting('memory_limit')") == [("512.0 MiB",)]
        assert store.sql("SELECT current_setting('memory_limit')") == [("2.0 GiB",)]
