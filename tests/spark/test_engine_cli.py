"""The engine options as a user meets them: usage errors, and a missing Spark said in one line."""

from __future__ import annotations

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
