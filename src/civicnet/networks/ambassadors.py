"""Ambassadors: who could carry government's message into a group it does not reach.

The report's advice (its §7.3; the best-practice study's key figures and "influentials"):
where government does not reach a group itself, work through accounts the group listens to
that government can reach. For every *unreached* community ``U`` (:mod:`.reach`),
:func:`find_ambassadors` ranks the candidates:

**Ties.** An account pair is tied when the network has an edge between them in either
direction. A pair tied only by a single mention (weight 1, kind ``mention`` only) does not
count: one @-mention is not a relation anyone could carry a message through. Every other
tie counts (a repost, a reply, a quote, a comment, co-commenting, or a repeated mention).

**Candidate.** A non-government account ``x`` that is not left out as spam (below), with
counted ties to at least :data:`MIN_MEMBERS` non-government members of ``U`` (itself not
counted) and to at least :data:`MIN_REACHED` accounts on the *reached side*: government
accounts, or non-government members of a reached community. The floor of three on each side
keeps out accounts whose one or two ties across are chance (a group's hub that two members of
another group once reposted).

**Figures** (per ``x`` and ``U``)

``members_tied`` ``m``
    distinct members of ``U`` tied to ``x``;
``ties_to_reached`` ``r``
    distinct government accounts plus distinct members of reached communities tied to ``x``;
``listeners`` ``l``
    members of ``U`` who themselves address ``x`` (an edge member → ``x``: they repost,
    reply to, quote or mention it); on an undirected network every tied member.

**Score** ``2·m·r / (m + r) × (1 + l/m) / 2``: the harmonic mean of ``m`` and ``r`` — high
only when ``x`` is well tied on *both* sides, so an account central in ``U`` alone, or a
hub of the reached side that one member of ``U`` once retweeted, does not come first — times
its standing inside the group: 1 when every tied member addresses it, ½ when it only
addresses them. Ties: higher ``m``, then ``r``, then identifier. At most :data:`TOP` per group.

**Left out**: government accounts; accounts tied to ``U`` only by single mentions (above);
*broadcasters*, the obvious spam of a mention network — accounts that addressed at least
:data:`SPAM_TARGETS` distinct accounts, at least 90 % of them with a single message, of which
at most 10 % addressed them back; and whatever the caller passes as ``excluded`` (the case
analysis passes accounts whose messages are mostly duplicates, :mod:`civicnet.analysis.ambassadors`).

Everything is computed on edge arrays with numpy (sorting and counting); Python touches only
the edges of the few accounts chosen, to describe their ties.

>>> from civicnet.networks import analyse_network
>>> from civicnet.simulate.planted_bridges import planted_case
>>> p = planted_case(seed=1, reached=1, unreached=2, size=60)   # planted bridges, decoys
>>> res = analyse_network(p.net)
>>> found = find_ambassadors(res.net, res.community, res.reach)
>>> [p.net.ids[a.node] for a in found[2]], p.bridges["u1"]
(['u1_4', 'u1_3', 'r1_8'], ['u1_3', 'u1_4', 'r1_8'])
>>> a = found[2][0]
>>> a.members_tied, a.ties_to_reached, a.listeners, a.member_kinds["in"]
(27, 8, 25, {'reply': 15, 'repost': 11})
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .build import Network
from .reach import Reach

#: Candidates per unreached group.
TOP = 5
#: Fewest members of the group a candidate is tied to.
MIN_MEMBERS = 3
#: Fewest accounts on the reached side (government, members of reached groups) a candidate is tied to.
MIN_REACHED = 3
#: A broadcaster addressed at least this many distinct accounts (see the module docstring).
SPAM_TARGETS = 25
SPAM_ONCE_SHARE = 0.9
SPAM_RETURNED_SHARE = 0.1
#: Kinds whose message carries a mention of the account it answers or passes on: where an edge has
#: one of them, its ``mention`` is not named as a kind of its own (:attr:`Ambassador.member_kinds`).
CARRY_MENTIONS = {"repost", "reply", "quote"}


@dataclass
class Ambassador:
    """One candidate for one unreached group (node indices; figures as the module docstring)."""

    node: int
    group: int
    home: int
    members_tied: int
    ties_to_reached: int
    government_tied: int
    listeners: int
    score: float
    #: member ties by kind and direction: ``{"in": {"repost": 12, ...}, "out": {"reply": 3}}`` (distinct members;
    #: ``both`` on undirected networks)
    member_kinds: dict = field(default_factory=dict)
    #: distinct members it addressed itself (an edge candidate → member)
    addressed: int = 0
    #: government accounts tied: ``[(gov node, direction "in"|"out"|"both", kinds, messages)]``, most messages first
    government: list = field(default_factory=list)
    #: reached communities tied: ``{community id: distinct members}``
    reached_groups: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """A candidate as an output shows it: its figures, what kind of account it is (``media``,
    ``organisation``, ``public``: named in the case file's ``public:``; None: a person, as far as
    civicnet can tell) and one of its messages (``{"id", "text", "likes"}``, real id) or None."""

    ambassador: Ambassador
    role: str | None = None
    message: dict | None = None


def counted_pairs(net: Network) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The tied account pairs that count (module docstring), once per direction: ``(u, v, edge_counted)``.

    ``edge_counted[e]`` says whether edge ``e``'s pair counts.
    """
    n = max(net.n_nodes, 1)
    if net.n_edges == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
    lo, hi = np.minimum(net.src, net.dst), np.maximum(net.src, net.dst)
    key = lo.astype(np.int64) * n + hi
    mention = np.asarray([label == "mention" for label in net.kind_labels], dtype=bool)[net.kind_codes]
    order = np.argsort(key, kind="stable")
    sk = key[order]
    start = np.r_[True, sk[1:] != sk[:-1]]
    group = np.cumsum(start) - 1
    weight = np.bincount(group, weights=net.weight[order])
    only_mention = np.bincount(group, weights=~mention[order]) == 0
    counted_pair = ~((weight <= 1) & only_mention)
    edge_counted = np.empty(net.n_edges, dtype=bool)
    edge_counted[order] = counted_pair[group]
    pair = sk[start][counted_pair]
    a, b = pair // n, pair % n
    return np.concatenate([a, b]), np.concatenate([b, a]), edge_counted


