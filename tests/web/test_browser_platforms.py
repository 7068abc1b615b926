"""The dashboard's platform choice in a real browser (Playwright driving Debian's Chromium), on a
case that spans two platforms; its own module, so that no other Playwright session is open."""

from __future__ import annotations

import pytest

from .test_browser import ARGS, CHROMIUM, pytestmark  # noqa: F401  (the same skip rule)


def test_a_case_on_two_platforms_offers_each_platforms_part(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    pytest.importorskip("uvicorn")
    from civicnet.web import create_app
    from civicnet.web.background import serve_in_background

    from .test_platform_view import write_two_platform_case

    case = write_two_platform_case(tmp_path_factory.mktemp("browser2"))
    with serve_in_background(create_app([case])) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pg = browser.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(url + "/")
        pg.wait_for_selector("#node-count[data-nodes='19']", timeout=15_000)
        assert pg.is_visible("#platform-label")
        assert pg.locator("#platform-select option").all_inner_texts() == ["Alle platforms", "Twitter", "Mastodon"]
        pg.select_option("#platform-select", "mastodon")
        pg.wait_for_selector("#node-count[data-nodes='6']", timeout=15_000)
        assert pg.inner_text("#node-count").startswith("6 van 6 accounts getoond")
        pg.click("#tabs button[data-tab=groups]")
        pg.wait_for_selector("#tab-groups h2:has-text('op Mastodon')", timeout=15_000)
        pg.select_option("#platform-select", "")
        pg.wait_for_selector("#node-count[data-nodes='19']", timeout=15_000)
        browser.close()
    assert errors == []
