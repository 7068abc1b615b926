"""A picture of a network for print, as SVG measured in printed points.

::

    pic = res.draw_svg(label=names.get, width_mm=260, height_mm=170, layout="group-in-a-box",
                       group_names={1: "NOS"}, words=WORDS_NL)
    pic.svg        # <svg width="260mm" height="170mm" viewBox="0 0 737.0 481.9"> – 1 unit = 1 pt
    pic.caption    # one complete sentence set for the page to place under the picture

The caller states the printed width (and height) in millimetres; every size inside is
in points at that size, so every text is at least :data:`MIN_TEXT` pt when the picture
is printed as stated: names :data:`NAME_PT`, legend :data:`LEGEND_PT`. What is drawn
(:mod:`.selection`): the readable parts of the network, government always; the caption
says how many accounts were drawn and why the others were not. Where (:mod:`.layout`):
group-in-a-box (default) or force-directed. Names (:mod:`.labels`): every government
account's and the top accounts of each group by PageRank (the order of the factsheet's
group table), as many as the picture's area allows, placed without overlap, the least
important dropped first. Colours (:mod:`.palette`): the twelve largest groups, the
rest grey; government squares outlined in their own colour. The legend names each
coloured group drawn with its size in the whole network ("Group NOS · 412").

Names and group names are text from the data: XML-escaped, never markup. The caption
is returned, not drawn: the page sets it, so it is never cut off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Mapping

import numpy as np

from . import layout as L
from .export import xml_text
from ..fontmetrics import text_width
from .labels import Placed, Wanted, place_labels, shorten
from .palette import GOVERNMENT, OTHER, group_colour
from .selection import Drawn, drawn_part
from .treemap import Rect

if TYPE_CHECKING:
    from .result import Label, NetworkResult

MM = 72 / 25.4
MIN_TEXT, NAME_PT, LEGEND_PT = 6.0, 7.5, 7.0
#: Names per 1,000 mm² of picture (before the floor of one per box and every government account).
NAMES_PER_KMM2 = 2.4
MAX_NAMES_PER_GROUP = 6
MAX_INNER_TIES, MAX_CROSS_TIES = 3000, 400
#: Smallest printed picture (mm), and the most of its height the legend may take.
MIN_MM = (30.0, 20.0)
LEGEND_SHARE = 0.3
#: Smallest half side of a government square, in points.
GOV_HALF = 2.4
WORDS = {
    "group": "Group {name}", "other": "other groups", "government": "government", "caption": "",
    "drawn": "{drawn} of {total} accounts drawn", "all_drawn": "All {total} accounts drawn",
    "empty": "No accounts to draw",
    "loose": "{loose} loose accounts (in parts of fewer than {min_part}) not drawn",
    "less_central": "{less_central} less central accounts not drawn",
    "layout_group-in-a-box": "Layout: group in a box (a box per group; ties between groups faint).",
    "layout_force": "Layout: force-directed.", "thousands": ",",
}


@dataclass(frozen=True)
class NetworkPicture:
    """An SVG picture, the caption the page sets under it, and what was drawn.

    ``drawn``: the accounts drawn and the counts left out; ``positions``: where each drawn
    account is (points from the top left, one row per ``drawn.nodes``); ``spread``: the
    share of the picture's width and height the middle 90 % of them span
    (:func:`~civicnet.networks.layout.spread`); ``names``: the names placed.
    """

    svg: str
    caption: str
    width_mm: float = 0.0
    height_mm: float = 0.0
    layout: str = ""
    drawn: Drawn | None = None
    spread: tuple[float, float] = (0.0, 0.0)
    names: tuple[Placed, ...] = ()
    positions: np.ndarray | None = None

    def __str__(self) -> str:
        return self.svg


@dataclass(frozen=True)
class _Page:
    """The picture's geometry in points."""

    width: float
    height: float
    legend: Rect
    frame: Rect
    r_min: float
    r_max: float


