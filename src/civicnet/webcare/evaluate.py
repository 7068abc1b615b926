"""How well the inbox classifiers do on labelled citizen messages, with intervals and baselines.

For the category and the urgency, per class precision, recall and F1 with 95 %
bootstrap intervals, macro-F1 with its interval, and the confusion matrix
(:mod:`civicnet.text.scoring`), for:

* ``majority`` — the most frequent class of the model's training rows for every message;
* ``keyword`` — :data:`KEYWORDS`: a few words per category and for high urgency,
  written once before any evaluation and never tuned; the first category in
  :data:`KEYWORD_ORDER` with a hit wins, no hit gives the majority class;
* ``rules`` — the lexicon rules alone (:func:`.classify.classify_rules`);
* ``model`` — the trained model with its safety rules (:mod:`.model`), the shipped one
  unless another is given.

Rows scored: the ``test`` split when the rows have splits, else all rows given. The
shipped labelled sets (``data/labelled/dev.csv`` and ``test.csv``: written for
civicnet, docs/webcare.md) are read by :func:`load_labelled`.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from importlib import resources

from civicnet.text import scoring

from .classify import CATEGORIES, URGENCIES, classify_rules

SPLITS = ("dev", "test")
METHODS = ("majority", "keyword", "rules", "model")

#: The keyword baseline: written once, never tuned on any split.
KEYWORDS = {
    "abuse": ["idioot", "idioten", "debiel", "sukkels", "kanker", "tering", "oprotten", "klootzak", "tuig"],
    "rumour": ["gerucht", "klopt het dat", "ik hoor", "schijnt", "is het waar"],
    "report": ["kapot", "ligt", "losliggende", "lantaarnpaal", "lekkage", "gevaarlijk", "verstopt"],
    "complaint": ["klacht", "slecht", "belachelijk", "schande", "nog steeds", "waardeloos"],
    "praise": ["bedankt", "dank", "top", "goed gedaan", "compliment", "super"],
    "question": ["wanneer", "hoe", "waar", "waarom", "kan ik", "mag ik", "?"],
    "noise": ["gratis", "winnen", "klik", "volg"],
}
KEYWORD_ORDER = ("abuse", "rumour", "report", "complaint", "praise", "question", "noise")
HIGH_KEYWORDS = ["brand", "gas", "ongeluk", "gewond", "gevaar", "gevaarlijk", "112", "spoed", "overstroming"]
_RX = {k: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ws) + r")(?!\w)" if k != "question" else
                     r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ws if w != "?") + r")(?!\w)|\?", re.IGNORECASE)
       for k, ws in KEYWORDS.items()}
_HIGH = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in HIGH_KEYWORDS) + r")(?!\w)", re.IGNORECASE)


def load_labelled(split: str) -> list[dict]:
    """Rows ``{text, category, urgency}`` of the shipped ``dev`` or ``test`` set."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")
    text = resources.files("civicnet.webcare").joinpath(f"data/labelled/{split}.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def keyword_baseline(text: str | None, majority: tuple[str, str]) -> tuple[str, str]:
    """(category, urgency) by :data:`KEYWORDS`; ``majority`` (category, urgency) when nothing matches."""
    text = text or ""
    category = next((k for k in KEYWORD_ORDER if _RX[k].search(text)), majority[0])
    return category, ("high" if _HIGH.search(text) else majority[1])


def score(gold: Sequence[str], predicted: Sequence[str], classes: Sequence[str]) -> dict:
    """Scores with intervals and the confusion matrix of single-label predictions."""
    result = scoring.scores(scoring.as_matrix(gold, classes), scoring.as_matrix(predicted, classes), classes)
    result["accuracy"] = result.pop("exact_match")
    result["confusion"] = scoring.confusion(gold, predicted, classes)
    return result


def _majority(model) -> tuple[str, str]:
    trained = (model.meta or {}).get("trained_on", {})
    cats, urgs = trained.get("categories") or {}, trained.get("urgencies") or {}
    category = max(CATEGORIES, key=lambda c: (cats.get(c, 0), -CATEGORIES.index(c)))
    urgency = max(URGENCIES, key=lambda u: (urgs.get(u, 0), -URGENCIES.index(u)))
    return category, urgency


def evaluate(rows: Sequence[dict], *, model=None, methods: Sequence[str] = METHODS, on: str = "test") -> dict:
    """Score the methods on the ``on`` split (``test`` or ``dev``) of ``rows`` (all rows when there is no split).

    Returns ``{"n", "scored", "majority": [category, urgency], "category": {method: scores},
    "urgency": {method: scores}, "routing": scores or None}``.
    """
    from .model import default_model

    if on not in ("test", "dev"):
        raise ValueError("on must be test or dev")
    model = model or default_model()
    rows = list(rows)
    has_split = any(r.get("split") for r in rows)
    scored = [r for r in rows if r.get("split") == on] if has_split else rows
    texts = [r["text"] for r in scored]
    common = _majority(model)
    predict = {
        "majority": lambda: [common] * len(texts),
        "keyword": lambda: [keyword_baseline(t, common) for t in texts],
        "rules": lambda: [(c.category, c.urgency) for c in map(classify_rules, texts)],
        "model": lambda: [(c.category, c.urgency) for c in model.classify(texts)],
    }
    out = {"n": len(scored), "scored": f"{on} split" if has_split else "all rows", "majority": list(common),
           "category": {}, "urgency": {}}
    for m in methods:
        pairs = predict[m]()
        out["category"][m] = score([r["category"] for r in scored], [p[0] for p in pairs], CATEGORIES)
        out["urgency"][m] = score([r["urgency"] for r in scored], [p[1] for p in pairs], URGENCIES)
    out["routing"] = routing(rows, model, on=on)
    return out


def routing(rows: Sequence[dict], model=None, *, on: str = "test") -> dict | None:
    """How often the shipped municipal routes send a message to the desk its ``topic`` names.

    Only rows with a ``topic`` (the ``on`` split when there is one) count; each is classified
    by the model and routed by ``municipality.yaml``; the route's desk code
    (:data:`~civicnet.webcare.organisation.MUNICIPAL_TOPICS`) is compared with the topic.
    None when no row has a topic.
    """
    from .inbox import route
    from .model import default_model
    from .organisation import MUNICIPAL_TOPICS, TOPICS, shipped_routes

    rows = list(rows)
    has_split = any(r.get("split") for r in rows)
    scored = [r for r in rows if (r.get("topic") or "").strip() and (not has_split or r.get("split") == on)]
    if not scored:
        return None
    model = model or default_model()
    routes = shipped_routes("municipality")
    predicted = []
    for r, c in zip(scored, model.classify([r["text"] for r in scored])):
        item = {"text": r["text"], "category": c.category, "urgency": c.urgency, "account": None, "language": "nl"}
        predicted.append(MUNICIPAL_TOPICS.get(route(item, routes)[0], "overig"))
    gold = [r["topic"].strip().lower() for r in scored]
    return score(gold, predicted, TOPICS)


def format_report(report: dict) -> str:
    """Plain text for the CLI: macro-F1 and accuracy of every method, per-class F1 of the model."""
    lines = [f"data: {report.get('data', '')}   messages scored: {report['n']} ({report['scored']})"]
    if report.get("routing"):
        r = report["routing"]
        lines += ["", f"routing (shipped municipal rules against topic, {r['n']} messages): accuracy {r['accuracy']:.3f}, "
                      f"macro-F1 {r['macro_f1']:.3f}"]
    for key, classes in (("category", CATEGORIES), ("urgency", URGENCIES)):
        lines += ["", f"{key}: {'method':<9}" + "".join(f"{c[:9]:>10}" for c in classes) + "  macro-F1  95 % CI   accuracy"]
        for name, s in report[key].items():
            ci = s["macro_f1_ci"] or ["", ""]
            lines.append(f"{'':<{len(key) + 2}}{name:<9}" + "".join(f"{s['per_class'][c]['f1']:>10.3f}" for c in classes)
                         + f"  {s['macro_f1']:.3f}   {ci[0]}–{ci[1]}  {s['accuracy']:.3f}")
    return "\n".join(lines)


def describe_model(meta: dict) -> str:
    """One paragraph: what the model was trained on and how its settings were chosen."""
    sel, extra = meta.get("selection"), meta.get("extra")
    text = scoring.trained_on(meta, "labelled")
    if not sel:  # a model file of an earlier version
        cv = meta.get("cv", {})
        return text + (f"; features {meta.get('features')}; C chosen by 5-fold cross-validation (category "
                       f"{cv.get('category', {}).get('C')}, macro-F1 {cv.get('category', {}).get('cv_macro_f1')}; "
                       f"urgency from the {meta.get('urgency_mode', '')}).")
    cat, urg = sel["category"], sel["urgency"]
    features = sorted({c["features"] for c in sel["candidates"]})
    return text + (f". Settings chosen on the {sel['method']} ({sel['scored_messages']} messages) among feature sets "
                   f"{', '.join(features)}{', with and without the extra rows' if extra else ''} and C: features "
                   f"{cat['features']}, category C = {cat['C']:g} (macro-F1 there {cat['macro_f1']:.3f}); urgency from "
                   f"the {urg['mode']} (macro-F1 there {urg['macro_f1']:.3f}; rules {urg['rules_macro_f1']:.3f}).")


def _methods(report: dict, key: str, classes) -> list[str]:
    accuracy = ", ".join(f"{m} {s['accuracy']:.2f}" for m, s in report[key].items())
    return [scoring.methods_table(report[key], classes), "", f"Accuracy: {accuracy}."]


def report_markdown(report: dict, *, model_meta: dict | None = None, dev: dict | None = None,
                    detail: bool = True) -> str:
    """The evaluation as Markdown for docs/webcare.md (between its markers).

    ``dev``: the same methods scored on the dev split (tables before the test's);
    ``detail``: per-class tables, confusion matrices and the routing.
    """
    out = [f"Data: {report.get('data', '')}; {report['n']} messages scored ({report['scored']}); "
           f"majority class of the training rows: `{report['majority'][0]}` / `{report['majority'][1]}`."]
    if model_meta:
        out.append(describe_model(model_meta))
    if dev:
        for key, classes in (("category", CATEGORIES), ("urgency", URGENCIES)):
            out += ["", f"**Dev split** ({dev['n']} messages; the settings were chosen on it, so these figures are "
                        f"optimistic), {key}, F1 per class; macro-F1 with its 95 % bootstrap interval:", "",
                    *_methods(dev, key, classes)]
    scored = report["scored"].capitalize()
    for key, classes in (("category", CATEGORIES), ("urgency", URGENCIES)):
        out += ["", f"**{scored}**, {key}, F1 per class; macro-F1 with its 95 % bootstrap interval:", "",
                *_methods(report, key, classes)]
        for name in [m for m in report[key] if m in ("model", "rules")] if detail else []:
            s = report[key][name]
            out += ["", f"**{name}**, {key} per class (95 % bootstrap intervals):", "", scoring.class_table(s, classes),
                    "", scoring.confusion_table(s["confusion"], classes)]
    if report.get("routing") and detail:
        from .organisation import TOPICS

        r = report["routing"]
        out += ["", f"**Routing** with the shipped municipal rules against the coded `topic` ({r['n']} messages): "
                    f"accuracy {r['accuracy']:.2f}, macro-F1 {r['macro_f1']:.2f}.", "", scoring.class_table(r, TOPICS),
                "", scoring.confusion_table(r["confusion"], TOPICS)]
    return "\n".join(out) + "\n"


def gold_counts(rows: Sequence[dict]) -> dict:
    """Rows per category and per urgency (for the docs)."""
    return {"category": dict(Counter(r["category"] for r in rows)), "urgency": dict(Counter(r["urgency"] for r in rows))}
