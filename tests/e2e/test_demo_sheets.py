"""Every demo case's factsheet printed: one A3 page, no text under 6 pt, every network drawn,
the vacant-lots case per platform. Font sizes are read back from the PDF with pdfplumber."""

from __future__ import annotations

import re

import pytest

from _e2e_helpers import NAMES

pdfplumber = pytest.importorskip("pdfplumber")
weasyprint = pytest.importorskip("weasyprint")

A3_LANDSCAPE_PT = (1190.55, 841.89)


def _pdf(run):
    """The sheet as `civicnet run` prints it (the runs here are without PDF): fitted to one page."""
    from civicnet.reports.factsheet import printed_factsheet

    path = run.out / "factsheet.pdf"
    if not path.exists():
        _, document = printed_factsheet(run.analysis)
        document.write_pdf(str(path))
    return path


@pytest.mark.parametrize("name", NAMES)
def test_the_sheet_is_one_a3_page_with_no_text_under_6_pt(demo_runs, name):
    with pdfplumber.open(_pdf(demo_runs[name])) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == tuple(round(v) for v in A3_LANDSCAPE_PT)
        sizes = [c["size"] for c in page.chars if c["text"].strip()]
    assert len(sizes) > 2000 and min(sizes) >= 5.99, min(sizes)  # 6 pt, as the PDF rounds it


def _html(run) -> str:
    return (run.out / "factsheet.html").read_text(encoding="utf-8")


def test_the_wijkagent_sheet_draws_both_networks(demo_runs):
    html = _html(demo_runs["wijkagent-lisse"])
    follow = html[html.index('<section class="other-network" id="network-follow">'):]
    assert "Tweede netwerk: volgnetwerk" in follow and follow.index("<svg") < follow.index("</section>")
    assert re.search(r"Verbinders \(hoogste tussenpositie\): Wijkagent Lisse", follow)
    assert html[html.index('<section id="d">'):].count("<svg") >= 1


def test_the_vacant_lots_sheet_shows_linkedin_and_twitter_apart(demo_runs):
    run = demo_runs["leegstand-ondertussen"]
    html = _html(run)
    d = html[html.index('<section id="d">'):html.index('<section id="e">')]
    blocks = re.findall(r'<div class="platform" data-platform="(\w+)">(.*?)</div>', d, re.S)
    assert [p for p, _ in blocks] == ["linkedin", "twitter"]
    for platform, block in blocks:
        figures = next(p for p in run.summary["platforms"] if p["platform"] == platform)
        assert f'{figures["messages"]} berichten' in block and "<svg" in block
    assert "De 3 actiefste overheidsaccounts" in blocks[1][1] and "samen 75\u00a0% van de berichten" in blocks[1][1]
    e = html[html.index('<section id="e">'):]
    assert '<span class="platform-tag">LinkedIn</span>' in e and '<span class="platform-tag">Twitter</span>' in e


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.parametrize("name", ["timmermans", "aardbeving-groningen", "leegstand-ondertussen"])
def test_the_html_sheet_fits_a_1400_px_window_without_a_cut_column(demo_runs, name):
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto((demo_runs[name].out / "factsheet.html").resolve().as_uri())
            page_width, columns = page.evaluate("""() => [document.documentElement.scrollWidth,
                [...document.querySelectorAll('.col')].map(c => [c.scrollWidth, c.clientWidth])]""")
        finally:
            browser.close()
    assert page_width <= 1400 and len(columns) == 3
    assert all(scroll <= client + 1 for scroll, client in columns), columns
