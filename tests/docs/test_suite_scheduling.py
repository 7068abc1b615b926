"""The suite's own scheduling on two workers (tests/conftest.py): a file's tests on one worker,
every Spark test on one worker — so module fixtures and the Spark session are made once.

A small suite is written to a temporary folder with this conftest and run as CI runs the real
one (``-n 2 --dist loadgroup``); each test records the worker it ran on.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

_TEST_FILE = '''
import os
import pytest

@pytest.mark.parametrize("i", range(6))
def test_records_its_worker(i):
    with open(os.environ["WORKERS_FILE"], "a", encoding="utf-8") as f:
        f.write(f"{__name__} {os.environ.get('PYTEST_XDIST_WORKER')}\\n")
'''


def test_a_file_and_the_spark_tests_each_run_on_one_worker(tmp_path):
    suite = tmp_path / "tests"
    (suite / "spark").mkdir(parents=True)
    shutil.copy(TESTS / "conftest.py", suite / "conftest.py")
    names = ["spark/test_one", "spark/test_two", "test_three", "test_four", "test_five"]
    for name in names:
        (suite / f"{name}.py").write_text(_TEST_FILE, encoding="utf-8")
    workers_file = tmp_path / "workers.txt"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--import-mode=importlib", "-n", "2",
         "--dist", "loadgroup", "tests"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={"WORKERS_FILE": str(workers_file), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    workers: dict[str, set[str]] = defaultdict(set)
    for line in workers_file.read_text(encoding="utf-8").splitlines():
        module, worker = line.split()
        workers[module].add(worker)
    assert len(workers) == len(names)
    assert all(len(w) == 1 and w != {"None"} for w in workers.values()), dict(workers)
    spark = {w for module, ws in workers.items() if "test_one" in module or "test_two" in module for w in ws}
    assert len(spark) == 1, dict(workers)
    assert len(set().union(*workers.values())) == 2  # the other files still spread over both workers
