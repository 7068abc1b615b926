"""Generators for the report's eight cases, writing the platforms' real export formats.

The platforms' 2014 data cannot be downloaded any more, so each case of the report
(*Overheidsparticipatie in sociale media*, chapter 5) is recreated as invented but
realistic data, calibrated to the report's figures (METHOD.md §7): Facebook Graph API
JSON for the four Facebook pages, twarc2 JSONL for the Twitter cases, a LinkedIn
group export for "Ondertussen". Each case is written as::

    OUT/<name>/case.yaml      the case file (sources relative to it)
    OUT/<name>/data/…         the export files
    OUT/<name>/planted.json   the truths planted: exact counts, groups, government
                              accounts, questions and answers, peak days

Generation is seeded and deterministic: the same seed gives byte-identical files.

>>> from civicnet.simulate import CASES, generate
>>> list(CASES)[:2]
['timmermans', 'wijkagent-lisse']
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from ..progress import Progress, silent
from ._casefile import Generated, write_case_file, write_planted
from ._rng import Rng

_MODULES = {
    "timmermans": "timmermans",
    "wijkagent-lisse": "wijkagent_lisse",
    "deventer": "deventer",
    "rijkswaterstaat": "rijkswaterstaat",
    "ocw": "ocw",
    "aardbeving-groningen": "aardbeving_groningen",
    "leegstand-ondertussen": "leegstand_ondertussen",
    "benno-l": "benno_l",
}


def _loader(module: str) -> Callable[[Rng, Path], Generated]:
    def build(rng: Rng, data: Path) -> Generated:
        return importlib.import_module(f"{__name__}.{module}").build(rng, data)

    build.__name__ = f"build_{module}"
    build.__doc__ = f"Generate the case of :mod:`civicnet.simulate.{module}`."
    return build


#: case name -> generator ``build(rng, data_dir) -> Generated``, in the report's order.
CASES: dict[str, Callable[[Rng, Path], Generated]] = {name: _loader(mod) for name, mod in _MODULES.items()}


def generate(name: str, out_dir: str | Path, seed: int = 2014, progress: Progress | None = None) -> Path:
    """Write case ``name`` into ``out_dir/<name>/`` and return its case.yaml path.

    Parameters
    ----------
    name : str
        One of :data:`CASES`.
    out_dir : path
        The folder that receives ``<name>/case.yaml``, ``<name>/data/`` and
        ``<name>/planted.json``.
    seed : int
        The same seed gives byte-identical files.
    progress : callable, optional
        ``progress(description, done, total)``.
    """
    from ..errors import InputError

    if name not in CASES:
        raise InputError(f"unknown demo case {name!r}; choose from {', '.join(CASES)}")
    progress = progress or silent
    folder = Path(out_dir) / name
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    progress(f"simulate: {name}", 0, 2)
    result = CASES[name](Rng(seed, name), data)
    progress(f"simulate: {name}", 1, 2)
    case_path = folder / "case.yaml"
    write_case_file(case_path, result.case)
    period = result.case.get("period") or {}
    span = (period["start"].isoformat(), period["end"].isoformat()) if period.get("start") and period.get("end") else None
    write_planted(folder / "planted.json", result.ledger.planted(seed=seed, focus=tuple(result.case.get("focus") or ()),
                                                                 period=span, **result.extra))
    progress(f"simulate: {name}", 2, 2)
    return case_path
