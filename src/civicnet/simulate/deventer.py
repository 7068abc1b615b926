"""Case 5.5: the municipality of Deventer's Facebook page (meso; posts, comments, likes, posts to page).

Planted after the report: 67 posts by the communications department in three months,
nearly every working day, light in tone: news, calls to take part ("Doe mee"),
knowledge quizzes about the city's history. Few reactions: likes per post mostly
under five, at most about twenty; at most four messages under a post. The
municipality answers every question, within minutes. Citizens post photos, events
and news on the page (post to page) and now and then ask the municipality something
there, which it answers at once.
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

CASE_ID = "deventer"
START, END = date(2014, 1, 1), date(2014, 3, 31)
POST_TYPES = {"nieuws": 30, "oproep": 18, "quiz": 12, "luchtig": 7}
CITIZENS = 56
VISITOR_POSTS = 16
VISITOR_QUESTIONS = 4

BOOK = {
    "post_nieuws": [
        "{news} {more_info}", "{news}", "Goed nieuws: {news_lc} {more_info}",
    ],
    "news": [
        "De ijsbaan op de Brink is dit weekend nog open.", "Het nieuwe fietspad langs de IJssel is klaar.",
        "De bibliotheek in Colmschate heeft vanaf maandag langere openingstijden.",
        "Het Deventer Boekenfeest trok vorig jaar meer dan 100.000 bezoekers.",
        "De gemeenteraad vergadert woensdagavond over het centrumplan.",
        "Vanaf 1 februari haalt Circulus het oud papier op een andere dag op.",
        "De Wilhelminabrug krijgt een opknapbeurt.", "Het stadhuis is op Koningsdag gesloten.",
        "In de Bergkerk opent zaterdag een nieuwe tentoonstelling.",
        "Deventer is genomineerd als mooiste binnenstad van Nederland.",
    ],
    "news_lc": ["het fietspad langs de IJssel is klaar.", "de ijsbaan blijft een week langer open.",
                "de parkeergarage Singel heeft nu ook laadpalen."],
    "more_info": ["Meer informatie op deventer.nl", "Kijk op deventer.nl voor de details.",
                  "Lees meer op www.deventer.nl", "{smiley}", ""],
    "post_oproep": [
        "Doe mee met {event}! {call_close}", "Bekijk het programma van {event} en kom ook. {call_close}",
        "Denk mee over {plan}. Laat je idee achter op deventer.nl. {call_close}",
        "Maak kans op twee kaartjes voor {event}: deel jouw mooiste foto van Deventer. {call_close}",
    ],
    "event": ["de Nationale Opschoondag", "Deventer op Stelten", "het Dickens Festijn", "de Boekenmarkt",
              "de IJsselloop", "de open dag van het stadhuis", "de fotowedstrijd 'Mijn Deventer'"],
    "plan": ["de inrichting van de Brink", "het nieuwe speelveld in Rivierenwijk", "de toekomst van de bibliotheek",
             "het groen in jouw wijk"],
    "call_close": ["We zien je graag!", "Tot dan!", "Doe je mee?", "Aanmelden kan tot vrijdag.", ""],
    "post_quiz": [
        "Kennisvraag: {quiz}", "Test je kennis van Deventer! {quiz}", "Vrijdagquiz: {quiz}",
    ],
    "quiz": [
        "Weet jij in welk jaar Deventer lid werd van de Hanze?", "Hoeveel torens telt de Lebuïnuskerk?",
        "Wie was de beroemdste inwoner van de Waag?", "Welke straat is de oudste van Deventer?",
        "Uit welke eeuw stamt het Penninckshuis?", "Waar stond vroeger de stadsmuur?",
    ],
    "post_luchtig": [
        "Wat een prachtige ochtend aan de IJssel! {smiley}", "De eerste krokussen in het Rijsterborgherpark. Lente!",
        "Fijn weekend Deventer! {emoji}", "Ook onze collega's van de buitendienst genieten van het zonnetje vandaag.",
    ],
    # -- citizens --------------------------------------------------------------------------
    "c_general": [
        "Leuk!", "Mooi initiatief {smiley}", "Wij komen zeker", "Prachtige foto", "Top, eindelijk",
        "Mooi zo", "Goed bezig Deventer", "Gezellig, tot zaterdag", "Mooie stad blijft het", "Eens",
    ],
    "c_quiz": ["Ik gok {guess}.", "{guess} denk ik", "Volgens mij {guess}.", "{guess}!"],
    "guess": ["1300", "drie", "1480", "de Walstraat", "de vijftiende eeuw", "de Brink", "twee", "1380"],
    "q_comment": [
        "Tot hoe laat is de ijsbaan open?", "Geldt dat ook voor Colmschate?", "Waar kan ik me aanmelden?",
        "Is het stadhuis zaterdag ook open?", "Wanneer begint de verbouwing precies?",
        "Kan ik de foto ook mailen?", "Hoe laat begint het?",
    ],
    "a_comment": [
        "{thanks} voor je vraag! {answer} Groet, {agent}", "Hoi! {answer} Groet, {agent}",
        "{answer} Groet, {agent} (webredactie)",
    ],
    "answer": [
        "Dat staat op deventer.nl bij het programma.", "Ja, dat geldt voor de hele gemeente.",
        "Aanmelden kan via deventer.nl of bij de balie in het stadhuis.", "Het begint om 10.00 uur.",
        "Mailen mag ook, naar communicatie@deventer.nl.", "De werkzaamheden starten op maandag 3 maart.",
    ],
    "agent": ["Marieke", "Joost", "Sanne", "Erik"],
    "a_quiz": ["Goed geraden {first}! {smiley}", "Bijna {first}, kijk morgen voor het antwoord.",
               "Het juiste antwoord volgt maandag. Leuk dat je meedoet {first}!"],
    "visitor": [
        "Vanochtend de mist boven de IJssel gefotografeerd. {smiley}", "Zaterdag een rommelmarkt op het Grote Kerkhof, iedereen welkom.",
        "Mooi artikel in de Stentor over de nieuwe brug: https://www.destentor.nl/deventer",
        "De Bergkerk in de sneeuw, mooiste plek van de stad.", "Concert in de Mariakerk zondag, gratis toegang.",
        "Uitzicht vanaf de Wilhelminabrug, gisteravond.", "Onze buurt heeft vandaag de speeltuin opgeknapt!",
    ],
    "q_visitor": [
        "Gemeente Deventer, wanneer wordt de lantaarnpaal in de Hoge Hondstraat gemaakt? Hij is al twee weken stuk.",
        "Weet de gemeente wanneer de containers aan de Brinkgreverweg geleegd worden?",
        "Kan ik bij de gemeente een vergunning voor een buurtfeest aanvragen? En hoe lang duurt dat?",
        "Waar kan ik grofvuil kwijt in Deventer-Noord?",
    ],
    "a_visitor": [
        "{thanks} voor je melding. {visitor_answer} Groet, {agent}",
        "Hallo, {visitor_answer} Groet, {agent}",
    ],
    "visitor_answer": [
        "We hebben het doorgegeven aan de buitendienst; die komt deze week langs.",
        "Dat kan via deventer.nl/evenementen. Reken op twee weken.",
        "Grofvuil kun je gratis wegbrengen naar het afvalbrengstation of laten ophalen via Circulus.",
        "De containers worden dinsdag geleegd.",
    ],
}


def build(rng: Rng, data: Path) -> Generated:
    ledger = Ledger(CASE_ID)
    book = Phrasebook(rng, BOOK)
    page = FacebookPage(ledger, rng, "Gemeente Deventer", "communications", edge="feed")
    people = People(rng)
    citizens = [page.user(people.person().name, group="deventenaren") for _ in range(CITIZENS)]
    likers = citizens + [page.user(people.person().name) for _ in range(240)]
    weights = rng.pareto_weights(len(citizens), 1.4, cap=12)
    used: set[str] = set()
    posts = _posts(rng, page, book)
    for post, kind in posts:
        _thread(rng, page, book, post, kind, citizens, weights, used)
    _visitor_posts(rng, page, book, citizens, weights, used)
    _ensure_everyone(rng, page, book, posts, citizens, used)
    _likes(rng, page, likers)
    data.mkdir(parents=True, exist_ok=True)
    page.write(data / "deventer-feed.jsonl")
    case = {
        "id": CASE_ID,
        "title": "Facebookpagina gemeente Deventer",
        "level": "meso",
        "period": {"start": START, "end": END},
        "language": "nl",
        "description": ("De communicatieafdeling van de gemeente Deventer post bijna elke werkdag nieuws, oproepen "
                        "en kennisvragen over de stad; inwoners plaatsen foto's en nieuws op de pagina."),
        "policy_phase": "implementation",
        "sources": [{"format": "facebook-graph", "path": "data/deventer-feed.jsonl"}],
        "government": [{"handle": "Gemeente Deventer", "role": "communications", "body": "Gemeente Deventer",
                        "level": "local", "platform": "facebook"}],
        "focus": ["Gemeente Deventer"],
        "networks": ["co-comment"],
    }
    return Generated(case, ledger, {"max_messages_under_a_post": max(p.thread_size for p in page.posts)})


def _posts(rng: Rng, page: FacebookPage, book: Phrasebook):
    kinds = [k for k, n in POST_TYPES.items() for _ in range(n)]
    rng.shuffle(kinds)
    workdays = [d for d in days_between(START, END) if d.weekday() < 5 and d != date(2014, 1, 1)]
    days = sorted(workdays[:] + rng.sample(workdays, 67 - len(workdays))) if len(workdays) < 67 else sorted(rng.sample(workdays, 67))
    out = []
    for day, kind in zip(days, kinds):
        ptype = "photo" if kind in ("luchtig", "oproep") and rng.chance(0.7) else ("link" if kind == "nieuws" and rng.chance(0.4) else "status")
        link = "https://www.deventer.nl/nieuws" if ptype == "link" else None
        post = page.post(page.page, at(rng, day, OFFICE_HOURS), book.say(f"post_{kind}"), ptype, link,
                         shares=int(rng.lognormal(1, 1)))
        out.append((post, kind))
    return out


def _thread(rng: Rng, page: FacebookPage, book: Phrasebook, post, kind, citizens, weights, used) -> None:
    """At most four messages under a post; every question answered within minutes."""
    n = rng.choices([0, 1, 2, 3], weights=[45, 25, 18, 12] if kind != "quiz" else [5, 25, 35, 35])[0]
    end = local_to_utc(END, 86399)
    room = 4
    for user in rng.weighted_pick(citizens, weights, n):
        if room <= 0:
            break
        when = after(rng, post.created, 90, 1.0, limit=end)
        ask = kind != "quiz" and room >= 2 and rng.chance(0.3)
        text = book.say("q_comment") if ask else book.say("c_quiz" if kind == "quiz" else "c_general")
        c = page.comment(post, user, when, text)
        used.add(user.id)
        room -= 1
        if ask:
            page.ledger.question(c.msg)
            a = page.reply(post, c, page.page, after_minutes(when, rng.randint(3, 25)), book.say("a_comment"))
            page.ledger.answer(c.msg, a.msg)
            room -= 1
        elif kind == "quiz" and room >= 1 and rng.chance(0.35):
            page.reply(post, c, page.page, after(rng, when, 20, 0.6, limit=end),
                       book.say("a_quiz", first=user.name.split()[0]))
            room -= 1


def _visitor_posts(rng: Rng, page: FacebookPage, book: Phrasebook, citizens, weights, used) -> None:
    days = sorted(rng.sample(days_between(START, END), VISITOR_POSTS))
    asking = set(rng.sample(range(VISITOR_POSTS), VISITOR_QUESTIONS))
    askers = rng.sample(citizens, VISITOR_QUESTIONS + 3)
    end = local_to_utc(END, 86399)
    for n, day in enumerate(days):
        user = askers.pop() if n in asking else rng.weighted_pick(citizens, weights, 1)[0]
        used.add(user.id)
        if n in asking:
            post = page.post(user, at(rng, day, CITIZEN_HOURS), book.say("q_visitor"))
            page.ledger.question(post.msg)
            when = after_minutes(post.created, rng.randint(4, 40))
            a = page.comment(post, page.page, when, book.say("a_visitor"))
            page.ledger.answer(post.msg, a.msg)
        else:
            post = page.post(user, at(rng, day, CITIZEN_HOURS), book.say("visitor"), "photo" if rng.chance(0.6) else "status")
            if rng.chance(0.3):
                other = rng.choice(citizens)
                if other.id != user.id:
                    page.comment(post, other, after(rng, post.created, 120, 1, limit=end), book.say("c_general"))
                    used.add(other.id)


def _ensure_everyone(rng: Rng, page: FacebookPage, book: Phrasebook, posts, citizens, used) -> None:
    """Every invented citizen writes at least once: the quiet ones answer a quiz."""
    end = local_to_utc(END, 86399)
    quiet = [u for u in citizens if u.id not in used]
    open_posts = [p for p, k in posts if k in ("quiz", "luchtig", "oproep")]
    for user in quiet:
        roomy = [p for p in open_posts if p.thread_size < 4]
        post = rng.choice(roomy)
        page.comment(post, user, after(rng, post.created, 120, 1, limit=end), book.say("c_general"))


def _likes(rng: Rng, page: FacebookPage, likers) -> None:
    """Likes on a hand's fingers, one post near twenty."""
    top = rng.choice([p for p in page.posts if p.user.id == page.page.id])
    for post in page.posts:
        n = 20 if post is top else min(14, int(rng.lognormal(2.5, 0.8)))
        page.like(post, rng.sample(likers, n))
