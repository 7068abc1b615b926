"""A generated day of a municipality's inbox, in the twarc2 format, with planted truth.

@gemeente_zandvoorde (Twitter id 9000) receives, on Tuesday 4 November 2014, messages of
each kind a municipal webcare team sees. Every message carries what it is planted as:
``kind`` (emergency, waste, traffic, desk, political, praise, abuse, rumour, noise,
campaign) and, for questions to a desk, the desk it belongs to. The texts were written for
this test in everyday Dutch (not copied from the lexicons); a campaign is one message
sent by several accounts, each with small differences (another mention, a word more,
other punctuation).
"""

from __future__ import annotations

import json
from pathlib import Path

GOV = ("9000", "gemeente_zandvoorde")

EMERGENCY = [
    "Er ligt een grote boom dwars over de Molenweg, auto's kunnen er niet meer langs!",
    "Ik ruik een sterke gaslucht bij de flat aan de Populierenlaan, wat moeten we doen?",
    "Brand in de container naast basisschool De Regenboog, de vlammen slaan eruit",
    "Het water stroomt bij ons het huis binnen, de hele straat staat blank na de hoosbui",
    "Vechtpartij bij het station, iemand ligt op de grond en bloedt",
    "Er hangt een losse elektriciteitskabel over het fietspad bij de brug, levensgevaarlijk voor fietsers",
    "Ik weet waar die wethouder woont en ik kom hem vanavond opzoeken, let maar op",
    "Jongen van een jaar of tien is in de vijver bij het park gevallen, hij komt niet boven!",
]
WASTE = [
    "Wanneer wordt het grofvuil in de Bloemenbuurt weer opgehaald?",
    "Mijn groene kliko is vandaag niet geleegd, wordt dat morgen alsnog gedaan?",
    "Waar kan ik een nieuwe afvalpas aanvragen? De oude ben ik kwijt.",
    "Hoe laat gaat de milieustraat zaterdag open?",
    "Al drie weken staat de papierbak bij ons om de hoek vol, kan daar iemand naar kijken?",
    "Mag asbest ook naar de milieustraat of moet dat ergens anders heen?",
    "Krijgen we dit jaar nog een afvalkalender in de bus?",
    "De ondergrondse container voor restafval bij het winkelcentrum zit weer propvol, wanneer wordt die geleegd?",
]
TRAFFIC = [
    "Hoe vraag ik een parkeervergunning aan voor mijn tweede auto?",
    "Waarom staat het verkeerslicht bij de Stationsstraat al dagen op knipperen?",
    "Klopt het dat de Dorpsstraat volgende week wordt afgesloten voor wegwerkzaamheden? Hoe loopt de omleiding?",
    "Kunnen er drempels komen in de Kastanjelaan? Er wordt veel te hard gereden.",
    "Waar mag ik parkeren tijdens de markt op zaterdag?",
    "Is de fietsenstalling bij het station ook 's nachts open?",
]
DESK = [
    ("Moet ik een vergunning aanvragen voor een dakkapel aan de achterkant?", "Vergunningen"),
    ("Hoe vraag ik huishoudelijke hulp aan via de Wmo voor mijn moeder?", "Zorg en Welzijn"),
    ("Ik kan de aanslag gemeentelijke belastingen niet in één keer betalen, kan ik een betalingsregeling krijgen?", "Belastingen"),
    ("Hoe snel kan ik een nieuw paspoort krijgen? We vertrekken over twee weken.", "Burgerzaken"),
    ("De lantaarnpaal voor ons huis doet het al een week niet, het is 's avonds aardedonker.", "Openbare Ruimte"),
]
POLITICAL = [
    "Waarom stemde de gemeenteraad gisteren tegen het voorstel voor meer sociale huurwoningen?",
    "Wethouder, hoe kunt u uitleggen dat de bibliotheek dicht moet terwijl er geld is voor een nieuw stadhuis?",
    "Wat vindt het college eigenlijk van de plannen van de minister voor de jeugdzorg?",
]
PRAISE = [
    "Wat fijn dat de stoep zo snel is gerepareerd, dank jullie wel!",
    "Complimenten aan de vuilnismannen, altijd vriendelijk en vroeg op pad",
    "Goed geregeld, die nieuwe speeltuin in de wijk. De kinderen zijn er blij mee.",
]
ABUSE = [
    "Stelletje zakkenvullers daar op het stadhuis, jullie kunnen ook helemaal niks",
    "Wat een incompetente idioten werken er bij jullie zeg",
    "Bedankt hoor, sukkels, weer niks gedaan aan mijn melding",
]
RUMOUR = [
    "Ik hoor dat het zwembad in de Watertoren volgend jaar dichtgaat, klopt dat?",
    "Op Facebook gaat rond dat er een azc komt in de oude school, is dat waar?",
]
NOISE = [
    "GRATIS tablet winnen? Volg ons en klik op de link!",
    "Goedemorgen allemaal ☀️",
    "😂😂",
]
CAMPAIGN = ("Stop de kap van de bomen in het Wilhelminapark! Honderd jaar oude bomen horen niet te wijken voor "
            "een parkeergarage.")
