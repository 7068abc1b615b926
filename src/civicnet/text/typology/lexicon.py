"""The codebook's markers, as regular expressions per type and language.

Each entry mirrors a line of docs/typology.md: the rule-based baseline
(:mod:`civicnet.text.typology.rules`) fires a type when one of its markers matches
the lower-cased message (URLs removed). Dutch (``nl``) and English (``en``) lists are
kept apart so a caller who knows the language gets only that language's markers.

The marker lists built by :func:`_rx` are written in lower case and compiled
case-sensitively: search them in :func:`fold`-ed text, where they match exactly what
they matched case-insensitively in the text itself, about twice as fast.
"""

from __future__ import annotations

import re


#: Letters that a case-insensitive ``re`` pattern reads as ASCII letters although
#: ``str.lower`` does not make them ones (dotless ı and long ſ; İ, which ``str.lower``
#: would turn into two characters): :func:`fold` writes them as ``i`` and ``s``.
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "İ": "i"})


def fold(text: str) -> str:
    """``text`` as the case-sensitive marker lists of :func:`_rx` read it: lower-cased,
    with ı, ſ and İ written ``i``, ``s``, ``i``.

    Character by character, a lower-case pattern compiled case-sensitively matches
    the folded text exactly where it matched ``text`` with IGNORECASE (checked for
    every code point against every letter, class and escape these lists use), and
    about twice as fast.
    """
    if "ı" in text or "ſ" in text or "İ" in text:
        text = text.translate(_FOLD)
    return text.lower()


def _rx(*alternatives: str) -> re.Pattern:
    """One case-sensitive pattern (for :func:`fold`-ed text) matching any of ``alternatives``, in their order.

    Consecutive alternatives that open with ``\\b`` share one ``\\b``
    (``\\b(?:a|b)`` is ``\\ba|\\bb``): Python's ``re`` then tests the word boundary
    once per position instead of once per alternative, about 4× faster on these lists
    with the same matches.
    """
    parts: list[str] = []
    run: list[str] = []
    for alt in alternatives:
        if alt.startswith(r"\b") and not _has_top_level_bar(alt):
            run.append(alt[2:])
            continue
        if run:
            parts.append(r"\b(?:" + "|".join(run) + ")")
            run = []
        parts.append(alt)
    if run:
        parts.append(r"\b(?:" + "|".join(run) + ")")
    return re.compile(r"(?:" + "|".join(parts) + r")")


