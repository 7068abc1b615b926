"""The cue lexicons behind :mod:`civicnet.webcare.classify` (Dutch and English).

Each entry is a regular-expression fragment matched case-insensitively on word
boundaries in the message text after @mentions and URLs are removed (``#hashtags``
keep their word). They were written from the report's cases (municipal webcare,
the neighbourhood police officer, Rijkswaterstaat, OCW, the Groningen earthquakes,
Benno L.) and tuned on ``data/labelled/dev.csv`` only; ``data/labelled/test.csv`` is
held out for the figures in docs/webcare.md.
"""

from __future__ import annotations

#: Promotion, giveaways, follow-for-follow: the chaff.
SPAM = [
    r"gratis", r"win(?:nen)?\s+(?:een|nu)", r"klik\s+hier", r"check\s+(?:mijn|my)\s+(?:profiel|profile)", r"volg\s+(?:ons|mij)", r"follow\s+(?:back|me)",
    r"\d+\s*%\s*korting", r"korting", r"verdien\s+€?\s*\d+", r"geld\s+verdienen", r"bitcoin\w*", r"investeer\w*", r"casino", r"sexy", r"singles", r"dating\w*", r"dm\s+voor",r"retweet\s+en\s+volg", r"nieuwe\s+(?:blog|collectie|podcast\w*)", r"aanbieding\w*", r"followers", r"earn\s+money", r"giveaway",
]

#: Threats against people or property (abuse with high urgency).
THREAT = [
    r"weet\s+waar\s+(?:je|jij|u|jullie|hij|zij|die\s+\w+)\s+woon\w*",
    r"(?:sla|schop|steek|schiet|maak)\s+(?:ik\s+)?(?:je|jou|jullie|hem|haar)\s+(?:\w+\s+)?(?:in\s+elkaar|af|dood|neer|kapot)",
    r"in\s+elkaar\s+(?:slaan|trappen)", r"opgehangen", r"ophangen", r"opknopen",
    r"in\s+de\s+fik\s+(?:steken|zetten)", r"steek\s+(?:\w+\s+){1,3}in\s+de\s+fik", r"afbranden",
    r"die\s+gaat\s+het\s+(?:nog\s+)?merken", r"bom\s+leggen",
    r"(?:will|gonna)\s+(?:find|kill|hurt|get)\s+you", r"know\s+where\s+you\s+live", r"you\s+will\s+pay",
]

#: Insults aimed at people or the organisation.
INSULT = [
    r"idio(?:ot|ten)", r"debiel\w*", r"mongool\w*|mongolen", r"sukkel\w*", r"klootzak\w*", r"eikel\w*",
    r"zakkenvuller\w*", r"landverrader\w*", r"uitschot", r"tuig", r"schorem", r"achterlijk\w*", r"imbeciel\w*",
    r"leugenaar\w*", r"incompetente?", r"corrupt\w*", r"rot\s+(?:toch\s+)?op", r"tyfus\s+op", r"flikker\s+op", r"kanker\w+", r"kut\w+", r"pigs",
    r"idiots?", r"morons?", r"scum", r"bastards?", r"stelletje",
]

#: Passing on, or checking, an unverified claim.
RUMOUR = [
    r"(?:ik\s+)?(?:hoor|hoorde|heb\s+gehoord|las|lees|zag\s+op)\s+(?:\S+\s+){0,3}dat",
    r"ik\s+hoorde", r"(?:ik\s+)?heb\s+gehoord", r"gerucht\w*", r"hoorde\s+net", 
    r"schijnt\b", r"naar\s+verluidt", r"ze\s+zeggen", r"men\s+zegt",
    r"er\s+wordt\s+gezegd", r"klopt\s+het\s+dat", r"is\s+het\s+waar", 
    r"verzw\w+", r"houden\s+(?:\w+\s+){0,3}geheim", r"doofpot\w*", r"nepnieuws",
    r"fake\s+news", r"complot\w*", r"deel\s+dit", r"op\s+(?:whatsapp|facebook|twitter)\b",
    r"volgens\s+(?:facebook|whatsapp|twitter|het\s+buurtforum)",
    r"gaat\s+rond", r"iedereen\s+weet\s+het",
    r"i\s+heard", r"is\s+it\s+true", r"rumou?rs?",
]