CAMPAIGN_VARIANTS = [
    CAMPAIGN,
    CAMPAIGN + " #redhetpark",
    CAMPAIGN.replace("Stop", "STOP"),
    "@raadzandvoorde " + CAMPAIGN,
    CAMPAIGN.replace("!", "!!"),
]


def messages() -> list[dict]:
    """Every planted message: ``{id, user, minute, text, kind, desk}`` (minutes after 08:00)."""
    out = []

    def add(text, kind, desk=None):
        n = len(out) + 1
        out.append({"id": str(10000 + n), "user": str(100 + n), "minute": (n * 7) % 540, "text": text,
                    "kind": kind, "desk": desk})

    for text in EMERGENCY:
        add(text, "emergency")
    for text in WASTE:
        add(text, "waste", "Afval")
    for text in TRAFFIC:
        add(text, "traffic", "Verkeer en Parkeren")
    for text, desk in DESK:
        add(text, "desk", desk)
    for text in POLITICAL:
        add(text, "political", "Communicatie")
    for text in PRAISE:
        add(text, "praise")
    for text in ABUSE:
        add(text, "abuse")
    for text in RUMOUR:
        add(text, "rumour")
    for text in NOISE:
        add(text, "noise")
    for text in CAMPAIGN_VARIANTS:
        add(text, "campaign")
    return out


def _tweet(m: dict) -> dict:
    hour, minute = divmod(480 + m["minute"], 60)
    return {"id": m["id"], "author_id": m["user"], "text": f"@{GOV[1]} {m['text']}", "lang": "nl",
            "created_at": f"2014-11-04T{hour:02d}:{minute:02d}:00.000Z", "conversation_id": m["id"],
            "edit_history_tweet_ids": [m["id"]],
            "entities": {"mentions": [{"start": 0, "end": len(GOV[1]) + 1, "username": GOV[1], "id": GOV[0]}]}}


def write_case(folder: Path) -> Path:
    """The case folder: data/mentions.jsonl (one twarc2 page) and case.yaml; returns the case file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    planted = messages()
    users = [{"id": GOV[0], "username": GOV[1], "name": "Gemeente Zandvoorde"}]
    users += [{"id": m["user"], "username": f"inwoner{m['user']}", "name": f"Inwoner {m['user']}"} for m in planted]
    page = {"data": [_tweet(m) for m in planted], "includes": {"users": users},
            "meta": {"result_count": len(planted)}}
    (folder / "data" / "mentions.jsonl").write_text(json.dumps(page) + "\n", encoding="utf-8")
    case = folder / "case.yaml"
    case.write_text("id: zandvoorde-inbox\ntitle: Inbox gemeente Zandvoorde\nlanguage: nl\n"
                    "period: {start: 2014-11-04, end: 2014-11-04}\n"
                    "sources:\n  - {format: twitter-v2, path: data/mentions.jsonl}\n"
                    "government:\n  - {handle: gemeente_zandvoorde, role: organisation, body: Gemeente Zandvoorde, level: local}\n",
                    encoding="utf-8")
    return case
