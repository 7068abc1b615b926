"""The priority score of an inbox item and the reasons behind it.

The score is a sum of named parts, each shown in the item's ``reason`` column
(``report +30; urgency high (gaslucht) +50; …``), so a webcare officer can see why an
item sits where it does and argue with it:

=====================  ===================================================================
category               :data:`CATEGORY_POINTS` (a report or question needs action; praise
                       and noise do not; abuse needs a look, not an answer)
urgency                high +50, normal 0, low -10, with the cues that made it high
waiting                ``+ 20 × waited / target`` up to +40 (twice the target); +10 more
                       once the target is breached
sender position        with a network summary: a central account +10 (a message that
                       travels far), a bridge to groups government does not reach +10
                       (an ambassador in the making), a member of an unreached group +5
                       (its voice rarely gets through; in a large group a signal)
repeats                the same or nearly the same message from several accounts
                       (:mod:`.duplicates`, one item): +5 per other account, up to +15
=====================  ===================================================================

Open items score at least 1. Answered items are closed: priority 0, and the reason says
who answered and when.
Ties sort by arrival (oldest first), then id — so the queue repeats exactly for the
same store, routes file and ``now``.
"""

from __future__ import annotations

from .words import Words

CATEGORY_POINTS = {"report": 30, "question": 25, "complaint": 25, "rumour": 20, "abuse": 15, "praise": 5, "noise": 0}
URGENCY_POINTS = {"high": 50, "normal": 0, "low": -10}
WAIT_POINTS, WAIT_CAP, BREACH_POINTS = 20.0, 2.0, 10
CENTRAL_POINTS, BRIDGE_POINTS, UNREACHED_POINTS = 10, 10, 5
REPEAT_POINTS, REPEAT_CAP = 5, 15
#: An open item never scores below this, so closed items (0) sort after every open one.
MIN_OPEN = 1.0


def fmt_minutes(minutes: float, lang: str = "en") -> str:
    """``95 min``, ``5.5 h`` or ``3.2 d`` (``5,5 uur``, ``3,2 dagen`` in Dutch)."""
    return Words(lang).minutes(minutes)


class Position:
    """Sender positions from a network summary (summary.json ``networks.NAME``).

    Reads ``central_accounts`` (``account``, ``community``), ``communities`` (``id``,
    ``size``, ``top_accounts``, ``reached_by_government``), and where present ``bridges``
    (``account``, ``unreached_communities``, from the reach summary) and ``nodes``
    (``account``, ``community``: rows of nodes.csv).
    """

    def __init__(self, network: dict | None):
        network = network or {}
        self.rank = {str(c["account"]).lower(): n for n, c in enumerate(network.get("central_accounts") or [], 1)}
        self.community: dict[str, int] = {}
        communities = network.get("communities") or []
        for c in communities:
            for account in c.get("top_accounts") or []:
                self.community.setdefault(str(account).lower(), c["id"])
        for row in list(network.get("central_accounts") or []) + list(network.get("nodes") or []):
            if row.get("community") is not None:
                self.community[str(row["account"]).lower()] = int(row["community"])
        self.size = {c["id"]: c.get("size") for c in communities}
        self.unreached = {c["id"] for c in communities if c.get("reached_by_government") is False}
        self.unreached |= set(network.get("unreached_communities") or [])
        self.bridges = {str(b["account"]).lower(): b.get("unreached_communities") or [] for b in network.get("bridges") or []}

    def parts(self, account: str | None, words: Words) -> list[tuple[str, int]]:
        if not account:
            return []
        key = account.lower()
        out = []
        if key in self.rank:
            out.append((words("central", rank=self.rank[key]), CENTRAL_POINTS))
        if key in self.bridges:
            out.append((words("bridge", groups=", ".join(str(g) for g in self.bridges[key])), BRIDGE_POINTS))
        group = self.community.get(key)
        if group in self.unreached:
            size = self.size.get(group)
            out.append((words("unreached", group=group, size=words("size", n=size) if size else ""), UNREACHED_POINTS))
        return out


def _cue(cue: str, words: Words) -> str:
    if cue == "question":
        return words.name("question")
    if cue == "unknown_words":
        return words("unknown_words")
    if cue.startswith("tone "):
        return words("tone", n=cue[5:].replace(".", ",") if words.lang == "nl" else cue[5:])
    return cue


def score(item: dict, position: Position, words: Words, accounts: list[str] | None = None,
          members: list[str] | None = None) -> tuple[float, list[str]]:
    """(priority, reason parts) of one classified item with its waiting time and target.

    ``accounts``: every account that sent this message (open near-duplicates, the item's
    own first), as shown; ``members``: the ids of those messages.
    """
    cues = [_cue(c, words) for c in item["cues"] if c != "question"][:3]
    if item.get("probability") is not None:
        cues.append(words("model", p=words.number(item["probability"], 2)))
    parts: list[tuple[str, float]] = [(words.name(item["category"]) + (f" ({', '.join(cues)})" if cues else ""),
                                       CATEGORY_POINTS[item["category"]])]
    urgent = f" ({', '.join(item['urgency_cues'][:3])})" if item["urgency_cues"] else ""
    parts.append((words("urgency", level=words.name(item["urgency"]), cues=urgent), URGENCY_POINTS[item["urgency"]]))
    waited, target, allowed = item.get("waiting_minutes"), item.get("target_hours"), item.get("allowed_minutes")
    if waited is not None and target and allowed:
        ratio = waited / allowed
        label = words("waited", waited=words.minutes(waited), allowed=words.minutes(allowed),
                      level=words.name(item["target_level"]), hours=words.hours(target),
                      working=words("working") if allowed != target * 60 else "",
                      breached=words("breached") if item.get("sla_breached") else "")
        parts.append((label, round(WAIT_POINTS * min(ratio, WAIT_CAP) + (BREACH_POINTS if item.get("sla_breached") else 0), 1)))
    elif waited is not None:
        parts.append((words("no_target", waited=words.minutes(waited)), 0))
    parts += position.parts(item.get("account"), words)
    same = len(accounts or [])
    if same > 1:
        parts.append((words("repeats", n=same, accounts=", ".join(accounts), ids=", ".join(members or [])),
                      min(REPEAT_CAP, REPEAT_POINTS * (same - 1))))
    total = round(max(MIN_OPEN, sum(p for _, p in parts)), 1)
    return total, [f"{label} {words.signed(points)}" for label, points in parts]