#: Dissatisfaction with government: its service, its decisions, its silence.
COMPLAINT = [
    r"klacht\w*", r"waarom", r"hoezo", r"achteruit\s+gegaan", r"(?:al|nu\s+al|inmiddels)\s+(?:\d+|een|twee|drie|vier|vijf|zes|acht|tien|een\s+paar|paar|half|maanden|weken|jaren)\b"
    r"(?:\s+\w+)?\s*(?:dagen|weken|maanden|jaar|jaren|keer|uur)?", r"al\s+(?:maanden|weken|jaren)",
    r"nog\s+(?:steeds|altijd)\s+(?:niet|geen|niks|niets)", r"still\s+(?:not|no)", r"alweer", r"wederom", r"weer\s+(?:de|te|niet|dicht)",
    r"schande\w*", r"schandalig", r"belachelijk\w*", r"bespottelijk", r"waardeloo\w*", r"slecht\w*", r"onacceptabel",
    r"teleurgesteld", r"teleurstell\w*", r"boos", r"woedend", r"spuugzat", r"zat\s+van", r"moe\s+van", r"ergernis\w*",
    r"ergerlijk", r"irritant", r"drama", r"chaos", r"niet\s+te\s+betalen", r"geen\s+(?:reactie|antwoord|service)", r"nooit\s+(?:meer\s+)?iets",
    r"gebeurt\s+(?:dus\s+)?nooit", r"niemand\s+(?:reageert|komt)", r"er\s+gebeurt\s+(?:niks|niets)",
    r"(?:niks|niets)\s+(?:gebeurd|gedaan)", r"jullie\s+(?:doen|kunnen)\s+(?:niks|niets)", r"luisteren\s+niet",
    r"niet\s+(?:geleegd|opgehaald|gestrooid|serieus)", r"in\s+de\s+steek", r"onvriendelijk", r"bureaucratie", r"te\s+laat", r"te\s+lang",
    r"duurt\s+(?:het\s+)?(?:zo|te)\s+lang", r"hoe\s+(?:dan|moeilijk)",
    r"bedankt\s+voor\s+(?:niks|niets)", r"niet\s+(?:mee\s+)?eens", r"ligt\s+(?:alweer\s+)?plat", r"klopt\s+niet", r"omhoog", r"duurder", r"bezuinig\w*", r"wachten", r"wacht\s+al",
    r"in\s+de\s+wacht", r"dit\s+kan\s+toch\s+niet", r"terrible", r"unacceptable", r"worst", r"useless", r"fed\s+up", 
]

#: Reporting a problem or incident in public space (a *melding*) or passing on a tip.
REPORT_STRONG = [
    r"kapot\w*", r"stuk\b", r"defect", r"vernield", r"graffiti", r"gedumpt", r"dumping",
    r"zwerfvuil", r"uitpuilen|puilen\s+uit", r"los(?:liggende?|hangende?)", r"omgevallen", r"omver\s+gereden", r"gat\s+in\s+(?:de|het)\s+\w+",
    r"groot\s+gat", r"flink\s+gat", r"verstopt", r"stinkt", r"lekt\b|lekkende?", r"lekt", r"onder\s+water", r"in\s+(?:onze|de)\s+kelder", r"knipper\w*", r"loopt\s+(?:\w+\s+){1,4}achter", r"er\s+ligt", r"er\s+liggen",
    r"er\s+staat", r"er\s+staan", r"er\s+zit", r"er\s+wordt", r"ligt\s+(?:over|op|in|midden)", r"liggen\s+(?:op|in)", 
    r"gaslucht", r"ruik\w*\s+gas", r"brand\b", r"rook\w*", r"in\s+de\s+fik", r"vechtpartij", r"ingebroken",
    r"inbre\w+", r"breaking\s+into", r"verdacht\w*", r"gedeald", r"tip\b", r"gezien", r"rondjes", r"spookrijder",
    r"gevallen", r"bloeden", r"ambulance", r"bedreigt", r"scheur\w*",
    r"beving", r"trilde", r"dode?\s+\w+", r"rat\b|ratten", r"rups\w*", r"aardedonker", r"plas\b",
    r"wrak\w*", r"hangjongeren", r"toeteren", r"niet\s+open\s+te\s+doen", r"broken", r"fire\b",
    r"dumpster", r"smoke", r"glas\s+op", r"ingeslagen", r"waait",
    ]

