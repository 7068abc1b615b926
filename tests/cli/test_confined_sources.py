"""A shared case file reads only files in its own folder and below (symlinks resolved),
unless the user says otherwise on the command line (``--allow-outside``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _cli_helpers import GOOD, run  # noqa: E402

#: Every command that reads a case file, with the arguments it needs besides the case file.
COMMANDS = {
    "ingest": [], "info": [], "run": ["--out", "{out}", "--no-pdf", "-q"], "inbox": ["--out", "{out}", "-q"],
    "export": ["--parquet", "{out}"], "collect": [], "serve": ["--port", "1"],
    "typology": None,  # typology export takes the case file as its second word
}


@pytest.fixture
def shared(tmp_path):
    """/home-like layout: a secret outside the case folder, a case folder with its own data."""
    secret = tmp_path / "home" / ".ssh" / "id_rsa"
    secret.parent.mkdir(parents=True)
    secret.write_bytes(GOOD)  # readable as a twarc2 file: nothing but the folder rule stops it
    case_dir = tmp_path / "home" / "shared" / "case"
    (case_dir / "data").mkdir(parents=True)
    (case_dir / "data" / "good.jsonl").write_bytes(GOOD)
    return tmp_path, case_dir, secret


def _case(case_dir: Path, source: str) -> Path:
    path = case_dir / "case.yaml"
    path.write_text(f"id: buurt\ntitle: Buurt\nsources:\n  - {{format: twitter-v2, path: '{source}'}}\n")
    return path


def _argv(command: str, case: Path, out: Path) -> list:
    if command == "typology":
        return ["typology", "export", case, "--out", out / "t.csv"]
    return [command, case] + [a.format(out=out) for a in COMMANDS[command]]


@pytest.mark.parametrize("source", ["../../.ssh/id_rsa", "{secret}", "data/link.jsonl", "data/../../../.ssh/id_rsa"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_source_outside_the_case_folder_is_refused(shared, command, source):
    root, case_dir, secret = shared
    os.symlink(secret, case_dir / "data" / "link.jsonl")
    case = _case(case_dir, source.format(secret=secret))
    code, out, err = run(_argv(command, case, root / "out"))
    assert code == 1, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "case.yaml" in lines[0] and "--allow-outside" in lines[0], err
    # the case is Dutch (its default): so is the error about it, in every command
    assert lines[0].startswith("Fout: ") and "buiten de map van het casusbestand" in lines[0], lines[0]
    assert not (case_dir / ".civicnet").exists() and not (root / "out").exists()


def test_allow_outside_reads_it_when_the_user_says_so(shared):
    root, case_dir, secret = shared
    case = _case(case_dir, "../../.ssh/id_rsa")
    code, out, err = run(["ingest", case, "--allow-outside"])
    assert code == 0 and "3 berichten" in out, (out, err)  # the case is Dutch: so is the report
    assert run(["info", case, "--allow-outside"])[0] == 0
    code, out, err = run(["run", case, "--out", root / "out", "--no-pdf", "-q", "--allow-outside"])
    assert code == 0 and (root / "out" / "summary.json").exists(), err


def test_sources_inside_the_folder_need_nothing(shared):
    _, case_dir, _ = shared
    case = _case(case_dir, "data/good.jsonl")
    assert run(["ingest", case])[0] == 0
    inner = case_dir / "data" / "inner.jsonl"
    os.symlink(case_dir / "data" / "good.jsonl", inner)  # a link that stays inside is fine
    assert run(["ingest", _case(case_dir, "data/inner.jsonl")])[0] == 0


def test_collected_parts_named_by_a_state_file_stay_in_their_folder(shared):
    import json

    from civicnet.case import load_case
    from civicnet.collect import collected_sources
    from civicnet.errors import CaseFileError

    root, case_dir, secret = shared
    case_file = case_dir / "case.yaml"
    case_file.write_text("id: live\ntitle: Live\ncollect:\n  - {platform: mastodon, kind: hashtag, query: brug, "
                         "instance: social.example}\n")
    case = load_case(case_file)
    folder = case_dir / "data" / "collected" / "mastodon-hashtag-brug-social-example"
    folder.mkdir(parents=True)
    (folder / "state.json").write_text(json.dumps({
        "schema": "civicnet.collect-state/1", "parts": [{"file": "../../../../.ssh/id_rsa"}], "source": {"format": "twitter-v2"}}))
    with pytest.raises(CaseFileError, match="outside"):
        collected_sources(case)
