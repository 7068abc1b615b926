"""Helpers shared by the CLI tests: tiny twarc2 pages, case files, running the CLI, store snapshots."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from civicnet.cli import main

ROOT = Path(__file__).resolve().parents[2]
CIVICNET = ROOT / ".venv" / "bin" / "civicnet"


def tweet(tid, text="hallo @buur", author="100", **extra):
    t = {"id": tid, "text": text, "author_id": author, "created_at": "2021-03-01T10:00:00.000Z",
         "edit_history_tweet_ids": [tid], "entities": {"mentions": [{"username": "buur", "id": "101"}]}}
    t.update(extra)
    return t


def page(*tweets):
    return {"data": list(tweets), "includes": {"users": [{"id": "100", "username": "wijkagent"}]},
            "__twarc": {"url": "https://api.twitter.com/2/tweets/search/recent"}}


def jsonl(*values) -> bytes:
    return "".join(json.dumps(v) + "\n" for v in values).encode()


GOOD = jsonl(page(tweet("1"), tweet("2")), page(tweet("3")))
GOOD2 = jsonl(page(tweet("4"), tweet("5")))
CASE = "id: buurt\ntitle: Buurt\nsources:\n{sources}"


def run(args, cwd=None):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write_case(folder: Path, sources: list[str], name="case.yaml", extra="") -> Path:
    path = folder / name
    path.write_text(CASE.format(sources="".join(f"  - {s}\n" for s in sources)) + extra)
    return path


def snapshot(store: Path):
    """Row counts of every table and the import rows; None when there is no store."""
    if not store.exists():
        return None
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables}
        imports = con.execute("SELECT * FROM import ORDER BY id").fetchall()
    finally:
        con.close()
    return counts, imports
