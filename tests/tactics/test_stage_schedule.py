"""analyse_case computes government's facts while the network's communities are detected in a
worker process, and gives the same analysis as when everything runs one after the other."""

import json

import pytest

from civicnet.analysis import STAGES, analyse_case
from civicnet.networks import communities as C
from civicnet.networks import result as R


def _summary(analysis) -> str:
    doc = analysis.summary
    doc["provenance"].pop("generated_at")  # the moment of the run
    return json.dumps(doc, sort_keys=True, default=str)


def test_government_runs_while_communities_are_detected(planted, monkeypatch):
    store, cases = planted
    case, _ = cases["twitter"]
    with store.case(case) as scope:
        before = _summary(analyse_case(scope))

    events = []
    start = C.start_detect

    def in_worker(net, method="leiden", seed=42, **_):
        pending = start(net, method, seed, min_edges=0)  # a worker process even for the small planted network
        events.append(("worker", pending.worker is not None))
        return pending

    monkeypatch.setattr(R.C, "start_detect", in_worker)
    with store.case(case) as scope:
        after = analyse_case(scope, lambda msg, *a: events.append(msg))
        assert _summary(after) == before
        assert "types" in scope.computed() and scope.computed().index("types") < scope.computed().index("case_networks")
    stages = [e for e in events if isinstance(e, str)]
    assert stages == [f"analyse: {s}" for s in STAGES] + ["analyse: done"]
    # the worker was started before the government stage and waited for after it
    assert events.index(("worker", True)) < events.index("analyse: government") < events.index("analyse: communities")


def test_a_failing_government_stage_stops_the_worker(planted, monkeypatch):
    from civicnet.analysis import case_analysis
    from civicnet.store.scope import measure

    store, cases = planted
    case, _ = cases["twitter"]
    workers = []
    start = C.start_detect

    def in_worker(net, method="leiden", seed=42, **_):
        pending = start(net, method, seed, min_edges=0)
        workers.append((pending, pending.worker))
        return pending

    @measure()
    def broken(scope):
        raise RuntimeError("a measure failed")

    monkeypatch.setattr(R.C, "start_detect", in_worker)
    monkeypatch.setattr(case_analysis, "GOVERNMENT_ALONE", (broken,))
    with store.case(case) as scope:
        with pytest.raises(RuntimeError, match="a measure failed"):
            analyse_case(scope)
    assert workers
    for detection, process in workers:
        assert detection.worker is None and process.poll() is not None  # killed and reaped
