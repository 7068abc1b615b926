"""The government stage's message types in bulk (:func:`civicnet.tactics.content.classify_each`)
equal the typology's one-message-at-a-time answer (:func:`civicnet.text.typology.classify_types`)."""

import csv
from pathlib import Path

from civicnet.tactics.content import classify_each
from civicnet.text.typology import TYPES, classify_types

AUTHORITY = Path(__file__).resolve().parents[2] / "datasets" / "typology" / "authority_messages.csv"


def one_by_one(texts, languages):
    return [[t for t in TYPES if t in classify_types(text, language)] for text, language in zip(texts, languages)]


def test_bulk_types_equal_one_by_one_on_real_government_messages():
    with AUTHORITY.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    assert len(texts) > 500
    # languages as a case stores them: Dutch, English, unknown; repeated texts; no text at all
    languages = [("nl", "en", None)[i % 3] for i in range(len(texts))]
    texts += texts[:40] + [None, "", "👍"]
    languages += ["nl"] * 40 + ["nl", None, "en"]
    found = classify_each(texts, languages)
    assert found == one_by_one(texts, languages)
    assert {t for types in found for t in types} >= {"neutral", "call", "webcare"}  # not all none


def test_bulk_types_of_nothing():
    assert classify_each([], []) == []


def test_character_ngrams_per_distinct_word_equal_per_text():
    """The model's character block looks each distinct word up once; the columns are those of the
    texts' own n-grams (text/linear.py ``_word_columns`` against ``_term_columns``)."""
    import numpy as np

    from civicnet.text.linear import normalise
    from civicnet.text.typology.model import shipped_model

    with AUTHORITY.open(encoding="utf-8") as handle:
        texts = [normalise(row["text"]) for row in csv.DictReader(handle)] + ["", "a", "aa bb aa"]
    block = next(b for b in shipped_model().linear.blocks if b.analyzer == "chars")
    words, word_lengths = block._word_columns(texts)
    terms, term_lengths = block._term_columns(texts)
    assert word_lengths == term_lengths and np.array_equal(words, terms)
    assert (words >= 0).sum() > 10_000  # most n-grams are in the vocabulary
