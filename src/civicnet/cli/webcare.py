"""Commands for the webcare team: inbox (triage, train, evaluate), reply-check."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from ._base import allow_outside_option, main, read_case, remember_out, store_option
from .typology import data_options as _data_options
from .typology import extra_option as _extra_option

_FILE = click.Path(dir_okay=False, path_type=Path)


def _parse_now(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time such as 2014-02-20T09:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class _TriageByDefault(click.Group):
    """``civicnet inbox CASE.yaml …`` runs ``inbox triage``; ``inbox train``/``evaluate`` are sub-commands."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["triage", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_TriageByDefault)
def inbox() -> None:
    """The webcare inbox: `civicnet inbox CASE.yaml --out DIR` triages (same as `inbox triage`);
    `inbox train` and `inbox evaluate` train and score the classifier."""


@inbox.command("triage")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              callback=remember_out, help="Folder for inbox.csv and inbox.json.")
@click.option("--routes", "routes_file", type=click.Path(path_type=Path),
              help="Routing rules and service levels (ROUTES.yaml); default: the shipped rules of the case's "
                   "kind of organisation.")
@click.option("--now", "now_text", help="Fix 'now' (ISO 8601; no zone means UTC) for waiting times and breaches; "
                                       "default: the present, or the end of a case in the past.")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the reasons (default: the case's language).")
@click.option("--model", "model_path", type=_FILE, help="An inbox model from `inbox train` (default: the shipped one).")
@click.option("--pseudonymise", is_flag=True, help="Replace citizens' handles and names by stable pseudonyms.")
@store_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the closing line.")
@allow_outside_option
def triage(case_file, out_dir, routes_file, now_text, lang, model_path, pseudonymise, store_path, quiet,
           allow_outside) -> None:
    """Triage the messages addressed to government: category, urgency, priority, route, service level."""
    from ..webcare.run import run_inbox, summary_lines

    case = read_case(case_file, allow_outside, lang)
    result = run_inbox(case, out_dir, routes=routes_file, now=_parse_now(now_text), lang=lang,
                       pseudonymise=pseudonymise, store_path=store_path, model=model_path,
                       allow_outside=allow_outside)
    for line in summary_lines(result, quiet=quiet):
        click.echo(line)


@inbox.command("train")
@click.argument("labels_csv", type=_FILE)
@_data_options
@click.option("--out", "out_path", required=True, type=_FILE, help="Model file to write (JSON).")
@click.option("--features", type=click.Choice(["auto", "ngrams+rules", "ngrams"]), default="auto", show_default=True,
              help="Word and character n-grams with or without the lexicon cues as features, or whichever scores "
                   "better (leave the cues out when the messages are the ones the lexicons were written on).")
@_extra_option
@click.option("--report", "report_doc", type=_FILE,
              help="Also score the new model on the test split and write the tables into this Markdown "
                   "document (between its <!-- BEGIN inbox-evaluation --> markers).")
def train(labels_csv, messages_csv, split_csv, out_path, features, extra_csv, report_doc) -> None:
    """Train the inbox classifier on labelled messages (LABELS.csv: text or id, category, urgency).

    With train and dev rows, the settings (features, C, urgency from model or rules, --extra or
    not) are chosen on dev and the model learns from train; otherwise they are chosen by 5-fold
    cross-validation and the model learns from every row without a test split. Prints that
    score; test rows are only scored. Needs scikit-learn: pip install 'civicnet[text]'.
    """
    from ..webcare.workflow import train_command

    for line in train_command(labels_csv, out_path, messages=messages_csv, split=split_csv, features=features,
                              extra=extra_csv, report_doc=report_doc):
        click.echo(line)


@inbox.command("evaluate")
@click.argument("labels_csv", type=_FILE)
@_data_options
@click.option("--model", "model_path", type=_FILE, help="Model to score (default: the shipped model).")
@click.option("--on", "split_name", type=click.Choice(["test", "dev"]), default="test", show_default=True,
              help="The split to score when the rows have splits.")
@click.option("--report", "report_doc", type=_FILE,
              help="Write the tables into this Markdown document (between <!-- BEGIN inbox-evaluation --> markers).")
@click.option("--section", default="inbox-evaluation", show_default=True,
              help="The marker name in the --report document (other names get the summary tables only).")
def evaluate(labels_csv, messages_csv, split_csv, model_path, split_name, report_doc, section) -> None:
    """Score the model and the rules on labelled messages against a majority and a keyword baseline.

    Scores the test split when there is one, else every row; intervals are 95 % bootstrap intervals.
    """
    from ..webcare.workflow import evaluate_command

    click.echo(evaluate_command(labels_csv, messages=messages_csv, split=split_csv, model=model_path,
                                report_doc=report_doc, on=split_name, section=section))


@main.command("reply-check")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help='Print {"findings": [...]} as JSON.')
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the explanations.")
def reply_check(text: str | None, as_json: bool, lang: str) -> None:
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
    findings = check(text, lang=lang)
    if as_json:
        click.echo(json.dumps({"findings": findings}, ensure_ascii=False))
        return
    if not text.strip():  # an empty file piped in is no draft without findings
        click.echo("geen tekst: niets te controleren" if lang == "nl" else "no text: nothing to check")
        return
    if not findings:
        click.echo("geen bevindingen" if lang == "nl" else "no findings")
    for f in findings:
        click.echo(f"{f['rule']}  {f['start']}-{f['end']}  \"{text[f['start']:f['end']]}\"  {f['message']}")
