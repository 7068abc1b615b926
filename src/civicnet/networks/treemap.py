"""Squarified treemaps: a rectangle cut into boxes whose areas follow given sizes.

Bruls, Huizing and van Wijk (2000), "Squarified treemaps": boxes are laid in rows
along the shorter side of the space left; a row grows while that makes its worst
aspect ratio better, then the next row starts in what remains. The boxes tile the
rectangle exactly (no gaps, no overlap), in the order of the sizes given; sizes in
descending order give the squarest boxes. The group-in-a-box layout (:mod:`.layout`)
gives each group one box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle: left ``x``, top ``y``, width ``w``, height ``h``."""

    x: float
    y: float
    w: float
    h: float

    @property
    def area(self) -> float:
        return self.w * self.h

    def inset(self, d: float) -> "Rect":
        """The rectangle shrunk by ``d`` on every side (never below zero size)."""
        dx, dy = min(d, self.w / 2), min(d, self.h / 2)
        return Rect(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


def squarify(sizes: Sequence[float], rect: Rect) -> list[Rect]:
    """One box per size, tiling ``rect``, each box's area proportional to its size.

    Sizes must be positive. The boxes come back in the order of ``sizes``.

    >>> [round(b.area) for b in squarify([3, 1], Rect(0, 0, 4, 1))]
    [3, 1]
    """
    if not sizes:
        return []
    if any(s <= 0 for s in sizes):
        raise ValueError("treemap sizes must be positive")
    scale = rect.area / float(sum(sizes))
    areas = [s * scale for s in sizes]
    out: list[Rect] = []
    space = rect
    i = 0
    while i < len(areas):
        side = min(space.w, space.h)
        row = [areas[i]]
        i += 1
        while i < len(areas) and _worst(row + [areas[i]], side) <= _worst(row, side):
            row.append(areas[i])
            i += 1
        boxes, space = _lay_row(row, space, last=i == len(areas))
        out.extend(boxes)
    return out


def _worst(row: list[float], side: float) -> float:
    """The worst aspect ratio of ``row`` laid along a side of length ``side``."""
    total = sum(row)
    if total <= 0 or side <= 0:
        return float("inf")
    s2, t2 = side * side, total * total
    return max(max(s2 * a / t2, t2 / (s2 * a)) for a in row)


def _lay_row(row: list[float], space: Rect, last: bool) -> tuple[list[Rect], Rect]:
    """The row's boxes along the shorter side of ``space``, and the space left beside them."""
    total = sum(row)
    boxes = []
    if space.w >= space.h:  # a column at the left, boxes stacked downwards
        width = space.w if last else (total / space.h if space.h > 0 else 0.0)
        y = space.y
        for k, a in enumerate(row):
            h = space.y + space.h - y if k == len(row) - 1 else (a / width if width > 0 else 0.0)
            boxes.append(Rect(space.x, y, width, h))
            y += h
        return boxes, Rect(space.x + width, space.y, space.w - width, space.h)
    height = space.h if last else (total / space.w if space.w > 0 else 0.0)
    x = space.x
    for k, a in enumerate(row):
        w = space.x + space.w - x if k == len(row) - 1 else (a / height if height > 0 else 0.0)
        boxes.append(Rect(x, space.y, w, height))
        x += w
    return boxes, Rect(space.x, space.y + height, space.w, space.h - height)
