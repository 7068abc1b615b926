"""``civicnet run``: from a case file to every output, in one call.

Stages: ingest (idempotent) → networks → text → government → messages (the analysis:
:func:`civicnet.analysis.analyse_case`) → summary.json → tables (nodes.csv, edges.csv,
network.gexf, messages.csv) → factsheet.html → factsheet.pdf (:func:`.outputs.write_outputs`).
Progress is reported per stage (``run: <stage>``) through the ``Progress`` callback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..analysis import STAGES as ANALYSIS_STAGES, CaseAnalysis, analyse_case
from ..case import Case, load_case
from ..progress import Progress, silent
from ..store import Store, default_store_path, ingest_case
from .outputs import STAGES as WRITE_STAGES, write_outputs

STAGES = ("ingest", *ANALYSIS_STAGES, *WRITE_STAGES)


@dataclass
class RunResult:
    """What ``civicnet run`` did: the case, its analysis and the files written."""

    case: Case
    out_dir: Path
    analysis: CaseAnalysis
    files: list[Path] = field(default_factory=list)

    @cached_property
    def summary(self) -> dict:
        """summary.json as written without pseudonyms (identifiers as they are)."""
        return self.analysis.summary


def prepare_case(case_path: str | Path) -> Case:
    """The case file, loaded with its collected sources, every source checked (exists, format
    known) before any store is created or changed."""
    from ..collect import with_collected
    from ..store.ingest import plan

    case = with_collected(load_case(case_path))
    plan(case)
    return case


def import_and_analyse(case: Case, store: Store, *, strict: bool = False, progress: Progress = silent) -> CaseAnalysis:
    """Import the case's sources into ``store`` (idempotent) and analyse it."""
    progress("run: ingest", 0, len(STAGES))
    ingest_case(case, store, strict=strict)
    with store.case(case) as scope:
        return analyse_case(scope, _Renamed(progress, 1))


def run_case(case_path: str | Path, out_dir: str | Path, *, lang: str | None = None, pseudonymise: bool = False,
             store_path: str | Path | None = None, strict: bool = False, pdf: bool = True,
             progress: Progress = silent) -> RunResult:
    """Import the case, analyse it and write every output into ``out_dir``."""
    case = prepare_case(case_path)
    with Store(store_path or default_store_path(case.path)) as store:
        analysis = import_and_analyse(case, store, strict=strict, progress=progress)
    files = write_outputs(analysis, out_dir, lang=lang, pseudonymise=pseudonymise, pdf=pdf,
                          progress=_Renamed(progress, 1 + len(ANALYSIS_STAGES)))
    progress("run: done", len(STAGES), len(STAGES))
    return RunResult(case, Path(out_dir), analysis, files)


class _Renamed:
    """Reports a part's stages (``analyse: networks``, ``write: summary``) as stages of the run."""

    def __init__(self, progress: Progress, offset: int):
        self.progress, self.offset = progress, offset

    def __call__(self, description: str, completed: int, total) -> None:
        part, _, stage = description.partition(": ")
        if part not in ("analyse", "write"):
            self.progress(description, completed, total)
        elif stage != "done":
            self.progress(f"run: {stage}", self.offset + completed, len(STAGES))
