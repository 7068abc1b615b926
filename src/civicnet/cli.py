"""The ``civicnet`` command: thin click commands over the library.

Exit status: 0 done; 1 the input was wrong (one line naming the file, the record,
what was expected); 2 usage error.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import CivicnetError, InputError


class _Group(click.Group):
    """Turns civicnet's typed errors into one line and the contract's exit status."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except CivicnetError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="civicnet")
def main() -> None:
    """civicnet: how government takes part in social media.

    Import real platform exports into one store, then analyse networks, content and
    the government's role, and write A3 factsheets.
    """


def _progress_bar(quiet: bool):
    """A progress callback drawing a rich bar on a terminal; silent otherwise."""
    from .progress import silent

    if quiet or not sys.stderr.isatty():
        return silent, _nothing()
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                   transient=True)
    tasks: dict[str, int] = {}

    def callback(description, completed, total):
        if description not in tasks:
            tasks[description] = bar.add_task(description, total=total)
        bar.update(tasks[description], completed=completed, total=total)

    return callback, bar


@contextmanager
def _nothing():
    yield


def _open_store(case, store_path):
    from .store import Store, default_store_path

    return Store(store_path or default_store_path(case.path))


store_option = click.option(
    "--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
    help="The DuckDB store (default: .civicnet/store.duckdb next to the case file).",
)


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@store_option
@click.option("--strict", is_flag=True, help="Stop at the first record that cannot be stored.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(case_file: Path, store_path: Path | None, strict: bool, quiet: bool) -> None:
    """Import a case's sources into the store (idempotent)."""
    from .case import load_case
    from .store import ingest_case

    case = load_case(case_file)
    progress, bar = _progress_bar(quiet)
    with _open_store(case, store_path) as store, bar:
        reports = ingest_case(case, store, strict=strict, progress=progress)
    for r in reports:
        name = Path(r.path).name
        detected = " (detected)" if r.format_detected else ""
        if r.skipped_unchanged:
            click.echo(f"{name}: {r.format}{detected}: already imported, unchanged")
            continue
        click.echo(
            f"{name}: {r.format}{detected}: {r.records_read} records read, {r.records_rejected} rejected; "
            f"added {r.messages_added} messages, {r.accounts_added} accounts, {r.interactions_added} interactions"
        )
        for reason, count in list(r.reject_reasons.items())[:5]:
            click.echo(f"  rejected {count}x: {reason}")


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def info(case_file: Path, store_path: Path | None, as_json: bool) -> None:
    """Print what the store holds for a case, and its import report."""
    from .case import load_case
    from .store import Store, default_store_path
    from .store.info import case_info

    case = load_case(case_file)
    with Store(store_path or default_store_path(case.path), read_only=True) as store:
        result = case_info(store, case)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(f"{result['case']['title']} ({result['case']['id']})  store: {result['store']}")
    click.echo(f"messages: {result['messages']}  " + ", ".join(f"{k} {v}" for k, v in result["messages_by_kind"].items()))
    click.echo(f"context messages (not counted): {result['context_messages']}")
    click.echo(f"participants: {result['participants']}  accounts: {result['accounts']}")
    click.echo(f"interactions: {result['interactions']}  " + ", ".join(f"{k} {v}" for k, v in result["interactions_by_kind"].items()))
    if result["first_message_at"]:
        click.echo(f"period: {result['first_message_at']} .. {result['last_message_at']}")
    click.echo("imports:")
    for imp in result["imports"]:
        click.echo(
            f"  {imp['imported_at']}  {Path(imp['path']).name}  {imp['format']}  sha256 {imp['sha256'][:12]}  "
            f"read {imp['records_read']}  rejected {imp['records_rejected']}"
        )
        for reason, count in list(imp["rejects"]["reasons"].items())[:5]:
            click.echo(f"    rejected {count}x: {reason}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def formats(as_json: bool) -> None:
    """List every input format with how to export it and an example."""
    from . import sources

    rows = [
        {"format": m.NAME, "platform": m.PLATFORM, "title": m.TITLE, "how_to_export": m.HOW_TO_EXPORT,
         "example": m.EXAMPLE, "detected": m.NAME not in sources.NOT_DETECTED}
        for m in sources.modules()
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        click.echo(f"{r['format']}  ({r['platform']}) {r['title']}")
        click.echo(f"    export:  {r['how_to_export']}")
        click.echo(f"    example: {r['example']}")
        if not r["detected"]:
            click.echo("    (never auto-detected: name it with `format:`)")


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the outputs (created when missing).")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the factsheet (default: the case's language).")
@click.option("--pseudonymise", is_flag=True, help="Replace citizens' handles and names by stable pseudonyms in every output.")
@store_option
@click.option("--strict", is_flag=True, help="Stop at the first record that cannot be stored.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF (HTML only).")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def run(case_file, out_dir, lang, pseudonymise, store_path, strict, no_pdf, quiet) -> None:
    """Import a case, analyse it and write the factsheet, summary.json and tables."""
    from .reports.run import run_case

    progress, bar = _progress_bar(quiet)
    with bar:
        result = run_case(case_file, out_dir, lang=lang, pseudonymise=pseudonymise, store_path=store_path,
                          strict=strict, pdf=not no_pdf, progress=progress)
    click.echo(f"{result.case.title}: wrote {', '.join(p.name for p in result.files)} to {result.out_dir}")


@main.command()
@click.option("--out", "out_dir", default="civicnet-demo", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the demo cases and their outputs.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Language of the factsheets.")
@click.option("--cases", help="Comma-separated subset of the demo cases (default: all eight).")
@click.option("--no-pdf", is_flag=True, help="Skip the PDFs (HTML only).")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def demo(out_dir, lang, cases, no_pdf, quiet) -> None:
    """Generate the report's eight cases and run each; write index.html and the comparison."""
    from .reports.demo import run_demo

    names = [c.strip() for c in cases.split(",") if c.strip()] if cases else None
    progress, bar = _progress_bar(quiet)
    with bar:
        results = run_demo(out_dir, lang=lang, cases=names, pdf=not no_pdf, progress=progress)
    for r in results:
        click.echo(f"{r.case.id}: {r.summary['counts']['messages']} messages -> {r.out_dir / 'factsheet.html'}")
    click.echo(f"Open {Path(out_dir).resolve() / 'index.html'}")
