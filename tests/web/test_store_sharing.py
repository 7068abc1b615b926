"""The dashboard holds no store connection between requests: ``ingest`` and ``collect`` run beside it,
and the dashboard shows what they added."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from .conftest import client_for, write_case

pytest.importorskip("fastapi")
CIVICNET = Path(sys.executable).parent / "civicnet"


def _more(folder: Path) -> None:
    """A second twarc2 page for the case, and the case file naming it."""
    tweets = [{"id": str(9000 + n), "author_id": "11", "text": f"@gemeenteX nog een vraag {n}?",
               "created_at": "2014-03-05T12:00:00.000Z", "entities": {"mentions": [
                   {"start": 0, "end": 10, "username": "gemeenteX", "id": "100"}]}} for n in range(5)]
    (folder / "more.jsonl").write_text(json.dumps({"data": tweets}) + "\n", encoding="utf-8")
    case = folder / "brug.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "sources:\n", "sources:\n  - {format: twitter-v2, path: more.jsonl}\n"), encoding="utf-8")


def test_ingest_runs_beside_the_dashboard_and_the_dashboard_sees_it(tmp_path):
    from civicnet.web import create_app

    case = write_case(tmp_path)
    client = client_for(create_app([case]))
    before = client.get("/api/cases/brug").json()["counts"]["messages"]
    assert client.get("/api/cases/brug/messages").status_code == 200
    _more(tmp_path)
    done = subprocess.run([str(CIVICNET), "ingest", str(case), "-q", "--lang", "en"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "added 5 messages" in done.stdout
    after = client.get("/api/cases/brug").json()["counts"]["messages"]
    assert after == before + 5
    total = client.get("/api/cases/brug/messages", params={"limit": 1}).json()["total"]
    assert total == after


def test_a_request_while_a_writer_holds_the_store_waits_then_says_so(tmp_path, monkeypatch):
    from civicnet.web import create_app, workspace

    monkeypatch.setattr(workspace, "READ_WAIT", 0.5)
    case = write_case(tmp_path)
    client = client_for(create_app([case]))
    store = tmp_path / ".civicnet" / "store.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(store)!r}); "
                               "print('ready', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        r = client.get("/api/cases/brug/messages")
        assert r.status_code == 503 and "being written" in r.json()["error"]["message"], r.text
    finally:
        holder.kill()
        holder.wait()
    assert client.get("/api/cases/brug/messages").status_code == 200


def test_a_writer_waits_for_a_request_in_progress(tmp_path):
    """A write open that meets a reader's lock retries for a while instead of failing at once."""
    from civicnet.store import Store

    path = str(tmp_path / "s.duckdb")
    with Store(path):
        pass
    # DuckDB's lock is per process: the writer must be another process
    writer = subprocess.Popen([sys.executable, "-c", "import sys, time; from civicnet.store import Store; "
                               "print('ready', flush=True); sys.stdin.readline(); t = time.monotonic(); "
                               f"Store({path!r}).close(); print(round(time.monotonic() - t, 2), flush=True)"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready"
    reader = duckdb.connect(path, read_only=True)
    writer.stdin.write("go\n")
    writer.stdin.flush()
    time.sleep(1.0)
    reader.close()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err[-2000:]
    assert 0.5 <= float(out.strip()) < 30
