"""Case 5.6: Rijkswaterstaat's Facebook page (meso; posts, comments, likes).

Planted after the report: about 18,000 page fans; 70 posts on working days; 1,957
comments, 709 of them on the post asking to choose the next cover photo, usually
10–20 on other posts; the most liked post (491 likes) is about Rijkswaterstaat's
work for the Nuclear Security Summit, where a 23-message conversation holds critical,
rhetorical questions about the cost and one practical question about closed roads —
the only one answered there. Rijkswaterstaat answers short practical questions and
thanks people for photos, and stays out of discussion and criticism. Four groups:
questions and answers (``vragen``), photos (``fotos``), places and roads
(``wegen_bruggen``) and (former) staff (``oud_personeel``), the last less connected.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from ._casefile import Generated
from ._crowd import fill_slots, mix
from ._facebook import FacebookPage, FbPost
from ._ledger import Ledger
from ._people import People
from ._rng import Rng
from ._text import Phrasebook
from ._time import OFFICE_HOURS, after, after_minutes, at, days_between, local_to_utc

CASE_ID = "rijkswaterstaat"
START, END = date(2014, 1, 1), date(2014, 3, 31)
COMMENTS, COVER_COMMENTS, NSS_COMMENTS = 1_957, 709, 22
NSS_LIKES = 491
POSTS = {"service": 16, "fotos": 17, "wegen_bruggen": 28, "historie": 7}  # + cover and NSS post = 70
PEOPLE = {"vragen": 300, "fotos": 420, "wegen_bruggen": 290, "oud_personeel": 60}
TASTE = {
    "service": {"vragen": 0.93, "wegen_bruggen": 0.05, "fotos": 0.02},
    "fotos": {"fotos": 0.86, "vragen": 0.08, "wegen_bruggen": 0.06},
    "wegen_bruggen": {"wegen_bruggen": 0.92, "vragen": 0.05, "fotos": 0.03},
    "historie": {"oud_personeel": 0.95, "wegen_bruggen": 0.05},
    "cover": {"fotos": 0.96, "vragen": 0.03, "wegen_bruggen": 0.01},
}

BOOK = {
    "post_service": [
        "{works} {advice}", "Let op: {works} {advice}", "{works} Kijk voor actuele informatie op vananaarbeter.nl.",
    ],
    "works": [
        "Dit weekend is de A12 bij Utrecht in beide richtingen dicht vanwege onderhoud.",
        "Door gladheid rijden vannacht 60 strooiwagens uit op de rijkswegen.",
        "De Haringvlietbrug gaat dinsdag een uur open voor de scheepvaart.",
        "Vanaf maandag werken we aan het asfalt van de A2 tussen Eindhoven en Weert.",
        "De sluizen in IJmuiden zijn donderdag beperkt beschikbaar.", "De A4 bij Delft krijgt nieuwe geluidsschermen.",
    ],
    "advice": ["Plan je reis vooraf.", "Houd rekening met extra reistijd.", "Volg de omleiding met de gele borden.",
               "Kijk op rijkswaterstaat.nl voor de omleidingen.", ""],
    "post_fotos": [
        "Foto van de week: {photo}. Ingestuurd door een van onze volgers. Stuur jij ook je mooiste foto in?",
        "{photo}. Mooi vastgelegd door onze collega van de buitendienst.", "Zo zag {photo_place} er vanochtend uit.",
    ],
    "photo": ["de Oosterscheldekering bij zonsondergang", "de Afsluitdijk in de storm", "de Zeelandbrug in de mist",
              "een strooiwagen in actie op de A28", "de Maeslantkering die sluit", "zeehonden bij de Brouwersdam"],
    "photo_place": ["de Afsluitdijk", "de Moerdijkbrug", "het Haringvliet", "de Nieuwe Waterweg"],
    "post_wegen_bruggen": [
        "{project}: {progress}", "Nieuws over {project}. {progress}", "{progress} Zo werken we aan {project}.",
    ],
    "project": ["de verbreding van de A1", "de renovatie van de Afsluitdijk", "Ruimte voor de Rivier bij Nijmegen",
                "de nieuwe Zeesluis in IJmuiden", "de Tweede Coentunnel", "de Ketelbrug", "de spitsstrook op de A7"],
    "progress": [
        "De eerste brugdelen liggen op hun plaats.", "Het werk ligt op schema.", "Vandaag is de laatste betonstort gedaan.",
        "Bekijk de timelapse van afgelopen maand.", "De omwonenden waren gisteravond welkom op de informatieavond.",
    ],
    "post_historie": [
        "{history} Werkte jij hier ook aan? Deel je herinnering!", "{history} Herken jij je oud-collega's op de foto?",
    ],
    "history": [
        "Dertig jaar geleden werd aan de Oosterscheldekering gebouwd.", "In 1953 begon na de watersnoodramp het Deltaplan.",
        "De Zeelandbrug was bij opening de langste brug van Europa.", "De Brienenoordbrug werd in 1965 geopend.",
    ],
    "post_cover": ["Help ons kiezen! Welke foto wordt de nieuwe omslagfoto van onze pagina? Stem in de reacties met het nummer."],
    "post_nss": ["Volgende week is de Nuclear Security Summit in Den Haag. Rijkswaterstaat zorgt samen met politie "
                 "en gemeente voor de bereikbaarheid. Rond het World Forum en op de A4, A12 en A44 zijn wegen "
                 "tijdelijk afgesloten. Kijk voor alle afsluitingen op rijkswaterstaat.nl/nss"],
    # -- comments --------------------------------------------------------------------------
    "c_vragen": ["Fijn dat jullie dit melden", "Goed om te weten, {thanks}", "Handig, {thanks}",
                 "Top service", "Weer wat geleerd", "Duidelijk"],
    "c_fotos": ["Prachtige foto {emoji}", "Wat een plaatje", "Mooi vastgelegd", "Schitterend", "Die moet op de cover",
                "Geweldige foto, {intensifier} mooi licht", "Plaatje!"],
    "c_wegen_bruggen": ["Daar rijd ik elke dag langs, mooi dat het opschiet", "{project_lc} wordt {intensifier} mooi",
                        "Eindelijk, die file was niet te doen", "Knap werk van de bouwers", "Ik zag het gisteren al liggen",
                        "Indrukwekkend project"],
    "project_lc": ["de verbreding", "die nieuwe brug", "de sluis", "de tunnel"],
    "c_oud_personeel": ["Daar heb ik in 1982 nog aan meegewerkt, mooie tijd", "Ik herken {first_name} op de foto!",
                        "Mijn vader werkte daar als landmeter", "Wat een project was dat, hard werken maar trots",
                        "Groeten aan de oud-collega's van de Deltadienst", "Mooie herinneringen aan de bouwkeet"],
    "first_name": ["Jan", "Kees", "Piet", "Henk", "Gerrit", "Wim"],
    "c_cover": ["Nummer {n}!", "{n}", "Foto {n} is de mooiste", "Ik stem op {n}", "{n} zonder twijfel",
                "Nummer {n}, wat een licht", "{n} of {n2}, moeilijk kiezen"],
    "n": ["1", "2", "3", "4", "5", "6"],
    "n2": ["2", "3", "5"],
    "q_practical": [
        "Is de A12 zondagavond weer open?", "Hoe laat gaat de brug dinsdag open?", "Waar vind ik de omleiding?",
        "Geldt de afsluiting ook voor de oprit bij Woerden?", "Wanneer is de spitsstrook klaar?",
        "Kan ik de foto ook groot bestellen?", "Waar is deze foto genomen?",
    ],
    "a_practical": ["{practical_answer} Groet, {agent}", "Hoi! {practical_answer} ^{agent}"],
    "practical_answer": [
        "De A12 is zondag om 22.00 uur weer open.", "De brug gaat om 14.00 uur open, voor ongeveer een uur.",
        "De omleiding staat op vananaarbeter.nl en wordt met gele borden aangegeven.", "Ja, die oprit is ook dicht.",
        "De spitsstrook gaat in de zomer open.", "Stuur ons een privébericht, dan sturen we het origineel.",
        "Deze foto is genomen bij de Brouwersdam.",
    ],
    "agent": ["Anouk", "Bas", "Ellen", "Mark"],
    "thanks_photo": ["Dank je wel {first}! {smiley}", "{thanks} {first}, mooi hè!", "Fijn dat je hem mooi vindt {first}!"],
    "c_nss_critical": [
        "Wat kost dit de belastingbetaler eigenlijk?", "Hoeveel miljoen gaat hier weer naartoe?",
        "Waarom moet heel Den Haag op slot voor een paar wereldleiders?",
        "Wie betaalt de schade van alle ondernemers die dicht moeten?", "Is dit nou echt nodig?",
        "Weer een feestje op kosten van de burger. Schandalig.", "Wat een geldverspilling.",
        "En de forens mag het weer oplossen.", "Thuiswerken dan maar, bedankt.",
    ],
    "q_nss_practical": ["Welke wegen zijn er precies dicht op maandagochtend?"],
    "a_nss": ["Maandag zijn de A44 bij Wassenaar en de Johan de Wittlaan dicht van 06.00 tot 22.00 uur. "
              "Alle afsluitingen staan op rijkswaterstaat.nl/nss. Groet, Ellen"],
    "r_citizen": ["{first}, helemaal mee eens", "Dat klopt {first}", "Precies {first}", "Haha {first}, herkenbaar"],
}


def build(rng: Rng, data: Path) -> Generated:
    ledger = Ledger(CASE_ID)
    book = Phrasebook(rng, BOOK)
    page = FacebookPage(ledger, rng, "Rijkswaterstaat", "communications")
    people = People(rng)
    crowd = {g: [page.user(people.person().name, group=g) for _ in range(n)] for g, n in PEOPLE.items()}
    weights = {g: rng.pareto_weights(len(us), 1.4, cap=25) for g, us in crowd.items()}
    posts = _posts(rng, page, book)
    nss = next(p for p, k in posts if k == "nss")
    _comments(rng, page, book, [(p, k) for p, k in posts if k != "nss"], crowd, weights)
    _nss_thread(rng, page, book, nss, crowd)
    _likes(rng, page, posts, crowd, people)
    data.mkdir(parents=True, exist_ok=True)
    page.write(data / "rijkswaterstaat-posts.jsonl")
    case = {
        "id": CASE_ID,
        "title": "Facebookpagina Rijkswaterstaat",
        "level": "meso",
        "period": {"start": START, "end": END},
        "language": "nl",
        "description": ("De communicatieafdeling van Rijkswaterstaat post over projecten, wegen en bruggen, vraagt "
                        "volgers foto's in te sturen en beantwoordt korte praktische vragen. Ruim 18.000 mensen "
                        "volgen de pagina."),
        "policy_phase": "implementation",
        "sources": [{"format": "facebook-graph", "path": "data/rijkswaterstaat-posts.jsonl"}],
        "government": [{"handle": "Rijkswaterstaat", "role": "communications", "body": "Rijkswaterstaat",
                        "level": "national", "platform": "facebook"}],
        "focus": ["Rijkswaterstaat"],
        "networks": ["co-comment"],
    }
    cover = next(p for p, k in posts if k == "cover")
    return Generated(case, ledger, {"page_likes": 18_000, "cover_post": cover.id, "nss_post": nss.id,
                                    "nss_thread_messages": nss.thread_size, "most_liked_post": nss.id,
                                    "most_likes": NSS_LIKES})


def _posts(rng: Rng, page: FacebookPage, book: Phrasebook):
    kinds = [k for k, n in POSTS.items() for _ in range(n)] + ["cover"]
    rng.shuffle(kinds)
    workdays = [d for d in days_between(START, END) if d.weekday() < 5 and d not in (date(2014, 1, 1), date(2014, 3, 19))]
    days = sorted(workdays + rng.sample(workdays, len(kinds) - len(workdays)))
    out = []
    for day, kind in zip(days, kinds):
        ptype = "photo" if kind in ("fotos", "historie", "cover") or rng.chance(0.3) else "status"
        text = book.say(f"post_{kind}")
        out.append((page.post(page.page, at(rng, day, OFFICE_HOURS), text, ptype, shares=int(rng.lognormal(8, 1))), kind))
    nss_day = datetime(2014, 3, 19, 10, 12, 0, tzinfo=timezone.utc)
    out.append((page.post(page.page, nss_day, book.say("post_nss"), "link", "https://www.rijkswaterstaat.nl/nss", 212), "nss"))
    return out


def _comments(rng: Rng, page: FacebookPage, book: Phrasebook, posts, crowd, weights) -> None:
    others = [(p, k) for p, k in posts if k != "cover"]
    per_post = rng.split(COMMENTS - COVER_COMMENTS - NSS_COMMENTS, [rng.lognormal(1, 0.35) for _ in others],
                         minimum=6, maximum=40)
    counts = [(p, k, n) for (p, k), n in zip(others, per_post)]
    counts += [(p, k, COVER_COMMENTS) for p, k in posts if k == "cover"]
    slots: dict[str, list] = {g: [] for g in crowd}
    for post, kind, n in counts:
        for group, k in mix(rng, n, TASTE[kind]).items():
            slots[group].extend([(post, kind)] * k)
    end = local_to_utc(END, 86399)
    for group, group_slots in slots.items():
        for (post, kind), user in fill_slots(rng, group_slots, crowd[group], weights[group]):
            when = after(rng, post.created, 180 if kind != "cover" else 600, 1.2, limit=end)
            if kind == "cover":
                text = book.say("c_cover")
            elif rng.chance(0.12 if group == "vragen" else 0.04):
                _practical_question(rng, page, book, post, user, when)
                continue
            else:
                text = book.say(f"c_{group}" if group != "vragen" or kind != "fotos" else "c_fotos")
            c = page.comment(post, user, when, text, like_count=int(rng.lognormal(1, 1.1)))
            if kind in ("fotos", "cover") and group == "fotos" and rng.chance(0.02):
                page.reply(post, c, page.page, after(rng, when, 60, 0.5, limit=end),
                           book.say("thanks_photo", first=user.name.split()[0]))
            elif kind in ("historie", "wegen_bruggen") and rng.chance(0.05) and len(post.comments) > 1:
                other = post.comments[-2]
                if other.user.id != user.id:
                    page.reply(post, other, user, after(rng, other.created, 60, 1, limit=end),
                               book.say("r_citizen", first=other.user.name.split()[0]))


def _practical_question(rng: Rng, page: FacebookPage, book: Phrasebook, post: FbPost, user, when) -> None:
    """A short practical question, answered by the page within an hour or two on working days."""
    c = page.comment(post, user, when, book.say("q_practical"), like_count=rng.randint(0, 3))
    page.ledger.question(c.msg)
    if rng.chance(0.85):
        a = page.reply(post, c, page.page, after_minutes(when, rng.randint(8, 150)), book.say("a_practical"))
        page.ledger.answer(c.msg, a.msg)


def _nss_thread(rng: Rng, page: FacebookPage, book: Phrasebook, nss: FbPost, crowd) -> None:
    """22 comments, critical and rhetorical; the one practical question is answered: 23 messages."""
    pool = crowd["wegen_bruggen"] + crowd["vragen"]
    users = rng.sample(pool, NSS_COMMENTS)
    practical_at = rng.randint(8, 15)
    when = nss.created
    for n, user in enumerate(users):
        when = after(rng, when, 25, 0.8, night_shift=True)
        if n == practical_at:
            c = page.comment(nss, user, when, book.say("q_nss_practical"), like_count=4)
            page.ledger.question(c.msg)
            a = page.reply(nss, c, page.page, after_minutes(when, rng.randint(12, 45)), book.say("a_nss"))
            page.ledger.answer(c.msg, a.msg)
        else:
            c = page.comment(nss, user, when, book.say("c_nss_critical"), like_count=int(rng.lognormal(6, 0.8)))
            if "?" in c.text:
                page.ledger.question(c.msg)


def _likes(rng: Rng, page: FacebookPage, posts, crowd, people: People) -> None:
    fans = [u for g in crowd.values() for u in g] + [page.user(people.person().name) for _ in range(4_900)]
    weights = rng.pareto_weights(len(fans), 1.6, cap=30)
    for post, kind in posts:
        n = NSS_LIKES if kind == "nss" else min(420, int(rng.lognormal({"cover": 300, "fotos": 150}.get(kind, 70), 0.5)))
        page.like(post, rng.weighted_sample(fans, weights, n))
