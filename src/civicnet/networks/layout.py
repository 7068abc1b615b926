"""Where each drawn account goes: group-in-a-box (default) or force-directed.

**group-in-a-box** (NodeXL's; Rodrigues et al. 2011): a squarified treemap
(:mod:`.treemap`) cuts the frame into one box per group (community), its area
proportional to the group's drawn members, with a floor of :data:`BOX_FLOOR` of the
drawn accounts so that small groups stay visible. Groups of fewer than
:data:`MIN_BOX` drawn accounts, and those beyond the :data:`MAX_BOXES` largest, share
one box ("other"). Boxes are ordered largest first, except that the largest group
holding a government account comes second when it is not first already (the treemap
puts the first boxes at the top left, largest). Inside each box the group's accounts
are placed by Fruchterman–Reingold (igraph, seeded) on the ties among them.

**force**: Fruchterman–Reingold on the whole drawn network.

In both, a set of accounts with more than one connected part (a group split by the
selection, the "other" box, separate parts of the network) has its parts packed by the
same treemap, each laid out on its own: a part never drifts to the edge of the frame;
accounts with no tie among the set share one cell, in a grid.
The ties used are each account's :data:`BACKBONE` heaviest (:func:`backbone`), so dense
co-comment networks lay out fast. Positions are then stretched to fill their box
(:func:`fit`): the 2nd–98th percentiles of each axis span the box less a narrow band at
its edge, into which the few outliers beyond are drawn. :func:`spread` measures how much of a picture the accounts use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import igraph as ig
import numpy as np

from .communities import seeded
from .treemap import Rect, squarify

if TYPE_CHECKING:
    from .result import NetworkResult

LAYOUTS = ("group-in-a-box", "force")
#: Ties per account the layout uses (each account's heaviest): dense groups stay fast.
BACKBONE = 8
#: Fewest drawn accounts for a group of its own box; fewer share the "other" box.
MIN_BOX = 3
#: Most groups with a box of their own.
MAX_BOXES = 20
#: Smallest box, as a share of the drawn accounts.
BOX_FLOOR = 0.03
#: Above this many accounts, Fruchterman–Reingold uses igraph's grid: from about 300 accounts
#: on it is several times faster (600 accounts: 0.04 s against 0.2–0.5 s), for a picture as readable.
GRID_ABOVE = 250
#: Iterations of Fruchterman–Reingold (igraph's default is 500; the grid variant settles in fewer).
FR_ITERATIONS, GRID_ITERATIONS = 500, 300
#: Share of accounts per side of an axis that may lie beyond the stretched range ...
OUTLIERS = 0.02
#: ... drawn into a band of this share of the box at its edge ...
TAIL = 0.06
#: ... reaching the edge only when as far out again as this share of the range.
TAIL_REACH = 0.5
#: How far each account's distance from the centre moves towards an even spread (:func:`even_out`).
EVEN_OUT = 0.5


@dataclass(frozen=True)
class Box:
    """A group's box: its community id (None for the shared "other" box), area and members drawn."""

    group: int | None
    rect: Rect
    members: int


@dataclass(frozen=True)
class Layout:
    """Positions (one row per drawn account, in frame coordinates) and the boxes."""

    xy: np.ndarray
    boxes: tuple[Box, ...]
    name: str


