"""Writing collected pages: gzip JSON Lines, one API response page per line.

Each run of an entry writes a new, immutable *part* ``part-00001.jsonl.gz`` in the
entry's folder. It is written as ``….partial`` and renamed when closed, so a part on
disk is always whole; a part left ``.partial`` by a crash holds pages that were never
committed to the state and is removed by the next run (which fetches them again).
Gzip headers carry no time stamp, so the same pages give the same bytes and hash.

Every run also appends one line to ``manifest.jsonl``: what was asked, when, every
request url (credentials removed), the pages, the cursors before and after, the
part and its sha256, and how the run ended. No secret is ever written.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

MANIFEST_FILE = "manifest.jsonl"
PART_GLOB = "part-*.jsonl.gz"


def page_line(body: Any) -> bytes:
    """The JSON line of one response page."""
    return orjson.dumps(body) + b"\n"


def page_hash(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


class PartWriter:
    """One part file, opened on the first page written."""

    def __init__(self, folder: Path, number: int):
        self.folder = folder
        self.path = folder / f"part-{number:05d}.jsonl.gz"
        self.tmp = folder / (self.path.name + ".partial")
        self.pages = 0
        self._raw = None
        self._gz: gzip.GzipFile | None = None

    def write(self, line: bytes) -> None:
        if self._gz is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._raw = open(self.tmp, "wb")
            self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0)
        self._gz.write(line)
        self.pages += 1

    def close(self, written_at: str) -> dict | None:
        """Finish the part; its record for the state, or None when no page was written."""
        if self._gz is None:
            return None
        self._gz.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        self._gz = self._raw = None
        os.replace(self.tmp, self.path)
        data = self.path.read_bytes()
        return {"file": self.path.name, "pages": self.pages, "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data), "written_at": written_at}


def next_part_number(folder: Path) -> int:
    numbers = [int(p.name[5:10]) for p in folder.glob(PART_GLOB) if p.name[5:10].isdigit()]
    return max(numbers, default=0) + 1


def remove_partials(folder: Path) -> list[str]:
    """Remove parts a crashed run left unfinished (their pages were never committed)."""
    removed = []
    for path in folder.glob("part-*.jsonl.gz.partial"):
        path.unlink()
        removed.append(path.name)
    return removed


def append_manifest(folder: Path, record: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / MANIFEST_FILE, "ab") as fh:
        fh.write(orjson.dumps(record, default=str) + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
