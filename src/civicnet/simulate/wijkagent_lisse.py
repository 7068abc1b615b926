"""Case 5.4: the tweeting neighbourhood police officer @wijkagentLisse (micro).

Two collections, as in the report: the tweets mentioning him (or by him), and the
accounts he follows with the follow ties among them. Planted: a small mention
network of three clusters — local politics (``politiek``), police (``politie``) and
citizens (``burgers``) — that hardly touch each other except through him; he tweets
information and norms ("zet je verlichting aan"), answers citizens' questions within
an hour or so, and is retweeted sparingly. The follow network has a local cluster
(bulb growing, community and politics, businesses) and a police cluster (forces
nearby and beyond, youth care), plus a few national politicians and media; he
follows them all and is the only real bridge between the two clusters.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ._casefile import Generated
from ._chatter import Group, chatter, moments
from ._ledger import Ledger
from ._people import People
from ._rng import Rng
from ._text import Phrasebook
from ._time import CITIZEN_HOURS, OFFICE_HOURS, after, after_minutes, at, days_between, local_to_utc
from ._twitter import TwitterCollection, TwUser

CASE_ID = "wijkagent-lisse"
START, END = date(2014, 1, 1), date(2014, 3, 31)
ME = "wijkagentLisse"
TOTALS = {"politiek": 80, "politie": 100, "burgers": 120}
OWN_TWEETS, QUESTIONS, ANSWERED, HIS_RETWEETERS = 100, 30, 22, 25

BOOK = {
    "me": [f"@{ME}"],
    "politiek_post": ["{pol_text} {me}", "{me} {pol_text}"],
    "pol_text": [
        "Goed overleg gehad met de wijkagent over de veiligheid in het centrum.",
        "Vanavond in de raad: het veiligheidsplan voor Lisse. Dank aan de wijkagent voor de input.",
        "Buurtpreventie in de Kagerzoom werkt, mooi samen met de wijkagent.",
        "Het hangplekkenbeleid staat donderdag op de agenda van de commissie.",
        "Mooi werkbezoek aan het wijkbureau vandaag.",
    ],
    "politiek_mention": ["{hub} en {me} samen aan tafel over veiligheid in Lisse.",
                         "Via {hub}: evaluatie buurtpreventie, met dank aan {me}"],
    "politiek_reply": ["Eens, goed dat de politie zo zichtbaar is {me}", "Dat nemen we mee in de raad {me}"],
    "politie_post": ["{police_text} {me}", "{me} {police_text}"],
    "police_text": [
        "Samen met collega {me} vanavond extra controle op de Heereweg.", "Mooie actie collega!",
        "Goed gedaan vannacht, de verdachte is aangehouden.", "Vandaag gezamenlijke fietscontrole in de Bollenstreek.",
        "Preventiespreekuur in het wijkbureau, loop gerust binnen.",
    ],
    "politie_mention": ["{hub} en {me} vandaag samen in de wijk.", "Sterk werk van {hub} en {me}"],
    "politie_reply": ["Goed werk collega's {me}", "Top, zo doen we het in de Bollenstreek {me}"],
    "burgers_post": ["{citizen_text} {me}", "{me} {citizen_text}"],
    "citizen_text": [
        "Dank voor de snelle hulp gisteravond!", "Fijn dat er vaker politie in de straat te zien is.",
        "Zojuist verdachte situatie gemeld via 0900-8844, keurig opgepakt.", "Mooi dat u zo actief bent in Lisse.",
        "Onze kat is terecht, dank voor het delen!", "Veel jongeren op het schoolplein vanavond, gemeld.",
        "Goede tip over de fietsverlichting.", "Lisse is een stuk veiliger met zo'n wijkagent.",
    ],
    "burgers_mention": ["{hub} en {me} doen goed werk voor Lisse.", "Gelezen bij {hub}: inbraakgolf voorbij. Dank {me}"],
    "burgers_reply": ["Herkenbaar, bij ons in de straat ook {me}", "Goed dat je het meldt {me}"],
    "own": [
        "Fietsers, zet je verlichting aan. Zien en gezien worden!", "Vannacht twee auto's opengebroken aan de Heereweg. "
        "Laat geen spullen zichtbaar achter in de auto.", "Vanavond spreekuur in het wijkbureau tot 20.00 uur, loop gerust binnen.",
        "Hardrijders op de Kanaalstraat: vandaag 14 bekeuringen. Hier wonen kinderen, pas je snelheid aan.",
        "Met de collega's van de jeugdzorg in gesprek over de hangjongeren bij het station.",
        "Verdachte situatie? Bel 112 als het spoed is, anders 0900-8844.", "Mooie dag in Lisse, de Keukenhof gaat bijna open!",
        "Weer een fiets teruggebracht bij de eigenaar. Graveer je fiets, dan vinden we hem terug.",
        "Respect voor elkaar begint bij jezelf. Ook op het schoolplein.", "Vuurwerk afsteken buiten de tijden is verboden en gevaarlijk.",
        "Vandaag samen met de gemeente gesproken over buurtpreventie.", "Denk aan je buren: zet je container op tijd terug.",
    ],
    "q_citizen": [
        "{me} Wat was er aan de hand bij de Heereweg vanavond?", "{me} Is de Kanaalstraat weer open?",
        "{me} Mag mijn zoon van 15 met een brommer op het fietspad?", "{me} Waar kan ik een gevonden fiets afgeven?",
        "{me} Hoe laat is het spreekuur morgen?", "{me} Klopt het dat er is ingebroken bij de Albert Heijn?",
        "{me} Wie moet ik bellen voor overlast van hangjongeren?",
    ],
    "a_me": [
        "{answer} Groet, Hendrik", "{answer}", "Goede vraag! {answer}",
    ],
    "answer": [
        "Er was een aanrijding, niemand gewond. De weg is weer vrij.", "Ja, de weg is sinds 17.00 uur weer open.",
        "Nee, op het fietspad mag dat niet. Op de rijbaan wel.", "Dat kan bij het wijkbureau of op het gemeentehuis.",
        "Het spreekuur is van 18.00 tot 20.00 uur.", "Dat klopt, er is een aangifte. We onderzoeken het.",
        "Bel 0900-8844, dan komt het bij mij terecht.",
    ],
}


def build(rng: Rng, data: Path) -> Generated:
    ledger = Ledger(CASE_ID)
    book = Phrasebook(rng, BOOK)
    people = People(rng)
    coll = TwitterCollection(ledger, rng, f"@{ME} OR from:{ME}", local_to_utc(START, 0), local_to_utc(END + timedelta(1), 0))
    me = coll.user(people.reserve(ME), "Wijkagent Lisse", "Hendrik, wijkagent in Lisse, team Bollenstreek Noord. Geen 112!",
                   followers=1_950, following=0, tweet_count=5_400, group="wijkagent", gov=True, role="civil_servant")
    groups = _groups(rng, coll, people)
    times = moments(rng, dict(zip(days_between(START, END), rng.split(sum(TOTALS.values()), [1.0] * 90))))
    chatter(rng, coll, book, groups, times, dict(TOTALS), decorate=_decorate)
    _his_tweets(rng, coll, book, me, groups)
    follows, follow_groups = _follow_network(rng, coll, people, me, groups)
    me.following = len(follows[me.id])
    data.mkdir(parents=True, exist_ok=True)
    coll.write_search(data / "wijkagent-mentions.jsonl")
    coll.write_following(data / "wijkagent-following.jsonl", follows)
    police_group = next(g for g in groups if g.name == "politie")
    case = {
        "id": CASE_ID,
        "title": "Twitterende wijkagent in Lisse",
        "level": "micro",
        "period": {"start": START, "end": END},
        "language": "nl",
        "description": ("Een wijkagent twittert over wat hij dagelijks meemaakt: informatie en normen voor burgers. "
                        "Het mention-netwerk (tweets die hem noemen) en het netwerk van accounts die hij volgt."),
        "policy_phase": "implementation",
        "sources": [{"format": "twitter-v2", "path": "data/wijkagent-mentions.jsonl"},
                    {"format": "twitter-v2", "path": "data/wijkagent-following.jsonl"}],
        "government": [{"handle": ME, "role": "civil_servant", "body": "Politie Bollenstreek Noord", "level": "local"},
                       {"handle": "GemeenteLisse", "role": "organisation", "body": "Gemeente Lisse", "level": "local"}]
        + [{"handle": u.username, "role": _hub_role(u.username) if u in police_group.hubs else "civil_servant",
            "body": "Politie Hollands Midden", "level": "local"} for u in police_group.everyone],
        "focus": [ME],
        "networks": ["mention", "follow"],
    }
    return Generated(case, ledger, {"follow_groups": follow_groups, "connector": ME,
                                    "followed_by_focus": len(follows[me.id])})


def _decorate(text: str) -> str:
    return text if f"@{ME}" in text else f"{text} @{ME}"


def _groups(rng: Rng, coll: TwitterCollection, people: People) -> list[Group]:
    spec = {
        "politiek": ([("GemeenteLisse", "Gemeente Lisse", True), ("CDALisse", "CDA Lisse", False),
                      ("VVDLisse", "VVD Lisse", False)], 22, "Raadslid in Lisse", False),
        "politie": ([("PolitieBollenst", "Politie Bollenstreek", True), ("wijkagentHillgm", "Wijkagent Hillegom", True)],
                    24, "Politie Bollenstreek Noord", True),
        "burgers": ([("LisseActueel", "Lisse Actueel", False)], 70, "", False),
    }
    groups = []
    for name, (hubs, n, bio, gov) in spec.items():
        hub_users = [coll.user(people.reserve(h), full, full, followers=rng.randint(600, 4000), following=400,
                               tweet_count=rng.randint(800, 9000), group=name, gov=g,
                               role=_hub_role(h) if g else None) for h, full, g in hubs]
        members = []
        for _ in range(n):
            p = people.person()
            handle = people.handle(p, hint="Pol" if gov else "")
            members.append(coll.user(handle, p.name, bio or rng.choice(["Lissenaar", "", "Woont in Lisse", "Bollenstreek"]),
                                     followers=int(rng.lognormal(200, 1)), following=int(rng.lognormal(250, 0.8)),
                                     tweet_count=int(rng.lognormal(1500, 1)), group=name, gov=gov,
                                     role="civil_servant" if gov else None))
        groups.append(Group(name, hub_users, members, name, cross=0.02, hub_weight=8,
                            member_kinds={"repost": 0.25, "post": 0.45, "mention": 0.2, "reply": 0.1}))
    return groups


def _hub_role(handle: str) -> str:
    """The role the case file gives a government hub: a neighbourhood officer is a civil servant."""
    return "civil_servant" if handle.startswith("wijkagent") else "organisation"


def _his_tweets(rng: Rng, coll: TwitterCollection, book: Phrasebook, me: TwUser, groups: list[Group]) -> None:
    """His own tweets, the citizens' questions he answers (fast) and the few retweets of him."""
    lim = local_to_utc(END, 86399)
    own = [coll.tweet(me, at(rng, d, OFFICE_HOURS), book.say("own"), like_count=int(rng.lognormal(4, 0.8)))
           for d in sorted(rng.sample(days_between(START, END), OWN_TWEETS - 20) + rng.sample(days_between(START, END), 20))]
    citizens = next(g for g in groups if g.name == "burgers").members
    askers = rng.sample(citizens, QUESTIONS)
    for n, user in enumerate(askers):
        q = coll.tweet(user, at(rng, rng.choice(days_between(START, END - timedelta(2))), CITIZEN_HOURS),
                       book.say("q_citizen", me=f"@{ME}"))
        coll.ledger.question(q.msg)
        if n < ANSWERED:
            a = coll.reply(me, q, after_minutes(q.created, rng.randint(4, 140)), book.say("a_me"))
            coll.ledger.answer(q.msg, a.msg)
    everyone = [u for g in groups for u in g.everyone if u not in askers]
    for user in rng.sample(everyone, HIS_RETWEETERS):
        t = rng.choice(own)
        coll.retweet(user, t, after(rng, t.created, 120, 1.0, limit=lim))


