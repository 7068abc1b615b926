"""Commands that import and inspect: ingest, info, formats."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ._base import _progress_bar, main, store_option


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@store_option
@click.option("--strict", is_flag=True, help="Stop at the first record that cannot be stored.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(case_file: Path, store_path: Path | None, strict: bool, quiet: bool) -> None:
    """Import a case's sources into the store (idempotent)."""
    from .. import load_case, open_store
    from ..store import ingest_case
    from ..store.ingest import plan

    case = load_case(case_file)
    plan(case)  # missing or undetectable sources: fail before a store is created
    progress, bar = _progress_bar(quiet)
    with open_store(case, store_path) as store, bar:
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
    from .. import case_info

    result = case_info(case_file, store_path)
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
    from .. import sources

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
@click.option("--parquet", "directory", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for one Parquet file per table of the case, plus a manifest.")
@store_option
def export(case_file: Path, directory: Path, store_path: Path | None) -> None:
    """Export the case's tables to Parquet (for a distributed engine; see docs/scale.md)."""
    from .. import export_parquet

    files = export_parquet(case_file, directory, store_path)
    for table, path in files.items():
        click.echo(f"{table}: {path}")
