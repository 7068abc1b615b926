"""What a webcare officer reads, in Dutch and English: reasons, names of codes, durations.

The inbox's ``reason`` column and the reply check's explanations follow the language
(CONTRACT.md "Language"): the case's language for the inbox unless ``--lang`` says
otherwise, Dutch by default for the reply check. Codes (``question``, ``high``) stay
codes in the CSV columns; wherever they appear in a sentence they are translated
(*vraag*, *hoog*). Numbers use the language's decimal mark (``5,5 uur``).
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")

_TEXT = {
    "nl": {
        "question": "vraag", "complaint": "klacht", "report": "melding", "praise": "compliment", "rumour": "gerucht",
        "abuse": "belediging of bedreiging", "noise": "ruis",
        "high": "hoog", "normal": "normaal", "low": "laag", "high_urgency": "hoge urgentie",
        "urgency": "urgentie {level}{cues}",
        "model": "model {p}", "insult_not_praise": "belediging, nooit een compliment",
        "unknown_words": "regels: het model kent geen van de woorden",
        "waited": "wacht {waited} van {allowed} toegestaan (norm {level}: {hours}{working}){breached}",
        "working": " werktijd", "breached": ", norm overschreden", "no_target": "wacht {waited}, geen norm",
        "central": "centraal account (#{rank} op PageRank)", "bridge": "brug naar niet bereikte groep(en) {groups}",
        "unreached": "in groep {group}{size}, niet bereikt door de overheid", "size": " ({n} accounts)",
        "repeats": "zelfde bericht van {n} accounts: {accounts} (berichten {ids}; één keer beantwoorden)",
        "closed": "gesloten: beantwoord door {who}{after}", "after": " na {waited}",
        "late": "antwoord kwam na de norm", "in_time": "binnen de norm beantwoord",
        "rule": "regel '{rule}' → {route}", "default_route": "geen regel van toepassing → standaardroute {route}",
        "set": "{rules} voor {kind} ({how})", "shipped": "standaardregels", "routes_file": "regels uit {file}",
        "kind_municipality": "een gemeente", "kind_police": "een politie-eenheid",
        "kind_ministry": "een ministerie of uitvoeringsorganisatie", "kind_general": "een overheidsorganisatie",
        "how_case": "organisation: {value} in het casebestand", "how_accounts": "afgeleid uit de overheidsaccounts",
        "how_none": "soort organisatie onbekend; zet organisation: in het casebestand",
        "minutes": "{n} min", "hours": "{n} uur", "days": "{n} dagen", "tone": "toon {n}",
        "sla_closed": "gesloten", "sla_breached": "TE LAAT",
        "totals": "{n} items ({open} open, {breached} te laat, {answered} beantwoord) -> {csv}, {json}",
        "no_government": "Het casebestand noemt geen overheidsaccounts (government:), dus is er niets aan de overheid "
                         "gericht om te sorteren; zet de accounts van de organisatie onder government: "
                         "(docs/case-file.md).",
    },
    "en": {
        "question": "question", "complaint": "complaint", "report": "report", "praise": "praise", "rumour": "rumour",
        "abuse": "abuse", "noise": "noise",
        "high": "high", "normal": "normal", "low": "low", "high_urgency": "high urgency",
        "urgency": "urgency {level}{cues}",
        "model": "model {p}", "insult_not_praise": "insult, never praise",
        "unknown_words": "rules: the model knows none of its words",
        "waited": "waited {waited} of {allowed} allowed ({level} target {hours}{working}){breached}",
        "working": " working time", "breached": ", breached", "no_target": "waited {waited}, no target",
        "central": "central account (#{rank} by PageRank)", "bridge": "bridge to unreached group(s) {groups}",
        "unreached": "in group {group}{size}, not reached by government", "size": " ({n} accounts)",
        "repeats": "same message from {n} accounts: {accounts} (messages {ids}; answer once)",
        "closed": "closed: answered by {who}{after}", "after": " after {waited}",
        "late": "answer came after the target", "in_time": "answered within the target",
        "rule": "rule '{rule}' → {route}", "default_route": "no rule fired → default route {route}",
        "set": "{rules} for {kind} ({how})", "shipped": "shipped rules", "routes_file": "rules from {file}",
        "kind_municipality": "a municipality", "kind_police": "a police unit",
        "kind_ministry": "a ministry or agency", "kind_general": "a government organisation",
        "how_case": "organisation: {value} in the case file", "how_accounts": "from the government accounts",
        "how_none": "kind of organisation unknown; set organisation: in the case file",
        "minutes": "{n} min", "hours": "{n} h", "days": "{n} d", "tone": "tone {n}",
        "sla_closed": "closed", "sla_breached": "BREACHED",
        "totals": "{n} items ({open} open, {breached} breached, {answered} answered) -> {csv}, {json}",
        "no_government": "The case file names no government accounts (government:), so nothing is addressed to "
                         "government to triage; list the organisation's accounts under government: "
                         "(docs/case-file.md).",
    },
}


class Words:
    """Sentences and names of one language (``Words("nl")("rule", rule=…, route=…)``)."""

    def __init__(self, lang: str | None = "nl"):
        lang = (lang or "nl").lower()[:2]
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose from {', '.join(LANGUAGES)}")
        self.lang = lang
        self._text = _TEXT[lang]

    def __call__(self, key: str, **values) -> str:
        template = self._text[key]
        return template.format(**values) if values else template

    def name(self, code: str) -> str:
        """A code (category, urgency, target level) as the reader reads it."""
        return self._text.get(code, code)

    def number(self, value: float, decimals: int = 1) -> str:
        """``5.5`` as ``5,5`` in Dutch; thousands grouped (``12.556`` in Dutch, ``12,556`` in English)."""
        text = f"{value:,.{decimals}f}"
        if self.lang == "nl":
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text

    def signed(self, value: float) -> str:
        """Points with their sign: ``+30``, ``+6,7`` (``+6.7`` in English)."""
        text = f"{value:+g}"
        return text.replace(".", ",") if self.lang == "nl" else text

    def minutes(self, minutes: float) -> str:
        """``95 min``, ``5,5 uur`` or ``3,2 dagen`` (``5.5 h``, ``3.2 d`` in English)."""
        if minutes < 120:
            return self("minutes", n=self.number(minutes, 0))
        if minutes < 48 * 60:
            return self("hours", n=self.number(minutes / 60))
        return self("days", n=self.number(minutes / 1440))

    def hours(self, hours: float) -> str:
        """A target in hours: ``24 uur``, ``0,25 uur``."""
        return self("hours", n=self.number(hours, 0 if float(hours).is_integer() else 2))
