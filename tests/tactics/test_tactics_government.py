"""government_summary / government_details on planted cases: sender pattern, timing, reach,
questions answered, interaction and strategy (the conclusions in words: tests/reports/test_conclusions.py)."""

import json
from importlib import resources

import jsonschema
import pytest

import _tactics_planted as P
from civicnet.store import Store
from civicnet.tactics import government_details, government_summary
from civicnet.tactics import strategy as S
from civicnet.tactics.sender import sender_pattern


def _schema(part: str) -> dict:
    schema = json.loads(resources.files("civicnet.reports").joinpath("schema/summary-2.json").read_text("utf-8"))
    return {**schema["properties"][part], "$defs": schema.get("$defs", {}), "definitions": schema.get("definitions", {})}


def test_government_summary_on_the_planted_twitter_case(tw):
    scope, case, _ = tw
    g = government_summary(scope, P.group_reach())
    jsonschema.validate(g, _schema("government"))
    assert g["accounts"] == [
        {"handle": "gemeentedeventer", "role": "organisation", "body": "Gemeente Deventer", "messages": 6},
        {"handle": "wijkagentDev", "role": "civil_servant", "body": "Politie Oost-Nederland", "messages": 4},
        {"handle": "burgemeesterDev", "role": "senior_official", "body": "Gemeente Deventer", "messages": 1},
    ]
    # 6/11 communications, 4/11 civil servant (both >= 20 %), 1/11 senior: a combination
    assert g["sender_pattern"] == "combination"
    assert sum(g["message_types"].values()) >= 11 and set(g["message_types"]) == {
        "neutral", "personal", "call", "nuancing", "webcare", "humour", "none"}
    assert g["message_types"]["call"] >= 1  # "Doe mee met de Deventer opschoondag! ..."
    assert (g["questions_received"], g["questions_answered"]) == (5, 2)
    assert g["median_response_minutes"] == 97.5  # 45 and 150 minutes
    assert g["timing"] == {"proactive": 3, "active": 2, "reactive": 6}
    assert g["reached_communities"] == [1] and g["unreached_communities"] == [2, 3, 4]


def test_timing_rule_per_planted_message(tw):
    scope, case, ids = tw
    d = government_details(scope)
    rules = {m["text"][:25]: (m["timing"], m["timing_rule"]) for m in d["government_messages"]}
    assert rules["Doe mee met de Deventer o"] == ("proactive", "before_topic")
    assert rules["Ik ben vanavond in de wij"] == ("proactive", "quiet_window")
    assert rules["De markt gaat zaterdag do"] == ("proactive", "before_peak")
    assert rules["De gemeente opent een nie"] == ("active", "everyday")
    assert rules["Ik ben vandaag in de wijk"] == ("active", "everyday")
    assert rules["@burger1 Het afval wordt "] == ("reactive", "reply")
    assert rules["Wij weten van de drukte i"] == ("reactive", "peak_day")
    assert rules["Ik ben trots op de rust i"] == ("reactive", "peak_day")
    assert rules["RT @burger17: Gewoon een "] == ("reactive", "passes_on_citizen")
    assert d["timing"]["by_rule"]["reply"] == 3
    assert len(d["government_messages"]) == 11


def test_without_networks_the_community_lists_are_empty(tw):
    scope, case, _ = tw
    g = government_summary(scope)
    assert g["reached_communities"] == [] and g["unreached_communities"] == []


def test_details_reach_interaction_and_questions(tw):
    scope, case, ids = tw
    d = government_details(scope, P.group_reach({"burger1": 1, "burger2": 2, "burger4": 1}))
    assert d["summary"] == government_summary(scope, P.group_reach())
    assert d["reach"]["largest_unreached"] == {"id": 2, "size": 30, "top_terms": ["schade", "gas", "nam"],
                                               "top_accounts": ["a2"]}
    i = d["interaction"]
    assert i["mode"] == "two-way"
    assert (i["government_replies"], i["government_reply_share"]) == (3, round(3 / 11, 4))
    assert i["citizens_addressing_government"] == 7  # repost by burger6 excluded
    assert i["citizens_addressed_by_government"] == 2 and i["reciprocity"] == round(2 / 7, 4)
    assert i["citizen_reactions"]["named_likes"] == 3 and i["citizen_reactions"]["platform_like_counts"] == 100
    assert i["citizen_reactions"]["replies_and_comments"] == 2
    q = d["questions"]
    assert q["by_kind"] == {"practical": {"received": 4, "answered": 2, "answer_rate": 0.5},
                            "critical": {"received": 1, "answered": 0, "answer_rate": 0.0}}
    assert {r["group"]: (r["received"], r["answered"]) for r in q["by_group"]} == {1: (2, 2), 2: (1, 0), None: (2, 0)}
    assert q["unanswered_total"] == 3 and {u["id"] for u in q["unanswered"]} == {ids["q2"], "dup1", "e2"}
    assert q["response_minutes"]["within_1h"] == 1 and q["response_minutes"]["within_24h"] == 1
    assert d["sender"]["group_shares"] == {"communications": round(6 / 11, 4), "civil_servant": round(4 / 11, 4),
                                           "senior": round(1 / 11, 4)}
    agent = next(a for a in d["accounts"] if a["handle"] == "wijkagentDev")
    assert agent["pronouns"]["first_singular"] == 3 and agent["source"] == "case_file"
    org = next(a for a in d["accounts"] if a["handle"] == "gemeentedeventer")
    assert org["source"] == "case_file" and org["role"] == "organisation" and org["style"]["messages"] == 6
    assert d["elsewhere"]["with_official_link"] == 1  # deventer.nl
    assert d["elsewhere"]["top_domains"] == [{"domain": "deventer.nl", "messages": 1}]


