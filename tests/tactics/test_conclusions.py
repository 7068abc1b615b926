"""The factsheet's conclusion (reports.conclusions): one paragraph, every sentence from figures on the sheet.

The expected sentences are written out from the planted cases' figures (_tactics_planted.py):
11 of the 114 messages by three government accounts, five questions of which two answered after
45 and 150 minutes, three posts by a visitor on the Facebook page of which one answered.
"""

from civicnet.analysis import analyse_case
from civicnet.reports.conclusions import conclusions


def _paragraph(store, case, lang):
    with store.case(case) as scope:
        a = analyse_case(scope)
    return conclusions(a, a.summary, lang)


def test_who_spoke_and_whether_it_answered(planted):
    store, cases = planted
    nl = _paragraph(store, cases["twitter"][0], "nl")
    assert nl[0] == ("Namens de overheid schreven Gemeente Deventer, Wijkagent Deventer en Burgemeester samen 11 van "
                     "de 114 berichten (10\u00a0%); afzenderpatroon: een combinatie.")
    # median of 45 and 150 minutes: 97.5, shown as whole minutes below two hours
    assert ("Burgers stelden de overheid 5 vragen; 2 daarvan kregen antwoord (40\u00a0%), met een mediane "
            "reactietijd van 98\u00a0min.") in nl
    en = _paragraph(store, cases["twitter"][0], "en")
    assert len(en) == len(nl)
    assert "Citizens asked government 5 questions; 2 of them were answered (40%), with a median response time of 98\u00a0min." in en


def test_page_posts_and_singular_forms(planted):
    store, cases = planted
    nl = _paragraph(store, cases["facebook"][0], "nl")
    assert "Burgers stelden de overheid 3 vragen; 1 daarvan kreeg antwoord (33\u00a0%), met een mediane reactietijd van 72\u00a0min." in nl
    assert "Van de 3 posts van bezoekers op de pagina beantwoordde de overheid er 1 (33\u00a0%)." in nl
    en = _paragraph(store, cases["facebook"][0], "en")
    assert "Of the 3 posts by visitors on the page, government answered 1 (33%)." in en


def test_no_code_value_and_no_english_in_the_dutch_paragraph(planted):
    store, cases = planted
    for case, _ in cases.values():
        text = " ".join(_paragraph(store, case, "nl"))
        assert "_" not in text
        for english in ("government", "messages", "questions", "reached", "sender pattern"):
            assert english not in text, (case.id, english)


def test_absent_government(tmp_path):
    import _tactics_planted as P
    from civicnet.store import Store

    store = Store(tmp_path / "s.duckdb")
    b = P.Builder("twitter")
    people = P.citizens(b, 4)
    P.background(b, people, range(1, 5), 3)
    b.write(store, "quiet")
    case = P.case(tmp_path, "quiet", [{"handle": "gemeentegroningen", "role": "organisation"}])
    assert _paragraph(store, case, "nl") == ["De overheid nam niet deel: in deze casus staat geen bericht van een "
                                             "overheidsaccount."]
    store.close()


def test_one_other_is_singular():
    """"… and 1 others" on the Groningen sheet in English: the count after the named ones agrees with it."""
    from civicnet.reports.conclusions import _names
    from civicnet.reports.i18n import Catalogue

    en, nl = Catalogue("en"), Catalogue("nl")
    assert _names(en, ["A", "B", "C", "D"], 3) == "A, B, C and 1 other"
    assert _names(en, ["A", "B", "C", "D", "E"], 3) == "A, B, C and 2 others"
    assert _names(nl, ["A", "B", "C", "D"], 3) == "A, B, C en 1 andere"
    assert _names(nl, ["A", "B", "C", "D", "E"], 3) == "A, B, C en 2 andere"
    # the groups table's last row, with a group's own count among the values
    assert en.plural("groups_more", 1, count=1) == "… and 1 more group (all in summary.json)"
    assert nl.plural("groups_more", 2, count=2) == "… en nog 2 groepen (alle in summary.json)"
