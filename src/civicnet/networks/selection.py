"""Which accounts a picture of a network draws.

:func:`select` bounds the number: every account when the network has at most
``max_nodes``, else the government accounts, their most central neighbours (up to a
quarter of the picture) and then the accounts with the highest PageRank. The dashboard
sends this selection to the browser.

:func:`drawn_part` is what the factsheet picture draws: the connected parts that can be
read. A *part* is a connected component of the undirected network. Parts smaller than
:func:`min_part` accounts (isolated accounts, pairs, tiny clusters: "loose" accounts) are
left out and counted; every larger part is drawn (the report's OCW case is seven small
groups beside a larger one, none connected: that is the finding, so the picture keeps
them), and government accounts are always drawn, with the part they are in. When the
drawable parts hold more than ``max_nodes`` accounts, the selection above is taken from
them and, inside it, again only the parts of at least :func:`min_part` accounts (ties to
accounts not drawn do not hold an account in), topped up from the next most central
accounts until the picture is full or nothing more can be added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .result import NetworkResult

#: The smallest part drawn: at least this many accounts ...
MIN_PART = 3
#: ... and at least this share of the accounts drawn.
MIN_PART_SHARE = 0.01
#: Rounds of topping up the selection (each adds the next most central accounts).
TOP_UP_ROUNDS = 4


@dataclass(frozen=True)
class Drawn:
    """The accounts a picture draws and what it leaves out.

    ``nodes``: node indices drawn, ascending. ``loose``: accounts in parts too small to
    draw (government excepted). ``less_central``: the other accounts not drawn (beyond
    ``max_nodes``, or cut off from the drawn parts by the limit). ``min_part``: the
    smallest part drawn.
    """

    nodes: np.ndarray
    total: int
    loose: int
    less_central: int
    min_part: int

    @property
    def drawn(self) -> int:
        return int(self.nodes.size)


def min_part(n: int) -> int:
    """The smallest part drawn in a picture of ``n`` accounts."""
    return max(MIN_PART, math.ceil(MIN_PART_SHARE * n))


def select(res: "NetworkResult", max_nodes: int, among: np.ndarray | None = None,
           rank: np.ndarray | None = None) -> np.ndarray:
    """Node indices to show: all, or government, its neighbourhood and the top by PageRank.

    ``among`` (a boolean mask) restricts the choice to those accounts; ``rank`` is
    ``res.ranking()`` when the caller has it (on a large network it takes a while).
    """
    n = res.net.n_nodes
    allowed = np.ones(n, dtype=bool) if among is None else among
    if int(allowed.sum()) <= max_nodes:
        return np.flatnonzero(allowed)
    rank = res.ranking() if rank is None else rank
    rank = rank[allowed[rank]]
    position = np.full(n, n, dtype=np.int64)
    position[rank] = np.arange(rank.size)
    gov = np.flatnonzero(res.net.is_government & allowed).tolist()
    near: set[int] = set()
    ug = res.undirected_graph
    for g in gov:
        near.update(j for j in ug.neighbors(g) if allowed[j])
    near.difference_update(gov)
    chosen = gov[:max_nodes] + sorted(near, key=position.__getitem__)[: max(0, max_nodes // 4 - len(gov))]
    return _fill(chosen, rank, max_nodes)


def _fill(chosen: list[int], rank: np.ndarray, max_nodes: int) -> np.ndarray:
    taken = set(chosen)
    for i in rank.tolist():
        if len(chosen) >= max_nodes:
            break
        if i not in taken:
            chosen.append(i)
            taken.add(i)
    return np.asarray(sorted(chosen), dtype=np.int64)


def drawn_part(res: "NetworkResult", max_nodes: int, rank: np.ndarray | None = None) -> Drawn:
    """The accounts the picture draws (module docstring), with the counts left out.

    ``rank``: ``res.ranking()``, when the caller has it.
    """
    n = res.net.n_nodes
    gov = np.asarray(res.net.is_government, dtype=bool)
    smallest = min_part(min(n, max_nodes))
    drawable = _in_parts(res.undirected_graph, np.arange(n), smallest, gov)
    loose = int(n - drawable.sum())
    if drawable.sum() <= max_nodes:
        nodes = np.flatnonzero(drawable)
        return Drawn(nodes, n, loose, 0, smallest)
    nodes = _top_up(res, drawable, gov, max_nodes, smallest, res.ranking() if rank is None else rank)
    return Drawn(nodes, n, loose, int(n - loose - nodes.size), smallest)


def _top_up(res: "NetworkResult", drawable: np.ndarray, gov: np.ndarray, max_nodes: int, smallest: int,
            ranking: np.ndarray) -> np.ndarray:
    """The selection from the drawable accounts, kept to its readable parts and refilled."""
    ug = res.undirected_graph
    rank = ranking[drawable[ranking]]
    chosen = select(res, max_nodes, among=drawable, rank=ranking)
    kept = np.flatnonzero(_in_parts(ug, chosen, smallest, gov))
    for _ in range(TOP_UP_ROUNDS):
        missing = max_nodes - kept.size
        if missing <= 0:
            break
        taken = np.zeros(res.net.n_nodes, dtype=bool)
        taken[chosen] = True
        extra = rank[~taken[rank]][:missing]
        if extra.size == 0:
            break
        chosen = np.union1d(chosen, extra)
        kept = np.flatnonzero(_in_parts(ug, chosen, smallest, gov))
    if kept.size > max_nodes:  # topping up joined more than was missing: drop the least central
        kept = np.flatnonzero(_in_parts(ug, _trim(ranking, kept, max_nodes, gov), smallest, gov))
    return kept


def _trim(ranking: np.ndarray, kept: np.ndarray, max_nodes: int, gov: np.ndarray) -> np.ndarray:
    """At most ``max_nodes`` of ``kept``: government first, then by PageRank."""
    order = ranking[np.isin(ranking, kept)]
    first = order[gov[order]]
    rest = order[~gov[order]]
    return np.sort(np.concatenate([first, rest])[:max_nodes])


def _in_parts(ug, nodes: np.ndarray, smallest: int, gov: np.ndarray) -> np.ndarray:
    """Mask over all nodes: those of ``nodes`` whose part (among ``nodes``) is big enough or holds government."""
    keep = np.zeros(ug.vcount(), dtype=bool)
    nodes = np.sort(nodes)  # induced_subgraph numbers the accounts in ascending order
    if nodes.size == 0:
        return keep
    sub = ug if nodes.size == ug.vcount() else ug.induced_subgraph(nodes.tolist(), implementation="create_from_scratch")
    membership = np.asarray(sub.connected_components().membership, dtype=np.int64)
    sizes = np.bincount(membership)
    has_gov = np.bincount(membership, weights=gov[nodes].astype(float), minlength=sizes.size) > 0
    keep[nodes[(sizes >= smallest)[membership] | has_gov[membership]]] = True
    return keep
