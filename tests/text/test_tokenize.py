"""Tokenising and streaming term counts on real-style Dutch and English messages."""

from collections import Counter

import pytest

from civicnet.text.stopwords import guess_language, stop_words
from civicnet.text.tokenize import count_terms, tokenize

MESSAGES = [
    "RT @politie: Let op! Inbraken in de wijk &amp; #Lisse https://t.co/AbC?x=1",
    "Doe mee met de opschoondag! Meld je aan via https://www.deventer.nl/opschoondag 💪🏽",
    "Cursus, zin in! 😀",
    "Rustige nacht, ook wel eens lekker",
    "U bent van harte welkom bij de open dag van het ministerie. via @ministerieOCW",
    "Bart en Klaar, bedankt. Ik vond het een geweldige ervaring!",
    "Één geëvalueerde café-bezoek &eacute; auto’s m'n A28 N201 2014",
    "The bridge at Zwolle is open again. Thanks for your patience! #A28",
    None,
    "",
]


def test_tokenize_handles_noise_urls_entities_and_signs():
    assert tokenize(MESSAGES[0], "nl") == ["let", "inbraken", "wijk", "#lisse"]
    assert tokenize(MESSAGES[1], "nl") == ["mee", "opschoondag", "meld", "💪"]
    assert tokenize(MESSAGES[1], "nl", emoji=False) == ["mee", "opschoondag", "meld"]
    assert "@ministerieocw" not in tokenize(MESSAGES[4], "nl")  # via-credit is noise


def test_tokenize_keeps_dutch_words_whole():
    tokens = tokenize(MESSAGES[6], "nl")
    # "&eacute;" decodes to a one-letter word, which is dropped
    assert tokens == ["één", "geëvalueerde", "café-bezoek", "auto’s", "m'n", "a28", "n201"]
    assert "2014" not in tokens


def test_tokenize_mentions_and_stopwords_options():
    text = "@gemeenteDeventer wanneer wordt het grofvuil opgehaald?"
    assert tokenize(text, "nl") == ["@gemeentedeventer", "grofvuil", "opgehaald"]
    assert tokenize(text, "nl", mentions=False) == ["grofvuil", "opgehaald"]
    assert tokenize(text, "nl", keep_stopwords=True) == ["@gemeentedeventer", "wanneer", "wordt", "het", "grofvuil", "opgehaald"]
    assert tokenize(None) == []


def test_english_stop_words():
    assert tokenize(MESSAGES[7], "en") == ["bridge", "zwolle", "open", "thanks", "patience", "#a28"]


def test_count_terms_equals_sum_of_tokenize():
    expected = Counter()
    for text in MESSAGES:
        expected.update(tokenize(text, "nl", emoji=False))
    assert count_terms(MESSAGES, "nl") == expected


@pytest.mark.parametrize("options", [{}, {"emoji": True}, {"keep_stopwords": True}, {"mentions": False, "hashtags": False}])
def test_duckdb_and_python_engines_agree(options):
    texts = MESSAGES * 50 + [f"Bericht {i} over de N{i % 7} en #tag{i % 3} @acc{i % 5}" for i in range(300)]
    python = count_terms(texts, None, engine="python", **options)
    duck = count_terms(texts, None, engine="duckdb", **options)
    assert python == duck
    assert python  # not empty


def test_count_terms_streams_a_generator_in_batches():
    gen = ("De brug is open" if i % 2 else "de BRUG is dicht" for i in range(10_001))
    counts = count_terms(gen, "nl", batch_size=999, engine="python")
    assert counts == Counter({"brug": 10_001, "dicht": 5_001, "open": 5_000})


def test_count_terms_rejects_unknown_engine():
    with pytest.raises(ValueError):
        count_terms(["x"], engine="spark")


def test_stop_word_lists_are_the_shipped_ones():
    assert {"de", "het", "een", "ik"} <= stop_words("nl")
    assert {"the", "and"} <= stop_words("en")
    assert "help" not in stop_words("en") and "brug" not in stop_words("nl")
    assert "rt" in stop_words("nl") and "via" in stop_words("en")
    assert stop_words(None) == stop_words("nl") | stop_words("en")


@pytest.mark.parametrize("text,language", [
    ("De brug bij Zwolle is weer open voor het verkeer", "nl"),
    ("Wij begrijpen de zorgen in de wijk", "nl"),
    ("The bridge at Zwolle is open again for traffic", "en"),
    ("Thanks for your report, we will look into it", "en"),
    ("👍", None),
    (None, None),
])
def test_guess_language(text, language):
    assert guess_language(text) == language


