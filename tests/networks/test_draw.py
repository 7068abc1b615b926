"""The network picture: what is drawn, where, with which names, at which printed size.

Expected figures are computed here independently: the tiling by plain geometry, the
spread from the marks' coordinates read back out of the SVG, the loose accounts from
the planted parts, the text sizes from the SVG's own attributes and its printed width.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from lxml import etree

from civicnet.networks import analyse_network, network_from_edges
from civicnet.networks.labels import overlaps, shorten
from civicnet.networks.palette import GOVERNMENT, OTHER, PALETTE
from civicnet.networks.selection import drawn_part

SVG = "{http://www.w3.org/2000/svg}"
PT_PER_MM = 72 / 25.4


def planted(sizes, p_in=0.15, p_out=0.002, seed=1, government=(), hubs=True, extra_nodes=0, directed=True):
    """Groups of the given sizes, denser inside; per group a few hubs (many ties), as mention networks have."""
    rng = np.random.default_rng(seed)
    group = np.repeat(np.arange(len(sizes)), sizes)
    n = int(group.size) + extra_nodes
    src, dst = [], []
    start = 0
    for size in sizes:
        members = np.arange(start, start + size)
        pairs = rng.random((size, size)) < p_in
        a, b = np.nonzero(np.triu(pairs, 1))
        src += members[a].tolist()
        dst += members[b].tolist()
        if hubs:
            for hub in members[:3]:
                fans = rng.choice(members, size=max(1, size // 3), replace=False)
                src += fans.tolist()
                dst += [int(hub)] * fans.size
        start += size
    m = int(p_out * group.size * group.size / 2)
    a, b = rng.integers(0, group.size, m), rng.integers(0, group.size, m)
    src += a.tolist()
    dst += b.tolist()
    ids = [f"acct{i:05d}" for i in range(n)]
    gov = np.zeros(n, dtype=bool)
    gov[list(government)] = True
    return analyse_network(network_from_edges(ids, src, dst, is_government=gov, directed=directed))


def marks(svg: str) -> tuple[np.ndarray, float, float]:
    """Centres of the account marks (circles, and squares outlined in the government colour) and the viewBox size."""
    root = etree.fromstring(svg.encode("utf-8"))
    _, _, width, height = map(float, root.get("viewBox").split())
    pts = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{SVG}circle") if c.get("r") and
           c.getparent().get("stroke") == "#ffffff"]
    for r in root.iter(f"{SVG}rect"):
        if r.get("stroke") == GOVERNMENT and r.getparent().get("stroke") == "#ffffff":
            pts.append((float(r.get("x")) + float(r.get("width")) / 2, float(r.get("y")) + float(r.get("height")) / 2))
    return np.array(pts), width, height


def middle_90(xy: np.ndarray, width: float, height: float) -> tuple[float, float]:
    lo, hi = np.percentile(xy, 5, axis=0), np.percentile(xy, 95, axis=0)
    return (hi[0] - lo[0]) / width, (hi[1] - lo[1]) / height


def printed_text_sizes(pic) -> list[float]:
    """Every text's font size in printed points, with the picture printed at its stated width."""
    root = etree.fromstring(pic.svg.encode("utf-8"))
    assert root.get("width") == f"{pic.width_mm:g}mm" and root.get("height") == f"{pic.height_mm:g}mm"
    view_width = float(root.get("viewBox").split()[2])
    points_per_unit = pic.width_mm * PT_PER_MM / view_width
    sizes = []
    for text in root.iter(f"{SVG}text"):
        node = text
        while node is not None and node.get("font-size") is None:
            node = node.getparent()
        assert node is not None, "a text without a font size"
        sizes.append(float(node.get("font-size")) * points_per_unit)
    return sizes


# -- what is drawn -------------------------------------------------------------------------


