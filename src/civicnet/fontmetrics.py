"""How wide a text prints in DejaVu Sans, the font of the factsheet and its pictures.

Advance widths of DejaVu Sans Book and Bold for ASCII, in 1/1000 em (from the font files'
``hmtx`` tables); other letters count as their base letter (é as e), wide characters (CJK,
emoji) as one em, combining marks as nothing, anything else as 0.7 em (0.76 bold). Arial and
Helvetica are narrower, so a box measured here is, in a browser, if anything too large.
Used wherever text must fit or must not touch: the names on the network pictures
(:mod:`civicnet.networks.labels`), the word clouds (:mod:`civicnet.text.wordcloud`) and the
labels of the small charts (:mod:`civicnet.reports.charts`).
"""

from __future__ import annotations

import unicodedata

_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
    295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
    500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
    392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
    372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
    500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
    478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838)


def char_width(ch: str, bold: bool = False) -> float:
    """The advance width of ``ch`` in em."""
    table = _BOLD if bold else _REGULAR
    code = ord(ch)
    if 32 <= code < 127:
        return table[code - 32] / 1000
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    base = unicodedata.normalize("NFKD", ch)[:1]
    if base and 32 <= ord(base) < 127:
        return table[ord(base) - 32] / 1000
    if unicodedata.category(ch).startswith("M"):
        return 0.0
    return 0.7 if not bold else 0.76


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` set at ``size`` points, in points."""
    return sum(char_width(ch, bold) for ch in text) * size
