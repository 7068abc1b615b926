#!/usr/bin/env python3
"""Compare two folders of civicnet outputs byte for byte, apart from the volatile parts.

    python benchmarks/compare_outputs.py REFERENCE NEW [--verbose]

Used to check that a refactoring changes no output: run ``civicnet demo --out REF``
(or ``civicnet run``) on the old code and ``--out NEW`` on the new, then compare.
Every file under REFERENCE must exist under NEW with the same bytes, except

- ``summary.json``: ``provenance.generated_at`` is left out (the moment of the run);
- ``factsheet.html`` / ``index.html`` / ``comparison.html``: the day of the run in
  "civicnet X op|on YYYY-MM-DD" is left out;
- Parquet exports (``civicnet export``): compared as tables (schema and rows, in any order,
  as DuckDB writes them in parallel) without the
  columns that say when or where a run happened (``updated_at``, ``imported_at``,
  ``path``); this needs pyarrow (run the script with the project's ``.venv/bin/python``),
  without it they are compared as bytes;
- DuckDB stores (``*.duckdb``, ``*.wal``) and PDFs (their creation time) are skipped.

Files only under NEW are listed too. Exit status 0 when equal, 1 otherwise. Standard
library only, apart from pyarrow for the Parquet files.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SKIP_SUFFIXES = {".duckdb", ".wal", ".pdf"}
DAY = re.compile(rb"(civicnet \S+ (?:op|on) )\d{4}-\d{2}-\d{2}")
VOLATILE_COLUMNS = ("updated_at", "imported_at", "path")


def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name == "summary.json":
        doc = json.loads(data)
        doc.get("provenance", {}).pop("generated_at", None)
        return json.dumps(doc, ensure_ascii=False, sort_keys=False, indent=1).encode()
    if path.suffix == ".html":
        return DAY.sub(rb"\1DAY", data)
    if path.suffix == ".parquet":
        return _parquet(path, data)
    return data


def _parquet(path: Path, data: bytes) -> bytes:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        return data
    table = pq.read_table(path)
    table = table.drop_columns([c for c in VOLATILE_COLUMNS if c in table.column_names])
    rows = sorted(json.dumps(row, default=str, sort_keys=True) for row in table.to_pylist())  # unordered export
    return (str(table.schema) + "\n" + "\n".join(rows)).encode()


def files(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*")
            if p.is_file() and p.suffix not in SKIP_SUFFIXES and ".civicnet" not in p.parts}


def first_difference(a: bytes, b: bytes) -> str:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"at byte {i}: {a[max(0, i - 60):i + 60]!r} vs {b[max(0, i - 60):i + 60]!r}"
    return f"lengths {len(a)} vs {len(b)}"


def compare(ref: Path, new: Path, verbose: bool = False) -> list[str]:
    problems = []
    ref_files, new_files = files(ref), files(new)
    for rel in sorted(ref_files):
        if rel not in new_files:
            problems.append(f"missing: {rel}")
            continue
        a, b = normalised(ref / rel), normalised(new / rel)
        if a != b:
            problems.append(f"differs: {rel}" + (f" ({first_difference(a, b)})" if verbose else ""))
    problems += [f"new only: {rel}" for rel in sorted(new_files - ref_files)]
    return problems


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("-")]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    ref, new = Path(args[0]), Path(args[1])
    problems = compare(ref, new, verbose="--verbose" in argv or "-v" in argv)
    for line in problems:
        print(line)
    print(f"{len(files(ref))} files compared: " + ("equal" if not problems else f"{len(problems)} problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