def draw(res: "NetworkResult", label: "Label" = None, max_nodes: int = 1500, words: Mapping[str, str] | None = None,
         *, width_mm: float = 260.0, height_mm: float | None = None, layout: str = "group-in-a-box",
         group_names: Mapping[int, str] | None = None, names: int | None = None) -> NetworkPicture:
    """Draw the network (module docstring). ``names`` overrides the number of group names shown."""
    if layout not in L.LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(L.LAYOUTS)}")
    height_mm = height_mm if height_mm is not None else round(width_mm * 0.68, 1)
    if width_mm < MIN_MM[0] or height_mm < MIN_MM[1]:
        raise ValueError(f"a legible picture needs at least {MIN_MM[0]} × {MIN_MM[1]} mm printed "
                         f"(asked: {width_mm:g} × {height_mm:g} mm; width and height)")
    w = _words(words)
    rank = res.ranking()
    drawn = drawn_part(res, max_nodes, rank)
    nodes = drawn.nodes
    show = _shower(res, label)
    legend = _fit_legend(_legend_entries(res, nodes, w, group_names), width_mm * MM - 4, height_mm * MM)
    page = _page(width_mm * MM, height_mm * MM, legend, nodes.size)
    lay = L.lay_out(res, nodes, page.frame, layout, gap=4.0, margin=page.r_max + 1)
    radius = _radius(res, nodes, page)
    wanted = _wanted(res, rank, nodes, lay, radius, show, page, names)
    placed = place_labels(wanted, page.frame.inset(1.0), dots=np.column_stack([lay.xy, radius]) if nodes.size else None)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {page.width:.1f} {page.height:.1f}" '
             f'width="{width_mm:g}mm" height="{height_mm:g}mm" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">',
             f'<rect width="{page.width:.1f}" height="{page.height:.1f}" fill="#ffffff"/>']
    parts += _boxes(lay)
    parts += _ties(res, nodes, lay.xy)
    parts += _marks(res, nodes, lay.xy, radius)
    parts += _names(placed)
    parts += _legend(legend, page)
    parts.append("</svg>")
    caption = _caption(drawn, layout, w)
    return NetworkPicture("\n".join(parts), caption, width_mm, height_mm, layout, drawn,
                          L.spread(lay.xy, page.width, page.height), tuple(placed), lay.xy)


def _words(words: Mapping[str, str] | None) -> dict[str, str]:
    unknown = set(words or {}) - set(WORDS)
    if unknown:
        raise ValueError(f"unknown picture words: {', '.join(sorted(unknown))}; known: {', '.join(WORDS)}")
    return {**WORDS, **(words or {})}


def _shower(res: "NetworkResult", label: "Label") -> Callable[[int], str]:
    ids = res.net.ids
    if label is None:
        return lambda i: ids[i]
    return lambda i: label(ids[i]) or ids[i]


# -- geometry ---------------------------------------------------------------------------

def _page(width: float, height: float, legend: list[tuple], n: int) -> _Page:
    rows = _legend_rows(legend, width - 4)
    legend_h = len(rows) * LEGEND_PT * 1.5 + 3 if rows else 0.0
    frame = Rect(2, legend_h + 2, width - 4, height - legend_h - 4)
    spacing = math.sqrt(frame.area / max(n, 1))
    r_max = min(6.0, max(2.2, 0.32 * spacing))
    r_min = min(2.0, max(0.8, 0.12 * spacing))
    return _Page(width, height, Rect(2, 2, width - 4, legend_h), frame, r_min, r_max)


def _radius(res: "NetworkResult", nodes: np.ndarray, page: _Page) -> np.ndarray:
    pr = res.metrics.pagerank[nodes] if nodes.size else np.zeros(0)
    top = float(pr.max()) if pr.size and pr.max() > 0 else 1.0
    r = page.r_min + (page.r_max - page.r_min) * np.sqrt(pr / top)
    return np.where(res.net.is_government[nodes], np.maximum(r, GOV_HALF), r)  # a square's half side


# -- names ------------------------------------------------------------------------------

def _wanted(res: "NetworkResult", order: np.ndarray, nodes: np.ndarray, lay: L.Layout, radius: np.ndarray, show,
            page: _Page, budget: int | None) -> list[Wanted]:
    """Names in order of importance: government, each group's most central account, then the groups' next in turn.

    The marks of the first two kinds are kept clear of other names. ``order``: ``res.ranking()``.
    """
    position = np.full(res.net.n_nodes, -1, dtype=np.int64)
    position[nodes] = np.arange(nodes.size)
    ranked = position[order]
    ranked = ranked[ranked >= 0]  # drawn accounts, most central first
    gov = res.net.is_government[nodes]
    queues = _group_queues(res, nodes, lay, ranked, gov, page, budget)
    leaders = [q[0] for q in queues if q]
    order_of_names = [int(k) for k in ranked if gov[k]] + leaders
    for turn in range(1, MAX_NAMES_PER_GROUP):
        order_of_names += [q[turn] for q in queues if turn < len(q)]
    clear = set(order_of_names[: len(leaders) + int(gov.sum())])
    box_of = _box_of(lay, res.community[nodes])
    out = []
    for k in order_of_names:
        x, y = lay.xy[k]
        out.append(Wanted(shorten(show(int(nodes[k]))), float(x), float(y), float(radius[k]), NAME_PT, bool(gov[k]),
                          box_of[k] if box_of else None, keep_clear=k in clear))
    return out


