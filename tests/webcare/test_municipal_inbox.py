"""A generated day of a municipal inbox, run as a user runs it: `civicnet inbox CASE.yaml --out DIR`.

What the issue asks of it: emergencies fill the top of the queue with urgency high, waste and
traffic questions reach their desks with no --routes, duplicates are one item, abuse is never
praise, political questions go to communications, and "now" is the end of the (past) case.
"""

from __future__ import annotations

import json

import _municipal as M
import pytest
from click.testing import CliRunner

from civicnet.cli import main


@pytest.fixture(scope="module")
def queue(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zandvoorde")
    case = M.write_case(folder)
    result = CliRunner().invoke(main, ["inbox", str(case), "--out", str(folder / "out"), "-q"])
    assert result.exit_code == 0, result.output
    rows = json.loads((folder / "out" / "inbox.json").read_text(encoding="utf-8"))
    planted = {m["id"]: m for m in M.messages()}
    return rows, planted


def test_emergencies_fill_the_top_with_urgency_high(queue):
    rows, planted = queue
    n = len(M.EMERGENCY)
    top = rows[:n]
    assert [planted[r["id"]]["kind"] for r in top] == ["emergency"] * n
    assert all(r["urgency"] == "high" for r in top)
    assert not any(r["urgency"] == "high" for r in rows[n:] if planted[r["id"]]["kind"] != "emergency")


def test_waste_and_traffic_reach_their_desks_without_routes(queue):
    rows, planted = queue
    for r in rows:
        kind = planted[r["id"]]["kind"]
        if kind in ("waste", "traffic", "desk", "political"):
            assert planted[r["id"]]["desk"] in r["route"], (r["text"], r["route"], r["reason"])
    assert all("standaardregels voor een gemeente" in r["reason"] for r in rows)


def test_a_campaign_from_several_accounts_is_one_item(queue):
    rows, planted = queue
    campaign = [r for r in rows if planted[r["id"]]["kind"] == "campaign"]
    assert len(campaign) == 1
    assert len(campaign[0]["accounts"]) == len(M.CAMPAIGN_VARIANTS)
    assert f"zelfde bericht van {len(M.CAMPAIGN_VARIANTS)} accounts" in campaign[0]["reason"]


def test_abuse_is_never_praise_and_rumours_go_to_communications(queue):
    rows, planted = queue
    for r in rows:
        kind = planted[r["id"]]["kind"]
        if kind == "abuse":
            assert r["category"] in ("abuse", "complaint"), r["text"]  # never praise
        if kind == "rumour":
            assert r["route"] == "Communicatie"
    assert sum(1 for r in rows) == len(planted) - len(M.CAMPAIGN_VARIANTS) + 1


def test_now_is_the_end_of_the_past_case(queue):
    rows, _ = queue
    # the case is 4 November 2014 only: nothing waited longer than that day and night
    assert max(r["waiting_minutes"] for r in rows) <= 24 * 60
