"""Commands that analyse and report: run, demo."""

from __future__ import annotations

from pathlib import Path

import click

from ..reports.i18n import Catalogue
from ._base import _progress_bar, allow_outside_option, main, read_case, remember_out, store_option
from .data import echo_warnings


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              callback=remember_out, help="Folder for the outputs (created when missing).")
@click.option("--lang", type=click.Choice(["nl", "en"]),
              help="Language of the factsheet and of what is said about the case (default: the case's language).")
@click.option("--pseudonymise", is_flag=True, help="Replace citizens' handles and names by stable pseudonyms in every output.")
@store_option
@click.option("--strict", is_flag=True, help="Stop at the first record that cannot be stored.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF (HTML only).")
@click.option("--layout", type=click.Choice(["group-in-a-box", "force"]),
              help="Layout of the factsheet's network pictures (default: the case file's `layout:`, else group-in-a-box).")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="Where the export files are read and the per-message work runs: the store's DuckDB, or Spark "
                   "(needs civicnet[spark] and Java; the same outputs).")
@click.option("--spark-master", metavar="URL",
              help="With --engine spark: the Spark master (default local[2]; e.g. spark://host:7077, yarn).")
@allow_outside_option
def run(case_file, out_dir, lang, pseudonymise, store_path, strict, no_pdf, layout, quiet, engine, spark_master,
        allow_outside) -> None:
    """Import a case, analyse it and write the factsheet, summary.json and tables.

    CASE_FILE is a case file (YAML; docs/case-file.md), or one export file that civicnet
    recognises, analysed as a case of its own (its name as id and title), or a folder: its
    case.yaml, else the exports in it as one case."""
    from ..reports.run import run_case  # civicnet.analyse, then civicnet.write_outputs

    if spark_master and engine != "spark":
        raise click.UsageError("--spark-master needs --engine spark")
    case = read_case(case_file, allow_outside, lang)
    progress, bar = _progress_bar(quiet)
    with bar:
        result = run_case(case, out_dir, lang=lang, pseudonymise=pseudonymise, store_path=store_path,
                          strict=strict, pdf=not no_pdf, progress=progress, allow_outside=allow_outside,
                          layout=layout, engine=engine, spark_master=spark_master)
    said = Catalogue(lang or result.case.language)
    click.echo(said("cli_wrote", title=result.case.title, files=", ".join(p.name for p in result.files),
                    folder=result.out_dir))
    echo_warnings(result.warnings, lang or result.case.language)


@main.command()
@click.option("--out", "out_dir", default="civicnet-demo", show_default=True, callback=remember_out,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the demo cases and their outputs.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the factsheets, the comparison and the index.")
@click.option("--cases", help="Comma-separated subset of the demo cases (default: all eight).")
@click.option("--no-pdf", is_flag=True, help="Skip the PDFs (HTML only).")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def demo(out_dir, lang, cases, no_pdf, quiet) -> None:
    """Generate the report's eight cases and run each; write index.html and the comparison."""
    from ..reports.demo import run_demo

    names = [c.strip() for c in cases.split(",") if c.strip()] if cases else None
    progress, bar = _progress_bar(quiet)
    with bar:
        results = run_demo(out_dir, lang=lang, cases=names, pdf=not no_pdf, progress=progress)
    said = Catalogue(lang)
    for r in results:
        click.echo(said("cli_demo_case", case=r.case.id, messages=said.number(r.summary["counts"]["messages"]),
                        path=r.out_dir / "factsheet.html"))
        echo_warnings(r.warnings, lang)
    click.echo(said("cli_open", path=Path(out_dir).resolve() / "index.html"))
