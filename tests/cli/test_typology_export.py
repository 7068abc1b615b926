"""`civicnet typology export` speaks the case's language and says why a sample is empty."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from civicnet.cli import main

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def _case(tmp_path: Path, government: str = "") -> Path:
    shutil.copy(REAL / "twarc2_search_kpop.jsonl", tmp_path / "tweets.jsonl")
    (tmp_path / "case.yaml").write_text(f"id: k\ntitle: K\nsources: [tweets.jsonl]\n{government}", encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "case.yaml"), "-q"]).exit_code == 0
    return tmp_path / "case.yaml"


def test_a_case_without_government_accounts_says_why_nothing_was_sampled(tmp_path):
    case = _case(tmp_path)
    result = CliRunner().invoke(main, ["typology", "export", str(case), "--out", str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"0 van de 0 overheidsberichten geschreven naar {tmp_path / 't.csv'}",
        "Het casebestand noemt geen overheidsaccounts (government:), dus zijn er geen overheidsberichten om uit te "
        "kiezen; zet de accounts van de organisatie onder government: (docs/case-file.md)."]


def test_the_lines_follow_lang(tmp_path):
    case = _case(tmp_path)
    result = CliRunner().invoke(main, ["typology", "export", str(case), "--out", str(tmp_path / "t.csv"),
                                       "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"wrote 0 of 0 government messages to {tmp_path / 't.csv'}"
    assert "names no government accounts" in result.output
