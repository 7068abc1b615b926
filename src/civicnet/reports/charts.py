"""Small SVG charts for the factsheet, drawn from numbers only.

Every text that reaches the SVG (dates, event labels, category labels) is XML-escaped;
colours come from a fixed palette, never from the data.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

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


def timeline_svg(days: list[dict], peaks: list[str], events: list[dict], *, labels: dict[str, str],
                 width: int = 760, height: int = 210, number=_plain_number, short_day=None) -> str:
    """Messages per day as bars (all) with the government's share overlaid, peaks and events marked.

    ``number`` formats the counts and ``short_day`` an axis date (an ISO date -> text) in the
    reader's language (:mod:`civicnet.formatting`); without it the axis shows ``MM-DD``."""
    left, right, top, bottom = 44, 10, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(days), 1)
    peak = max((d["messages"] for d in days), default=0) or 1
    bar_w = plot_w / n
    index = {d["date"]: i for i, d in enumerate(days)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{_attr(labels["title"])}" font-family="DejaVu Sans, sans-serif" font-size="10">'
    ]
    for frac in (0, 0.5, 1):
        y = top + plot_h - frac * plot_h
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">{escape(number(round(frac * peak)))}</text>')
    for i, d in enumerate(days):
        x = left + i * bar_w
        h_all = plot_h * d["messages"] / peak
        h_gov = plot_h * d.get("government_messages", 0) / peak
        w = max(bar_w - (1 if bar_w > 3 else 0), 0.5)
        if h_all:
            out.append(f'<rect x="{x:.2f}" y="{top + plot_h - h_all:.2f}" width="{w:.2f}" height="{h_all:.2f}" fill="{ALL_COLOUR}">'
                       f'<title>{escape(short_day(d["date"]) if short_day else d["date"])}: '
                       f'{escape(number(int(d["messages"])))}</title></rect>')
        if h_gov:
            out.append(f'<rect x="{x:.2f}" y="{top + plot_h - h_gov:.2f}" width="{w:.2f}" height="{h_gov:.2f}" fill="{GOV_COLOUR}"/>')
    for p in peaks:
        if p in index:
            x = left + (index[p] + 0.5) * bar_w
            out.append(f'<text x="{x:.1f}" y="{top - 3}" text-anchor="middle" fill="{PEAK_COLOUR}" font-size="11">▼</text>')
    for e in events:
        if e["date"] in index:
            x = left + (index[e["date"]] + 0.5) * bar_w
            out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{EVENT_COLOUR}" stroke-dasharray="3,2"/>')
            out.append(f'<text x="{x + 2:.1f}" y="{top + 9}" fill="{EVENT_COLOUR}" font-size="8">{escape(e.get("label", "")[:40])}</text>')
    ticks = _date_ticks(days)
    for i in ticks:
        x = left + (i + 0.5) * bar_w
        tick = short_day(days[i]["date"]) if short_day else days[i]["date"][5:]
        out.append(f'<text x="{x:.1f}" y="{top + plot_h + 13}" text-anchor="middle">{escape(tick)}</text>')
    if days:
        out.append(f'<text x="{left}" y="{height - 4}">{escape(days[0]["date"][:4])}</text>')
    lx = width - right - 230
    out.append(f'<rect x="{lx}" y="{height - 14}" width="9" height="9" fill="{ALL_COLOUR}"/>'
               f'<text x="{lx + 12}" y="{height - 6}">{escape(labels["all"])}</text>')
    out.append(f'<rect x="{lx + 110}" y="{height - 14}" width="9" height="9" fill="{GOV_COLOUR}"/>'
               f'<text x="{lx + 122}" y="{height - 6}">{escape(labels["government"])}</text>')
    out.append("</svg>")
    return "".join(out)


def _date_ticks(days: list[dict], count: int = 8) -> list[int]:
    if not days:
        return []
    step = max(1, len(days) // count)
    return list(range(0, len(days), step))


def bar_list_svg(items: list[tuple[str, float]], *, width: int = 300, colour: str = ALL_COLOUR,
                 number=_plain_number) -> str:
    """Horizontal bars with labels, e.g. message types or timing shares (``number`` formats the values)."""
    row = 13
    height = row * max(len(items), 1) + 4
    top = max((v for _, v in items), default=0) or 1
    label_w = 130
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'font-family="DejaVu Sans, sans-serif" font-size="9.5">']
    for i, (label, value) in enumerate(items):
        y = 2 + i * row
        w = (width - label_w - 40) * value / top
        out.append(f'<text x="{label_w - 4}" y="{y + 10}" text-anchor="end">{escape(str(label))}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 4}" fill="{colour}"/>')
        out.append(f'<text x="{label_w + w + 3:.1f}" y="{y + 10}">{escape(number(value))}</text>')
    out.append("</svg>")
    return "".join(out)
