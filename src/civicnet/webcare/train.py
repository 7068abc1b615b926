"""Training the inbox model on labelled citizen messages (``civicnet inbox train``).

Labels: a CSV with ``category`` and ``urgency`` per message (and optionally ``topic``),
with its text or joined to a messages CSV by ``id``; ``test`` rows are never read
here. The settings — the feature set (n-grams with or without the lexicon cues),
whether further labelled rows from elsewhere (``extra``, say the set written for
civicnet) join the training rows, the regularisation ``C`` of the category model and
of the urgency model, and whether the urgency comes from its model or from the rules
(danger cues, else by category: "urgency if it helps", ``urgency_mode``) — are chosen
by macro-F1 on:

* the ``dev`` split, when the rows have ``train`` and ``dev`` rows: each candidate is
  fitted on ``train`` (plus ``extra`` where that is the candidate) and its messages of
  ``dev`` are classified as the inbox does (with the safety rules of :mod:`.model`);
  the chosen models, fitted on ``train``, are the model;
* else 5-fold cross-validation over the training rows (``extra`` rows join every fold's
  training part only); the chosen settings are then fitted on all training rows.

Coded topics may use the coders' names (``verkeer_parkeren``, ``zorg_welzijn``,
``politiek``): they are read as the desks' codes (:data:`.organisation.TOPIC_ALIASES`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from civicnet import __version__
from civicnet.errors import InputError
from civicnet.text.labelled import choose, read_labelled

from .classify import CATEGORIES, URGENCIES, default_urgency
from .features import RULE_FEATURES, rule_features
from .model import InboxModel, model_text
from .organisation import TOPIC_ALIASES, TOPICS

MIN_ROWS = 30
#: The models read the texts without @mentions (:func:`.model.model_text`).
INPUT = "no-mentions"
FEATURES = ("ngrams+rules", "ngrams")
FEATURE_CHOICES = ("auto", *FEATURES)


def read_inbox_labels(labels, messages=None, split=None) -> list[dict]:
    """Rows ``{id, text, category, urgency, topic, split}``; unknown values are input errors."""
    rows = read_labelled(labels, messages, split, label_columns=("category", "urgency"), optional_columns=("topic",))
    out = []
    for row in rows:
        category, urgency = (row["category"] or "").strip().lower(), (row["urgency"] or "").strip().lower()
        if not category:
            continue  # not coded yet
        if category not in CATEGORIES:
            raise InputError(f"{labels} (line {row['line']}): unknown category {category!r}; use {', '.join(CATEGORIES)}")
        if urgency not in URGENCIES:
            raise InputError(f"{labels} (line {row['line']}): unknown urgency {urgency!r}; use {', '.join(URGENCIES)}")
        topic = (row.get("topic") or "").strip().lower() or None
        topic = TOPIC_ALIASES.get(topic, topic)
        if topic is not None and topic not in TOPICS:
            raise InputError(f"{labels} (line {row['line']}): unknown topic {topic!r}; use {', '.join(TOPICS)} "
                             f"(or {', '.join(TOPIC_ALIASES)}) or leave it empty")
        out.append({**row, "category": category, "urgency": urgency, "topic": topic})
    if not out:
        raise InputError(f"{labels}: no labelled rows (fill category and urgency)")
    return out


def _fingerprint(rows: Sequence[dict]) -> str:
    digest = hashlib.sha256()
    for r in sorted(rows, key=lambda r: (r["id"], r["text"])):
        digest.update(f"{r['id']}\t{r['text']}\t{r['category']}\t{r['urgency']}\n".encode())
    return digest.hexdigest()[:16]


def _macro(gold: Sequence[str], predicted: Sequence[str], classes: Sequence[str]) -> float:
    """Mean F1 of the classes present in ``gold`` (as the evaluation computes it)."""
    gold, predicted = np.asarray(gold, dtype=object), np.asarray(predicted, dtype=object)
    f1 = []
    for c in classes:
        g, p = gold == c, predicted == c
        if g.any():
            f1.append(2 * (g & p).sum() / (g.sum() + p.sum()))
    return round(float(np.mean(f1)), 4) if f1 else 0.0


class _Block:
    """Texts, labels and lexicon features of one set of rows."""

    def __init__(self, rows):
        self.texts = [r["text"] for r in rows]
        self.inputs = [model_text(t) for t in self.texts]  # what the linear models read
        self.category = [r["category"] for r in rows]
        self.urgency = [r["urgency"] for r in rows]
        self.dense, self.rules = rule_features(self.texts)

    def part(self, features: str, target: str) -> tuple:
        return self.inputs, getattr(self, target), (self.dense if features == "ngrams+rules" else None)


def _joined(train: _Block, extra: _Block | None, features: str, target: str) -> tuple:
    from civicnet.text.linear_train import join_rows

    first = train.part(features, target)
    return join_rows(first, extra.part(features, target), "multinomial") if extra is not None else first


def _names(features: str) -> tuple:
    return RULE_FEATURES if features == "ngrams+rules" else ()


def _candidates(features: str, extra, grid) -> list[tuple]:
    return [(f, e, C) for f in (FEATURES if features == "auto" else (features,))
            for e in ((False, True) if extra is not None else (False,)) for C in grid]


def _on_dev(train: _Block, dev: _Block, extra: _Block | None, features: str, grid, progress) -> dict:
    """Every candidate fitted on train (+extra), its dev messages classified as the inbox does."""
    from civicnet.text.linear_train import fit

    tried, candidates = [], _candidates(features, extra, grid)
    for n, (feats, with_extra, C) in enumerate(candidates):
        if progress:
            progress("choosing settings", n, len(candidates))
        more = extra if with_extra else None
        model = InboxModel(fit("inbox-category", "multinomial", CATEGORIES, *_joined(train, more, feats, "category"),
                               _names(feats), C=C).model, input=INPUT)
        predicted = [c.category for c in model.classify(dev.texts)]
        tried.append({"features": feats, "extra": with_extra, "C": C,
                      "macro_f1": _macro(dev.category, predicted, CATEGORIES), "model": model})
    best = max(tried, key=lambda r: (round(r["macro_f1"], 3), not r["extra"], r["features"] == "ngrams+rules",
                                     -abs(np.log(r["C"] / 4.0))))
    urgency = []
    more = extra if best["extra"] else None
    by_rules = [c.urgency for c in best["model"].classify(dev.texts)]
    urgency.append({"mode": "rules", "C": None, "macro_f1": _macro(dev.urgency, by_rules, URGENCIES)})
    for C in grid:
        model = fit("inbox-urgency", "multinomial", URGENCIES, *_joined(train, more, best["features"], "urgency"),
                    _names(best["features"]), C=C).model
        both = InboxModel(best["model"].category, model, "model", input=INPUT)
        levels = [c.urgency for c in both.classify(dev.texts)]
        urgency.append({"mode": "model", "C": C, "macro_f1": _macro(dev.urgency, levels, URGENCIES)})
    chosen = max(urgency, key=lambda r: (round(r["macro_f1"], 3), r["mode"] == "rules",
                                         -abs(np.log((r["C"] or 4.0) / 4.0))))
    return {"method": "dev split", "scored_messages": len(dev.texts),
            "category": {k: best[k] for k in ("features", "extra", "C", "macro_f1")},
            "urgency": {"mode": chosen["mode"], "C": chosen["C"] or grid[0], "macro_f1": chosen["macro_f1"],
                        "rules_macro_f1": urgency[0]["macro_f1"]},
            "candidates": [{k: r[k] for k in ("features", "extra", "C", "macro_f1")} for r in tried],
            "urgency_candidates": urgency}


def _by_cv(train: _Block, extra: _Block | None, features: str, grid, progress) -> dict:
    """Cross-validation over the training rows: C per candidate feature set and extra, then the urgency."""
    from civicnet.text.linear_train import tune

    tried = []
    for feats, with_extra in dict.fromkeys((f, e) for f, e, _ in _candidates(features, extra, grid)):
        more = extra.part(feats, "category") if with_extra else None
        t = tune("inbox-category", "multinomial", CATEGORIES, *train.part(feats, "category"), _names(feats), grid=grid,
                 progress=progress, extra=more)
        tried.append({"features": feats, "extra": with_extra, "C": t["C"], "macro_f1": t["cv_macro_f1"]})
    best = max(tried, key=lambda r: (r["macro_f1"], not r["extra"], r["features"] == "ngrams+rules"))
    urgency = _urgency_by_cv(train, extra if best["extra"] else None, best, grid, progress)
    return {"method": "5-fold cross-validation", "scored_messages": len(train.texts), "category": best,
            "urgency": urgency, "candidates": tried}


def _urgency_by_cv(train: _Block, extra: _Block | None, best: dict, grid, progress) -> dict:
    """Rules or model for the urgency: whichever scores the higher cross-validated macro-F1."""
    from civicnet.text.linear_train import out_of_fold, tune

    feats, names = best["features"], _names(best["features"])
    more = extra.part(feats, "urgency") if extra is not None else None
    tuning = tune("inbox-urgency", "multinomial", URGENCIES, *train.part(feats, "urgency"), names, grid=grid,
                  progress=progress, extra=more)
    probs = out_of_fold("inbox-urgency", "multinomial", URGENCIES, *train.part(feats, "urgency"), names, tuning["C"],
                        extra=more)
    cat_more = extra.part(feats, "category") if extra is not None else None
    category_probs = out_of_fold("inbox-category", "multinomial", CATEGORIES, *train.part(feats, "category"), names,
                                 best["C"], extra=cat_more)
    predicted = np.asarray(CATEGORIES, dtype=object)[category_probs.argmax(axis=1)]
    urgent = [bool(cues.found.get("urgent")) for cues, _ in train.rules]
    by_rules = [default_urgency(c, ["x"] if u else [], False) for c, u in zip(predicted, urgent)]
    normal_or_low = [URGENCIES.index("normal"), URGENCIES.index("low")]
    by_model = ["high" if u else URGENCIES[normal_or_low[int(np.argmax(p[normal_or_low]))]] for p, u in zip(probs, urgent)]
    rules, model = _macro(train.urgency, by_rules, URGENCIES), _macro(train.urgency, by_model, URGENCIES)
    return {"mode": "model" if model > rules else "rules", "C": tuning["C"], "macro_f1": max(rules, model),
            "rules_macro_f1": rules}


def train(rows: Sequence[dict], *, source: str = "", features: str = "auto", extra: Sequence[dict] = (),
          extra_source: str = "", grid=None, progress=None) -> InboxModel:
    """Choose the settings and fit the inbox model on labelled rows (module docstring).

    ``features="ngrams"`` leaves the rule features out: do so when the rows are the ones
    the lexicons were written on (there the rules look better than they are); ``"auto"``
    takes whichever scores better. ``extra``: further labelled rows, used only when they
    raise the selection score.
    """
    from civicnet.text.linear_train import C_GRID, fit

    if features not in FEATURE_CHOICES:
        raise ValueError(f"features must be one of {', '.join(FEATURE_CHOICES)}")
    rows = list(rows)
    on_dev = any(r["split"] == "dev" for r in rows) and any(r["split"] == "train" for r in rows)
    use = choose(rows, ("train",) if on_dev else ("train", "dev"))
    name = source or "labels"
    if len(use) < MIN_ROWS:
        raise InputError(f"{name}: {len(use)} labelled messages to train on; label at least {MIN_ROWS} to train a model")
    missing = sorted(set(CATEGORIES) - {r["category"] for r in use})
    if missing:
        raise InputError(f"{name}: no messages of category {', '.join(missing)}; every category needs labelled examples")
    grid = grid or C_GRID
    block, more = _Block(use), (_Block(list(extra)) if extra else None)
    chosen = (_on_dev(block, _Block(choose(rows, ("dev",))), more, features, grid, progress) if on_dev
              else _by_cv(block, more, features, grid, progress))
    cat, urg = chosen["category"], chosen["urgency"]
    final = more if cat["extra"] else None
    counts = Counter(r["category"] for r in use)
    meta = {"trained_on": {"source": source, "splits": ["train"] if on_dev else ["train", "dev"], "messages": len(use),
                           "categories": {c: counts.get(c, 0) for c in CATEGORIES},
                           "urgencies": dict(Counter(r["urgency"] for r in use)), "sha256": _fingerprint(use)},
            "extra": ({"source": extra_source, "messages": len(extra), "used": cat["extra"],
                       "sha256": _fingerprint(extra)} if extra else None),
            "features": cat["features"], "selection": chosen, "civicnet_version": __version__}
    category = fit("inbox-category", "multinomial", CATEGORIES, *_joined(block, final, cat["features"], "category"),
                   _names(cat["features"]), C=cat["C"]).model
    urgency = fit("inbox-urgency", "multinomial", URGENCIES, *_joined(block, final, cat["features"], "urgency"),
                  _names(cat["features"]), C=urg["C"]).model
    return InboxModel(category, urgency, urg["mode"], meta, INPUT)
