"""Treemap tiling, group boxes and the stretch that makes a layout fill its box."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from civicnet.networks.layout import BOX_FLOOR, MIN_BOX, box_plan, fit, group_in_a_box, place
from civicnet.networks.treemap import Rect, squarify


def _overlap(a: Rect, b: Rect) -> float:
    w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
    h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
    return max(w, 0.0) * max(h, 0.0)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("frame", [Rect(0, 0, 400, 300), Rect(10, 20, 120, 500), Rect(-1, -1, 2, 2)])
def test_treemap_tiles_the_frame_without_overlap_and_areas_follow_sizes(seed, frame):
    rng = np.random.default_rng(seed)
    sizes = sorted(rng.pareto(1.2, rng.integers(1, 30)) + 0.05, reverse=seed % 2 == 0)
    boxes = squarify(sizes, frame)
    assert len(boxes) == len(sizes)
    eps = 1e-9 * frame.area
    for b in boxes:
        assert b.w >= 0 and b.h >= 0
        assert b.x >= frame.x - 1e-9 and b.y >= frame.y - 1e-9
        assert b.x + b.w <= frame.x + frame.w + 1e-9 and b.y + b.h <= frame.y + frame.h + 1e-9
    for a, b in itertools.combinations(boxes, 2):
        assert _overlap(a, b) <= eps
    assert sum(b.area for b in boxes) == pytest.approx(frame.area, rel=1e-9)
    total = sum(sizes)
    for s, b in zip(sizes, boxes):
        assert b.area == pytest.approx(frame.area * s / total, rel=1e-6, abs=eps)


def test_treemap_boxes_are_squarish_for_sorted_sizes():
    boxes = squarify([30, 20, 15, 10, 8, 6, 5, 3, 2, 1], Rect(0, 0, 300, 200))
    assert max(max(b.w / b.h, b.h / b.w) for b in boxes) < 4


def test_treemap_refuses_non_positive_sizes():
    assert squarify([], Rect(0, 0, 1, 1)) == []
    with pytest.raises(ValueError):
        squarify([1, 0], Rect(0, 0, 1, 1))


def test_group_boxes_have_areas_proportional_to_members_with_a_floor():
    # groups of 300, 120, 40, 5 and 3 drawn accounts, plus 2 accounts of groups too small for a box
    groups = np.repeat([1, 2, 3, 4, 5, 6, 7], [300, 120, 40, 5, 3, 1, 1])
    n = groups.size
    frame = Rect(0, 0, 600, 400)
    lay = group_in_a_box(np.zeros((0, 2), dtype=np.int64), groups, frame)
    got = {b.group: b for b in lay.boxes}
    assert set(got) == {1, 2, 3, 4, 5, None} and got[None].members == 2
    floor = BOX_FLOOR * n
    weights = {g: max(m, floor) for g, m in {1: 300, 2: 120, 3: 40, 4: 5, 5: 3, None: 2}.items()}
    total = sum(weights.values())
    for g, b in got.items():
        assert b.rect.area == pytest.approx(frame.area * weights[g] / total, rel=1e-6)
    assert sum(b.rect.area for b in lay.boxes) == pytest.approx(frame.area)


def test_box_order_largest_first_then_governments_group():
    groups = np.repeat([1, 2, 3, 4], [50, 40, 30, 20])
    gov = np.zeros(groups.size, dtype=bool)
    gov[-1] = True  # in group 4
    assert [g for g, _ in box_plan(groups, gov)] == [1, 4, 2, 3]
    gov[:] = False
    gov[0] = True  # in the largest group already
    assert [g for g, _ in box_plan(groups, gov)] == [1, 2, 3, 4]
    small = np.repeat([1, 2], [10, MIN_BOX - 1])
    assert box_plan(small, np.zeros(small.size, dtype=bool)) == [(1, 10), (None, MIN_BOX - 1)]


def test_fit_fills_the_box_and_keeps_everyone_inside():
    rng = np.random.default_rng(3)
    xy = np.vstack([rng.normal(0, 1, (500, 2)), [[40, 0], [0, -60]]])  # a blob and two far outliers
    rect = Rect(10, 10, 200, 100)
    out = fit(xy, rect)
    assert (out[:, 0] >= 10).all() and (out[:, 0] <= 210).all() and (out[:, 1] >= 10).all() and (out[:, 1] <= 110).all()
    lo, hi = np.percentile(out, 5, axis=0), np.percentile(out, 95, axis=0)
    assert (hi - lo)[0] >= 0.6 * 200 and (hi - lo)[1] >= 0.6 * 100
    few = fit(np.array([[0.0, 0.0], [1.0, 1.0]]), rect)  # shape kept, centred
    assert few[1, 0] - few[0, 0] == pytest.approx(few[1, 1] - few[0, 1])
    assert few.mean(axis=0) == pytest.approx([110, 60])


def test_parts_are_packed_not_scattered():
    # two triangles and an isolated account: each part gets a cell of its own
    ties = np.array([[0, 1], [1, 2], [2, 0], [3, 4], [4, 5], [5, 3]])
    xy = place(ties, 7, Rect(0, 0, 100, 100), seed=1)
    assert (xy >= 0).all() and (xy <= 100).all()
    first, second = xy[:3], xy[3:6]
    gap = np.min(np.linalg.norm(first[:, None] - second[None], axis=2))
    assert gap > 5  # the triangles do not overlap
