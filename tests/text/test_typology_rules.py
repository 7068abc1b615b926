"""The rule-based typology baseline on messages quoted in the seed report and written
in the styles it describes (chapter 6.2)."""

import pytest

from civicnet.text.typology import TYPES, classify_types as _classify


def classify_types(text, language=None):
    return _classify(text, language, method="rules")

CASES = [
    # quoted in the report, chapter 6.2
    ("Cursus, zin in!", {"personal"}),
    ("Rustige nacht, ook wel eens lekker", {"personal"}),
    ("U bent van harte welkom bij de open dag van het ministerie.", {"call"}),
    ("Bart en Klaar, bedankt. Ik vond het een geweldige ervaring! Zowel de inhoudelijk discussie "
     "als de mensen die aanwezig waren. Een vruchtbare bijeenkomst dus.", {"call", "personal"}),
    # the styles the report describes
    ("Doe mee met de Deventer opschoondag! Meld je aan via https://www.deventer.nl/opschoondag", {"call"}),
    ("Heb jij al een idee voor het braakliggende terrein? Laat het ons weten met #blt020", {"call"}),
    ("Staatssecretaris Dekker opent vandaag de nieuwe vmbo-school in Zwolle. https://t.co/x1", {"neutral"}),
    ("RT @omroepwest: Samenscholingsverbod ingesteld in Leiden", {"neutral"}),
    ("@jan_deventer Bedankt voor je melding. We hebben het doorgegeven aan de afdeling wegen ^AB", {"webcare"}),
    ("@pietv Dat klopt, de brug is weer open. Kijk op https://www.rws.nl voor actuele info", {"webcare"}),
    ("Het bericht dat de A28 een week dicht gaat klopt niet. Alleen dit weekend is de weg afgesloten.", {"nuancing"}),
    ("Wij begrijpen de zorgen in de wijk. Het OM vraagt de media zorgvuldig om te gaan met beeldmateriaal.", {"nuancing"}),
    ("Politie in burger. Herken je ze? ;)", {"humour"}),
    ("Wie heeft hier zijn fiets laten staan? Hij staat nu veilig op het bureau 😂", {"humour"}),
    ("https://t.co/abc", set()),
    ("", set()),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_report_messages(text, expected):
    assert classify_types(text, "nl") == frozenset(expected)


def test_english_messages():
    assert classify_types("Join us at the open day on Saturday!", "en") == {"call"}
    assert classify_types("@citizen Thanks for your report, we will look into it.", "en") == {"webcare"}
    assert classify_types("The claim that the bridge will close is not true.", "en") == {"nuancing"}


def test_result_is_a_frozenset_of_known_types():
    result = classify_types("De gemeente zoekt vrijwilligers voor de kerstmarkt.")
    assert isinstance(result, frozenset)
    assert result <= set(TYPES)
    assert classify_types(None) == frozenset()


def test_neutral_is_exclusive():
    for text, _ in CASES:
        types = classify_types(text, "nl")
        assert "neutral" not in types or types == {"neutral"}


def test_markers_match_in_any_case():
    """The marker lists run case-sensitively on folded text: capitals, and the letters
    that only a case-insensitive pattern read as ``i``/``s`` (ı, İ, ſ), still match."""
    import re

    from civicnet.text.typology import lexicon as lx

    assert classify_types("DOE MEE MET DE OPSCHOONDAG", "nl") == {"call"}
    assert classify_types("Het gerucht KLOPT NIET, de weg blijft open", "nl") == {"nuancing"}
    for text in ("wij zoeken getuıgen", "WİJ ZOEKEN GETUİGEN", "ſtuur je foto in", "Wij Zoeken Getuigen"):
        assert re.compile(lx.CALL["nl"].pattern, re.IGNORECASE).search(text)
        assert lx.CALL["nl"].search(lx.fold(text))
    assert lx.fold("İk ſta ın de STAD") == "ik sta in de stad"


_GUARDED = [
    "RT @politie: Let op! #inbraak in de wijk 😮 https://t.co/x via @nos",
    "Vandaag 'een mooie dag' gehad, zei hij. www.gemeente.nl/afval",
    "“Ik ga niet”, zegt de burgemeester ‘vandaag’ #raad",
    "Wij zoeken vrijwilligers: meld je aan op gemeente.nl",
    "@jan bedankt voor je melding, we kijken ernaar ^AB",
    "Mail naar info@gemeente.nl of bel 14 0570",
    "café naïef ĳs ﬁets: geen emoji wel niet-ASCII",
    "#123 is geen hashtag maar #tag wel; a#b ook niet",
]


@pytest.mark.parametrize("text", _GUARDED)
def test_patterns_run_only_where_their_character_is_and_give_what_they_gave(text):
    """The rules, the model's normalisation and the style markers skip a pattern on a text without the
    character it needs (an @, a #, a quote, a character beyond ASCII): the same words, tokens and types
    as running every pattern (issue 22: ~5 % of the typology's CPU)."""
    from civicnet.text._patterns import EMOJI, HASHTAG, MENTION, URL
    from civicnet.text.linear import _NUMBER, _SPACES, normalise
    from civicnet.text.typology import rules as R

    bare = HASHTAG.sub(" ", MENTION.sub(" ", URL.sub(" ", text)))
    assert R.content_words(text) == R._WORD.findall(EMOJI.sub(" ", bare))
    plain = URL.sub(" __url__ ", text.strip())
    plain = HASHTAG.sub(lambda m: " " + m.group(0)[1:] + " ", MENTION.sub(" __at__ ", plain))
    lead = "__lead_at__ " if MENTION.match(text.strip()) else ""
    assert normalise(text) == lead + _SPACES.sub(" ", _NUMBER.sub("0", plain)).strip().lower()
    for lang in ("nl", "en", None):
        types, found, words = R.analyse_counted(text, lang)
        assert words == len(R.content_words(text)) and types == R.classify_rules(text, lang)
