"""The trained inbox classifier: category (and urgency) by a linear model, with safety rules.

Two linear models (:mod:`civicnet.text.linear`, shipped as JSON in
``data/inbox-model.json``, applied with numpy): the **category** (one of seven, a
softmax over word and character n-grams and, unless trained with
``features="ngrams"``, the rule features of :mod:`.features`) and the **urgency**
(high, normal, low, the same features). Around them, rules that no
model overrules, because an inbox must not get them wrong:

1. nothing but mentions, links or emoji: ``noise``, urgency low;
2. a threat (*ik weet waar je woont*): ``abuse``, urgency high;
3. insults are never ``praise``: a message the model calls praise that carries an
   insult is ``abuse``;
4. a question is never dropped: a message that asks something (:func:`civicnet.text.questions.is_question`)
   and that the model calls praise or noise without a praise or spam cue is a ``question``
   (praise and noise get no answer target);
5. danger to people or property (a tree across a road, gas, fire, water in homes,
   violence, people hurt or missing; :data:`civicnet.webcare.lexicon.URGENT`, not
   negated in its clause): urgency ``high``, whatever the model says;
6. urgency ``high`` needs a danger cue or a threat (the codebook's definition), so an
   item reaches the top of the queue for a reason the inbox can show;
7. the model does not overrule a cue with words it has never seen: a message whose content
   words are none of them in the category model's word vocabulary (:meth:`InboxModel.unknown_words`)
   and in which the rules found a cue of their lexicons (:data:`CUE_RULES`: *Prachtige foto*,
   a compliment) gets the rules' category and urgency, with the cue ``unknown_words`` for the
   reason. The shipped model learnt from replies to politicians and report forms; on a page's
   comments it is unsure of everything (top probability ~0.2 of seven) and called photo
   compliments breached reports. Where the rules found no cue the model decides, as it does
   better there (docs/webcare.md, "Known weakness": measured on cross-validation, the written
   test set and dev).

Otherwise the urgency is the urgency model's more likely of normal and low (when the
model file was trained with one and the selection showed it helps: ``urgency_mode``
``"model"``) or follows the category (low for praise, noise and abuse, else normal:
``urgency_mode`` ``"rules"``).
Every decision keeps its cues and the model's probability for the reason column.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from civicnet.errors import InputError
from civicnet.text._patterns import MENTION
from civicnet.text.linear import LinearModel, normalise, read_json, word_tokens
from civicnet.text.stopwords import stop_words

from .classify import CATEGORIES, URGENCIES, Classification, default_urgency
from .features import RULE_FEATURES, rule_features

FORMAT = "civicnet.inbox/1"
SHIPPED = "inbox-model.json"


@dataclass
class InboxModel:
    """The category model, the optional urgency model and how urgency is decided."""

    category: LinearModel
    urgency: LinearModel | None = None
    urgency_mode: str = "rules"
    meta: dict | None = None
    #: What the linear models read: ``"raw"`` the text, ``"no-mentions"`` the text without @mentions
    #: (:func:`model_text`; models trained by this version).
    input: str = "raw"

    def classify(self, texts: Sequence[str | None], languages: Sequence[str | None] | None = None) -> list[Classification]:
        """One :class:`~.classify.Classification` per text (module docstring)."""
        texts = list(texts)
        if not texts:
            return []
        dense, rules = rule_features(texts, languages)
        inputs = [model_text(t) for t in texts] if self.input == "no-mentions" else texts
        probs = self.category.probabilities(inputs, dense if self.category.dense else None)
        urgency = None
        if self.urgency is not None and self.urgency_mode == "model":
            urgency = self.urgency.probabilities(inputs, dense if self.urgency.dense else None)
        out = []
        for i, (cues, rule) in enumerate(rules):
            if rule.rule in ("nothing but mentions, links or emoji", "threat"):
                out.append(rule)
                continue
            if rule.rule in CUE_RULES and self.unknown_words(inputs[i]):
                out.append(replace(rule, cues=(UNKNOWN_WORDS,) + rule.cues, rule=f"{rule.rule}; {UNKNOWN_WORDS}"))
                continue
            best = int(np.argmax(probs[i]))
            category, p = self.category.classes[best], float(probs[i, best])
            found = _cues_for(category, cues)
            how = "model"
            if category == "praise" and cues.found.get("insult"):
                category, found, how = "abuse", list(cues.found["insult"]), "model; insult, never praise"
            elif category in ("praise", "noise") and cues.asks and not cues.found.get(category if category == "praise" else "spam"):
                category, found, how = "question", ["question"], "model; a question is never dropped"
            urgent = list(cues.found.get("urgent", []))
            if urgent:
                level = "high"
            elif urgency is not None:  # high needs a danger cue or a threat (rules 2 and 5)
                ranked = [self.urgency.classes[k] for k in np.argsort(-urgency[i], kind="stable")]
                level = next(u for u in ranked if u != "high")
            else:
                level = default_urgency(category, [], False)
            out.append(Classification(category, level, tuple(found), tuple(urgent), how, round(p, 3)))
        return out

    def unknown_words(self, text: str) -> bool:
        """Whether ``text`` (as the models read it) has content words and the category model knows
        none of them (rule 7): the words of :func:`~civicnet.text.linear.normalise`-d text that
        are letters, not stop words (Dutch and English) and not stand-ins for links or handles,
        against the vocabulary of the model's word block. A model without a word block knows no
        words to compare: it always decides."""
        vocabulary = next((b.vocabulary for b in self.category.blocks if b.analyzer == "words"), None)
        if vocabulary is None:
            return False
        stop = _stop_words()
        words = [w for w in word_tokens(normalise(text)) if w.isalpha() and w not in stop]
        return bool(words) and not any(w in vocabulary for w in words)

    def to_json(self) -> dict:
        return {"format": FORMAT, "category": self.category.to_json(),
                "urgency": self.urgency.to_json() if self.urgency is not None else None,
                "urgency_mode": self.urgency_mode, "input": self.input, "meta": self.meta or {}}

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        return path


#: The cue of rule 7 (the reason column: "the model knows none of its words").
UNKNOWN_WORDS = "unknown_words"
#: The rules' decisions that rest on a cue of their lexicons (:func:`civicnet.webcare.classify.classify_rules`),
#: which rule 7 prefers to a model that knows none of the message's words.
CUE_RULES = ("highest cue score", "spam cue")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return stop_words("nl") | stop_words("en")


def _cues_for(category: str, cues) -> list[str]:
    if category == "abuse":
        return list(cues.found.get("insult", []))
    if category == "question":
        return ["question"] if cues.asks else []
    if category == "noise":
        return list(cues.found.get("spam", []))
    found = list(cues.found.get(category, []))
    return found + [w for w in cues.found.get("report_weak", []) if category == "report" and w not in found]


def from_json(data: dict, source: str = "model") -> InboxModel:
    """An :class:`InboxModel` from parsed JSON; :class:`InputError` when it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{source}: not a civicnet inbox model (expected \"format\": \"{FORMAT}\")")
    category = LinearModel.from_json(data.get("category"), task="inbox-category", dense=RULE_FEATURES, source=source)
    if set(category.classes) != set(CATEGORIES):
        raise InputError(f"{source}: the category model must know the classes {', '.join(CATEGORIES)}")
    urgency = None
    if data.get("urgency"):
        urgency = LinearModel.from_json(data["urgency"], task="inbox-urgency", dense=RULE_FEATURES, source=source)
        if set(urgency.classes) != set(URGENCIES):
            raise InputError(f"{source}: the urgency model must know {', '.join(URGENCIES)}")
    mode = data.get("urgency_mode", "rules")
    if mode not in ("rules", "model") or (mode == "model" and urgency is None):
        raise InputError(f"{source}: urgency_mode must be rules, or model with an urgency model")
    if data.get("input", "raw") not in ("raw", "no-mentions"):
        raise InputError(f"{source}: input must be raw or no-mentions")
    return InboxModel(category, urgency, mode, dict(data.get("meta") or {}), data.get("input", "raw"))