def _has_top_level_bar(pattern: str) -> bool:
    """True when ``pattern`` is itself an alternation at its top level (``a|b``)."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":  # a literal ] first in the class
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


_YOU_NL = r"(?:je|jouw|uw|jullie)"

#: Webcare markers strong enough on their own (answering, referring, apologising).
WEBCARE_STRONG = {
    "nl": _rx(
        rf"\b(?:bedankt|dank)(?:\s+je|\s+u)?\s+(?:wel\s+)?voor\s+{_YOU_NL}\s+(?:vraag|melding|bericht|reactie|tip|geduld|berichtje|mail|compliment)",
        r"\bstuur\s+(?:ons|me|mij)\s+(?:even\s+|gerust\s+)?(?:een\s+|je\s+|uw\s+)?(?:dm|pb|privébericht|direct\s*message|mail|e-?mail)",
        r"\b(?:dm|pb)\s+(?:ons|me)\b",
        r"\b(?:je|jouw|uw)\s+(?:melding|vraag|klacht)\s+(?:is|wordt|hebben)", r"\bwe\s+hebben\s+(?:je|jouw|uw)\s+(?:melding|vraag|bericht|klacht)",
        r"\b(?:doorgegeven|doorgezet|doorgestuurd)\s+(?:aan|naar)", r"\b(?:sorry|excuses)\s+voor\b",
        r"\bvervelend\s+(?:dat|om\s+te\s+horen|voor\s+je|voor\s+u)", r"\bzoek(?:en)?\s+(?:het|dit)\s+(?:voor\s+(?:je|u)\s+)?(?:even\s+)?uit",
        r"\bhiervoor\s+kun(?:t)?\s+(?:je|u)\s+(?:terecht|contact)", r"\bkun(?:t)?\s+(?:je|u)\s+(?:dit|het|dat)\s+(?:melden|doorgeven|aanvragen)",
        r"\b(?:je|u)\s+kunt\s+(?:hiervoor|daarvoor|het\s+beste|terecht|contact|bellen|mailen)", r"\bkun\s+je\s+(?:hiervoor|daarvoor|het\s+beste|terecht|contact|bellen|mailen)",
        r"\b14\s?0\d{2,3}\b", r"\b0900[\s-]?\d", r"\bgraag\s+gedaan\b", r"\bgoede\s+vraag\b",
        r"(?:^|\s)\^[a-z]{1,3}\b", r"\bgroet(?:en|jes)?,?\s+[a-z]+\s*$", r"\bmet\s+vriendelijke\s+groet",
    ),
    "en": _rx(
        r"\bthanks?\s+(?:you\s+)?for\s+(?:your|the)\s+(?:question|message|report|feedback|patience|tip)",
        r"\bplease\s+(?:dm|send\s+us|contact|call|email)", r"\bdm\s+us\b", r"\bsend\s+us\s+a\s+(?:dm|direct|private)",
        r"\bwe(?:'re|\s+are)\s+sorry\b", r"\bsorry\s+(?:for|to\s+hear|about)", r"\bwe(?:'ll|\s+will)\s+look\s+into",
        r"\byou\s+can\s+(?:contact|call|report|reach|find|apply)", r"\breach\s+out\s+to\b", r"\bcontact\s+(?:us|our)\b",
        r"\bpassed\s+(?:it|this|your\s+\w+)\s+on\s+to", r"\byou(?:'re|\s+are)\s+welcome\b", r"\bgood\s+question\b",
    ),
}

#: Weaker answer markers: webcare only when the message opens as a reply.
WEBCARE_REPLY = {
    "nl": _rx(
        r"\b(?:je|u)\s+kunt\b", r"\bkun\s+je\b", r"\bkijk\s+(?:even\s+|hier\s+)?op\b", r"\bzie\s+(?:hier|link|onze|de\s+website)",
        r"\bmeer\s+info", r"\bhier\s+vind(?:t)?\s+(?:je|u)", r"\b(?:dat\s+)?klopt\b", r"\binderdaad\b", r"\bbedankt\b", r"\bdank\s+(?:je|u)\b",
        r"\bfijn\s+dat\b", r"\bgeen\s+probleem\b", r"^\s*(?:ja|nee|hoi|hallo|beste|dag|hey|hi)\b", r"\b(?:wij|we|ik)\s+(?:gaan|zullen|kijken|zoeken|hebben)\b",
        r"\bis\s+(?:weer\s+)?(?:open|dicht|opgelost|verholpen|gemaakt)", r"\bneem\s+(?:gerust\s+|even\s+|dan\s+)?contact\s+(?:met\s+\w+\s+)?op",
        r"\bwerkt\s+weer\b", r"\bbel\s+(?:ons|gerust|even|dan)\b", r"\b(?:helaas|excuses|sorry)\b", r"\bwordt\s+(?:opgehaald|gemaakt|opgelost|hersteld|bekeken)",
    ),
    "en": _rx(
        r"\byou\s+can\b", r"\bsee\s+(?:here|our|the)", r"\bmore\s+info", r"\bthat(?:'s|\s+is)\s+(?:right|correct)", r"\bindeed\b",
        r"\bthanks?\b", r"\bno\s+problem\b", r"^\s*(?:yes|no|hi|hello|dear|hey)\b", r"\bwe(?:'ll|\s+will|\s+are)\b",
    ),
}

#: Call to action / community building.
CALL = {
    "nl": _rx(
        r"\bdoe\s+(?:ook\s+|jij\s+ook\s+|u\s+ook\s+|je\s+ook\s+)?mee\b", r"\bmeedoen\b", r"\bmeld\s+(?:je|u|jezelf)\s+(?:nu\s+)?aan", r"\baanmelden\b",
        r"\bgeef\s+(?:je|u)\s+(?:nu\s+)?op\b", r"\bschrijf\s+(?:je|u)\s+in\b", r"\binschrijven\b", r"\bhelp\s+(?:ons|mee|jij|je|u)\b", r"\bhelpt\s+u\s+mee",
        r"\b(?:wij|we)\s+(?:zoeken|vragen|roepen)\b", r"\bgezocht\b", r"\boproep\b", r"\bgetuigen\b", r"\bheeft\s+u\s+(?:informatie|iets\s+gezien|tips?)",
        r"\bheb\s+(?:je|jij)\s+(?:informatie|iets\s+gezien|tips?|een\s+idee)", r"\blaat\s+(?:het\s+)?(?:ons|me|mij)\s+weten", r"\bdenk\s+(?:ook\s+)?mee\b",
        r"\bpraat\s+mee\b", r"\bmeedenken\b", r"\bkom\s+(?:ook\s+|allemaal\s+|gezellig\s+)?(?:langs|naar|kijken|meedoen|meehelpen)",
        r"\bstuur\s+(?:je|uw|jouw|ons\s+je|ons\s+uw)\s+(?:foto|tip|idee|reactie|verhaal|inzending)", r"\bdeel\s+(?:dit|deze|je|uw|jouw|het)\b",
        r"\bvergeet\s+niet\b", r"\bniet\s+vergeten\b", r"\bmis\s+het\s+niet\b", r"^\s*let\s+op\b", r"\bwees\s+alert\b", r"\bpas\s+op\b",
        r"\bsluit\s+(?:je|uw|altijd)\b", r"\bbel\s+112\b", r"\bmeld\s+(?:verdachte|het|dit|overlast|een)", r"\bsamen\s+(?:maken|zorgen|houden|werken|met\s+jullie)",
        r"\b(?:bedankt|dank(?:je)?wel|dank)\s+(?:allemaal|iedereen|aan\s+iedereen|voor\s+jullie|voor\s+(?:de|jullie)\s+(?:hulp|inzet|tips))",
        r"\btrots\s+op\s+(?:jullie|onze|alle|de)\s+(?:buurt|wijk|inwoners|vrijwilligers|stad|bewoners|deventenaren|deventeraren)",
        r"\bvrijwilligers?\s+(?:gezocht|nodig)", r"\bstem\s+(?:nu|mee|op)\b", r"\bwie\s+(?:helpt|doet|komt|wil|weet)\b",
        r"\b(?:heb|ben|wil|wilt|kom|doe|ga)\s+(?:jij|je|u)\s+(?:ook|al)\b", r"\bbekijk\b", r"\bontdek\b", r"\bprobeer\s+(?:het|ook|eens)\b",
        r"\bvan\s+harte\s+welkom\b", r"\bwelkom\s+(?:bij|op|in)\b", r"^[a-z]+(?:\s+en\s+[a-z]+)?,\s+(?:bedankt|dank\s+je(?:wel)?)\b",
        r"\b(?:vruchtbare|fijne|mooie|geslaagde)\s+(?:bijeenkomst|avond|middag|dag)\b", r"\bvaker\s+een\s+dergelijk",
        r"\bgeef\s+(?:je|uw)\s+mening\b", r"\b\w+\s+jij\s+ook\b", r"\bken\s+(?:jij|je|u)\s+iemand", r"\biets\s+verdachts\b",
        r"\bbel\s+(?:direct\s+|meteen\s+|dan\s+|altijd\s+)?112\b", r"\b(?:aanmelden|inschrijven|tekenen|stemmen|reageren|meedoen)\b[^.!?]{0,40}\bkan\b",
        r"\btot\s+de\s+volgende\s+keer\b", r"\bfijn\s+dat\s+(?:zo\s*veel|jullie|u\s+er|iedereen)", r"\bhulde\b",
        r"\b(?:fijne|goede|mooie)\s+(?:week|dag|avond|weekend|zondag|feestdagen)\s+allemaal", r"\bgoed\s+om\s+te\s+zien\s+hoe\s*veel",
        r"\b(?:spreek|loop|kom|bel|stap)\s+(?:me\s+|mij\s+|ons\s+)?gerust\b", r"\bhoop\s+(?:jullie|u|je)\b[^.!?]*\bte\s+zien\b", r"\bvul\s+(?:de|onze)\s+(?:enquête|vragenlijst)", r"\bkennisvraag\b", r"\bquiz\b", r"\bwin\s+(?:een|kaarten)\b",
    ),
    "en": _rx(
        r"\bjoin\s+(?:us|in|the)\b", r"\bsign\s+up\b", r"\bregister\b", r"\bhelp\s+us\b", r"\blet\s+us\s+know\b", r"\bshare\s+(?:this|your)\b",
        r"\bdon'?t\s+forget\b", r"\bget\s+involved\b", r"\bcome\s+(?:and|along|to|join)\b", r"\bsend\s+(?:us\s+)?your\s+(?:photo|tip|idea|story)",
        r"\bvote\s+(?:now|for)\b", r"\btell\s+us\b", r"\bbe\s+alert\b", r"\bwatch\s+out\b", r"\bthank\s+you\s+(?:all|everyone)\b", r"\bthanks\s+(?:all|everyone)\b",
        r"\bwe\s+need\s+your\b", r"\bvolunteers?\s+(?:wanted|needed)", r"\bcheck\s+out\b", r"\bhave\s+your\s+say\b", r"\btogether\s+we\b",
        r"\bwitnesses\b", r"\byou\s+are\s+(?:very\s+)?welcome\s+to\b", r"\beveryone\s+is\s+welcome\b", r"\bplease\s+(?:report|share|help|join|come|lock|be)\b",
    ),
}

#: Imperative verbs that make a call when they open a sentence.
IMPERATIVES = {
    "nl": frozenset(
        "vertrek dien nomineer pitch tag "
        "doe kom meld help deel stuur stem denk geef let zorg sluit houd hou neem vul schrijf teken volg praat "
        "maak zet kies pak blijf vergeet mis bekijk ontdek ga bezoek waarschuw draag rij fiets steun doneer "
        "laat probeer leer ruim plant red regel reageer registreer speel win beweeg scan luister vier geniet "
        "check kijk lees".split()
    ),
    "en": frozenset(
        "join come help share report send vote tell sign register visit watch check discover try keep lock "
        "stay remember take make give bring get learn follow support donate please celebrate enjoy".split()
    ),
}

#: Imperatives that do not make a call when followed by a link teaser ("Lees meer", "Kijk op").
WEAK_IMPERATIVES = frozenset({"lees", "kijk", "ga", "check", "get", "take", "make"})

#: Nuancing / correcting.
NUANCING = {
    "nl": _rx(
        r"\bklopt\s+niet\b", r"\bniet\s+(?:waar|juist|correct)\b", r"\bonjuist", r"\bonwaar\b", r"\bonterecht", r"\bmisverstand",
        r"\bverkeerd\s+(?:begrepen|beeld|bericht)", r"\bter\s+(?:verduidelijking|correctie|aanvulling)", r"\bcorrectie\b", r"\brectificatie",
        r"\bnuance", r"\bgenuanceerd", r"\bgerucht", r"\bfabel", r"^\s*feit\s*:", r"\bfeiten\b", r"\bfake\b", r"\bnep(?:nieuws|bericht)",
        r"\bhoax\b", r"\b(?:mis|des)informatie", r"\bhet\s+beeld\s+(?:dat|ontstaat)", r"\bde\s+indruk\s+(?:dat|bestaat|ontstaat|wekken|gewekt)", r"\bin\s+tegenstelling\s+tot",
        r"\b(?:wordt|werd)\s+(?:gesuggereerd|beweerd|gesteld)", r"\bsuggestie\b", r"\bwel\s+degelijk\b", r"\bjuist\s+niet\b",
        r"\bhet\s+is\s+niet\s+zo\s+dat", r"\bbetekent\s+niet\s+dat", r"\b(?:we|wij|ik)\s+(?:begrijpen|begrijp|snappen|snap)\s+(?:de|uw|jullie|je|dat|het)",
        r"\bbegrijpelijk\b", r"\bzorgen\s+(?:over|van|zijn)", r"\bonrust\b", r"\blaat\s+(?:ik|me)\s+(?:duidelijk|helder)", r"\bom\s+misverstanden",
        r"\bzorgvuldige\s+afweging", r"\bberichtgeving\b",
        r"(?:^|[.!?:]\s+)nee,", r"\bniet\s+zomaar\b", r"\bvoor\s+de\s+duidelijkheid\b", r"\bkanttekening", r"\bophef\b", r"\bongerust",
        r"\bverontwaardig", r"\b(?:sommigen|sommige\s+mensen|veel\s+mensen|mensen)\s+denken\b", r"\bhet\s+omgekeerde\b", r"\bstaat\s+nergens\b",
        r"\bbenadrukt\b", r"\btegelijk(?:ertijd)?\b", r"\btoch\s+is\b", r"\brondgaat\b", r"\bklopt\s+het\s+dat\b",
        r"\bgeen\s+reden\s+(?:tot|voor)\b", r"\bde\s+feiten\b", r",\s+(?:niet|geen)\s+(?:\d|uit|op|in|van|voor|het|de)\b",
        r"\b(?:niet|geen)\s+[^.!?;]{1,30}?[;,]?\s+(?:maar|alleen)\s", r"\bgeen\s+sprake\s+van", r"\bnog\s+geen\s+(?:besluit|beslissing)",
        r"\b(?:is|wordt)\s+(?:nog\s+)?niet\s+(?:besloten|gesloten|afgeschaft)", r"\bfeitelijk\b", r"\bwaarom\s+(?:we|wij|de\s+gemeente)\s+",
        r"\bdat\s+is\s+niet\s+(?:zo|het\s+geval)", r"\bechter\b", r"\btoch\s+(?:echt|wel|niet)\b", r"\bbelangrijk\s+om\s+te\s+(?:weten|benadrukken)",
    ),
    "en": _rx(
        r"\bnot\s+(?:true|correct|accurate)\b", r"\buntrue\b", r"\bincorrect\b", r"\bmisleading\b", r"\bmisunderst", r"\bto\s+clarify\b",
        r"\bclarification\b", r"\bcorrection\b", r"\brumou?rs?\b", r"\bmyths?\b", r"^\s*fact\s*:", r"\bfake\s+news\b", r"\bcontrary\s+to\b",
        r"\bdoes(?:\s+not|n't)\s+mean\b", r"\bwe\s+understand\s+(?:the|your|people)", r"\bno\s+decision\s+has\b", r"\blet\s+me\s+be\s+clear\b",
        r"\bin\s+fact\b", r"\bdisinformation\b", r"\bmisinformation\b", r"\bhowever\b", r"\bconcerns?\b",
    ),
}

#: Humour: laughter, winks, jokes.
HUMOUR = {
    "nl": _rx(
        r"\b(?:ha){2,}h?\b", r"\bhihi\w*", r"\b(?:he){2,}\b", r"\blol\b", r"\bgrap(?:je|pig)?\b", r"\bgeintje\b", r"\bknipoog", r"#humor\b",
        r"\bstiekem\b", r"\bniet\s+heus\b", r"\baprilgrap\b", r"\boeps\b", r"\bxd\b", r"\bbeetje\s+jammer\s+voor\s+(?:hem|haar|ze)",
        r"\bvoor\s+de\s+liefhebbers\b", r"^\s*breaking\s*:", r"\bklassieker\b", r"\becht\s+waar\b", r"\booit\s+afgevraagd\b", r"\bgelukkig\s+(?:maar|niet)\b", r"\bhelaas\s+pindakaas\b", r"\bknap\s+hoor\b", r"\bwie\s+weet\b.*\bgelijk\b",
    ),
    "en": _rx(r"\b(?:ha){2,}h?\b", r"\blol\b", r"\bjust\s+kidding\b", r"#jk\b", r"\bpun\s+intended\b", r"\bjoke\b", r"\boops\b", r"\bxd\b"),
}

#: Wink and tongue emoticons (the laughing emoji are in civicnet.text._patterns).
WINK = re.compile(r"(?<![\w:;])(?:;-?\)|;-?D|:-?[pP]\b|;-?[pP]\b|:'-?\))")

#: First person singular.
FIRST_SINGULAR = {
    "nl": re.compile(r"\b(?:ik|mijn|m'n|mn|mij|me|mezelf|mijzelf)\b", re.IGNORECASE),
    # "I" only as a capital, so the Dutch "i.v.m." is not read as English "i".
    "en": re.compile(r"\bI(?:'m|'ve|'ll|'d)?(?![\w.])|\b(?:[Mm]y|[Mm]e|[Mm]yself|[Mm]ine)\b"),
}

#: Everyday feelings and small talk that mark a personal message.
FEELING = {
    "nl": _rx(
        r"\bzin\s+in\b", r"\bgenoten\b", r"\bgenieten\b", r"\blekker\b", r"\bheerlijk", r"\bgezellig", r"\bblij\b", r"\bmoe\b",
        r"\brustige\s+(?:nacht|dienst|dag)", r"\bgoedemorgen\b", r"\bgoedenavond\b", r"\bfijn\s+weekend\b", r"\bvakantie\b", r"\bcursus\b",
        r"\bmooie\s+(?:dag|ochtend|avond|dienst)", r"\bwat\s+een\b",
        r"(?:^|[.!?]\s+)(?:ben|heb|had|was)\s+(?:vandaag|net|zojuist|gisteren|morgen|weer|vanavond|vanochtend)\b",
        r"(?:^|[.!?]\s+)(?:net|zojuist)\s+(?:terug|geland|thuis|een|klaar|binnen|gesproken|gehoord)\b", r"\berop\s+zitten\b",
        r"\b(?:eerste|laatste)\s+(?:dag|dienst|werkdag|week)\b", r"\bnachtdienst\b", r"\bgeweest\b", r"\bsuper\b", r"\bgeweldig", r"\bfavoriet", r"\baanrader\b",
    ),
    "en": _rx(
        r"\blooking\s+forward\b", r"\benjoyed\b", r"\blovely\b", r"\bgreat\s+(?:day|time|evening)", r"\bgood\s+morning\b", r"\bexcited\b",
        r"\bproud\b", r"\bfavou?rite\b", r"\bholiday\b", r"\bweekend\b", r"\bwhat\s+a\b", r"\bamazing\b",
    ),
}

#: The organisation's own voice (we / third person): keeps feelings of an organisation out of "personal".
ORG_VOICE = {
    "nl": re.compile(r"\b(?:wij|we|ons|onze|de\s+gemeente|het\s+ministerie|de\s+minister|de\s+staatssecretaris|de\s+politie|rijkswaterstaat)\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:we|our|us|the\s+council|the\s+ministry|the\s+minister|the\s+police)\b", re.IGNORECASE),
}
