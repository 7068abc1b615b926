"""The CLI on readable input: rejects, --strict, idempotence, overlap, detection, info, formats, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicnet.case import load_case
from civicnet.cli import main
from civicnet.store import Store
from civicnet.store.info import case_info

sys.path.insert(0, str(Path(__file__).parent))
from _cli_helpers import CIVICNET, GOOD, GOOD2, jsonl, page, run, snapshot, tweet, write_case  # noqa: E402

WITH_BAD_RECORDS = jsonl(
    page(tweet("1"), {"text": "no id"}, tweet("2", created_at="31-31-2021"), tweet(["3"]), tweet("4")),
    page(tweet("5", created_at="not a date")),
)


def test_bad_records_are_counted(tmp_path):
    (tmp_path / "mixed.jsonl").write_bytes(WITH_BAD_RECORDS)
    case = write_case(tmp_path, ["{format: twitter-v2, path: mixed.jsonl}"])
    code, out, err = run(["ingest", case, "--quiet", "--lang", "en"])
    assert code == 0, err
    assert "4 rejected" in out and "no tweet id" in out
    code, out, _ = run(["info", case, "--json"])
    imp = json.loads(out)["imports"][0]
    assert imp["records_rejected"] == 4 and json.loads(out)["messages"] == 2
    assert imp["rejects"]["reasons"]["no tweet id"] == 1
    assert {r["location"] for r in imp["rejects"]["rejects"]} >= {"line 1, data[1]", "line 2, data[0]"}
    assert any(r.startswith("unparseable created_at") for r in imp["rejects"]["reasons"])


def test_strict_stops_and_leaves_the_store(tmp_path):
    (tmp_path / "good.jsonl").write_bytes(GOOD)
    (tmp_path / "mixed.jsonl").write_bytes(WITH_BAD_RECORDS)
    store = tmp_path / "s.duckdb"
    assert run(["ingest", write_case(tmp_path, ["good.jsonl"], "base.yaml"), "--store", store])[0] == 0
    before = snapshot(store)
    case = write_case(tmp_path, ["{format: twitter-v2, path: mixed.jsonl}"])
    code, _, err = run(["ingest", case, "--store", store, "--strict", "--lang", "en"])
    assert code == 1 and err.count("\n") == 1 and "mixed.jsonl (line 1, data[1])" in err and "no tweet id" in err
    assert snapshot(store) == before
    code, _, err = run(["ingest", case, "--store", store, "--strict", "--lang", "nl"])  # said in the reader's language
    assert code == 1 and err.startswith("Fout: ") and err.count("\n") == 1
    assert "mixed.jsonl (regel 1, data[1]): record afgewezen: geen tweet id (zonder --strict" in err
    assert snapshot(store) == before


def test_reimport_changes_nothing_and_overlap_adds_only_new(tmp_path):
    (tmp_path / "good.jsonl").write_bytes(GOOD)
    case = write_case(tmp_path, ["good.jsonl"])
    assert run(["ingest", case, "--lang", "en"])[0] == 0
    store = tmp_path / ".civicnet" / "store.duckdb"
    first = snapshot(store)
    code, out, err = run(["ingest", case, "--lang", "en"])
    assert code == 0 and "already imported, unchanged" in out
    assert "Warning" not in err and "0 records" not in err, err  # a file left alone is not an empty one
    assert snapshot(store) == first
    # an overlapping file: tweets 3 (known) and 6, 7 (new)
    (tmp_path / "more.jsonl").write_bytes(jsonl(page(tweet("3"), tweet("6"), tweet("7"))))
    case2 = write_case(tmp_path, ["good.jsonl", "more.jsonl"])
    code, out, _ = run(["ingest", case2, "--lang", "en"])
    assert code == 0 and "more.jsonl: twitter-v2 (detected): 4 records read, 0 rejected; added 2 messages" in out
    counts = snapshot(store)[0]
    assert counts["message"] == first[0]["message"] + 2
    assert counts["interaction"] == first[0]["interaction"] + 2
    assert counts["import"] == first[0]["import"] + 1


def test_detection_is_reported(tmp_path):
    (tmp_path / "good.jsonl").write_bytes(GOOD)
    code, out, _ = run(["ingest", write_case(tmp_path, ["good.jsonl"]), "--lang", "en"])
    assert code == 0 and out.startswith("good.jsonl: twitter-v2 (detected): ")


def test_byte_order_mark_is_accepted(tmp_path):
    """Windows tools write a UTF-8 BOM; detection accepted it, the reader refused it."""
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + GOOD)
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(page(tweet("8")), indent=1).encode())
    code, out, err = run(["ingest", write_case(tmp_path, ["bom.jsonl", "bom.json"]), "--quiet", "--lang", "en"])
    assert code == 0, err
    assert "bom.jsonl: twitter-v2 (detected): 5 records read, 0 rejected; added 3 messages" in out
    assert "bom.json: twitter-v2 (detected): 2 records read, 0 rejected; added 1 messages" in out


def test_relative_paths_from_another_cwd(tmp_path):
    data = tmp_path / "case" / "data"
    data.mkdir(parents=True)
    (data / "good.jsonl").write_bytes(GOOD)
    case = write_case(tmp_path / "case", ["{format: twitter-v2, path: data/good.jsonl}"])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run([CIVICNET, "ingest", os.path.relpath(case, elsewhere), "--lang", "en"], cwd=elsewhere,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "case" / ".civicnet" / "store.duckdb").exists()
    assert not (elsewhere / ".civicnet").exists()


def test_info_json_equals_library(tmp_path):
    (tmp_path / "good.jsonl").write_bytes(GOOD)
    (tmp_path / "good2.jsonl").write_bytes(GOOD2)
    case = write_case(tmp_path, ["good.jsonl", "{format: twitter-v2, path: good2.jsonl}"])
    assert run(["ingest", case, "--lang", "en"])[0] == 0
    code, out, _ = run(["info", case, "--json"])
    assert code == 0
    with Store(tmp_path / ".civicnet" / "store.duckdb", read_only=True) as store:
        expected = case_info(store, load_case(case))
    assert json.loads(out) == json.loads(json.dumps(expected, default=str))
    code, text, _ = run(["info", case, "--lang", "en"])
    assert code == 0 and "messages: 5" in text
    code, text, _ = run(["info", case])  # the case's language: Dutch
    assert code == 0 and "berichten: 5  post 5" in text and "importen:" in text


def test_formats_lists_every_registered_format():
    from civicnet import sources

    code, out, _ = run(["formats", "--json"])
    assert code == 0
    assert [row["format"] for row in json.loads(out)] == list(sources.REGISTRY)
    code, text, _ = run(["formats"])
    for name in sources.REGISTRY:
        assert f"\n{name}  (" in "\n" + text


def _commands():
    return sorted(main.commands)


@pytest.mark.parametrize("command", [None] + _commands())
def test_help_of_every_command(command):
    args = ([command] if command else []) + ["--help"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "Usage:" in result.output and "Traceback" not in result.output


def test_run_says_what_it_wrote_in_the_cases_language(tmp_path):
    """What ``run`` says about the case follows --lang (default the case's language, here nl)."""
    from _cli_helpers import CASE, GOOD, run as invoke

    (tmp_path / "a.jsonl").write_bytes(GOOD)
    case = tmp_path / "case.yaml"
    case.write_text(CASE.format(sources="  - {format: twitter-v2, path: a.jsonl}\n") + "language: nl\n", encoding="utf-8")
    code, out, _ = invoke(["run", case, "--out", tmp_path / "nl", "--no-pdf", "-q"])
    assert code == 0 and out.startswith("Buurt: factsheet.html, summary.json") and "geschreven naar" in out
    code, out, _ = invoke(["run", case, "--out", tmp_path / "en", "--no-pdf", "-q", "--lang", "en"])
    assert code == 0 and out.startswith("Buurt: wrote factsheet.html")


def test_government_accounts_not_in_the_data_are_named(tmp_path):
    """A government entry of the case file that matches no account (a typo, another platform's handle)
    would leave the sheet saying government took no part: `run` warns, naming the entry, and the
    factsheet's limitations say it too; entries that match are not named."""
    from _cli_helpers import CASE, GOOD, run as invoke

    (tmp_path / "a.jsonl").write_bytes(GOOD)
    case = tmp_path / "case.yaml"
    case.write_text(CASE.format(sources="  - {format: twitter-v2, path: a.jsonl}\n")
                    + "language: nl\ngovernment:\n  - {handle: wijkagent}\n  - {handle: '@gemeente_typo'}\n",
                    encoding="utf-8")
    code, out, err = invoke(["run", case, "--out", tmp_path / "nl", "--no-pdf", "-q"])
    assert code == 0, err
    warned = [line for line in err.splitlines() if "gemeente_typo" in line]
    assert len(warned) == 1 and warned[0].startswith("Waarschuwing: case.yaml:") and "niet gevonden" in warned[0], err
    assert "wijkagent" not in warned[0]
    html = (tmp_path / "nl" / "factsheet.html").read_text(encoding="utf-8")
    assert "gemeente_typo" in html and "niet gevonden in de gegevens" in html
    code, _, err = invoke(["run", case, "--out", tmp_path / "en", "--no-pdf", "-q", "--lang", "en"])
    assert code == 0 and "Warning: case.yaml: government account(s) of the case file not found in the data: " \
                          "gemeente_typo." in err, err


def test_info_on_a_case_not_imported_yet_says_what_to_run(tmp_path):
    """`civicnet info` on a store that holds other cases but not this one: zeros alone would read as an empty
    export; it says nothing was imported for this case yet and which command reads its sources."""
    from _cli_helpers import CASE, GOOD, run as invoke

    (tmp_path / "a.jsonl").write_bytes(GOOD)
    first = tmp_path / "first.yaml"
    first.write_text(CASE.format(sources="  - {format: twitter-v2, path: a.jsonl}\n"), encoding="utf-8")
    assert invoke(["ingest", first])[0] == 0
    other = tmp_path / "other.yaml"
    other.write_text(CASE.format(sources="  - {format: twitter-v2, path: a.jsonl}\n").replace("id: buurt", "id: ander")
                     + "language: nl\n", encoding="utf-8")
    code, out, _ = invoke(["info", other])
    assert code == 0 and "nog niets geïmporteerd voor deze casus" in out and "civicnet ingest" in out, out
    code, out, _ = invoke(["info", first, "--lang", "en"])
    assert code == 0 and "nothing imported" not in out


def _mentioned_only(folder: Path, language: str, handle: str) -> Path:
    """A case whose one tweet mentions government's ``gemeente_x`` by handle alone (no account object),
    naming it ``handle`` in the case file: a government account that wrote nothing."""
    from _cli_helpers import CASE

    mentioned = {"data": [tweet("1", text="@gemeente_x kijk even", entities={"mentions": [{"username": "gemeente_x"}]})],
                 "includes": {"users": [{"id": "100", "username": "wijkagent"}]},
                 "__twarc": {"url": "https://api.twitter.com/2/tweets/search/recent"}}
    (folder / "a.jsonl").write_bytes(jsonl(mentioned))
    case = folder / "case.yaml"
    case.write_text(CASE.format(sources="  - {format: twitter-v2, path: a.jsonl}\n")
                    + f"language: {language}\ngovernment:\n  - {{handle: {handle}}}\n", encoding="utf-8")
    return case


def test_a_government_handle_only_mentioned_is_in_the_data(tmp_path):
    """A government account that wrote nothing but is mentioned by handle alone (no account object in the
    export) is a government node of the network: no warning that it was not found."""
    from _cli_helpers import run as invoke

    case = _mentioned_only(tmp_path, "en", "Gemeente_X")
    code, _, err = invoke(["run", case, "--out", tmp_path / "out", "--no-pdf", "-q"])
    assert code == 0 and "not found in the data" not in err, err
    nodes = (tmp_path / "out" / "nodes.csv").read_text(encoding="utf-8")
    assert any(line.lower().startswith("gemeente_x,") and ",true," in line for line in nodes.splitlines()), nodes


def test_a_government_account_only_mentioned_is_named_as_such_on_the_sheet(tmp_path):
    """The network marks a government account that wrote nothing but is mentioned; the sheet's list of
    government accounts (its authors) then says it was only mentioned, instead of "no government
    accounts found" beside a network that shows one."""
    from _cli_helpers import run as invoke

    case = _mentioned_only(tmp_path, "nl", "gemeente_x")
    assert invoke(["run", case, "--out", tmp_path / "nl", "--no-pdf", "-q"])[0] == 0
    html = (tmp_path / "nl" / "factsheet.html").read_text(encoding="utf-8")
    assert "Geen overheidsaccounts gevonden" not in html
    assert "schreven niets in deze gegevens; alleen genoemd door anderen: gemeente_x" in html
    assert invoke(["run", case, "--out", tmp_path / "en", "--no-pdf", "-q", "--lang", "en"])[0] == 0
    html = (tmp_path / "en" / "factsheet.html").read_text(encoding="utf-8")
    assert "wrote nothing in these data; only mentioned by others: gemeente_x" in html
    # beside a government account that wrote (the tweet's author), a line under the table
    case.write_text(case.read_text(encoding="utf-8") + "  - {handle: wijkagent}\n", encoding="utf-8")
    assert invoke(["run", case, "--out", tmp_path / "both", "--no-pdf", "-q"])[0] == 0
    html = (tmp_path / "both" / "factsheet.html").read_text(encoding="utf-8")
    assert "Alleen genoemd door anderen (schreven niets): gemeente_x." in html and "schreven niets in deze" not in html
