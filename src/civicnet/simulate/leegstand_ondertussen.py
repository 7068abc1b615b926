"""Case 5.9: vacant lots in Amsterdam — LinkedIn group "Ondertussen" and #blt020 (macro).

Planted after the report. LinkedIn: a group of 282 members (22 % government, 74 %
professionals — artists, architects, creatives — 4 % unknown) with 371 messages from
March 2011 to October 2013, most in 2011; a few civil servants wrote a third of all
messages; the initiator, a citizen, comments everywhere and ties professionals and
government together; most professionals write once. About half the messages share
knowledge and examples, a quarter announce meetings and drinks. Twitter: 381 #blt020
tweets by 55 accounts from September 2011, three quarters by three civil servants of
Amsterdam, each with a following of its own that hardly overlaps; two of the three
also write in the LinkedIn group.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ._casefile import Generated
from ._chatter import Group, moments
from ._crowd import fill_slots
from ._ledger import Ledger
from ._linkedin import LinkedInGroup, LiMember
from ._people import People
from ._rng import Rng
from ._text import Phrasebook
from ._time import CITIZEN_HOURS, OFFICE_HOURS, after, after_minutes, at, days_between, local_to_utc
from ._twitter import TwitterCollection

CASE_ID = "leegstand-ondertussen"
START, END = date(2011, 3, 8), date(2013, 10, 31)
TW_START = date(2011, 9, 20)
MEMBERS = {"government": 62, "professional": 209, "unknown": 11}
CORE_QUOTAS = [44, 34, 26, 20]  # a third of 371
OTHER_GOV_AUTHORS, OTHER_GOV_MESSAGES = 14, 22
INITIATOR_MESSAGES = 40
PRO_AUTHORS, PRO_MESSAGES = 118, 177
UNKNOWN_AUTHORS, UNKNOWN_MESSAGES = 6, 8
POSTS_BY = {"core": 50, "gov": 8, "initiator": 12, "professional": 38, "unknown": 4}  # 112 group posts
ANSWERS, OTHER_REPLIES, QUESTIONS = 11, 15, 18
TWEETS, CIVIL_SERVANT_TWEETS = 381, [110, 96, 80]
FOLLOWERS_EACH, OTHERS = 15, 7
YEAR_WEIGHTS = {2011: 0.60, 2012: 0.28, 2013: 0.12}

BOOK = {
    "post_core": ["{knowledge}", "{event}", "{knowledge} {closing}", "{map_news}"],
    "post_gov": ["{knowledge}", "{event}"],
    "post_initiator": ["{event}", "{knowledge} {closing}", "{idea}"],
    "post_professional": ["{knowledge}", "{idea}", "{showcase}"],
    "post_unknown": ["{showcase}", "{idea}"],
    "knowledge": [
        "Interessant voorbeeld uit {city}: {example}. {link}",
        "{example_cap} in {city}. Zo kan het dus ook. {link}",
        "Handig overzicht van tijdelijke bestemmingen en de regels die erbij horen: {link}",
        "Ervaring met tijdelijke verhuur van gemeentegrond: {lesson}",
        "Nieuwe publicatie over {theme}. {link}",
        "Les uit ons project in {district}: {lesson}",
        "Mooi artikel over {theme} in {city}. {link}",
    ],
    "example": ["een braakliggend terrein wordt voor vijf jaar een stadstuin", "een lege kavel werd een openluchtbioscoop",
                "containers als tijdelijke ateliers voor kunstenaars", "een pop-up paviljoen op een kavel aan het water",
                "een tijdelijk strand op een bouwterrein", "een moestuin met de buurt op een wachtende bouwplaats",
                "een skatepark onder het viaduct"],
    "example_cap": ["Een stadstuin op een wachtende bouwkavel", "Tijdelijke ateliers in zeecontainers",
                    "Een openluchtbioscoop op een braakliggend terrein", "Een pop-up markt op een lege kavel"],
    "city": ["Rotterdam", "Berlijn", "Utrecht", "Kopenhagen", "Eindhoven", "Londen", "Den Haag"],
    "district": ["Noord", "Nieuw-West", "Oost", "de Houthavens", "Zeeburg", "de Bijlmer"],
    "lesson": ["het contract is korter dan je denkt, regel het goed.", "begin klein en betrek de buren vanaf dag één.",
               "de vergunning kost meer tijd dan de bouw.", "zonder stroom en water op de kavel wordt het lastig.",
               "tijdelijk duurt vaak langer dan gepland, houd daar rekening mee."],
    "theme": ["tijdelijkheid als strategie in de stedelijke ontwikkeling", "leegstand en tijdelijk gebruik",
              "de waarde van wachtende grond", "co-creatie tussen gemeente en initiatiefnemers"],
    "event": [
        "Meedenkavond over braakliggende terreinen op {weekday} in Pakhuis de Zwijger. Iedereen welkom!",
        "Borrel voor alle Ondertussen-leden, {weekday} vanaf 17.00 uur in {venue}. Kom ook!",
        "Excursie langs vijf braakliggende kavels in {district}, aanmelden via deze groep.",
        "Terugblik op de meetup van gisteren in {venue}: mooie gesprekken en veel nieuwe ideeën.",
        "Save the date: het Ondertussen-festival op een lege kavel in {district}.",
    ],
    "venue": ["de Zwijger", "het NDSM-terrein", "de Ceuvel", "het Stenen Hoofd", "de Kantine in Noord"],
    "map_news": [
        "De kaart met braakliggende terreinen van de gemeente staat online, met status en beschikbare periode. {link}",
        "Update: twintig nieuwe kavels in {district} toegevoegd aan de kaart van braakliggende terreinen.",
    ],
    "idea": [
        "Idee: een tijdelijke skatebaan op het terrein in {district}.", "Als het aan mij ligt wordt elke lege kavel in {district} een moestuin.",
        "Voorstel om een database te maken van iedereen die tijdelijk ruimte zoekt.",
        "Kunstenaars zoeken werkruimte, terreinen liggen leeg. Laten we die twee bij elkaar brengen.",
        "Zou mooi zijn: {example}, hier in {district}.",
    ],
    "showcase": [
        "Ons ontwerp voor een tijdelijk theater op een lege kavel: {link}", "Foto's van ons zomerproject in {district}: {link}",
        "Wij zoeken een plek voor een tijdelijk atelier van 200 m2 in {district}.",
        "Ons bureau werkte mee aan {example}. {link}",
    ],
    "closing": ["Reacties welkom.", "Wie heeft aanvullingen, graag.", "Deel het gerust.", ""],
    "link": ["http://bit.ly/1bLt020", "http://www.ondertussen.nl/voorbeelden", "http://www.amsterdam.nl/braakliggend"],
    "c_initiator": ["Mooi voorbeeld, dit moeten we in Amsterdam ook doen.", "Ik breng jullie graag met elkaar in contact.",
                    "Goed idee, laten we het op de volgende meetup bespreken.", "Dank voor het delen, ik zet het op de website.",
                    "Sluit mooi aan bij wat de gemeente aan het doen is."],
    "c_core": ["Dank voor het delen!", "Goed initiatief, neem gerust contact met mij op via de mail.",
               "Mooi, we nemen dit mee in de kaart.", "Leuk om te zien hoeveel energie hier zit."],
    "c_gov": ["Interessant, goed om te weten.", "Dit nemen we mee in ons stadsdeel.", "Mooi initiatief."],
    "c_professional": ["Mooi!", "Goed voorbeeld.", "Ik ben erbij.", "Interessant, dank.", "Graag meer van dit soort voorbeelden.",
                       "Wij doen iets vergelijkbaars in Utrecht.", "Leuk, ik kom zeker.", "Sterk project."],
    "c_unknown": ["Interessant.", "Goed om te lezen."],
    "q_professional": [
        "Staat het terrein aan de Houthavens ook op de kaart?", "Voor hoe lang kun je zo'n kavel huren?",
        "Wie is bij de gemeente het aanspreekpunt voor tijdelijke verhuur?", "Is er al bekend wanneer de nieuwe kaart online komt?",
        "Kunnen ook particulieren een kavel aanvragen?", "Welke vergunningen heb je nodig voor een paviljoen?",
    ],
    "a_core": ["{core_answer} Groet, {first}", "{core_answer}"],
    "core_answer": [
        "Ja, dat terrein staat erop, met beschikbaarheid tot 2015.", "Meestal vijf tot tien jaar, afhankelijk van de plannen.",
        "Dat loopt via het Ontwikkelingsbedrijf, mail mij gerust voor de juiste naam.", "De nieuwe kaart komt na de zomer online.",
        "Ja, iedereen kan een plan indienen.", "Dat hangt af van de grootte, het stadsdeel kan je daarover adviseren.",
    ],
    "r_other": ["Eens met {first}.", "Goed punt {first}.", "Dank {first}, ik neem contact op."],
    # -- Twitter --------------------------------------------------------------------------------
    "cs_post": ["{tweet_info} #blt020", "{tweet_call} #blt020", "#blt020 {tweet_info}"],
    "tweet_info": ["Kaart braakliggende terreinen Amsterdam bijgewerkt: {tco}", "Nieuw tijdelijk initiatief op kavel in Noord.",
                   "Mooi voorbeeld van tijdelijk gebruik in Oost.", "Verslag van de meedenkavond staat online {tco}",
                   "Twintig nieuwe kavels beschikbaar voor tijdelijk gebruik {tco}"],
    "tweet_call": ["Kom ook naar de meedenkavond in de Zwijger!", "Doe mee: deel je idee voor een lege kavel.",
                   "Ken jij een mooi tijdelijk project? Tip ons!", "Aanmelden voor de excursie kan nog tot vrijdag."],
    "tco": ["https://t.co/Blt020kaart", "https://t.co/Blt020zwijg"],
    "cs_mention": ["{hub} dank voor de tip #blt020", "Mooi initiatief van {hub} #blt020"],
    "cs_reply": ["Dank, we nemen het mee #blt020", "Leuk, tot dan! #blt020"],
    "fol_post": ["Mooie plek voor tijdelijk gebruik gespot in West #blt020", "Goed idee, die kaart #blt020"],
    "fol_mention": ["{hub} top werk met de kaart #blt020", "{hub} ik ben er bij! #blt020", "Via {hub}: meedenkavond #blt020"],
    "fol_reply": ["Mooi #blt020", "Ik kom ook #blt020"],
    "tw_q": ["{cs} Staat de kavel bij het IJ ook op de kaart? #blt020", "{cs} Hoe meld ik een leeg terrein aan? #blt020",
             "{cs} Wanneer is de volgende meedenkavond? #blt020"],
    "tw_a": ["Ja, die staat erop #blt020", "Via de site, link in het profiel #blt020", "Over twee weken in de Zwijger! #blt020"],
}


def build(rng: Rng, data: Path) -> Generated:
    ledger = Ledger(CASE_ID)
    book = Phrasebook(rng, BOOK)
    people = People(rng)
    group = LinkedInGroup(ledger, rng, "Ondertussen", "3855420")
    roster, quotas, kinds = _roster(rng, group, people)
    core = [m for m in roster if kinds[m.id] == "core"]
    _linkedin(rng, group, book, roster, quotas, kinds)
    tweets = _twitter(rng, ledger, book, people, core)
    data.mkdir(parents=True, exist_ok=True)
    group.write(data / "ondertussen-linkedin.csv")
    tweets.write_search(data / "blt020-tweets.jsonl")
    gov_authors = [m for m in roster if m.category == "government" and quotas.get(m.id)]
    case = {
        "id": CASE_ID,
        "title": "Braakliggende terreinen Amsterdam: LinkedIn-groep Ondertussen en #blt020",
        "level": "macro",
        "period": {"start": START, "end": END},
        "language": "nl",
        "description": ("Professionals, burgers en ambtenaren delen in de LinkedIn-groep Ondertussen kennis over "
                        "tijdelijk gebruik van braakliggende terreinen; drie ambtenaren twitteren met #blt020. "
                        "Co-creatie die blijft steken bij ideeën en draagvlak; resultaat: een interactieve kaart."),
        "policy_phase": "agenda setting",
        "sources": [{"format": "linkedin", "path": "data/ondertussen-linkedin.csv"},
                    {"format": "twitter-v2", "path": "data/blt020-tweets.jsonl"}],
        "government": [{"handle": m.name, "role": "civil_servant", "body": "Gemeente Amsterdam", "level": "local",
                        "platform": "linkedin"} for m in gov_authors]
        + [{"handle": u, "role": "civil_servant", "body": "Gemeente Amsterdam", "level": "local", "platform": "twitter"}
           for u in tweets.extra_handles],
        "focus": [core[0].name, tweets.extra_handles[0]],
        "networks": ["reply", "mention"],
    }
    members = {c: sum(1 for m in roster if m.category == c) for c in MEMBERS}
    authors = {c: sum(1 for m in roster if m.category == c and quotas.get(m.id)) for c in MEMBERS}
    return Generated(case, ledger, {"linkedin_members": len(roster), "linkedin_members_by_category": members,
                                    "linkedin_authors_by_category": authors,
                                    "linkedin_core_civil_servant_messages": sum(CORE_QUOTAS),
                                    "twitter_civil_servant_tweets": dict(zip(tweets.extra_handles, CIVIL_SERVANT_TWEETS))})


def _roster(rng: Rng, group: LinkedInGroup, people: People):
    """282 members; who writes how much."""
    titles = {
        "government": ["Beleidsadviseur ruimtelijke ordening bij Gemeente Amsterdam", "Projectmanager Ontwikkelingsbedrijf Amsterdam",
                       "Gebiedsmakelaar stadsdeel Noord", "Adviseur grondzaken Gemeente Amsterdam", "Stedenbouwkundige stadsdeel West"],
        "professional": ["Architect", "Kunstenaar", "Stedenbouwkundige", "Zelfstandig ontwerper", "Landschapsarchitect",
                         "Cultureel ondernemer", "Projectontwikkelaar", "Creatief strateeg", "Tuinontwerper"],
        "unknown": [""],
    }
    roster: list[LiMember] = []
    kinds: dict[str, str] = {}
    for category, n in MEMBERS.items():
        for _ in range(n):
            p = people.person(unique=True)
            label = {"government": "overheid", "professional": "professionals", "unknown": "onbekend"}[category]
            m = group.member(p.name, rng.choice(titles[category]), category, group=label,
                             role="civil_servant" if category == "government" else None)
            roster.append(m)
            kinds[m.id] = category
    gov = [m for m in roster if m.category == "government"]
    pros = [m for m in roster if m.category == "professional"]
    unknown = [m for m in roster if m.category == "unknown"]
    quotas: dict[str, int] = {}
    for m, q in zip(gov[:4], CORE_QUOTAS):
        quotas[m.id], kinds[m.id] = q, "core"
    for m, q in zip(gov[4:4 + OTHER_GOV_AUTHORS], rng.split(OTHER_GOV_MESSAGES, [1] * OTHER_GOV_AUTHORS, minimum=1)):
        quotas[m.id], kinds[m.id] = q, "gov"
    initiator = pros[0]
    quotas[initiator.id], kinds[initiator.id] = INITIATOR_MESSAGES, "initiator"
    for m, q in zip(pros[1:1 + PRO_AUTHORS], rng.split(PRO_MESSAGES, rng.pareto_weights(PRO_AUTHORS, 1.2, cap=8), minimum=1)):
        quotas[m.id] = q
    for m, q in zip(unknown[:UNKNOWN_AUTHORS], rng.split(UNKNOWN_MESSAGES, [1] * UNKNOWN_AUTHORS, minimum=1)):
        quotas[m.id] = q
    return roster, quotas, kinds


def _linkedin(rng: Rng, group: LinkedInGroup, book: Phrasebook, roster, quotas, kinds) -> None:
    by_id = {m.id: m for m in roster}
    core = [m for m in roster if kinds[m.id] == "core"]
    slots = [mid for mid, q in quotas.items() for _ in range(q)]
    for n in range(ANSWERS):  # reserve the answers from the core civil servants' quotas
        slots.remove(core[n % len(core)].id)
    rng.shuffle(slots)
    posts_authors = []
    for kind, n in POSTS_BY.items():
        picked = [i for i, mid in enumerate(slots) if kinds[mid] == kind][:n]
        posts_authors += [slots[i] for i in picked]
        for i in sorted(picked, reverse=True):
            slots.pop(i)
    days = [d for d in days_between(START, END) if d.weekday() < 5]
    weights = [YEAR_WEIGHTS[d.year] for d in days]
    post_days = sorted(rng.choices(days, weights=weights, k=len(posts_authors)))
    rng.shuffle(posts_authors)
    posts = []
    for day, mid in zip(post_days, posts_authors):
        kind = kinds[mid] if kinds[mid] in ("core", "gov", "initiator", "unknown") else "professional"
        posts.append(group.write_message(by_id[mid], at(rng, day, OFFICE_HOURS), book.say(f"post_{kind}"),
                                         likes=int(rng.lognormal(2, 0.9))))
    _comments(rng, group, book, posts, slots, by_id, kinds, core)


def _comments(rng, group: LinkedInGroup, book, posts, slots, by_id, kinds, core) -> None:
    end = local_to_utc(END, 86399)
    pull = [3.0 if kinds[p.author.id] in ("core", "initiator") else 1.0 for p in posts]
    replies_left, questions_left = OTHER_REPLIES, QUESTIONS
    asked = []
    for mid in slots:
        author = by_id[mid]
        post = rng.choices(posts, weights=pull)[0]
        when = after(rng, post.created, 600, 1.2, limit=end)
        kind = kinds[mid] if kinds[mid] in ("core", "gov", "initiator", "unknown") else "professional"
        earlier = [c for c in group.messages if c.parent is post and c.created < when and c.author.id != mid
                   and c.id not in group.ledger.questions]
        gov_post = post.author.category == "government"
        if kind in ("professional", "unknown") and gov_post and questions_left > 0:
            questions_left -= 1
            c = group.write_message(author, when, book.say("q_professional"), post)
            group.ledger.question(c.msg)
            asked.append((post, c))
        elif replies_left > 0 and earlier and kind in ("initiator", "professional", "gov"):
            parent = rng.choice(earlier)
            replies_left -= 1
            group.write_message(author, after(rng, parent.created, 300, 1.0, limit=end),
                                book.say("r_other", first=parent.author.name.split()[0]), parent)
        else:
            group.write_message(author, when, book.say(f"c_{kind}"), post, likes=rng.randint(0, 3))
    if replies_left or questions_left:
        raise ValueError("not enough comment slots for the planted replies and questions")
    for n, (post, q) in enumerate(asked[:ANSWERS]):
        answerer = post.author if post.author in core else core[n % len(core)]
        a = group.write_message(answerer, after_minutes(q.created, rng.randint(45, 2400)),
                                book.say("a_core", first=answerer.name.split()[0]), q)
        group.ledger.answer(q.msg, a.msg)


class _Tweets(TwitterCollection):
    extra_handles: list[str]


def _twitter(rng: Rng, ledger: Ledger, book: Phrasebook, people: People, core: list[LiMember]) -> _Tweets:
    """#blt020: three civil servants (two of them in the LinkedIn group) and their own followings."""
    coll = _Tweets(ledger, rng, "#blt020", local_to_utc(TW_START, 0), local_to_utc(END + timedelta(1), 0))
    names = [core[0].name, core[1].name, people.person(unique=True).name]
    servants = []
    for n, name in enumerate(names):
        first, last = name.split(" ", 1)
        handle = people.reserve(f"{first}{last.split()[-1]}A"[:15])
        servants.append(coll.user(handle, name, "Ambtenaar gemeente Amsterdam. Tijdelijk gebruik, braakliggende terreinen.",
                                  followers=rng.randint(400, 1500), following=600, tweet_count=3000, group=f"ambtenaar_{n + 1}",
                                  gov=True, role="civil_servant"))
    coll.extra_handles = [u.username for u in servants]
    groups = []
    for n, cs in enumerate(servants):
        fans = []
        for _ in range(FOLLOWERS_EACH):
            p = people.person()
            fans.append(coll.user(people.handle(p), p.name, rng.choice(["Architect", "Kunstenaar", "Amsterdam", ""]),
                                  followers=int(rng.lognormal(300, 1)), group=f"ambtenaar_{n + 1}"))
        groups.append(Group(f"ambtenaar_{n + 1}", [cs], fans, "fol"))
    others = []
    for _ in range(OTHERS):
        p = people.person()
        others.append(coll.user(people.handle(p), p.name, "Stedenbouw", followers=int(rng.lognormal(300, 1)), group="overig"))
    questions = [("tw_q", i) for i in range(8)]
    answered = 5
    member_total = TWEETS - sum(CIVIL_SERVANT_TWEETS) - len(others) - len(questions)
    fan_totals = rng.split(member_total, [1, 1, 1], minimum=FOLLOWERS_EACH)
    _servant_tweets(rng, coll, book, servants, groups, fan_totals, answered)
    for user in others:
        coll.tweet(user, at(rng, rng.choice(days_between(TW_START, END)), CITIZEN_HOURS), book.say("fol_post"))
    return coll


