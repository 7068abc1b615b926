"""A large case's typology in the helper process while the networks are built (issue 22,
:class:`civicnet.tactics.content.PendingTypes`): the same analysis, and no helper left behind."""

from __future__ import annotations

import pytest

from civicnet import analyse
from civicnet.case import load_case
from civicnet.simulate import generate
from civicnet.tactics import content


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return load_case(generate("deventer", tmp_path_factory.mktemp("beside"), seed=2014))


def _summary(analysis) -> dict:
    summary = analysis.summary
    summary["provenance"].pop("generated_at", None)
    return summary


def test_the_typology_beside_the_networks_gives_the_same_analysis(case, tmp_path, monkeypatch):
    here = analyse(case, tmp_path / "here.duckdb")
    started = []
    original = content.PendingTypes.__init__

    def watched(self, rows):
        original(self, rows)
        started.append(self._helper is not None and self._helper.proc is not None)

    monkeypatch.setattr(content, "TYPES_BESIDE", 1)
    monkeypatch.setattr(content.PendingTypes, "__init__", watched)
    beside = analyse(case, tmp_path / "beside.duckdb")
    assert started == [True]
    assert _summary(beside) == _summary(here)
    assert beside.messages.equals(here.messages)


def test_a_failed_analysis_stops_the_typology_helper(case, tmp_path, monkeypatch):
    from civicnet.analysis import case_analysis

    helpers = []
    original = content.PendingTypes.__init__

    def watched(self, rows):
        original(self, rows)
        helpers.append(self._helper.proc)

    def broken(scope):
        raise RuntimeError("the network could not be built")

    monkeypatch.setattr(content, "TYPES_BESIDE", 1)
    monkeypatch.setattr(content.PendingTypes, "__init__", watched)
    monkeypatch.setattr(case_analysis, "network_analyses", broken)
    with pytest.raises(RuntimeError, match="could not be built"):
        analyse(case, tmp_path / "failed.duckdb")
    assert len(helpers) == 1 and helpers[0].poll() is not None
