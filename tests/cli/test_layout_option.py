"""The factsheet pictures' layout: ``layout:`` in the case file, ``--layout`` on ``run`` (which wins)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _cli_helpers import GOOD, run, write_case  # noqa: E402

FORCE = "Indeling: krachtgestuurd"
BOX = "Indeling: groep in een kader"


def _caption(out: Path) -> str:
    return (out / "factsheet.html").read_text(encoding="utf-8")


def test_default_layout_is_group_in_a_box_and_the_option_chooses_force(tmp_path):
    (tmp_path / "t.jsonl").write_bytes(GOOD)
    case = write_case(tmp_path, ["{format: twitter-v2, path: t.jsonl}"])
    code, _, _ = run(["run", case, "--out", tmp_path / "box", "--no-pdf", "-q"])
    assert code == 0 and BOX in _caption(tmp_path / "box") and FORCE not in _caption(tmp_path / "box")
    code, _, _ = run(["run", case, "--out", tmp_path / "force", "--no-pdf", "-q", "--layout", "force"])
    assert code == 0 and FORCE in _caption(tmp_path / "force")


def test_the_case_file_chooses_the_layout_and_the_option_overrides_it(tmp_path):
    (tmp_path / "t.jsonl").write_bytes(GOOD)
    case = write_case(tmp_path, ["{format: twitter-v2, path: t.jsonl}"], extra="layout: force\n")
    code, _, _ = run(["run", case, "--out", tmp_path / "a", "--no-pdf", "-q"])
    assert code == 0 and FORCE in _caption(tmp_path / "a")
    code, _, _ = run(["run", case, "--out", tmp_path / "b", "--no-pdf", "-q", "--layout", "group-in-a-box"])
    assert code == 0 and BOX in _caption(tmp_path / "b")


def test_an_unknown_layout_is_an_input_error_or_a_usage_error(tmp_path):
    (tmp_path / "t.jsonl").write_bytes(GOOD)
    case = write_case(tmp_path, ["{format: twitter-v2, path: t.jsonl}"], extra="layout: spiral\n")
    code, _, err = run(["run", case, "--out", tmp_path / "a", "--no-pdf", "-q"])
    assert code == 1 and "layout" in err and "group-in-a-box" in err and "Traceback" not in err
    good = write_case(tmp_path, ["{format: twitter-v2, path: t.jsonl}"], name="good.yaml")
    code, _, _ = run(["run", good, "--out", tmp_path / "b", "--no-pdf", "-q", "--layout", "spiral"])
    assert code == 2
