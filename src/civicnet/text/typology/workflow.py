"""The library side of ``civicnet typology train`` and ``civicnet typology evaluate``.

Each returns the lines the command prints; the CLI only echoes them. Reading the
coded rows, training, scoring and writing the Markdown tables into a document all
happen here (:mod:`.train`, :mod:`.evaluate`, :func:`civicnet.text.scoring.replace_section`).
"""

from __future__ import annotations

from pathlib import Path

from civicnet.text import scoring
from civicnet.text.typology.evaluate import PERSONAL_TEXT, evaluate, format_report, report_markdown
from civicnet.text.typology.groups import evaluate_groups, groups_lines, groups_markdown, read_groups
from civicnet.text.typology.model import default_model, load
from civicnet.text.labelled import choose
from civicnet.text.typology.train import read_coded, train

#: The marker name of the generated tables in docs/typology.md.
SECTION = "typology-evaluation"


def _describe(labels, messages) -> str:
    return str(labels) + (f" + {messages}" if messages else "")


def _selection_line(meta: dict) -> str:
    used, sel = meta["trained_on"], meta["selection"]
    how = (f"cross-validated macro-F1 {sel['macro_f1']:.3f} ({sel['method']})" if sel["method"] != "dev split" else
           f"dev-split macro-F1 {sel['macro_f1']:.3f} ({sel['scored_messages']} messages; settings chosen there)")
    extra = meta.get("extra")
    more = f"; extra rows {'used' if extra['used'] else 'not used'} ({extra['messages']})" if extra else ""
    return (f"trained on {used['messages']} coded messages ({'/'.join(used['splits'])}, features {sel['features']}, "
            f"C={sel['C']:g}{more}); {how}")


def train_command(labels, out, *, messages=None, split=None, language="nl", features="auto", extra=None,
                  report_doc=None, progress=None) -> list[str]:
    """Train on the coded rows, save the model to ``out``; with ``report_doc`` also score it on the test split.

    ``extra``: a further coded CSV whose training rows (train/dev or no split) may join the
    training rows, when that raises the selection score (:func:`.train.train`).
    """
    rows = read_coded(labels, messages, split)
    extra_rows = choose(read_coded(extra), ("train", "dev")) if extra else []
    model = train(rows, language=language, source=_describe(labels, messages), features=features,
                  extra=extra_rows, extra_source=str(extra or ""), progress=progress)
    path = model.linear.save(out)
    meta = model.linear.meta
    personal = PERSONAL_TEXT[meta["decision"]["personal"]]
    lines = [_selection_line(meta),
             "thresholds: " + ", ".join(f"{t} {v:.2f}" for t, v in model.thresholds.items()) + f"; personal {personal}",
             f"model written to {path}"]
    if any(r["split"] == "test" for r in rows):
        report = evaluate(rows, language=language, model=model)
        report["data"] = _describe(labels, messages)
        best = report["methods"]
        lines.append(f"test split ({report['n']} messages): macro-F1 model {best['model']['macro_f1']:.3f}, "
                     f"rules {best['rules']['macro_f1']:.3f}, keyword {best['keyword']['macro_f1']:.3f}, "
                     f"majority {best['majority']['macro_f1']:.3f}")
        if report_doc:
            dev = evaluate(rows, language=language, model=model, on="dev") if meta["selection"]["method"] == "dev split" else None
            scoring.replace_section(report_doc, SECTION, report_markdown(report, model_meta=meta, dev=dev))
            lines.append(f"evaluation written to {report_doc}")
    elif report_doc:
        lines.append(f"no test split in {split or labels}: nothing written to {report_doc}")
    return lines


def evaluate_command(labels, *, messages=None, split=None, model=None, language="nl", report_doc=None,
                     on="test", section=None, by=None, join=()) -> str:
    """Score the model (``model``, else :func:`~.model.default_model`), the rules and the baselines.

    ``report_doc``: write the tables between the ``section`` markers of that document
    (default :data:`SECTION`; per-type tables only in that main section). ``by``: also
    score each group of messages by that column of the split file (else of the labels
    file), ``join`` values counted as one group (:mod:`.groups`); with ``report_doc`` the
    group tables are written (default section ``typology-by-COLUMN``).
    """
    rows = read_coded(labels, messages, split)
    chosen = load(model) if model else default_model()
    report = evaluate(rows, language=language, model=chosen, on=on)
    report["data"] = _describe(labels, messages)
    text = format_report(report)
    if by:
        source = split or labels
        reports = evaluate_groups(rows, read_groups(source, by, join), source=str(source), language=language,
                                  model=chosen, on=on)
        text += "\n\n" + "\n".join(groups_lines(reports, by))
        if report_doc:
            name = section or f"typology-by-{by.replace('_', '-')}"
            scoring.replace_section(Path(report_doc), name, groups_markdown(reports, by, report["data"]))
            text += f"\n\nevaluation per {by} written to {report_doc}"
        return text
    if report_doc:
        section = section or SECTION
        detail = section == SECTION
        scoring.replace_section(Path(report_doc), section,
                                report_markdown(report, model_meta=chosen.linear.meta if detail else None, detail=detail))
        text += f"\n\nevaluation written to {report_doc}"
    return text
