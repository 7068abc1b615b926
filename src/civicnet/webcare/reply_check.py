"""Check a draft answer against the civil-service guidelines (METHOD.md §5, report 5.1).

:func:`reply_check` returns findings ``{"rule", "start", "end", "message"}``, with
character offsets into the draft (``text[start:end]`` is what was found), ordered
by position. Rules and the guideline behind each:

``bsn``               a citizen service number (9 digits, optionally grouped by dots
                      or spaces, that pass the 11-test) — nothing confidential;
``licence_plate``     a Dutch licence plate in one of the sidecodes 1–14
                      (``AB-12-CD``, ``12-ABC-3``…) — police: no licence plates;
``phone``             a personal Dutch phone number (mobile ``06``, ``+31 6``, or a
                      geographic number); service numbers (0800, 0900, 088, 14 0xx)
                      are not flagged — no personal data;
``email``             an e-mail address, except role addresses (info@, webcare@…);
``address``           a street with a house number (*Kerkstraat 14a*) or a postcode
                      (*7411 AB*) — police: no addresses;
``person_name``       a name after a title (*meneer Jansen*, *mevr. De Vries*,
                      *dhr. P. Bakker*) or a common Dutch first name outside the
                      signature — no names of citizens;
``promise``           a promise or deadline in its common Dutch forms (*dat beloof ik*,
                      *we zorgen ervoor dat*, *uiterlijk vrijdag*, *binnen twee weken*,
                      *morgen opgelost*, *u kunt erop rekenen*) — make no promises you
                      cannot keep;
``political``         a position or opinion beyond adopted policy, or party politics
                      (*de minister heeft ongelijk*, *Eerlijk gezegd vind ik dit
                      kabinetsbeleid…*: an opinion in a sentence about politics or
                      policy, *ik ben tegen dit plan*, party names, voting advice);
``informal_address``  *jij/je/jouw/jou* where the house style addresses people with
                      *u* (:class:`HouseStyle`; a *je* house style switches it off);
``no_signature``      no name or initials at the end (``^PK``, ``-PK``, ``Groet,
                      Petra``) — speak under your real name.

Rules, not a model: fast, explainable, and wrong in known ways (docs/webcare.md lists
what each misses). Names are the weakest part: a citizen named without a title and
not in the first-name list is not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULES = ("bsn", "licence_plate", "phone", "email", "address", "person_name", "promise", "political",
         "informal_address", "no_signature")


@dataclass(frozen=True)
class HouseStyle:
    """How an organisation writes: ``address`` ``"u"`` (formal) or ``"je"`` (informal)."""

    address: str = "u"


MESSAGES = {
    "en": {
        "bsn": "a citizen service number (BSN): confidential personal data, never in a public answer",
        "licence_plate": "a Dutch licence plate: personal data (police guidelines: no licence plates)",
        "phone": "a personal phone number: personal data; refer to the service number instead",
        "email": "a personal e-mail address: personal data; refer to a role address or the website",
        "address": "a street address or postcode: personal data (police guidelines: no addresses)",
        "person_name": "a person's name: do not name citizens in public answers; answer them by @handle or in private",
        "promise": "a promise or deadline: make no promises that cannot be kept; say what will be done, not when it is solved",
        "political": "a political position or opinion: take no positions beyond adopted policy",
        "informal_address": "informal 'je/jij/jouw' where the house style addresses people with 'u'",
        "no_signature": "no name or initials at the end: sign with your name or initials (e.g. ^PK) so people know who answers",
    },
    "nl": {
        "bsn": "een burgerservicenummer (BSN): vertrouwelijk persoonsgegeven, nooit in een openbaar antwoord",
        "licence_plate": "een Nederlands kenteken: persoonsgegeven (politierichtlijn: geen kentekens)",
        "phone": "een persoonlijk telefoonnummer: persoonsgegeven; verwijs naar het servicenummer",
        "email": "een persoonlijk e-mailadres: persoonsgegeven; verwijs naar een functioneel adres of de website",
        "address": "een adres of postcode: persoonsgegeven (politierichtlijn: geen adressen)",
        "person_name": "een naam: noem burgers niet bij naam in een openbaar antwoord; antwoord via @naam of privé",
        "promise": "een belofte of termijn: beloof niets wat je misschien niet waar kunt maken; zeg wat er gebeurt, niet wanneer het klaar is",
        "political": "een politiek standpunt of mening: neem geen standpunt in buiten het vastgestelde beleid",
        "informal_address": "informeel 'je/jij/jouw' terwijl de huisstijl 'u' zegt",
        "no_signature": "geen naam of initialen aan het eind: onderteken met naam of initialen (bijv. ^PK), zodat mensen weten wie antwoordt",
    },
}

_BSN = re.compile(r"(?<![\d.-])(\d{3})([. ]?)(\d{3})\2(\d{3})(?![\d-])")
_L, _D = r"[B-DF-HJ-NP-TV-Z]", r"\d"
_SIDECODES = [
    (_L * 2, _D * 2, _D * 2), (_D * 2, _D * 2, _L * 2), (_D * 2, _L * 2, _D * 2), (_L * 2, _D * 2, _L * 2),
    (_L * 2, _L * 2, _D * 2), (_D * 2, _L * 2, _L * 2), (_D * 2, _L * 3, _D), (_D, _L * 3, _D * 2),
    (_L * 2, _D * 3, _L), (_L, _D * 3, _L * 2), (_L * 3, _D * 2, _L), (_L, _D * 2, _L * 3),
    (_D, _L * 2, _D * 3), (_D * 3, _L * 2, _D),
]
_PLATE = re.compile(r"(?<![\w-])(?:" + "|".join("-".join(s) for s in _SIDECODES) + r")(?![\w-])", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?|0)(?:6[\s-]?(?:\d[\s-]?){7}\d|[1-57-9]\d(?:[\s-]?\d){7})(?!\d)"
)
_SERVICE_PHONE = re.compile(r"^(?:0800|0900|0880|088|14\b)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)
_ROLE_MAIL = re.compile(
    r"^(?:info|contact|webcare|service|klantenservice|klantcontact|post|postbus|gemeente|communicatie|pers"
    r"|persvoorlichting|helpdesk|noreply|no-reply|secretariaat|balie|loket|vragen|klachten|meldingen|privacy)@",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"(?<!\w)(?:(?:Van|De|Den|Ten|Ter|'[st])\s+(?:(?:der|den|de)\s+)?)?[A-Z][\w'-]*"
    r"(?:straat|laan|weg|plein|singel|gracht|kade|dijk|dreef|hof|pad|steeg|markt|ring|baan|wal|veld|plantsoen"
    r"|brink|dam|erf|haven|kwartier|park|boulevard|allee|steenweg|straatweg|oord|werf|zijde)"
    r"\s+\d{1,4}(?:\s?[a-zA-Z](?!\w)|-\d{1,3}|-?[IVX]{1,3}(?!\w)|\s?(?:hs|bis)(?!\w))?(?!\d)"
)
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
_TITLE_NAME = re.compile(
    r"(?<!\w)(?:[Mm]eneer|[Mm]evrouw|[Mm]evr\.|[Mm]w\.|[Dd]hr\.|[Dd]e heer|[Mm]r\.|[Mm]rs\.|[Mm]s\.|[Dd]r\.|[Ii]ng\.)"
    r"\s+(?:[A-Z]\.\s?){0,3}(?:(?:[Vv]an|[Dd]e|[Dd]en|[Dd]er|[Tt]en|[Tt]er|'t)\s+){0,3}[A-Z][a-zà-ÿ'-]+"
    r"(?:-[A-Z][a-zà-ÿ'-]+)?"
)
FIRST_NAMES = frozenset(
    """Anna Emma Julia Sophie Lotte Sanne Lisa Eva Fleur Sara Tess Noa Mila Zoë Lieke Iris Femke Anouk Roos
    Ingrid Karin Marieke Monique Petra Sandra Wendy Esther Linda Annemarie Marjolein Ellen Mirjam Saskia Yvonne
    Ria Joke Truus Gerda Henny Annie Marian Hanneke Ilse Kim Manon Nicole Patricia Renate Suzanne Tamara Fatima
    Sevda Aisha Daan Sem Lucas Milan Levi Luuk Bram Thijs Jesse Ruben Tim Niels Sven Stijn Jeroen Bas Koen Joost
    Pieter Willem Jan Kees Piet Henk Gerrit Hans Johan Frank Marco Peter Erik Martin Mark Rob Paul Dirk Arjen Bart
    Ruud Wim Ton Geert Harm Jaap Klaas Sjoerd Wouter Maarten Sander Dennis Patrick Remco Mohammed Mohamed Ahmed
    Youssef Mehmet Ali Omar""".split()
)
_FIRST = re.compile(r"(?<![\w@#])(?:" + "|".join(sorted(FIRST_NAMES, key=len, reverse=True)) + r")(?![\w])")
_DAY = r"(?:vandaag|morgen|overmorgen|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
_NUM = r"(?:\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|enkele|een\s+paar|paar)"
_UNIT = r"(?:uur|uren|dag|dagen|werkdag|werkdagen|week|weken|maand|maanden)"
_DONE = r"(?:opgelost|gerepareerd|geregeld|klaar|gemaakt|opgehaald|betaald|hersteld|verholpen|vervangen|teruggestort|terug)"
_WHEN = (rf"(?:{_DAY}|volgende\s+week|deze\s+week|het\s+weekend|eind\s+van\s+de\s+(?:week|maand)|\d{{1,2}}\s+[a-z]+"
         rf"|{_NUM}\s+{_UNIT})")
_PROMISE = re.compile(
    r"(?<!\w)(?:"
    # promising and guaranteeing, in the first person
    r"(?:dat\s+)?beloof\s+ik|ik\s+beloof|w(?:e|ij)\s+beloven|beloven\s+w(?:e|ij)|(?:is|wordt|zijn)\s+beloofd|beloofd\s+is"
    r"|ik\s+garandeer|w(?:e|ij)\s+garanderen|gegarandeerd|(?:ik\s+geef|w(?:e|ij)\s+geven)\s+(?:u|je|jou)?\s*(?:de\s+)?garantie"
    # we see to it that…
    r"|(?:w(?:e|ij)|ik)\s+(?:ga\s+|gaan\s+|zal\s+|zullen\s+)?(?:er\s*(?:\w+\s+)?voor\s+|ervoor\s+)?(?:zorg|zorgen)\s+(?:er\s*(?:\w+\s+)?voor\s+|ervoor\s+)?dat"
    r"|zorgen\s+w(?:e|ij)\s+(?:er\s*voor\s+|ervoor\s+)?dat|zorg\s+ik\s+(?:er\s*voor\s+|ervoor\s+)?dat"
    # deadlines: at the latest, within, before, still today
    rf"|uiterlijk\s+(?:op\s+|over\s+|aan\s+het\s+)?{_WHEN}(?:\s+(?:\w+\s+){{0,2}}{_DONE})?"
    rf"|binnen\s+{_NUM}\s+{_UNIT}|(?:nog\s+)?(?:vandaag|deze\s+week)\s+nog|(?:vóór|voor)\s+(?:{_DAY}|het\s+weekend|het\s+eind(?:e)?\s+van\s+de\s+(?:week|maand)|volgende\s+week)"
    rf"\s+(?:\w+\s+){{0,2}}{_DONE}"
    rf"|(?:vandaag|morgen|overmorgen|deze\s+week|volgende\s+week|{_DAY})\s+(?:\w+\s+){{0,3}}{_DONE}"
    rf"|(?:is|wordt|zijn|worden)\s+(?:het|dit|dat|uw\s+\w+|de\s+\w+)?\s*(?:{_DAY}|deze\s+week)\s+(?:\w+\s+){{0,2}}{_DONE}"
    # you can count on it
    r"|dat\s+regel\s+ik|ik\s+regel\s+(?:het|dat|dit)|komt\s+(?:zeker|gegarandeerd|helemaal|echt)\s+goed|zeker\s+weten"
    r"|(?:u|je)\s+kunt\s+(?:er\s*van\s+op\s+aan|erop\s+rekenen|ervan\s+uitgaan\s+dat)|reken\s+(?:er\s+)?maar\s+op"
    r"|(?:daar|hier)\s+(?:kunt|kan)\s+(?:u|je)\s+op\s+rekenen"
    r"|dat\s+(?:gaat|zal)\s+(?:zeker|gegarandeerd|echt)\s+gebeuren|(?:u|je)\s+krijgt\s+(?:uw|je|het|alles)\s+(?:\w+\s+){0,2}terug"
    r"|we\s+lossen\s+(?:het|dit)\s+(?:vandaag|morgen|direct|meteen)\s+op|100\s*%\s+zeker"
    r"|I\s+promise|we\s+promise|guaranteed|we\s+will\s+make\s+sure|by\s+(?:tomorrow|friday|monday)|within\s+\d+\s+(?:days|hours|weeks))(?!\w)",
    re.IGNORECASE,
)
_PARTIES = r"VVD|PvdA|CDA|D66|PVV|SP|GroenLinks|GL|ChristenUnie|CU|SGP|PvdD|50PLUS|DENK|FvD|BBB|JA21|Volt|NSC"
_POLICY = (r"(?:\w*beleid\w*|kabinet\w*|regering\w*|minister\w*|staatssecretaris|wethouder\w*|burgemeester|gemeenteraad"
           r"|raad|coalitie\w*|oppositie|partij\w*|politiek\w*|politici|besluit\w*|wet\w*|bezuiniging\w*|maatregel\w*"
           r"|plan(?:nen)?|kamer\w*|motie\w*|verkiezing\w*|belastingverhoging\w*|asiel\w*|stikstof\w*|college)")
_OPINION = r"(?:ik\s+(?:vind|denk|meen|geloof|vrees)|(?:vind|denk|meen|geloof)\s+ik|naar\s+mijn\s+mening|mijn\s+mening\s+is|wat\s+mij\s+betreft)"
_POLITICAL = re.compile(
    r"(?<!\w)(?:"
    # a position on politicians or policy
    r"(?:de\s+)?(?:minister|staatssecretaris|wethouder|burgemeester|gemeenteraad|raad|kabinet|regering"
    r"|coalitie|oppositie|kamer|college)\s+(?:heeft\s+(?:\w+\s+){0,3}(?:ongelijk|gelijk|mis|fout)|zit\s+(?:\w+\s+){0,2}fout"
    r"|faalt|moet\s+(?:\w+\s+){0,2}aftreden|is\s+(?:dom|incompetent)|maakt\s+(?:\w+\s+){0,3}(?:fout|fouten|vergissing))"
    r"|moet\s+(?:de\s+)?(?:minister|staatssecretaris|wethouder|burgemeester|kabinet|regering|coalitie)\s+(?:\w+\s+){0,2}aftreden"
    r"|(?:voorstander|tegenstander|voorstanders|tegenstanders)\s+van\s+(?:\w+\s+){0,4}" + _POLICY +
    r"|(?:ik|wij|we)\s+(?:hoop|hopen)\s+dat\s+(?:\w+\s+){0,3}" + _POLICY + r"\s+(?:\w+\s+){0,2}(?:valt|vallen|verliest|verliezen|wint|winnen|opstapt)"
    r"|heeft\s+(?:de\s+)?(?:minister|staatssecretaris|wethouder|burgemeester|gemeenteraad|raad|kabinet|regering)"
    r"\s+(?:ongelijk|gelijk)"
    r"|(?:ik|wij|we)\s+(?:ben|zijn|is)\s+het\s+(?:niet\s+|helemaal\s+|totaal\s+)?(?:on)?eens\s+met\s+(?:\w+\s+){0,3}" + _POLICY +
    r"|(?:ik|wij|we)\s+(?:ben|zijn)\s+(?:\w+\s+)?(?:voor|tegen)\s+(?:het|de|dit|dat|deze)\s+(?:\w+\s+){0,2}" + _POLICY +
    r"|(?:ik|wij|we)\s+(?:steun|steunen|sta|staan)\s+(?:\w+\s+){0,2}(?:achter\s+)?(?:het|de|dit|deze)\s+(?:\w+\s+){0,2}" + _POLICY +
    # an opinion in the same sentence as politics or policy ("Eerlijk gezegd vind ik dit kabinetsbeleid…")
    r"|(?:eerlijk\s+gezegd\s+|persoonlijk\s+|zelf\s+)?" + _OPINION + r"\b[^.!?\n]{0,60}?\b" + _POLICY +
    r"|" + _POLICY + r"\b[^.!?\n]{0,40}?\b(?:vind|denk|meen)\s+ik"
    r"|persoonlijk\s+vind\s+ik|eerlijk\s+gezegd\s+vind\s+ik|slecht\s+beleid|schandalig\s+(?:beleid|besluit)"
    r"|(?:stem|stemt|stemmen)\s+(?:op|niet\s+op|tegen)"
    r"|(?-i:" + _PARTIES + r"))(?!\w)",
    re.IGNORECASE,
)
_INFORMAL = re.compile(r"(?<![\w'’-])(?:jij|je|jouw|jou|jezelf)(?![\w'’-])", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"(?:\^\s?[A-Za-z]{1,4}|(?<![\w-])[-–—/]\s?[A-Z][A-Za-z]{0,3}"
    r"|(?i:groet(?:en)?|gr\.?|mvg|m\.v\.g\.?|met\s+vriendelijke\s+groet(?:en)?|vriendelijke\s+groet(?:en)?|regards)"
    r",?\s+[A-Z][\w'-]+(?:\s+[\w'-]+){0,3}(?:\s*[,(-]\s*[\w ()-]{1,40}\)?)?"
    r"|\n\s*[A-Z][a-zà-ÿ'-]+(?:\s+(?:[A-Z]\.|[a-z]{1,3}|[A-Z][a-zà-ÿ'-]+)){0,3}(?:\s*[,(-]\s*[\w ()-]{1,40}\)?)?)"
    r"[\s.!]*$",
)
_TRAILER = re.compile(r"(?:\s+(?:#\w+|https?://\S+|www\.\S+))+\s*$")


def _valid_bsn(digits: str) -> bool:
    if len(digits) != 9 or digits == "0" * 9:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def _signature_span(text: str) -> tuple[int, int] | None:
    body = _TRAILER.sub("", text.rstrip())
    m = _SIGNATURE.search(body)
    return (m.start(), m.end()) if m else None


def _finding(rule: str, start: int, end: int) -> dict:
    return {"rule": rule, "start": start, "end": end, "message": rule}


def _personal(text: str, signature: tuple[int, int] | None) -> list[dict]:
    out = [_finding("bsn", m.start(), m.end()) for m in _BSN.finditer(text)
           if _valid_bsn(m.group(1) + m.group(3) + m.group(4))]
    out += [_finding("licence_plate", m.start(), m.end()) for m in _PLATE.finditer(text)
            if re.search(r"\d", m.group()) and re.search(r"[A-Za-z]", m.group())]
    out += [_finding("phone", m.start(), m.end()) for m in _PHONE.finditer(text)
            if not _SERVICE_PHONE.match(m.group().replace(" ", "").replace("-", ""))]
    out += [_finding("email", m.start(), m.end()) for m in _EMAIL.finditer(text) if not _ROLE_MAIL.match(m.group())]
    out += [_finding("address", m.start(), m.end()) for m in _STREET.finditer(text)]
    out += [_finding("address", m.start(), m.end()) for m in _POSTCODE.finditer(text)]
    titled = [(m.start(), m.end()) for m in _TITLE_NAME.finditer(text)]
    out += [_finding("person_name", s, e) for s, e in titled]
    for m in _FIRST.finditer(text):
        inside = any(s <= m.start() < e for s, e in titled)
        signed = signature is not None and signature[0] <= m.start() < signature[1]
        if not inside and not signed:
            out.append(_finding("person_name", m.start(), m.end()))
    return out


def reply_check(text: str, *, style: HouseStyle | None = None, lang: str = "nl") -> list[dict]:
    """Findings for a draft answer (module docstring), ordered by ``start`` then rule.

    Parameters
    ----------
    text : str
        the draft answer.
    style : HouseStyle, optional
        the organisation's house style; default addresses people with *u*.
    lang : {"nl", "en"}
        language of the explanations (``message``); Dutch by default.

    Examples
    --------
    >>> [f["rule"] for f in reply_check("Dag meneer Jansen, uw melding is doorgegeven. ^PK")]
    ['person_name']
    """
    style = style or HouseStyle()
    signature = _signature_span(text)
    out = _personal(text, signature)
    out += [_finding("promise", m.start(), m.end()) for m in _PROMISE.finditer(text)]
    out += [_finding("political", m.start(), m.end()) for m in _POLITICAL.finditer(text)]
    if style.address == "u":
        out += [_finding("informal_address", m.start(), m.end()) for m in _INFORMAL.finditer(text)]
    if signature is None and text.strip():
        stripped = text.rstrip()
        last = stripped.rfind("\n") + 1
        out.append(_finding("no_signature", last, len(stripped)))
    if lang not in MESSAGES:
        raise ValueError(f"lang must be one of {', '.join(MESSAGES)}")
    for f in out:
        f["message"] = MESSAGES[lang][f["rule"]]
    out.sort(key=lambda f: (f["start"], RULES.index(f["rule"]), f["end"]))
    return out
