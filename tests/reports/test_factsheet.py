"""The factsheet renders every text from the data as text, never as markup."""

from types import SimpleNamespace

import lxml.html
import pytest

from civicnet.reports.factsheet import FactsheetExtras, factsheet_data, render_html, safe_url
from civicnet.reports.i18n import Catalogue
from civicnet.reports.summary import validate



HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }} {% for x in y %}",
    "</style><style>body{background:url(http://evil.example/x)}</style>",
    "<a href='javascript:alert(2)'>klik</a>",
]


@pytest.fixture
def summary():
    """A summary.json shaped exactly as CONTRACT.md, filled with hostile texts."""
    h = HOSTILE
    return {
        "schema": "civicnet.summary/2",
        "case": {"id": "hostile", "title": h[0], "level": "micro", "language": "nl",
                 "period": {"start": "2014-01-01", "end": "2014-01-03"}},
        "counts": {"messages": 3, "posts": 1, "posts_to_page": 0, "comments": 1, "replies": 1, "reposts": 0,
                   "quotes": 0, "likes": 2, "shares": None, "mentions": 1, "participants": 2,
                   "government_messages": 1, "followers": None},
        "timeline": [{"date": "2014-01-01", "messages": 1, "government_messages": 1},
                     {"date": "2014-01-02", "messages": 0, "government_messages": 0},
                     {"date": "2014-01-03", "messages": 2, "government_messages": 0}],
        "peaks": ["2014-01-03"],
        "networks": {"mention": {
            "directed": True, "nodes": 2, "edges": 1, "modularity": 0.0,
            "community_method": "leiden", "betweenness_method": "exact",
            "communities": [{"id": 1, "size": 2, "name": h[4], "top_accounts": [h[1], "gemeente"], "top_terms": [h[3]],
                             "government_accounts": ["gemeente"], "government_contact_share": 0.5,
                             "government_audience_share": 0.5, "government_inbound_share": 0.5,
                             "reached_by_government": True}],
            "central_accounts": [{"account": h[1], "name": h[0], "community": 1, "in_degree": 0, "out_degree": 1,
                                  "betweenness": 0.0, "pagerank": 0.5, "is_government": False}],
        }},
        "government": {
            "accounts": [{"handle": "gemeente", "role": "communications", "body": h[4], "messages": 1}],
            "sender_pattern": "communications_department",
            "message_types": {"neutral": 1, "personal": 0, "call": 0, "nuancing": 0, "webcare": 0, "humour": 0, "none": 0},
            "questions_received": 1, "questions_answered": 1, "median_response_minutes": 12.0,
            "timing": {"proactive": 1, "active": 0, "reactive": 0},
            "reached_communities": [1], "unreached_communities": [],
        },
        "content": {"top_terms": [h[0], "brug"],
                    "top_liked": [{"id": "1", "account": h[1], "likes": 2, "text": h[5]}],
                    "top_reposted": [], "top_commented": [{"id": "1", "account": h[1], "comments": 1, "text": h[5]}]},
        "provenance": {"sources": [{"path": h[2], "format": "twitter-v2", "sha256": "a" * 64,
                                    "records_read": 3, "records_rejected": 0}],
                       "civicnet_version": "0.1.0", "generated_at": "2026-11-25T12:00:00+00:00"},
    }


def _render(summary, lang="nl", **extras):
    base = {
        "main_network": "mention",
        "network_picture": SimpleNamespace(svg="<svg xmlns='http://www.w3.org/2000/svg'></svg>", caption=HOSTILE[1]),
        "government_messages": [{"id": "9", "text": HOSTILE[0], "account": "gemeente", "types": ["neutral"],
                                 "url": "javascript:alert(3)"}],
        "conclusions": [HOSTILE[3]],
        "role_rows": [{"label": HOSTILE[1], "value": HOSTILE[0]}],
        "description": HOSTILE[4],
        "events": [{"date": "2014-01-02", "label": HOSTILE[0]}],
        "limits": [],
        "people": {h: {"name": HOSTILE[0], "handle": HOSTILE[2]} for h in (HOSTILE[1], "gemeente")},
        "platforms": ("twitter",),
        "page_posts": {"received": 2, "answered": 1, "answer_rate": 0.5, "median_response_minutes": 30.0},
    }
    base.update(extras)
    return render_html(factsheet_data(summary, FactsheetExtras(**base), lang))