def _servant_tweets(rng, coll, book, servants, groups, fan_totals, answered) -> None:
    """Each civil servant's own tweets and the retweets and mentions of its own following."""
    days = days_between(TW_START, END)
    weights = [YEAR_WEIGHTS[d.year] * (1.0 if d.weekday() < 5 else 0.2) for d in days]
    lim = local_to_utc(END, 86399)
    for n, (cs, g) in enumerate(zip(servants, groups)):
        own = CIVIL_SERVANT_TWEETS[n] - (answered if n == 0 else 0)
        mine = [coll.tweet(cs, t, book.say("cs_post"), like_count=int(rng.lognormal(2, 0.8)))
                for t in moments(rng, dict(zip(days, rng.split(own, weights))), OFFICE_HOURS)]
        times = moments(rng, dict(zip(days, rng.split(fan_totals[n], weights))))
        for when, fan in sorted(fill_slots(rng, times, g.members, rng.pareto_weights(len(g.members), 1.1, cap=10)),
                                key=lambda x: (x[0], x[1].id)):
            earlier = [t for t in mine if t.created < when]
            kind = rng.choices(["repost", "mention", "post"], weights=[0.6, 0.25, 0.15])[0]
            if kind == "repost" and earlier:
                coll.retweet(fan, rng.choice(earlier[-30:]), min(when, lim))
            elif kind == "post":
                coll.tweet(fan, when, book.say("fol_post"))
            else:
                coll.tweet(fan, when, book.say("fol_mention", hub=f"@{cs.username}"))
    _questions(rng, coll, book, servants, groups, answered)


def _tag(text: str) -> str:
    return text if "#blt020" in text.lower() else f"{text} #blt020"


def _questions(rng, coll, book, servants, groups, answered) -> None:
    cs = servants[0]
    fans = rng.sample(groups[0].members, 8)
    for n, user in enumerate(fans):
        q = coll.tweet(user, at(rng, rng.choice(days_between(TW_START, date(2012, 6, 30))), CITIZEN_HOURS),
                       book.say("tw_q", cs=f"@{cs.username}"))
        coll.ledger.question(q.msg)
        if n < answered:
            a = coll.reply(cs, q, after_minutes(q.created, rng.randint(10, 600)), book.say("tw_a"))
            coll.ledger.answer(q.msg, a.msg)
