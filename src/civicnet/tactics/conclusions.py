"""Plain-language conclusions in Dutch and English, from templates fed by the figures.

Every sentence is a fixed template (:data:`TEMPLATES`) whose blanks are numbers and
names taken from the analysis; a sentence whose figures are missing is left out. No
sentence says anything the figures do not.
"""

from __future__ import annotations

TEMPLATES = {
    "absent": {
        "nl": "De overheid nam niet deel: er zijn geen berichten van overheidsaccounts in deze case.",
        "en": "Government did not take part: there are no messages from government accounts in this case.",
    },
    "sender": {
        "nl": "{gov} van de {messages} berichten kwamen van {accounts} overheidsaccount(s); afzenderpatroon: {pattern_nl}.",
        "en": "{gov} of the {messages} messages came from {accounts} government account(s); sender pattern: {pattern_en}.",
    },
    "types": {
        "nl": "Het meest voorkomende berichttype is '{type_nl}' ({type_n} berichten).",
        "en": "The most frequent message type is '{type_en}' ({type_n} messages).",
    },
    "timing": {
        "nl": "Timing: {proactive} proactief, {active} actief en {reactive} reactief.",
        "en": "Timing: {proactive} proactive, {active} active and {reactive} reactive.",
    },
    "questions": {
        "nl": "Burgers stelden de overheid {received} vragen; {answered} kregen antwoord ({rate}).",
        "en": "Citizens asked government {received} questions; {answered} were answered ({rate}).",
    },
    "response": {
        "nl": "De mediane reactietijd was {median_nl} minuten.",
        "en": "The median response time was {median_en} minutes.",
    },
    "by_kind": {
        "nl": "Praktische vragen beantwoord: {p_ans} van {p_all}; kritische vragen: {c_ans} van {c_all}.",
        "en": "Practical questions answered: {p_ans} of {p_all}; critical questions: {c_ans} of {c_all}.",
    },
    "interaction": {
        "nl": "Het verkeer is {mode_nl}: {reply_share} van de overheidsberichten is een reactie of antwoord.",
        "en": "Traffic is {mode_en}: {reply_share} of government messages are replies or comments.",
    },
    "reach": {
        "nl": "De overheid bereikte {reached} van de {total} groepen in het netwerk.",
        "en": "Government reached {reached} of the {total} groups in the network.",
    },
    "unreached": {
        "nl": "De grootste niet-bereikte groep ({size} accounts) praat over: {terms}.",
        "en": "The largest unreached group ({size} accounts) talks about: {terms}.",
    },
    "elsewhere": {
        "nl": "{share} van de overheidsberichten verwijst naar een eigen site of ander kanaal.",
        "en": "{share} of government messages refer to an own website or another channel.",
    },
    "strategy": {
        "nl": "Strategieën: {strategies_nl}; trede op de participatieladder: {rung_nl}.",
        "en": "Strategies: {strategies_en}; rung of the participation ladder: {rung_en}.",
    },
}

PATTERN = {
    "single_senior_official": ("één hoge functionaris op persoonlijke titel", "a senior official on a personal title"),
    "communications_department": ("de communicatieafdeling", "the communications department"),
    "civil_servants": ("individuele ambtenaren", "individual civil servants"),
    "combination": ("een combinatie", "a combination"),
    "absent": ("afwezig", "absent"),
}
TYPE = {
    "neutral": ("neutraal / persbericht", "neutral / press release"), "personal": ("persoonlijk", "personal"),
    "call": ("oproep", "call to action"), "nuancing": ("nuancerend", "nuancing"),
    "webcare": ("webcare", "webcare"), "humour": ("humoristisch", "humour"), "none": ("geen type", "no type"),
}
MODE = {"one-way": ("eenrichtingsverkeer", "one-way"), "two-way": ("tweerichtingsverkeer", "two-way")}
STRATEGY_NL = {
    "information": "informatieverstrekking", "persuasion": "persuasieve voorlichting",
    "facilities": "faciliteiten voor informatie of aangifte door burgers", "dialogue": "dialoog",
    "co_creation": "co-creatie", "service": "dienstverleningskanaal",
    "collaboration": "samenwerking en kennisdeling binnen de overheid",
}
RUNG = {"inform": "informeren", "consult": "raadplegen", "advise": "adviseren", "co-produce": "coproduceren",
        "co-decide": "meebeslissen"}


def _pct(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "n/a"


def _items(f: dict) -> list[tuple[str, dict]]:
    """(template key, values) for every sentence the figures support, in reading order."""
    if f["government_messages"] == 0:
        return [("absent", {})]
    out = [("sender", {"gov": f["government_messages"], "messages": f["messages"], "accounts": f["active_accounts"],
                       "pattern_nl": PATTERN[f["sender_pattern"]][0], "pattern_en": PATTERN[f["sender_pattern"]][1]})]
    types = {k: v for k, v in f["message_types"].items() if v}
    if types:
        top = max(types, key=lambda k: (types[k], k != "none"))
        out.append(("types", {"type_nl": TYPE[top][0], "type_en": TYPE[top][1], "type_n": types[top]}))
    out.append(("timing", f["timing"]))
    if f["questions_received"]:
        out.append(("questions", {"received": f["questions_received"], "answered": f["questions_answered"],
                                  "rate": _pct(f["questions_answered"] / f["questions_received"])}))
        if f["median_response_minutes"] is not None:
            median = f"{f['median_response_minutes']:g}"
            out.append(("response", {"median_nl": median.replace(".", ","), "median_en": median}))
        k = f["by_kind"]
        out.append(("by_kind", {"p_ans": k["practical"]["answered"], "p_all": k["practical"]["received"],
                                "c_ans": k["critical"]["answered"], "c_all": k["critical"]["received"]}))
    mode = f["interaction"]["mode"]
    out.append(("interaction", {"mode_nl": MODE[mode][0], "mode_en": MODE[mode][1],
                                "reply_share": _pct(f["interaction"]["government_reply_share"])}))
    if f["reach"]["total"]:
        out.append(("reach", {"reached": f["reach"]["reached"], "total": f["reach"]["total"]}))
        big = f["reach"]["largest_unreached"]
        if big and big.get("top_terms"):
            out.append(("unreached", {"size": big["size"], "terms": ", ".join(big["top_terms"][:5])}))
    out.append(("elsewhere", {"share": _pct(f["elsewhere"]["official_link_or_referral_share"])}))
    present = [s for s in f["strategies"] if s["present"]]
    rung = f["ladder"]["rung"]
    out.append(("strategy", {
        "strategies_nl": ", ".join(STRATEGY_NL[s["id"]] for s in present) or "geen",
        "strategies_en": ", ".join(s["name"] for s in present) or "none",
        "rung_nl": RUNG.get(rung, "geen"), "rung_en": rung or "none",
    }))
    return out


def conclusions(facts: dict) -> dict:
    """``{"nl": [sentence…], "en": [sentence…]}`` from the case's facts."""
    items = _items(facts)
    return {lang: [TEMPLATES[key][lang].format(**values) for key, values in items] for lang in ("nl", "en")}
