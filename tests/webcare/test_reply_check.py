"""reply_check: each rule's positives and negatives, with exact character offsets."""

from __future__ import annotations

import pytest

from civicnet.webcare import RULES, HouseStyle, reply_check

SIGNED = " ^PK"


def found(text: str, rule: str | None = None) -> list[tuple[str, str, int, int]]:
    out = [(f["rule"], text[f["start"]:f["end"]], f["start"], f["end"]) for f in reply_check(text)]
    return [f for f in out if rule is None or f[0] == rule]


@pytest.mark.parametrize("rule, text, expected", [
    ("bsn", "Uw BSN 123456782 staat in het dossier." + SIGNED, [("123456782", 7, 16)]),
    ("bsn", "BSN: 123.456.782 klopt." + SIGNED, [("123.456.782", 5, 16)]),
    ("bsn", "Nummer 111 222 333 is genoteerd." + SIGNED, [("111 222 333", 7, 18)]),
    ("licence_plate", "De auto met kenteken 12-BDF-3 is weggesleept." + SIGNED, [("12-BDF-3", 21, 29)]),
    ("licence_plate", "Kenteken XX-99-99 en 99-XX-99 gezien." + SIGNED, [("XX-99-99", 9, 17), ("99-XX-99", 21, 29)]),
    ("licence_plate", "Zie kenteken gb-123-x." + SIGNED, [("gb-123-x", 13, 21)]),
    ("phone", "Bel mij op 06-12345678." + SIGNED, [("06-12345678", 11, 22)]),
    ("phone", "Mobiel: +31 6 1234 5678." + SIGNED, [("+31 6 1234 5678", 8, 23)]),
    ("phone", "Of bel 020-1234567." + SIGNED, [("020-1234567", 7, 18)]),
    ("email", "Mail p.devries@gmail.com even." + SIGNED, [("p.devries@gmail.com", 5, 24)]),
    ("address", "Wij komen naar de Kerkstraat 14a." + SIGNED, [("Kerkstraat 14a", 18, 32)]),
    ("address", "Postcode 7411 AB is bekend." + SIGNED, [("7411 AB", 9, 16)]),
    ("address", "Adres: Van der Hoopstraat 3-II." + SIGNED, [("Van der Hoopstraat 3-II", 7, 30)]),
    ("person_name", "Dag meneer Jansen, dank u." + SIGNED, [("meneer Jansen", 4, 17)]),
    ("person_name", "Mevr. De Vries heeft gebeld." + SIGNED, [("Mevr. De Vries", 0, 14)]),
    ("person_name", "Hierover belde dhr. P. Bakker." + SIGNED, [("dhr. P. Bakker", 15, 29)]),
    ("person_name", "Hoi Anna, dank voor uw vraag." + SIGNED, [("Anna", 4, 8)]),
    ("promise", "We zorgen ervoor dat het goed komt." + SIGNED, [("We zorgen ervoor dat", 0, 20)]),
    ("promise", "Ik beloof u een oplossing." + SIGNED, [("Ik beloof", 0, 9)]),
    ("promise", "Het gat is uiterlijk morgen opgelost." + SIGNED, [("uiterlijk morgen opgelost", 11, 36)]),
    ("political", "Eerlijk gezegd heeft de minister ongelijk." + SIGNED, [("heeft de minister ongelijk", 15, 41)]),
    ("political", "Stem niet op de PVV." + SIGNED, [("Stem niet op", 0, 12), ("PVV", 16, 19)]),
    ("informal_address", "Kun je ons jouw adres sturen?" + SIGNED, [("je", 4, 6), ("jouw", 11, 15)]),
    ("no_signature", "Dank voor uw melding.", [("Dank voor uw melding.", 0, 21)]),
    ("no_signature", "Dank voor uw melding.\nWe pakken het op", [("We pakken het op", 22, 38)]),
])
def test_positives_with_offsets(rule, text, expected):
    assert [(s, a, b) for r, s, a, b in found(text, rule)] == expected


@pytest.mark.parametrize("rule, text", [
    ("bsn", "Uw zaaknummer is 123456789."),           # fails the 11-test
    ("bsn", "Factuur 1234567820 is betaald."),         # ten digits
    ("licence_plate", "Zie artikel AB-12-34-56 en het formulier 12-ABC-3."),  # too long; vowels never on plates
    ("phone", "Bel 14 0570 of 0800-1234567 of 0900-8844."),  # service numbers
    ("email", "Mail info@deventer.nl of webcare@politie.nl."),  # role addresses
    ("address", "De Kerkstraat is afgesloten tot 2014."),  # a street without a house number
    ("person_name", "Dank voor uw vraag, wij kijken ernaar."),
    ("promise", "We geven uw melding door aan de afdeling."),
    ("political", "Het beleid staat op onze website."),
    ("informal_address", "Kunt u ons uw adres sturen? Jeugdzorg helpt graag."),
])
def test_negatives(rule, text):
    assert found(text + SIGNED, rule) == []


@pytest.mark.parametrize("text", [
    "Dank voor uw melding. ^PK", "Dank voor uw melding! ^EV #webcare", "Dank voor uw melding. -MK",
    "Dank voor uw melding.\n\nMet vriendelijke groet,\nPetra van Dam, webcare", "Dank voor uw melding. Groet, Petra",
    "Dank voor uw melding.\nPetra van Dam (communicatie)",
])
def test_signatures(text):
    assert found(text, "no_signature") == []
    assert found(text, "person_name") == []  # the signer's own name is not a finding


def test_clean_draft_and_house_style():
    draft = "Dank voor uw melding over de lantaarnpaal. We hebben het doorgegeven aan Beheer Openbare Ruimte. ^PK"
    assert reply_check(draft) == []
    informal = "Dank je wel, we geven het door. ^PK"
    assert [f["rule"] for f in reply_check(informal)] == ["informal_address"]
    assert reply_check(informal, style=HouseStyle(address="je")) == []


def test_findings_shape_and_order():
    text = "Dag meneer Jansen, we zorgen ervoor dat je container morgen geleegd wordt. Bel 06-12345678"
    findings = reply_check(text)
    assert all(set(f) == {"rule", "start", "end", "message"} and f["rule"] in RULES and f["message"] for f in findings)
    assert [f["start"] for f in findings] == sorted(f["start"] for f in findings)
    assert [f["rule"] for f in findings] == ["no_signature", "person_name", "promise", "informal_address", "phone"]