def test_hostile_summary_is_valid_json_schema(summary):
    validate(summary)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_markup_from_data(summary, lang):
    html = _render(summary, lang)
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//script") == []
    assert doc.xpath("//img") == []
    for element in doc.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src"):
                assert value.startswith(("http://", "https://", "#")) or not value.strip().lower().startswith(("javascript", "data")), value
    # Only our own style element, and no external url() in it.
    styles = doc.xpath("//style")
    assert len(styles) == 1 and "evil.example" not in styles[0].text
    text = doc.text_content()
    assert "<script>alert(1)</script>" in text  # shown as text
    assert "{{ 7*7 }}" in text  # template syntax is not evaluated
    assert "49" not in text.split("{{ 7*7 }}")[0][-5:]


def test_no_network_requests_in_html(summary):
    html = _render(summary)
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//link") == [] and doc.xpath("//iframe") == []
    assert doc.xpath("//meta[@http-equiv='Content-Security-Policy']")


def test_safe_url():
    assert safe_url("https://www.rijksoverheid.nl/x") == "https://www.rijksoverheid.nl/x"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:x", "data:text/html,x", "https://x\" onmouseover=1", None, 3):
        assert safe_url(bad) is None


def test_catalogues_have_the_same_keys():
    assert Catalogue("nl").keys() == Catalogue("en").keys()


def test_every_section_is_present(summary):
    doc = lxml.html.fromstring(_render(summary))
    assert [s.get("id") for s in doc.xpath("//section")] == ["a", "b", "c", "d", "e", "f"]
    # the report's factsheet ends with its conclusion on government's role: section f opens with it
    assert doc.xpath("//section[@id='f']/p[@id='conclusions']")


def test_pdf_page_draws_each_well_formed_picture_as_an_image(summary):
    from xml.etree import ElementTree

    from civicnet.reports.factsheet import _fetcher, _pictures_as_images

    broken = "<svg xmlns='http://www.w3.org/2000/svg'><text>&nbsp;</text></svg>"  # HTML, not XML
    html = _render(summary, wordcloud_svg=broken)
    page, pictures = _pictures_as_images(html)
    assert len(pictures) == html.count("<svg") - 1 >= 4  # timeline, network, types, timing
    assert page.count("<svg") == 1 and "<text>&nbsp;</text></svg>" in page  # left inline (sized to print): still printed
    for url, svg in pictures.items():
        assert f'<img src="{url}" alt="">' in page
        ElementTree.fromstring(svg)
    fetch = _fetcher(pictures)
    url = next(iter(pictures))
    assert fetch(url).read() == pictures[url]
    with pytest.raises(ValueError):
        fetch("http://evil.example/x")


