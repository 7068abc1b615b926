"""Which kind of organisation an inbox belongs to, and its shipped routing rules.

Without ``--routes``, ``civicnet inbox`` routes with the shipped rules of the case's
kind of organisation (CONTRACT.md "Webcare outputs"), in ``data/routes/``:

``municipality``  a municipality's desks: afval, verkeer en parkeren, vergunningen, zorg
                  en welzijn, belastingen, burgerzaken, openbare ruimte, veiligheid,
                  communicatie;
``police``        a police unit: the control room (112), tips, traffic, reports
                  (aangifte), the neighbourhood officer, the spokespeople;
``ministry``      a ministry or national agency (``agency`` in a case file means the same
                  set): traffic information, one's own file, privacy, complaints, the
                  spokespeople;
``general``       the kind is unknown: emergencies, rumours, abuse and politics are
                  routed, the rest goes to webcare.

The kind comes from the case file's ``organisation:`` when given; otherwise from the
government accounts of the case file (``body``, then the handle, then ``role``):
*gemeente*/*municipality* → municipality; *politie*/*police*/*wijkagent* → police;
*ministerie*/*ministry*, *Rijkswaterstaat* and other national agencies → ministry. The
most common kind among the accounts wins (ties: in that order).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from ..case import Case
from .routes import Routes, load_routes

KINDS = ("municipality", "police", "ministry", "general")
_PATTERNS = (
    ("municipality", re.compile(r"gemeente|municipality|\bcity of\b|stadsdeel|stadhuis", re.IGNORECASE)),
    ("police", re.compile(r"politie|police|wijkagent|\bagent\b|basisteam|marechaussee", re.IGNORECASE)),
    ("ministry", re.compile(
        r"ministerie|ministry|\bminister\b|rijkswaterstaat|\brws\b|rijksoverheid|belastingdienst|\bduo\b|\buwv\b|\bsvb\b"
        r"|\brvo\b|\bcbr\b|\brdw\b|\bind\b|toeslagen|agentschap|inspectie|prorail|kadaster|\bkoninkrijk",
        re.IGNORECASE)),
)


def _kind_of(*values: str | None) -> str | None:
    for value in values:
        if not value:
            continue
        for kind, pattern in _PATTERNS:
            if pattern.search(value.replace("_", " ")):
                return kind
    return None


def organisation_kind(case: Case) -> tuple[str, str]:
    """(kind, how it was decided), ``kind`` one of :data:`KINDS`."""
    if case.organisation:
        kind = "ministry" if case.organisation == "agency" else case.organisation
        return kind, f"organisation: {case.organisation} in the case file"
    votes = Counter()
    for g in case.government:
        kind = _kind_of(g.body, g.handle)
        if kind:
            votes[kind] += 1
    if not votes:
        return "general", "no kind of organisation in the case file or the government accounts"
    kind = max(votes, key=lambda k: (votes[k], -KINDS.index(k)))
    return kind, "from the government accounts"


#: The municipal desks of ``municipality.yaml`` as the topic codes coders use (datasets'
#: ``labels.csv`` column ``topic``; docs/webcare.md): for scoring the routing.
MUNICIPAL_TOPICS = {
    "Afval en Reiniging": "afval", "Verkeer en Parkeren": "verkeer", "Vergunningen (omgevingsloket)": "vergunningen",
    "Zorg en Welzijn (Wmo, jeugd, inkomen)": "zorg", "Belastingen": "belastingen", "Burgerzaken": "burgerzaken",
    "Openbare Ruimte (meldingen)": "openbare_ruimte", "Veiligheid (piket)": "veiligheid",
    "Communicatie": "communicatie", "Klantcontactcentrum (KCC)": "overig",
}
TOPICS = tuple(dict.fromkeys(MUNICIPAL_TOPICS.values()))
#: The coders' topic names of datasets/inbox (datasets/README.md "Coding") where they differ from the
#: desks' codes: political messages go to communications, as the shipped routes send them.
TOPIC_ALIASES = {"verkeer_parkeren": "verkeer", "zorg_welzijn": "zorg", "politiek": "communicatie"}


@lru_cache(maxsize=len(KINDS))
def shipped_routes(kind: str) -> Routes:
    """The shipped routing rules of one kind of organisation (package data, read once)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    with resources.as_file(resources.files("civicnet.webcare").joinpath("data", "routes", f"{kind}.yaml")) as path:
        return load_routes(path)
