"""A large case's typology and style markers in the helper process while the networks are built
(issue 22, :mod:`civicnet.tactics.beside`): the same analysis, and no helper left behind."""

from __future__ import annotations

import pytest

from civicnet import analyse
from civicnet.case import load_case
from civicnet.simulate import generate
from civicnet.tactics import beside


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
    original = beside.GovernmentText.__init__

    def watched(self, *args):
        original(self, *args)
        started.append(self._helper is not None and self._helper.proc is not None)

    monkeypatch.setattr(beside, "BESIDE_TEXTS", 1)
    monkeypatch.setattr(beside.GovernmentText, "__init__", watched)
    helped = analyse(case, tmp_path / "beside.duckdb")
    assert started == [True]
    assert _summary(helped) == _summary(here)
    assert helped.messages.equals(here.messages)


def test_a_failed_analysis_stops_the_typology_helper(case, tmp_path, monkeypatch):
    from civicnet.analysis import case_analysis

    helpers = []
    original = beside.GovernmentText.__init__

    def watched(self, *args):
        original(self, *args)
        helpers.append(self._helper.proc)

    def broken(scope):
        raise RuntimeError("the network could not be built")

    monkeypatch.setattr(beside, "BESIDE_TEXTS", 1)
    monkeypatch.setattr(beside.GovernmentText, "__init__", watched)
    monkeypatch.setattr(case_analysis, "network_analyses", broken)
    with pytest.raises(RuntimeError, match="could not be built"):
        analyse(case, tmp_path / "failed.duckdb")
    assert len(helpers) == 1 and helpers[0].poll() is not None
