"""``--pseudonymise`` is a property of every output: no citizen identifier of the input anywhere.

Every demo case, every case file under tests/fixtures and every other export file under
tests/fixtures (wrapped in a one-source case) is run as a user runs it — ``civicnet run
--pseudonymise``, ``civicnet inbox --pseudonymise`` — and served by the dashboard in
pseudonymised mode, and exported as Parquet (``civicnet export --parquet --pseudonymise``); every
file written, every table exported and every API response is searched for every
citizen identifier of the input (ids, handles, DIDs, display names, profile URLs, ids of
citizens' messages), found by the independent reference in ``_identifiers.py``.
New fixtures (tests/fixtures/real…) are picked up as they come.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.simulate import CASES

from _identifiers import citizen_identifiers, leaks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DATA_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".gexf", ".graphml", ".xlsx", ".gz")


def _case_files() -> list[Path]:
    out = []
    for path in sorted(FIXTURES.rglob("*.y*ml")):
        try:
            import yaml

            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 - not a case file
            continue
        if isinstance(data, dict) and data.get("sources") and data.get("id"):
            out.append(path)
    return out


def _covered(case_files: list[Path]) -> set[Path]:
    import yaml

    covered = set()
    for case in case_files:
        for s in yaml.safe_load(case.read_text(encoding="utf-8"))["sources"]:
            p = (case.parent / (s if isinstance(s, str) else s["path"])).resolve()
            covered |= {q.resolve() for q in p.rglob("*")} if p.is_dir() else {p}
    return covered


def _raw_files() -> list[Path]:
    covered = _covered(_case_files())
    return [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.name.lower().endswith(DATA_SUFFIXES)
            and p.resolve() not in covered]


def _raw_param(p: Path):
    return pytest.param(("raw", p), id=f"raw-{p.relative_to(FIXTURES)}")


CASE_PARAMS = ([pytest.param(("demo", name), id=f"demo-{name}") for name in CASES]
               + [pytest.param(("case", p), id=f"case-{p.relative_to(FIXTURES)}") for p in _case_files()]
               + [_raw_param(p) for p in _raw_files()])


def _wrap(raw: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(raw, folder / raw.name)
    case = folder / "case.yaml"
    case.write_text(f"id: fixture\ntitle: Fixture\nsources:\n  - path: {raw.name}\n", encoding="utf-8")
    return case


def _case(kind_and_path, demo_runs, tmp_path) -> Path:
    kind, what = kind_and_path
    if kind == "demo":
        return demo_runs[what].case_yaml
    if kind == "case":
        target = tmp_path / "case"
        shutil.copytree(what.parent, target, ignore=shutil.ignore_patterns(".civicnet"))
        return target / what.name
    return _wrap(what, tmp_path / "raw")


def _outputs(case_yaml: Path, out: Path, run: bool = True) -> dict[str, str]:
    """``civicnet run --pseudonymise`` (unless ``run`` is False) and ``civicnet inbox --pseudonymise``."""
    runner = CliRunner()
    said = ""
    if run:
        ran = runner.invoke(main, ["run", str(case_yaml), "--out", str(out / "run"), "--pseudonymise", "--no-pdf", "-q"])
        if ran.exit_code == 1 and ran.output.startswith(("Error:", "Fout:")):  # the case's language says it
            pytest.skip(f"not a runnable case: {ran.output.strip()}")
        assert ran.exit_code == 0, ran.output
        said = ran.output
    inbox = runner.invoke(main, ["inbox", str(case_yaml), "--out", str(out / "inbox"), "--pseudonymise", "-q"])
    assert inbox.exit_code == 0, inbox.output
    folder = out.parent / f"{out.name}-parquet"
    exported = runner.invoke(main, ["export", str(case_yaml), "--parquet", str(folder), "--pseudonymise", "-q"])
    assert exported.exit_code == 0, exported.output
    return {"stdout of run and inbox": said + inbox.output, **_files(out), **_parquet(folder)}


#: Between two values of an exported table: farther apart than the reference reads a name's words
#: (``_identifiers.leaks`` takes the words of the next 200 characters), so no name spans two cells.
_CELLS = "\n" + " " * 200


def _parquet(folder: Path) -> dict[str, str]:
    """Every value of every table of a Parquet export (``civicnet export --parquet``), as text."""
    import duckdb

    with duckdb.connect() as con:
        return {f"export/{p.name}": _CELLS.join(str(v) for row in con.sql(f"SELECT * FROM read_parquet('{p}')").fetchall()
                                                for v in row if v is not None)
                for p in sorted(folder.glob("*.parquet"))}


def _files(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(out.rglob("*")) if p.is_file()}


def _get(client, url: str, ok=(200,), **params):
    r = client.get(url, params=params)
    assert r.status_code in ok, (url, params, r.text[:300])
    return r


def _api(case_yaml: Path, write_to: Path | None = None) -> dict[str, str]:
    """Every dashboard response a user could ask for, in pseudonymised mode; with ``write_to``, also
    the files ``civicnet run --pseudonymise`` writes, from the dashboard's own analysis of the case
    (``civicnet.write_outputs``, what ``run`` calls after analysing: one analysis, not two)."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from civicnet.case import load_case
    from civicnet.web import create_app

    case = load_case(case_yaml)
    app = create_app([case_yaml], pseudonymise=True, max_nodes=300)  # fewer to lay out; the rest via search
    client = TestClient(app, base_url="http://127.0.0.1")
    base = f"/api/cases/{case.id}"
    texts = {}
    try:
        if write_to is not None:
            import civicnet

            civicnet.write_outputs(app.state.workspace.analysis(case.id), write_to, pseudonymise=True, pdf=False)
            texts.update({f"run/{k}": v for k, v in _files(write_to).items()})
        texts["/api/cases"] = _get(client, "/api/cases").text
        texts[base] = _get(client, base).text
        texts[base + "/timeline"] = _get(client, base + "/timeline").text
        shown = []
        for kind in case.networks:
            net = _get(client, base + "/network", kind=kind)
            texts[f"{base}/network?kind={kind}"] = net.text
            nodes = [n["id"] for n in net.json()["nodes"]]
            shown += nodes
            for q in ("e", "anon"):  # every shown identifier is searched; a few answers suffice
                texts[f"{base}/network/search?q={q}&kind={kind}"] = _get(
                    client, base + "/network/search", q=q, kind=kind, limit=500).text
            texts[f"{base}/network/ambassadors?kind={kind}"] = _get(client, base + "/network/ambassadors", kind=kind).text
            for node in nodes[:2]:
                texts[f"{base}/network/neighbourhood?account={node}"] = _get(
                    client, base + "/network/neighbourhood", account=node, kind=kind).text
        messages, offset = [], 0
        while offset is not None:
            page = _get(client, base + "/messages", limit=500, offset=offset)
            texts[f"{base}/messages?offset={offset}"] = page.text
            messages += page.json()["items"]
            offset = page.json()["next_offset"]
        for m in [m for m in messages if m.get("parent")][:2] + messages[:1]:
            texts[f"{base}/messages?thread={m['id']}"] = _get(client, base + "/messages", thread=m["root"] or m["id"]).text
        for name in list(dict.fromkeys(shown + [m["account"] for m in messages if m["account"]]))[:8]:
            # 404: an account known only by the handle others mention (no profile, no message)
            texts[f"{base}/account?name={name}"] = _get(client, base + "/account", ok=(200, 404), name=name).text
        texts[base + "/inbox"] = _get(client, base + "/inbox", limit=500).text
        for f in _get(client, base + "/files").json()["items"]:
            texts[f"{base}/files/{f['name']}"] = _get(client, f"{base}/files/{f['name']}").text
    finally:
        app.state.workspace.close()
    return texts


