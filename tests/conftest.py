"""How the suite runs on two cores (pytest-xdist: ``-n auto --dist loadgroup`` in pyproject's addopts).

Each test file is one unit of work, so a file's module fixtures (demo runs, stores) are made
once, on one worker; the Spark tests are one unit, so one worker starts the one Spark session
(a JVM) they share. The units are formed here, by the scheduler below, and not with
``xdist_group`` marks: pytest 9.2 no longer lets pytest-xdist 3.8 add a mark's group to a test's
node id, so with marks every test went its own way and both workers made the same module
fixtures (the Spark comparisons' two engine runs twice, ~200 s each). ``-n 0`` runs the suite
in one process; the scheduler then changes nothing.
"""

from __future__ import annotations

import os
from collections import OrderedDict

import pytest

SPARK_TESTS = "tests/spark/"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker per core, at most four (each holds its own demo runs and stores)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def unit_of_work(nodeid: str) -> str:
    """The unit a test is scheduled with: its file, or "spark" for every Spark test."""
    return "spark" if nodeid.startswith(SPARK_TESTS) else nodeid.split("::", 1)[0]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadgroup``: pytest-xdist's scope scheduling, with `unit_of_work` as the scope."""
    if config.getvalue("dist") != "loadgroup":
        return None
    try:
        from xdist.scheduler import LoadScopeScheduling
    except ImportError:  # a pytest-xdist without it: its own scheduling (tests/docs/test_suite_scheduling.py says so)
        return None

    class ByUnit(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            self.workqueue = _SparkFirst()

        def _split_scope(self, nodeid: str) -> str:
            return unit_of_work(nodeid)

    return ByUnit(config, log)


class _SparkFirst(OrderedDict):
    """The scheduler's queue of units, the Spark unit first: it is the longest (~3 minutes on one
    worker), so started last it would leave the other worker idle at the end."""

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        if key == "spark":
            self.move_to_end(key, last=False)
