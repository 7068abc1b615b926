"""The planted truths carry the report's own figures (METHOD.md §7)."""

from __future__ import annotations

import json

import pytest


def _planted(generated, name) -> dict:
    return json.loads((generated["paths"][name].parent / "planted.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, figures", [
    ("timmermans", {"posts": 75, "comments": 11_835, "likes": 74_260, "participants": 4_277}),
    ("deventer", {"posts": 67 + 16}),
    ("rijkswaterstaat", {"posts": 70, "comments": 1_957}),
    ("ocw", {"posts": 75 + 30, "comments": 106}),
    ("aardbeving-groningen", {"messages": 5_443, "participants": 2_823}),
    ("benno-l", {"messages": 9_533, "participants": 4_171, "government_messages": 43}),
])
def test_counts(generated, name, figures):
    counts = _planted(generated, name)["counts"]
    assert {k: counts[k] for k in figures} == figures


def test_timmermans_rarely_replies(generated):
    p = _planted(generated, "timmermans")
    assert p["counts"]["government_messages"] - p["counts"]["posts"] <= 10
    assert set(p["groups"].values()) == {"fans", "fans_politiek", "politiek"}


def test_deventer_small_fast_and_consistent(generated):
    p = _planted(generated, "deventer")
    assert p["max_messages_under_a_post"] <= 4
    assert p["messages_by_kind"]["post_to_page"] == 16
    answered = [q for q in p["questions"].values() if q]
    assert len(answered) == p["questions_received"] and max(q["response_minutes"] for q in answered) <= 40


def test_rijkswaterstaat_cover_photo_thread_and_most_liked(generated):
    p = _planted(generated, "rijkswaterstaat")
    assert p["nss_thread_messages"] == 23 and p["most_likes"] == 491
    assert 0 < p["questions_answered"] < p["questions_received"]


def test_ocw_eight_unconnected_groups_three_answers(generated):
    p = _planted(generated, "ocw")
    groups = set(p["groups"].values()) - {"post_to_page"}
    assert len(groups) == 8 and p["questions_answered"] == 3


def test_earthquake_government_nearly_absent(generated):
    p = _planted(generated, "aardbeving-groningen")
    assert p["peaks"][0] == "2014-02-13"
    assert "2014-01-17" in p["peaks"]
    assert len(p["unlanded_government_tweets"]) == 3 and p["questions_answered"] == 0


def test_benno_government_inside_the_local_group(generated):
    p = _planted(generated, "benno-l")
    assert {g["account"]: g["messages"] for g in p["government_accounts"]}[p["police_officer"]] == 28
    assert {p["groups"][g["account"]] for g in p["government_accounts"]} == {"lokaal"}
    assert p["peaks"] == ["2014-02-15"]


def test_vacant_lots_linkedin_and_blt020(generated):
    p = _planted(generated, "leegstand-ondertussen")
    assert p["linkedin_members"] == 282
    assert p["linkedin_members_by_category"] == {"government": 62, "professional": 209, "unknown": 11}
    li, tw = p["by_platform"]["linkedin"], p["by_platform"]["twitter"]
    assert li["messages"] == 371 and tw["messages"] == 381 and tw["participants"] == 55
    assert p["linkedin_core_civil_servant_messages"] * 3 == pytest.approx(371, abs=3)
    assert sum(p["twitter_civil_servant_tweets"].values()) == tw["government_messages"] == 286


def test_wijkagent_is_the_connector(generated):
    p = _planted(generated, "wijkagent-lisse")
    assert p["follow_groups"]["wijkagentLisse"] == "verbinder"
    assert {"lokaal", "politie"} <= set(p["follow_groups"].values())
    assert p["follows"] > p["followed_by_focus"] > 100
    assert 0 < p["questions_answered"] < p["questions_received"]
