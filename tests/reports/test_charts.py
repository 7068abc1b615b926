"""The factsheet's small charts: every label inside its picture, measured in the font it is drawn in."""

import re
from pathlib import Path

import pytest

from civicnet.reports.charts import TEXT_PT, bar_list_svg
from civicnet.reports.i18n import Catalogue
from civicnet.text.typology.rules import TYPES

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.fixture(scope="module")
def width():
    """A text's width in points in DejaVu Sans at a size, from the font file's own advance widths."""
    fonttools = pytest.importorskip("fontTools.ttLib")
    if not FONT.is_file():
        pytest.skip("DejaVu Sans is not installed")
    font = fonttools.TTFont(str(FONT))
    cmap, hmtx, upm = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    return lambda text, size: sum(hmtx[cmap[ord(c)]][0] for c in text) / upm * size


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_bar_label_starts_inside_the_picture(width, lang):
    """"call to action / community" ran off the left edge of the English sheet's message types
    ("all to action / community" was what could be read)."""
    t = Catalogue(lang)
    svg = bar_list_svg([(t.code("type", k), 3) for k in TYPES], width_mm=58.0, title=t("types"))
    labels = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="end"(?: font-size="([\d.]+)")?>([^<]*)</text>', svg)
    assert len(labels) == len(TYPES)
    for x, size, text in labels:
        text = text.replace("&amp;", "&")
        assert float(x) - width(text, float(size or TEXT_PT)) >= 0, (text, x, size)
        assert float(size or TEXT_PT) >= 5.5  # still legible at A3
