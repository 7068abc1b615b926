"""Case 5.8: tweets about the earthquakes in Groningen (macro; #aardbeving #beving search).

Planted after the report: 5,443 tweets by 2,823 accounts, 1 January – 31 March 2014,
with a peak at the larger quake (Leermens, 13 February 2014, magnitude 3.0) and a
smaller one when the cabinet decided to cut gas production (17 January 2014). A
densely tied network of protest accounts (``protest``), media (``media``) and
critical citizens (``kritisch``) who call on politics; a few large joking accounts
retweeted only by their own followers, apart from the rest (``humor``). Government is
nearly absent: one national politician tweets and is retweeted; three
municipalities each send one tweet that nobody retweets, mentions or answers; the
ministry is asked questions and never answers.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ._casefile import Generated
from ._chatter import Group, chatter, moments
from ._crowd import mix
from ._ledger import Ledger
from ._people import People
from ._rng import Rng
from ._text import Phrasebook
from ._time import CITIZEN_HOURS, OFFICE_HOURS, after, at, days_between, local_to_utc
from ._twitter import TwitterCollection

CASE_ID = "aardbeving-groningen"
START, END = date(2014, 1, 1), date(2014, 3, 31)
TWEETS, PARTICIPANTS = 5_443, 2_823
QUAKE, DECISION = date(2014, 2, 13), date(2014, 1, 17)
BOOSTS = {QUAKE: 25, QUAKE + timedelta(1): 10, QUAKE + timedelta(2): 5, QUAKE + timedelta(3): 3,
          QUAKE + timedelta(4): 2, DECISION: 8, DECISION + timedelta(1): 3, DECISION + timedelta(2): 1.8}
HUBS = {
    "protest": [("AardbevingNL", "Aardbeving NL"), ("SchokkendGron", "Schokkend Groningen"),
                ("BodemBeweging", "Groninger Bodembeweging")],
    "media": [("RTVNoord", "RTV Noord"), ("dvhn_nl", "Dagblad van het Noorden"), ("NOS", "NOS")],
    "kritisch": [("GasGebouwd", "Gebouwd op gas"), ("ScheurInDeMuur", "Scheur in de muur")],
    "humor": [("BevingGrap", "Bevinggrappen"), ("GrunnegerHumor", "Grunneger Humor"), ("LolUitNoorden", "Lol uit het Noorden")],
}
MEMBERS = {"protest": 520, "media": 600, "kritisch": 1258, "humor": 430}
SHARES = {"protest": 0.22, "media": 0.20, "kritisch": 0.46, "humor": 0.12}
MUNICIPALITIES = [("gemLoppersum", "Gemeente Loppersum"), ("GemSlochteren", "Gemeente Slochteren"),
                  ("gemDelfzijl", "Gemeente Delfzijl")]

BOOK = {
    "protest_post": ["{protest}", "{protest} {tags}", "{damage} {tags}"],
    "protest": [
        "Weer een #beving in Noord-Groningen. Hoe lang moeten wij dit nog pikken?",
        "Gaswinning omlaag, nu! Groningen is geen wingewest. #aardbeving",
        "Kom zaterdag naar de fakkeltocht in Loppersum. Laat zien dat Groningen zich niet laat wegzetten. #aardbeving",
        "De NAM verdient miljarden en wij zitten met de scheuren. #beving",
        "Veiligheid van Groningers gaat voor gaswinning. Teken de petitie. #aardbeving",
        "Elke #beving opnieuw dezelfde angst. Het is genoeg.",
    ],
    "damage": [
        "Nieuwe scheur in de keukenmuur na de #beving van vannacht.", "Schade gemeld bij de NAM, nu weer wachten. #aardbeving",
        "Onze boerderij staat al jaren scheef, de NAM stuurt steeds een nieuwe expert. #aardbeving",
    ],
    "tags": ["#gaswinning", "#NAM", "#Groningen", "#aardbeving", "#beving"],
    "protest_mention": ["{hub} blijf strijden voor Groningen! #aardbeving", "Goed werk van {hub}. #beving",
                        "Via {hub}: fakkeltocht zaterdag. #aardbeving"],
    "protest_reply": ["Precies. Genoeg is genoeg. #aardbeving", "Wij gaan ook! #beving", "Sterkte Groningers. #aardbeving"],
    "media_post": ["{news}", "{news} {link}"],
    "news": [
        "KNMI: aardbeving met kracht 3.0 bij Leermens. #aardbeving", "Honderden schademeldingen na #aardbeving bij Leermens.",
        "Kabinet: gaswinning rond Loppersum met 80 procent omlaag. #aardbeving",
        "Bewoners Loppersum bezorgd na nieuwe #beving.", "NAM zegt schadeafhandeling te versnellen. #aardbeving",
        "Kamer debatteert over gaswinning en #aardbeving in Groningen.", "Kleine #beving gemeten bij Zandeweer, geen schade gemeld.",
    ],
    "link": ["https://t.co/Rtv4NrdQk1", "https://t.co/Dvh7NwsGq2", "https://t.co/Nos2GrnAb3"],
    "media_mention": ["{hub} goed verslag over de #aardbeving", "Zie {hub}: schade na #beving", "Via {hub} #aardbeving"],
    "media_reply": ["Bij ons in Middelstum ook gevoeld. #aardbeving", "Hier in Garrelsweer trilde alles. #beving"],
    "kritisch_post": ["{critical}", "{critical} {tags}", "{felt}"],
    "critical": [
        "Den Haag kijkt weg terwijl Groningen beeft. #aardbeving", "Waar is de minister nu? Geen woord over de #beving.",
        "De overheid verdient aan het gas en laat de Groningers in de kou staan. #aardbeving",
        "Schadevergoeding moet eindelijk op de politieke agenda. #aardbeving",
        "Politiek, neem stelling en handel. Groningen wacht al te lang. #beving",
        "Die compensatie van de NAM is een fooi. #aardbeving",
    ],
    "felt": ["Net een flinke #aardbeving gevoeld in Appingedam!", "Huis trilde, ramen rammelden. #beving #Groningen",
             "Wakker geschrokken van de #aardbeving. Alles in orde hier."],
    "kritisch_mention": ["{hub} helemaal mee eens. #aardbeving", "Lees {hub} over de schade na de #beving",
                         "{hub} blijf dit aankaarten. #aardbeving"],
    "kritisch_reply": ["Precies dit. #aardbeving", "Ze horen ons gewoon niet. #beving", "Eens, het moet nu gebeuren. #aardbeving"],
    "humor_post": ["{joke}"],
    "joke": [
        "Net een #aardbeving gevoeld. O nee, het was de buurman met zijn subwoofer.",
        "Groningers hoeven hun cocktails niet meer te shaken. #beving",
        "In Groningen heet de Harlem Shake gewoon dinsdag. #aardbeving",
        "Mijn schilderij hangt eindelijk recht. Dank je #aardbeving.",
        "Nieuwe sport in het noorden: beving-bingo. #beving",
    ],
    "humor_mention": ["{hub} hahaha #aardbeving", "{hub} deze is goed #beving"],
    "humor_reply": ["Hahaha #aardbeving", "Ik lig dubbel. #beving"],
    # -- politics and government -------------------------------------------------------------
    "politician": [
        "Gedupeerden in Groningen verdienen een ruimhartige schadevergoeding. Ik vraag het kabinet om opheldering. #aardbeving",
        "Vanavond in Loppersum gesproken met bewoners. Hun zorgen neem ik mee naar Den Haag. #aardbeving",
        "Het besluit om de gaswinning te verlagen is een eerste stap, maar niet genoeg. #aardbeving",
        "Veiligheid moet voorop staan. Morgen stel ik Kamervragen over de #beving bij Leermens.",
    ],
    "municipal": [
        "Schade door de #aardbeving? Meld het bij de NAM, telefoon 0800-0201. Meer informatie op onze website.",
        "Het college is in gesprek met de NAM over de gevolgen van de #aardbeving voor onze inwoners.",
        "Inloopavond over de #aardbeving donderdag in het gemeentehuis. Iedereen is welkom.",
    ],
    "to_politician": ["{pol} zet dit alstublieft op de agenda in Den Haag. #aardbeving",
                      "{pol} dank dat u de Groningers steunt. #aardbeving"],
    "q_politician": ["{pol} Wanneer komt er eindelijk een eerlijke schadevergoeding? #aardbeving",
                     "{pol} Gaat u de minister ook vragen naar de veiligheid van de dijken? #beving",
                     "{pol} Wat doet de Kamer nu concreet voor Groningen? #aardbeving"],
    "to_ministry": ["{min} neem verantwoordelijkheid voor de schade in Groningen. #aardbeving",
                    "{min} Groningen wacht op een reactie. #beving"],
    "q_ministry": ["{min} Waarom reageert het ministerie niet op de #aardbeving bij Leermens?",
                   "{min} Wie betaalt de schade aan ons huis na deze #beving?",
                   "{min} Hoeveel bevingen moeten er nog komen voordat de gaskraan dichtgaat? #aardbeving",
                   "{min} Komt de minister zelf naar Groningen? #aardbeving"],
}


def build(rng: Rng, data: Path) -> Generated:
    ledger = Ledger(CASE_ID)
    book = Phrasebook(rng, BOOK)
    people = People(rng)
    coll = TwitterCollection(ledger, rng, "#aardbeving OR #beving lang:nl", local_to_utc(START, 0),
                             local_to_utc(END + timedelta(1), 0))
    groups = []
    for name, hubs in HUBS.items():
        hub_users = [coll.user(people.reserve(h), full, full, followers=rng.randint(3_000, 300_000),
                               following=rng.randint(100, 1500), tweet_count=rng.randint(2_000, 90_000), group=name)
                     for h, full in hubs]
        members = [_citizen(rng, coll, people, name) for _ in range(MEMBERS[name])]
        kinds = {"repost": 0.85, "reply": 0.1, "post": 0.05} if name == "humor" else None
        g = Group(name, hub_users, members, name, cross=0.0 if name == "humor" else 0.08,
                  hub_weight=40 if name != "humor" else 30)
        if kinds:
            g.member_kinds = kinds
        groups.append(g)
    gov = _gov_accounts(coll)
    scripted = 45 + 8 + 12 + 10 + 20
    engine_total = TWEETS - 4 - 3 - scripted
    days = days_between(START, END)
    weights = [BOOSTS.get(d, 1.0) * (0.75 if d.weekday() >= 5 else 1.0) * rng.lognormal(1, 0.2) for d in days]
    times = moments(rng, dict(zip(days, rng.split(engine_total, weights))))
    totals = mix(rng, engine_total, SHARES)
    chatter(rng, coll, book, groups, times, totals, decorate=_decorate)
    _government(rng, coll, book, groups, gov)
    data.mkdir(parents=True, exist_ok=True)
    coll.write_search(data / "aardbeving-tweets.jsonl")
    case = {
        "id": CASE_ID,
        "title": "Twitterberichten over aardbevingen in Groningen",
        "level": "macro",
        "period": {"start": START, "end": END},
        "language": "nl",
        "description": ("Burgers, protestaccounts en media twitteren kritisch over aardbevingen door gaswinning en "
                        "over schadevergoeding. De overheid houdt zich gedeisd: één landelijke politica, drie "
                        "gemeentelijke tweets die niet landen."),
        "policy_phase": "implementation",
        "sources": [{"format": "twitter-v2", "path": "data/aardbeving-tweets.jsonl"}],
        "government": [
            {"handle": gov["pol"].username, "role": "politician", "body": "Tweede Kamer", "level": "national"},
            {"handle": gov["min"].username, "role": "organisation", "body": "Ministerie van Economische Zaken",
             "level": "national"},
        ] + [{"handle": h, "role": "organisation", "body": name, "level": "local"} for h, name in MUNICIPALITIES],
        "focus": [gov["pol"].username, gov["min"].username],
        "networks": ["mention"],
        "events": [
            {"date": DECISION, "label": "Kabinet verlaagt gaswinning rond Loppersum"},
            {"date": QUAKE, "label": "Aardbeving Leermens, magnitude 3.0"},
        ],
    }
    return Generated(case, ledger, {"planted_peak_days": [QUAKE.isoformat(), DECISION.isoformat()],
                                    "unlanded_government_tweets": [m for m in _municipal_ids(ledger, gov)]})


def _decorate(text: str) -> str:
    low = text.lower()
    return text if "#aardbeving" in low or "#beving" in low else f"{text} #aardbeving"


def _citizen(rng: Rng, coll: TwitterCollection, people: People, group: str):
    p = people.person()
    bio = rng.choice(["", "Groninger", "Stadjer", "Boer in Noord-Groningen", "Woont in Loppersum", "Hou van het Hogeland",
                      "Nieuws en zo", "Appingedam", "Vader, moeder, Groninger"])
    return coll.user(people.handle(p), p.name, bio, followers=int(rng.lognormal(150, 1.2)),
                     following=int(rng.lognormal(220, 0.9)), tweet_count=int(rng.lognormal(2500, 1.3)), group=group)


def _gov_accounts(coll: TwitterCollection) -> dict:
    out = {
        "pol": coll.user("LiekeHoogeveen", "Lieke Hoogeveen", "Tweede Kamerlid. Energie en Groningen.", followers=9_400,
                         following=800, tweet_count=6_000, group="kritisch", gov=True, role="politician"),
        "min": coll.user("MinisterieEZ", "Ministerie van EZ", "Ministerie van Economische Zaken", followers=41_000,
                         following=300, tweet_count=5_000, gov=True, role="organisation"),
    }
    out["municipalities"] = [coll.user(h, name, f"Officieel account van de {name.lower()}", followers=1_800,
                                       following=200, tweet_count=1_500, gov=True, role="organisation",
                                       group="gemeente_los")
                             for h, name in MUNICIPALITIES]
    return out


def _government(rng: Rng, coll: TwitterCollection, book: Phrasebook, groups, gov) -> None:
    critical = next(g for g in groups if g.name == "kritisch")
    lim = local_to_utc(END, 86399)
    pol_days = [DECISION, QUAKE, QUAKE + timedelta(1), date(2014, 3, 3)]
    pol_tweets = [coll.tweet(gov["pol"], at(rng, d, OFFICE_HOURS), text, like_count=rng.randint(15, 80))
                  for d, text in zip(pol_days, BOOK["politician"])]
    for d, muni, text in zip((QUAKE, QUAKE, QUAKE + timedelta(1)), gov["municipalities"], BOOK["municipal"]):
        coll.tweet(muni, at(rng, d, OFFICE_HOURS), text, like_count=rng.randint(0, 3))
    fans = rng.sample(critical.members, 95)
    for n, user in enumerate(fans[:45]):
        t = pol_tweets[n % 4]
        coll.retweet(user, t, after(rng, t.created, 90, 1.0, limit=lim))
    pol, mini = f"@{gov['pol'].username}", f"@{gov['min'].username}"
    busy = [QUAKE, QUAKE, QUAKE + timedelta(1), DECISION, QUAKE + timedelta(2)]
    plan = ([("to_politician", pol, False)] * 8 + [("q_politician", pol, True)] * 12 +
            [("to_ministry", mini, False)] * 10 + [("q_ministry", mini, True)] * 20)
    for user, (key, handle, ask) in zip(fans[45:], plan):
        slot = "pol" if handle == pol else "min"
        t = coll.tweet(user, at(rng, rng.choice(busy), CITIZEN_HOURS), book.say(key, **{slot: handle}))
        if ask:
            coll.ledger.question(t.msg)


def _municipal_ids(ledger: Ledger, gov) -> list[str]:
    ids = {u.id for u in gov["municipalities"]}
    return [m.id for m in ledger.messages if m.author in ids]
