"""The engine options as a user meets them: usage errors, and a missing Spark said in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.simulate import generate


def test_spark_master_needs_the_spark_engine(tmp_path):
    result = CliRunner().invoke(main, ["run", str(tmp_path / "case.yaml"), "--out", str(tmp_path / "o"),
                                       "--spark-master", "local[1]"])
    assert result.exit_code == 2
    assert "--spark-master needs --engine spark" in result.output


def test_unknown_engine_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["run", str(tmp_path / "case.yaml"), "--out", str(tmp_path / "o"),
                                       "--engine", "hadoop"])
    assert result.exit_code == 2


def test_missing_java_is_one_line_and_exit_1(tmp_path, monkeypatch):
    import civicnet.spark.session as session

    monkeypatch.setattr(session, "available", lambda: "the spark engine needs a Java runtime (17 or newer): "
                                                      "apt-get install openjdk-17-jre-headless, or set JAVA_HOME")
    case_file = generate("ocw", tmp_path, seed=2014)
    result = CliRunner().invoke(main, ["run", str(case_file), "--out", str(tmp_path / "o"), "--no-pdf", "-q",
                                       "--engine", "spark"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ") and "Java runtime" in result.output
    assert "Traceback" not in result.output


REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def _case(folder: Path, name: str, text: str) -> Path:
    (folder / "data").mkdir()
    (folder / "data" / name).write_text(text, encoding="utf-8")
    (folder / "case.yaml").write_text(
        "id: fout\ntitle: Fout\nlevel: micro\nlanguage: nl\nperiod: {start: 2000-01-01, end: 2030-12-31}\n"
        f"sources:\n- {{format: twitter-v2, path: data/{name}}}\n", encoding="utf-8")
    return folder / "case.yaml"


def _both(case_file: Path, *extra: str) -> dict:
    """`civicnet run` of the case on each engine (each with its own store): engine -> result."""
    results = {}
    for engine in ("duckdb", "spark"):
        results[engine] = CliRunner().invoke(main, [
            "run", str(case_file), "--out", str(case_file.parent / f"out-{engine}"), "--no-pdf", "-q",
            "--store", str(case_file.parent / f"{engine}.duckdb"), "--engine", engine, *extra])
    return results


def _without_ids() -> str:
    """Real flattened twarc2 tweets with their ids taken out: every record is rejected."""
    lines = []
    for line in (REAL / "twarc2_flattened_TRIMMED.jsonl").read_text(encoding="utf-8").splitlines():
        tweet = json.loads(line)
        tweet.pop("id", None)
        lines.append(json.dumps(tweet))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name, text, extra", [
    ("no-ids.jsonl", _without_ids(), ()),                                        # every record rejected
    ("cut.jsonl", (REAL / "twarc2_stream_interrupted.jsonl").read_text(encoding="utf-8"), ("--strict",)),
    ("garbled.json", '{"data": [{"id": "1", "text": "x"', ()),                    # a JSON document cut off
])
def test_bad_input_is_the_same_error_on_spark(spark, tmp_path, name, text, extra):
    """Bad input read on Spark: the DuckDB import's one-line error, exit 1, nothing recorded."""
    results = _both(_case(tmp_path, name, text), *extra)
    duck, on_spark = results["duckdb"], results["spark"]
    assert duck.exit_code == 1 and duck.output.startswith(("Error: ", "Fout: ")), duck.output  # nl: said in Dutch
    assert (on_spark.exit_code, on_spark.output) == (duck.exit_code, duck.output)
    import duckdb

    with duckdb.connect(str(tmp_path / "spark.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM import").fetchall() == [(0,)]
