"""The dashboard in a real browser: Playwright for Python driving Debian's Chromium.

Skipped when /usr/bin/chromium (Debian package ``chromium``) or the playwright
package is missing; Playwright's own browser downloads are never used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import HOSTILE, write_case

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    pytest.importorskip("uvicorn")
    from civicnet.web import create_app
    from civicnet.web.background import serve_in_background

    with serve_in_background(create_app([write_case(tmp_path_factory.mktemp("browser"))])) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (Playwright's sync API runs once per thread)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(base_url, browser):
    pg = browser.new_page()
    outside: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(base_url + "/")
    pg.wait_for_selector("#node-count[data-nodes]", timeout=15_000)
    pg.outside, pg.errors = outside, errors
    yield pg
    pg.close()


def test_page_loads_the_case_and_renders_the_network(page):
    assert page.get_attribute("#node-count", "data-nodes") == "13"
    assert page.inner_text("#node-count").startswith("13 van 13 accounts getoond")  # the case is Dutch
    assert page.locator("#graph canvas").count() >= 2
    assert page.is_hidden("#platform-label")  # one platform: no platform choice
    page.wait_for_selector("#tab-overview h2")
    assert page.inner_text("#tab-overview h2") == "De brug"
    overview = page.inner_text("#tab-overview")
    assert "GEMEENTEX @gemeenteX" in overview  # the display name, the handle beside it
    assert "Berichten van de overheid" in overview and "Government" not in overview
    assert page.errors == [] and page.outside == []


def test_clicking_a_group_lists_its_messages_and_hostile_text_stays_text(page):
    page.click("#tabs button[data-tab=groups]")
    page.click("button.community[data-community='1']")
    page.wait_for_selector("#messages-list li")
    assert page.inner_text("#messages-title").startswith("Berichten van groep ")
    texts = page.locator("#messages-list .msg-text").all_inner_texts()
    assert HOSTILE in texts  # group 1 holds a1 and the municipality
    assert page.locator("#messages-list img, #messages-list script").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert page.errors == [] and page.outside == []


def test_inbox_filter_narrows_the_queue(page):
    pytest.importorskip("civicnet.webcare.inbox")
    page.click("#tabs button[data-tab=inbox]")
    page.wait_for_selector("#inbox-list li")
    everything = page.locator("#inbox-list li").count()
    page.select_option("#inbox-category", "complaint")
    page.wait_for_selector("#inbox-meta:has-text('1 berichten in de wachtrij')")
    assert page.locator("#inbox-list li").count() == 1 < everything
    assert "schande" in page.inner_text("#inbox-list li")
    page.fill("#reply-text", "Uw BSN 111222333")
    page.click("#reply-check")
    page.wait_for_selector("#reply-result mark")
    assert "111222333" in page.inner_text("#reply-result mark >> nth=0")
    assert "bsn" in [li.get_attribute("data-rule") for li in page.locator("#reply-result li").all()]
    assert "burgerservicenummer" in page.inner_text("#reply-result")  # explained in Dutch
    assert page.errors == [] and page.outside == []



def test_a_case_without_government_accounts_reads_n_a_in_the_groups(tmp_path, browser):
    """Switching to a case that names no government account: its groups read "n.v.t." (no one to
    reach them), not "niet bereikt", and no group lists ambassadors; the case before keeps its own."""
    pytest.importorskip("uvicorn")
    from civicnet.web import create_app
    from civicnet.web.background import serve_in_background

    governed = write_case(tmp_path / "a")
    plain = write_case(tmp_path / "b", "zonder")
    text = plain.read_text(encoding="utf-8")
    plain.write_text(text[:text.index("government:")] + text[text.index("networks:"):], encoding="utf-8")
    with serve_in_background(create_app([governed, plain])) as url:
        pg = browser.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(url + "/")
        pg.wait_for_selector("#node-count[data-nodes]", timeout=15_000)
        pg.click("#tabs button[data-tab=groups]")
        pg.wait_for_selector("#tab-groups li")
        assert "bereikt" in pg.inner_text("#tab-groups")  # the governed case: reached or not
        pg.select_option("#case-select", "zonder")
        for _ in range(150):  # the page's policy allows no evaluated script: poll from here
            groups = pg.inner_text("#tab-groups")
            if "n.v.t." in groups:
                break
            pg.wait_for_timeout(100)
        assert "n.v.t.: de casus noemt geen overheidsaccounts" in groups and "niet bereikt" not in groups
        pg.wait_for_timeout(500)
        assert pg.locator("#tab-groups .ambassadors").count() == 0
        assert errors == []
        pg.close()