def test_sender_patterns_of_the_flat_and_page_cases(planted):
    store, cases = planted
    with store.case(cases["linkedin"][0]) as scope:
        assert government_summary(scope)["sender_pattern"] == "civil_servants"
    with store.case(cases["facebook"][0]) as scope:
        fb = government_summary(scope)
    assert fb["sender_pattern"] == "communications_department"
    assert fb["accounts"] == [{"handle": "111", "role": "organisation", "body": "Gemeente Deventer", "messages": 2}]
    assert (fb["questions_received"], fb["questions_answered"], fb["median_response_minutes"]) == (3, 1, 72.0)


def _voice(group, n, role=None):
    return {"group": group, "messages": n, "role": role}


@pytest.mark.parametrize("voices, pattern", [
    ([], "absent"),
    ([_voice("senior", 0)], "absent"),
    ([_voice("senior", 40), _voice("communications", 2)], "single_senior_official"),
    ([_voice("communications", 30), _voice("communications", 10), _voice("civil_servant", 3)], "communications_department"),
    ([_voice("civil_servant", 28), _voice("civil_servant", 5)], "civil_servants"),
    ([_voice("civil_servant", 28), _voice("communications", 12), _voice("senior", 3)], "combination"),
])
def test_sender_pattern_rule(voices, pattern):
    assert sender_pattern(voices)[0] == pattern


def test_every_role_has_its_group(tmp_path):
    b = P.Builder("twitter")
    roles = ["senior_official", "politician", "organisation", "communications", "civil_servant"]
    for n, role in enumerate(roles):
        b.account(f"r{n}", role)
        b.msg(f"r{n}", P.t(1, 9 + n), f"Bericht van {role}.")
    store = Store(tmp_path / "s.duckdb")
    b.write(store, "roles")
    case = P.case(tmp_path, "roles", [{"handle": r, "role": r} for r in roles])
    with store.case(case) as scope:
        d = government_details(scope)
    assert {a["handle"]: a["group"] for a in d["accounts"]} == {
        "senior_official": "senior", "politician": "senior", "organisation": "communications",
        "communications": "communications", "civil_servant": "civil_servant"}
    assert d["sender"]["group_shares"] == {"communications": 0.4, "senior": 0.4, "civil_servant": 0.2}
    assert d["summary"]["sender_pattern"] == "combination"


def test_benno_and_earthquake_compositions():
    """The report's two macro cases: Benno L. (43 government tweets, 28 + 5 by police officers, 8 by
    the municipality, probation service and prosecutor, 2 by a director) is a combination; the
    earthquakes (7 government tweets among 5,443) count as absent: hardly visible."""
    benno = [_voice("civil_servant", 33), _voice("communications", 8), _voice("senior", 2)]
    pattern, evidence = sender_pattern(benno, case_messages=9533)
    assert pattern == "combination" and evidence["groups_taking_part"] == ["civil_servant", "communications"]
    quake = [_voice("senior", 4), _voice("communications", 3)]
    pattern, evidence = sender_pattern(quake, case_messages=5443)
    assert pattern == "absent"
    assert evidence["rule"] == ("hardly visible: 7 government messages, 0.13% of 5443 "
                                "(the accounts alone would be combination) → absent")
    assert sender_pattern(quake, case_messages=60)[0] == "combination"  # 7 of 60: visible