def broadcasters(net: Network) -> np.ndarray:
    """Per node: whether it is a broadcaster (module docstring); always False on undirected networks."""
    out = np.zeros(net.n_nodes, dtype=bool)
    if not net.directed or net.n_edges == 0:
        return out
    n = net.n_nodes
    targets = np.bincount(net.src, minlength=n)
    once = np.bincount(net.src, weights=net.weight == 1, minlength=n)
    forward = np.sort(net.src.astype(np.int64) * n + net.dst)
    back = net.dst.astype(np.int64) * n + net.src
    returned = np.bincount(net.src, weights=_member(back, forward), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = ((targets >= SPAM_TARGETS) & (once >= SPAM_ONCE_SHARE * targets)
               & (returned <= SPAM_RETURNED_SHARE * targets))
    return out


def _counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values (sorted) and how often each occurs, by sorting: ``np.unique`` hashes first
    (numpy ≥ 2.3), several times slower on the million keys of a large network."""
    if values.size == 0:
        return values.astype(np.int64), np.zeros(0, dtype=np.int64)
    v = np.sort(values)
    start = np.flatnonzero(np.r_[True, v[1:] != v[:-1]])
    return v[start], np.diff(np.r_[start, v.size])


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Per value: whether it is in ``sorted_set`` (sorted), by binary search.

    The values are searched in sorted order (then put back in theirs): numpy's search starts each
    from where the last ended, and the set's memory is read in order, 2–3× faster on the ~1.3M
    edges of a 1M-tweet network than searching them as they come."""
    if sorted_set.size == 0:
        return np.zeros(values.size, dtype=bool)
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    pos = np.minimum(np.searchsorted(sorted_set, ordered), sorted_set.size - 1)
    found = np.empty(values.size, dtype=bool)
    found[order] = sorted_set[pos] == ordered
    return found


def find_ambassadors(net: Network, community: np.ndarray, reach: Reach, *, excluded: np.ndarray | None = None,
                     top: int = TOP) -> dict[int, list[Ambassador]]:
    """Up to ``top`` candidates for every unreached community of ``reach``, best first (module docstring).

    ``excluded``: per node, accounts to leave out besides government and broadcasters.
    """
    out: dict[int, list[Ambassador]] = {c: [] for c in reach.unreached}
    if not reach.unreached or net.n_edges == 0:
        return out
    n, gov = net.n_nodes, net.is_government
    u, v, edge_counted = counted_pairs(net)
    groups = np.asarray(reach.unreached, dtype=np.int64)
    slot = np.full(int(community.max()) + 2, -1, dtype=np.int64)
    slot[groups] = np.arange(groups.size)
    member_slot = np.where(gov, -1, slot[community])                 # per node: its unreached group's slot, or -1
    reached_side = gov | (np.isin(community, np.asarray(reach.reached, dtype=np.int64)) & ~gov)
    left_out = gov | broadcasters(net) | (np.zeros(n, bool) if excluded is None else np.asarray(excluded, bool))
    r = np.bincount(u[reached_side[v]], minlength=n)
    g = np.bincount(u[gov[v]], minlength=n)
    into = member_slot[v] >= 0
    key = u[into].astype(np.int64) * groups.size + member_slot[v][into]
    keys, m = _counts(key)
    who, which = keys // groups.size, keys % groups.size
    ok = (m >= MIN_MEMBERS) & (r[who] >= MIN_REACHED) & ~left_out[who]
    who, which, m = who[ok], which[ok], m[ok]
    listeners = _listeners(net, edge_counted, member_slot, groups.size, who, which, m)
    rr = r[who].astype(float)
    score = 2 * m * rr / (m + rr) * (1 + listeners / m) / 2
    for s, c in enumerate(groups.tolist()):
        here = np.flatnonzero(which == s)
        if here.size == 0:
            continue
        best = _best(here, score, m, r[who], who, net.ids, top)
        out[c] = [Ambassador(node=int(who[i]), group=c, home=int(community[who[i]]), members_tied=int(m[i]),
                             ties_to_reached=int(r[who[i]]), government_tied=int(g[who[i]]),
                             listeners=int(listeners[i]), score=float(score[i])) for i in best]
    _describe(net, community, reach, edge_counted, member_slot, slot, out)
    return out


def _listeners(net: Network, edge_counted: np.ndarray, member_slot: np.ndarray, k: int, who: np.ndarray,
               which: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Per (candidate, group) row: members of the group with a counted edge member → candidate."""
    if not net.directed:
        return m.astype(float)
    inbound = edge_counted & (member_slot[net.src] >= 0)
    key = net.dst[inbound].astype(np.int64) * k + member_slot[net.src][inbound]
    keys, counts = _counts(key)
    want = who.astype(np.int64) * k + which
    pos = np.searchsorted(keys, want)
    pos = np.minimum(pos, max(keys.size - 1, 0))
    found = keys.size > 0
    return np.where(found & (keys[pos] == want), counts[pos] if found else 0, 0).astype(float)


def _best(rows: np.ndarray, score: np.ndarray, m: np.ndarray, r: np.ndarray, who: np.ndarray, ids: list[str],
          top: int) -> list[int]:
    """The ``top`` rows by score, members tied, ties to the reached side (descending), then identifier."""
    order = rows[np.lexsort((-r[rows], -m[rows], -score[rows]))]
    cut = order[: top * 4]  # enough to break ties on the identifier among equal numbers
    return sorted(cut.tolist(), key=lambda i: (-score[i], -m[i], -r[i], ids[who[i]]))[:top]


def _describe(net: Network, community: np.ndarray, reach: Reach, edge_counted: np.ndarray,
              member_slot: np.ndarray, slot: np.ndarray, out: dict[int, list[Ambassador]]) -> None:
    """Fill in each chosen candidate's member kinds, government ties and reached groups.

    The candidate's ties as rows ``(x, y, direction, edge)``; the reached groups are counted with
    numpy (a hub has thousands of them), only ties to members of its unreached groups and to
    government go through Python.
    """
    chosen = np.fromiter(sorted({a.node for lst in out.values() for a in lst}), dtype=np.int64)
    if chosen.size == 0:
        return
    is_chosen = np.zeros(net.n_nodes, dtype=bool)
    is_chosen[chosen] = True
    e_out = np.flatnonzero(edge_counted & is_chosen[net.src])
    e_in = np.flatnonzero(edge_counted & is_chosen[net.dst])
    x = np.concatenate([net.src[e_out], net.dst[e_in]]).astype(np.int64)
    y = np.concatenate([net.dst[e_out], net.src[e_in]]).astype(np.int64)
    edge = np.concatenate([e_out, e_in])
    direction = np.r_[np.zeros(e_out.size, dtype=np.int8), np.ones(e_in.size, dtype=np.int8)]
    gov, n = net.is_government, max(net.n_nodes, 1)
    reached = np.isin(community[y], np.asarray(reach.reached, dtype=np.int64)) & ~gov[y]
    pairs, _ = _counts(x[reached] * n + y[reached])                   # distinct (x, y)
    per_group, counts = _counts((pairs // n) * (int(community.max()) + 1) + community[pairs % n])
    groups: dict[int, dict[int, int]] = {}
    for key, k in zip(per_group.tolist(), counts.tolist()):
        groups.setdefault(key // (int(community.max()) + 1), {})[key % (int(community.max()) + 1)] = k
    kinds, addressed = _member_kinds(net, community, out, x, y, edge, direction, member_slot)
    govs: dict[int, dict[int, list]] = {}
    for i in np.flatnonzero(gov[y]).tolist():
        a, b, e = int(x[i]), int(y[i]), int(edge[i])
        d = "both" if not net.directed else ("out", "in")[direction[i]]
        labels = _labels(net.kind_labels[int(net.kind_codes[e])])
        tie = govs.setdefault(a, {}).setdefault(b, [set(), set(), 0])
        tie[0].add(d)
        tie[1].update(labels)
        tie[2] += int(net.weight[e])
    for c, lst in out.items():
        for amb in lst:
            per = kinds.get((amb.node, c), {})
            amb.member_kinds = {d: dict(sorted(per[d].items())) for d in sorted(per)}
            amb.addressed = addressed.get((amb.node, c), 0)
            ties = govs.get(amb.node, {})
            amb.government = sorted(
                ((g, "both" if len(t[0]) > 1 else next(iter(t[0])), sorted(t[1]), t[2]) for g, t in ties.items()),
                key=lambda t: (-t[3], net.ids[t[0]]))
            amb.reached_groups = dict(sorted(groups.get(amb.node, {}).items()))


def _labels(label: str) -> list[str]:
    """An edge's kinds as a reason names them: where a repost, reply or quote carries the mention, not the mention."""
    labels = label.split(";")
    if len(labels) > 1 and set(labels) & CARRY_MENTIONS:
        labels = [k for k in labels if k != "mention"]
    return labels


def _member_kinds(net: Network, community: np.ndarray, out: dict[int, list[Ambassador]], x: np.ndarray, y: np.ndarray,
                  edge: np.ndarray, direction: np.ndarray, member_slot: np.ndarray) -> tuple[dict, dict]:
    """Per (candidate, group): distinct members by direction and kind, and distinct members it addressed."""
    width = int(community.max()) + 1
    wanted = np.sort(np.fromiter((a.node * width + c for c, lst in out.items() for a in lst), dtype=np.int64))
    rows = np.flatnonzero(member_slot[y] >= 0)
    rows = rows[_member(x[rows] * width + community[y[rows]], wanted)]
    kinds_of = [_labels(label) for label in net.kind_labels]
    vocab = sorted({k for labels in kinds_of for k in labels})
    flags = np.zeros((len(kinds_of), max(len(vocab), 1)), dtype=bool)
    for code, labels in enumerate(kinds_of):
        flags[code, [vocab.index(k) for k in labels]] = True
    d = direction[rows].astype(np.int64) if net.directed else np.full(rows.size, 2, dtype=np.int64)
    pair = x[rows] * width + community[y[rows]]
    n = max(net.n_nodes, 1)
    kinds: dict[tuple[int, int], dict[str, dict[str, int]]] = {}
    names = ("out", "in", "both")
    codes = net.kind_codes[edge[rows]]
    for j, kind in enumerate(vocab):
        sel = flags[codes, j]
        distinct, _ = _counts((pair[sel] * 3 + d[sel]) * n + y[rows][sel])
        keys, counts = _counts(distinct // n)
        for key, k in zip(keys.tolist(), counts.tolist()):
            group_key, dd = divmod(key, 3)
            node, c = divmod(group_key, width)
            kinds.setdefault((node, c), {}).setdefault(names[dd], {})[kind] = k
    outgoing = d == 0
    distinct, _ = _counts(pair[outgoing] * n + y[rows][outgoing])
    keys, counts = _counts(distinct // n)
    addressed = {divmod(key, width): k for key, k in zip(keys.tolist(), counts.tolist())}
    return kinds, addressed
