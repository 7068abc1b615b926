"""The click group, error handling and helpers shared by every command.

Exit status: 0 done; 1 the input was wrong (one line naming the file, the record,
what was expected); 2 usage error.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .. import __version__
from ..errors import CaseFileError, CivicnetError


class _Group(click.Group):
    """Turns civicnet's typed errors, and disk errors of the outputs, into one line and exit status 1."""

    def invoke(self, ctx):
        import duckdb

        try:
            return super().invoke(ctx)
        except CivicnetError as exc:
            lang = ctx.meta.get("civicnet.lang")
            if lang is None and isinstance(exc, CaseFileError):  # a command that read no case: the file's, or Dutch
                lang = exc.language or "nl"
            said = exc.in_language(lang)
            if said is None:
                click.echo(f"Error: {_one_line(exc)}", err=True)
            else:
                click.echo(f"{_ERROR.get(lang, 'Error')}: {_one_line(said)}", err=True)
            ctx.exit(1)
        except (OSError, duckdb.Error) as exc:
            from ..disk import describe

            said = describe(exc, "the outputs", "choose another folder with --out", ctx.meta.get("civicnet.out"))
            if said is None:
                raise
            click.echo(f"Error: {said}", err=True)
            ctx.exit(1)


#: The word before an error's message, by the reader's language (an error said in it: :class:`CivicnetError`).
_ERROR = {"nl": "Fout", "en": "Error"}


def _one_line(exc: BaseException | str) -> str:
    return " ".join(str(exc).split())


def remember_out(ctx, param, value):
    """``--out`` callback: an output error that names no file names this folder."""
    if value is not None:
        ctx.meta["civicnet.out"] = value
    return value


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="civicnet")
def main() -> None:
    """civicnet: how government takes part in social media.

    Import real platform exports into one store, then analyse networks, content and
    the government's role, and write A3 factsheets.
    """


def _progress_bar(quiet: bool, unit: str = "bytes"):
    """A progress callback drawing a rich bar on a terminal; silent otherwise. ``unit``: what the callback
    counts, ``bytes`` (shown as kB, MB…) or ``rows`` (shown as done/total)."""
    from ..progress import silent

    if quiet or not sys.stderr.isatty():
        return silent, _nothing()
    from rich.progress import (BarColumn, DownloadColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeRemainingColumn)

    amount = DownloadColumn() if unit == "bytes" else MofNCompleteColumn()
    bar = Progress(TextColumn("{task.description}"), BarColumn(), amount, TimeRemainingColumn(), transient=True)
    tasks: dict[str, int] = {}

    def callback(description, completed, total):
        if description not in tasks:
            tasks[description] = bar.add_task(description, total=total)
        bar.update(tasks[description], completed=completed, total=total)

    return callback, bar


@contextmanager
def _nothing():
    yield


allow_outside_option = click.option(
    "--allow-outside", is_flag=True,
    help="Let the case file read sources outside its own folder (only for a case file you trust).",
)

store_option = click.option(
    "--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
    help="The DuckDB store (default: .civicnet/store.duckdb next to the case file).",
)


def read_case(case_file: Path, allow_outside: bool, lang: str | None = None):
    """The case of ``case_file`` (:func:`civicnet.load_case`); when it is an export file or a folder of
    them in place of a case file, say so on stderr first, in ``lang`` (default: the case's language).
    An error about the case after this is printed in that language where it carries it."""
    from ..case import load_case
    from ..reports.i18n import Catalogue

    context = click.get_current_context(silent=True)
    try:
        case = load_case(case_file, allow_outside=allow_outside)
    except CaseFileError as exc:  # said in --lang, the language the file names, else a case's default (Dutch)
        if context is not None:
            context.meta["civicnet.lang"] = lang or exc.language or "nl"
        raise
    if context is not None:  # an error about the case is printed in the reader's language (_Group.invoke)
        context.meta["civicnet.lang"] = lang or case.language
    if not case.implied_format:
        return case
    said = Catalogue(lang or case.language)
    if Path(case_file).is_dir():
        folder = case.folder.name
        click.echo(said("cli_implied_folder", folder=folder, n=len(case.sources), formats=case.implied_format,
                        id=case.id, language=case.language), err=True)
        if case.implied_left_out:
            shown = ", ".join(case.implied_left_out[:5]) + (", …" if len(case.implied_left_out) > 5 else "")
            click.echo(said("cli_implied_left_out", folder=folder, files=shown), err=True)
    else:
        click.echo(said("cli_implied_case", file=Path(case_file).name, format=case.implied_format, id=case.id,
                        language=case.language), err=True)
    return case