def test_count_terms_grouped_equals_count_terms_per_group():
    import duckdb
    import pyarrow as pa

    from civicnet.text.tokenize import count_terms_grouped

    texts = [t for t in MESSAGES if t is not None] * 3
    net_a = [i % 3 if i % 4 else None for i in range(len(texts))]  # None: in no group
    net_b = [i % 2 for i in range(len(texts))]
    con = duckdb.connect()
    con.register("m", pa.table({"text": texts, "a": pa.array(net_a, pa.int64()), "b": pa.array(net_b, pa.int64())}))
    total, (by_a, by_b) = count_terms_grouped(con, "SELECT text, a, b FROM m", ["a", "b"], "nl")

    def per_group(keys):
        groups = {}
        for text, key in zip(texts, keys):
            if key is not None:
                groups.setdefault(key, []).append(text)
        return {k: count_terms(ts, "nl", engine="duckdb", mentions=False) for k, ts in groups.items()}

    assert total == count_terms(texts, "nl", engine="duckdb") and total["&"] == 0 and total["#lisse"] == 3
    assert by_a == per_group(net_a) and by_b == per_group(net_b)
    assert count_terms_grouped(con, "SELECT text FROM m", [], "nl") == (total, [])
    assert con.execute("SELECT count(*) FROM duckdb_functions() WHERE function_name LIKE 'civicnet%'").fetchall() == [(0,)]


def test_sql_tokens_cut_at_spaces_equal_the_regex_over_whole_texts():
    import random

    import duckdb
    import pyarrow as pa

    from civicnet.text.tokenize import _SQL_PARAMS, _sql_tokens

    pieces = ["a", "Z", "0", "_", " ", "  ", "\t", "\n", "@", "#", "'", "’", "-", ":", "/", ".", "é", "İ", "\u0301",
              "😀", "https://", "www.", "rt @x: ", "RT @Ab_1 ", " via @z", "VIA @q", "ñvia @x", "x-y", "a'b", "\u00a0", "日本"]
    rng = random.Random(3)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(3000)]
    con = duckdb.connect()
    con.register("t", pa.table({"i": pa.array(range(len(texts)), pa.int64()), "text": texts}))
    whole = con.execute("""SELECT i, regexp_extract_all(regexp_replace(regexp_replace(lower(text), $noise, ' '),
                                  $via, ' ', 'g'), $token) FROM t""", _SQL_PARAMS).fetchall()
    cut = con.execute(f"SELECT i, list(token) FROM ({_sql_tokens('SELECT i, text FROM t', 'i, ')}) GROUP BY i",
                      _SQL_PARAMS).fetchall()
    assert {i: Counter(ts) for i, ts in whole if ts} == {i: Counter(ts) for i, ts in cut}


def test_count_terms_grouped_equals_count_terms_on_random_texts_with_urls():
    """Pieces counted per group before the token regex, whole-URL pieces dropped first: the same
    counts as tokenising every text (count_terms' DuckDB path), URLs at every edge included."""
    import random

    import duckdb
    import pyarrow as pa

    from civicnet.text.tokenize import count_terms_grouped

    pieces = ["wijk", "Wijk", "a28", " ", "  ", "\t", "\n", "\r", "\f", "\u00a0", "@Gem_1", "#Lisse", "'", "-", ".",
              "https://", "http://", "www.", "https://t.co/x", "HTTP://A.nl", "www.x", "(https://y", "x.https://z",
              "rt @x: ", " via @z", "é", "日本", "😀", "auto's", "co-creatie", "&amp;", "&#39;", "://", "wwwx"]
    rng = random.Random(22)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(2000)]
    groups = [rng.choice([1, 2, 3, None]) for _ in texts]
    con = duckdb.connect()
    con.register("m", pa.table({"text": texts, "c": pa.array(groups, pa.int64())}))
    total, (by_c,) = count_terms_grouped(con, "SELECT text, c FROM m", ["c"], None)
    assert total == count_terms(texts, None, engine="duckdb")
    expected = {}
    for key in {g for g in groups if g is not None}:
        counts = count_terms([t for t, g in zip(texts, groups) if g == key], None, engine="duckdb", mentions=False)
        if counts:
            expected[key] = counts
    assert by_c == expected
    assert total["wijk"] > 0 and not any("://" in t or t.startswith("www.") for t in total)
