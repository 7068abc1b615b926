"""How the suite runs on two cores (pytest-xdist: ``-n auto --dist loadgroup`` in pyproject's addopts).

Each test file is one group, so a file's module and session fixtures are made once, on one
worker; the Spark tests are one group, so one worker starts the one Spark session (a JVM)
they share. ``-n 0`` runs the suite in one process; the marks then change nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_HERE = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one pytest-xdist worker")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker per core, at most four (each holds its own demo runs and stores)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        path = Path(str(item.path)).resolve()
        group = "spark" if _HERE / "spark" in path.parents else str(path.relative_to(_HERE))
        item.add_marker(pytest.mark.xdist_group(group))