#: Topic words of reports: a report unless the message asks something.
REPORT_WEAK = [
    r"lantaarnpa\w+", r"stoeptegel\w*", r"tegel\w*", r"fietspad", r"riool",
    r"schade\w*", r"aardbeving", r"dijk\w*", r"water", r"boom|bomen", r"afval",
]

#: Thanks and compliments.
PRAISE = [
    r"bedankt", r"dank\s*(?:je|jullie|u)?\s*wel", r"dankjewel", r"dankuwel", r"dank\s+(?:voor|je|jullie|u)",
    r"thanks?", r"thank\s+you", r"top\b", r"topper\w*", r"goed\s+(?:gedaan|geregeld|bezig|werk)",
    r"mooi\s+(?:gedaan|werk|initiatief)", r"compliment\w*", r"chapeau",
    r"hulde", r"pluim", r"respect\s+voor", r"petje\s+af", r"super\b", r"snel\w*\s+(?:opgelost|geholpen|reparatie|hulp|actie|antwoord|service)",
    r"snelle", r"fijn\w*", r"blij", r"geweldig\w*", r"fantastisch\w*", r"prachtig\w*", r"schitterend\w*", r"behulpzaam",
    r"ga\s+zo\s+door", r"keep\s+it\s+up", r"great\s+job", r"well\s+done", r"kudos", r"eindelijk\s+een", r"netjes",
    r"[👍👏❤💪]",
]

