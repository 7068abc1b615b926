"""The library side of ``civicnet inbox train`` and ``civicnet inbox evaluate``.

Each returns the lines the command prints; the CLI only echoes them.
"""

from __future__ import annotations

from civicnet.text import scoring
from civicnet.text.labelled import choose

from .evaluate import evaluate, format_report, report_markdown
from .model import default_model, load
from .train import read_inbox_labels, train

#: The marker name of the generated tables in docs/webcare.md.
SECTION = "inbox-evaluation"


def _describe(labels, messages) -> str:
    return str(labels) + (f" + {messages}" if messages else "")


def _selection_line(meta: dict, mode: str) -> str:
    used, sel = meta["trained_on"], meta["selection"]
    cat, urg = sel["category"], sel["urgency"]
    where = ("cross-validated macro-F1" if sel["method"] != "dev split"
             else f"dev-split macro-F1 ({sel['scored_messages']} messages; settings chosen there)")
    extra = meta.get("extra")
    more = f"; extra rows {'used' if extra['used'] else 'not used'} ({extra['messages']})" if extra else ""
    return (f"trained on {used['messages']} labelled messages ({'/'.join(used['splits'])}, features {cat['features']}"
            f"{more}); {where}: category {cat['macro_f1']:.3f}, urgency {urg['macro_f1']:.3f} (urgency from the {mode})")


def train_command(labels, out, *, messages=None, split=None, features="auto", extra=None, report_doc=None,
                  progress=None) -> list[str]:
    """Train on the labelled rows and save the model; with a test split, also score it (and write ``report_doc``).

    ``extra``: a further labelled CSV whose train/dev rows (or all, without a split) may join
    the training rows when that raises the selection score (:func:`.train.train`).
    """
    rows = read_inbox_labels(labels, messages, split)
    extra_rows = choose(read_inbox_labels(extra), ("train", "dev")) if extra else []
    model = train(rows, source=_describe(labels, messages), features=features, extra=extra_rows,
                  extra_source=str(extra or ""), progress=progress)
    path = model.save(out)
    lines = [_selection_line(model.meta, model.urgency_mode), f"model written to {path}"]
    if any(r["split"] == "test" for r in rows):
        report = evaluate(rows, model=model)
        report["data"] = _describe(labels, messages)
        c = report["category"]
        lines.append(f"test split ({report['n']} messages): category macro-F1 model {c['model']['macro_f1']:.3f}, "
                     f"rules {c['rules']['macro_f1']:.3f}, keyword {c['keyword']['macro_f1']:.3f}, "
                     f"majority {c['majority']['macro_f1']:.3f}")
        if report_doc:
            meta = {**model.meta, "urgency_mode": model.urgency_mode}
            dev = evaluate(rows, model=model, on="dev") if meta["selection"]["method"] == "dev split" else None
            scoring.replace_section(report_doc, SECTION, report_markdown(report, model_meta=meta, dev=dev))
            lines.append(f"evaluation written to {report_doc}")
    elif report_doc:
        lines.append(f"no test split in {split or labels}: nothing written to {report_doc}")
    return lines


def evaluate_command(labels, *, messages=None, split=None, model=None, report_doc=None, on="test",
                     section=SECTION) -> str:
    """Score the model (shipped unless ``model`` names a file), the rules and the baselines.

    ``report_doc``: write the tables between the ``section`` markers of that document
    (per-class tables and routing only in the main section, :data:`SECTION`).
    """
    rows = read_inbox_labels(labels, messages, split)
    chosen = load(model) if model else default_model()
    report = evaluate(rows, model=chosen, on=on)
    report["data"] = _describe(labels, messages)
    text = format_report(report)
    if report_doc:
        detail = section == SECTION
        meta = {**(chosen.meta or {}), "urgency_mode": chosen.urgency_mode} if detail else None
        scoring.replace_section(report_doc, section, report_markdown(report, model_meta=meta, detail=detail))
        text += f"\n\nevaluation written to {report_doc}"
    return text