def test_pdf_prints_every_picture(summary, tmp_path, caplog):
    pytest.importorskip("weasyprint")
    from civicnet.reports.factsheet import write_pdf

    with caplog.at_level("WARNING", logger="weasyprint"):
        write_pdf(_render(summary), tmp_path / "f.pdf")
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")], caplog.text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_estimated_betweenness_is_labelled_as_one(summary, lang):
    """Above CONTRACT.md's bound betweenness is sampled: the sheet says so where it shows it — the column's
    header, and a line with the sample and its split-half agreement read from ``betweenness_method``;
    an exact one carries neither."""
    exact = _render(summary, lang)
    assert ("geschat" if lang == "nl" else "estimated") not in exact
    summary["networks"]["mention"]["betweenness_method"] = (
        "estimate: Brandes-Pich sampled sources, 38 of 249975 nodes drawn uniformly without replacement (seed 42), "
        "dependencies scaled by n/k = 6578.3; measured error: the two halves of the sample share 3 of their top 10 "
        "accounts, and their values for the top 10 differ by 100% (median)")
    html = _render(summary, lang)
    if lang == "nl":
        assert "tussenpositie (geschat)" in html and "38 van de 249.975 accounts" in html and "delen 3 van hun top 10" in html
    else:
        assert "betweenness (estimated)" in html and "38 of its 249,975 accounts" in html and "share 3 of their top 10" in html
    summary["networks"]["mention"]["betweenness_method"] = "estimate: another method"
    assert ("ruwe volgorde" if lang == "nl" else "rough order") in _render(summary, lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_case_without_dated_messages_shows_no_empty_timeline(summary, lang):
    """A network file alone (GEXF, GraphML) has no messages with a date: an empty chart with a 0–1 axis
    would say nothing; the sheet says there is no course over time to show."""
    summary["timeline"], summary["peaks"] = [], []
    html = _render(summary, lang)
    assert 'class="timeline"' not in html
    assert ("Geen berichten met een datum" if lang == "nl" else "No dated messages") in html
    summary["timeline"] = [{"date": "2014-01-01", "messages": 1, "government_messages": 1}]
    assert 'class="timeline"' in _render(summary, lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_without_government_accounts_no_group_reads_not_reached(summary, lang):
    """A case that names no government account (an export run as a case of its own) has no one to
    reach groups: the groups table and section f say reach does not apply, not "not reached" in red
    for every group; the contact shares stay, as they are (0 %)."""
    from civicnet.reports.sheet_sections import role_rows

    summary["government"]["accounts"] = []
    summary["government"]["reached_communities"], summary["government"]["unreached_communities"] = [], [1]
    group = summary["networks"]["mention"]["communities"][0]
    group.update(government_accounts=[], government_contact_share=0.0, government_audience_share=0.0,
                 government_inbound_share=0.0, reached_by_government=False)
    doc = lxml.html.fromstring(_render(summary, lang))
    cell = doc.xpath("//table[@class='groups']//tr[@data-community='1']/td")[-1]
    assert cell.text_content() == ("n.v.t." if lang == "nl" else "n/a") and "unreached" not in cell.get("class", "")
    rows = {r["label"]: r["value"] for r in role_rows(Catalogue(lang), SimpleNamespace(page_posts=None, interaction=None,
                                                                                          strategy=None),
                                                      summary, "mention")}
    t = Catalogue(lang)
    assert rows[t("reached_communities")] == rows[t("unreached_communities")] == t("reach_no_government")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_government_accounts_on_several_platforms_say_which(summary, lang):
    """One person's Twitter and LinkedIn accounts are two rows of the government table, with one name
    (the LinkedIn one without a handle): the row without a handle says its platform where the handle
    would stand; on one platform the rows say nothing more."""
    summary["government"]["accounts"] = [
        {"handle": "EstherLangeA", "role": "civil_servant", "body": "Gemeente Amsterdam", "messages": 110},
        {"handle": "987674405", "role": "civil_servant", "body": "Gemeente Amsterdam", "messages": 43}]
    people = {"EstherLangeA": {"name": "Esther de Lange", "handle": "@EstherLangeA"},
              "987674405": {"name": "Esther de Lange", "handle": None}}
    doc = lxml.html.fromstring(_render(summary, lang, people=people,
                                       government_platforms={"EstherLangeA": "twitter", "987674405": "linkedin"}))
    cells = [tr.xpath("td")[0].text_content() for tr in doc.xpath("//section[@id='a']//table//tr[td]")]
    assert cells == ["Esther de Lange @EstherLangeA", "Esther de Lange · LinkedIn"]
    doc = lxml.html.fromstring(_render(summary, lang, people=people,
                                       government_platforms={"EstherLangeA": "twitter", "987674405": "twitter"}))
    cells = [tr.xpath("td")[0].text_content() for tr in doc.xpath("//section[@id='a']//table//tr[td]")]
    assert cells == ["Esther de Lange @EstherLangeA", "Esther de Lange"]
