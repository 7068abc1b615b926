"""Every demo factsheet agrees with itself and with its data (issue 18's contradictions).

Read from the written files (summary.json, factsheet.html, planted.json), the way a reader
compares one figure with another on the same sheet: no total below a message listed beside it,
no 0 where the data say otherwise, no figure a platform cannot have shown as 0, one format for
one figure, and groups government never addressed read "not reached".
"""

from __future__ import annotations

import lxml.html
import pytest

from civicnet import formatting
from _e2e_helpers import NAMES

FACEBOOK = {"timmermans", "deventer", "rijkswaterstaat", "ocw"}


def _sheet(run):
    return lxml.html.fromstring((run.out / "factsheet.html").read_text(encoding="utf-8"))


def _numbers(doc) -> dict[str, tuple[str, str]]:
    """figure key -> (value, label) as section c shows them."""
    return {d.get("data-figure"): (d.find("b").text_content(), d.find("span").text_content())
            for d in doc.xpath("//div[@class='numbers']/div")}


@pytest.mark.parametrize("name", NAMES)
def test_no_total_below_a_message_beside_it(demo_runs, name):
    run = demo_runs[name]
    counts, content = run.summary["counts"], run.summary["content"]
    for total, listed, key in (("likes", "top_liked", "likes"), ("shares", "top_reposted", "reposts")):
        if counts[total] is None:
            assert content[listed] == [], total  # nothing to count, nothing listed
        else:
            assert all(m[key] <= counts[total] for m in content[listed]), (total, counts[total])
    for m in content["top_commented"]:
        under = sum(1 for r in run.messages if r["parent"] == m["id"] and r["kind"] in ("comment", "reply"))
        assert m["comments"] >= under  # at least the comments the collection holds under it


@pytest.mark.parametrize("name", NAMES)
def test_no_zero_the_data_contradict_and_no_zero_a_platform_cannot_have(demo_runs, name):
    run = demo_runs[name]
    shown = _numbers(_sheet(run))
    counts = run.summary["counts"]
    for key, (value, _) in shown.items():
        if value == "0":
            assert counts[key] == 0, key
    if "likes" in shown and shown["likes"][0] == "0":
        assert run.summary["content"]["top_liked"] == []
    if name in FACEBOOK:  # a page has no retweets, quotes or mentions to count
        assert not {"reposts", "quotes", "mentions"} & set(shown)
        assert shown["replies"][1] == "Reacties op reacties"  # never "Antwoorden 0" beside answered questions
    for key in ("likes", "shares", "followers"):
        if counts[key] is None:
            assert shown[key][0] == "n.v.t.", key


@pytest.mark.parametrize("name", NAMES)
def test_one_figure_one_format(demo_runs, name):
    """The median response time reads the same in the questions row and in the conclusion."""
    run = demo_runs[name]
    doc = _sheet(run)
    median = run.summary["government"]["median_response_minutes"]
    if median is None:
        return
    text = formatting.duration(median, "nl")
    row = doc.xpath("//section[@id='f']//tr[th[text()='Vragen aan de overheid']]/td")[0].text_content()
    assert text in row and text in doc.xpath("//p[@id='conclusions']")[0].text_content()
    assert "minuten" not in row  # never "1444 minuten" beside "24,1 uur"


def test_deventer_shows_67_page_posts_and_its_posts_to_the_page_with_their_answer_rate(demo_runs):
    run = demo_runs["deventer"]
    shown = _numbers(_sheet(run))
    assert shown["posts"] == ("67", "Posts van de pagina")
    assert shown["posts_to_page"][0] == "16"
    planted_answers = sum(1 for q in run.planted["questions"].values() if q)  # every question answered, four on the page
    line = _sheet(run).xpath("//p[@id='page-posts']")[0].text_content()
    assert line.startswith("4 van de 16 posts van bezoekers beantwoord door de overheid (25\u00a0%)"), line
    assert planted_answers == run.summary["government"]["questions_answered"]


@pytest.mark.parametrize("name", ["ocw", "timmermans"])
def test_groups_government_never_addressed_read_not_reached(demo_runs, name):
    """On its own page government is commented on by everyone: commenting is audience, not
    contact. The groups it never addressed read "niet bereikt" on the sheet."""
    run = demo_runs[name]
    groups = run.summary["networks"][run.main]["communities"]
    assert groups and all(g["government_audience_share"] > 0.9 for g in groups)
    never = [g for g in groups if g["government_contact_share"] == 0]
    assert never and all(not g["reached_by_government"] for g in never)
    doc = _sheet(run)
    for g in never:
        rows = doc.xpath(f"//table[@class='groups']//tr[@data-community='{g['id']}']")
        if rows:  # the first eight groups are shown
            assert rows[0].xpath("td")[-1].text_content() == "niet bereikt"
    unreached = doc.xpath("//section[@id='f']//tr[th[text()='Niet bereikte groepen']]/td")[0].text_content()
    assert groups[0]["name"] in unreached or groups[0]["reached_by_government"]


@pytest.mark.parametrize("name", NAMES)
def test_the_conclusion_says_government_had_no_contact_only_where_it_had_none(demo_runs, name):
    """A group is reached from the case's threshold of members in active contact (10 %). A group
    below it may still hold members government addressed or who spread its messages, as the groups
    table shows: the conclusion then says no group was reached and how far the nearest came, not
    that government addressed no one."""
    run = demo_runs[name]
    groups = run.summary["networks"][run.main]["communities"]
    paragraph = _sheet(run).xpath("//p[@id='conclusions']")[0].text_content()
    if not groups or run.summary["counts"]["government_messages"] == 0:
        return
    if any(g["government_contact_share"] for g in groups):
        assert "sprak hun leden niet aan" not in paragraph and "sprak de leden niet aan" not in paragraph
    if not any(g["reached_by_government"] for g in groups) and any(g["government_contact_share"] for g in groups):
        top = max(groups, key=lambda g: (g["government_contact_share"] or 0, g["size"], -g["id"]))
        share = formatting.percent(top["government_contact_share"], "nl")
        assert f"het hoogst was {share} in groep {top['name']}" in paragraph, paragraph
