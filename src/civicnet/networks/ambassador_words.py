"""Why an account is a candidate ambassador, in words (nl, en): the ``reason`` of summary.json.

One sentence of up to three parts, each traceable to the candidate's figures
(:class:`~civicnet.networks.ambassadors.Ambassador`):

1. the group's side: how many members address it and how (its *listeners*, by the kinds of
   their ties), and how many it addresses itself; on an undirected network how many members it
   shares posts with;
2. government: the government account it has most messages with, which way and how
   (``retweette Wijkagent Leiden twee keer``), and how many more government accounts it is tied to;
3. the reached groups: how many of their members it is tied to, naming the largest such group.

>>> from civicnet.networks.ambassadors import Ambassador
>>> a = Ambassador(node=5, group=2, home=1, members_tied=14, ties_to_reached=9, government_tied=1, listeners=14,
...                score=1.0, member_kinds={"in": {"repost": 12, "reply": 3}}, government=[(0, "out", ["repost"], 2)],
...                reached_groups={1: 8})
>>> reason(a, "nl", {0: "Wijkagent Leiden"}.get, {1: "Leidsch Dagblad"}.get)
'14 leden van de groep retweetten of beantwoordden het; retweette Wijkagent Leiden 2 keer; verbonden met 8 leden van de bereikte groep Leidsch Dagblad'
>>> reason(a, "en", {0: "Wijkagent Leiden"}.get, {1: "Leidsch Dagblad"}.get)
'14 members of the group retweeted or answered it; retweeted Wijkagent Leiden twice; tied to 8 members of the reached group Leidsch Dagblad'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..formatting import number
from ..labels import Label, shown
from .ambassadors import Ambassador, Candidate

if TYPE_CHECKING:
    from .result import NetworkResult

#: Kinds of ties in the order their verbs are named.
ORDER = ("repost", "reply", "comment", "quote", "mention", "co-comment", "follow", "co-hashtag")

_PAST = {  # a member did this to the candidate / the candidate did this
    "nl": {"repost": "retweetten", "reply": "beantwoordden", "comment": "reageerden op", "quote": "citeerden",
           "mention": "noemden", "follow": "volgden", "co-comment": "reageerden bij", "co-hashtag": "deelden hashtags met"},
    "en": {"repost": "retweeted", "reply": "answered", "comment": "commented on", "quote": "quoted",
           "mention": "mentioned", "follow": "followed", "co-comment": "commented with", "co-hashtag": "shared hashtags with"},
}
_SINGULAR = {
    "nl": {"repost": "retweette", "reply": "beantwoordde", "comment": "reageerde op", "quote": "citeerde",
           "mention": "noemde", "follow": "volgde", "co-comment": "reageerde bij", "co-hashtag": "deelde hashtags met"},
    "en": _PAST["en"],
}
_WORDS = {
    "nl": {"listeners": "{n} {members} van de groep {verbs} het", "member": "lid", "members": "leden",
           "addressed": "{verbs} zelf {n} {members}", "shared": "reageerde onder dezelfde berichten als {n} {members}",
           "gov_out": "{verb} {gov} {times}", "gov_in": "{gov} {verb} het {times}",
           "gov_more": "en nog {n} {accounts}", "account": "overheidsaccount", "accounts": "overheidsaccounts",
           "reached": "verbonden met {n} {members} van de bereikte groep {name}", "or": "of"},
    "en": {"listeners": "{n} {members} of the group {verbs} it", "member": "member", "members": "members",
           "addressed": "itself {verbs} {n} {members}", "shared": "commented on the same posts as {n} {members}",
           "gov_out": "{verb} {gov} {times}", "gov_in": "{gov} {verb} it {times}",
           "gov_more": "and {n} more {accounts}", "account": "government account", "accounts": "government accounts",
           "reached": "tied to {n} {members} of the reached group {name}", "or": "or"},
}


def times(n: int, lang: str) -> str:
    """``1 keer``, ``2 keer`` / ``once``, ``twice``, ``3 times``."""
    if lang == "nl":
        return f"{number(n, lang)} keer"
    return {1: "once", 2: "twice"}.get(n, f"{number(n, lang)} times")


def _verbs(kinds: list[str], lang: str, table: dict) -> str:
    words = [table[lang].get(k, k) for k in sorted(kinds, key=lambda k: ORDER.index(k) if k in ORDER else 99)]
    if len(words) > 1:
        return f"{', '.join(words[:-1])} {_WORDS[lang]['or']} {words[-1]}"
    return words[0] if words else ""


def _members(n: int, lang: str) -> str:
    return _WORDS[lang]["member" if n == 1 else "members"]


def reason(a: Ambassador, lang: str, government_name: Callable[[int], str | None],
           group_name: Callable[[int], str | None], *, compact: bool = False) -> str:
    """The candidate's reason in ``lang`` (module docstring); ``government_name``: node → name shown,
    ``group_name``: community id → name shown. ``compact``: only how the group addresses it and its
    tie to government (else to the reached groups), for the factsheet."""
    w = _WORDS[lang]
    parts = []
    kinds = a.member_kinds
    if "both" in kinds:
        parts.append(w["shared"].format(n=number(a.members_tied, lang), members=_members(a.members_tied, lang)))
    else:
        if a.listeners:
            parts.append(w["listeners"].format(n=number(a.listeners, lang), members=_members(a.listeners, lang),
                                               verbs=_verbs(list(kinds.get("in", {})), lang, _PAST)))
        if a.addressed and not (compact and a.listeners):
            parts.append(w["addressed"].format(n=number(a.addressed, lang), members=_members(a.addressed, lang),
                                               verbs=_verbs(list(kinds.get("out", {})), lang, _SINGULAR)))
    if a.government:
        node, direction, labels, messages = a.government[0]
        first = sorted(labels, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER))[:1]
        verb = _verbs(first, lang, _SINGULAR)
        text = w["gov_in" if direction == "in" else "gov_out"].format(
            verb=verb, gov=government_name(node) or str(node), times=times(messages, lang))
        if len(a.government) > 1 and not compact:
            more = len(a.government) - 1
            text += " (" + w["gov_more"].format(n=number(more, lang), accounts=w["account" if more == 1 else "accounts"]) + ")"
        parts.append(text)
    if a.reached_groups and not (compact and a.government):
        n = sum(a.reached_groups.values())
        biggest = max(a.reached_groups, key=lambda c: (a.reached_groups[c], -c))
        parts.append(w["reached"].format(n=number(n, lang), members=_members(n, lang),
                                         name=group_name(biggest) or str(biggest)))
    return "; ".join(parts)



def entry(result: "NetworkResult", candidate: Candidate, label: Label | None, lang: str,
          group_names: dict[int, str]) -> dict:
    """One ``ambassadors`` item of summary.json: CONTRACT's ``account, name, members_tied, ties_to_reached,
    reason`` (``reason`` in ``lang``), and ``reasons`` (nl and en), ``role`` (``media``, ``organisation``,
    ``public`` or null: a person), ``community`` (the group it sits in) and ``score``."""
    a = candidate.ambassador
    gov = (lambda i: result.name_of(i, label) or shown(label)(result.net.ids[i]))
    reasons = {code: reason(a, code, gov, group_names.get) for code in ("nl", "en")}
    return {
        "account": shown(label)(result.net.ids[a.node]), "name": result.name_of(a.node, label),
        "members_tied": a.members_tied, "ties_to_reached": a.ties_to_reached, "reason": reasons[lang],
        "reasons": reasons, "role": candidate.role, "community": a.home, "score": round(a.score, 4),
    }
