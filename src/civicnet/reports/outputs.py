"""Every file ``civicnet run`` writes for a case, from its :class:`~civicnet.analysis.CaseAnalysis`.

:func:`write_outputs` writes summary.json (validated against its schema), the tables
(nodes.csv, edges.csv, network.gexf, messages.csv), factsheet.html and, with ``pdf``,
factsheet.pdf: each a pure function of the analysis, in the reader's language, with citizens
pseudonymised when asked. Progress is reported per stage (``write: summary`` …).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..disk import write_text
from ..progress import Progress, silent
from .factsheet import factsheet_candidates, factsheet_html, print_factsheet
from .summary import summary_json, validate, write_summary
from .tables import write_tables

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

#: Every file :func:`write_outputs` may write, in the order it lists them.
OUTPUTS = ("factsheet.html", "factsheet.pdf", "summary.json", "nodes.csv", "edges.csv", "network.gexf", "messages.csv")
#: The stages :func:`write_outputs` reports, in order (``pdf`` only when it writes the PDF).
STAGES = ("summary", "tables", "factsheet", "pdf")


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

    stage("summary")
    summary = summary_json(analysis, label)
    validate(summary)
    write_summary(summary, folder / "summary.json")
    stage("tables")
    write_tables(analysis, folder, label)
    stage("factsheet")
    if not pdf:
        write_text(folder / "factsheet.html", factsheet_html(analysis, lang, label, layout))  # an error names the file
    else:
        candidates = factsheet_candidates(analysis, lang, label, layout)
        stage("pdf")
        (printer or print_factsheet)(candidates, folder)  # factsheet.html: the candidate printed
    progress("write: done", len(stages), len(stages))
    return [folder / name for name in OUTPUTS if (folder / name).exists()]
