"""Which communities government reaches, which it does not, and who bridges the gap.

Per community (CONTRACT.md, summary.json "Reach"; the node flags are :mod:`.marks`'):

``contact_share``
    share of its members whom government reached actively: a government account
    addressed them (mention, reply to or comment on their message, answer on their post
    to the page) or they spread a government message (repost, quote);
``audience_share``
    share of its members who engaged with government in any way (contact, addressing it, or
    a comment on or like of a government message); on a government's own page this is
    nearly everyone, which is why it is not reach;
``inbound_share``
    share of its members who addressed a government account (mention, reply, comment
    on its message, or a post on its page), reposts excluded (with the ``RT @x``
    mentions they carry);
``reached``
    contact share ≥ the case's ``reach_threshold``.

"Members" are the community's *non-government* accounts: government accounts sit
in communities (they are listed in ``government_accounts``) but do not count as
reaching or being reached by themselves. A community of government accounts only has
no such members: its shares are None, it is not "reached", and it is listed in
``government_only`` rather than in the reached or unreached lists (the summary's
``communities``, whose shares are numbers, leave it out).

Communities considered (the groups a reader is shown): the ``max_communities`` largest
with at least ``min_size`` accounts, plus every community of two or more accounts that
holds a government account. A community of one account is never a group: it is an
isolate (CONTRACT.md), whatever it holds. Both the summary's ``communities`` and the
reached/unreached lists use this set.

Bridges (candidate ambassadors, report ch. 7): non-government accounts in contact
with government (a tie to a government account in this network, in contact with it, or
addressing it) with ties to members of unreached communities (or members of one
themselves). Ranked by the number of distinct unreached-community accounts they are
tied to (counting themselves when they are one), then betweenness, then identifier.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .build import Network


@dataclass
class CommunityReach:
    """One community's reach (module docstring); ``government``: its government node indices."""

    id: int
    size: int
    members: int
    government: list[int]
    contact_share: float | None
    audience_share: float | None
    inbound_share: float | None
    reached: bool


@dataclass
class Reach:
    """Reach of government over a network's communities (node indices, community ids)."""

    threshold: float
    communities: dict[int, CommunityReach]
    considered: list[int]
    reached: list[int]
    unreached: list[int]
    government_only: list[int]
    bridges: list[dict] = field(default_factory=list)


def compute_reach(net: Network, community: np.ndarray, betweenness: np.ndarray, *, threshold: float = 0.10,
                  min_size: int = 3, max_communities: int = 50, top_bridges: int = 20) -> Reach:
    k = int(community.max()) if community.size else 0
    gov = net.is_government
    size = np.bincount(community, minlength=k + 1)
    members = np.bincount(community[~gov], minlength=k + 1)
    contact = np.bincount(community[~gov & net.contact], minlength=k + 1)
    audience = np.bincount(community[~gov & (net.audience | net.contact | net.addressed_government)], minlength=k + 1)
    inbound = np.bincount(community[~gov & net.addressed_government], minlength=k + 1)
    gov_by_comm: dict[int, list[int]] = {}
    for node in np.flatnonzero(gov).tolist():
        gov_by_comm.setdefault(int(community[node]), []).append(node)
    table: dict[int, CommunityReach] = {}
    for c in range(1, k + 1):
        m = int(members[c])

        def share(counts: np.ndarray) -> float | None:
            return float(counts[c] / m) if m else None

        contact_share = share(contact)
        table[c] = CommunityReach(
            id=c, size=int(size[c]), members=m, government=gov_by_comm.get(c, []),
            contact_share=contact_share, audience_share=share(audience), inbound_share=share(inbound),
            reached=contact_share is not None and contact_share >= threshold,
        )
    big = [c for c in range(1, k + 1) if size[c] >= max(min_size, 2)][:max_communities]
    extra = [c for c, r in table.items() if r.government and r.size >= 2]
    considered = sorted(set(big) | set(extra))
    reach = Reach(
        threshold=threshold, communities=table, considered=considered,
        reached=[c for c in considered if table[c].reached],
        unreached=[c for c in considered if table[c].members and not table[c].reached],
        government_only=[c for c in considered if not table[c].members],
    )
    reach.bridges = bridges(net, community, betweenness, reach.unreached, top_bridges)
    return reach


def _pairs(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Distinct neighbour pairs, each once per direction.

    Distinct by sorting: ``np.unique`` hashes first (numpy ≥ 2.3) and takes ~15× longer
    on the million pairs of a large network.
    """
    n = max(net.n_nodes, 1)
    pair = np.sort(np.minimum(net.src, net.dst) * n + np.maximum(net.src, net.dst))
    pair = pair[np.r_[True, pair[1:] != pair[:-1]]] if pair.size else pair
    a, b = pair // n, pair % n
    return np.concatenate([a, b]), np.concatenate([b, a])


def bridges(net: Network, community: np.ndarray, betweenness: np.ndarray, unreached: list[int],
            top: int = 20) -> list[dict]:
    """Accounts in contact with government and tied to unreached communities, best first."""
    if not unreached or net.n_nodes == 0:
        return []
    gov = net.is_government
    u, v = _pairs(net)
    contact_tie = np.zeros(net.n_nodes, dtype=bool)
    contact_tie[u[gov[v]]] = True
    in_unreached = np.isin(community, np.asarray(unreached)) & ~gov
    candidate = ~gov & (contact_tie | net.contact | net.addressed_government)
    mask = candidate[u] & in_unreached[v]
    counts = np.bincount(u[mask], minlength=net.n_nodes) + (candidate & in_unreached)
    ranked = _best(np.flatnonzero(counts > 0), counts, betweenness, net.ids, top)
    if not ranked:
        return []
    picked = np.isin(u, ranked) & mask
    touched: dict[int, set[int]] = {x: {int(community[x])} if in_unreached[x] else set() for x in ranked}
    for a, b in zip(u[picked].tolist(), v[picked].tolist()):
        touched[a].add(int(community[b]))
    out = []
    for x in ranked:
        contact = [name for name, flag in (("tie", contact_tie[x]), ("contact", net.contact[x]),
                                           ("addressed_government", net.addressed_government[x])) if flag]
        out.append({
            "node": x, "account": net.ids[x], "community": int(community[x]), "unreached_communities": sorted(touched[x]),
            "unreached_accounts": int(counts[x]), "government_contact": contact,
            "betweenness": float(betweenness[x]),
        })
    return out


def _best(chosen: np.ndarray, counts: np.ndarray, betweenness: np.ndarray, ids: list[str], top: int) -> list[int]:
    """The ``top`` of ``chosen`` by count, then betweenness (both descending), then identifier.

    Numbers narrow the field in numpy (every node tied with the ``top``-th on both stays in);
    only those few are sorted with their identifiers.
    """
    if chosen.size == 0 or top <= 0:
        return []
    order = chosen[np.lexsort((-betweenness[chosen], -counts[chosen]))]
    last = order[min(top, order.size) - 1]
    keep = order[(counts[order] > counts[last])
                 | ((counts[order] == counts[last]) & (betweenness[order] >= betweenness[last]))]
    return sorted(keep.tolist(), key=lambda x: (-counts[x], -betweenness[x], ids[x]))[:top]
