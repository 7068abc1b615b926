"""Resume state of one ``collect:`` entry: cursors, watermark, parts written.

Kept as ``state.json`` in the entry's folder (``data/collected/<name>/``), replaced
atomically, and only after the pages it points past are safely on disk, so a run
that is interrupted (a network failure, Ctrl-C, a crash) resumes exactly where the
last committed page ended: no page is fetched and written twice.

Fields
    ``identity``  what the entry collects (platform, kind, target, instance…); a state
                  made for another entry under the same folder name is refused;
    ``period``    the period the backfill walks; when the case file changes it, the
                  backfill starts again (already written parts stay);
    ``resolved``  ids looked up once (an account's numeric id, a handle's DID);
    ``source``    the importer format and options of the parts (for ingest);
    ``cursor``    where the backfill (newest → oldest) continues; ``done`` when finished;
    ``newest``    the watermark of the newest message seen (new ones are polled above it);
    ``parts``     every part file, its pages and sha256;
    ``hashes``    sha256 of recent pages, so an unchanged page (a thread polled again)
                  is not written twice.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CollectError, InputError

SCHEMA = "civicnet.collect-state/1"
STATE_FILE = "state.json"
KEEP_HASHES = 500


@dataclass
class State:
    """The saved state of one entry (see the module docstring)."""

    path: Path
    identity: dict
    period: dict
    resolved: dict = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    cursor: Any = None
    started: bool = False
    done: bool = False
    newest: Any = None
    parts: list = field(default_factory=list)
    hashes: list = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(p["pages"] for p in self.parts)

    def as_dict(self) -> dict:
        return {
            "schema": SCHEMA, "identity": self.identity, "period": self.period, "resolved": self.resolved,
            "source": self.source, "cursor": self.cursor, "started": self.started, "done": self.done,
            "newest": self.newest, "parts": self.parts, "hashes": self.hashes[-KEEP_HASHES:],
        }

    def save(self) -> None:
        """Write the state atomically (a temporary file, then a rename)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.as_dict(), fh, indent=1, sort_keys=True, default=str)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)


def read_state(folder: Path) -> dict | None:
    """The raw saved state of a folder, or None when there is none."""
    path = folder / STATE_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CollectError(f"{path}: the collection state cannot be read ({exc}); "
                           "delete the folder to collect this entry afresh") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise CollectError(f"{path}: not a civicnet collection state ({SCHEMA}); delete the folder to start afresh")
    return data


def load_state(folder: Path, identity: dict, period: dict, where: str) -> State:
    """The entry's state, fresh when there is none; a changed period restarts the backfill."""
    data = read_state(folder)
    path = folder / STATE_FILE
    if data is None:
        return State(path=path, identity=identity, period=period)
    if data.get("identity") != identity:
        raise InputError(
            f"{folder}: this folder holds another collection ({data.get('identity')}); give `{where}` "
            "another `name:` or move the folder away"
        )
    state = State(
        path=path, identity=identity, period=data.get("period") or {}, resolved=data.get("resolved") or {},
        source=data.get("source") or {}, cursor=data.get("cursor"), started=bool(data.get("started")),
        done=bool(data.get("done")), newest=data.get("newest"), parts=list(data.get("parts") or []),
        hashes=list(data.get("hashes") or []),
    )
    if state.period != period:
        state.period, state.cursor, state.started, state.done = period, None, False, False
    return state
