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


def _rows(texts, languages):
    import pyarrow as pa

    return pa.table({"platform": ["x"] * len(texts), "id": [str(i) for i in range(len(texts))],
                     "text": pa.array(texts, pa.string()), "language": pa.array(languages, pa.string())})


def _authority_rows():
    with AUTHORITY.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    languages = [("nl", "en", None)[i % 3] for i in range(len(texts))]
    return texts + texts[:40] + [None, ""], languages + ["nl"] * 40 + ["nl", None]


def test_the_helper_process_finds_the_types_found_here(monkeypatch):
    """A large case's typology runs in the helper process (PendingTypes): the same types, row by row,
    and the helper is gone once they are in."""
    from civicnet.tactics import content

    texts, languages = _authority_rows()
    monkeypatch.setattr(content, "TYPES_BESIDE", 1)
    monkeypatch.setattr(content, "classify_each",  # in this process only: the helper's is its own
                        lambda *a: (_ for _ in ()).throw(AssertionError("the helper should have classified")))
    pending = content.PendingTypes(_rows(texts, languages))
    helper = pending._helper
    assert helper is not None and helper.proc is not None
    found = pending.finish()
    assert helper.proc is None and pending._helper is None
    assert found == classify_each(texts, languages)


def test_a_small_case_and_a_failed_helper_find_the_types_here(monkeypatch):
    from civicnet.tactics import content

    texts, languages = _authority_rows()
    small = content.PendingTypes(_rows(texts[:50], languages[:50]))
    assert small._helper is None and small.finish() == classify_each(texts[:50], languages[:50])
    monkeypatch.setattr(content, "TYPES_BESIDE", 1)
    pending = content.PendingTypes(_rows(texts, languages))
    pending._helper.proc.kill()  # the helper dies: its work is done here
    assert pending.finish() == classify_each(texts, languages)


def test_a_cancelled_typology_stops_its_helper(monkeypatch):
    from civicnet.tactics import content

    texts, languages = _authority_rows()
    monkeypatch.setattr(content, "TYPES_BESIDE", 1)
    pending = content.PendingTypes(_rows(texts * 20, languages * 20))
    proc = pending._helper.proc
    pending.cancel()
    assert proc.poll() is not None  # ended at once, not after its work
    pending.cancel()  # twice: nothing more
