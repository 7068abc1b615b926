"""``civicnet typology``: train and evaluate the message typology, and the coding round trip."""

from __future__ import annotations

from pathlib import Path

import click

from ._base import allow_outside_option, main, read_case, remember_out, store_option

_FILE = click.Path(dir_okay=False, path_type=Path)


def data_options(command):
    """--messages and --split, for the train and evaluate commands of typology and inbox."""
    command = click.option("--split", "split_csv", type=_FILE,
                           help="CSV id,split (train/dev/test): which rows train and which are the test.")(command)
    command = click.option("--messages", "messages_csv", type=_FILE,
                           help="CSV id,…,text with the texts, when LABELS.csv has ids and labels only.")(command)
    return command


@main.group()
def typology() -> None:
    """Train and evaluate the message typology, and run a manual coding round."""


def extra_option(command):
    """--extra, for the train commands of typology and inbox."""
    return click.option("--extra", "extra_csv", type=_FILE,
                        help="Further labelled rows (a CSV in the same layout, e.g. the set shipped with civicnet): "
                             "its train/dev rows join the training rows if, and only if, that raises the score the "
                             "settings are chosen by.")(command)


@typology.command("train")
@click.argument("labels_csv", type=_FILE)
@data_options
@click.option("--out", "out_path", required=True, type=_FILE, help="Model file to write (JSON).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the messages (for the rule markers).")
@click.option("--features", type=click.Choice(["auto", "ngrams+rules", "ngrams"]), default="auto", show_default=True,
              help="Word and character n-grams with or without the rule markers as features, or whichever scores "
                   "better (leave the markers out when the messages are the ones the rules were written on).")
@extra_option
@click.option("--report", "report_doc", type=_FILE,
              help="Also score the new model on the test split and write the tables into this Markdown "
                   "document (between its <!-- BEGIN typology-evaluation --> markers).")
def train(labels_csv, messages_csv, split_csv, out_path, lang, features, extra_csv, report_doc) -> None:
    """Train a typology model on coded messages (LABELS.csv: id,text,labels or id,types).

    With train and dev rows, the settings (C, features, thresholds, --extra or not) are chosen
    on dev and the model learns from train; otherwise they are chosen by 5-fold cross-validation
    and the model learns from every row without a test split. Prints that score; test rows are
    only scored. Needs scikit-learn: pip install 'civicnet[text]'.
    """
    from ..text.typology.workflow import train_command

    for line in train_command(labels_csv, out_path, messages=messages_csv, split=split_csv, language=lang,
                              features=features, extra=extra_csv, report_doc=report_doc):
        click.echo(line)


@typology.command("evaluate")
@click.argument("labels_csv", type=_FILE)
@data_options
@click.option("--model", "model_path", type=_FILE, help="Model to score (default: the shipped model).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--on", "split_name", type=click.Choice(["test", "dev"]), default="test", show_default=True,
              help="The split to score when the rows have splits.")
@click.option("--report", "report_doc", type=_FILE,
              help="Write the tables into this Markdown document (between <!-- BEGIN typology-evaluation --> markers).")
@click.option("--section",
              help="The marker name in the --report document (default typology-evaluation; with --by "
                   "typology-by-COLUMN; other names than typology-evaluation get the summary table only).")
@click.option("--by", "by_column",
              help="Also score each group of messages: the values of this column of the --split file (else of "
                   "LABELS.csv), e.g. batch or author_kind in datasets/typology/ids.csv.")
@click.option("--join", "join_values", multiple=True, metavar="A+B",
              help="With --by: count these values as one group (e.g. government+police); repeatable.")
def evaluate(labels_csv, messages_csv, split_csv, model_path, lang, split_name, report_doc, section, by_column,
             join_values) -> None:
    """Score the model and the rules on coded messages against a majority and a keyword baseline.

    Scores the test split when there is one, else every row; intervals are 95 % bootstrap intervals.
    With --by, also per group of messages (each group scored on its own, the same baselines).
    """
    from ..text.typology.workflow import evaluate_command

    if join_values and not by_column:
        raise click.UsageError("--join needs --by")
    click.echo(evaluate_command(labels_csv, messages=messages_csv, split=split_csv, model=model_path,
                                language=lang, report_doc=report_doc, on=split_name, section=section,
                                by=by_column, join=join_values))


@typology.command("export")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--out", "out_csv", required=True, type=_FILE, callback=remember_out,
              help="CSV for the coders (id,text,labels with labels empty).")
@click.option("-n", "size", default=200, show_default=True, help="Sample size.")
@click.option("--seed", default=1, show_default=True)
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language of the lines (default: the case's language).")
@store_option
@allow_outside_option
def export(case_file: Path, out_csv: Path, size: int, seed: int, lang: str | None, store_path: Path | None,
           allow_outside: bool) -> None:
    """Export a stratified sample of the case's government messages for manual coding."""
    from ..reports.i18n import Catalogue
    from ..text.typology.coding import export_case_sample

    case = read_case(case_file, allow_outside, lang)
    written, total = export_case_sample(case, out_csv, n=size, seed=seed, store_path=store_path)
    t = Catalogue(lang or case.language)
    click.echo(t("cli_coding_sample", written=t.number(written), total=t.number(total), path=out_csv))
    if not case.government:
        click.echo(t("cli_coding_no_government"))


@typology.command("agreement")
@click.argument("first", type=_FILE)
@click.argument("second", type=_FILE)
def agreement(first: Path, second: Path) -> None:
    """Cohen's kappa per type between two coders' filled-in CSVs."""
    from ..text.typology.coding import agreement_lines

    for line in agreement_lines(first, second):
        click.echo(line)
