"""`civicnet run --engine spark` writes the same files as the DuckDB engine (issue 23).

A demo case (a Facebook page export with a co-comment network), generated, then run as a user runs it:
once per engine on one store. summary.json must be equal apart from when it was made;
nodes.csv, edges.csv, messages.csv and network.gexf byte for byte (PageRank runs on one thread
and eigenvector centrality is seeded, so their last digits repeat — docs/api.md).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.simulate import generate

#: Kept small for the suite's ten minutes: the import on Spark is compared per format family in
#: test_import_equal.py; all eight demo cases are compared by `benchmarks/run spark`.
CASES = ["deventer"]
SAME_BYTES = ("nodes.csv", "edges.csv", "messages.csv", "network.gexf")


def _summary(path):
    summary = json.loads(path.read_text(encoding="utf-8"))
    summary["provenance"].pop("generated_at")
    return summary


@pytest.fixture(scope="module", params=CASES)
def outputs(request, spark, tmp_path_factory):
    """The case's outputs of `civicnet run`, per engine."""
    folder = tmp_path_factory.mktemp(request.param)
    case_file = generate(request.param, folder, seed=2014)
    out = {}
    for engine in ("duckdb", "spark"):
        out[engine] = folder / f"out-{engine}"
        result = CliRunner().invoke(main, ["run", str(case_file), "--out", str(out[engine]), "--no-pdf", "-q",
                                           "--engine", engine])
        assert result.exit_code == 0, result.output
    return out


def test_summary_is_the_same(outputs):
    assert _summary(outputs["spark"] / "summary.json") == _summary(outputs["duckdb"] / "summary.json")


@pytest.mark.parametrize("name", SAME_BYTES)
def test_tables_are_the_same(outputs, name):
    spark, duck = (outputs[e] / name for e in ("spark", "duckdb"))
    assert spark.read_bytes() == duck.read_bytes()


def test_the_tables_hold_the_case(outputs):
    """Not two empty files: the compared tables have the case's rows."""
    lines = (outputs["spark"] / "messages.csv").read_text(encoding="utf-8").count("\n")
    assert lines > 100
    summary = _summary(outputs["spark"] / "summary.json")
    assert summary["counts"]["messages"] == lines - 1 or summary["counts"]["messages"] > 100
