"""The eight demo cases, each generated with the default seed and run once per test session.

Cases are generated and run lazily (the first test that needs a case pays for it), so
``-k ocw`` runs one case only. The runs share one store next to the generated data, as
``civicnet demo`` does.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from civicnet.reports.run import run_case  # noqa: E402
from civicnet.simulate import generate  # noqa: E402

from _e2e_helpers import SEED, CaseRun  # noqa: E402


class DemoRuns:
    """``runs[name]``: the case generated and run (pdf off), cached for the session."""

    def __init__(self, root: Path):
        self.root = root
        self._runs: dict[str, CaseRun] = {}

    def __getitem__(self, name: str) -> CaseRun:
        if name not in self._runs:
            started = time.perf_counter()
            case_yaml = generate(name, self.root / "data", seed=SEED)
            generated = time.perf_counter()
            stages: dict[str, float] = {}
            clock = {"stage": None, "t": generated}

            def progress(description, done, total):
                now = time.perf_counter()
                if clock["stage"]:
                    stages[clock["stage"]] = round(now - clock["t"], 2)
                clock.update(stage=description, t=now)

            result = run_case(case_yaml, self.root / "out" / name, pdf=False, progress=progress)
            seconds = {"generate": round(generated - started, 2), **stages}
            self._runs[name] = CaseRun(name, case_yaml, self.root / "out" / name, seconds, result.analysis)
        return self._runs[name]


@pytest.fixture(scope="session")
def demo_runs(tmp_path_factory) -> DemoRuns:
    return DemoRuns(tmp_path_factory.mktemp("e2e-demo"))
