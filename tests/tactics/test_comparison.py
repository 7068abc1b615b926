"""The cross-case comparison (reports.comparison) is a pure function of the cases' analyses."""

import dataclasses

import _tactics_planted as P
from civicnet.analysis import analyse_case
from civicnet.reports.comparison import COLUMNS, comparison_table
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
    assert (tw["sender_pattern"], tw["reach"], tw["reached_communities"], tw["communities"]) == ("combination", "1 of 4", 1, 4)
    assert (tw["questions_received"], tw["questions_answered"], tw["answer_rate"]) == (5, 2, 0.4)
    assert tw["median_response_minutes"] == 97.5 and tw["peaks"] == 2
    assert (tw["proactive"], tw["active"], tw["reactive"], tw["main_timing"]) == (3, 2, 6, "reactive")
    assert tw["government_share"] == round(11 / 114, 4) and tw["government_accounts"] == 3
    assert tw["interaction"] == "two-way" and tw["ladder_rung"] == "inform"
    assert "information provision" in tw["strategies"]
    assert tw["period"] == "2014-02-01 – 2014-02-20"
    assert li["sender_pattern"] == "civil_servants"
    assert (li["questions_received"], li["questions_answered"]) == (3, 2)
