"""Small SVG charts for the factsheet, drawn from numbers only.

Every text that reaches the SVG (dates, event labels, category labels) is XML-escaped;
colours come from a fixed palette, never from the data.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from ..fontmetrics import text_width
from ..networks.palette import group_colour

ALL_COLOUR = "#4c6a92"
GOV_COLOUR = "#d0582a"
PEAK_COLOUR = "#b22222"
EVENT_COLOUR = "#6b6b6b"


def community_colour(community_id: int | None) -> str:
    """The colour of a community id, as the network picture draws it (twelve colours, then grey)."""
    return group_colour(community_id)


def _attr(value) -> str:
    return escape(str(value), {'"': "&quot;"})


def _plain_number(value) -> str:
    return f"{value:g}"


#: Millimetres to points; the charts are drawn in points at their printed width, so their text
#: is :data:`TEXT_PT` on the A3 sheet (at least 6 pt, as the picture's).
MM = 72 / 25.4
TEXT_PT = 6.5
#: The smallest size a bar's label is set in to fit its column (legible at A3).
MIN_LABEL_PT = 5.5
#: Peaks named on the timeline (the most prominent first); the rest are marked only.
NAMED_PEAKS = 3


def printed(svg: str, width_mm: float, height_mm: float) -> str:
    """Our own SVG (``<svg … width=".." height=".." …>``) set to print at ``width_mm`` × ``height_mm``."""
    head, rest = svg.split(">", 1)
    head = re.sub(r'\swidth="[^"]*"', "", head, count=1)
    head = re.sub(r'\sheight="[^"]*"', "", head, count=1)
    return f'{head} width="{width_mm:g}mm" height="{height_mm:g}mm">{rest}'


def _open(width: float, height: float, title: str, size: float = TEXT_PT) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1f} {height:.1f}" '
            f'width="{width / MM:.1f}mm" height="{height / MM:.1f}mm" role="img" aria-label="{_attr(title)}" '
            f'font-family="DejaVu Sans, sans-serif" font-size="{size}">')


def timeline_svg(days: list[dict], peaks: list[str], events: list[dict], *, labels: dict[str, str],
                 width_mm: float = 112.0, height_mm: float = 46.0, number=_plain_number, short_day=None) -> str:
    """Messages per day as bars (all) with government's overlaid, drawn in points to print at
    ``width_mm`` × ``height_mm``: the days with a government message ticked under the axis (the
    moments government intervened), the :data:`NAMED_PEAKS` most prominent peaks marked and named
    by date (the others marked), the case file's events as numbered dashed lines (the caption
    names them by number, :func:`event_numbers`).

    ``labels``: ``title``, ``all``, ``government``, ``peak``, ``intervened``. ``number`` formats the
    counts and ``short_day`` an axis date (an ISO date -> text) in the reader's language
    (:mod:`civicnet.formatting`); without it the axis shows ``MM-DD``."""
    short_day = short_day or (lambda d: d[5:])
    width, height = width_mm * MM, height_mm * MM
    left, right, top, bottom = 24.0, 4.0, 18.0, 29.0
    plot_w, plot_h = width - left - right, height - top - bottom
    base = top + plot_h
    n = max(len(days), 1)
    peak = max((d["messages"] for d in days), default=0) or 1
    bar_w = plot_w / n
    index = {d["date"]: i for i, d in enumerate(days)}
    out = [_open(width, height, labels["title"])]
    for frac in (0, 0.5, 1):
        y = base - frac * plot_h
        out.append(f'<line x1="{left}" x2="{width - right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dddddd" stroke-width=".4"/>')
        out.append(f'<text x="{left - 2}" y="{y + 2.2:.1f}" text-anchor="end">{escape(number(round(frac * peak)))}</text>')
    w = max(bar_w - (0.3 if bar_w > 1.5 else 0), 0.3)
    for i, d in enumerate(days):
        x = left + i * bar_w
        h_all = plot_h * d["messages"] / peak
        h_gov = plot_h * d.get("government_messages", 0) / peak
        if h_all:
            out.append(f'<rect x="{x:.2f}" y="{base - h_all:.2f}" width="{w:.2f}" height="{h_all:.2f}" fill="{ALL_COLOUR}">'
                       f'<title>{escape(short_day(d["date"]))}: {escape(number(int(d["messages"])))}</title></rect>')
        if h_gov:
            out.append(f'<rect x="{x:.2f}" y="{base - h_gov:.2f}" width="{w:.2f}" height="{h_gov:.2f}" fill="{GOV_COLOUR}"/>')
        if d.get("government_messages"):
            out.append(f'<rect x="{x:.2f}" y="{base + 1:.2f}" width="{max(w, 0.8):.2f}" height="3" fill="{GOV_COLOUR}"/>')
    out.extend(_peak_marks(peaks, index, days, left, bar_w, top, base, width, number, short_day))
    for k, e in enumerate(e for e in events if e["date"] in index):
        x = left + (index[e["date"]] + 0.5) * bar_w
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{base}" stroke="{EVENT_COLOUR}" stroke-width=".6" '
                   f'stroke-dasharray="2,1.5"/><text x="{x + 1.5:.1f}" y="{top + 6.5:.1f}" fill="{EVENT_COLOUR}" '
                   f'font-weight="bold">{k + 1}</text>')
    out.extend(_axis(days, left, bar_w, base, plot_w, short_day))
    out.extend(_timeline_legend(labels, left, height))
    out.append("</svg>")
    return "".join(out)


def event_numbers(days: list[dict], events: list[dict]) -> list[dict]:
    """The events the timeline numbers (those on a day of it), each with its ``number``."""
    on = {d["date"] for d in days}
    return [dict(e, number=k + 1) for k, e in enumerate(e for e in events if e["date"] in on)]


def _peak_marks(peaks, index, days, left, bar_w, top, base, width, number, short_day) -> list[str]:
    """▼ over every peak; the most prominent :data:`NAMED_PEAKS` named (date and count) where the
    name fits without touching another."""
    out, taken = [], []
    peak = max((d["messages"] for d in days), default=0) or 1
    for rank, p in enumerate(x for x in peaks if x in index):
        i = index[p]
        x = left + (i + 0.5) * bar_w
        y = base - (base - top) * days[i]["messages"] / peak
        out.append(f'<text x="{x:.1f}" y="{y - 1:.1f}" text-anchor="middle" fill="{PEAK_COLOUR}" font-size="6">▼</text>')
        if rank >= NAMED_PEAKS:
            continue
        text = f"{short_day(p)} ({number(int(days[i]['messages']))})"
        half = len(text) * TEXT_PT * 0.3
        cx = min(max(x, left + half), width - 4 - half)
        row = next((r for r in (0, 1) if all(abs(cx - ox) > half + oh + 2 for ox, oh, orow in taken if orow == r)), None)
        if row is None:
            continue
        taken.append((cx, half, row))
        out.append(f'<text x="{cx:.1f}" y="{6.5 + row * 7.5:.1f}" text-anchor="middle" fill="{PEAK_COLOUR}">'
                   f'{escape(text)}</text>')
    return out


def _axis(days, left, bar_w, base, plot_w, short_day) -> list[str]:
    """Dates under the bars, as many as fit, and the first year."""
    out = []
    if not days:
        return out
    label_w = max(text_width(short_day(days[0]["date"]), TEXT_PT), 3.1 * TEXT_PT) + 6
    for i in _date_ticks(days, max(2, int(plot_w // label_w))):
        x = left + (i + 0.5) * bar_w
        out.append(f'<text x="{x:.1f}" y="{base + 11:.1f}" text-anchor="middle">{escape(short_day(days[i]["date"]))}</text>')
    return out


def _timeline_legend(labels, left, height) -> list[str]:
    """One row under the axis: all messages, government's, a day government wrote, a peak."""
    y = height - 3
    items = [(ALL_COLOUR, "box", labels["all"]), (GOV_COLOUR, "box", labels["government"]),
             (GOV_COLOUR, "tick", labels["intervened"]), (PEAK_COLOUR, "peak", labels["peak"])]
    x, out = left, []
    for colour, mark, text in items:
        if mark == "box":
            out.append(f'<rect x="{x:.1f}" y="{y - 5:.1f}" width="5" height="5" fill="{colour}"/>')
        elif mark == "tick":
            out.append(f'<rect x="{x:.1f}" y="{y - 3.5:.1f}" width="5" height="2.5" fill="{colour}"/>')
        else:
            out.append(f'<text x="{x + 2.5:.1f}" y="{y:.1f}" text-anchor="middle" fill="{colour}">▼</text>')
        out.append(f'<text x="{x + 7:.1f}" y="{y:.1f}">{escape(text)}</text>')
        x += 7 + text_width(text, TEXT_PT) + 8
    return out


