"""Draft webcare answers with planted findings, to measure the reply check (docs/webcare.md).

:func:`drafts` builds :data:`COUNT` drafts from the sentences below, deterministically
(seeded): a greeting, one or two harmless sentences, zero to two *planted* sentences
(each belongs to one rule), sometimes a *hard negative* (a sentence that resembles a
finding but is none: an empathic "ik vind het vervelend", a date of a council meeting,
the word "beleid" without a position), and a signature — left out in one draft in
eight, which plants ``no_signature``. Every draft knows the set of rules it should
trigger. The sentences were written for this test from the issue's examples and the
forms Dutch webcare answers commonly use; they are not taken from the checker's patterns.
"""

from __future__ import annotations

import random

COUNT = 240
SEED = 7

OPENINGS = ["Dank voor uw bericht.", "Goed dat u dit meldt.", "Vervelend om te horen.", "Bedankt voor uw melding.",
            "Dank voor uw vraag over de afvalinzameling.", "Fijn dat u contact opneemt."]
HARMLESS = [
    "Wij hebben uw melding doorgegeven aan de afdeling Wegen.", "De collega's van Beheer kijken ernaar.",
    "Meer informatie vindt u op onze website.", "U kunt ons ook bellen via 14 0570.",
    "Wij nemen contact met u op zodra er nieuws is.", "Wij begrijpen dat dit vervelend is.",
    "Uw vraag is bij de juiste afdeling terechtgekomen.", "Via het formulier op de website kunt u een afspraak maken.",
]
HARD_NEGATIVES = [
    "Wij kijken wanneer het gerepareerd kan worden.", "De werkzaamheden beginnen volgens de planning in het voorjaar.",
    "Het beleid staat op onze website.", "Ik vind het vervelend dat u zo lang moest wachten.",
    "De gemeenteraad besluit hier op 12 maart over.", "Meer over het besluit leest u op onze website.",
    "Het college heeft hierover een brief aan de bewoners gestuurd.", "We doen ons best om het snel op te lossen.",
    "Wij geven uw vraag door aan de wethouder.", "Ik denk graag met u mee over een oplossing.",
    "Binnen de gemeente zijn er drie milieustraten.", "De minister heeft de Kamer hierover een brief gestuurd.",
]
PLANTED = {
    "promise": [
        "Dat beloof ik u.", "Ik beloof u dat het goed komt.", "We zorgen ervoor dat de lamp wordt vervangen.",
        "Wij zorgen dat het wordt opgelost.", "Uiterlijk vrijdag is het gat gedicht.", "Het wordt uiterlijk morgen opgehaald.",
        "U hoort binnen twee weken van ons.", "Binnen drie werkdagen is het gerepareerd.", "Morgen is het opgelost.",
        "Het is vóór het weekend geregeld.", "U kunt erop rekenen dat het gebeurt.", "Dat regel ik voor u.",
        "Deze week nog wordt de boom gesnoeid.", "Het komt zeker goed.", "Wij garanderen dat de container maandag wordt geleegd.",
        "Ik ga ervoor zorgen dat u een nieuwe pas krijgt.", "Uiterlijk 1 maart ontvangt u bericht.",
        "Binnen 48 uur is de storing verholpen.",
    ],
    "political": [
        "Eerlijk gezegd vind ik dit kabinetsbeleid niet verstandig.", "Persoonlijk vind ik het besluit van de gemeenteraad onterecht.",
        "Ik ben het niet eens met het beleid van de wethouder.", "De minister heeft hier gewoon ongelijk.",
        "Wat mij betreft had de raad anders moeten beslissen.", "Ik vind dat de regering te weinig doet.",
        "Ik ben tegen dit plan van het college.", "Stem niet op partijen die dit steunen.",
        "De VVD heeft dit erdoor gedrukt.", "Naar mijn mening is deze bezuiniging een vergissing.",
        "Ik denk dat de coalitie hier een fout maakt.", "Ik steun de motie van de oppositie.",
    ],
    "phone": ["U kunt mij bereiken op 06-12345678.", "Bel gerust naar 020-7654321."],
    "email": ["Mail gerust naar j.devries@gmail.com."],
    "address": ["Wij komen langs op de Kerkstraat 14.", "Het gaat om postcode 7411 AB."],
    "licence_plate": ["De auto met kenteken 12-BDF-3 is weggesleept."],
    "bsn": ["Uw BSN 123456782 staat in het dossier."],
    "person_name": ["Meneer Jansen heeft ons hierover gebeld."],
    "informal_address": ["Kun je ons een foto sturen?"],
}
SIGNATURES = [" ^PK", "\nMet vriendelijke groet, Petra", "\nGroet, Sanne (webcare)", " ^JB"]
#: Weights of the rules when planting: promises and political positions most, as the issue asks.
WEIGHTS = {"promise": 6, "political": 5, "phone": 1, "email": 1, "address": 1, "licence_plate": 1, "bsn": 1,
           "person_name": 1, "informal_address": 1}


