"""A static picture of a network for the factsheet, as SVG.

Layout by igraph on each drawn account's heaviest ties (:func:`backbone`):
Fruchterman–Reingold up to :data:`FR_MAX` drawn accounts (on igraph's grid above 1,000),
DrL above; seeded, so the picture repeats. FR_MAX covers the default picture: DrL took
1.2–1.5 s for the factsheet's 1,500 accounts, the gridded Fruchterman–Reingold 0.07 s,
for a picture as readable. At most :data:`MAX_EDGES_DRAWN` ties are drawn (the heaviest). Nodes are
coloured by community (the twelve largest; the rest grey), sized by PageRank;
government accounts are drawn as squares with a thick outline and always labelled;
the most central accounts (PageRank) are labelled too.

A network larger than ``max_nodes`` is drawn in part: the accounts with the highest
PageRank, plus the government accounts and their neighbours (the most central of them,
up to a quarter of the picture); the caption says what is shown. Every label is
account text from the data: it is XML-escaped, never interpreted as markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .communities import seeded
from .export import xml_text

if TYPE_CHECKING:
    from .result import Label, NetworkResult

FR_MAX = 2000
MAX_EDGES_DRAWN = 4_000
LABELS = 20
WIDTH, HEIGHT, MARGIN = 1600, 1100, 40
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf",
           "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939"]
OTHER = "#c7c7c7"


@dataclass(frozen=True)
class NetworkPicture:
    """An SVG picture and the caption that says what it shows."""

    svg: str
    caption: str

    def __str__(self) -> str:
        return self.svg


def select(res: "NetworkResult", max_nodes: int) -> np.ndarray:
    """Node indices to draw: all, or the top by PageRank plus government neighbourhoods."""
    n = res.net.n_nodes
    if n <= max_nodes:
        return np.arange(n)
    rank = res.ranking()
    position = np.empty(n, dtype=np.int64)
    position[rank] = np.arange(n)
    gov = np.flatnonzero(res.net.is_government).tolist()
    near: set[int] = set()
    ug = res.undirected_graph
    for g in gov:
        near.update(ug.neighbors(g))
    near.difference_update(gov)
    chosen = gov[:max_nodes] + sorted(near, key=position.__getitem__)[: max(0, max_nodes // 4 - len(gov))]
    taken = set(chosen)
    for i in rank.tolist():
        if len(chosen) >= max_nodes:
            break
        if i not in taken:
            chosen.append(i)
            taken.add(i)
    return np.asarray(sorted(chosen), dtype=np.int64)


#: Ties per account the layout uses (each account's heaviest): dense groups stay fast.
BACKBONE = 8


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


def layout_positions(res: "NetworkResult", chosen: np.ndarray, fr_max: int = FR_MAX, niter: int = 300) -> np.ndarray:
    """Seeded positions in [0, 1]² of the chosen accounts, laid out on their backbone ties.

    Fruchterman–Reingold up to ``fr_max`` accounts, DrL above.
    """
    import igraph as ig

    if chosen.size == 0:
        return np.zeros((0, 2))
    net = res.net
    position = np.full(net.n_nodes, -1, dtype=np.int64)
    position[chosen] = np.arange(chosen.size)
    inside = np.flatnonzero((position[net.src] >= 0) & (position[net.dst] >= 0))
    ties = backbone(position[net.src[inside]], position[net.dst[inside]], net.weight[inside], chosen.size)
    sub = ig.Graph(n=int(chosen.size), edges=ties.tolist(), directed=False)
    with seeded(res.seed):
        if sub.vcount() <= fr_max:
            layout = sub.layout_fruchterman_reingold(niter=niter, grid=sub.vcount() > 1000)
        else:
            layout = sub.layout_drl()
    xy = np.asarray(layout.coords, dtype=float)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    return (xy - lo) / span


def _layout(res: "NetworkResult", chosen: np.ndarray) -> np.ndarray:
    unit = layout_positions(res, chosen)
    scale = np.array([WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN - 60])
    return MARGIN + unit * scale + np.array([0, 60])


def draw(res: "NetworkResult", label: "Label" = None, max_nodes: int = 2000,
         words: dict | None = None) -> NetworkPicture:
    """Draw the network (or its top, for large networks) as an SVG picture.

    ``words`` may translate ``group``, ``government`` and ``caption``.
    """
    words = words or {}
    net = res.net
    chosen = select(res, max_nodes)
    sub = res.undirected_graph.induced_subgraph(chosen.tolist())
    xy = _layout(res, chosen)
    pr = res.metrics.pagerank[chosen] if chosen.size else np.zeros(0)
    top_pr = float(pr.max()) if pr.size and pr.max() > 0 else 1.0
    comm = res.community[chosen]
    gov = net.is_government[chosen]
    names = net.ids if label is None else None
    show = (lambda i: names[i]) if names is not None else (lambda i: label(net.ids[i]))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>', '<g stroke="#888" stroke-opacity="0.18">']
    parts += _edges(sub, xy)
    parts.append("</g><g>")
    ranking = np.argsort(-pr, kind="stable")
    labelled = set(ranking[:LABELS].tolist()) | set(np.flatnonzero(gov).tolist())
    for k in range(chosen.size):
        x, y = xy[k]
        r = 2.0 + 10.0 * math.sqrt(pr[k] / top_pr)
        colour = PALETTE[comm[k] - 1] if comm[k] <= len(PALETTE) else OTHER
        if gov[k]:
            parts.append(f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" '
                         f'fill="{colour}" stroke="#000" stroke-width="3"/>')
        else:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" stroke="#fff" stroke-width="0.5"/>')
    for k in sorted(labelled):
        x, y = xy[k]
        weight = "bold" if gov[k] else "normal"
        parts.append(f'<text x="{x + 6:.1f}" y="{y - 6:.1f}" font-size="13" font-weight="{weight}" '
                     f'fill="#111">{xml_text(show(int(chosen[k])))}</text>')
    caption = words.get("caption") or _caption(res, chosen.size)
    parts.append("</g>")
    parts += _legend(res, words.get("group", "group"), words.get("government", "government"))
    parts.append(f'<text x="{MARGIN}" y="{HEIGHT - 12}" font-size="14" fill="#333">{xml_text(caption)}</text>')
    parts.append("</svg>")
    return NetworkPicture("\n".join(parts), caption)


def _edges(sub, xy: np.ndarray) -> list[str]:
    if sub.ecount() == 0:
        return []
    pairs = np.asarray(sub.get_edgelist(), dtype=np.int64)
    weight = np.asarray(sub.es["weight"], dtype=float)
    keep = np.argsort(-weight, kind="stable")[:MAX_EDGES_DRAWN]
    out = []
    for e in keep.tolist():
        a, b = pairs[e]
        width = 0.5 + math.log1p(weight[e]) * 0.6
        out.append(f'<line x1="{xy[a, 0]:.1f}" y1="{xy[a, 1]:.1f}" x2="{xy[b, 0]:.1f}" y2="{xy[b, 1]:.1f}" '
                   f'stroke-width="{width:.2f}"/>')
    return out


def _legend(res: "NetworkResult", group: str = "group", government: str = "government") -> list[str]:
    sizes = np.bincount(res.community) if res.community.size else np.zeros(1, dtype=int)
    out, x = [], MARGIN
    for c in range(1, min(len(PALETTE), sizes.size - 1) + 1):
        out.append(f'<circle cx="{x + 6}" cy="24" r="6" fill="{PALETTE[c - 1]}"/>'
                   f'<text x="{x + 16}" y="29" font-size="13">{xml_text(group)} {c} ({int(sizes[c])})</text>')
        x += 118
    out.append(f'<rect x="{x}" y="18" width="12" height="12" fill="#fff" stroke="#000" stroke-width="3"/>'
               f'<text x="{x + 18}" y="29" font-size="13">{xml_text(government)}</text>')
    return out


def _caption(res: "NetworkResult", drawn: int) -> str:
    net = res.net
    what = f"{net.kind} network of {net.n_nodes:,} accounts and {net.n_edges:,} ties"
    if drawn < net.n_nodes:
        what += (f"; drawn: the {drawn:,} most central accounts (PageRank) with the government accounts "
                 "and their closest neighbours")
    return (f"{what}. Colours: communities ({res.method}); squares: government accounts; "
            "size: PageRank; labels: the most central accounts.")
