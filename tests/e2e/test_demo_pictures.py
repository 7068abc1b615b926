"""The factsheet's network picture on every demo case, read back out of factsheet.html.

Checked against the written tables, not against the drawing code: the picture's marks
(read from the SVG) span at least half its width and height in their middle 90 %;
every text is at least 6 pt at the picture's printed width; the caption's counts agree
with the network in nodes.csv/edges.csv (loose accounts = accounts in connected parts
smaller than the caption says, government excepted). The force layout and the second
networks are measured by benchmarks/pictures.py.
"""

from __future__ import annotations

import math
import re

import igraph
import numpy as np
import pytest
from lxml import etree

from _e2e_helpers import NAMES

SVG = "{http://www.w3.org/2000/svg}"
GOVERNMENT = "#D0582A"


def _picture(run) -> etree._Element:
    html = (run.out / "factsheet.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="d">'):]
    svg = re.search(r"<svg\b.*?</svg>", section, re.S).group(0)
    return etree.fromstring(svg.encode("utf-8"))


def _caption(run) -> str:
    html = (run.out / "factsheet.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="d">'):]
    return re.search(r"<figcaption>(.*?)</figcaption>", section, re.S).group(1)


def _marks(root) -> np.ndarray:
    pts = []
    for g in root.iter(f"{SVG}g"):
        if g.get("stroke") != "#ffffff":
            continue
        for c in g.iter(f"{SVG}circle"):
            pts.append((float(c.get("cx")), float(c.get("cy"))))
        for r in g.iter(f"{SVG}rect"):
            pts.append((float(r.get("x")) + float(r.get("width")) / 2, float(r.get("y")) + float(r.get("height")) / 2))
    return np.array(pts)


def _int(text: str) -> int:
    return int(text.replace(".", ""))


@pytest.mark.parametrize("name", NAMES)
def test_the_picture_uses_its_frame(demo_runs, name):
    root = _picture(demo_runs[name])
    _, _, width, height = map(float, root.get("viewBox").split())
    xy = _marks(root)
    lo, hi = np.percentile(xy, 5, axis=0), np.percentile(xy, 95, axis=0)
    assert (hi[0] - lo[0]) / width >= 0.5 and (hi[1] - lo[1]) / height >= 0.5, ((hi - lo) / [width, height])


@pytest.mark.parametrize("name", NAMES)
def test_every_text_of_the_picture_is_at_least_6_pt_printed(demo_runs, name):
    root = _picture(demo_runs[name])
    width_mm = float(root.get("width").removesuffix("mm"))
    points_per_unit = width_mm * 72 / 25.4 / float(root.get("viewBox").split()[2])
    sizes = []
    for text in root.iter(f"{SVG}text"):
        node = text
        while node.get("font-size") is None:
            node = node.getparent()
        sizes.append(float(node.get("font-size")) * points_per_unit)
    assert len(sizes) > 5 and min(sizes) >= 6.0


@pytest.mark.parametrize("name", NAMES)
def test_the_caption_counts_what_is_drawn_and_left_out(demo_runs, name):
    """Over every picture of section d (one, or one per platform: together the main network)."""
    run = demo_runs[name]
    accounts = list(run.nodes)
    index = {a: i for i, a in enumerate(accounts)}
    g = igraph.Graph(n=len(accounts), edges=[(index[e["source"]], index[e["target"]]) for e in run.edges])
    drawn = total = loose_total = 0
    minimum = None
    for root, caption in _pictures(run):
        marks = len(_marks(root))
        if m := re.search(r"Alle ([\d.]+) accounts getekend", caption):
            assert _int(m.group(1)) == marks
            drawn, total = drawn + marks, total + marks
            continue
        m = re.search(r"([\d.]+) van ([\d.]+) accounts getekend", caption)
        assert m, caption
        assert _int(m.group(1)) == marks
        drawn, total = drawn + marks, total + _int(m.group(2))
        if loose := re.search(r"([\d.]+) losse accounts \(in delen van minder dan (\d+)\)", caption):
            loose_total += _int(loose.group(1))
            minimum = int(loose.group(2))
    assert total == len(accounts)
    gov = {a for a, n in run.nodes.items() if n["is_government"] == "true"}
    smallest = max(3, math.ceil(0.01 * min(len(accounts), 1500)))
    expected = sum(1 for part in g.connected_components() if len(part) < smallest
                   for v in part if accounts[v] not in gov
                   and not any(accounts[u] in gov for u in part))
    assert loose_total == expected and minimum in (None, smallest)


def _pictures(run):
    """Every picture of section d with its caption."""
    html = (run.out / "factsheet.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="d">'):html.index('<section id="e">')]
    figures = re.findall(r"<figure[^>]*>(<svg\b.*?</svg>)<figcaption>(.*?)</figcaption>", section, re.S)
    assert figures
    return [(etree.fromstring(svg.encode("utf-8")), caption) for svg, caption in figures]


@pytest.mark.parametrize("name", ["benno-l", "aardbeving-groningen", "ocw"])
def test_government_is_named_by_display_name_and_the_caption_is_not_in_the_picture(demo_runs, name):
    run = demo_runs[name]
    root = _picture(run)
    texts = {t.text for t in root.iter(f"{SVG}text")}
    gov = [g for g in run.planted["government_accounts"] if g["name"]]
    drawn = {g["name"] for g in gov}
    assert drawn and drawn <= texts, drawn - texts
    caption = _caption(run)
    assert not any(t and len(t) > 30 and t in caption for t in texts)
    assert "Indeling: groep in een kader" in caption