def drafts(count: int = COUNT, seed: int = SEED) -> list[dict]:
    """``[{"text", "expected": set of rules, "planted": [(rule, sentence)]}]``."""
    rng = random.Random(seed)
    rules, weights = list(WEIGHTS), list(WEIGHTS.values())
    out = []
    for n in range(count):
        planted = []
        for rule in rng.choices(rules, weights, k=rng.choice([0, 1, 1, 1, 2])):
            if rule not in [r for r, _ in planted]:
                planted.append((rule, rng.choice(PLANTED[rule])))
        parts = [rng.choice(OPENINGS), *rng.sample(HARMLESS, rng.choice([1, 2]))]
        parts += [s for _, s in planted]
        if rng.random() < 0.35:
            parts.append(rng.choice(HARD_NEGATIVES))
        body = [parts[0], *rng.sample(parts[1:], len(parts) - 1)]
        signed = n % 8 != 0
        text = " ".join(body) + (rng.choice(SIGNATURES) if signed else "")
        expected = {r for r, _ in planted} | (set() if signed else {"no_signature"})
        out.append({"text": text, "expected": expected, "planted": planted})
    return out


def measure(check, count: int = COUNT) -> dict:
    """Per rule: drafts with the rule planted (support), found (tp), missed (fn), false alarms (fp),
    precision and recall — at the level of drafts (a rule found in a draft, or not)."""
    stats: dict[str, dict] = {}
    for d in drafts(count):
        found = {f["rule"] for f in check(d["text"])}
        for rule in found | d["expected"]:
            s = stats.setdefault(rule, {"support": 0, "tp": 0, "fp": 0, "fn": 0})
            if rule in d["expected"]:
                s["support"] += 1
                s["tp" if rule in found else "fn"] += 1
            else:
                s["fp"] += 1
    for s in stats.values():
        s["precision"] = round(s["tp"] / (s["tp"] + s["fp"]), 3) if s["tp"] + s["fp"] else None
        s["recall"] = round(s["tp"] / s["support"], 3) if s["support"] else None
    return stats


#: Sentences written after the first measurement on the drafts above and before the patterns
#: were changed for what that measurement missed: a small held-out check of the same rules.
HELD_OUT = {
    "promise": [
        "Ik beloof dat we er morgen naar kijken.", "We zorgen er echt voor dat het goed komt.",
        "Volgende week is het klaar.", "Binnen een week heeft u uw pas.", "Wij zullen ervoor zorgen dat de bus weer rijdt.",
        "U krijgt uw geld gegarandeerd terug.", "Voor vrijdag wordt het gerepareerd.",
        "Uiterlijk eind van de maand is alles geregeld.", "Dit lossen we vandaag nog op.", "Daar kunt u op rekenen.",
    ],
    "political": [
        "Ik vind het beleid van dit kabinet onverstandig.", "Het college maakt hier echt een fout, vind ik.",
        "Als u het mij vraagt, moet de wethouder aftreden.", "Zelf ben ik voorstander van de plannen van de oppositie.",
        "Persoonlijk steun ik de PvdA hierin.", "De gemeenteraad heeft het helemaal mis.", "Ik hoop dat de coalitie valt.",
        "Eerlijk gezegd snap ik niets van dit besluit van de minister.",
    ],
    None: [
        "De gemeenteraad vergadert donderdag over dit plan.", "Het kabinet heeft nieuwe regels aangekondigd.",
        "Ik zoek het voor u uit.", "Wij laten u weten wanneer het klaar is.", "Binnenkort ontvangt u een brief.",
        "Wij hopen u hiermee voldoende te hebben geïnformeerd.",
    ],
}


def held_out(check) -> dict:
    """Per rule (promise, political): found / planted sentences, and false alarms on the negatives."""
    out = {}
    for rule in ("promise", "political"):
        hits = [s for s in HELD_OUT[rule] if rule in {f["rule"] for f in check(f"Dank voor uw bericht. {s} ^PK")}]
        alarms = [s for s in HELD_OUT[None] if rule in {f["rule"] for f in check(f"Dank voor uw bericht. {s} ^PK")}]
        out[rule] = {"found": len(hits), "planted": len(HELD_OUT[rule]), "false_alarms": len(alarms),
                     "negatives": len(HELD_OUT[None]), "missed": [s for s in HELD_OUT[rule] if s not in hits]}
    return out