#: Safety, health, danger, damage and emergencies (the report's crisis cases).
URGENT = [
    r"brand\b", r"in\s+brand", r"rook\w*", r"vlammen", r"in\s+de\s+fik", r"gaslucht", r"gaslek", r"ruik\w*\s+gas",
    r"ontplof\w*", r"explosie\w*", r"ongeluk\w*", r"aanrijding", r"gewond\w*", r"bloed\w*", r"bewusteloos",
    r"reageert\s+(?:slecht|niet)", r"ambulance", r"112", r"reanim\w*", r"levensgevaarlijk", r"gevaarlijk\w*",
    r"gevaar\b", r"veilig\b", r"instort\w*", r"ingestort", r"hangt\s+scheef",
    r"scheur\w*\s+(?:\w+\s+){0,3}(?:muur|muren|gevel|huis|plafond|fundering|schoorsteen)", r"aardbeving\w*", r"beving\w*", r"overstroom\w*", r"overstroming", r"water\s+(?:\w+\s+){0,7}(?:kelder|huis|stoep)", r"hoge?\s+water", r"dijk\w*\s+(?:\w+\s+){0,3}(?:lekt|veilig|doorgebroken)",
    r"lekt\s+op", r"zandzakken", r"vechtpartij", r"geweld", r"mishandel\w*", r"steekpartij", r"gestoken",
    r"met\s+een\s+mes", r"mes\b", r"wapen\w*", r"schiet\w*", r"bedreig\w*",
    r"ingebroken", r"inbre\w+", r"breaking\s+into", r"vermist\w*", r"in\s+het\s+water", r"ijs\b", r"spookrijder",
    r"op\s+de\s+(?:a\d+|snelweg|rijstrook|linkerrijstrook)", r"(?:gat|band)\s+(?:\w+\s+){0,4}(?:a\d+|wegdek)",
    r"loshangende?\s+\w*kabel", r"onder\s+stroom", r"giftig\w*", r"besmet\w*",
    # asbestos where it lies or spreads, not a question where to bring it
    r"asbest\w*\s+(?:\w+\s+){0,4}(?:ligt|liggen|gevonden|gedumpt|verspreid|kapot|stuk|brand)",
    r"(?:ligt|liggen|gevonden|gedumpt|verspreid|brandend)\s+(?:\w+\s+){0,3}asbest\w*",
    r"gevaarlijke\s+stof", r"verkrachter", r"lokt", r"kinderen\s+(?:\w+\s+){0,3}uitslag",
    r"maak\s+me\s+zorgen", r"over\s+de\s+hele", r"dakpannen",
    r"post\s+stapelt", r"injured", r"fire\b", r"smoke", r"flood\w*", r"gas\s+leak",
    r"danger\w*", r"emergency", r"help\b", r"hulp\s+nodig", r"noodgeval", r"spoed",
    # danger to people or property in everyday Dutch: a fallen tree or wires across a road, water
    # in streets and homes, gas, fire, violence, people in the water or missing
    r"(?:boom|bomen|tak|takken|paal|mast|lantaarnpaal|steiger|hek)\s+(?:\w+\s+){0,4}(?:over|op|midden\s+op|dwars\s+over)\s+(?:de|het)\s+"
    r"\w*(?:weg|straat|laan|dijk|singel|kade|rijbaan|fietspad|pad|spoor|stoep|kruispunt|rotonde|auto|huis|dak)\b",
    r"(?:omgewaaid|omgevallen|afgebroken|gevallen)e?\s+(?:\w+\s+){0,2}(?:boom|bomen|tak|takken|paal|mast)",
    r"(?:boom|bomen|tak|takken|paal|mast)\s+(?:is\s+|zijn\s+)?(?:omgewaaid|omgevallen|afgebroken|gevallen)",
    r"stroomdra(?:ad|den)", r"(?:elektriciteits|hoogspannings|stroom)kabel\w*", r"vonken",
    r"wateroverlast", r"ondergelopen", r"staat\s+blank", r"stroomt\s+(?:\w+\s+){0,3}(?:binnen|naar\s+binnen|huis)",
    r"overstroomd", r"dijkdoorbraak", r"kwelwater",
    r"gasgeur", r"ruik(?:en|t)?\s+(?:\w+\s+){0,2}gas", r"koolmonoxide", r"co-?melder",
    r"rookontwikkeling", r"staat\s+in\s+(?:brand|de\s+fik|lichterlaaie)", r"uitslaande\s+brand",
    r"schietpartij", r"geschoten", r"schoten", r"neergestoken", r"mishandeling", r"aangevallen", r"geslagen",
    r"vecht\w*", r"ruzie\s+met\s+(?:een\s+)?(?:mes|wapen)", r"(?:dreigt|dreigen)\s+(?:\w+\s+){0,3}(?:dood|mes|steken|slaan)",
    r"te\s+water", r"verdrink\w*", r"verdronken", r"komt\s+niet\s+(?:meer\s+)?boven",
    r"in\s+(?:de|het|een)\s+(?:\w+\s+)?(?:water|vijver|sloot|gracht|kanaal|rivier|haven|plas|meer)\s+(?:\w+\s+){0,4}"
    r"(?:gevallen|gereden|gesprongen|beland|verdwenen|gezakt)", r"kind\s+(?:\w+\s+){0,2}kwijt", r"weggelopen",
    r"zit\s+(?:\w+\s+){0,2}vast\s+in", r"ingesloten", r"bekneld", r"op\s+instorten", r"dreigt\s+(?:\w+\s+){0,2}(?:in\s+te\s+storten|om\s+te\s+vallen)",
]

#: Words that cancel a following urgency cue in the same clause (``geen gevaar``).
#: Urgency cues that stay urgent when negated (*niet veilig*).
NOT_NEGATABLE = ("veilig",)

NEGATIONS = ("geen", "niet", "nooit", "zonder", "no", "not", "never", "without")
