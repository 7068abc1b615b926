"""`civicnet export --parquet DIR --pseudonymise`: the case's tables with no citizen left in them.

The planted webcare case (tests/webcare/_planted.py): a municipality's Twitter account and Facebook
page, and citizens who write to it by handle (Twitter) or by name (Facebook comments).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.store import Store
from civicnet.store.export import from_parquet

import _planted as P


TABLES = ("case", "import", "case_account", "case_message", "case_interaction", "account", "message", "interaction")
GOVERNMENT = {("twitter", "900"), ("facebook", "555")}


def _cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def _rows(folder: Path, table: str) -> list[dict]:
    with duckdb.connect() as con:
        rel = con.sql(f"SELECT * FROM read_parquet('{folder / table}.parquet')")
        return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pseudonymised")
    case = P.write_case(folder)
    _cli("ingest", case, "-q")
    _cli("export", case, "--parquet", folder / "plain")
    _cli("export", case, "--parquet", folder / "hidden", "--pseudonymise")
    _cli("run", case, "--out", folder / "out", "--no-pdf", "--pseudonymise", "-q")
    return folder


def _citizens(folder: Path) -> list[dict]:
    return [a for a in _rows(folder / "plain", "account") if (a["platform"], a["id"]) not in GOVERNMENT]


def test_no_citizens_identifier_name_or_profile_is_left(exported):
    citizens = _citizens(exported)
    assert len(citizens) >= 10
    ids = {a["id"] for a in citizens} | {a["handle"] for a in citizens if a["handle"]}
    names = {a["name"] for a in citizens if a["name"]}
    assert {"anna", "Lars de Boer", "Mira Jansen"} <= ids | names  # the planted citizens, by handle and by name
    for table in TABLES:
        for row in _rows(exported / "hidden", table):
            for column, value in row.items():
                if not isinstance(value, str) or column in ("case_id", "path", "rejects"):
                    continue
                assert value not in ids, (table, column, value)
                for name in names:
                    assert name.lower() not in value.lower(), (table, column, value)
                for handle in ids - {a["id"] for a in citizens}:  # handles (letters): also inside texts
                    assert not re.search(rf"(?<!\w)@?{re.escape(handle)}(?!\w)", value, re.I), (table, column, value)
    for account in _rows(exported / "hidden", "account"):
        if (account["platform"], account["id"]) not in GOVERNMENT:
            assert account["id"].startswith("anon-") and account["description"] is None and account["url"] is None


def test_government_keeps_its_accounts_and_messages(exported):
    hidden = {(a["platform"], a["id"]): a for a in _rows(exported / "hidden", "account")}
    assert hidden[("twitter", "900")]["handle"] == "gemeentevb"
    plain = {m["id"]: m for m in _rows(exported / "plain", "message") if m["account"] == "900"}
    shown = {m["id"]: m for m in _rows(exported / "hidden", "message") if m["account"] == "900"}
    assert shown.keys() == plain.keys() and plain
    assert all(shown[i]["url"] == plain[i]["url"] for i in plain)


def test_the_tables_hold_together_and_count_the_same(exported):
    manifest = json.loads((exported / "hidden" / "manifest.json").read_text(encoding="utf-8"))
    plain = json.loads((exported / "plain" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pseudonymised"] is True and "pseudonymised" not in plain
    assert manifest["rows"] == plain["rows"]
    hidden = {t: _rows(exported / "hidden", t) for t in TABLES}
    assert {(r["platform"], r["id"]) for r in hidden["case_message"]} == {(r["platform"], r["id"]) for r in hidden["message"]}
    assert {(r["platform"], r["id"]) for r in hidden["case_account"]} == {(r["platform"], r["id"]) for r in hidden["account"]}
    assert {r["key"] for r in hidden["case_interaction"]} == {r["key"] for r in hidden["interaction"]}
    plain_keys = {r["key"] for r in _rows(exported / "plain", "interaction")}
    assert not plain_keys & {r["key"] for r in hidden["interaction"]}  # no key anyone could recompute
    accounts = {r["id"] for r in hidden["account"]}
    assert {r["account"] for r in hidden["message"] if r["account"]} <= accounts
    for table in ("account", "message", "interaction"):  # rows in the order of their shown keys
        key = ["key"] if table == "interaction" else ["platform", "id"]
        rows = [tuple(r[k] for k in key) for r in hidden[table]]
        assert rows == sorted(rows), table


def test_the_pseudonyms_are_the_ones_run_pseudonymise_shows(exported):
    with duckdb.connect() as con:
        nodes = {r[0] for r in con.sql(f"SELECT account FROM read_csv('{exported / 'out' / 'nodes.csv'}', "
                                       "all_varchar = true)").fetchall()}
    hidden = {x for a in _rows(exported / "hidden", "account") for x in (a["id"], a["handle"]) if x}
    assert any(n.startswith("anon-") for n in nodes) and nodes <= hidden


def test_a_pseudonymised_export_reads_into_another_store(exported, tmp_path):
    with Store(tmp_path / "other.duckdb") as store:
        added = from_parquet(store, exported / "hidden")
    plain = json.loads((exported / "plain" / "manifest.json").read_text(encoding="utf-8"))["rows"]
    assert added == plain


def test_progress_is_reported_per_table_in_rows(exported, tmp_path):
    import civicnet

    calls = []
    civicnet.export_parquet(exported / "case.yaml", tmp_path / "again", pseudonymise=True,
                            progress=lambda *call: calls.append(call))
    rows = json.loads((exported / "hidden" / "manifest.json").read_text(encoding="utf-8"))["rows"]
    last = {d: (done, total) for d, done, total in calls}
    assert last == {f"export: {t}": (n, n) for t, n in rows.items()}
    assert ("export: message", 0, rows["message"]) in calls


def test_a_case_never_imported_is_an_error_that_makes_no_store(tmp_path):
    case = P.write_case(tmp_path)
    result = CliRunner().invoke(main, ["export", str(case), "--parquet", str(tmp_path / "out"), "--pseudonymise"])
    assert result.exit_code == 1 and "hier is nog geen opslag" in result.output, result.output
    assert not (tmp_path / ".civicnet").exists() and not (tmp_path / "out").exists()
