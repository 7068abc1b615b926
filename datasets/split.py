"""Assign every message of the labelled-data pools to train, dev or test.

    python datasets/split.py            # writes datasets/{typology,inbox}/split.csv
    python datasets/split.py --check    # exit 1 when a committed split.csv is out of date
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
import sys
from pathlib import Path

POOLS = ("typology", "inbox")
SPLITS = (("train", 0.60), ("dev", 0.75), ("test", 1.0))
HEADER = ["id", "split"]


class SplitError(Exception):
    """A messages.csv that cannot be split; the message says what to fix."""


def assign(message_id: str) -> str:
    """The split of one message id: ``train`` (60 %), ``dev`` (15 %) or ``test`` (25 %)."""
    digest = hashlib.sha256(message_id.encode("utf-8")).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    for name, upper in SPLITS:
        if u < upper:
            return name
    return SPLITS[-1][0]  # unreachable: u < 1.0


def read_ids(messages: Path) -> list[str]:
    """The ids of a pool's messages.csv, in file order; unique and non-empty."""
    try:
        with messages.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "id" not in reader.fieldnames:
                raise SplitError(f"{messages}: no 'id' column; write the pool's header first")
            ids = [row["id"] for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SplitError(f"{messages}: cannot read ({exc}); check the file is UTF-8 CSV") from exc
    seen: set[str] = set()
    for number, message_id in enumerate(ids, start=2):
        if not message_id:
            raise SplitError(f"{messages}: line {number} has an empty id; give every message an id")
        if message_id in seen:
            raise SplitError(f"{messages}: id {message_id!r} occurs twice; ids must be unique")
        seen.add(message_id)
    return ids


def split_rows(ids: list[str]) -> list[list[str]]:
    """Rows of split.csv for these ids, in the same order."""
    return [[message_id, assign(message_id)] for message_id in ids]


def render(rows: list[list[str]]) -> str:
    """split.csv as text (RFC 4180, LF line ends)."""
    lines = [",".join(HEADER)]
    for message_id, name in rows:
        lines.append(_field(message_id) + "," + name)
    return "\n".join(lines) + "\n"


def _field(value: str) -> str:
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def run(root: Path, check: bool) -> list[str]:
    """Write (or, with ``check``, compare) every pool's split.csv; returns stale files."""
    stale = []
    for pool in POOLS:
        folder = root / pool
        text = render(split_rows(read_ids(folder / "messages.csv")))
        target = folder / "split.csv"
        if check:
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current != text:
                stale.append(str(target))
        else:
            target.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent,
                        help="folder holding typology/ and inbox/ (default: this script's folder)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a split.csv differs from what it should be")
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
