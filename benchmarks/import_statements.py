#!/usr/bin/env python3
"""The import's main process, statement by statement: CPU seconds of each DuckDB statement and of the staging.

    .venv/bin/python benchmarks/import_statements.py FILE [--store PATH] [--no-hash]

Imports the twarc2 file FILE (``benchmarks/data/twarc2_planted_N.jsonl``) into a fresh store in
this process, as ``civicnet ingest`` does, timing every ``Store.sql`` statement and every
``Staging.add`` with ``getrusage`` of this process (DuckDB's threads included, the import's worker
processes not: they are printed apart). ``--no-hash`` leaves out the file's sha256 (a thread
beside the import, which would be counted in every statement it overlaps); ``--store`` keeps the
store there. Used for benchmarks/RESULTS.md, "Issue 22: the import's main process".
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from civicnet.case import load_case
from civicnet.store import ingest, staging
from civicnet.store.db import Store


def cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--store", type=Path, help="keep the store here")
    parser.add_argument("--no-hash", action="store_true", help="leave out the file's sha256")
    args = parser.parse_args()
    stats: dict = defaultdict(lambda: [0, 0.0, 0.0])

    def timed(label, fn, *a):
        c, w = cpu(), time.perf_counter()
        try:
            return fn(*a)
        finally:
            s = stats[label]
            s[0] += 1
            s[1] += cpu() - c
            s[2] += time.perf_counter() - w

    sql, add = Store.sql, staging.Staging.add
    Store.sql = lambda self, q, params=None: timed(" ".join(q.split())[:100], sql, self, q, params)
    staging.Staging.add = lambda self, batch: timed("Staging.add", add, self, batch)
    if args.no_hash:
        ingest.sha256_of = lambda path: "0" * 64
    tmp = Path(tempfile.mkdtemp(prefix="civicnet-statements-"))
    try:
        case_file = tmp / "case.yaml"
        case_file.write_text(f"id: bench\ntitle: bench\nsources:\n  - {{format: twitter-v2, path: {args.file.resolve()}}}\n")
        c, w = cpu(), time.perf_counter()
        with Store(tmp / "store.duckdb") as store:
            ingest.ingest_case(load_case(case_file, allow_outside=True), store)
            c, w = cpu() - c, time.perf_counter() - w
            counts = store.table_counts()
        size = (tmp / "store.duckdb").stat().st_size / 1e6
        print(f"{counts}; main process {c:.2f} CPU s, {w:.2f} s wall; workers {cpu(resource.RUSAGE_CHILDREN):.2f} CPU s; "
              f"store {size:.1f} MB")
        for label, (n, c, w) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
            if c >= 0.02:
                print(f"{c:7.2f} CPU s {w:7.2f} s wall {n:5d}×  {label}")
        if args.store:
            shutil.move(str(tmp / "store.duckdb"), args.store)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
