"""A data file where a case file is expected: `civicnet run export.jsonl --out DIR` analyses that file as
a case of its own, and says so, instead of a YAML parser's error about the export (docs/case-file.md).

Real exports (tests/fixtures/real); the expected counts are read from the files here, not by civicnet.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from civicnet.case import load_case
from civicnet.errors import CaseFileError

from ._cli_helpers import run

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def _statuses(path: Path) -> int:
    """Statuses in a JSON Lines file of timeline pages (one JSON array of statuses a line; texts may hold
    U+2028, which ``splitlines`` would split on)."""
    return sum(len(json.loads(line)) for line in path.read_text(encoding="utf-8").split("\n") if line.strip())


#: file, detected format, the number of messages it holds (counted here)
EXPORTS = {
    "mastodon_tag_timeline_ichbinhanna_TRIMMED.jsonl": ("mastodon", _statuses),
    "v1_search_tweepy.json": ("twitter-v1", lambda p: len(json.loads(p.read_text(encoding="utf-8"))["statuses"])),
    "facebook_page_feed.jsonl": ("facebook-graph", None),
}


@pytest.mark.parametrize("name", EXPORTS)
def test_run_on_an_export_file(tmp_path, name):
    shutil.copy(REAL / name, tmp_path / name)
    fmt, count = EXPORTS[name]
    code, out, err = run(["run", tmp_path / name, "--out", tmp_path / "out", "--no-pdf", "-q", "--lang", "en"])
    assert code == 0, err
    assert f"{name} is a {fmt} export, not a case file" in err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["case"]["id"] == name and summary["case"]["title"] == name
    if count is not None:
        assert summary["counts"]["messages"] == count(REAL / name) > 0
    assert (tmp_path / ".civicnet" / "store.duckdb").exists()  # the store beside the file, as beside a case file


def test_load_case_of_an_export_file(tmp_path):
    name = "mastodon_tag_timeline_ichbinhanna_TRIMMED.jsonl"
    shutil.copy(REAL / name, tmp_path / name)
    case = load_case(tmp_path / name)
    assert (case.id, case.title, case.implied_format) == (name, name, "mastodon")
    assert [(s.path, s.format) for s in case.sources] == [(tmp_path / name, None)]


def test_an_id_from_any_file_name(tmp_path):
    name = "Inspraak gemeente (juni) #2.jsonl"
    shutil.copy(REAL / "mastodon_tag_timeline_ichbinhanna_TRIMMED.jsonl", tmp_path / name)
    case = load_case(tmp_path / name)
    assert case.id == "Inspraak-gemeente-juni-2.jsonl" and case.title == name


@pytest.mark.parametrize("text", ["just some notes\nnothing to import\n", "id: x\ntitle: [unclosed\n",
                                  '{"hello": "world"}'])
def test_neither_a_case_file_nor_an_export_stays_the_case_files_error(tmp_path, text):
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError):
        load_case(path)
    code, _, err = run(["run", path, "--out", tmp_path / "out", "--no-pdf", "-q", "--lang", "en"])
    assert code == 1 and err.startswith("Error:") and "notes.txt" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(["run", path, "--out", tmp_path / "out", "--no-pdf", "-q"])  # a case's default: Dutch
    assert code == 1 and err.startswith("Fout:") and "notes.txt" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / ".civicnet").exists()


@pytest.mark.parametrize("name, language", [
    ("v1_search_tweepy.json", "en"),                              # 13 of its 15 tweets are lang "en"
    ("twarc2_search_kpop.jsonl", "en"),                           # 59 "en", 26 "ko", none "nl"
    ("mastodon_tag_timeline_ichbinhanna_TRIMMED.jsonl", "nl"),    # 67 "de", 10 "en": not mostly English
    ("gexf_les_miserables_gephi.gexf", "nl"),                     # a network file: no texts
])
def test_the_language_of_an_export_file(tmp_path, name, language):
    shutil.copy(REAL / name, tmp_path / name)
    assert load_case(tmp_path / name).language == language


def test_a_dutch_export_is_dutch(tmp_path):
    shutil.copy(REAL.parent / "mastodon_overheid_statuses.json", tmp_path / "overheid.json")  # 6 "nl", 2 unsaid
    assert load_case(tmp_path / "overheid.json").language == "nl"


def test_run_on_a_folder_of_exports(tmp_path):
    """A folder without case.yaml: its recognised exports are one case; other files are named as left out."""
    folder = tmp_path / "Crisis juni"
    folder.mkdir()
    names = ["v1_search_tweepy.json", "mastodon_tag_timeline_ichbinhanna_TRIMMED.jsonl"]
    for name in names:
        shutil.copy(REAL / name, folder / name)
    (folder / "notities.txt").write_text("wat ik nog moet doen\n", encoding="utf-8")
    (folder / "sub").mkdir()
    code, _, err = run(["run", folder, "--out", tmp_path / "out", "--no-pdf", "-q", "--lang", "en"])
    assert code == 0, err
    assert "Crisis juni: no case.yaml; its 2 export files (mastodon, twitter-v1) analysed together" in err
    assert "left out, no export format civicnet knows: notities.txt, sub" in err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    tweets = len(json.loads((REAL / names[0]).read_text(encoding="utf-8"))["statuses"])
    assert summary["case"]["id"] == "Crisis-juni" and summary["counts"]["messages"] == tweets + _statuses(REAL / names[1])
    assert (folder / ".civicnet" / "store.duckdb").exists()


def test_a_folder_with_a_case_file_is_that_case(tmp_path):
    shutil.copy(REAL / "v1_search_tweepy.json", tmp_path / "tweets.json")
    (tmp_path / "case.yaml").write_text("id: mijn-casus\ntitle: Mijn casus\nsources: [tweets.json]\n", encoding="utf-8")
    case = load_case(tmp_path)
    assert (case.id, case.implied_format, case.path) == ("mijn-casus", None, tmp_path / "case.yaml")


def test_a_folder_without_exports_is_an_input_error(tmp_path):
    (tmp_path / "notities.txt").write_text("niets\n", encoding="utf-8")
    code, _, err = run(["run", tmp_path, "--out", tmp_path / "out", "--no-pdf", "--lang", "en"])
    assert code == 1 and err.startswith("Error:") and "no export file civicnet recognises" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(["run", tmp_path, "--out", tmp_path / "out", "--no-pdf"])
    assert code == 1 and err.startswith("Fout:") and "zonder exportbestand dat civicnet herkent" in err


def test_a_link_to_an_export_is_that_export(tmp_path):
    """The user names the file on the command line, so a symbolic link to an export elsewhere is read
    (the confinement of docs/case-file.md guards what a shared case file names, not this)."""
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    shutil.copy(REAL / "v1_search_tweepy.json", elsewhere / "tweets.json")
    (tmp_path / "link.json").symlink_to(elsewhere / "tweets.json")
    code, _, err = run(["ingest", tmp_path / "link.json", "-q"])
    assert code == 0, err
    assert load_case(tmp_path / "link.json").sources[0].path == elsewhere / "tweets.json"
