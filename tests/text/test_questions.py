"""Interrogative detection: question marks outside URLs and Dutch/English openings."""

import pytest

from civicnet.text._patterns import URL
from civicnet.text.questions import asks, is_question

QUESTIONS = [
    "@gemeenteDeventer wanneer wordt het grofvuil opgehaald",
    "@wijkagentLisse Weet iemand of de Heereweg weer open is",
    "@Rijkswaterstaat Hoe lang is de A28 nog afgesloten",
    "Is de brug bij Zwolle weer open",
    "Zijn er nog kaarten voor de open dag",
    "Heb jij al je stem uitgebracht",            # gemeente Deventer's style: 'Heb jij al'
    "Wilt u ook meedenken over het nieuwe plein",  # 'Wilt u ook'
    "Hoi! Kunt u mij helpen met mijn aanvraag.",
    "RT @politie: Heeft iemand deze man gezien",
    "Waarom reageert de burgemeester niet op de onrust in Leiden!?",
    "Ik vraag me af of de reclassering dit wel goed heeft geregeld.",
    "@ministerieOCW When will the new exam rules apply",
    "Do you know if the road is open",
    "Can anyone tell me where to report a pothole.",
    "Bel ik het juiste nummer？",
    "@x @y @z hoe laat gaat het zwembad open",
]

STATEMENTS = [
    "Rustige nacht, ook wel eens lekker",
    "Cursus, zin in!",
    "Doe mee met de opschoondag! https://www.deventer.nl/opschoondag?utm=twitter",
    "Bekijk het programma op https://t.co/abc?x=1",
    "U bent van harte welkom bij de open dag.",
    "Zijn auto is vannacht opengebroken in de Kerkstraat.",
    "Kan niet wachten tot het weekend!",
    "Wat een mooie dag voor de opening!",
    "Wanneer het vriest, strooien wij de fietspaden.",
    "Waar.",
    "De minister is vandaag in Brussel.",
    "Have a nice day everyone",
    "Will Smith visits The Hague today",
    "Bart en Klaar, bedankt. Ik vond het een geweldige ervaring!",
    "",
    "   ",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_questions_are_found(text):
    assert is_question(text) is True


@pytest.mark.parametrize("text", STATEMENTS)
def test_statements_are_not_questions(text):
    assert is_question(text) is False


def test_none_is_not_a_question():
    assert is_question(None) is False


def test_language_restricts_the_openings():
    assert is_question("Hoe laat begint de raadsvergadering", "nl") is True
    assert is_question("Hoe laat begint de raadsvergadering", "en") is False
    assert is_question("How late does the council meet", "en") is True
    assert is_question("How late does the council meet", "nl") is False
    # an unknown language code tries both lists
    assert is_question("How late does the council meet", "de") is True


def test_question_mark_inside_url_only_does_not_count():
    assert is_question("Nieuw beleid: https://www.rijksoverheid.nl/nieuws?id=12&x=?") is False
    assert is_question("Nieuw beleid, wat vindt u? https://www.rijksoverheid.nl/nieuws?id=12") is True


@pytest.mark.parametrize("text", QUESTIONS + STATEMENTS)
def test_asks_is_is_question_on_text_without_urls(text):
    for language in ("nl", "en", None):
        assert asks(URL.sub(" ", text), language) is is_question(text, language)
