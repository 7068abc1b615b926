#!/usr/bin/env python3
"""The import's floor: what decoding a twarc2 file and writing its rows into the store cost on their own.

    .venv/bin/python benchmarks/import_floor.py FILE [--store STORE] [--workers 2] [--no-ingest]

Issue 22 asks an import of at least 150,000 tweets/s (1M planted tweets in 6.7 s on 2 cores).
This measures, in one run and on the same file, the two parts of an import that no mapper can
skip, each at its best:

1. **decode**: the importer's own typed decoder (``sources.twitter_v2_types``: msgspec Structs
   naming only the fields the mapper reads) over the whole file, split at line ends into one
   byte range per worker process (``--workers``, default: the machine's cores), nothing kept;
2. **store write**: the rows that file gives, already mapped (read as Arrow tables from a store
   the file was imported into: ``--store``, else an import into a temporary store first), inserted
   into a fresh store (the store's schema and its zstd columns, DuckDB on all cores) with the
   case's link tables, and checkpointed; once more with DuckDB's compression off
   (``force_compression='uncompressed'``), the least a DuckDB store can cost.

Their sum is a floor: an import that maps in zero time and stages nothing still decodes and
writes. Beside them, unless ``--no-ingest``: ``civicnet ingest`` of the file in a fresh store (a
child process, as a user runs it) and the stdlib ``json`` parse on one core, the yardstick of
``benchmarks/run``. Prints wall and CPU seconds and the tweets/s each stands for.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE.parent / ".venv" / "bin"

#: The store's tables that an import of one case writes, in the order the import writes them.
TABLES = ("account", "message", "interaction", "case_account", "case_message", "case_interaction")


def _run_module():
    """benchmarks/run (a script without ``.py``) as a module: its child timer and json baseline."""
    from importlib.machinery import SourceFileLoader
    from importlib.util import module_from_spec, spec_from_loader

    loader = SourceFileLoader("bench_run", str(HERE / "run"))
    module = module_from_spec(spec_from_loader("bench_run", loader))
    loader.exec_module(module)
    return module


def cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """``parts`` byte ranges of the file, each ending at a line end."""
    size = path.stat().st_size
    cuts = [0]
    with open(path, "rb") as fh:
        for k in range(1, parts):
            fh.seek(max(cuts[-1], size * k // parts))
            fh.readline()
            cuts.append(min(fh.tell(), size))
    cuts.append(size)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def decode_range(path: str, start: int, end: int) -> tuple[int, int, float]:
    """Decode the lines of ``[start, end)`` with the importer's Structs: (lines, tweets in ``data``, CPU s)."""
    from civicnet.sources.twitter_v2_types import decode_line

    c = cpu()
    lines = tweets = 0
    with open(path, "rb") as fh:
        fh.seek(start)
        while fh.tell() < end:
            line = fh.readline()
            if not line:
                break
            page = decode_line(line)
            lines += 1
            if page is not None and isinstance(page.data, list):
                tweets += len(page.data)
    return lines, tweets, cpu() - c


def decode(path: Path, workers: int) -> tuple[float, float, int]:
    """(wall s, CPU s of the workers, tweets) of the typed decode over ``workers`` byte ranges."""
    parts = ranges(path, workers)
    with ProcessPoolExecutor(max_workers=len(parts)) as pool:
        pool.submit(int).result()  # the processes started before the clock
        start = time.perf_counter()
        done = list(pool.map(decode_range, [str(path)] * len(parts), [a for a, _ in parts], [b for _, b in parts]))
        wall = time.perf_counter() - start
    return wall, sum(d[2] for d in done), sum(d[1] for d in done)


