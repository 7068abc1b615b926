#!/usr/bin/env python3
"""Produce every output civicnet writes for a fixed set of inputs, repeatably, to compare code versions.

    python benchmarks/reference_outputs.py OUT [--large N] [--skip-demo]
    python benchmarks/compare_outputs.py OUT_OLD OUT_NEW

Run it on the old code (``git worktree add /tmp/old main``; its ``.venv``) and on the new,
then compare the two folders: a refactoring must leave them byte-equal. It writes

- ``demo-nl/``, ``demo-en/``: ``civicnet demo --no-pdf`` in Dutch and English (the eight
  generated cases with their factsheets, tables, index and comparison);
- ``pseudo/<case>/``: ``civicnet run --pseudonymise --lang en --no-pdf`` per demo case,
  on a copy of the demo's store whose pseudonym salt is fixed (so both versions use the
  same pseudonyms);
- ``info/<case>.json``: ``civicnet info --json`` (paths under OUT written as ``OUT``,
  import times left out), ``inbox/<case>/``: ``civicnet inbox --now 2014-06-01``,
  ``parquet/<case>/``: ``civicnet export --parquet``;
- with ``--large N``: ``large/``: ``civicnet run --no-pdf`` on the issue-9 end-to-end
  case of N tweets (``benchmarks/data/twarc2_planted_N.jsonl``, generated once as
  ``benchmarks/run e2e`` does), plus ``large-pseudo/`` with ``--pseudonymise``.

Repeatable runs: civicnet itself seeds eigenvector centrality and runs PageRank on one thread
(since stop 29), so two runs of the same code give the same bytes. Code from before that drew
eigenvector centrality's start from Python's global ``random`` and summed PageRank on parallel
OpenMP threads; to compare with such code, every command still runs with ``OMP_NUM_THREADS=1``
and ``random.seed(0)`` (:data:`SEEDED`).
The parent uses the standard library only; the commands run in the checkout's ``.venv``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_PY = ROOT / ".venv" / "bin" / "python"
CASES = ("wijkagent-lisse", "benno-l", "deventer", "rijkswaterstaat", "aardbeving-groningen", "ocw",
         "leegstand-ondertussen", "timmermans")
SEEDED = ("import random, sys; random.seed(0); from civicnet.cli import main; "
          "sys.argv[0] = 'civicnet'; main()")
SALT = "5eed" * 16


def civicnet(*args: str, cwd: Path | None = None) -> str:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
    proc = subprocess.run([str(VENV_PY), "-c", SEEDED, *args], capture_output=True, text=True, env=env, cwd=cwd)
    if proc.returncode:
        sys.exit(f"civicnet {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def fix_salt(store: Path) -> None:
    code = ("import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
            "con.execute(\"DELETE FROM secret WHERE name = 'pseudonym_salt'\"); "
            "con.execute(\"INSERT INTO secret VALUES ('pseudonym_salt', ?)\", [sys.argv[2]]); con.close()")
    subprocess.run([str(VENV_PY), "-c", code, str(store), SALT], check=True)


def per_case(out: Path) -> None:
    data = out / "inputs"
    shutil.copytree(out / "demo-nl" / "data", data)
    store = data / ".civicnet" / "store.duckdb"
    fix_salt(store)
    for case in CASES:
        case_file = data / case / "case.yaml"
        civicnet("run", str(case_file), "--out", str(out / "pseudo" / case), "--pseudonymise", "--lang", "en",
                 "--no-pdf", "-q", "--store", str(store))
        info = json.loads(civicnet("info", str(case_file), "--json", "--store", str(store)))
        for imp in info["imports"]:
            imp.pop("imported_at", None)
        text = json.dumps(info, indent=2, ensure_ascii=False).replace(str(out.resolve()), "OUT")
        (out / "info").mkdir(exist_ok=True)
        (out / "info" / f"{case}.json").write_text(text + "\n", encoding="utf-8")
        civicnet("inbox", str(case_file), "--out", str(out / "inbox" / case), "--now", "2014-06-01T00:00", "-q",
                 "--store", str(store))
        civicnet("export", str(case_file), "--parquet", str(out / "parquet" / case), "--store", str(store))
    shutil.rmtree(data / ".civicnet")


def large(out: Path, n: int) -> None:
    sys.path.insert(0, str(HERE))
    import e2e  # benchmarks/e2e.py: the same generated file and case file as the end-to-end benchmark

    path = e2e.ensure_file(n)
    folder = out / "large-input"
    folder.mkdir(parents=True, exist_ok=True)
    case = e2e.write_case(folder, path)
    store = folder / "store.duckdb"
    # the generated file lies outside the case's folder (benchmarks/data): a trusted case file
    civicnet("run", str(case), "--out", str(out / "large"), "--no-pdf", "-q", "--store", str(store), "--allow-outside")
    fix_salt(store)
    civicnet("run", str(case), "--out", str(out / "large-pseudo"), "--no-pdf", "-q", "--pseudonymise",
             "--store", str(store), "--allow-outside")
    shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--large", type=int, help="also the end-to-end case of this many tweets (100000)")
    parser.add_argument("--skip-demo", action="store_true", help="only the large case")
    args = parser.parse_args()
    out = args.out.resolve()
    if not args.skip_demo:
        for lang in ("nl", "en"):
            civicnet("demo", "--out", str(out / f"demo-{lang}"), "--lang", lang, "--no-pdf", "-q")
        per_case(out)
    if args.large:
        large(out, args.large)
    print(f"written: {out}")


if __name__ == "__main__":
    main()
