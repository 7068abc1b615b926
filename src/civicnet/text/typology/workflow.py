"""The library side of ``civicnet typology train`` and ``civicnet typology evaluate``.

Each returns the lines the command prints; the CLI only echoes them. Reading the
coded rows, training, scoring and writing the Markdown tables into a document all
happen here (:mod:`.train`, :mod:`.evaluate`, :func:`civicnet.text.scoring.replace_section`).
"""

from __future__ import annotations

from pathlib import Path

from civicnet.text import scoring
from civicnet.text.typology.evaluate import evaluate, format_report, report_markdown
from civicnet.text.typology.model import default_model, load
from civicnet.text.typology.train import read_coded, train

#: The marker name of the generated tables in docs/typology.md.
SECTION = "typology-evaluation"


def _describe(labels, messages) -> str:
    return str(labels) + (f" + {messages}" if messages else "")


def train_command(labels, out, *, messages=None, split=None, language="nl", features="ngrams+rules",
                  report_doc=None, progress=None) -> list[str]:
    """Train on the coded rows, save the model to ``out``; with ``report_doc`` also score it on the test split."""
    rows = read_coded(labels, messages, split)
    model = train(rows, language=language, source=_describe(labels, messages), features=features, progress=progress)
    path = model.linear.save(out)
    meta = model.linear.meta
    cv, used = meta["cv"], meta["trained_on"]
    lines = [f"trained on {used['messages']} coded messages ({'/'.join(used['splits'])}, features {features}); "
             f"cross-validated macro-F1 {cv['cv_macro_f1']:.3f} ({cv['folds']} folds, C={cv['C']:g})",
             "thresholds: " + ", ".join(f"{t} {v:.2f}" for t, v in model.thresholds.items()),
             f"model written to {path}"]
    if any(r["split"] == "test" for r in rows):
        report = evaluate(rows, language=language, model=model)
        report["data"] = _describe(labels, messages)
        best = report["methods"]
        lines.append(f"test split ({report['n']} messages): macro-F1 model {best['model']['macro_f1']:.3f}, "
                     f"rules {best['rules']['macro_f1']:.3f}, keyword {best['keyword']['macro_f1']:.3f}, "
                     f"majority {best['majority']['macro_f1']:.3f}")
        if report_doc:
            scoring.replace_section(report_doc, SECTION, report_markdown(report, model_meta=meta))
            lines.append(f"evaluation written to {report_doc}")
    elif report_doc:
        lines.append(f"no test split in {split or labels}: nothing written to {report_doc}")
    return lines


def evaluate_command(labels, *, messages=None, split=None, model=None, language="nl", report_doc=None) -> str:
    """Score the model (``model``, else :func:`~.model.default_model`), the rules and the baselines."""
    rows = read_coded(labels, messages, split)
    chosen = load(model) if model else default_model()
    report = evaluate(rows, language=language, model=chosen)
    report["data"] = _describe(labels, messages)
    text = format_report(report)
    if report_doc:
        scoring.replace_section(Path(report_doc), SECTION, report_markdown(report, model_meta=chosen.linear.meta))
        text += f"\n\nevaluation written to {report_doc}"
    return text