def _box_of(lay: L.Layout, comm: np.ndarray) -> list[Rect] | None:
    """Each drawn account's box (group-in-a-box), else None."""
    if not lay.boxes:
        return None
    rect = {b.group: b.rect for b in lay.boxes}
    other = rect.get(None)
    return [rect.get(int(c), other) for c in comm.tolist()]


def _group_queues(res, nodes, lay: L.Layout, ranked: np.ndarray, gov: np.ndarray, page: _Page, budget) -> list[list[int]]:
    """Per group (box order; for the force layout, by size), its most central non-government accounts to name."""
    comm = res.community[nodes]
    total = budget if budget is not None else round(NAMES_PER_KMM2 * page.frame.area / MM / MM / 1000)
    if lay.boxes:
        own = [b.group for b in lay.boxes if b.group is not None]
        groups = [(b.group, b.rect.area / page.frame.area) for b in lay.boxes]
    else:
        ids, counts = np.unique(comm, return_counts=True)
        keep = [k for k in np.lexsort((ids, -counts)) if counts[k] >= L.MIN_BOX][:L.MAX_BOXES]
        own = [int(ids[k]) for k in keep]
        groups = [(int(ids[k]), counts[k] / max(nodes.size, 1)) for k in keep]
    queues = []
    for group, share in groups:
        member = np.isin(comm[ranked], own, invert=True) if group is None else comm[ranked] == group
        quota = min(MAX_NAMES_PER_GROUP, max(1, round(total * share)))
        queues.append([int(k) for k in ranked[member & ~gov[ranked]][:quota]])
    return queues


# -- legend -----------------------------------------------------------------------------

def _legend_entries(res: "NetworkResult", nodes: np.ndarray, w: dict, names: Mapping[int, str] | None) -> list[tuple]:
    """(kind, colour, text): the coloured groups drawn, the grey rest, government."""
    sizes = np.bincount(res.community) if res.community.size else np.zeros(1, dtype=int)
    drawn = set(np.unique(res.community[nodes]).tolist())
    out = []
    for c in sorted(g for g in drawn if group_colour(g) != OTHER and sizes[g] > 1):  # one account: no group
        name = w["group"].format(id=c, name=shorten((names or {}).get(c) or str(c), 24))
        out.append(("group", group_colour(c), f"{name} · {_num(int(sizes[c]), w)}"))
    if any(group_colour(g) == OTHER for g in drawn):
        out.append(("group", OTHER, w["other"]))
    if res.net.is_government[nodes].any():
        out.append(("government", GOVERNMENT, w["government"]))
    return out


def _legend_rows(entries: list[tuple], width: float) -> list[list[tuple[float, tuple]]]:
    rows: list[list[tuple[float, tuple]]] = []
    x = width + 1
    for e in entries:
        size = 4 * LEGEND_PT / 7 * 2 + 3 + text_width(e[2], LEGEND_PT) + 9
        if x + size > width and (not rows or rows[-1]):
            rows.append([])
            x = 0.0
        rows[-1].append((x, e))
        x += size
    return rows


