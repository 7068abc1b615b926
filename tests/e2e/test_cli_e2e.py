"""The ``civicnet`` command as a user runs it, on demo cases (click's CliRunner and a subprocess).

run (all seven files, A3 landscape PDF, --lang en, --pseudonymise), demo, inbox,
reply-check --json, and bad input (exit 1, one line, no traceback, no output files).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.store import Store, default_store_path

from _e2e_helpers import INBOX_COLUMNS, OUTPUTS, read_csv

CIVICNET = Path(sys.executable).parent / "civicnet"
A3_LANDSCAPE = (1190.55, 841.89)  # points: 420 x 297 mm


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """Width and height of every page of a PDF, from its /MediaBox entries (a tiny parse:
    the page dictionaries may sit in compressed object streams, so Flate streams are inflated)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    chunks = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        try:
            chunks.append(zlib.decompressobj().decompress(data[m.end():m.end() + 20_000_000]))
        except zlib.error:
            continue
    text = b"\n".join(chunks)
    box = rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]"
    page = rb"/Type\s*/Page(?![s\w])"
    boxes = re.findall(page + rb"[^>]*?" + box + rb"|" + box + rb"[^>]*?" + page, text)
    assert boxes, "no page with a MediaBox found"
    out = []
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in (box[:4] if box[0] else box[4:]))
        out.append((x1 - x0, y1 - y0))
    return out


def test_run_writes_all_seven_files_and_an_a3_landscape_pdf(demo_runs, tmp_path):
    case = demo_runs["deventer"].case_yaml
    out = tmp_path / "out"
    code, stdout, stderr = invoke("run", case, "--out", out, "--quiet")
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert "factsheet.pdf" in stdout and "Traceback" not in stdout + stderr
    pages = pdf_pages(out / "factsheet.pdf")
    assert len(pages) == 1
    assert pages[0] == pytest.approx(A3_LANDSCAPE, abs=0.01)
    html = (out / "factsheet.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in html and "Gemeente Deventer" in html


def test_run_in_english(demo_runs, tmp_path):
    case = demo_runs["ocw"].case_yaml
    code, _, stderr = invoke("run", case, "--out", tmp_path, "--lang", "en", "--no-pdf", "-q")
    assert code == 0, stderr
    html = (tmp_path / "factsheet.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    for label in ("a. Description of the case", "d. Network analysis", "f. The government&#39;s role"):
        assert label in html
    assert "Beschrijving van de casus" not in html and "Netwerkanalyse" not in html


def _accounts_of_twarc2(path: Path) -> dict[str, str | None]:
    users = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for user in json.loads(line).get("includes", {}).get("users", []):
            users[user["username"]] = user.get("name")
    return users


def _accounts_of_graph(path: Path) -> dict[str, str | None]:
    """Every person in a Graph API feed export: authors (``from``) and those who reacted."""
    found = {}

    def walk(value, key=None):
        if isinstance(value, dict):
            if (key == "from" or key == "reaction") and value.get("id"):
                found[value["id"]] = value.get("name")
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, "reaction" if key == "data" and isinstance(v, dict) and "type" in v and "message" not in v
                     else None)

    for line in path.read_text(encoding="utf-8").splitlines():
        walk(json.loads(line))
    return found


@pytest.mark.parametrize("name", ["wijkagent-lisse", "deventer"])
def test_pseudonymise_leaves_no_citizen_in_any_output(demo_runs, tmp_path, name):
    run = demo_runs[name]
    out = tmp_path / "out"
    pdftotext = shutil.which("pdftotext")  # Debian poppler-utils; without it the PDF is not written here
    code, _, stderr = invoke("run", run.case_yaml, "--out", out, "--pseudonymise", "-q",
                             *([] if pdftotext else ["--no-pdf"]))
    assert code == 0, stderr
    data = run.case_yaml.parent / "data"
    accounts = {}
    for f in data.iterdir():
        twarc2 = '"includes"' in f.read_text(encoding="utf-8")[:100_000]
        accounts.update(_accounts_of_twarc2(f) if twarc2 else _accounts_of_graph(f))
    gov_ids = {g["account"] for g in run.planted["government_accounts"]}
    gov_names = {g["name"] for g in run.planted["government_accounts"] if g["name"]}
    citizens = {a: n for a, n in accounts.items() if a not in gov_ids}
    assert len(citizens) > 40
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.suffix != ".pdf"}
    if pdftotext:
        texts["factsheet.pdf"] = subprocess.run([pdftotext, "-layout", out / "factsheet.pdf", "-"],
                                                capture_output=True, text=True, check=True).stdout
    leaks = []

    def in_government_name(word):
        return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", g) for g in gov_names)

    for ident, full in citizens.items():
        # a citizen's handle or name that is also a word of a government account's name ("Sophie" beside
        # the officer "Sophie Kaya", shown by her name) is only a leak as a mention (@Sophie)
        for word in (ident, full):
            if not word:
                continue
            pattern = re.escape(word)
            for file, text in texts.items():
                bare = not in_government_name(word) and re.search(rf"(?<![\w@-]){pattern}(?!\w)", text)
                if bare or (word == ident and re.search(rf"@{pattern}(?!\w)", text)):
                    leaks.append((file, pattern))
    assert not leaks, leaks[:10]
    # government accounts stay named, everyone else is a pseudonym
    _, nodes = read_csv(out / "nodes.csv")
    named = {n["account"] for n in nodes if not n["account"].startswith("anon-")}
    assert named and named <= gov_ids
    assert {n["account"] for n in nodes if n["is_government"] == "true"} == named
    # the salt is kept in the store, never in an output
    with Store(default_store_path(run.case_yaml), read_only=True) as store:
        salt = store.sql("SELECT value FROM secret WHERE name = 'pseudonym_salt'")[0][0]
    raw = b"".join(p.read_bytes() for p in out.iterdir())
    assert salt.encode() not in raw and salt.upper().encode() not in raw and bytes.fromhex(salt) not in raw
    assert all(salt not in text for text in texts.values())


