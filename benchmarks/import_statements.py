#!/usr/bin/env python3
"""The import's main process, statement by statement: CPU seconds of each DuckDB statement and of the staging.

    .venv/bin/python benchmarks/import_statements.py FILE [--store PATH] [--no-hash] [--memory-limit 1GiB]

Imports the twarc2 file FILE (``benchmarks/data/twarc2_planted_N.jsonl``) into a fresh store in
this process, as ``civicnet ingest`` does, timing every ``Store.sql`` statement and every
``Staging.add`` with ``getrusage`` of this process (DuckDB's threads included, the import's worker
processes not: they are printed apart). ``--no-hash`` leaves out the file's sha256 (a thread
beside the import, which would be counted in every statement it overlaps); ``--store`` keeps the
store there; ``--memory-limit`` sets DuckDB's limit for the import (instead of
``store.db.memory_limit(importing=True)``). The store's temporary folder (``store.duckdb.tmp``, where
DuckDB spills) is sampled every 20 ms: the most it held during each statement is printed beside it.
Used for benchmarks/RESULTS.md, "Issue 22: the import's main process" and "the import at 2M".
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from civicnet.case import load_case
from civicnet.store import connection, db, ingest, staging
from civicnet.store.db import Store


def cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


class Spill:
    """The most bytes the folder ``path`` held while each label ran (sampled in a thread)."""

    def __init__(self, path: Path):
        self.path, self.label, self.most = path, None, {}
        self.stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self.stop.wait(0.02):
            try:
                size = sum(f.stat().st_size for f in self.path.iterdir())
            except OSError:
                continue
            if self.label is not None:
                self.most[self.label] = max(self.most.get(self.label, 0), size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--store", type=Path, help="keep the store here")
    parser.add_argument("--no-hash", action="store_true", help="leave out the file's sha256")
    parser.add_argument("--memory-limit", help="DuckDB's limit while importing, e.g. 1GiB")
    args = parser.parse_args()
    stats: dict = defaultdict(lambda: [0, 0.0, 0.0])
    tmp = Path(tempfile.mkdtemp(prefix="civicnet-statements-", dir=args.store.parent if args.store else None))
    spill = Spill(tmp / "store.duckdb.tmp")

    def timed(label, fn, *a):
        c, w = cpu(), time.perf_counter()
        spill.label = label
        try:
            return fn(*a)
        finally:
            s = stats[label]
            s[0] += 1
            s[1] += cpu() - c
            s[2] += time.perf_counter() - w
            spill.label = None

    sql, add = Store.sql, staging.Staging.add
    Store.sql = lambda self, q, params=None: timed(" ".join(q.split())[:100], sql, self, q, params)
    staged = [0, 0, 0]

    def add_counted(self, batch):
        for i, part in enumerate(batch[:3]):
            staged[i] += part.num_rows
        return timed("Staging.add", add, self, batch)

    staging.Staging.add = add_counted

    @contextmanager
    def timed_atomic(con):  # the COMMIT timed as a statement of its own
        con.execute("BEGIN TRANSACTION").fetchall()
        try:
            yield
        except BaseException:
            con.execute("ROLLBACK").fetchall()
            raise
        timed("COMMIT", lambda: con.execute("COMMIT").fetchall())

    connection.atomic = timed_atomic
    if args.no_hash:
        ingest.sha256_of = lambda path: "0" * 64
    if args.memory_limit:
        limit, default = args.memory_limit, db.memory_limit
        db.memory_limit = lambda importing=False: limit if importing else default()
    try:
        case_file = tmp / "case.yaml"
        case_file.write_text(f"id: bench\ntitle: bench\nsources:\n  - {{format: twitter-v2, path: {args.file.resolve()}}}\n")
        c, w = cpu(), time.perf_counter()
        with Store(tmp / "store.duckdb") as store:
            ingest.ingest_case(load_case(case_file, allow_outside=True), store)
            c, w = cpu() - c, time.perf_counter() - w
            counts = store.table_counts()
        untimed = c - sum(s[1] for s in stats.values())
        size = (tmp / "store.duckdb").stat().st_size / 1e6
        print(f"rows staged (accounts, messages, ties): {staged}")
        print(f"{counts}; main process {c:.2f} CPU s, {w:.2f} s wall; workers {cpu(resource.RUSAGE_CHILDREN):.2f} CPU s "
              f"(the largest's peak {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB, this process's "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB); "
              f"store {size:.1f} MB; most spilled {max(spill.most.values(), default=0) / 1e6:.0f} MB; "
              f"outside the timed statements (reading the workers' pipes, the rest) {untimed:.2f} CPU s")
        for label, (n, c, w) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
            if c >= 0.02:
                print(f"{c:7.2f} CPU s {w:7.2f} s wall {spill.most.get(label, 0) / 1e6:6.0f} MB spilled {n:5d}×  {label}")
        if args.store:
            shutil.move(str(tmp / "store.duckdb"), args.store)
    finally:
        spill.stop.set()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
