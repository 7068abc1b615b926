"""The typology and style in bulk give what they give one message at a time (issue 22, gov5).

The government stage classifies all of government's distinct texts at once: the rules run once
per text (features, markers and content words together), the decision rules over all texts with
numpy, and the style and person markers from one pass. Each is checked here against a reference
that works one text at a time, written out in the test.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from civicnet.text import style
from civicnet.text.typology.dataset import load_dev_set
from civicnet.text.typology.model import decide_sets, rule_features, shipped_model
from civicnet.text.typology.rules import TYPES, analyse, analyse_counted, content_words

EDGE = [None, "", "   ", "@jan 👍", "Doe mee!", "İstanbul ıs ſo: doe mee met de opschoondag", "RT @x: Ik ben moe ;) haha",
        "Beste Jan, je kunt dit melden via 14 0570. ^AB", "Wij zoeken getuigen. Heeft u iets gezien? Bel 0900-8844"]


def _texts() -> list[str | None]:
    return [r["text"] for r in load_dev_set()] + EDGE


def _one_at_a_time(text, p, cut, found, neutral, personal):
    """The decision rules for one text, as docs/typology.md states them (the earlier per-text loop)."""
    if not text or len(content_words(text)) < 2:
        return frozenset()
    ni, pi = TYPES.index("neutral"), TYPES.index("personal")
    allowed = np.ones(len(TYPES), dtype=bool)
    if personal == "marker":
        allowed[pi] = bool(found.get("first_person") or found.get("feeling"))
    elif personal == "own_voice":
        allowed[pi] = bool(found.get("first_person") or not found.get("organisation_voice"))
    ratio = np.where(allowed, p / cut, -1.0)
    chosen = allowed & (p >= cut)
    if not chosen.any():
        chosen[int(np.argmax(ratio))] = True
    if chosen[ni] and chosen.sum() > 1:
        others = chosen.copy()
        others[ni] = False
        if neutral == "compare" and ratio[ni] >= ratio[others].max():
            others[:] = False
            others[ni] = True
        chosen = others
    return frozenset(t for t, c in zip(TYPES, chosen) if c)


@pytest.mark.parametrize("neutral", ["compare", "drop"])
@pytest.mark.parametrize("personal", ["any", "own_voice", "marker"])
def test_decision_rules_for_all_texts_at_once_equal_one_at_a_time(neutral, personal):
    rng = random.Random(7)
    texts = _texts()
    cut = {"neutral": 0.5, "personal": 0.5, "call": 0.5, "nuancing": 0.4, "webcare": 0.65, "humour": 0.65}
    # probabilities on a coarse grid, so that ties (equal ratios, probabilities at the threshold) occur
    probs = np.array([[rng.choice([0.1, 0.2, 0.4, 0.5, 0.65, 0.8, 0.9]) for _ in TYPES] for _ in texts])
    markers = [rng.choice([{}, {"first_person": "ik"}, {"organisation_voice": "wij"}, {"feeling": "lekker"}])
               for _ in texts]
    cuts = np.array([cut[t] for t in TYPES])
    expected = [_one_at_a_time(t, p, cuts, f, neutral, personal) for t, p, f in zip(texts, probs, markers)]
    assert decide_sets(texts, probs, cut, markers, neutral=neutral, personal=personal) == expected
    words = [len(content_words(t)) if t else 0 for t in texts]
    assert decide_sets(texts, probs, cut, markers, neutral=neutral, personal=personal, words=words) == expected
    assert decide_sets([], np.zeros((0, len(TYPES))), cut, []) == []


@pytest.mark.parametrize("language", ["nl", "en", None])
def test_predict_equals_probabilities_then_decide(language):
    model = shipped_model()
    texts = _texts()
    probs = model.probabilities(texts, language)
    assert model.predict(texts, language) == model.decide(texts, probs, language)
    # the rules run once per text: the same features, markers and counts as each function alone
    features, markers = rule_features(texts, language)
    for text, found in zip(texts, markers):
        types, again, words = analyse_counted(text, language)
        assert (types, again) == analyse(text, language) and found == again
        assert words == (len(content_words(text)) if text else 0)
    assert features.shape == (len(texts), features.shape[1])


@pytest.mark.parametrize("language", ["nl", "en", None, "de"])
def test_style_and_person_equal_the_two_functions(language):
    for text in _texts():
        if text is None:
            continue
        for media in (None, True, False):
            assert style.style_and_person(text, language, media) == (
                style.style_markers(text, None, media), style.person_markers(text, language))


def test_style_tally_gives_style_profile():
    rng = random.Random(3)
    rows = [(rng.choice(["a", "b", "c"]), text, rng.choice([None, True, False])) for text in _texts()]
    tally = style.StyleTally()
    for account, text, media in rows:
        if text is not None:
            tally.add(account, style.style_markers(text, None, media))
    assert tally.profiles() == style.style_profile(rows)
    a = tally.profiles()["a"]
    texts_a = [t for acc, t, _ in rows if acc == "a" and t is not None]
    assert a["messages"] == len(texts_a)
    assert a["mean_length_chars"] == round(sum(len(t) for t in texts_a) / len(texts_a), 1)
