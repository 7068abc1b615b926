"""The trained typology classifier: a linear model shipped as JSON, applied with numpy.

Features: TF-IDF word 1–2-grams and character 2–5-grams (:mod:`civicnet.text.linear`)
plus, unless trained with ``features="ngrams"``, the rule features — the six decisions
of the codebook rules and which of their marker lists fired (:func:`rule_features`,
:data:`RULE_FEATURES`). One logistic
regression per type (one-vs-rest); a type is assigned when its probability reaches
the type's threshold (chosen on the dev split, or by cross-validation, when the model
was trained: :mod:`~civicnet.text.typology.train`). The codebook's decision rules then
apply (:func:`decide_sets`): a message without content (fewer than two words besides
links, handles, hashtags and emoji) is *none*; a message with content gets at least
its most likely type (probability relative to the threshold); neutral is exclusive
(kept alone when it is the most likely of the assigned types, else dropped); and
``personal`` is limited as the model was chosen with (:data:`PERSONAL_RULES`: not in
the organisation's own voice, or only with the first person singular or an everyday
feeling; the markers of :func:`~civicnet.text.typology.rules.analyse`).
``meta.decision`` in the model file says which rules it uses.

The shipped model, ``data/typology-model.json``, is loaded by default
(:func:`shipped_model`; ``meta.trained_on`` in it says on which data it was trained,
docs/typology.md), unless the environment variable ``CIVICNET_TYPOLOGY_MODEL`` names
another model file (:func:`default_model`): that is how ``civicnet run`` uses a model a
team trained on its own coded messages. Train your own with ``civicnet typology train``
(:mod:`civicnet.text.typology.train`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from civicnet.text.linear import LinearModel, load_model
from civicnet.text.typology.rules import MARKERS, TYPES, analyse, analyse_counted, content_words

TASK = "typology"
#: The rule features, in the model's order.
RULE_FEATURES: tuple[str, ...] = (*(f"rule:{t}" for t in TYPES), *(f"marker:{m}" for m in MARKERS), "length")
SHIPPED = "typology-model.json"


#: The decision rules of a model trained by this version: ``neutral`` ``"compare"`` keeps neutral alone
#: when its probability (relative to its threshold) beats every other assigned type's, else drops it;
#: ``personal`` (chosen when the model is trained, :data:`PERSONAL_RULES`) says what *personal* needs.
DECISION = {"neutral": "compare", "personal": "any"}
#: ``any``: nothing more; ``own_voice``: not in the organisation's own voice (*wij*, *de gemeente*)
#: unless in the first person singular; ``marker``: the first person singular or an everyday feeling.
PERSONAL_RULES = ("any", "own_voice", "marker")
#: The decision rules of model files written before ``meta.decision`` existed.
LEGACY_DECISION = {"neutral": "drop", "personal": "marker"}


def _personal_allowed(rule: str, found: dict) -> bool:
    if rule == "marker":
        return bool(found.get("first_person") or found.get("feeling"))
    if rule == "own_voice":
        return bool(found.get("first_person") or not found.get("organisation_voice"))
    return True


def decide_sets(texts: Sequence[str | None], probs: np.ndarray, thresholds: dict[str, float],
                markers: Sequence[dict], *, neutral: str = "compare", personal: str = "any",
                words: Sequence[int] | None = None) -> list[frozenset[str]]:
    """Label sets from probabilities (texts × :data:`TYPES`) and per-type thresholds.

    A text with fewer than two words of content is *none*; a type is assigned when its
    probability reaches its threshold, and a text with content gets at least its most
    likely type (probability relative to its threshold). ``personal`` (one of
    :data:`PERSONAL_RULES`) limits *personal* by ``markers``, the rule markers of each
    text. Neutral is exclusive: ``neutral="compare"`` keeps it alone when its relative
    probability is the highest of the assigned types, else drops it; ``"drop"`` always
    drops it beside another type. ``words``: each text's number of content words when the
    caller counted them already (:func:`~civicnet.text.typology.rules.analyse_counted`).

    All texts at once, with numpy: the same element-wise comparisons and ratios as one
    text at a time.
    """
    n = len(texts)
    if words is None:
        words = [len(content_words(t)) if t else 0 for t in texts]
    probs = np.asarray(probs, dtype=np.float64).reshape(n, len(TYPES))
    cut = np.array([thresholds[t] for t in TYPES])
    ni, pi = TYPES.index("neutral"), TYPES.index("personal")
    allowed = np.ones((n, len(TYPES)), dtype=bool)
    allowed[:, pi] = [_personal_allowed(personal, found) for found in markers]
    ratio = np.where(allowed, probs / cut, -1.0)
    chosen = allowed & (probs >= cut)
    none_reached = np.flatnonzero(~chosen.any(axis=1))
    chosen[none_reached, np.argmax(ratio[none_reached], axis=1)] = True  # at least the most likely type
    beside = chosen[:, ni] & (chosen.sum(axis=1) > 1)  # neutral and another type
    others = chosen.copy()
    others[:, ni] = False
    alone = np.zeros(n, dtype=bool)
    if neutral == "compare":
        alone = beside & (ratio[:, ni] >= np.where(others, ratio, -np.inf).max(axis=1, initial=-np.inf))
    chosen[beside] = others[beside]
    chosen[alone] = False
    chosen[alone, ni] = True
    content = [bool(t) and w >= 2 for t, w in zip(texts, words)]
    return [frozenset(t for t, c in zip(TYPES, row) if c) if has else frozenset()
            for row, has in zip(chosen.tolist(), content)]


def rule_features(texts: Sequence[str | None], language: str | None = None) -> tuple[np.ndarray, list[dict]]:
    """Rule features (texts × :data:`RULE_FEATURES`) and each text's markers (for explanations)."""
    features, markers, _ = rule_analysis(texts, language)
    return features, markers