def _date_ticks(days: list[dict], count: int = 8) -> list[int]:
    """Evenly spaced day indices, at most ``count``."""
    if not days:
        return []
    step = max(1, -(-len(days) // max(count, 1)))
    return list(range(0, len(days), step))


def bar_list_svg(items: list[tuple[str, float]], *, width_mm: float = 58.0, colour: str = ALL_COLOUR,
                 number=_plain_number, title: str = "") -> str:
    """Horizontal bars with labels (message types, timing), drawn in points to print ``width_mm`` wide
    (``number`` formats the values)."""
    row, width = TEXT_PT + 3.5, width_mm * MM
    height = row * max(len(items), 1) + 2
    top = max((v for _, v in items), default=0) or 1
    # the labels' column: as wide as the widest label (DejaVu Sans), at most 55 % of the picture;
    # a label wider than that is set smaller, down to MIN_LABEL_PT, so it starts inside the picture
    label_w = min(max((text_width(str(label), TEXT_PT) for label, _ in items), default=20) + 4, width * 0.55)
    out = [_open(width, height, title)]
    for i, (label, value) in enumerate(items):
        y = 1 + i * row
        w = (width - label_w - 22) * value / top
        room, needed = label_w - 3, text_width(str(label), TEXT_PT)
        size = "" if needed <= room else f' font-size="{max(MIN_LABEL_PT, TEXT_PT * room / needed):.2f}"'
        out.append(f'<text x="{label_w - 3:.1f}" y="{y + TEXT_PT:.1f}" text-anchor="end"{size}>{escape(str(label))}</text>')
        out.append(f'<rect x="{label_w:.1f}" y="{y + 1:.1f}" width="{w:.1f}" height="{row - 3:.1f}" fill="{colour}"/>')
        out.append(f'<text x="{label_w + w + 2:.1f}" y="{y + TEXT_PT:.1f}">{escape(number(value))}</text>')
    out.append("</svg>")
    return "".join(out)
