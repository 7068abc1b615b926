"""The cross-case comparison (reports.comparison) is a pure function of the cases' analyses."""

import dataclasses

import _tactics_planted as P
from civicnet.analysis import analyse_case
import lxml.html

from civicnet.reports.comparison import COLUMNS, comparison_html, comparison_table, write_comparison_csv
from civicnet.tactics import government_facts


def _analysis(store, case, reach=None):
    """The case's analysis, with the planted main network's reach when given."""
    with store.case(case) as scope:
        a = analyse_case(scope)
        return dataclasses.replace(a, government=government_facts(scope, reach)) if reach else a


def test_comparison_table(planted):
    store, cases = planted
    tw, li = comparison_table([_analysis(store, cases["twitter"][0], P.group_reach()),
                               _analysis(store, cases["linkedin"][0])])
    assert tuple(tw) == COLUMNS
    assert tw["case"] == "twitter-planted" and li["case"] == "linkedin-flat"
    assert (tw["sender_pattern"], tw["reached_communities"], tw["communities"]) == ("combination", 1, 4)
    assert (tw["questions_received"], tw["questions_answered"], tw["answer_rate"]) == (5, 2, 0.4)
    assert tw["median_response_minutes"] == 97.5 and tw["peaks"] == 2
    assert (tw["proactive"], tw["active"], tw["reactive"], tw["main_timing"]) == (3, 2, 6, "reactive")
    assert tw["government_share"] == round(11 / 114, 4) and tw["government_accounts"] == 3
    assert tw["interaction"] == "two-way" and tw["ladder_rung"] == "inform"
    assert tw["goal"] == "participation"
    assert (tw["period_start"], tw["period_end"]) == ("2014-02-01", "2014-02-20")
    assert tw["platforms"] == "twitter" and tw["posts_to_page"] == 0
    assert li["sender_pattern"] == "civil_servants"
    assert (li["questions_received"], li["questions_answered"]) == (3, 2)


def test_comparison_reads_as_the_report_and_the_csv_keeps_the_codes(planted, tmp_path):
    """comparison.html: translated labels, percentages, a few columns; comparison.csv: codes and shares."""
    store, cases = planted
    rows = comparison_table([_analysis(store, cases["twitter"][0], P.group_reach()),
                             _analysis(store, cases["linkedin"][0])])
    doc = lxml.html.fromstring(comparison_html(rows, "nl"))
    header = [th.text_content() for th in doc.xpath("//tr[1]/th")]
    assert len(header) <= 13 and header[0] == "Casus"
    assert not [h for h in header if "_" in h]
    first = [td.text_content() for td in doc.xpath("//tr[2]/td")]
    assert "een combinatie" in first and "1 van 4" in first  # sender pattern and groups reached, in words
    assert "2 van 5 (40\u00a0%)" in first  # questions answered, with the rate as a Dutch percentage
    assert "10\u00a0%" in first  # government share 11/114 = 9.6 %, rounded
    write_comparison_csv(tmp_path / "c.csv", rows)
    lines = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == list(COLUMNS)
    assert "combination" in lines[1] and ",0.4," in lines[1]