def rule_analysis(texts: Sequence[str | None], language: str | None = None
                  ) -> tuple[np.ndarray, list[dict], list[int]]:
    """:func:`rule_features` and each text's number of content words (for :func:`decide_sets`),
    from one pass of the rules over each text (:func:`~civicnet.text.typology.rules.analyse_counted`)."""
    rows, markers, counts = [], [], []
    for text in texts:
        types, found, words = analyse_counted(text, language)
        rows.append([1.0 if t in types else 0.0 for t in TYPES] + [1.0 if m in found else 0.0 for m in MARKERS]
                    + [min(math.log1p(words) / 4.0, 1.5)])
        markers.append(found)
        counts.append(words)
    features = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(RULE_FEATURES))
    return features, markers, counts


@dataclass
class TypologyModel:
    """A typology model: :class:`~civicnet.text.linear.LinearModel` plus the codebook's decision rules."""

    linear: LinearModel

    @property
    def thresholds(self) -> dict[str, float]:
        return {t: float(self.linear.thresholds.get(t, 0.5)) for t in TYPES}

    def probabilities(self, texts: Sequence[str | None], language: str | None = None) -> np.ndarray:
        """Probabilities (texts × :data:`TYPES`)."""
        dense = rule_features(texts, language)[0] if self.linear.dense else None
        return self._probabilities(texts, dense)

    def _probabilities(self, texts: Sequence[str | None], dense: np.ndarray | None) -> np.ndarray:
        p = self.linear.probabilities(list(texts), dense)
        return p[:, [self.linear.classes.index(t) for t in TYPES]]

    @property
    def decision(self) -> dict:
        """The decision rules the model was chosen with (:data:`DECISION`; older files: :data:`LEGACY_DECISION`)."""
        return {**LEGACY_DECISION, **(self.linear.meta.get("decision") or {})}

    def decide(self, texts: Sequence[str | None], probs: np.ndarray, language: str | None = None) -> list[frozenset[str]]:
        """Label sets from probabilities, with the codebook's decision rules (module docstring)."""
        markers = [analyse(t, language)[1] if self.decision["personal"] != "any" else {} for t in texts]
        return decide_sets(texts, probs, self.thresholds, markers, **self.decision)

    def predict(self, texts: Sequence[str | None], language: str | None = None) -> list[frozenset[str]]:
        """Per text, the assigned types (empty set: none): :meth:`probabilities` and :meth:`decide`,
        with the rules run once per text for the features, the markers and the content words."""
        texts = list(texts)
        if not self.linear.dense and self.decision["personal"] == "any":  # an n-gram model: no rules needed
            return self.decide(texts, self._probabilities(texts, None), language)
        dense, markers, words = rule_analysis(texts, language)
        probs = self._probabilities(texts, dense if self.linear.dense else None)
        if self.decision["personal"] == "any":
            markers = [{} for _ in texts]
        return decide_sets(texts, probs, self.thresholds, markers, words=words, **self.decision)


def load(path: str | Path) -> TypologyModel:
    """A typology model from a JSON file written by ``civicnet typology train``."""
    return TypologyModel(load_model(path, task=TASK, dense=RULE_FEATURES))


#: Environment variable naming a model file to use instead of the shipped one (``civicnet run`` included).
ENV = "CIVICNET_TYPOLOGY_MODEL"


def default_model() -> TypologyModel:
    """The model used when none is given: the file :data:`ENV` names, else the shipped one."""
    path = os.environ.get(ENV)
    if not path:
        return shipped_model()
    stat = Path(path).stat() if Path(path).is_file() else None
    return _cached(path, stat.st_mtime_ns if stat else None)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: int | None) -> TypologyModel:
    return load(path)


@lru_cache(maxsize=1)
def shipped_model() -> TypologyModel:
    """The model shipped with civicnet (read once per process; it is package data, not store state)."""
    with resources.as_file(resources.files("civicnet.text.typology").joinpath("data", SHIPPED)) as path:
        return load(path)
