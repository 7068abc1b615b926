"""The candidate ambassadors in a real browser (Playwright driving Debian's Chromium), on the Benno L. demo:
listed under the angry group in the Groups tab in the page's language, ringed on the network, and chosen
one draws its ties into the group. Skipped without /usr/bin/chromium or playwright, as tests/web's."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.request import urlopen

import pytest

from _e2e_helpers import crosstab, home

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def served(demo_runs):
    pytest.importorskip("uvicorn")
    from civicnet.web import create_app
    from civicnet.web.background import serve_in_background

    run = demo_runs["benno-l"]
    with serve_in_background(create_app([run.case_yaml], lang="en", max_nodes=600)) as url:
        yield run, url


def test_the_angry_groups_candidates_are_listed_ringed_and_drawn(served):
    sync_api = pytest.importorskip("playwright.sync_api")
    run, base_url = served
    angry = home(crosstab(run), "populair")[0]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors, outside = [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
        page.goto(base_url + "/")
        page.wait_for_selector("#node-count[data-nodes]", timeout=60_000)
        page.click("#tabs button[data-tab=groups]")
        block = page.locator(f".ambassadors[data-community='{angry}']")
        block.locator("li.ambassador").first.wait_for(timeout=60_000)
        assert block.locator("h4").inner_text() == "Who could carry the message?"
        site = block.locator("li.ambassador[data-account='sleutelstad']")
        text = site.inner_text()
        assert "Sleutelstad @sleutelstad" in text and "news medium" in text and "retweeted" in text
        assert "Wrote:" in text
        accounts = block.locator("li.ambassador").evaluate_all("(xs) => xs.map((x) => x.dataset.account)")
        assert set(run.planted["ambassadors"]["populair"]) <= set(accounts)
        assert "Ringed: possible ambassadors" in page.inner_text("#graph-note")
        before = int(page.get_attribute("#node-count", "data-nodes"))
        api = json.loads(urlopen(base_url + "/api/cases/benno-l/network/ambassadors").read())
        ties = next(c for g in api["groups"] for c in g["candidates"] if c["account"] == "sleutelstad")["ties"]
        new = {a for t in ties for a in t[:2]} & {n["id"] for n in api["nodes"]}  # tied members not shown yet
        assert new  # 600 accounts shown of 4,171: some of its listeners are not
        site.locator("button.amb-name").click()  # adds them, with its ties
        page.wait_for_function(f"Number(document.querySelector('#node-count').dataset.nodes) === {before + len(new)}")
        assert page.locator("#graph canvas").count() >= 2
        assert errors == [] and outside == []
        browser.close()
