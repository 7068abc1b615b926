"""Helpers shared by the simulate tests (imported by module name, like the other test folders)."""

from __future__ import annotations

from pathlib import Path

SEED = 2014
NAMES = ["timmermans", "wijkagent-lisse", "deventer", "rijkswaterstaat", "ocw", "aardbeving-groningen",
         "leegstand-ondertussen", "benno-l"]


def files_of(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