def model_text(text: str | None) -> str:
    """The text as the linear models of this version read it: without @mentions.

    Every inbox message is addressed to government; whether it names the account depends
    on the platform (a tweet does, a Facebook comment or a report form does not), not on
    what the message is, so the models do not see it. (In the real training set every
    report came from a report form without mentions: with them, a model learnt that a
    short message without a mention is a report.)
    """
    return " ".join(MENTION.sub(" ", text or "").split())


def load(path: str | Path) -> InboxModel:
    """An inbox model written by ``civicnet inbox train``."""
    return from_json(read_json(path), str(path))


#: Environment variable naming a model file to use instead of the shipped one.
ENV = "CIVICNET_INBOX_MODEL"


def default_model() -> InboxModel:
    """The model used when none is given: the file :data:`ENV` names, else the shipped one."""
    path = os.environ.get(ENV)
    if not path:
        return shipped_model()
    stat = Path(path).stat() if Path(path).is_file() else None
    return _cached(path, stat.st_mtime_ns if stat else None)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: int | None) -> InboxModel:
    return load(path)


@lru_cache(maxsize=1)
def shipped_model() -> InboxModel:
    """The model shipped with civicnet (read once per process; package data, not store state)."""
    with resources.as_file(resources.files("civicnet.webcare").joinpath("data", SHIPPED)) as path:
        return load(path)
