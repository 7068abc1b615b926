"""Case 5.7: the Ministry of Education, Culture and Science's Facebook page (meso).

Planted after the report: 75 posts in three months, formal and in the third person,
like press releases about the work visits of the minister and the state secretary;
106 comments in all, 57 of them on the post about the teachers' grant
(``lerarenbeurs``) whose commenters form the one larger group, seven other posts with
a handful of commenters each — seven small groups, none sharing a commenter, so the
co-comment network falls apart in eight pieces. Citizens posted 30 messages on the
page (events, courses, advertising, criticism of policy, personal situations); the
ministry answered only three of them, service questions about DUO, which it refers to
DUO. Questions on the teachers' grant post stay unanswered.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ._casefile import Generated
from ._facebook import FacebookPage
from ._ledger import Ledger
from ._people import People
from ._rng import Rng
from ._text import Phrasebook
from ._time import CITIZEN_HOURS, OFFICE_HOURS, after, after_minutes, at, days_between, local_to_utc

CASE_ID = "ocw"
START, END = date(2014, 1, 1), date(2014, 3, 31)
POSTS, GRANT_COMMENTS = 75, 57
SMALL_GROUPS = [6, 7, 7, 6, 7, 7, 6]  # comments on seven other posts: 46
GOV_ANSWERS = 3  # 57 + 46 + 3 = 106 comments
VISITOR_POSTS = 30
GRANT_PEOPLE = 41

BOOK = {
    "post_visit": [
        "{who} bracht {daypart} een werkbezoek aan {school} in {place}. {visit_detail} {visit_close}",
        "{who} sprak {daypart} in {place} met leerlingen en docenten van {school}. {visit_detail}",
        "Tijdens een bezoek aan {school} in {place} liet {who} zich informeren over {theme}. {visit_detail} {visit_close}",
    ],
    "who": ["Minister Bussemaker", "Staatssecretaris Dekker", "Minister Bussemaker", "Staatssecretaris Dekker"],
    "school": ["het ROC", "een basisschool", "de Hogeschool", "het Nationaal Archief", "een brede school",
               "het Rijksmuseum", "een praktijkschool", "de Universiteit", "een lerarenopleiding"],
    "place": ["Tilburg", "Zwolle", "Groningen", "Almere", "Rotterdam", "Leeuwarden", "Arnhem", "Den Bosch", "Delft",
              "Enschede", "Middelburg", "Haarlem"],
    "theme": ["passend onderwijs", "de kwaliteit van leraren", "techniekonderwijs", "laaggeletterdheid",
              "het studievoorschot", "excellente scholen", "cultuureducatie", "open science", "vroegtijdig schoolverlaten"],
    "visit_detail": [
        "Het bezoek stond in het teken van {theme}.", "De bewindspersoon benadrukte het belang van {theme}.",
        "Leerlingen lieten zien hoe zij werken aan hun vakmanschap.", "Er werd gesproken over de uitdagingen voor de komende jaren.",
    ],
    "visit_close": ["Meer informatie staat op rijksoverheid.nl.", "Zie de foto's van het bezoek.", ""],
    "post_news": [
        "Het kabinet investeert extra in {theme}. Dat maakte {who_lc} {daypart} bekend. Lees het persbericht op rijksoverheid.nl.",
        "De Tweede Kamer heeft ingestemd met het wetsvoorstel over {theme}.",
        "Vandaag verscheen het rapport over {theme}. {who} neemt de aanbevelingen over.",
    ],
    "who_lc": ["minister Bussemaker", "staatssecretaris Dekker"],
    "post_grant": ["Leraren die zich verder willen ontwikkelen, kunnen van 1 april tot en met 30 juni de lerarenbeurs "
                   "aanvragen bij DUO. De beurs vergoedt collegegeld, studiemiddelen en reiskosten en geeft de school "
                   "geld voor vervanging. Kijk op duo.nl/lerarenbeurs hoe het werkt."],
    # -- citizens --------------------------------------------------------------------------
    "c_grant": [
        "Goede regeling, ik heb er twee jaar geleden gebruik van gemaakt.", "Top, ik ga hem aanvragen.",
        "Jammer dat de beurs alleen voor bevoegde leraren is.", "Collega's, let op, de termijn is kort.",
        "Dankzij de lerarenbeurs heb ik mijn master gehaald.", "De vervangingsuren zijn in de praktijk niet te regelen.",
        "Eindelijk weer een aanvraagronde.", "Mooi initiatief, maar de werkdruk blijft.",
    ],
    "q_grant": [
        "Geldt de lerarenbeurs ook voor leraren in het mbo?", "Kan ik de beurs ook voor een tweede master aanvragen?",
        "Wat als mijn school niet wil meewerken aan de vervanging?", "Tellen de reiskosten ook mee voor een opleiding in België?",
        "Hoeveel aanvragen worden er dit jaar gehonoreerd?",
    ],
    "c_small": [
        "Mooi bezoek, {place} is trots.", "Goed dat er aandacht is voor {theme}.", "Onze school doet hier ook aan mee.",
        "Fijn dat de minister zelf komt kijken.", "Hopelijk blijft het niet bij woorden.", "Mooie foto's.",
        "Als leraar herken ik dit helemaal.", "Ik was erbij, het was een goede middag.",
    ],
    "visitor_event": [
        "Op 14 maart organiseren wij in {place} een studiedag over {theme}. Aanmelden via onze website.",
        "Cursus voor leerkrachten: omgaan met verschillen in de klas. Start in april in {place}.",
        "Bekijk onze nieuwe lesmethode voor rekenen, gratis proeflicentie voor scholen.",
        "Open dag van onze muziekschool in {place}, iedereen welkom.",
    ],
    "visitor_critique": [
        "Het studievoorschot is een slecht plan. Studeren wordt iets voor rijke kinderen.",
        "Passend onderwijs betekent in de praktijk volle klassen en overbelaste leraren.",
        "Minister, waarom wordt er wel bezuinigd op de bibliotheken maar niet op de bureaucratie?",
        "Wanneer gaat de regering eindelijk iets doen aan de werkdruk in het onderwijs? Graag een reactie.",
        "Ik wil graag een reactie van het ministerie: waarom krijgen kleine scholen geen extra geld?",
    ],
    "visitor_personal": [
        "Mijn zoon van 17 kan nergens terecht sinds de bezuinigingen op het speciaal onderwijs. Wie helpt ons?",
        "Ik ben al maanden bezig met mijn diploma-erkenning uit Syrië. Wat moet ik nog doen?",
        "Mijn dochter heeft een beperking en de school weigert haar. Is dat wel toegestaan?",
    ],
    "visitor_duo": [
        "Ik heb al drie keer gebeld met DUO over mijn studieschuld en krijg steeds een ander antwoord. Wie kan mij helpen?",
        "Waarom duurt het zo lang voordat DUO mijn aanvraag voor aanvullende beurs behandelt?",
        "Mijn OV-kaart is geblokkeerd door DUO terwijl ik nog studeer. Wat kan ik doen?",
    ],
    "a_duo": [
        "Vervelend om te lezen. Wij hebben uw vraag doorgestuurd naar DUO; zij nemen contact met u op. "
        "U kunt ook direct een bericht sturen via Mijn DUO op duo.nl. Met vriendelijke groet, webredactie OCW",
    ],
}


def build(rng: Rng, data: Path) -> Generated:
    ledger = Ledger(CASE_ID)
    book = Phrasebook(rng, BOOK)
    page = FacebookPage(ledger, rng, "Ministerie van OCW", "communications", edge="feed")
    people = People(rng)
    posts = _posts(rng, page, book)
    grant = next(p for p, k in posts if k == "grant")
    end = local_to_utc(END, 86399)
    grant_people = [page.user(people.person().name, group="lerarenbeurs") for _ in range(GRANT_PEOPLE)]
    _grant_thread(rng, page, book, grant, grant_people, end)
    others = rng.sample([p for p, k in posts if k != "grant"], len(SMALL_GROUPS))
    for n, (post, size) in enumerate(zip(others, SMALL_GROUPS), 1):
        members = [page.user(people.person().name, group=f"groepje_{n}") for _ in range(rng.randint(3, 5))]
        order = members + rng.choices(members, k=size - len(members))
        when = post.created
        for user in order:
            when = after(rng, when, 90, 1.0, limit=end)
            page.comment(post, user, when, book.say("c_small"), like_count=rng.randint(0, 4))
    _visitor_posts(rng, page, book, people)
    likers = [page.user(people.person().name) for _ in range(700)]
    for post, kind in posts:
        n = 140 if kind == "grant" else min(60, int(rng.lognormal(9, 0.7)))
        page.like(post, rng.sample(likers, n))
    data.mkdir(parents=True, exist_ok=True)
    page.write(data / "ocw-feed.jsonl")
    case = {
        "id": CASE_ID,
        "title": "Facebookpagina ministerie van OCW",
        "level": "meso",
        "period": {"start": START, "end": END},
        "language": "nl",
        "description": ("De communicatieafdeling van het ministerie van OCW post formele, persberichtachtige verslagen "
                        "van werkbezoeken van minister en staatssecretaris. Burgers plaatsen berichten op de pagina; "
                        "het ministerie reageert alleen op enkele vragen over DUO."),
        "policy_phase": "implementation",
        "sources": [{"format": "facebook-graph", "path": "data/ocw-feed.jsonl"}],
        "government": [{"handle": "Ministerie van OCW", "role": "communications",
                        "body": "Ministerie van Onderwijs, Cultuur en Wetenschap", "level": "national",
                        "platform": "facebook"}],
        "focus": ["Ministerie van OCW"],
        "networks": ["co-comment"],
    }
    return Generated(case, ledger, {"grant_post": grant.id, "commented_posts": 1 + len(SMALL_GROUPS),
                                    "co_comment_components": 1 + len(SMALL_GROUPS)})


def _posts(rng: Rng, page: FacebookPage, book: Phrasebook):
    kinds = ["visit"] * 55 + ["news"] * 19 + ["grant"]
    rng.shuffle(kinds)
    workdays = [d for d in days_between(START, END) if d.weekday() < 5 and d != date(2014, 1, 1)]
    days = sorted(workdays + rng.sample(workdays, POSTS - len(workdays)))
    out = []
    for day, kind in zip(days, kinds):
        ptype = "photo" if kind == "visit" else "link"
        link = "https://www.duo.nl/lerarenbeurs" if kind == "grant" else (
            "https://www.rijksoverheid.nl/ministeries/ocw" if ptype == "link" else None)
        text = book.say({"visit": "post_visit", "news": "post_news", "grant": "post_grant"}[kind])
        out.append((page.post(page.page, at(rng, day, OFFICE_HOURS), text, ptype, link,
                              shares=int(rng.lognormal(3, 0.8)) if kind != "grant" else 96), kind))
    return out


def _grant_thread(rng: Rng, page: FacebookPage, book: Phrasebook, grant, people, end) -> None:
    """57 comments by 41 teachers; their questions stay unanswered."""
    order = people + rng.choices(people, k=GRANT_COMMENTS - len(people))
    rng.shuffle(order)
    for user in order:
        when = after(rng, grant.created, 300, 1.3, limit=end)
        ask = rng.chance(0.25)
        c = page.comment(grant, user, when, book.say("q_grant" if ask else "c_grant"), like_count=rng.randint(0, 9))
        if ask:
            page.ledger.question(c.msg)


def _visitor_posts(rng: Rng, page: FacebookPage, book: Phrasebook, people: People) -> None:
    """30 posts to page; three DUO questions get an answer referring to DUO."""
    kinds = ["visitor_event"] * 12 + ["visitor_critique"] * 8 + ["visitor_personal"] * 5 + ["visitor_duo"] * 5
    rng.shuffle(kinds)
    days = sorted(rng.sample(days_between(START, END), VISITOR_POSTS))
    duo_answered = 0
    for day, kind in zip(days, kinds):
        user = page.user(people.person().name, group="post_to_page")
        post = page.post(user, at(rng, day, CITIZEN_HOURS), book.say(kind), "status" if kind != "visitor_event" else "photo")
        if "?" in post.text:
            page.ledger.question(post.msg)
        if kind == "visitor_duo" and duo_answered < GOV_ANSWERS:
            room = int((local_to_utc(END, 86399) - post.created).total_seconds() // 60) - 1
            minutes = max(1, min(rng.randint(120, 1500), room))
            a = page.comment(post, page.page, after_minutes(post.created, minutes), book.say("a_duo"))
            page.ledger.answer(post.msg, a.msg)
            duo_answered += 1