def lay_out(res: "NetworkResult", nodes: np.ndarray, frame: Rect, layout: str = "group-in-a-box", *,
            gap: float = 0.0, margin: float = 0.0) -> Layout:
    """Positions of the accounts ``nodes`` of an analysed network in ``frame``, by ``layout``."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}")
    net = res.net
    ties = local_ties(net.src, net.dst, net.weight, nodes, net.n_nodes)
    if layout == "force":
        return force(ties, int(nodes.size), frame, seed=res.seed, margin=margin)
    return group_in_a_box(ties, res.community[nodes], frame, government=net.is_government[nodes], seed=res.seed,
                          gap=gap, margin=margin)


def backbone(src: np.ndarray, dst: np.ndarray, weight: np.ndarray, n: int, k: int = BACKBONE) -> np.ndarray:
    """The ties that are among the ``k`` heaviest of either end, as an (m, 2) array."""
    if src.size <= k * n:
        return np.stack([src, dst], axis=1) if src.size else np.zeros((0, 2), dtype=np.int64)
    keep = np.zeros(src.size, dtype=bool)
    for end in (src, dst):
        order = np.lexsort((-weight, end))  # by node, heaviest first
        ends = end[order]
        first = np.searchsorted(ends, ends, side="left")
        keep[order[np.arange(order.size) - first < k]] = True
    return np.stack([src[keep], dst[keep]], axis=1)


def local_ties(src: np.ndarray, dst: np.ndarray, weight: np.ndarray, nodes: np.ndarray, n_nodes: int) -> np.ndarray:
    """The backbone ties among ``nodes``, numbered by position in ``nodes``."""
    position = np.full(n_nodes, -1, dtype=np.int64)
    position[nodes] = np.arange(nodes.size)
    inside = np.flatnonzero((position[src] >= 0) & (position[dst] >= 0))
    return backbone(position[src[inside]], position[dst[inside]], weight[inside], int(nodes.size))


def group_in_a_box(ties: np.ndarray, groups: np.ndarray, frame: Rect, *, government: np.ndarray | None = None,
                   seed: int = 42, gap: float = 0.0, margin: float = 0.0) -> Layout:
    """Group-in-a-box positions for accounts with ``groups[i]`` their community id (module docstring).

    ``ties``: (m, 2) local tie array; ``government``: per account, whether it is one;
    ``gap``: space between boxes; ``margin``: space kept free inside each box's edge.
    """
    n = int(groups.size)
    gov = np.zeros(n, dtype=bool) if government is None else np.asarray(government, dtype=bool)
    plan = box_plan(groups, gov)
    sizes = [max(m, BOX_FLOOR * n) for _, m in plan]
    rects = squarify(sizes, frame) if plan else []
    xy = np.zeros((n, 2))
    own = {g for g, _ in plan if g is not None}
    for (group, members), rect in zip(plan, rects):
        idx = np.flatnonzero(groups == group) if group is not None else np.flatnonzero(~np.isin(groups, list(own)))
        xy[idx] = place(ties_within(ties, idx, n), idx.size, rect.inset(gap / 2).inset(margin), seed)
    boxes = tuple(Box(g, r.inset(gap / 2), m) for (g, m), r in zip(plan, rects))
    return Layout(xy, boxes, "group-in-a-box")


def box_plan(groups: np.ndarray, government: np.ndarray) -> list[tuple[int | None, int]]:
    """The boxes in treemap order: (community id or None for "other", accounts drawn in it)."""
    ids, counts = np.unique(groups, return_counts=True)
    order = np.lexsort((ids, -counts))
    own = [int(ids[k]) for k in order if counts[k] >= MIN_BOX][:MAX_BOXES]
    count = dict(zip(ids.tolist(), counts.tolist()))
    with_gov = [g for g in own if government[groups == g].any()]
    if with_gov and own[0] != with_gov[0]:
        own.remove(with_gov[0])
        own.insert(1, with_gov[0])
    plan: list[tuple[int | None, int]] = [(g, count[g]) for g in own]
    rest = int(groups.size - sum(count[g] for g in own))
    if rest:
        plan.append((None, rest))
    return plan


def force(ties: np.ndarray, n: int, frame: Rect, *, seed: int = 42, margin: float = 0.0) -> Layout:
    """Fruchterman–Reingold positions of ``n`` accounts on ``ties``, filling ``frame``."""
    return Layout(place(ties, n, frame.inset(margin), seed), (), "force")


def ties_within(ties: np.ndarray, idx: np.ndarray, n: int) -> np.ndarray:
    """The ties among accounts ``idx``, numbered by position in ``idx``."""
    position = np.full(n, -1, dtype=np.int64)
    position[idx] = np.arange(idx.size)
    if ties.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    local = position[ties]
    return local[(local >= 0).all(axis=1)]


def place(ties: np.ndarray, n: int, rect: Rect, seed: int) -> np.ndarray:
    """Positions of ``n`` accounts filling ``rect``: each connected part in a treemap cell of its own.

    Accounts without a tie here share one cell, set out in a grid.
    """
    if n == 0:
        return np.zeros((0, 2))
    graph = ig.Graph(n=n, edges=ties.tolist(), directed=False)
    parts = graph.connected_components()
    if len(parts) == 1:
        return fit(_fr(graph, seed), rect)
    members = sorted((p for p in parts if len(p) > 1), key=lambda p: (-len(p), p[0]))
    alone = [p[0] for p in parts if len(p) == 1]
    sizes = [len(p) for p in members] + ([len(alone)] if alone else [])
    cells = squarify(sizes, rect)
    xy = np.zeros((n, 2))
    for part, cell in zip(members, cells):
        xy[part] = fit(_fr(graph.induced_subgraph(part), seed), cell.inset(min(cell.w, cell.h) * 0.08))
    if alone:
        xy[alone] = grid(len(alone), cells[-1])
    return xy


def grid(k: int, rect: Rect) -> np.ndarray:
    """``k`` points in rows and columns filling ``rect``, each at the centre of its cell."""
    cols = max(1, min(k, math.ceil(math.sqrt(k * rect.w / rect.h)) if rect.h > 0 else k))
    rows = math.ceil(k / cols)
    i = np.arange(k)
    return np.column_stack([rect.x + (i % cols + 0.5) * rect.w / cols, rect.y + (i // cols + 0.5) * rect.h / rows])


def _fr(graph: ig.Graph, seed: int) -> np.ndarray:
    if graph.vcount() <= 1:
        return np.zeros((graph.vcount(), 2))
    grid = graph.vcount() > GRID_ABOVE
    with seeded(seed):
        coords = graph.layout_fruchterman_reingold(niter=GRID_ITERATIONS if grid else FR_ITERATIONS, grid=grid).coords
    return np.asarray(coords, dtype=float)


def fit(xy: np.ndarray, rect: Rect) -> np.ndarray:
    """``xy`` stretched to fill ``rect`` (module docstring); up to seven accounts keep their shape, centred.

    The 2nd–98th percentiles of each axis span the rect less a band of :data:`TAIL` of its
    size on each side; accounts beyond are drawn into that band, the farther the closer
    to the edge, never past it.
    """
    n = xy.shape[0]
    centre = np.array([rect.x + rect.w / 2, rect.y + rect.h / 2])
    if n <= 1:
        return np.tile(centre, (n, 1))
    q = OUTLIERS if n >= 20 else 0.0
    if n >= 8:
        xy = even_out(xy)
    lo, hi = np.quantile(xy, q, axis=0), np.quantile(xy, 1 - q, axis=0)
    span = hi - lo
    size = np.array([rect.w, rect.h])
    if n < 8:
        scale = np.divide(size, span, out=np.full(2, np.inf), where=span > 0).min()
        scale = 0.0 if not np.isfinite(scale) else scale
        return centre + (xy - (lo + hi) / 2) * scale
    t = np.divide(xy - lo, span, out=np.full(xy.shape, 0.5), where=span > 0)  # 0..1 for the bulk
    t = np.where(t < 0, -TAIL * np.tanh(-t / TAIL_REACH), np.where(t > 1, 1 + TAIL * np.tanh((t - 1) / TAIL_REACH), t))
    return np.array([rect.x, rect.y]) + (t + TAIL) / (1 + 2 * TAIL) * size


def even_out(xy: np.ndarray, share: float = EVEN_OUT) -> np.ndarray:
    """``xy`` with each account's distance from the median moved ``share`` of the way to an even spread.

    The even distance is the one that would give a disc of even density with the same
    order of distances (the square root of the account's rank); directions and the
    order of distances are kept. A dense core opens up, a thin rim draws in.
    """
    centre = np.median(xy, axis=0)
    d = xy - centre
    r = np.hypot(d[:, 0], d[:, 1])
    if r.max() <= 0:
        return xy
    rank = np.empty(r.size)
    rank[np.argsort(r, kind="stable")] = np.arange(1, r.size + 1)
    even = np.sqrt(rank / r.size) * np.quantile(r, 1 - OUTLIERS)
    target = (1 - share) * r + share * even
    scale = np.divide(target, r, out=np.ones_like(r), where=r > 0)
    return centre + d * scale[:, None]


def spread(xy: np.ndarray, width: float, height: float) -> tuple[float, float]:
    """The share of ``width`` and of ``height`` spanned by the middle 90 % of the accounts.

    (5th to 95th percentile of each coordinate; 0 for fewer than two accounts.)

    >>> spread(np.array([[0, 0], [10, 5]]), 10, 10)
    (0.9, 0.45)
    """
    if xy.shape[0] < 2:
        return 0.0, 0.0
    lo, hi = np.quantile(xy, 0.05, axis=0), np.quantile(xy, 0.95, axis=0)
    return round(float((hi[0] - lo[0]) / width), 6), round(float((hi[1] - lo[1]) / height), 6)
