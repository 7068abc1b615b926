"""Case 5.10: tweets about Benno L. in one week (macro; keyword search, mention/retweet network).

Planted after the report: 9,533 tweets by 4,171 accounts from 15 to 21 February 2014,
the storm breaking on the first day. Three large groups around news media — local
(``lokaal``: Leidsch Dagblad, Omroep West), national quality (``nationaal``: NOS,
Volkskrant, NRC) and popular (``populair``: Telegraaf, NU.nl) — plus small groups.
Worry and calls for reason in the local group, talk about the media in the national
one, anger in the popular one. Government sent 43 tweets, all inside the local group:
28 retweets by one neighbourhood police officer with 850 followers, two retweets by
the municipality of Leiden, the Public Prosecution's call on the media (retweeted 22
times), the probation service and its chair, two other officers. About one local account
in eight is in contact with government (retweeted by it, or passing on one of its tweets:
CONTRACT's contact share, 0.12; a few more thank it in a reply), so the local group is
reached and the others are not.
Citizens' questions to the municipality go unanswered; the mayor is named often but has
no account.

Planted ambassadors (the report's §7.3: intermediaries the angry group listens to and
government can reach; ``planted.json`` ``ambassadors``): the local news site Sleutelstad,
which a few dozen members of the angry group retweet or answer and the police officer
retweets, and two Leiden residents inside the angry group, whom others of that group retweet
and answer, who answer people of the local group and pass on a police tweet.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from ._casefile import Generated
from ._chatter import Group, chatter, moments
from ._crowd import mix
from ._ledger import Ledger
from ._people import People
from ._rng import Rng
from ._text import Phrasebook
from ._time import CITIZEN_HOURS, OFFICE_HOURS, after, at, local_to_utc
from ._twitter import TwitterCollection

CASE_ID = "benno-l"
START, END = date(2014, 2, 15), date(2014, 2, 21)
TWEETS, PARTICIPANTS = 9_533, 4_171
DAY_WEIGHTS = [3400, 2300, 1300, 1000, 700, 500, 333]
MEMBERS = {"lokaal": 950, "nationaal": 1250, "populair": 1420}
SMALL = [("juristen", "Strafrechtblog"), ("ouders", "OudersAlert"), ("belgie", "hln_be"),
         ("radio", "NPORadio1"), ("studenten", "LeidseStudent"), ("columnisten", "ColumnNL")]
SMALL_MEMBERS = 88
HUBS = {"lokaal": [("Leidsdagblad", "Leidsch Dagblad"), ("OmroepWest", "Omroep West"), ("sleutelstad", "Sleutelstad")],
        "nationaal": [("NOS", "NOS"), ("volkskrant", "de Volkskrant"), ("nrc", "NRC"), ("trouw", "Trouw")],
        "populair": [("telegraaf", "De Telegraaf"), ("nunl", "NU.nl"), ("geenstijl", "GeenStijl")]}
SHARES = {"lokaal": 0.24, "nationaal": 0.28, "populair": 0.38}
#: Local people answering or passing on government tweets: the local group is the one reached.
LOCAL_REPLIES, LOCAL_RETWEETS = 10, 64
#: Planted ambassadors: angry members reading Sleutelstad; two residents, each with angry members
#: passing them on, local members they answer, and tweets of their own.
SLEUTELSTAD_FANS, RESIDENTS, RESIDENT_FANS, RESIDENT_LOCALS, RESIDENT_TWEETS = 24, 2, 24, 6, 3
AMBASSADOR_TWEETS = SLEUTELSTAD_FANS + RESIDENTS * (RESIDENT_TWEETS + RESIDENT_FANS + RESIDENT_LOCALS + 1)

BOOK = {
    "lokaal_post": [
        "{local_news}", "{local_worry}", "{local_news} {local_link}", "{local_calm}",
    ],
    "local_news": [
        "Burgemeester Lenferink bevestigt dat Benno L. in een seniorenflat in Leiden woont.",
        "Bewoners van de flat in Leiden-Noord zijn vanavond uitgenodigd voor een gesprek met de burgemeester over Benno L.",
        "Politie extra zichtbaar rond de flat van Benno L. in Leiden.",
        "Informatieavond over Benno L. in het wijkcentrum, burgemeester Lenferink aanwezig.",
        "Benno L. staat onder streng toezicht van de reclassering, zegt de gemeente Leiden.",
        "Omwonenden van Benno L. willen meer duidelijkheid van de gemeente.",
    ],
    "local_worry": [
        "Ik woon twee straten verderop. Maak me zorgen om de kinderen in de buurt. #BennoL",
        "Als ouder in Leiden-Noord slaap ik hier slecht van. #BennoL",
        "Laten we wel rustig blijven in Leiden. Eigen rechter spelen helpt niemand. #BennoL",
        "Begrijp de onrust in de buurt, maar geweld is nooit de oplossing. #BennoL",
        "Goed dat de burgemeester met de buurt praat over Benno L.",
        "Leiden blijft Leiden. Samen houden we het rustig. #BennoL",
    ],
    "local_calm": [
        "Oproep aan iedereen in Leiden: blijf redelijk, de politie houdt toezicht. #BennoL",
        "De rechtsstaat geldt ook voor Benno L., hoe moeilijk dat ook is.",
    ],
    "local_link": ["https://t.co/Ld8kQ2vWm1", "https://t.co/Ow7hJ3xPq2", ""],
    "lokaal_mention": [
        "{hub} goed verslag van de avond in de wijk. #BennoL", "{hub} dank voor de duidelijke uitleg over Benno L.",
        "Via {hub}: burgemeester in gesprek met omwonenden van Benno L.", "{hub} houd ons op de hoogte over Benno L. aub",
    ],
    "lokaal_reply": [
        "Precies, rustig blijven. #BennoL", "Wij wonen er ook vlakbij, de sfeer is gespannen. #BennoL",
        "Eens, laat de politie het werk doen. #BennoL",
    ],
    "nationaal_post": [
        "{media_talk}", "{media_talk} {nat_link}", "{nat_news}",
    ],
    "media_talk": [
        "Moeten media echt het adres van Benno L. publiceren? Journalistiek heeft ook een verantwoordelijkheid.",
        "Het NRC-stuk over Benno L. roept vragen op over de grens tussen nieuws en schandpaal.",
        "Interessante discussie bij Pauw en Witteman over Benno L. en de rol van de pers.",
        "De jacht op Benno L. zegt meer over ons dan over hem. Goed stuk in de Volkskrant.",
        "Mediahype rond Benno L.: wie beschermt eigenlijk de slachtoffers?",
        "Hoe ver mag een krant gaan? Het geval Benno L. laat het zien.",
    ],
    "nat_news": [
        "Staatssecretaris Teeven: geen wettelijke grond om Benno L. te weren uit Leiden.",
        "Reclassering: toezicht op Benno L. is streng en volgens de regels.",
        "Kamer wil debat over de huisvesting van veroordeelde zedendelinquenten na zaak Benno L.",
    ],
    "nat_link": ["https://t.co/Nrc4bT6yUq", "https://t.co/Vk3mPq9ZrT", ""],
    "nationaal_mention": [
        "{hub} terecht kritisch over de berichtgeving rond Benno L.", "Lees {hub} over de rol van de media bij Benno L.",
        "{hub} waarom publiceren jullie wel de naam van de flat? #BennoL",
        "Sterke analyse van {hub} over de zaak Benno L.",
    ],
    "nationaal_reply": [
        "Eens, de media gaan hier te ver. #BennoL", "Nieuws is nieuws, maar het adres noemen is onverantwoord. #BennoL",
        "Goede vraag, de pers moet zichzelf hier eens goed bekijken. #BennoL",
    ],
    "populair_post": [
        "{anger}", "{anger} {pop_tail}", "{pop_news}",
    ],
    "anger": [
        "Schande dat Benno L. gewoon tussen de mensen mag wonen!", "Benno L. hoort achter slot en grendel, niet in een flat vol ouderen.",
        "Waarom worden daders altijd beter beschermd dan slachtoffers? #BennoL",
        "Ik word hier zo boos van. Zeven jaar is veel te weinig voor Benno L.",
        "Dus een kindermisbruiker krijgt gewoon een woning en wij staan jaren op de wachtlijst. #BennoL",
        "Wie bedenkt dit? Benno L. naast een school. Onbegrijpelijk.",
        "Ons rechtssysteem is een lachertje. #BennoL",
    ],
    "pop_tail": ["#schande", "#BennoL", "#rechtsstaat", "Walgelijk.", "Triest."],
    "pop_news": [
        "Onrust in Leiden om komst Benno L.", "Benno L. woont in seniorenflat in Leiden.",
        "Buurtbewoners woedend over Benno L.",
    ],
    "populair_mention": [
        "{hub} eindelijk iemand die zegt waar het op staat over Benno L.", "{hub} dit moet landelijk nieuws blijven. #BennoL",
        "Zie {hub}: Benno L. gewoon op vrije voeten. Schandalig.",
    ],
    "populair_reply": [
        "Helemaal mee eens. Schande! #BennoL", "Dit slaat nergens op. #BennoL", "Precies dit. #BennoL",
    ],
    "small_post": [
        "{small_topic}", "{small_topic} #BennoL",
    ],
    "small_topic": [
        "Juridisch gezien mag Benno L. gewoon wonen waar hij wil na zijn straf.",
        "Als moeder snap ik de angst om Benno L. heel goed.",
        "In België kennen we dit soort discussies ook. Benno L. is overal.",
        "Vanavond op de radio: hoe gaan we om met daders als Benno L. na hun straf?",
        "Column: de schandpaal is terug, met dank aan Benno L.",
        "Studenten in Leiden houden vanavond een debat over de zaak Benno L.",
    ],
    "small_mention": ["{hub} goed punt over Benno L.", "Mooi stuk van {hub} over Benno L.", "{hub} dank voor de duiding. #BennoL"],
    "small_reply": ["Helder uitgelegd. #BennoL", "Daar zit wat in. #BennoL"],
    # -- government and scripted tweets ------------------------------------------------------
    "om_call": ["Het OM roept media op om in het belang van de slachtoffers terughoudend om te gaan met beeldmateriaal "
                "in de zaak Benno L."],
    "ow_video": ["Video: burgemeester Lenferink gaat in gesprek met buurtbewoners over Benno L. https://t.co/Ow9vDe0Lei"],
    "chair": [
        "De reclassering houdt streng toezicht op Benno L. Dat is de beste bescherming voor de buurt. #BennoL",
        "Begrijp de zorgen in Leiden. Toezicht na de straf voorkomt nieuwe slachtoffers, daarom doen we het zo. #BennoL",
    ],
    "recl": [
        "Onze voorzitter vanavond te gast bij Pauw en Witteman over het toezicht op Benno L.",
        "Lees het interview met onze voorzitter in de Volkskrant over toezicht op zedendelinquenten. #BennoL",
        "Uitleg over hoe het toezicht van de reclassering werkt: https://t.co/Rcl5Tz1Nfo #BennoL",
    ],
    "agent_calm": [
        "Er gaan veel geruchten rond over Benno L. Blijf rustig, wij zijn zichtbaar aanwezig in de wijk.",
        "Heeft u zorgen over uw veiligheid? Spreek ons aan op straat of bel 0900-8844. #BennoL",
    ],
    "resident": [
        "Ik woon zelf in Leiden-Noord. Boos ben ik ook, maar ga niet zelf op pad: laat de politie dit doen. #BennoL",
        "Als Leidenaar snap ik de woede over Benno L. Maar de wijkagent is er echt, spreek hem aan. #BennoL",
        "Boos zijn mag. Bedreigen niet. Groet uit Leiden-Noord. #BennoL",
        "Wie in de buurt woont: de informatieavond is vanavond in het wijkcentrum. Ga erheen en zeg het daar. #BennoL",
    ],
    "resident_local": ["Zo is het, ik woon er ook. Samen rustig houden. #BennoL",
                       "Dank voor het delen, dit moeten meer mensen lezen. #BennoL"],
    "thank_gov": ["Dank voor de uitleg, dit helpt. #BennoL", "Fijn dat jullie er zijn in de wijk. #BennoL",
                  "Helder verhaal, zo snap ik het beter. #BennoL", "Goed dat dit gezegd wordt. #BennoL",
                  "Dank, rustig blijven is het beste. #BennoL"],
    "gem_note": [
        "{gem} goed dat de burgemeester met de buurt in gesprek gaat. #BennoL",
        "{gem} dank voor de informatieavond van gisteren. #BennoL",
        "{gem} houd de omwonenden goed op de hoogte over Benno L. aub",
    ],
    "gem_q_local": [
        "{gem} Is er vanavond ook een bijeenkomst voor omwonenden van de flat? #BennoL",
        "{gem} Waar kunnen ouders terecht met vragen over Benno L.?",
        "{gem} Komt er extra toezicht bij de basisschool? #BennoL",
    ],
    "gem_q_angry": [
        "{gem} Waarom moet Benno L. uitgerekend in Leiden wonen?", "{gem} Wie heeft dit besloten en waarom horen wij niks? #BennoL",
        "{gem} Hoe kunnen jullie dit verantwoorden tegenover de ouders? #BennoL",
    ],
}


def build(rng: Rng, data: Path) -> Generated:
    ledger = Ledger(CASE_ID)
    book = Phrasebook(rng, BOOK)
    people = People(rng)
    start = local_to_utc(START, 0)
    end = local_to_utc(END + timedelta(days=1), 0)
    coll = TwitterCollection(ledger, rng, '"Benno L" OR #BennoL OR #bennol lang:nl', start, end)
    groups = _groups(rng, coll, people)
    gov = _gov_accounts(coll)
    scripted_citizen = 1 + 20 + 12 + 10 + 15 + 6 + LOCAL_REPLIES + LOCAL_RETWEETS + AMBASSADOR_TWEETS
    engine_total = TWEETS - 43 - scripted_citizen
    per_day = dict(zip([START + timedelta(n) for n in range(7)], rng.split(engine_total, DAY_WEIGHTS)))
    times = moments(rng, per_day)
    totals = mix(rng, engine_total, {**SHARES, "small": 0.10})
    small_total = rng.split(totals.pop("small"), [1] * len(SMALL))
    for (name, _), n in zip(SMALL, small_total):
        totals[name] = n
    chatter(rng, coll, book, groups, times, totals, decorate=_decorate)
    calm = _government(rng, coll, book, groups, gov)
    ambassadors = _ambassadors(rng, coll, book, groups, calm)
    data.mkdir(parents=True, exist_ok=True)
    coll.write_search(data / "benno-l-tweets.jsonl")
    case = {
        "id": CASE_ID,
        "title": "Twitterberichten van burgers over Benno L.",
        "level": "macro",
        "period": {"start": START, "end": END},
        "language": "nl",
        "description": ("Maatschappelijke onrust nadat bekend wordt dat een veroordeelde zedendelinquent in een "
                        "seniorenflat in Leiden woont. Wijkagenten, de gemeente Leiden, het OM en de reclassering "
                        "twitteren; de burgemeester niet."),
        "policy_phase": "evaluation",
        "sources": [{"format": "twitter-v2", "path": "data/benno-l-tweets.jsonl"}],
        "government": [
            {"handle": gov["agent"].username, "role": "civil_servant", "body": "Politie Hollands Midden", "level": "local"},
            {"handle": gov["agent_z"].username, "role": "civil_servant", "body": "Politie Hollands Midden", "level": "local"},
            {"handle": gov["agent_m"].username, "role": "civil_servant", "body": "Politie Hollands Midden", "level": "local"},
            {"handle": "gemeenteleiden", "role": "organisation", "body": "Gemeente Leiden", "level": "local"},
            {"handle": gov["om"].username, "role": "organisation", "body": "Openbaar Ministerie", "level": "national"},
            {"handle": "Reclassering", "role": "organisation", "body": "Reclassering Nederland", "level": "national"},
            {"handle": gov["chair"].username, "role": "senior_official", "body": "Reclassering Nederland",
             "level": "national"},
        ],
        "focus": [gov["agent"].username, "gemeenteleiden"],
        # the news media keep their names under --pseudonymise (docs/privacy.md): the report names them
        "public": [h for hubs in HUBS.values() for h, _ in hubs] + ["NPORadio1", "hln_be"],
        "networks": ["mention"],
        "events": [{"date": START, "label": "NRC meldt dat Benno L. in Leiden woont"}],
    }
    return Generated(case, ledger, {"police_officer": gov["agent"].username, "police_officer_followers": 850,
                                    "ambassadors": {"populair": ambassadors}})


def _decorate(text: str) -> str:
    return text if "Benno" in text or "#bennol" in text.lower() else f"{text} #BennoL"


def _groups(rng: Rng, coll: TwitterCollection, people: People) -> list[Group]:
    groups = []
    for name, hubs in HUBS.items():
        hub_users = [coll.user(people.reserve(h), full, f"Nieuws van {full}", followers=rng.randint(40_000, 900_000),
                               following=rng.randint(200, 2000), tweet_count=rng.randint(30_000, 200_000), group=name)
                     for h, full in hubs]
        members = [_citizen(rng, coll, people, name) for _ in range(MEMBERS[name])]
        groups.append(Group(name, hub_users, members, name, cross=0.04))
    for name, hub in SMALL:
        hub_user = coll.user(people.reserve(hub), hub, "", followers=rng.randint(2_000, 60_000), group=name)
        members = [_citizen(rng, coll, people, name) for _ in range(SMALL_MEMBERS)]
        groups.append(Group(name, [hub_user], members, "small", cross=0.02, hub_weight=25))
    return groups


def _citizen(rng: Rng, coll: TwitterCollection, people: People, group: str):
    p = people.person()
    bio = rng.choice(["", "Leidenaar", "Vader van twee", "Moeder, werkt in de zorg", "Nieuwsjunkie", "Jurist",
                      "Student Leiden", "Ondernemer", "Gepensioneerd", "Meningen zijn van mijzelf"])
    return coll.user(people.handle(p), p.name, bio, followers=int(rng.lognormal(180, 1.2)),
                     following=int(rng.lognormal(250, 0.9)), tweet_count=int(rng.lognormal(3000, 1.3)), group=group)


def _gov_accounts(coll: TwitterCollection) -> dict:
    def make(handle, name, bio, followers, role):
        return coll.user(handle, name, bio, followers=followers, following=300, tweet_count=4000,
                         group="lokaal", gov=True, role=role)

    return {
        "agent": make("wijkagentLdnNW", "Wijkagent Leiden Noordwest", "Wijkagent in Leiden-Noord. Geen 112!", 850, "civil_servant"),
        "agent_z": make("wijkagentLdnZ", "Wijkagent Leiden Zuid", "Wijkagent Leiden-Zuid", 610, "civil_servant"),
        "agent_m": make("wijkagentMorsch", "Wijkagent De Mors", "Wijkagent De Mors, Leiden", 420, "civil_servant"),
        "gem": make("gemeenteleiden", "Gemeente Leiden", "Officieel account van de gemeente Leiden", 14_500, "organisation"),
        "om": make("OM_Hogerberoep", "OM Hoger beroep", "Ressortsparket van het Openbaar Ministerie", 5_200, "organisation"),
        "recl": make("Reclassering", "Reclassering Nederland", "Reclassering Nederland", 9_800, "organisation"),
        "chair": make("VoorzitterRN", "Voorzitter Reclassering", "Voorzitter raad van bestuur Reclassering Nederland",
                      3_100, "senior_official"),
    }


def _government(rng: Rng, coll: TwitterCollection, book: Phrasebook, groups: list[Group], gov: dict) -> None:
    """The 43 government tweets, all tied into the local group, and the citizens answering them."""
    local = next(g for g in groups if g.name == "lokaal")
    angry = next(g for g in groups if g.name == "populair")
    media = [t for t in coll.tweets if t.author in local.hubs and t.kind == "post"]  # all, not the recent ones
    ow = next(u for u in local.hubs if u.username == "OmroepWest")
    day = lambda n, hours=OFFICE_HOURS: at(rng, START + timedelta(n), hours)  # noqa: E731
    lim = local_to_utc(END, 86399)
    om = coll.tweet(gov["om"], day(1), book.say("om_call"), like_count=31)
    video = coll.tweet(ow, day(2), book.say("ow_video"), urls=dict([coll.link("https://www.omroepwest.nl/nieuws/bennol")]),
                       like_count=44)
    coll.retweet(gov["gem"], om, after(rng, om.created, 30, 0.5))
    coll.retweet(gov["gem"], video, after(rng, video.created, 40, 0.5))
    coll.retweet(gov["agent"], om, after(rng, om.created, 50, 0.5))
    chair = [coll.tweet(gov["chair"], day(n), book.say("chair"), like_count=rng.randint(10, 40)) for n in (1, 3)]
    recl = [coll.tweet(gov["recl"], day(n), text) for n, text in zip((1, 2, 4), BOOK["recl"])]
    for t in chair:
        coll.retweet(gov["recl"], t, after(rng, t.created, 20, 0.5))
    coll.retweet(gov["agent"], chair[0], after(rng, chair[0].created, 90, 0.5))
    for t in rng.sample([m for m in media if m.created > local_to_utc(START, 12 * 3600)], 26):
        coll.retweet(gov["agent"], t, after(rng, t.created, 45, 0.8, limit=lim))
    for agent, n_rt in ((gov["agent_z"], 2), (gov["agent_m"], 1)):
        for t in rng.sample(media, n_rt):
            coll.retweet(agent, t, after(rng, t.created, 60, 0.8, limit=lim))
        coll.tweet(agent, day(rng.randint(0, 3)), book.say("agent_calm"))
    calm = [t for t in coll.tweets if t.author in (gov["agent_z"], gov["agent_m"]) and t.kind == "post"]
    _citizens_to_government(rng, coll, book, local, angry, gov, om, chair, recl)
    _local_engagement(rng, coll, book, local, chair + recl + calm + [om], lim)
    return calm


def _ambassadors(rng: Rng, coll: TwitterCollection, book: Phrasebook, groups: list[Group], calm: list) -> list[str]:
    """The planted ambassadors of the angry group (module docstring); returns their handles."""
    local = next(g for g in groups if g.name == "lokaal")
    angry = next(g for g in groups if g.name == "populair")
    lim = local_to_utc(END, 86399)
    site = next(u for u in local.hubs if u.username == "sleutelstad")
    news = [t for t in coll.tweets if t.author is site and t.kind == "post"]
    tweets = Counter(t.author.id for t in coll.tweets)
    active = [m for m in angry.members if tweets[m.id] >= 4]  # readers who are at home in the group
    for user in rng.sample(active, SLEUTELSTAD_FANS):
        t = rng.choice(news)
        if rng.chance(0.7):
            coll.retweet(user, t, after(rng, t.created, 120, 1.0, limit=lim))
        else:
            coll.reply(user, t, after(rng, t.created, 90, 1.0, limit=lim), book.say("populair_reply"))
    residents = rng.sample(angry.members, RESIDENTS)
    local_posts = [t for t in coll.tweets if t.author in local.members and t.kind == "post"]
    for resident in residents:
        own = [coll.tweet(resident, at(rng, START + timedelta(n), CITIZEN_HOURS), book.say("resident"),
                          like_count=rng.randint(5, 40)) for n in rng.sample(range(5), RESIDENT_TWEETS)]
        for user in rng.sample([m for m in angry.members if m not in residents], RESIDENT_FANS):
            t = rng.choice(own)
            if rng.chance(0.6):
                coll.retweet(user, t, after(rng, t.created, 100, 1.0, limit=lim))
            else:
                coll.reply(user, t, after(rng, t.created, 80, 1.0, limit=lim), book.say("populair_reply"))
        for t in rng.sample(local_posts, RESIDENT_LOCALS):
            coll.reply(resident, t, after(rng, t.created, 60, 1.0, limit=lim), book.say("resident_local"))
        t = rng.choice(calm)
        coll.retweet(resident, t, after(rng, t.created, 60, 1.0, limit=lim))
    return [site.username] + [r.username for r in residents]


def _citizens_to_government(rng, coll, book, local: Group, angry: Group, gov, om, chair, recl) -> None:
    locals_ = rng.sample(local.members, 57)
    for user in locals_[:20]:
        coll.retweet(user, om, after(rng, om.created, 240, 1.0))
    for n, user in enumerate(locals_[20:32]):
        t = chair[n % 2]
        coll.retweet(user, t, after(rng, t.created, 200, 1.0))
    for n, user in enumerate(locals_[32:42]):
        t = recl[n % 3]
        coll.retweet(user, t, after(rng, t.created, 200, 1.0))
    gem = f"@{gov['gem'].username}"
    for n, user in enumerate(locals_[42:57]):
        ask = n < 5
        t = coll.tweet(user, at(rng, START + timedelta(rng.randint(0, 4)), CITIZEN_HOURS),
                       book.say("gem_q_local" if ask else "gem_note", gem=gem))
        if ask:
            coll.ledger.question(t.msg)
    for user in rng.sample(angry.members, 6):
        t = coll.tweet(user, at(rng, START + timedelta(rng.randint(0, 3)), CITIZEN_HOURS), book.say("gem_q_angry", gem=gem))
        coll.ledger.question(t.msg)


def _local_engagement(rng, coll, book, local: Group, gov_tweets, lim) -> None:
    """Local people reply to and pass on government tweets (never the angry group)."""
    people = rng.sample(local.members, LOCAL_REPLIES + LOCAL_RETWEETS)
    for user in people[:LOCAL_REPLIES]:
        t = rng.choice(gov_tweets)
        coll.reply(user, t, after(rng, t.created, 90, 1.0, limit=lim), book.say("thank_gov"))
    for user in people[LOCAL_REPLIES:]:
        t = rng.choice(gov_tweets[:-1])
        coll.retweet(user, t, after(rng, t.created, 150, 1.0, limit=lim))
