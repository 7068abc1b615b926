"""``civicnet typology``: the message typology's coding round trip and evaluation."""

from __future__ import annotations

from pathlib import Path

import click

from ._base import allow_outside_option, main, remember_out, store_option


@main.group()
def typology() -> None:
    """Evaluate the message typology and run a manual coding round."""


@typology.command("evaluate")
@click.argument("labels_csv", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--method", "methods", multiple=True, type=click.Choice(["rules", "trained", "hybrid"]),
              help="Classifiers to score (default: all three).")
def evaluate(labels_csv: Path, lang: str, methods: tuple[str, ...]) -> None:
    """Score the classifiers on a labelled CSV (columns text, labels) against two baselines."""
    from ..text.typology.evaluate import evaluate_labels_csv, format_report

    report = evaluate_labels_csv(labels_csv, lang, methods=methods or ("rules", "trained", "hybrid"))
    click.echo(format_report(report))


@typology.command("export")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--out", "out_csv", required=True, type=click.Path(dir_okay=False, path_type=Path), callback=remember_out,
              help="CSV for the coders (id,text,labels with labels empty).")
@click.option("-n", "size", default=200, show_default=True, help="Sample size.")
@click.option("--seed", default=1, show_default=True)
@store_option
@allow_outside_option
def export(case_file: Path, out_csv: Path, size: int, seed: int, store_path: Path | None, allow_outside: bool) -> None:
    """Export a stratified sample of the case's government messages for manual coding."""
    from ..case import load_case
    from ..store import Store, default_store_path
    from ..store.government import government_accounts
    from ..store.views import use_case
    from ..text.typology.evaluate import export_sample

    case = load_case(case_file, allow_outside=allow_outside)
    with Store(store_path or default_store_path(case.path), read_only=True) as store:
        use_case(store, case.id)
        ids = {(g.platform, g.account_id) for g in government_accounts(store, case)}
        rows = [
            {"id": mid, "text": text}
            for platform, account, mid, text in store.sql("SELECT platform, account, id, text FROM case_messages")
            if (platform, account) in ids
        ]
    written = export_sample(rows, out_csv, n=size, seed=seed, language=case.language)
    click.echo(f"wrote {written} of {len(rows)} government messages to {out_csv}")


@typology.command("agreement")
@click.argument("first", type=click.Path(path_type=Path))
@click.argument("second", type=click.Path(path_type=Path))
def agreement(first: Path, second: Path) -> None:
    """Cohen's kappa per type between two coders' filled-in CSVs."""
    from ..text.typology.evaluate import coder_agreement, import_labels

    coded = import_labels({"first": first, "second": second})
    result = coder_agreement(coded["first"], coded["second"])
    click.echo(f"messages coded by both: {result['n']}; exact agreement {result['exact_agreement']:.2f}; "
               f"mean kappa {result['mean_kappa']:.2f}" if result["mean_kappa"] is not None else
               f"messages coded by both: {result['n']}")
    for label, kappa in result["kappa"].items():
        click.echo(f"  {label:10s} kappa {kappa:.2f}" if kappa is not None else f"  {label:10s} kappa –")