def test_loose_accounts_are_left_out_and_counted_government_always_drawn():
    # a part of 30 (a ring with chords), one of 5, three pairs, four isolated accounts, an isolated government account
    src = list(range(30)) + [0, 5, 10] + [30, 31, 32, 33] + [35, 37, 39]
    dst = [(i + 1) % 30 for i in range(30)] + [15, 20, 25] + [31, 32, 33, 34] + [36, 38, 40]
    ids = [f"a{i}" for i in range(46)]
    gov = np.zeros(46, dtype=bool)
    gov[45] = True
    res = analyse_network(network_from_edges(ids, src, dst, is_government=gov))
    d = drawn_part(res, max_nodes=1500)
    assert sorted(d.nodes.tolist()) == list(range(35)) + [45]
    assert (d.total, d.loose, d.less_central, d.min_part) == (46, 10, 0, 3)
    pic = res.draw_svg()
    assert "36 of 46 accounts drawn; 10 loose accounts (in parts of fewer than 3) not drawn." in pic.caption
    assert "a45" in [t.text for t in etree.fromstring(pic.svg.encode()).iter(f"{SVG}text")]  # named, though alone
    words = {"drawn": "{drawn} van {total} accounts getekend", "loose": "{loose} losse accounts niet getekend",
             "thousands": ".", "caption": "Mention-netwerk."}
    assert res.draw_svg(words=words).caption.startswith("Mention-netwerk. 36 van 46 accounts getekend; 10 losse")


def test_a_large_network_draws_its_most_central_connected_part_within_the_limit():
    res = planted([700, 500, 300, 200], p_in=0.01, p_out=0.0004, government=[5, 1690], seed=3)
    d = drawn_part(res, max_nodes=600)
    assert 540 <= d.drawn <= 600 and {5, 1690} <= set(d.nodes.tolist())
    assert d.loose + d.less_central + d.drawn == d.total == 1700
    sub = res.undirected_graph.induced_subgraph(d.nodes.tolist())
    gov = res.net.is_government[d.nodes]
    for part in sub.connected_components():
        assert len(part) >= d.min_part or gov[part].any()
    pic = res.draw_svg(max_nodes=600)
    n = f"{d.drawn:,}"
    assert f"{n} of 1,700 accounts drawn" in pic.caption
    assert f"{d.less_central:,} less central accounts not drawn" in pic.caption
    xy, _, _ = marks(pic.svg)
    assert len(xy) == d.drawn


def test_empty_network_says_so():
    res = analyse_network(network_from_edges([], [], []))
    pic = res.draw_svg()
    assert pic.caption.startswith("No accounts to draw.") and pic.drawn.drawn == 0
    etree.fromstring(pic.svg.encode("utf-8"))


# -- layouts -------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["group-in-a-box", "force"])
@pytest.mark.parametrize("sizes", [[40, 25, 12, 6], [300, 200, 150, 80, 40, 20, 10, 5, 4, 3]])
def test_planted_groups_fill_the_picture(layout, sizes):
    res = planted(sizes, government=[1])
    pic = res.draw_svg(layout=layout, width_mm=158, height_mm=112)
    xy, width, height = marks(pic.svg)
    sx, sy = middle_90(xy, width, height)
    assert sx >= 0.5 and sy >= 0.5, (sx, sy)
    assert pic.spread == pytest.approx((sx, sy), abs=0.01)  # the engine's own measure agrees


