"""Assign every message of the labelled-data pools to train, dev or test.

    python datasets/split.py            # fills the split column of datasets/{typology,inbox}/ids.csv
    python datasets/split.py --check    # exit 1 when a committed split column is out of date
    python datasets/split.py --root DIR # another folder with typology/ and inbox/

The split depends on the message id alone (no labels, no order, no randomness): the
first 8 bytes of SHA-256 of the UTF-8 id, read as an unsigned big-endian integer and
divided by 2**64, give a number u in [0, 1); u < 0.60 is ``train``, u < 0.75 is
``dev``, the rest (25 %) is ``test``. A message keeps its split when others are added
or removed. The test split is never used to tune anything (datasets/README.md).

Standard library only. Exit status: 0 done, 1 bad input (one ``Error:`` line naming
the file and what to do), 2 usage.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from pathlib import Path

POOLS = ("typology", "inbox")
SPLITS = (("train", 0.60), ("dev", 0.75), ("test", 1.0))
HEADER = ["id", "source", "original_id", "author_kind", "split"]
HEADERS = {"typology": [*HEADER, "batch"], "inbox": HEADER}  # the typology pool records each message's batch


class SplitError(Exception):
    """An ids.csv that cannot be split; the message says what to fix."""


def assign(message_id: str) -> str:
    """The split of one message id: ``train`` (60 %), ``dev`` (15 %) or ``test`` (25 %)."""
    digest = hashlib.sha256(message_id.encode("utf-8")).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    for name, upper in SPLITS:
        if u < upper:
            return name
    return SPLITS[-1][0]  # unreachable: u < 1.0


def read_ids(path: Path, header: list[str] = HEADER) -> list[dict[str, str]]:
    """The rows of a pool's ids.csv, in file order; ids unique and non-empty."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != header:
                raise SplitError(f"{path}: header is not {','.join(header)}; restore it from git")
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SplitError(f"{path}: cannot read ({exc}); check the file is UTF-8 CSV") from exc
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        if not row["id"]:
            raise SplitError(f"{path}: line {number} has an empty id; give every message an id")
        if row["id"] in seen:
            raise SplitError(f"{path}: id {row['id']!r} occurs twice; ids must be unique")
        seen.add(row["id"])
    return rows


def render(rows: list[dict[str, str]], header: list[str] = HEADER) -> str:
    """ids.csv as text with the split column filled (RFC 4180, LF line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**row, "split": assign(row["id"])} for row in rows)
    return out.getvalue()


def run(root: Path, check: bool) -> list[str]:
    """Fill (or, with ``check``, compare) every pool's split column; returns stale files."""
    stale = []
    for pool in POOLS:
        target = root / pool / "ids.csv"
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        text = render(read_ids(target, HEADERS[pool]), HEADERS[pool])
        if check:
            if current != text:
                stale.append(str(target))
        elif current != text:
            target.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent,
                        help="folder holding typology/ and inbox/ (default: this script's folder)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a split column differs from what it should be")
    args = parser.parse_args(argv)
    try:
        stale = run(args.root, args.check)
    except SplitError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if stale:
        print(f"Error: out of date: {', '.join(stale)}; run python datasets/split.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
