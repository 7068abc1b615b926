"""The factsheet's ambassadors section: "Wie kan de boodschap overbrengen?" / "Who could carry the message?".

Advice a communication adviser can act on, from the case analysis' candidate ambassadors
(:mod:`civicnet.analysis.ambassadors`): for at most :data:`MAX_GROUPS` unreached groups of the
main network (the largest first), at most :data:`MAX_PER_GROUP` candidates each and
:data:`MAX_ROWS` in all — who (name and
handle as people read them, or the pseudonym of a citizen under ``--pseudonymise``), what kind
of account (news medium, organisation, public account, person), why (the reason in the
reader's language, :func:`~civicnet.networks.ambassador_words.reason`'s compact form: how the group
addresses it and its tie to government; summary.json has the whole reason) and, for the first
candidate of each group, one of its messages, shortened. Rendered by the template partial
``_ambassadors.html.j2``; None when no unreached group has a candidate, so the sheet shows nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..formatting import number, percent
from ..labels import Label, text_of
from ..networks.ambassador_words import reason
from .charts import community_colour

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

MAX_GROUPS = 3
MAX_PER_GROUP = 3
#: Rows the section may take in all: what the present A3 layout holds below section c without a
#: second page. Rows go round the groups (each group's best first), largest group first.
MAX_ROWS = 2
MAX_TEXT = 90

WORDS = {
    "nl": {"title": "Wie kan de boodschap overbrengen?",
           "intro": ("Accounts die veel leden van een niet-bereikte groep spreken en ook met de overheid of een "
                     "bereikte groep verbonden zijn: mogelijke ambassadeurs of intermediairs."),
           "group": "Groep {name} ({size} accounts, {share} bereikt)", "who": "Wie", "why": "Waarom",
           "said": "Schreef", "roles": {"media": "nieuwsmedium", "organisation": "organisatie",
                                         "public": "publiek account", None: "persoon"},
           "none": "Geen kandidaten gevonden (zie docs/networks.md: wie telt als kandidaat)."},
    "en": {"title": "Who could carry the message?",
           "intro": ("Accounts that talk with many members of a group government does not reach and are also tied "
                     "to government or a reached group: possible ambassadors or intermediaries."),
           "group": "Group {name} ({size} accounts, {share} reached)", "who": "Who", "why": "Why",
           "said": "Wrote", "roles": {"media": "news medium", "organisation": "organisation",
                                       "public": "public account", None: "person"},
           "none": "No candidates found (see docs/networks.md: who counts as a candidate)."},
}


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _shares(groups: list[int], available: dict[int, int], budget: int) -> dict[int, int]:
    """Rows per group: round the groups in order, one row each time, until ``budget`` is spent.

    >>> _shares([1, 2, 3], {1: 3, 2: 1, 3: 2}, 4)
    {1: 2, 2: 1, 3: 1}
    """
    out = {c: 0 for c in groups}
    while budget > 0 and any(out[c] < available[c] for c in groups):
        for c in groups:
            if budget > 0 and out[c] < available[c]:
                out[c] += 1
                budget -= 1
    return out


def ambassador_section(analysis: "CaseAnalysis", lang: str, label: Label | None = None, *,
                       rows: int = MAX_ROWS, quotes: bool = True) -> dict | None:
    """The section's data (module docstring), or None: at most ``rows`` rows, the first with one of
    the candidate's messages when ``quotes`` (the printed sheet asks for less when it runs over a page)."""
    result = analysis.main_network
    found = analysis.ambassadors.get(analysis.case.networks[0], {}) if result is not None else {}
    if not any(found.values()) or rows < 1:
        return None
    w = WORDS[lang]
    reach = result.reach.communities
    names = result.community_names(label)
    groups = sorted((c for c, lst in found.items() if lst), key=lambda c: (-reach[c].size, c))[:MAX_GROUPS]
    shown_n = _shares(groups, {c: min(len(found[c]), MAX_PER_GROUP) for c in groups}, rows)
    text = text_of(label)
    blocks = []
    for c in (c for c in groups if shown_n[c]):
        rows = []
        for cand in found[c][:shown_n[c]]:
            a = cand.ambassador
            ident = result.net.ids[a.node]
            gov_name = (lambda i: result.name_of(i, label) or result.net.ids[i])
            rows.append({
                "who": analysis.names.who(ident, label), "role": w["roles"].get(cand.role, w["roles"][None]),
                "why": reason(a, lang, gov_name, names.get, compact=True),
                "message": _short(text(cand.message["text"])) if quotes and cand.message and not rows else "",
            })
        blocks.append({"id": c, "colour": community_colour(c), "rows": rows,
                       "title": w["group"].format(name=names.get(c, str(c)), size=number(reach[c].size, lang),
                                                  share=percent(reach[c].contact_share, lang))})
    return {"title": w["title"], "intro": w["intro"], "who": w["who"], "why": w["why"], "said": w["said"],
            "groups": blocks}
