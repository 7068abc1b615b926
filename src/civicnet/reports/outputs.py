"""Every file ``civicnet run`` writes for a case, from its :class:`~civicnet.analysis.CaseAnalysis`.

:func:`write_outputs` writes summary.json (validated against its schema), the tables
(nodes.csv, edges.csv, network.gexf, messages.csv), factsheet.html and, with ``pdf``,
factsheet.pdf: each a pure function of the analysis, in the reader's language, with citizens
pseudonymised when asked. Progress is reported per stage (``write: summary`` …).

On a case of at least :data:`PRINT_BESIDE` messages the sheet is printed by a helper process
(:class:`~.demo_worker.Helper`) while this process writes the tables, so both cores work: at 1M
tweets the tables take ~3 s and the PDF ~3.7 s. The helper starts, and imports WeasyPrint (~1 s),
before the summary is written, so it is ready when the sheet is handed over (220k tweets: the wait
for the PDF after the tables 1.4–1.8 → 0.6 s, benchmarks/RESULTS.md, stop 37). The files are the same; a helper that cannot
start or fails leaves the printing to this process, where an error is raised as without it.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..disk import write_text
from ..progress import Progress, silent
from .demo_worker import Helper
from .factsheet import factsheet_candidates, factsheet_html, print_factsheet
from .summary import summary_json, validate, write_summary
from .tables import write_tables

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

#: Every file :func:`write_outputs` may write, in the order it lists them.
OUTPUTS = ("factsheet.html", "factsheet.pdf", "summary.json", "nodes.csv", "edges.csv", "network.gexf", "messages.csv")
#: The stages :func:`write_outputs` reports, in order (``pdf`` only when it writes the PDF).
STAGES = ("summary", "factsheet", "tables", "pdf")
#: From this many messages (messages.csv's rows) the sheet is printed beside the tables (module
#: docstring); a smaller case's tables take less time than starting the helper (~0.5 s).
PRINT_BESIDE = 50_000


def write_outputs(analysis: "CaseAnalysis", out: str | Path, *, lang: str | None = None, pseudonymise: bool = False,
                  pdf: bool = True, progress: Progress = silent, layout: str | None = None,
                  printer: Callable[[list[str], Path], object] | None = None) -> list[Path]:
    """Write every output of the analysis into the folder ``out`` (created when missing).

    Parameters
    ----------
    analysis
        from :func:`civicnet.analyse` or :func:`civicnet.analysis.analyse_case`.
    out
        the folder; files of the same names are replaced.
    lang
        ``nl`` or ``en`` for everything a person reads (default: the case's language).
    pseudonymise
        replace citizens' handles and names by the store's stable pseudonyms in every file.
    pdf
        also print the factsheet to an A3 PDF (needs the ``pdf`` extra and Pango).
    layout
        the factsheet's network pictures: ``group-in-a-box`` or ``force`` (default: the case
        file's ``layout:``, else group-in-a-box).
    printer
        with ``pdf``: ``printer(candidates, folder)`` writes factsheet.html and factsheet.pdf from the
        sheet's candidate pages (default :func:`~.factsheet_pdf.print_factsheet`, here and now;
        ``civicnet demo`` hands them to a helper process, :mod:`.demo_worker`).

    Returns the files written, in the order of :data:`OUTPUTS` (a printer that has not written yet:
    without factsheet.html and factsheet.pdf).
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    lang = lang or analysis.case.language
    label = analysis.label(pseudonymise)
    stages = STAGES if pdf else STAGES[:-1]

    def stage(name: str) -> None:
        progress(f"write: {name}", stages.index(name), len(stages))

    beside = pdf and printer is None and analysis.message_rows.num_rows >= PRINT_BESIDE
    with Helper() if beside else nullcontext() as helper:  # prints while the tables are written; here if it cannot
        if helper is not None:
            helper.submit({"warm": "print"}, _nothing)  # WeasyPrint imported while the summary and the sheet are made
        stage("summary")
        summary = summary_json(analysis, label)
        validate(summary)
        write_summary(summary, folder / "summary.json")
        stage("factsheet")
        if not pdf:
            write_text(folder / "factsheet.html", factsheet_html(analysis, lang, label, layout))  # an error names the file
            stage("tables")
            write_tables(analysis, folder, label)
        elif helper is not None:
            candidates = factsheet_candidates(analysis, lang, label, layout)
            ticket = helper.submit({"print": str(folder), "candidates": candidates},
                                   partial(print_factsheet, candidates, folder))
            stage("tables")
            write_tables(analysis, folder, label)
            stage("pdf")
            helper.result(ticket)
        else:
            candidates = factsheet_candidates(analysis, lang, label, layout)
            stage("tables")
            write_tables(analysis, folder, label)
            stage("pdf")
            (printer or print_factsheet)(candidates, folder)  # factsheet.html: the candidate printed
    progress("write: done", len(stages), len(stages))
    return [folder / name for name in OUTPUTS if (folder / name).exists()]


def _nothing() -> None:
    """The warm-up's fallback: a helper that cannot import WeasyPrint leaves the printing, and its error, here."""
