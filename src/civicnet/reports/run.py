"""``civicnet run``: from a case file to every output, in one call.

Stages: ingest (idempotent) → networks → text → government → messages (the analysis:
:func:`civicnet.analyse`) → summary.json → tables (nodes.csv, edges.csv, network.gexf,
messages.csv) → factsheet.html → factsheet.pdf (:func:`civicnet.write_outputs`). Progress is
reported per stage (``run: <stage>``, :data:`STAGES`) through the ``Progress`` callback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..analysis import STAGES as ANALYSIS_STAGES, CaseAnalysis
from ..case import Case
from ..progress import Progress, silent
from .outputs import STAGES as WRITE_STAGES

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

    @property
    def warnings(self) -> list:
        """The import warnings of the case's files (:mod:`civicnet.store.import_warnings`)."""
        return self.analysis.records.warnings


def run_case(case_path: str | Path, out_dir: str | Path, *, lang: str | None = None, pseudonymise: bool = False,
             store_path: str | Path | None = None, strict: bool = False, pdf: bool = True,
             progress: Progress = silent, allow_outside: bool = False, layout: str | None = None,
             engine: str = "duckdb", spark_master: str | None = None, printer=None) -> RunResult:
    """Import the case, analyse it and write every output into ``out_dir``.

    ``allow_outside``: the case file may read sources outside its folder (:func:`~civicnet.case.load_case`);
    ``layout``: the factsheet pictures' layout (default: the case file's ``layout:``);
    ``engine``, ``spark_master``: as :func:`civicnet.analyse` takes them;
    ``printer``: as :func:`civicnet.write_outputs` takes it.
    """
    from .. import analyse, load_case, write_outputs

    case = case_path if isinstance(case_path, Case) else load_case(case_path, allow_outside=allow_outside)
    analysis = analyse(case, store_path, strict=strict, progress=progress, engine=engine, spark_master=spark_master)
    files = write_outputs(analysis, out_dir, lang=lang, pseudonymise=pseudonymise, pdf=pdf,
                          progress=stage_progress(progress, "write"), layout=layout, printer=printer)
    progress("run: done", len(STAGES), len(STAGES))
    return RunResult(analysis.case, Path(out_dir), analysis, files)


def stage_progress(progress: Progress, part: str) -> Progress:
    """``progress`` that hears a part's stages (``analyse: networks``, ``write: summary``) as stages
    of the run (``run: networks`` …, numbered as in :data:`STAGES`); other calls pass through."""
    def renamed(description: str, completed: int, total) -> None:
        prefix, _, stage = description.partition(": ")
        if prefix != part:
            progress(description, completed, total)
        elif stage != "done":
            progress(f"run: {stage}", STAGES.index(stage), len(STAGES))

    return renamed
