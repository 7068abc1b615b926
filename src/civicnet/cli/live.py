"""Commands that collect from platforms and serve the dashboard: collect, serve."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import click

from ._base import _progress_bar, allow_outside_option, main, read_case, store_option


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--watch", is_flag=True, help="Keep polling at a polite interval and import new messages (Ctrl-C stops).")
@click.option("--interval", default=300, show_default=True, help="Seconds between polls with --watch (at least 10).")
@click.option("--check", is_flag=True, help="Only check which credentials are set and accepted (never shows them).")
@store_option
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@allow_outside_option
def collect(case_file, watch, interval, check, store_path, quiet, allow_outside) -> None:
    """Collect the case's `collect:` entries from the platforms' APIs, then import them."""
    from ..collect import check_credentials, collect as run_collect

    case = read_case(case_file, allow_outside)
    if check:
        refused = False
        for c in check_credentials(case):
            state = "not set" if not c.present else "ok" if c.valid else "present, not checked" if c.valid is None else "REFUSED"
            refused |= bool(c.present and c.valid is False)
            click.echo(f"{c.platform:9} {c.variable}: {state}" + (f" ({c.detail})" if c.detail and c.present else ""))
        raise SystemExit(1 if refused else 0)
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    progress, bar = _progress_bar(quiet)
    try:
        with bar:
            report = run_collect(case, watch=watch, interval=interval, progress=progress, stop=stop, store=store_path)
    finally:
        signal.signal(signal.SIGINT, previous)
    for e in report.entries:
        state = "complete" if e.complete else ("stopped" if report.stopped else "more to fetch: run again")
        click.echo(f"{e.label}: {e.pages_written} pages ({e.items} items) -> {e.folder} [{state}]")
    click.echo(f"imported {report.messages_added} new messages" + (f", {report.polls} polls" if watch else ""))
    for error in report.errors:
        click.echo(f"warning: {error}", err=True)


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--port", default=8765, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Bind address; anything but loopback needs --token.")
@click.option("--token", default=None, envvar="CIVICNET_TOKEN", help="Access token (or CIVICNET_TOKEN).")
@click.option("--pseudonymise", is_flag=True, help="Show citizens under pseudonyms.")
@click.option("--max-nodes", default=2000, show_default=True, help="Most accounts sent to the browser's network view.")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the dashboard (default: the first case's language).")
@store_option
@allow_outside_option
def serve(cases, port, host, token, pseudonymise, max_nodes, lang, store_path, allow_outside) -> None:
    """Explore cases in the browser: network, messages, timeline and the webcare queue."""
    from ..web import serve as run_server
    from ..web.app import check_port, check_token

    if lang:  # an error in a case file is said in it (_Group.invoke)
        click.get_current_context().meta["civicnet.lang"] = lang
    check_token(token, host)
    check_port(host, port)  # before the address is announced
    shown = "?token=…" if token else ""
    click.echo(f"civicnet dashboard on http://{host}:{port}/{shown}  (Ctrl-C stops)")
    run_server(list(cases), host=host, port=port, token=token, pseudonymise=pseudonymise,
               max_nodes=max_nodes, store_path=store_path, lang=lang, allow_outside=allow_outside)
