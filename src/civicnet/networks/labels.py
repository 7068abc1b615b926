"""Names on a picture, placed so that none overlaps another.

Sizes are in printed points. A name's width is measured with the advance widths of
DejaVu Sans, the factsheet's font (:mod:`civicnet.fontmetrics`).

:func:`place_labels` is greedy: names are taken in the order given (most important
first); each takes a free candidate position: beside its mark (right, left, above,
below), or farther out on four rings, joined to its mark by a leader line. A position is
free when the name's box stays inside the frame, keeps :data:`PAD_X`/:data:`PAD_Y` from
every name already placed, and covers no obstacle, no mark of a name placed before it
and no ``keep_clear`` mark. Of the free positions it prefers, in this order: beside the
mark, inside the name's own area (its group's box) and on no other mark; beside it
inside its area; farther out inside its area; then the same outside it. A name with no
free position is dropped: the least important are the ones that go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..fontmetrics import text_width
from .treemap import Rect

#: Height of a name's box, in em (ascent + descent of DejaVu Sans, rounded up).
LINE = 1.2
#: Space kept between two names, in points: beside each other (wider than a space, so that
#: two names never read as one), and above each other.
PAD_X, PAD_Y = 4.5, 1.5
#: The longest name drawn, in characters; longer names end in "…".
MAX_CHARS = 26


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…"."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Wanted:
    """A name to place beside a mark at (x, y) of radius ``r`` (points), if it can be inside ``within``.

    ``keep_clear``: no other name may cover this mark, even when this name finds no place.
    """

    text: str
    x: float
    y: float
    r: float
    size: float
    bold: bool = False
    within: Rect | None = None
    keep_clear: bool = False


@dataclass(frozen=True)
class Placed:
    """A placed name: text anchored at its left baseline (x, y), its box, and a leader line or None."""

    wanted: Wanted
    x: float
    y: float
    box: Rect
    leader: tuple[float, float, float, float] | None


#: Directions tried beside the mark, in order: right, left, above, below (a name set
#: diagonally off its mark is easily read as another's: those get a leader line).
_BESIDE = ((1, 0), (-1, 0), (0, -1), (0, 1))
#: Rings farther out (in line heights beyond the mark), each tried at 24 angles.
_RINGS = (1.5, 3.0, 4.5, 6.0)


def place_labels(wanted: Sequence[Wanted], frame: Rect, obstacles: Sequence[Rect] = (),
                 dots: np.ndarray | None = None) -> list[Placed]:
    """Greedy placement without overlap (module docstring); the names that fit, in the order given.

    A name never covers the mark of a name placed before it or of a ``keep_clear`` name,
    and a name whose own mark lies under a name placed before it is dropped. ``dots``:
    (x, y, r) rows of all other marks, which a name beside its mark avoids if it can.
    """
    names: list[Rect] = []
    marks = [_mark_box(w) for w in wanted]
    clear = [k for k, w in enumerate(wanted) if w.keep_clear]
    guarded: list[Rect] = list(obstacles)
    dots = np.zeros((0, 3)) if dots is None else np.asarray(dots, dtype=float)
    placed: list[Placed] = []
    for k, w in enumerate(wanted):
        if _hits(marks[k], names):
            continue
        avoid = guarded + [marks[j] for j in clear if j != k]
        spot = _first_free(w, frame, names, avoid, dots)
        if spot is not None:
            placed.append(spot)
            names.append(spot.box)
            guarded.append(marks[k])
    return placed


def _first_free(w: Wanted, frame: Rect, names: list[Rect], avoid: list[Rect], dots: np.ndarray) -> "Placed | None":
    """The best free candidate (:func:`_tier`), the first in candidate order among equals."""
    best, best_tier = None, 99
    for spot in _candidates(w):
        if not _inside(spot.box, frame) or _hits(Rect(spot.box.x - PAD_X, spot.box.y - PAD_Y, spot.box.w + 2 * PAD_X, spot.box.h + 2 * PAD_Y), names) or _hits(spot.box, avoid):
            continue
        tier = _tier(w, spot, dots, best_tier)
        if tier < best_tier:
            best, best_tier = spot, tier
            if tier == 0:
                break
    return best


def _tier(w: Wanted, spot: "Placed", dots: np.ndarray, worse_than: int) -> int:
    """0 beside the mark, in its own area, on no other mark; 1 beside, in its area; 2 farther, in its area;
    3–5 the same outside its area."""
    inside = w.within is None or _inside(spot.box, w.within)
    base = 0 if inside else 3
    if spot.leader is not None:
        return base + 2
    if base >= worse_than:
        return base
    return base if not _covers(spot.box, dots, (w.x, w.y)) else base + 1


def _covers(box: Rect, dots: np.ndarray, own: tuple[float, float]) -> bool:
    """Whether ``box`` covers any of ``dots`` (x, y, r) other than the one at ``own``."""
    if dots.size == 0:
        return False
    x, y, r = dots[:, 0], dots[:, 1], dots[:, 2]
    hit = (x + r > box.x) & (x - r < box.x + box.w) & (y + r > box.y) & (y - r < box.y + box.h)
    hit &= (x != own[0]) | (y != own[1])
    return bool(hit.any())


def _mark_box(w: Wanted) -> Rect:
    return Rect(w.x - w.r, w.y - w.r, 2 * w.r, 2 * w.r)


def _candidates(w: Wanted):
    width = text_width(w.text, w.size, w.bold)
    height = LINE * w.size
    gap = 0.25 * w.size
    for dx, dy in _BESIDE:
        cx = w.x + dx * (w.r + gap + width / 2)
        cy = w.y + dy * (w.r + gap + height / 2)
        yield _at(w, cx, cy, width, height, None)
    for ring in _RINGS:
        reach = w.r + ring * height
        for step in range(24):
            angle = step * math.pi / 12
            ux, uy = math.cos(angle), math.sin(angle)
            cx = w.x + ux * (reach + width / 2)
            cy = w.y + uy * (reach + height / 2)
            end = (cx - ux * width / 2, cy - uy * height / 2)
            start = (w.x + ux * w.r, w.y + uy * w.r)
            yield _at(w, cx, cy, width, height, (*start, *end))


def _at(w: Wanted, cx: float, cy: float, width: float, height: float, leader) -> Placed:
    box = Rect(cx - width / 2, cy - height / 2, width, height)
    baseline = box.y + 0.93 * w.size  # DejaVu Sans ascent, as a share of the size
    return Placed(w, box.x, baseline, box, leader)


def _inside(box: Rect, frame: Rect) -> bool:
    return box.x >= frame.x and box.y >= frame.y and box.x + box.w <= frame.x + frame.w and box.y + box.h <= frame.y + frame.h


def _hits(box: Rect, boxes: Sequence[Rect]) -> bool:
    for b in boxes:
        if box.x < b.x + b.w and b.x < box.x + box.w and box.y < b.y + b.h and b.y < box.y + box.h:
            return True
    return False


def overlaps(boxes: Sequence[Rect]) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap (for checks)."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if _hits(boxes[i], [boxes[j]])]