def _fit_legend(entries: list[tuple], width: float, height: float) -> list[tuple]:
    """The entries that fit in :data:`LEGEND_SHARE` of the height; the groups left off counted ("+3")."""
    most = max(1, int(LEGEND_SHARE * height // (LEGEND_PT * 1.5)))
    groups = [e for e in entries if e[0] == "group" and e[1] != OTHER]
    rest = [e for e in entries if e not in groups]
    keep = len(groups)
    while keep > 0 and len(_legend_rows(groups[:keep] + _more(len(groups) - keep) + rest, width)) > most:
        keep -= 1
    return groups[:keep] + _more(len(groups) - keep) + rest


def _more(k: int) -> list[tuple]:
    return [("more", None, f"+{k}")] if k else []


def _legend(entries: list[tuple], page: _Page) -> list[str]:
    out = ['<g font-size="%.1f" fill="#222">' % LEGEND_PT]
    for r, row in enumerate(_legend_rows(entries, page.legend.w)):
        y = page.legend.y + (r + 0.5) * LEGEND_PT * 1.5
        for x0, (kind, colour, text) in row:
            x = page.legend.x + x0
            s = 2.6
            if kind == "more":
                out.append(f'<text x="{x:.1f}" y="{y + 0.35 * LEGEND_PT:.1f}">{xml_text(text)}</text>')
                continue
            if kind == "government":
                out.append(f'<rect x="{x:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" fill="#fff" '
                           f'stroke="{colour}" stroke-width="1.2"/>')
            else:
                out.append(f'<circle cx="{x + s:.1f}" cy="{y:.1f}" r="{s:.1f}" fill="{colour}"/>')
            out.append(f'<text x="{x + 2 * s + 3:.1f}" y="{y + 0.35 * LEGEND_PT:.1f}">{xml_text(text)}</text>')
    out.append("</g>")
    return out


# -- marks and ties ----------------------------------------------------------------------

def _boxes(lay: L.Layout) -> list[str]:
    return [f'<rect x="{b.rect.x:.1f}" y="{b.rect.y:.1f}" width="{b.rect.w:.1f}" height="{b.rect.h:.1f}" '
            f'fill="none" stroke="{group_colour(b.group)}" stroke-opacity="0.7" stroke-width="0.6"/>'
            for b in lay.boxes]


def _ties(res: "NetworkResult", nodes: np.ndarray, xy: np.ndarray) -> list[str]:
    net = res.net
    position = np.full(net.n_nodes, -1, dtype=np.int64)
    position[nodes] = np.arange(nodes.size)
    inside = np.flatnonzero((position[net.src] >= 0) & (position[net.dst] >= 0))
    a, b = position[net.src[inside]], position[net.dst[inside]]
    weight = net.weight[inside].astype(float)
    comm = res.community[nodes]
    same = comm[a] == comm[b]
    out = []
    for mask, limit, style in ((~same, MAX_CROSS_TIES, 'stroke="#8c8c8c" stroke-opacity="0.1" stroke-width="0.3"'),
                               (same, MAX_INNER_TIES, 'stroke="#6e6e6e" stroke-opacity="0.32" stroke-width="0.4"')):
        idx = np.flatnonzero(mask)
        idx = idx[np.argsort(-weight[idx], kind="stable")[:limit]]
        if idx.size:
            d = " ".join(f"M{xy[a[e], 0]:.1f} {xy[a[e], 1]:.1f}L{xy[b[e], 0]:.1f} {xy[b[e], 1]:.1f}" for e in idx.tolist())
            out.append(f'<path fill="none" {style} d="{d}"/>')
    return out


def _marks(res: "NetworkResult", nodes: np.ndarray, xy: np.ndarray, radius: np.ndarray) -> list[str]:
    gov = res.net.is_government[nodes]
    comm = res.community[nodes]
    order = np.lexsort((gov, radius))  # small first, government last: the important lie on top
    out = ['<g stroke="#ffffff" stroke-width="0.3">']
    for k in order.tolist():
        x, y = xy[k]
        r = radius[k]
        colour = group_colour(int(comm[k]))
        if gov[k]:
            s = r
            out.append(f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" fill="{colour}" '
                       f'stroke="{GOVERNMENT}" stroke-width="1.2"/>')
        else:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.2f}" fill="{colour}"/>')
    out.append("</g>")
    return out


def _names(placed: list[Placed]) -> list[str]:
    out = ['<g>']
    for p in placed:
        if p.leader:
            out.append(f'<line x1="{p.leader[0]:.1f}" y1="{p.leader[1]:.1f}" x2="{p.leader[2]:.1f}" y2="{p.leader[3]:.1f}" '
                       'stroke="#555" stroke-width="0.4"/>')
        b = p.box
        out.append(f'<rect x="{b.x - 0.6:.1f}" y="{b.y:.1f}" width="{b.w + 1.2:.1f}" height="{b.h:.1f}" rx="1" '
                   'fill="#ffffff" fill-opacity="0.88"/>')
        weight = ' font-weight="bold"' if p.wanted.bold else ""
        fill = GOVERNMENT if p.wanted.bold else "#111"
        out.append(f'<text x="{p.x:.1f}" y="{p.y:.1f}" font-size="{p.wanted.size:.1f}"{weight} fill="{fill}">'
                   f'{xml_text(p.wanted.text)}</text>')
    out.append("</g>")
    return out


# -- caption ----------------------------------------------------------------------------

def _num(n: int, w: Mapping[str, str]) -> str:
    return f"{n:,}".replace(",", w["thousands"])


def _caption(drawn: Drawn, layout: str, w: dict) -> str:
    values = {"drawn": _num(drawn.drawn, w), "total": _num(drawn.total, w), "loose": _num(drawn.loose, w),
              "less_central": _num(drawn.less_central, w), "min_part": drawn.min_part}
    if drawn.total == 0:
        said = [w["empty"].format(**values)]
    elif drawn.drawn == drawn.total:
        said = [w["all_drawn"].format(**values)]
    else:
        said = [w["drawn"].format(**values)]
        said += [w[k].format(**values) for k in ("loose", "less_central") if getattr(drawn, k)]
    parts = [w["caption"].strip(), "; ".join(said) + ".", w[f"layout_{layout}"]]
    return " ".join(p for p in parts if p)
