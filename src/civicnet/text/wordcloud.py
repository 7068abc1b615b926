"""Deterministic SVG word clouds for the factsheet, per case and per group.

No dependency: a simple layout of our own. Words (at most ``max_words``, most
frequent first, ties alphabetical) get a font size between ``min_font`` and
``max_font`` by the square root of their frequency, and are placed, largest first,
on an Archimedean spiral from the centre at the first position where their box
overlaps no earlier word and stays inside the canvas; a word that does not fit is
tried smaller, then left out. A word's box is its width in DejaVu Sans, the first
font of the cloud's family (:mod:`civicnet.fontmetrics`; Arial is narrower), with a
gap of :data:`_GAP` em on each side, by 1.1 em: neighbouring
words stay a space apart and never read as one ("mee" beside "goed"). The seed only
chooses the spiral's starting angle and the colours, so the same frequencies, size
and seed always give the same SVG, byte for byte. Every word is XML-escaped; the SVG
is self-contained (no fonts or scripts loaded) and renders in browsers and WeasyPrint.
"""

from __future__ import annotations

import math
import random
from xml.sax.saxutils import escape, quoteattr

from civicnet.fontmetrics import text_width

PALETTE = ("#1b4f72", "#2874a6", "#117864", "#b9770e", "#7d3c98", "#a93226", "#515a5a")
_LINE_HEIGHT = 1.1
#: Space kept free on each side of a word, in em (a space is 0.318 em).
_GAP = 0.16


def _sizes(items: list[tuple[str, int]], min_font: float, max_font: float) -> list[float]:
    top, low = math.sqrt(items[0][1]), math.sqrt(items[-1][1])
    if top == low:
        return [max_font if len(items) == 1 else (min_font + max_font) / 2] * len(items)
    return [min_font + (max_font - min_font) * (math.sqrt(f) - low) / (top - low) for _, f in items]


def _blocker(box, boxes, hint):
    """A box of ``boxes`` that ``box`` overlaps, or None; ``hint`` (the last blocker) is tried
    first, as neighbouring points of the spiral are mostly blocked by the same word."""
    x0, y0, x1, y1 = box
    if hint is not None and x0 < hint[2] and hint[0] < x1 and y0 < hint[3] and hint[1] < y1:
        return hint
    for b in boxes:
        if x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1:
            return b
    return None


def _place(word: str, size: float, width: int, height: int, boxes: list, start: float):
    """The first point of the spiral where the word's box fits: (x, y, box), or None.

    The walk ends where the spiral leaves the canvas' half diagonal, or sooner where no
    point of that radius could hold the box inside the canvas (its centre must then lie in
    a rectangle whose corners are at ``reach`` from the centre; a margin covers rounding):
    the same answer, in far fewer steps for a word that does not fit. The vertical bounds
    are tested before the cosine is taken.
    """
    w, h = text_width(word, size) + 2 * _GAP * size, size * _LINE_HEIGHT
    if w > width or h > height:
        return None
    cx, cy = width / 2, height / 2
    half_w, half_h = w / 2, h / 2
    aspect = width / height
    spacing = max(3.0, h / 3)  # distance between spiral turns and between tried points
    reach = math.hypot((cx - half_w) / aspect, cy - half_h) * (1 + 1e-9) + 1e-9
    limit = min(math.hypot(width, height) / 2, reach)
    turn = 2 * math.pi
    theta, blocker = 0.0, None
    while True:
        radius = spacing * theta / turn
        if radius > limit:
            return None
        angle = start + theta
        y = cy + radius * math.sin(angle)
        y0, y1 = y - half_h, y + half_h
        if y0 >= 0 and y1 <= height:
            x = cx + radius * math.cos(angle) * aspect
            box = (x - half_w, y0, x + half_w, y1)
            if box[0] >= 0 and box[2] <= width:
                blocker = _blocker(box, boxes, blocker)
                if blocker is None:
                    return x, y, box
        theta += spacing / (radius if radius > spacing else spacing)


def wordcloud_svg(
    frequencies: dict[str, int],
    width: int = 800,
    height: int = 400,
    seed: int = 1,
    *,
    max_words: int = 100,
    min_font: float = 10.0,
    max_font: float = 64.0,
    background: str | None = "#ffffff",
    font_family: str = "DejaVu Sans, Arial, Helvetica, sans-serif",
) -> str:
    """Lay out a word cloud and return it as an SVG document.

    Parameters
    ----------
    frequencies : dict of str to int
        Word → frequency (non-positive frequencies are ignored).
    width, height : int
        Canvas size in pixels.
    seed : int
        Chooses the spiral's starting angle and colours; the result is deterministic.
    max_words : int
        Most frequent words to show.
    min_font, max_font : float
        Font-size range in pixels.
    background : str or None
        Fill of a background rectangle; None for transparent.
    font_family : str
        CSS font-family of the words.

    Returns
    -------
    str
        ``<svg …>…</svg>``; an empty cloud is a valid SVG with no words.
    """
    items = sorted(((str(w), int(f)) for w, f in frequencies.items() if f and f > 0), key=lambda kv: (-kv[1], kv[0]))
    items = items[:max_words]
    rng = random.Random(seed)
    start = rng.uniform(0, 2 * math.pi)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family={quoteattr(font_family)}>'
    ]
    if background:
        parts.append(f'<rect width="100%" height="100%" fill={quoteattr(background)}/>')
    boxes: list = []
    for (word, freq), size in zip(items, _sizes(items, min_font, max_font) if items else []):
        colour = PALETTE[rng.randrange(len(PALETTE))]
        placed = None
        while placed is None and size >= min_font:
            placed = _place(word, size, width, height, boxes, start)
            if placed is None:
                size *= 0.8
        if placed is None:
            continue
        x, y, box = placed
        boxes.append(box)
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" fill="{colour}" text-anchor="middle" '
            f'dominant-baseline="central"><title>{escape(word)}: {freq}</title>{escape(word)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
