"""The Python API and the CLI agree: ``civicnet run`` writes what ``civicnet.analyse`` +
``civicnet.write_outputs`` give, for a real-format case (the generated Lisse tweets)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import civicnet
from civicnet.errors import InputError, StoreError
from civicnet.simulate import generate
from civicnet.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from _cli_helpers import run, snapshot  # noqa: E402


@pytest.fixture(scope="module")
def lisse(tmp_path_factory):
    """The demo case of the police officer in Lisse (twarc2 exports), run by the CLI once."""
    folder = tmp_path_factory.mktemp("api")
    case_file = generate("wijkagent-lisse", folder, seed=2014)
    code, out, err = run(["run", case_file, "--out", folder / "cli", "--no-pdf", "--quiet"])
    assert code == 0, err
    code, out, err = run(["run", case_file, "--out", folder / "cli-private", "--no-pdf", "--quiet",
                          "--pseudonymise", "--lang", "en"])
    assert code == 0, err
    return folder, case_file


def _summary(path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["provenance"].pop("generated_at")
    return data


def test_analyse_equals_run_summary(lisse):
    folder, case_file = lisse
    a = civicnet.analyse(case_file)
    summary = a.summary
    summary["provenance"].pop("generated_at")
    assert json.loads(json.dumps(summary)) == _summary(folder / "cli" / "summary.json")
    assert a.networks["mention"].nodes.num_rows == summary["networks"]["mention"]["nodes"] > 0
    assert a.messages.num_rows == summary["counts"]["messages"]


def test_write_outputs_equals_run_files(lisse, tmp_path):
    folder, case_file = lisse
    a = civicnet.analyse(civicnet.load_case(case_file))
    files = civicnet.write_outputs(a, tmp_path / "plain", pdf=False)
    assert [f.name for f in files] == ["factsheet.html", "summary.json", "nodes.csv", "edges.csv", "network.gexf",
                                       "messages.csv"]
    private = civicnet.write_outputs(a, tmp_path / "private", lang="en", pseudonymise=True, pdf=False)
    for out, cli in ((tmp_path / "plain", folder / "cli"), (tmp_path / "private", folder / "cli-private")):
        for name in ("nodes.csv", "edges.csv", "network.gexf", "messages.csv"):
            assert (out / name).read_bytes() == (cli / name).read_bytes(), name
        assert _summary(out / "summary.json") == _summary(cli / "summary.json")
    assert "AnnemiekPostma4" not in (tmp_path / "private" / "nodes.csv").read_text(encoding="utf-8")
    assert len(private) == 6


def test_store_given_as_path_or_open_store(lisse, tmp_path):
    folder, case_file = lisse
    store_path = tmp_path / "elsewhere.duckdb"
    by_path = civicnet.analyse(case_file, store=store_path)  # imports into that store
    with Store(store_path) as store:
        by_store = civicnet.analyse(case_file, store=store)
        assert store.sql("SELECT count(*) FROM case_message")[0][0] > 0  # left open
    assert by_store.summary["counts"] == by_path.summary["counts"]
    assert civicnet.case_info(case_file, store_path)["messages"] == by_path.counts["messages"]


def test_bad_input_is_an_input_error_and_the_store_is_left(lisse, tmp_path):
    folder, case_file = lisse
    broken = folder / "wijkagent-lisse" / "broken.yaml"
    broken.write_text(case_file.read_text(encoding="utf-8").replace("data/wijkagent-mentions.jsonl", "data/none.jsonl"),
                      encoding="utf-8")
    store = folder / "wijkagent-lisse" / ".civicnet" / "store.duckdb"
    before = snapshot(store)
    with pytest.raises(InputError, match="none.jsonl"):
        civicnet.analyse(broken)
    assert snapshot(store) == before


def test_read_only_store_without_salt_cannot_pseudonymise(lisse, tmp_path):
    folder, case_file = lisse
    store_path = tmp_path / "fresh.duckdb"
    civicnet.analyse(case_file, store=store_path)
    with Store(store_path) as store:
        store.sql("DELETE FROM secret")
    with Store(store_path, read_only=True) as store, store.case(civicnet.load_case(case_file)) as scope:
        from civicnet.analysis import analyse_case

        a = analyse_case(scope)
    civicnet.write_outputs(a, tmp_path / "plain", pdf=False)  # without pseudonyms: fine
    with pytest.raises(StoreError, match="no pseudonym salt"):
        civicnet.write_outputs(a, tmp_path / "private", pseudonymise=True, pdf=False)


def test_public_names():
    assert set(civicnet.__all__) >= {"load_case", "analyse", "write_outputs", "CaseAnalysis", "NetworkResult",
                                     "__version__"}
    assert all(getattr(civicnet, name) is not None for name in civicnet.__all__)
    with pytest.raises(AttributeError):
        civicnet.no_such_name  # noqa: B018
