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


def _government_text(texts, languages):
    """GovernmentText of the texts as messages of five accounts (one of them speaking for a body)."""
    from civicnet.tactics.beside import GovernmentText

    marker_rows = sorted(((f"acc{i % 5}", text, bool(i % 2), "x", f"a{i % 5}", language)
                          for i, (text, language) in enumerate(zip(texts, languages))), key=lambda r: r[0])
    return GovernmentText(_rows(texts, languages), marker_rows, {("x", "a1"): "gemeente"}), marker_rows


def test_the_helper_process_finds_what_is_found_here(monkeypatch):
    """A large case's typology and style markers in the helper process (tactics/beside.py): the same types
    row by row and the same profiles and tallies, and the helper is gone once they are in."""
    from civicnet.tactics import beside, markers

    texts, languages = _authority_rows()
    monkeypatch.setattr(beside, "BESIDE_TEXTS", 1)
    work = _government_text(texts, languages)[0]
    helper = work._helper
    assert helper is not None and helper.proc is not None
    here, rows = _government_text(texts, languages)  # BESIDE_TEXTS patched: a second helper, unused
    here.cancel()
    monkeypatch.setattr(markers, "tally", lambda *a: (_ for _ in ()).throw(AssertionError("the helper should tally")))
    found, style = work.types(), work.markers()
    assert helper.proc is None and work._helper is None
    assert found == classify_each(texts, languages)
    monkeypatch.undo()
    expected = markers.tally(rows, {("x", "a1"): "gemeente"})
    assert style == expected and list(style.style) == list(expected.style)
    assert any(counts[3] for counts in style.pronouns.values())  # the body named: third person counted


def test_a_small_case_and_a_failed_helper_do_the_work_here(monkeypatch):
    from civicnet.tactics import beside, markers

    texts, languages = _authority_rows()
    small, rows = _government_text(texts[:50], languages[:50])
    assert small._helper is None and small.types() == classify_each(texts[:50], languages[:50])
    assert small.markers() == markers.tally(rows, {("x", "a1"): "gemeente"})
    monkeypatch.setattr(beside, "BESIDE_TEXTS", 1)
    work, rows = _government_text(texts, languages)
    work._helper.proc.kill()  # the helper dies: its work is done here
    assert work.types() == classify_each(texts, languages)
    assert work.markers() == markers.tally(rows, {("x", "a1"): "gemeente"})


def test_a_cancelled_helper_stops(monkeypatch):
    from civicnet.tactics import beside

    texts, languages = _authority_rows()
    monkeypatch.setattr(beside, "BESIDE_TEXTS", 1)
    work, _ = _government_text(texts * 20, languages * 20)
    proc = work._helper.proc
    work.cancel()
    assert proc.poll() is not None  # ended at once, not after its work
    work.cancel()  # twice: nothing more
