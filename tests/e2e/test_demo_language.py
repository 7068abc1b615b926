"""A Dutch factsheet, comparison and dashboard hold no English label and no code value.

Over every demo case (run in Dutch, the demo's language): the visible text of factsheet.html,
of comparison.html and of the dashboard (its page, its labels and the overview's sentences) is
read without the data it shows (names, message texts, terms, the case file's own words: what
the page marks ``translate="no"``, and every name and text of the case), then searched for

* English words: the words of the English catalogue (civicnet/reports/locale/en.yaml) that are
  no Dutch words (not in the Dutch catalogue, no Dutch stop word, no name of a platform or
  method the Dutch text uses too);
* snake_case tokens (``civil_servant``, ``government_outreach_share``): code values.
"""

from __future__ import annotations

import re

import lxml.html
import pytest
import yaml

from civicnet.reports.comparison import comparison_html, comparison_table
from civicnet.reports.i18n import Catalogue
from civicnet.text.stopwords import stop_words
from _e2e_helpers import NAMES, read_csv

WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
#: Names of things that read the same in both languages.
SHARED = {"civicnet", "pagerank", "webcare", "api", "csv", "json", "gexf", "graphml", "nodexl", "crowdtangle",
          "linkedin", "facebook", "twitter", "mastodon", "bluesky", "gephi", "graph", "leiden", "louvain", "clauset",
          "newman", "moore", "sha", "factsheet", "likes", "posts", "post", "retweets", "retweet", "reposts", "repost",
          "online", "community", "min", "export", "link", "account", "accounts", "hashtag", "force", "directed",
          "humour", "webcare", "checksum", "cat", "summary", "nodes", "edges", "network", "messages"}


def _english_words() -> set[str]:
    def words(lang):
        return {w.lower() for v in Catalogue(lang)._strings.values() for w in WORD.findall(re.sub(r"\{\w+\}", " ", v))}
    return {w for w in words("en") - words("nl") - stop_words("nl") - SHARED if len(w) > 2}


ENGLISH = _english_words()


def _visible(html: str) -> str:
    doc = lxml.html.fromstring(html)
    for bad in doc.xpath("//style | //script | //*[@translate='no']"):
        bad.drop_tree()
    shown = [doc.text_content()] + [v for attr in ("title", "aria-label", "placeholder", "alt")
                                    for v in doc.xpath(f"//@{attr}")]
    return " ".join(shown)


def _data(run) -> list[str]:
    """Every text of the case's own: names, identifiers, message texts, terms, the case file's words."""
    case = yaml.safe_load(run.case_yaml.read_text(encoding="utf-8"))
    out = [case.get("title", ""), case.get("description", ""), *(e["label"] for e in case.get("events", []))]
    out += [g.get("body", "") for g in case.get("government", [])]
    _, nodes = read_csv(run.out / "nodes.csv")
    out += [n["account"] for n in nodes] + [n["name"] for n in nodes]
    out += [m["text"] for m in run.messages] + [m["account"] for m in run.messages]
    summary = run.summary
    out += summary["content"]["top_terms"]
    for net in summary["networks"].values():
        out += [c["name"] for c in net["communities"]] + [t for c in net["communities"] for t in c["top_terms"]]
    out += [s["path"] for s in summary["provenance"]["sources"]]
    out += list(run.analysis.names.values())
    return sorted({x for x in out if x}, key=len, reverse=True)


def _without(text: str, data: list[str]) -> str:
    """The text with the case's own words taken out (whole words only: a name "Lees" leaves
    "machineleesbare" alone)."""
    for x in data:
        if len(x) >= 3 and x in text:
            text = re.sub(rf"(?<!\w){re.escape(x)}(?!\w)", " ", text)
    return text


def _problems(text: str) -> list[str]:
    found = sorted({w for w in WORD.findall(text) if w.lower() in ENGLISH})
    return found + sorted(set(SNAKE.findall(text)))


@pytest.mark.parametrize("name", NAMES)
def test_dutch_factsheet_has_no_english_and_no_code(demo_runs, name):
    run = demo_runs[name]
    text = _without(_visible((run.out / "factsheet.html").read_text(encoding="utf-8")), _data(run))
    assert _problems(text) == []


def test_dutch_comparison_has_no_english_and_no_code(demo_runs):
    runs = [demo_runs[n] for n in NAMES]
    html = comparison_html(comparison_table([r.analysis for r in runs]), "nl")
    data = sorted({x for r in runs for x in _data(r)}, key=len, reverse=True)
    assert _problems(_without(_visible(html), data)) == []


def test_dutch_dashboard_has_no_english_and_no_code(demo_runs):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from civicnet.web import create_app

    runs = [demo_runs[n] for n in ("deventer", "wijkagent-lisse")]
    store = runs[0].case_yaml.parent.parent / ".civicnet" / "store.duckdb"
    app = create_app([r.case_yaml for r in runs], store_path=store)
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            page = client.get("/").text
            labels = client.get("/labels.js").text
            assert _problems(_visible(page)) == []
            # the scripts' words: every catalogue text the page can show
            values = re.findall(r'":\s*"((?:[^"\\]|\\.)*)"', labels)
            assert _problems(" ".join(re.sub(r"\{\w+\}", " ", v) for v in values)) == []
            for run in runs:
                sheet = client.get(f"/api/cases/{run.name}").json()["sheet"]
                said = [n["label"] + " " + n["value"] for n in sheet["numbers"]]
                said += [r["label"] + " " + r["value"] for r in sheet["role_rows"]] + sheet["conclusions"]
                said += [g["role"] for g in sheet["government"]] + [sheet["period"], sheet["level"], sheet["page_posts"] or ""]
                assert _problems(_without(" ".join(said), _data(run))) == [], run.name
    finally:
        app.state.workspace.close()