def mapped_tables(store: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    try:
        return {t: con.sql(f"SELECT * FROM {t}").to_arrow_table() for t in TABLES}
    finally:
        con.close()


def write(tables: dict, folder: Path, compressed: bool) -> tuple[float, float, int]:
    """(wall s, CPU s, bytes) of inserting ``tables`` into a fresh store and checkpointing it."""
    from civicnet.store import db

    path = folder / f"floor-{'zstd' if compressed else 'plain'}.duckdb"
    with db.Store(path) as store:
        con = store.con
        con.execute(f"SET memory_limit = '{db.memory_limit(importing=True)}'")
        if not compressed:
            con.execute("PRAGMA force_compression = 'uncompressed'")
        case_ids = {str(v) for t in TABLES if t.startswith("case_") for v in tables[t].column("case_id").unique().to_pylist()}
        for case_id in sorted(case_ids):  # the case rows the link tables refer to
            con.execute('INSERT INTO "case" (id) VALUES (?)', [case_id])
        c, start = cpu(), time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        for name in TABLES:
            con.register("floor_rows", tables[name])
            columns = ", ".join(f'"{c}"' for c in tables[name].column_names)
            con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM floor_rows")
            con.unregister("floor_rows")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        wall, used = time.perf_counter() - start, cpu() - c
    return wall, used, path.stat().st_size


def ingest(path: Path, folder: Path) -> tuple[float, float, Path]:
    """``civicnet ingest`` of the file in a fresh store in ``folder``: (wall s, CPU s, store)."""
    case = folder / "case.yaml"
    case.write_text(f"id: bench\ntitle: bench\nsources:\n  - {{format: twitter-v2, path: {path.resolve()}}}\n",
                    encoding="utf-8")
    wall, used, _ = _run_module().timed([str(VENV / "civicnet"), "ingest", "--quiet", "--allow-outside", str(case)])
    return wall, used, folder / ".civicnet" / "store.duckdb"


def json_parse(path: Path) -> tuple[float, float]:
    run = _run_module()
    wall, used, _ = run.timed([str(VENV / "python"), "-c", run.BASELINE, str(path)])
    return wall, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--store", type=Path, help="a store FILE was imported into (else imported here first)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-ingest", action="store_true", help="neither civicnet ingest nor the json parse")
    args = parser.parse_args()
    for path, what in ((args.file, "file"), (args.store, "store")):
        if path is not None and not path.is_file():
            parser.error(f"{what} {path}: no such file")
    print(f"{args.file.name}: {args.file.stat().st_size / 1e6:.0f} MB; {os.cpu_count()} cores; "
          f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="civicnet-floor-", dir=HERE / "data") as tmp:
        tmp = Path(tmp)
        rows = []
        store = args.store
        if not args.no_ingest or store is None:
            wall, used, imported = ingest(args.file, tmp)
            rows.append(("civicnet ingest (child, as a user runs it)", wall, used))
            store = store or imported
        if not args.no_ingest:
            rows.append(("stdlib json parse (one core)", *json_parse(args.file)))
        wall, used, tweets = decode(args.file, args.workers)
        rows.append((f"typed decode, {args.workers} processes", wall, used))
        tables = mapped_tables(store)
        counts = {t: tables[t].num_rows for t in TABLES}
        for compressed in (True, False):
            wall, used, size = write(tables, tmp, compressed)
            label = "store write, the store's compression" if compressed else "store write, uncompressed"
            rows.append((f"{label} ({size / 1e6:.0f} MB)", wall, used))
        del tables
    print(f"tweets in the file's data: {tweets:,}; rows written: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(f"{'step':<52} {'wall s':>7} {'CPU s':>7} {'tweets/s':>10}")
    for label, wall, used in rows:
        print(f"{label:<52} {wall:>7.2f} {used:>7.2f} {tweets / wall:>10,.0f}")
    by = {label.split(" (")[0].split(",")[0] + ("" if "uncompressed" not in label else " plain"): (w, c)
          for label, w, c in rows}
    dec = by[next(k for k in by if k.startswith("typed decode"))]
    for name, key in (("with the store's compression", "store write"), ("uncompressed", "store write plain")):
        w, c = by[key]
        ceiling = tweets / (dec[0] + w)
        print(f"floor ({name}): decode + write {dec[0] + w:.2f} s wall, {dec[1] + c:.2f} CPU s "
              f"= at most {ceiling:,.0f} tweets/s with a mapper that costs nothing; "
              f"{tweets / ((dec[1] + c) / (os.cpu_count() or 1)):,.0f} tweets/s if both overlapped perfectly on every core")


if __name__ == "__main__":
    main()