def test_office_holder_and_unknown_role(tmp_path):
    """A minister's page from the registry (valid in 2014) is a senior official; an account named
    without a role that writes "ik" counts as a civil servant; in 2020 the minister's page is not government."""
    store = Store(tmp_path / "s.duckdb")
    b = P.Builder("facebook")
    page = b.account("900", None, name="Frans Timmermans")
    fan = b.account("901", None, name="Fan")
    for day in range(1, 6):
        post = b.msg(page, P.t(day, 9, month=3), f"Ik was vandaag in Kiev voor overleg {day}.", id=f"900_{day}")
        b.msg(fan, P.t(day, 10, month=3), "Ik vind dit goed!", kind="comment", parent=post, root=post, id=f"900_{day}_1")
    b.write(store, "minister")
    case = P.case(tmp_path, "minister", [{"handle": "900"}], period=("2014-03-01", "2014-03-31"))
    with store.case(case) as scope:
        g = government_summary(scope)
    assert g["sender_pattern"] == "single_senior_official"
    assert g["accounts"] == [{"handle": "900", "role": "senior_official", "body": "Ministerie van Buitenlandse Zaken",
                              "messages": 5}]
    later = P.case(tmp_path, "minister", [{"handle": "900"}], period=("2020-03-01", "2020-03-31"))
    with store.case(later) as scope:
        assert government_summary(scope)["accounts"][0]["role"] is None  # the registry entry is for 2012-2014
    named = P.case(tmp_path, "minister", [{"handle": "Fan"}], period=("2020-03-01", "2020-03-31"))
    with store.case(named) as scope:
        d = government_details(scope)
    assert d["accounts"][0]["group"] == "civil_servant" and d["accounts"][0]["group_inferred_from_pronouns"]
    assert d["summary"]["sender_pattern"] == "civil_servants" and d["accounts"][0]["role"] is None


def test_absent_government(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    b = P.Builder("twitter")
    people = P.citizens(b, 4)
    P.background(b, people, range(1, 5), 3)
    b.msg(people[0], P.t(2, 9), "@gemeentegroningen Waarom doet niemand iets aan de schade?")
    b.write(store, "quiet")
    case = P.case(tmp_path, "quiet", [{"handle": "gemeentegroningen", "role": "organisation"}])
    with store.case(case) as scope:
        g = government_summary(scope, P.group_reach())
        d = government_details(scope)
    assert g["sender_pattern"] == "absent" and g["accounts"] == []
    assert g["message_types"] == {t: 0 for t in ("neutral", "personal", "call", "nuancing", "webcare", "humour", "none")}
    assert g["timing"] == {"proactive": 0, "active": 0, "reactive": 0}
    assert g["median_response_minutes"] is None and g["questions_received"] == 0
    assert d["interaction"]["mode"] == "absent"
    assert d["strategy"]["ladder"]["rung"] is None
    assert not any(s["present"] for s in d["strategy"]["strategies"])


def _facts(**over):
    base = {
        "government_messages": 20, "message_types": {"neutral": 2, "personal": 0, "call": 5, "nuancing": 0,
                                                     "webcare": 4, "humour": 0, "none": 0},
        "interaction": {"mode": "two-way", "reciprocity": 0.5, "citizens_addressing_government": 10,
                        "threads_with_government": 4, "government_to_government_share": 0.0},
        "citizen_posts": 6, "citizen_group_posts": 6, "questions_answered": 5, "questions_received": 8, "consultations": 2,
        "critical_answered": 1, "reactive_nuancing": 0,
    }
    base.update(over)
    return base


def test_strategy_and_ladder_rules():
    f = _facts()
    placed = S.strategies(f)
    present = {s["id"] for s in placed if s["present"]}
    assert present == {"persuasion", "facilities", "dialogue", "co_creation", "service"}
    assert S.ladder(f, placed)["rung"] == "co-produce"
    f = _facts(citizen_group_posts=0)  # posts to a page are facilities, not co-creation
    assert "co_creation" not in {s["id"] for s in S.strategies(f) if s["present"]}
    assert "facilities" in {s["id"] for s in S.strategies(f) if s["present"]}
    assert S.ladder(f, S.strategies(f))["rung"] == "advise"
    f = _facts(citizen_group_posts=0, critical_answered=0)
    assert S.ladder(f, S.strategies(f))["rung"] == "consult"
    f = _facts(citizen_group_posts=0, critical_answered=0, consultations=0)
    assert S.ladder(f, S.strategies(f))["rung"] == "inform"
    rungs = S.ladder(f, S.strategies(f))["rungs"]
    assert rungs[-1] == {"rung": "co-decide", "supported": False, "evidence": "cannot be read from public social-media data"}
    one_way = _facts(interaction={"mode": "one-way", "reciprocity": 0.0, "citizens_addressing_government": 0,
                                  "threads_with_government": 0, "government_to_government_share": 0.6})
    placed = S.strategies(one_way)
    assert {s["id"] for s in placed if s["present"]} >= {"information", "collaboration"}
    assert S.goals(one_way, placed)["main"] == "communication"
    hidden = _facts(sender_pattern="absent", government_messages=7)
    assert not any(s["present"] for s in S.strategies(hidden))
    assert S.ladder(hidden, S.strategies(hidden))["rung"] is None