@pytest.mark.parametrize("layout", ["group-in-a-box", "force"])
@pytest.mark.parametrize("n, seed", [(1500, 11), (4000, 12)])
def test_demo_sized_networks_fill_the_picture(layout, n, seed):
    # many groups of falling size, sparse as mention networks are, with hubs
    sizes = [int(s) for s in np.maximum(3, n * 0.6 ** np.arange(1, 14))]
    res = planted(sizes, p_in=min(0.05, 8 / sizes[0] * 4), p_out=0.5 / n, seed=seed, government=[2, sizes[0] + 1],
                  extra_nodes=n // 20)
    pic = res.draw_svg(layout=layout, width_mm=260, height_mm=170, max_nodes=1500)
    xy, width, height = marks(pic.svg)
    sx, sy = middle_90(xy, width, height)
    assert sx >= 0.5 and sy >= 0.5, (sx, sy)


def test_seeded_pictures_repeat():
    a = planted([60, 40, 20], seed=5).draw_svg()
    b = planted([60, 40, 20], seed=5).draw_svg()
    assert a.svg == b.svg and a.caption == b.caption


def test_group_in_a_box_puts_each_group_in_its_box_and_government_second():
    res = planted([80, 60, 40, 20], government=[150])  # government in the third planted group
    pic = res.draw_svg(width_mm=200, height_mm=130)
    from civicnet.networks.layout import lay_out
    from civicnet.networks.treemap import Rect

    lay = lay_out(res, pic.drawn.nodes, Rect(0, 0, 300, 200))
    gov_group = int(res.community[150])
    assert lay.boxes[0].members == max(b.members for b in lay.boxes)
    assert lay.boxes[1].group == gov_group or lay.boxes[0].group == gov_group
    comm = res.community[pic.drawn.nodes]
    for box in lay.boxes:
        inside = lay.xy[comm == box.group] if box.group is not None else lay.xy[~np.isin(comm, [b.group for b in lay.boxes])]
        r = box.rect
        assert ((inside[:, 0] >= r.x) & (inside[:, 0] <= r.x + r.w) & (inside[:, 1] >= r.y) & (inside[:, 1] <= r.y + r.h)).all()


def test_unknown_layout_or_words_are_refused():
    res = planted([10, 10])
    with pytest.raises(ValueError, match="layout"):
        res.draw_svg(layout="circle")
    with pytest.raises(ValueError, match="words"):
        res.draw_svg(words={"titel": "x"})
    with pytest.raises(ValueError, match="width"):
        res.draw_svg(width_mm=0)
    with pytest.raises(ValueError, match="at least 30"):
        res.draw_svg(width_mm=60, height_mm=10)


def test_a_legend_too_long_for_a_small_picture_counts_the_groups_left_off():
    res = planted([12] * 14, p_out=0.0)  # fourteen separate groups, twelve coloured
    pic = res.draw_svg(width_mm=40, height_mm=30)
    texts = [t.text for t in etree.fromstring(pic.svg.encode()).iter(f"{SVG}text")]
    legend = [t for t in texts if " · " in t]
    more = [t for t in texts if t.startswith("+")]
    assert more and len(legend) + int(more[0][1:]) == 12 and "other groups" in texts
    assert min(printed_text_sizes(pic)) >= 6.0


# -- names, sizes, colours -------------------------------------------------------------------


@pytest.mark.parametrize("width_mm, height_mm", [(260, 170), (158, 112), (120, 80)])
def test_every_text_is_at_least_6_pt_printed_and_names_never_overlap(width_mm, height_mm):
    res = planted([120, 90, 60, 30, 12, 6, 4, 3, 3, 3, 3, 3, 3], government=[0, 7, 130, 300])
    names = {ident: f"Account met een lange naam {ident[-3:]}" for ident in res.net.ids}
    pic = res.draw_svg(label=names.get, width_mm=width_mm, height_mm=height_mm)
    sizes = printed_text_sizes(pic)
    assert sizes and min(sizes) >= 6.0
    boxes = [p.box for p in pic.names]
    assert overlaps(boxes) == []
    view_w, view_h = width_mm * PT_PER_MM, height_mm * PT_PER_MM
    assert all(b.x >= 0 and b.y >= 0 and b.x + b.w <= view_w + 0.1 and b.y + b.h <= view_h + 0.1 for b in boxes)
    shown = {p.wanted.text for p in pic.names}
    assert {shorten(names[res.net.ids[i]]) for i in (0, 7, 130, 300)} <= shown  # every government account named here
    assert all(len(t) <= 26 for t in shown) and shorten(names[res.net.ids[0]]) == "Account met een lange naa…"


def test_a_small_multiple_has_fewer_names_and_stays_legible():
    res = planted([120, 90, 60, 30], government=[0])
    big = res.draw_svg(width_mm=260, height_mm=170)
    small = res.draw_svg(width_mm=120, height_mm=80)
    assert len(small.names) < len(big.names)
    assert min(printed_text_sizes(small)) >= 6.0


def test_names_come_from_the_caller_and_are_escaped():
    res = planted([20, 15], government=[0])
    hostile = {res.net.ids[0]: '<script>&"x"</script>', res.net.ids[1]: "Ærø ]]> & co"}
    pic = res.draw_svg(label=lambda i: hostile.get(i, i), group_names={1: "<b>NOS</b>"})
    assert "<script>" not in pic.svg and "<b>" not in pic.svg
    root = etree.fromstring(pic.svg.encode("utf-8"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert '<script>&"x"</script>' in texts
    size = int((res.community == 1).sum())
    assert f"Group <b>NOS</b> · {size}" in texts
    assert f"Group 2 · {int((res.community == 2).sum())}" in texts


def test_colours_follow_the_groups_and_government_is_outlined():
    res = planted([40, 30, 20, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10], p_out=0.0005, government=[3])
    pic = res.draw_svg()
    root = etree.fromstring(pic.svg.encode("utf-8"))
    fills = {}
    for c in root.iter(f"{SVG}circle"):
        if c.getparent().get("stroke") == "#ffffff":
            x, y = round(float(c.get("cx")), 1), round(float(c.get("cy")), 1)
            fills[(x, y)] = c.get("fill")
    xy = np.round(pic.positions, 1)
    comm = res.community[pic.drawn.nodes]
    gov = res.net.is_government[pic.drawn.nodes]
    for (x, y), c, g in zip(xy.tolist(), comm.tolist(), gov.tolist()):
        if not g:
            assert fills[(x, y)] == (PALETTE[c - 1] if c <= 12 else OTHER)
    squares = [r for r in root.iter(f"{SVG}rect") if r.get("stroke") == GOVERNMENT]
    assert len(squares) == 2  # the account and its legend entry
    assert GOVERNMENT not in PALETTE and len(set(PALETTE)) == 12


def test_names_do_not_overlap_in_the_printed_pdf(tmp_path):
    """Independently of our text widths: the PDF's own word boxes (poppler) do not overlap."""
    weasyprint = pytest.importorskip("weasyprint")
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext (Debian poppler-utils)")
    res = planted([120, 90, 60, 30, 12, 6], government=[0, 7, 130])
    names = {ident: f"Naam {ident[-4:]} van Dijk" for ident in res.net.ids}
    pic = res.draw_svg(label=names.get, width_mm=158, height_mm=112)
    html = f"<html><head><style>@page {{ size: 170mm 130mm; margin: 5mm }}</style></head><body>{pic.svg}</body></html>"
    weasyprint.HTML(string=html).write_pdf(tmp_path / "p.pdf")
    subprocess.run(["pdftotext", "-bbox", str(tmp_path / "p.pdf"), str(tmp_path / "p.html")], check=True)
    words = etree.parse(str(tmp_path / "p.html"), etree.HTMLParser()).iter("word")
    boxes = [tuple(float(w.get(k)) for k in ("xmin", "ymin", "xmax", "ymax")) for w in words]
    assert len(boxes) > 20
    shrink = 0.3  # points: glyph boxes of neighbouring words on one line may touch
    clash = [(a, b) for a, b in itertools.combinations(boxes, 2)
             if a[0] + shrink < b[2] - shrink and b[0] + shrink < a[2] - shrink
             and a[1] + shrink < b[3] - shrink and b[1] + shrink < a[3] - shrink]
    assert clash == []


def test_spread_is_the_middle_90_percent():
    from civicnet.networks.layout import spread

    xy = np.column_stack([np.arange(101, dtype=float), np.zeros(101)])
    assert spread(xy, 200, 10) == (0.45, 0.0)  # 5 .. 95 of 200 wide
    assert spread(np.zeros((1, 2)), 1, 1) == (0.0, 0.0)
