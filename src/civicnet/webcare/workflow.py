"""The library side of ``civicnet inbox train`` and ``civicnet inbox evaluate``.

Each returns the lines the command prints; the CLI only echoes them.
"""

from __future__ import annotations

from civicnet.text import scoring

from .evaluate import evaluate, format_report, report_markdown
from .model import default_model, load
from .train import read_inbox_labels, train

#: The marker name of the generated tables in docs/webcare.md.
SECTION = "inbox-evaluation"


def _describe(labels, messages) -> str:
    return str(labels) + (f" + {messages}" if messages else "")


def train_command(labels, out, *, messages=None, split=None, features="ngrams+rules", report_doc=None,
                  progress=None) -> list[str]:
    """Train on the labelled rows and save the model; with a test split, also score it (and write ``report_doc``)."""
    rows = read_inbox_labels(labels, messages, split)
    model = train(rows, source=_describe(labels, messages), features=features, progress=progress)
    path = model.save(out)
    cv, used = model.meta["cv"], model.meta["trained_on"]
    lines = [f"trained on {used['messages']} labelled messages ({'/'.join(used['splits'])}, features {features}); "
             f"cross-validated macro-F1 category {cv['category']['cv_macro_f1']:.3f}, urgency "
             f"{max(cv['urgency']['cv_macro_f1_rules'], cv['urgency']['cv_macro_f1_model']):.3f} "
             f"(urgency from the {model.urgency_mode})",
             f"model written to {path}"]
    if any(r["split"] == "test" for r in rows):
        report = evaluate(rows, model=model)
        report["data"] = _describe(labels, messages)
        c = report["category"]
        lines.append(f"test split ({report['n']} messages): category macro-F1 model {c['model']['macro_f1']:.3f}, "
                     f"rules {c['rules']['macro_f1']:.3f}, keyword {c['keyword']['macro_f1']:.3f}, "
                     f"majority {c['majority']['macro_f1']:.3f}")
        if report_doc:
            meta = {**model.meta, "urgency_mode": model.urgency_mode}
            scoring.replace_section(report_doc, SECTION, report_markdown(report, model_meta=meta))
            lines.append(f"evaluation written to {report_doc}")
    elif report_doc:
        lines.append(f"no test split in {split or labels}: nothing written to {report_doc}")
    return lines


def evaluate_command(labels, *, messages=None, split=None, model=None, report_doc=None) -> str:
    """Score the model (shipped unless ``model`` names a file), the rules and the baselines."""
    rows = read_inbox_labels(labels, messages, split)
    chosen = load(model) if model else default_model()
    report = evaluate(rows, model=chosen)
    report["data"] = _describe(labels, messages)
    text = format_report(report)
    if report_doc:
        meta = {**(chosen.meta or {}), "urgency_mode": chosen.urgency_mode}
        scoring.replace_section(report_doc, SECTION, report_markdown(report, model_meta=meta))
        text += f"\n\nevaluation written to {report_doc}"
    return text
