"""Case 5.3: minister Timmermans' Facebook page (micro; posts, comments, likes).

Planted after the report: 75 posts in three months, personal and political mixed;
11,835 comments and 74,260 likes on them by 4,277 participants (the page included);
three groups of commenters — admirers (``fans``), admirers who also discuss his work
(``fans_politiek``) and a politically engaged group (``politiek``) that comments on
posts about Ukraine, Crimea, Syria or Uganda and is less connected to the other two.
The minister rarely replies: a handful of replies, four of them answering a question.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ._casefile import Generated
from ._crowd import mix
from ._facebook import FacebookPage, FbComment
from ._ledger import Ledger
from ._people import People
from ._rng import Rng
from ._text import Phrasebook
from ._time import FIGURE_HOURS, after, after_minutes, at, days_between, local_to_utc

CASE_ID = "timmermans"
START, END = date(2014, 1, 1), date(2014, 3, 31)
POSTS = {"persoonlijk": 30, "werk": 27, "politiek": 18}
COMMENTS, LIKES = 11_835, 74_260
PEOPLE = {"politiek": 1_650, "fans": 1_550, "fans_politiek": 1_076}
POST_PULL = {"persoonlijk": 1.0, "werk": 0.9, "politiek": 1.5}
CITIZEN_REPLIES = 640
#: Which group comments on which kind of post (share of a post's comments).
TASTE = {
    "persoonlijk": {"fans": 0.74, "fans_politiek": 0.23, "politiek": 0.03},
    "werk": {"fans": 0.14, "fans_politiek": 0.72, "politiek": 0.14},
    "politiek": {"fans": 0.02, "fans_politiek": 0.10, "politiek": 0.88},
}
#: Share of a person's further comments written under a post they already commented on
#: (discussions), rather than under another post.
STAY = 0.7
LIKE_TASTE = {
    "fans": {"persoonlijk": 3.0, "werk": 1.5, "politiek": 0.6},
    "fans_politiek": {"persoonlijk": 1.5, "werk": 1.6, "politiek": 1.1},
    "politiek": {"persoonlijk": 0.5, "werk": 1.0, "politiek": 1.7},
}
QUESTION_RATE = {"politiek": 0.04, "fans_politiek": 0.025, "fans": 0.01}

BOOK = {
    "post_persoonlijk": [
        "{personal_scene} {personal_close}",
        "{personal_scene}",
        "Even geen politiek vandaag. {personal_scene} {personal_close}",
    ],
    "personal_scene": [
        "Zondagmiddag met de kinderen naar de wedstrijd geweest, mijn club won met 2-1. Wat een sfeer in het stadion!",
        "De line-up van Pinkpop is bekend en ik ben nu al blij. Muziek houdt me op de been in drukke weken.",
        "Vanavond thuis gekookt voor het hele gezin: stamppot, zoals het hoort in januari.",
        "In het museum in {city_nl} stond ik lang stil bij een schilderij dat me al sinds mijn jeugd raakt.",
        "Mijn dochter vroeg me gisteren wat een minister eigenlijk de hele dag doet. Goede vraag voor aan tafel.",
        "Even tijd voor een boek in het vliegtuig. Aanrader voor iedereen die van geschiedenis houdt.",
        "Vroeg op pad, maar eerst een rondje door de stad terwijl de zon opkomt boven {city_nl}.",
        "Het was een lange week. Vanavond een concert met mijn vrouw, daar kijk ik naar uit.",
        "Carnaval in Limburg: ook een minister mag een dag verkleed gaan. Alaaf!",
        "Mijn zoon leert Italiaans en verbetert nu al mijn uitspraak. Zo hoort het.",
    ],
    "personal_close": ["Fijn weekend allemaal!", "Geniet ervan.", "Tot morgen.", "{smiley}", ""],
    "post_werk": [
        "Vandaag in {city_abroad} voor overleg met mijn collega over {work_topic}. {work_close}",
        "Werkbezoek aan {city_abroad}. Gesprekken over {work_topic} en over wat Nederland kan bijdragen. {work_close}",
        "Terug uit {city_abroad}. Goede gesprekken gevoerd over {work_topic}. {work_close}",
        "Vanochtend de Raad Buitenlandse Zaken in Brussel. Op de agenda: {work_topic}. {work_close}",
        "Op de ambassade in {city_abroad} gesproken met Nederlanders die daar wonen en werken. {work_close}",
    ],
    "work_topic": [
        "handel en investeringen", "mensenrechten", "de Europese samenwerking", "de vredesbesprekingen",
        "de hulp aan vluchtelingen", "persvrijheid", "de ontwikkelingen in het Midden-Oosten",
        "de rol van de Verenigde Naties", "de veiligheid in de regio", "de Nederlandse bedrijven hier",
    ],
    "work_close": [
        "Diplomatie is geduldig werk.", "Foto's volgen.", "Morgen verder in {city_abroad}.",
        "Nederland blijft zich hiervoor inzetten.", "",
    ],
    "post_politiek": [
        "{conflict} {stance} {stance_more}",
        "{conflict} {stance}",
        "Over {conflict_short} wil ik helder zijn. {stance} {stance_more} Daar blijf ik me voor inzetten.",
    ],
    "conflict": [
        "De situatie op de Krim is zeer zorgelijk.", "De spanningen in Oekraïne lopen verder op.",
        "In Syrië gaat het geweld tegen burgers onverminderd door.", "De antihomowet in Oeganda is een zwarte dag.",
        "De besprekingen in Genève over Syrië zijn moeizaam.", "Rusland zet Oekraïne onder zware druk.",
    ],
    "conflict_short": ["de Krim", "Oekraïne", "Syrië", "Oeganda", "Rusland"],
    "stance": [
        "Nederland veroordeelt dit in de scherpste bewoordingen.",
        "De Europese Unie moet eensgezind optreden.", "Mensenrechten zijn universeel, ook daar.",
        "Dialoog blijft nodig, maar niet tegen elke prijs.", "Het internationaal recht moet worden gerespecteerd.",
        "Wij staan naast de mensen die dit treft.",
    ],
    "stance_more": [
        "Ik heb dit vandaag ook duidelijk gemaakt aan mijn Russische collega.",
        "Samen met onze Europese partners bekijken we welke maatregelen nodig zijn.",
        "De humanitaire hulp moet de mensen kunnen bereiken.",
        "Nederland stelt extra geld beschikbaar voor noodhulp.", "",
    ],
    "city_nl": ["Maastricht", "Heerlen", "Den Haag", "Amsterdam", "Utrecht", "Rotterdam"],
    "city_abroad": ["Kiev", "Brussel", "Genève", "New York", "Moskou", "Berlijn", "Jakarta", "Ankara", "Tokio",
                    "Warschau", "Kampala", "Rome", "Parijs", "Washington"],
    # -- comments --------------------------------------------------------------------------
    "c_fans": [
        "Goed gedaan!", "Dank voor uw inzet {emoji}", "Succes Frans!", "Top minister {emoji}", "Geweldig!",
        "Mooie foto {smiley}", "Trots op onze minister", "Fijn weekend Frans {smiley}", "Heerlijk om te lezen",
        "Prachtig {emoji}", "Mooi gezegd", "Een minister met een hart", "{intensifier} mooi, dank voor het delen",
        "Zo zie je maar, ook een minister is gewoon mens {smiley}", "Altijd fijn om uw berichten te lezen",
        "Respect!", "Goede reis en kom veilig thuis", "Leuk om te zien", "Dank je wel Frans", "Gezellig {smiley}",
        "U doet het {intensifier} goed", "Veel plezier!", "Mooi moment met de kinderen", "Blijf zo doorgaan",
    ],
    "c_fans_politiek": [
        "Sterk verhaal. Dank voor uw inzet voor {pol_theme}.", "Goed dat u dit zo duidelijk zegt over {pol_place}.",
        "Trots dat Nederland zich zo uitspreekt over {pol_theme}.", "Mooi werk in {city_abroad}, succes daar.",
        "Knap hoe u dat doet, diplomatie en toch duidelijk blijven.", "Eens, {pol_theme} verdient aandacht.",
        "Hou vol Frans, juist nu is {pol_theme} belangrijk.", "Goede foto's en een helder verhaal over {pol_place}.",
        "Dank voor de uitleg over {pol_place}, zo blijven wij op de hoogte.",
        "Mooi dat u ook de Nederlanders daar opzoekt.", "Een minister die zelf gaat kijken, zo hoort het.",
    ],
    "c_politiek": [
        "{pol_claim} {pol_add}", "{pol_claim}", "{pol_place}: {pol_claim} {pol_add}",
        "Helemaal mee oneens. {pol_claim}", "{pol_claim} Europa moet nu doorpakken.",
    ],
    "pol_claim": [
        "Sancties tegen Rusland werken alleen als de hele EU meedoet.",
        "De Krim hoort bij Oekraïne, daar valt niet over te onderhandelen.",
        "Poetin begrijpt alleen de taal van de macht.",
        "Het Westen heeft de gevoeligheden van Rusland te lang genegeerd.",
        "Zonder Russische gasleveranties zit half Europa in de kou.",
        "De NAVO moet zich hier buiten houden.",
        "Assad blijft bommen gooien terwijl er in Genève wordt gepraat.",
        "De vluchtelingen uit Syrië hebben nu hulp nodig, geen woorden.",
        "Oeganda moet gekort worden op ontwikkelingshulp.",
        "Mensenrechten gelden overal, ook in Oeganda.",
        "Eerst de eigen economie op orde, dan pas de wereld redden.",
        "Nederland is te klein om hier het verschil te maken.",
        "Dit kabinet zegt veel en doet weinig aan Oekraïne.",
        "De EU moet één stem laten horen tegen Moskou.",
    ],
    "pol_add": [
        "Dat is mijn mening.", "Het Kremlin lacht erom.", "De geschiedenis leert dat.",
        "Lees de kranten van vandaag er maar op na.", "Dit gaat nog jaren duren.", "",
    ],
    "pol_theme": ["de mensenrechten", "Oekraïne", "de Syrische vluchtelingen", "de homorechten", "vrede",
                  "het internationaal recht"],
    "pol_place": ["Oekraïne", "de Krim", "Syrië", "Oeganda", "Rusland", "Kiev"],
    "q_fans": [
        "Komt u ook een keer naar {city_nl}?", "Gaat u ook naar Pinkpop dit jaar?",
        "Wanneer komt u weer langs in Limburg?", "Welke club was dat, Frans?",
    ],
    "q_fans_politiek": [
        "Wat kan Nederland concreet doen voor de mensen in {pol_place}?",
        "Hoe zorgt u dat de hulp in {pol_place} echt aankomt?",
        "Komt er ook extra steun voor de vluchtelingen uit Syrië?",
        "Wanneer gaat u zelf naar {pol_place}?",
    ],
    "q_politiek": [
        "Wat gaat Nederland doen als Rusland de Krim inlijft?", "Waarom zwijgt de EU over de gaslevering?",
        "Hoeveel kost die steun aan Oekraïne de Nederlandse belastingbetaler?",
        "Waarom stopt Nederland de hulp aan Oeganda niet gewoon?",
        "Welke sancties komen er nu echt tegen Rusland?", "Is het kabinet bereid de ambassadeur terug te roepen?",
        "Wie betaalt straks de rekening van deze crisis?",
    ],
    "r_citizen": [
        "{first}, helemaal mee eens.", "Precies {first}.", "Nee {first}, zo simpel ligt het niet.",
        "{first} heeft gelijk, {pol_claim_lc}", "Dat zie je verkeerd {first}. {pol_claim}",
        "Goed punt {first}.", "Dat klopt {first}, dat zei ik ook al.", "{first}, lees eerst even het hele bericht.",
    ],
    "pol_claim_lc": ["sancties werken alleen samen.", "de EU moet doorpakken.", "dit gaat nog lang duren.",
                     "woorden zijn niet genoeg."],
    "a_page": [
        "Dank voor uw vraag. {answer_body} Hartelijke groet, Frans",
        "{answer_body} Groet, Frans Timmermans",
    ],
    "answer_body": [
        "Nederland werkt hierin samen met de andere EU-landen; meer informatie staat op rijksoverheid.nl.",
        "Ik heb dit vandaag nog met mijn collega's besproken. We houden de situatie nauwlettend in de gaten.",
        "Daar ben ik zeker van plan. Ik laat het hier weten.",
        "Dat doen we via de VN-organisaties die ter plekke zijn.",
    ],
    "d_page": [
        "Mooi om te zien dat hier zo serieus wordt gediscussieerd. Dank allemaal.",
        "Ik lees alle reacties, ook al kan ik niet op iedereen antwoorden.",
    ],
}


def build(rng: Rng, data: Path) -> Generated:
    ledger = Ledger(CASE_ID)
    book = Phrasebook(rng, BOOK)
    page = FacebookPage(ledger, rng, "Frans Timmermans", "senior_official")
    people = People(rng)
    crowd = {g: [page.user(people.person().name, group=g) for _ in range(n)] for g, n in PEOPLE.items()}
    weights = {g: rng.pareto_weights(len(us), 1.3) for g, us in crowd.items()}
    posts = _posts(rng, page, book)
    _comments(rng, page, book, posts, crowd, weights)
    _replies(rng, page, book, posts, crowd, weights)
    _likes(rng, page, posts, crowd, weights)
    data.mkdir(parents=True, exist_ok=True)
    page.write(data / "timmermans-posts.jsonl.gz")
    case = {
        "id": CASE_ID,
        "title": "Facebookpagina minister Timmermans",
        "level": "micro",
        "period": {"start": START, "end": END},
        "language": "nl",
        "description": ("De minister van Buitenlandse Zaken doet op zijn eigen Facebookpagina verslag van werk "
                        "en privéleven. Het publiek reageert en liket; de minister reageert zelden."),
        "policy_phase": "agenda setting",
        "sources": [{"format": "facebook-graph", "path": "data/timmermans-posts.jsonl.gz"}],
        "government": [{"handle": "Frans Timmermans", "role": "senior_official",
                        "body": "Ministerie van Buitenlandse Zaken", "level": "national", "platform": "facebook"}],
        "focus": ["Frans Timmermans"],
        "networks": ["co-comment"],
    }
    topics = {p.id: t for p, t in posts}
    return Generated(case, ledger, {"post_topics": topics, "page_likes": None})


def _posts(rng: Rng, page: FacebookPage, book: Phrasebook):
    topics = [t for t, n in POSTS.items() for _ in range(n)]
    rng.shuffle(topics)
    days = sorted(rng.sample(days_between(START, END), 68) + rng.sample(days_between(START, END), 7))
    out = []
    for day, topic in zip(days, topics):
        moment = at(rng, day, FIGURE_HOURS)
        kind = rng.choices(["photo", "status", "link"], weights={"persoonlijk": [7, 3, 0], "werk": [7, 2, 1],
                                                                   "politiek": [2, 5, 3]}[topic])[0]
        link = "https://www.rijksoverheid.nl/ministeries/bz" if kind == "link" else None
        shares = int(rng.lognormal({"persoonlijk": 25, "werk": 30, "politiek": 70}[topic], 0.8))
        out.append((page.post(page.page, moment, book.say(f"post_{topic}"), kind, link, shares), topic))
    return out


def _comments(rng: Rng, page: FacebookPage, book: Phrasebook, posts, crowd, weights) -> None:
    per_post = rng.split(COMMENTS, [POST_PULL[t] * rng.lognormal(1, 0.35) for _, t in posts], minimum=40)
    slots: dict[str, list] = {g: [] for g in crowd}
    for (post, topic), n in zip(posts, per_post):
        for group, k in mix(rng, n, TASTE[topic]).items():
            slots[group].extend([post] * k)
    end = local_to_utc(END, 86399)
    questions = []
    for group, group_slots in slots.items():
        for post, user in _assign(rng, group_slots, crowd[group], weights[group]):
            when = after(rng, post.created, 150, 1.3, limit=end)
            ask = rng.chance(QUESTION_RATE[group])
            text = book.say(f"q_{group}" if ask else f"c_{group}")
            c = page.comment(post, user, when, text, like_count=min(400, int(rng.lognormal(2, 1.3))))
            if ask:
                page.ledger.question(c.msg)
                questions.append((post, c))
    _page_answers(rng, page, book, questions, end)


def _assign(rng: Rng, slots: list, people: list, weights: list[float]) -> list:
    """Everyone comments once; further comments mostly continue a discussion the person is in."""
    if len(slots) < len(people):
        raise ValueError(f"{len(slots)} comments cannot give {len(people)} people one each")
    slots = list(slots)
    rng.shuffle(slots)
    pairs = list(zip(slots, people))
    weight = {u.id: w for u, w in zip(people, weights)}
    under: dict[str, list] = {}
    for post, user in pairs:
        under.setdefault(post.id, []).append(user)
    extra = rng.weighted_pick(people, weights, len(slots) - len(people))
    for post, anyone in zip(slots[len(people):], extra):
        here = under.setdefault(post.id, [])
        user = rng.choices(here, weights=[weight[u.id] for u in here])[0] if here and rng.chance(STAY) else anyone
        here.append(user)
        pairs.append((post, user))
    return pairs


def _page_answers(rng: Rng, page: FacebookPage, book: Phrasebook, questions, end) -> None:
    """The minister answers four questions (hours later) and joins two discussions."""
    askers = [q for q in questions if q[1].msg.created < end - timedelta(days=2)]
    for post, c in rng.sample(askers, 4):
        when = after_minutes(c.msg.created, rng.randint(90, 900))
        answer = page.reply(post, c, page.page, when, book.say("a_page"), like_count=rng.randint(20, 150))
        page.ledger.answer(c.msg, answer.msg)
    busy = sorted(dict.fromkeys(p for p, _ in questions), key=lambda p: -len(p.comments))[:2]
    for post in busy:
        target = next(c for c in post.comments if c.msg.id not in page.ledger.questions)
        page.reply(post, target, page.page, after(rng, target.created, 200, 0.5, limit=end), book.say("d_page"),
                   like_count=rng.randint(50, 300))


def _replies(rng: Rng, page: FacebookPage, book: Phrasebook, posts, crowd, weights) -> None:
    """Citizens answer each other, mostly the politically engaged on political posts."""
    end = local_to_utc(END, 86399)
    counts = mix(rng, CITIZEN_REPLIES, {"politiek": 0.7, "fans_politiek": 0.25, "fans": 0.05})
    hot = [p for p, t in posts if t != "persoonlijk"]
    for group, n in counts.items():
        for user in rng.weighted_pick(crowd[group], weights[group], n):
            post = rng.choice(hot)
            parent: FbComment = rng.choice(post.comments)
            if parent.user.id == user.id:
                parent = post.comments[0] if post.comments[0].user.id != user.id else post.comments[-1]
            first = parent.user.name.split()[0]
            when = after(rng, parent.created, 40, 1.0, limit=end)
            page.reply(post, parent, user, when, book.say("r_citizen", first=first),
                       like_count=int(rng.lognormal(1, 1)))


def _likes(rng: Rng, page: FacebookPage, posts, crowd, weights) -> None:
    appeal = {"persoonlijk": 1.4, "werk": 1.0, "politiek": 0.7}
    everyone = [u for g in crowd for u in crowd[g]]
    per_post = rng.split(LIKES, [appeal[t] * rng.lognormal(1, 0.5) for _, t in posts], minimum=150, maximum=3900)
    for (post, topic), n in zip(posts, per_post):
        w = [wt * LIKE_TASTE[g][topic] for g in crowd for wt in weights[g]]
        page.like(post, rng.weighted_sample(everyone, w, n))