def test_demo_writes_index_comparison_and_a_folder_per_case(tmp_path):
    out = tmp_path / "demo"
    code, stdout, stderr = invoke("demo", "--out", out, "--cases", "deventer,ocw", "--no-pdf", "-q")
    assert code == 0, stderr
    for name in ("index.html", "comparison.html", "comparison.csv"):
        assert (out / name).stat().st_size > 0
    for case in ("deventer", "ocw"):
        assert {"factsheet.html", "summary.json", "nodes.csv", "edges.csv", "network.gexf",
                "messages.csv"} <= {p.name for p in (out / case).iterdir()}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="deventer/factsheet.html"' in index and 'href="ocw/factsheet.html"' in index
    assert "comparison.html" in index
    header, rows = read_csv(out / "comparison.csv")
    assert len(rows) == 2
    assert {"deventer", "ocw"} <= {v for row in rows for v in row.values()}
    assert str((out / "index.html").resolve()) in stdout


def test_inbox_writes_the_contract_columns(demo_runs, tmp_path):
    run = demo_runs["wijkagent-lisse"]
    code, _, stderr = invoke("inbox", run.case_yaml, "--out", tmp_path, "--now", "2014-04-01T09:00", "-q")
    assert code == 0, stderr
    header, rows = read_csv(tmp_path / "inbox.csv")
    assert header == INBOX_COLUMNS
    items = json.loads((tmp_path / "inbox.json").read_text(encoding="utf-8"))
    if isinstance(items, dict):
        items = items.get("items", items.get("rows"))
    assert [r["id"] for r in rows] == [i["id"] for i in items]
    assert all(list(i) == INBOX_COLUMNS for i in items)
    priorities = [float(r["priority"]) for r in rows]
    assert priorities == sorted(priorities, reverse=True)
    # the writer as a person reads it: display name with the handle beside it (docs/webcare.md)
    assert all(r["name"] and r["name"] != r["account"] and r["name"].endswith(f"(@{r['account']})") for r in rows)
    # every planted question to him is in the inbox, answered ones with who answered; open ones
    # that repeat another open question are in that item (its reason names the message ids)
    by_id = {r["id"]: r for r in rows}
    for qid, answer in run.planted["questions"].items():
        if answer:
            assert by_id[qid]["answered_by"] == answer["answered_by"]
        else:
            row = by_id.get(qid) or next(r for r in rows if f"{qid}," in r["reason"] or f"{qid};" in r["reason"])
            assert row["answered_by"] == ""


def test_reply_check_json_shape():
    code, stdout, _ = invoke("reply-check", "--json", "Hoi, je kenteken 52-GTH-7 is gezien, bel 06-12345678.")
    assert code == 0
    findings = json.loads(stdout)["findings"]
    assert findings and all(set(f) == {"rule", "start", "end", "message"} for f in findings)
    assert {"licence_plate", "phone"} <= {f["rule"] for f in findings}
    assert all(isinstance(f["start"], int) and f["start"] < f["end"] for f in findings)


def test_reply_check_json_from_stdin_in_a_subprocess():
    draft = "Dank voor uw vraag.\nMet vriendelijke groet, Gemeente"
    done = subprocess.run([CIVICNET, "reply-check", "--json", "-"], input=draft,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) == {"findings"}


def test_reply_check_of_an_empty_draft_says_there_is_nothing_to_check():
    """An empty draft (an empty file piped in) is not a draft without findings: the line says there was no
    text; exit 0 as CONTRACT.md asks (1 only for unreadable input), and --json gives no findings."""
    done = subprocess.run([CIVICNET, "reply-check", "-"], input=" \n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "geen tekst" in done.stdout and "geen bevindingen" not in done.stdout, done
    done = subprocess.run([CIVICNET, "reply-check", "--lang", "en", ""], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "no text" in done.stdout, done
    code, stdout, _ = invoke("reply-check", "--json", "")
    assert code == 0 and json.loads(stdout) == {"findings": []}


def _broken_case(folder: Path) -> Path:
    path = folder / "broken.yaml"
    path.write_text("id: kapot\ntitle: [niet gesloten\nsources:\n  - {format: twitter-v2, path: x.jsonl\n",
                    encoding="utf-8")
    return path


def _missing_source(folder: Path) -> Path:
    path = folder / "missing.yaml"
    path.write_text("id: weg\ntitle: Weg\nsources:\n  - {format: twitter-v2, path: data/er-niet.jsonl}\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_broken_case, _missing_source], ids=["broken-case-file", "missing-source"])
def test_run_bad_input_exits_1_with_one_line(tmp_path, make):
    case = make(tmp_path)
    out = tmp_path / "out"
    code, stdout, stderr = invoke("run", case, "--out", out, "-q")
    assert code == 1
    lines = [line for line in stderr.splitlines() if line.strip()]
    # a case file that cannot be read is said in a case's default language (Dutch), a missing source of a
    # Dutch case in Dutch
    assert len(lines) == 1 and "Traceback" not in stdout + stderr
    assert lines[0].startswith("Fout: "), lines[0]
    assert case.name in lines[0] or "er-niet.jsonl" in lines[0]
    assert not out.exists() or not any(out.iterdir())


def test_run_bad_input_in_a_subprocess(tmp_path):
    case = _missing_source(tmp_path)
    out = tmp_path / "out"
    done = subprocess.run([CIVICNET, "run", case, "--out", out], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 1 and "er-niet.jsonl" in done.stderr
    assert not out.exists() or not any(out.iterdir())
