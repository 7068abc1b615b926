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
repeats                the same message from several accounts: +5 per other account, up
                       to +15 (answer once, for all)
=====================  ===================================================================

Open items score at least 1. Answered items are closed: priority 0, and the reason says
who answered and when.
Ties sort by arrival (oldest first), then id — so the queue repeats exactly for the
same store, routes file and ``now``.
"""

from __future__ import annotations

import re
from collections import defaultdict

from civicnet.text._patterns import EMOJI, MENTION, URL

CATEGORY_POINTS = {"report": 30, "question": 25, "complaint": 25, "rumour": 20, "abuse": 15, "praise": 5, "noise": 0}
URGENCY_POINTS = {"high": 50, "normal": 0, "low": -10}
WAIT_POINTS, WAIT_CAP, BREACH_POINTS = 20.0, 2.0, 10
CENTRAL_POINTS, BRIDGE_POINTS, UNREACHED_POINTS = 10, 10, 5
REPEAT_POINTS, REPEAT_CAP = 5, 15
#: An open item never scores below this, so closed items (0) sort after every open one.
MIN_OPEN = 1.0
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def fmt_minutes(minutes: float) -> str:
    """``95 min``, ``5.5 h`` or ``3.2 d``."""
    if minutes < 120:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} d"


def repeat_key(text: str | None) -> str | None:
    """A near-duplicate key: the sorted set of words of 3+ letters, without mentions, links, emoji.

    Messages that say the same thing in a different order or with other mentions share
    it; fewer than three such words give no key (too short to call a repeat).
    """
    if not text:
        return None
    words = {w.lower() for w in _WORD.findall(EMOJI.sub(" ", MENTION.sub(" ", URL.sub(" ", text)))) if len(w) >= 3}
    return " ".join(sorted(words)) if len(words) >= 3 else None


def repeats(items: list[dict]) -> dict[int, int]:
    """Index of each open item → number of distinct accounts that sent the same message."""
    groups: dict[str, set] = defaultdict(set)
    keys = {}
    for n, item in enumerate(items):
        if item.get("answered_by") is None:
            key = repeat_key(item.get("text"))
            if key:
                keys[n] = key
                groups[key].add(item.get("account") or f"#{n}")
    return {n: len(groups[k]) for n, k in keys.items()}


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

    def parts(self, account: str | None) -> list[tuple[str, int]]:
        if not account:
            return []
        key = account.lower()
        out = []
        if key in self.rank:
            out.append((f"central account (#{self.rank[key]} by PageRank)", CENTRAL_POINTS))
        if key in self.bridges:
            groups = ", ".join(str(g) for g in self.bridges[key])
            out.append((f"bridge to unreached group(s) {groups}", BRIDGE_POINTS))
        group = self.community.get(key)
        if group in self.unreached:
            size = self.size.get(group)
            out.append((f"in group {group}{f' ({size} accounts)' if size else ''}, not reached by government",
                        UNREACHED_POINTS))
        return out


def score(item: dict, position: Position, same: int) -> tuple[float, list[str]]:
    """(priority, reason parts) of one classified item with its waiting time and target."""
    cues = [c for c in item["cues"] if c != "question"][:3]
    parts: list[tuple[str, float]] = [(item["category"] + (f" ({', '.join(cues)})" if cues else ""),
                                       CATEGORY_POINTS[item["category"]])]
    urgent = f" ({', '.join(item['urgency_cues'][:3])})" if item["urgency_cues"] else ""
    parts.append((f"urgency {item['urgency']}{urgent}", URGENCY_POINTS[item["urgency"]]))
    waited, target, allowed = item.get("waiting_minutes"), item.get("target_hours"), item.get("allowed_minutes")
    if waited is not None and target and allowed:
        ratio = waited / allowed
        hours = f"{target:g} h" + (" working time" if allowed != target * 60 else "")
        label = f"waited {fmt_minutes(waited)} of {fmt_minutes(allowed)} allowed ({item['target_level']} target {hours})"
        parts.append((label + (", breached" if item.get("sla_breached") else ""),
                      round(WAIT_POINTS * min(ratio, WAIT_CAP) + (BREACH_POINTS if item.get("sla_breached") else 0), 1)))
    elif waited is not None:
        parts.append((f"waited {fmt_minutes(waited)}, no target", 0))
    parts += position.parts(item.get("account"))
    if same > 1:
        parts.append((f"same message from {same} accounts (answer once)",
                      min(REPEAT_CAP, REPEAT_POINTS * (same - 1))))
    total = round(max(MIN_OPEN, sum(p for _, p in parts)), 1)
    return total, [f"{label} {points:+g}" for label, points in parts]
