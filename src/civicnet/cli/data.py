"""Commands that import and inspect: ingest, info, formats."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ._base import _progress_bar, allow_outside_option, main, read_case, remember_out, store_option


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@store_option
@click.option("--strict", is_flag=True, help="Stop at the first record that cannot be stored.")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the report (default: the case's language).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@allow_outside_option
def ingest(case_file: Path, store_path: Path | None, strict: bool, lang: str | None, quiet: bool,
           allow_outside: bool) -> None:
    """Import a case's sources into the store (idempotent); report what each file held and any warning."""
    from .. import open_store
    from ..store import ingest_case
    from ..store.import_warnings import summary_lines
    from ..store.ingest import plan

    case = read_case(case_file, allow_outside, lang)
    lang = lang or case.language
    plan(case)  # missing or undetectable sources: fail before a store is created
    progress, bar = _progress_bar(quiet)
    with open_store(case, store_path) as store, bar:
        reports = ingest_case(case, store, strict=strict, progress=progress)
    for r in reports:
        for line in summary_lines(r.as_dict(), lang, case.language):
            click.echo(line)
    echo_warnings([w for r in reports for w in r.warnings], lang)


def echo_warnings(warnings, lang: str) -> None:
    """Print import warnings on stderr, one line each (``Warning: …``)."""
    from ..store.import_warnings import warning_label

    for w in warnings:
        click.echo(f"{warning_label(lang)}: {w.text(lang)}", err=True)


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--check", is_flag=True,
              help="Verify the store: read every table in full, the migrations, the counts (exit 1 when damaged).")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the lines (default: the case's language).")
@allow_outside_option
def info(case_file: Path, store_path: Path | None, as_json: bool, check: bool, lang: str | None,
         allow_outside: bool) -> None:
    """Print what the store holds for a case, and its import report (or, with --check, verify the store)."""
    from .. import case_info
    from ..reports.i18n import Catalogue
    from ..store import default_store_path
    from ..store.import_warnings import describe_reading, warning_label, warnings_of
    from ..store.reject_reasons import reason_text

    case = read_case(case_file, allow_outside, lang)
    if check:
        _check(store_path or default_store_path(case.path), as_json, lang or case.language)
        return
    result = case_info(case, store_path)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    lang = lang or case.language
    t = Catalogue(lang)

    def kinds(counts: dict, kind: str) -> str:
        return ", ".join(f"{t.code(kind, k)} {t.number(v)}" for k, v in counts.items())

    click.echo(t("info_case", title=result["case"]["title"], id=result["case"]["id"], store=result["store"]))
    if result["records"] != result["store"]:  # a case the spark engine imported: its records beside the store
        click.echo(t("info_records", folder=result["records"]))
    click.echo(t("info_messages", n=t.number(result["messages"]), kinds=kinds(result["messages_by_kind"], "kind")))
    click.echo(t("info_context", n=t.number(result["context_messages"])))
    click.echo(t("info_people", participants=t.number(result["participants"]), accounts=t.number(result["accounts"])))
    click.echo(t("info_interactions", n=t.number(result["interactions"]),
                 kinds=kinds(result["interactions_by_kind"], "tie")))
    if result["first_message_at"]:
        click.echo(t("info_period", first=result["first_message_at"], last=result["last_message_at"]))
    click.echo(t("info_imports"))
    if not result["imports"]:
        click.echo(t("info_not_imported", file=case_file))
    for imp in result["imports"]:
        click.echo(t("info_import", at=imp["imported_at"], file=Path(imp["path"]).name, format=imp["format"],
                     sha=imp["sha256"][:12], read=t.number(imp["records_read"]),
                     rejected=t.number(imp["records_rejected"])))
        reading = describe_reading(imp.get("reading") or {}, lang, case.language)
        if reading:
            click.echo(f"    {reading}")
        for reason, count in list(imp["rejects"]["reasons"].items())[:5]:
            click.echo(t("info_rejected", count=t.number(count), reason=reason_text(reason, t.lang)))
        for w in warnings_of(imp):
            click.echo(f"    {warning_label(lang).lower()}: {w.text(lang)}")


def _check(path: Path, as_json: bool, lang: str) -> None:
    from ..errors import StoreDamaged, saying
    from ..reports.i18n import Catalogue
    from ..store.db import no_store
    from ..store.health import RESTORE, RESTORE_NL, check

    if not path.exists():
        raise no_store(path)
    result = check(path)
    if as_json:  # for scripts: the problems as check() words them (English)
        click.echo(json.dumps({"store": str(path), "sound": result.sound, "tables": result.tables,
                               "problems": result.problems}, indent=2, ensure_ascii=False))
    else:
        t = Catalogue(lang)
        for table, rows in result.tables.items():
            click.echo(t("check_rows", table=table, rows=t.number(rows)))
        for found in result.problems_in(lang):
            click.echo(t("check_problem", problem=found))
        if result.sound:
            click.echo(t("check_sound", path=path, n=t.number(len(result.tables))))
    if not result.sound:
        n = len(result.problems)
        raise saying(StoreDamaged(f"{path}: the store is damaged ({n} problem{'s' if n > 1 else ''}: "
                                  f"{result.problems[0]}); {RESTORE}"),
                     nl=f"{path}: de opslag is beschadigd ({n} probleem{'en' if n > 1 else ''}: "
                        f"{result.problems_in('nl')[0]}); {RESTORE_NL}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def formats(as_json: bool) -> None:
    """List every input format with how to export it and an example."""
    from .. import sources

    rows = [
        {"format": m.NAME, "platform": m.PLATFORM, "title": m.TITLE, "how_to_export": m.HOW_TO_EXPORT,
         "example": m.EXAMPLE, "detected": m.NAME not in sources.NOT_DETECTED,
         "detection": getattr(m, "DETECTION", None)}
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
        elif r["detection"]:
            click.echo(f"    ({r['detection']})")


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--parquet", "directory", required=True, type=click.Path(file_okay=False, path_type=Path),
              callback=remember_out,
              help="Folder for one Parquet file per table of the case, plus a manifest.")
@click.option("--pseudonymise", is_flag=True,
              help="Replace citizens' identifiers, names, message ids and texts by stable pseudonyms, as "
                   "`run --pseudonymise` does; leave out their profile texts and links.")
@store_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@allow_outside_option
def export(case_file: Path, directory: Path, pseudonymise: bool, store_path: Path | None, quiet: bool,
           allow_outside: bool) -> None:
    """Export the case's tables to Parquet: for a distributed engine (docs/scale.md), or pseudonymised to
    share (docs/privacy.md)."""
    from .. import export_parquet

    progress, bar = _progress_bar(quiet, unit="rows")
    with bar:
        files = export_parquet(read_case(case_file, allow_outside), directory, store_path, pseudonymise=pseudonymise,
                               progress=progress)
    for table, path in files.items():
        click.echo(f"{table}: {path}")