def _follow_network(rng: Rng, coll: TwitterCollection, people: People, me: TwUser, groups: list[Group]):
    """Whom he follows (local and police clusters, some national accounts) and the ties among them."""
    by_name = {g.name: g.everyone for g in groups}

    def extra(n, bios):
        out = []
        for _ in range(n):
            p = people.person()
            out.append(coll.user(people.handle(p), p.name, rng.choice(bios), followers=int(rng.lognormal(400, 1)),
                                 following=int(rng.lognormal(300, 0.8)), tweet_count=int(rng.lognormal(2000, 1))))
        return out

    clusters = {
        "bollen": extra(30, ["Bollenkweker", "Tulpen uit Lisse", "Hyacintenteelt sinds 1920", "Bloembollenexport"]),
        "gemeenschap": by_name["politiek"] + rng.sample(by_name["burgers"], 20),
        "ondernemers": extra(15, ["Bakker in Lisse", "Fietsenmaker", "Ondernemer Lisse", "Horeca Lisse"]),
        "korpsen": by_name["politie"] + extra(24, ["Politie Leiden", "Wijkagent Katwijk", "Politie Haarlem",
                                                              "Agent Noordwijk", "Politie Teylingen"]),
        "jeugdzorg": extra(10, ["Jeugdzorg Hollands Midden", "Kinderbescherming", "Jongerenwerker"]),
        "landelijk": [coll.users[h.lower()] if h.lower() in coll.users else
                      coll.user(people.reserve(h), full, full, followers=rng.randint(50_000, 900_000), following=500,
                                tweet_count=50_000) for h, full in
                      [("NOS", "NOS"), ("nunl", "NU.nl"), ("OmroepWest", "Omroep West"), ("Leidsdagblad", "Leidsch Dagblad"),
                       ("KamerlidVeilig", "Kamerlid Veiligheid"), ("TweedeKamerNL", "Tweede Kamer nieuws")]],
    }
    cluster_of = {"bollen": "lokaal", "gemeenschap": "lokaal", "ondernemers": "lokaal", "korpsen": "politie",
                  "jeugdzorg": "politie", "landelijk": "landelijk"}
    members = {u.id: (u, sub) for sub, us in clusters.items() for u in us}
    follows: dict[str, list[TwUser]] = {me.id: [u for u, _ in members.values()]}
    for uid, (u, sub) in members.items():
        if sub == "landelijk":
            continue
        mine = []
        for vid, (v, vsub) in members.items():
            if vid == uid:
                continue
            same_cluster = cluster_of[sub] == cluster_of[vsub]
            p = 0.3 if vsub == sub else 0.06 if same_cluster else 0.1 if vsub == "landelijk" else 0.003
            if rng.chance(p):
                mine.append(v)
        if rng.chance(0.55 if cluster_of[sub] == "lokaal" else 0.7):
            mine.append(me)
        follows[uid] = mine
    groups_out = {u.username: cluster_of[sub] for u, sub in members.values()}
    groups_out[me.username] = "verbinder"
    return follows, dict(sorted(groups_out.items()))