@pytest.mark.parametrize("which", CASE_PARAMS)
def test_no_citizen_identifier_in_any_output(which, demo_runs, tmp_path):
    case_yaml = _case(which, demo_runs, tmp_path)
    tokens, names = citizen_identifiers(case_yaml)
    if not (tokens or names):
        pytest.skip("the input names no citizen (no author, no id): nothing to look for")
    if which[0] == "demo":  # the reference sees citizens where they are shown: in the run without --pseudonymise
        plain = demo_runs[which[1]].out
        assert any(leaks((plain / n).read_text(encoding="utf-8"), tokens, names) for n in ("nodes.csv", "messages.csv"))
    demo = which[0] == "demo"  # the heavy cases: files and dashboard from one analysis
    texts = _outputs(case_yaml, tmp_path / "out", run=not demo)
    texts.update(_api(case_yaml, write_to=tmp_path / "written" if demo else None))
    distinct = {}
    for where, text in texts.items():  # a download equal to a file written by run is searched once
        distinct.setdefault(text, where)
    found = {where: hits[:5] for text, where in distinct.items() if (hits := leaks(text, tokens, names))}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)[:6000]


@pytest.mark.parametrize("fixture", ["linkedin_ondertussen_sample.csv", "mastodon_overheid_statuses.json"])
def test_the_pdf_factsheet_holds_no_citizen_identifier(fixture, tmp_path):
    """The A3 PDF is printed from the factsheet HTML; its text is searched too (Debian poppler-utils)."""
    import shutil
    import subprocess

    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("needs pdftotext (Debian poppler-utils) to read the PDF's text")
    pytest.importorskip("weasyprint")
    case_yaml = _wrap(FIXTURES / fixture, tmp_path / "raw")
    tokens, names = citizen_identifiers(case_yaml)
    ran = CliRunner().invoke(main, ["run", str(case_yaml), "--out", str(tmp_path / "out"), "--pseudonymise", "-q"])
    assert ran.exit_code == 0, ran.output
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "out" / "factsheet.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "anon-" in text and not leaks(text, tokens, names), leaks(text, tokens, names)[:5]
