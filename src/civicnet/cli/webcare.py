"""Commands for the webcare team: inbox, reply-check."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from ._base import _progress_bar, main, store_option


def _parse_now(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time such as 2014-02-20T09:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for inbox.csv and inbox.json.")
@click.option("--routes", "routes_file", type=click.Path(path_type=Path), help="Routing rules and service levels (ROUTES.yaml).")
@click.option("--now", "now_text", help="Fix 'now' (ISO 8601; no zone means UTC) for waiting times and breaches.")
@click.option("--pseudonymise", is_flag=True, help="Replace citizens' handles and names by stable pseudonyms.")
@store_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the closing line.")
def inbox(case_file, out_dir, routes_file, now_text, pseudonymise, store_path, quiet) -> None:
    """Triage the messages addressed to government: category, urgency, priority, route, service level."""
    from ..analysis import pseudonymiser
    from ..case import load_case
    from ..store import Store, default_store_path, ingest_case
    from ..webcare import inbox as build_inbox, load_routes, write_inbox
    from ..webcare.priority import fmt_minutes

    now = _parse_now(now_text)
    case = load_case(case_file)
    routes = load_routes(routes_file) if routes_file else None
    with Store(store_path or default_store_path(case.path)) as store:
        ingest_case(case, store)
        with store.case(case) as scope:
            label = pseudonymiser(scope) if pseudonymise else None
            rows = build_inbox(scope, case, routes=routes, now=now, label=label)
    csv_path, json_path = write_inbox(rows, out_dir)
    if not quiet:
        for row in rows[:20]:
            sla = "closed" if row["answered_by"] else ("BREACHED" if row["sla_breached"] else (row["sla_due"] or "—"))
            waiting = fmt_minutes(row["waiting_minutes"]) if row["waiting_minutes"] is not None else "—"
            text = " ".join((row["text"] or "").split())[:60]
            click.echo(f"{row['priority']:>6}  {waiting:>8}  {row['category']:<9} {row['urgency']:<6} {row['route'] or '':<14} "
                       f"{sla:<20} {row['account'] or '?'}: {text}")
            click.echo(f"        {row['reason']}")
    opened = sum(1 for r in rows if not r["answered_by"])
    breached = sum(1 for r in rows if r["sla_breached"])
    click.echo(f"{len(rows)} items ({opened} open, {breached} breached, {len(rows) - opened} answered) -> {csv_path}, {json_path}")


@main.command("reply-check")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help='Print {"findings": [...]} as JSON.')
def reply_check(text: str | None, as_json: bool) -> None:
    """Check a draft answer against the civil-service guidelines (TEXT, or - / nothing for standard input)."""
    from ..webcare import reply_check as check

    if text is None or text == "-":
        try:
            text = sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            click.echo(f"Error: standard input is not UTF-8 text ({exc.reason} at byte {exc.start})", err=True)
            sys.exit(1)
        except OSError as exc:
            click.echo(f"Error: cannot read standard input ({exc})", err=True)
            sys.exit(1)
    findings = check(text)
    if as_json:
        click.echo(json.dumps({"findings": findings}, ensure_ascii=False))
        return
    if not findings:
        click.echo("no findings")
    for f in findings:
        click.echo(f"{f['rule']}  {f['start']}-{f['end']}  \"{text[f['start']:f['end']]}\"  {f['message']}")
