"""Generated mention networks with planted ambassadors, to evaluate :mod:`civicnet.networks.ambassadors`.

A case of ``reached`` groups that government reaches and ``unreached`` groups it does not.
Every group has members tied among themselves (each member reposts, replies to or mentions a
few others, mostly the group's three hubs) and a little noise across groups (a member's tie
goes to any account of the network with probability ``noise``). Government's accounts are
tied into the reached groups only: they mention a share of each reached group's members and
are reposted by others, so each reached group's contact share is about a third.

Planted in every unreached group (``Planted.bridges``, the truth to find):

* *inside bridges* — a member of the group whom a quarter to a third of the members repost or
  answer, often more than once, and who reposts a government account or is tied to a few
  members of a reached group;
* *outside bridges* — a member of a reached group (a local news account) that a fifth to a
  third of the group's members repost, and which government reposts.

And decoys (``Planted.decoys``), accounts that must not come out as ambassadors:

* the group's three hubs: central in their own group only (every member ties to them, they
  have no tie out of the group but noise);
* a hub of each reached group: central on the reached side, no tie into an unreached group
  but noise;
* a spammer that mentions every account once; a reply-bot that answers a third of all
  accounts once; an account every account mentions once.

>>> p = planted_case(seed=1, reached=1, unreached=2, size=60)
>>> sorted(p.groups) == ["r1", "u1", "u2"], p.net.n_nodes > 180, len(p.bridges["u1"]) >= 2
(True, True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..networks.build import Network, network_from_edges

KINDS = ("repost", "reply", "mention")


@dataclass
class Planted:
    """A generated network and what was planted in it (account identifiers)."""

    net: Network
    groups: dict[str, list[str]]
    government: list[str]
    bridges: dict[str, list[str]] = field(default_factory=dict)
    decoys: list[str] = field(default_factory=list)


class _Edges:
    def __init__(self):
        self.src: list[int] = []
        self.dst: list[int] = []
        self.weight: list[int] = []
        self.kinds: list[str] = []

    def add(self, a: int, b: int, kind: str, weight: int = 1) -> None:
        self.src.append(a)
        self.dst.append(b)
        self.weight.append(int(weight))
        self.kinds.append(kind)


def planted_case(seed: int = 0, *, reached: int = 1, unreached: int = 3, size: int = 120, noise: float = 0.03,
                 per_member: int = 4) -> Planted:
    """A planted case (module docstring): ``size`` accounts per group (unreached groups vary from
    half to twice that), ``per_member`` ties each member makes inside its group."""
    rng = np.random.default_rng(seed)
    ids: list[str] = []

    def account(name: str) -> int:
        ids.append(name)
        return len(ids) - 1

    gov = [account(f"gov{i}") for i in range(1, 4)]
    sizes = {f"r{i}": size for i in range(1, reached + 1)}
    sizes.update({f"u{i}": int(size * rng.uniform(0.5, 2.0)) for i in range(1, unreached + 1)})
    groups = {g: [account(f"{g}_{j}") for j in range(n)] for g, n in sizes.items()}
    e = _Edges()
    for g, members in groups.items():
        _inside(rng, e, members, per_member)
    reached_groups = [g for g in groups if g.startswith("r")]
    for g in reached_groups:
        _government(rng, e, gov, groups[g])
    truth: dict[str, list[str]] = {}
    decoys = [ids[m] for g in reached_groups for m in groups[g][:1]]
    for g in (x for x in groups if x.startswith("u")):
        members = groups[g]
        decoys += [ids[m] for m in members[:3]]
        truth[g] = _bridges(rng, e, ids, gov, groups, g, reached_groups)
    everyone = [i for i in range(len(ids))]
    _noise(rng, e, groups, everyone, noise)
    decoys += _spam(rng, e, account, everyone)
    net = network_from_edges(ids, e.src, e.dst, e.weight, kinds=e.kinds, is_government=[i in gov for i in range(len(ids))])
    _mark_contact(net)
    return Planted(net=net, groups={g: [ids[m] for m in ms] for g, ms in groups.items()},
                   government=[ids[x] for x in gov], bridges=truth, decoys=decoys)


def _inside(rng, e: _Edges, members: list[int], per_member: int) -> None:
    """Each member ties to ``per_member`` others of the group, half of them to one of the three hubs."""
    hubs, n = members[:3], len(members)
    for m in members[3:]:
        for _ in range(per_member):
            target = hubs[rng.integers(3)] if rng.random() < 0.5 else members[rng.integers(n)]
            if target != m:
                e.add(m, target, KINDS[rng.integers(3)], 1 + int(rng.random() < 0.3))
    for h in hubs:  # hubs answer a few members
        for m in rng.choice(members[3:], size=min(5, n - 3), replace=False).tolist():
            e.add(h, m, "reply")


def _government(rng, e: _Edges, gov: list[int], members: list[int]) -> None:
    """Government mentions a fifth of the reached group and is reposted by another seventh of it."""
    picked = rng.permutation(members[1:]).tolist()
    k = len(members) // 5
    for m in picked[:k]:
        e.add(gov[rng.integers(len(gov))], m, "mention")
    for m in picked[k:k + len(members) // 7]:
        e.add(m, gov[rng.integers(len(gov))], "repost")
    e.add(gov[0], members[0], "repost", 3)  # government reposts the reached group's hub (a decoy)


def _bridges(rng, e: _Edges, ids: list[str], gov: list[int], groups: dict[str, list[int]], g: str,
             reached_groups: list[str]) -> list[str]:
    members = groups[g]
    n = len(members)
    inside = members[3:3 + int(rng.integers(1, 3))]              # one or two inside bridges
    home = groups[reached_groups[int(rng.integers(len(reached_groups)))]]
    outside = [home[3 + int(rng.integers(len(home) - 3))]]          # one outside bridge
    for b in inside:
        fans = rng.choice([m for m in members[3:] if m != b], size=int(n * rng.uniform(0.25, 0.33)), replace=False)
        for m in fans.tolist():
            e.add(m, b, ("repost", "reply")[rng.integers(2)], 1 + int(rng.integers(3)))
        if rng.random() < 0.6:
            e.add(b, gov[int(rng.integers(len(gov)))], "repost", 1 + int(rng.integers(3)))
        for m in rng.choice(home, size=int(rng.integers(3, 8)), replace=False).tolist():
            e.add(b, m, ("reply", "repost")[rng.integers(2)], 1 + int(rng.integers(2)))
    for b in outside:
        fans = rng.choice(members[3:], size=int(n * rng.uniform(0.2, 0.33)), replace=False)
        for m in fans.tolist():
            e.add(m, b, "repost", 1 + int(rng.integers(2)))
        e.add(gov[int(rng.integers(len(gov)))], b, "repost", 1 + int(rng.integers(3)))
    return [ids[b] for b in inside + outside]


def _noise(rng, e: _Edges, groups: dict[str, list[int]], everyone: list[int], noise: float) -> None:
    members = [m for ms in groups.values() for m in ms[3:]]
    ties = rng.random(len(members) * 4) < noise
    for i in np.flatnonzero(ties).tolist():
        a, b = members[i // 4], everyone[int(rng.integers(len(everyone)))]
        if a != b:
            e.add(a, b, KINDS[rng.integers(3)])


def _spam(rng, e: _Edges, account, everyone: list[int]) -> list[str]:
    """Accounts tied to everyone once: a mention spammer, a reply-bot, and one everyone mentions once."""
    spammer, bot, famous = account("spam_mentions"), account("spam_replies"), account("mentioned_by_all")
    for x in everyone:
        e.add(spammer, x, "mention")
        e.add(x, famous, "mention")
    for x in rng.choice(everyone, size=len(everyone) // 3, replace=False).tolist():
        e.add(bot, x, "reply")
    return ["spam_mentions", "spam_replies", "mentioned_by_all"]


def _mark_contact(net: Network) -> None:
    """Contact as :mod:`civicnet.networks.marks` defines it for a mention network: a government
    account addressed the account, or it reposted or quoted a government account."""
    gov = net.is_government
    kinds = np.asarray(net.kind_labels, dtype=object)[net.kind_codes]
    spread = np.asarray(["repost" in k or "quote" in k for k in kinds], dtype=bool)
    net.contact[net.dst[gov[net.src]]] = True
    net.contact[net.src[gov[net.dst] & spread]] = True
    net.contact[gov] = False
