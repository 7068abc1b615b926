"""Each generated case, ingested by civicnet's own importers, holds exactly what was planted."""

from __future__ import annotations

import pytest

from civicnet.store.government import government_accounts
from civicnet.store.info import case_info
from civicnet.store.views import use_case
from civicnet.text.questions import is_question

from _simulate_helpers import NAMES

POST_KINDS = ("post", "post_to_page", "group_post")


def _case(ingested, name):
    c = ingested[name]
    use_case(c["store"], c["case"].id)
    return c["case"], c["store"], c["planted"]


@pytest.mark.parametrize("name", NAMES)
def test_every_record_is_read(ingested, name):
    for report in ingested[name]["reports"]:
        assert report.records_rejected == 0, report.reject_reasons
        assert report.records_read > 0


@pytest.mark.parametrize("name", NAMES)
def test_messages_by_kind_and_participants(ingested, name):
    case, store, planted = _case(ingested, name)
    info = case_info(store, case)
    assert info["messages_by_kind"] == planted["messages_by_kind"]
    assert info["messages"] == planted["counts"]["messages"]
    assert info["participants"] == planted["counts"]["participants"]
    assert info["messages_without_author"] == 0
    kinds = planted["messages_by_kind"]
    assert planted["counts"]["posts"] == sum(kinds.get(k, 0) for k in POST_KINDS)


@pytest.mark.parametrize("name", NAMES)
def test_likes_mentions_and_follows(ingested, name):
    case, store, planted = _case(ingested, name)
    ties = dict(store.sql("SELECT kind, count(*) FROM case_interactions GROUP BY kind"))
    assert ties.get("like", 0) == planted["like_interactions"]  # the named likes the exports list
    assert ties.get("mention", 0) == planted["counts"]["mentions"]
    assert ties.get("follow", 0) == planted["follows"]


@pytest.mark.parametrize("name", NAMES)
def test_government_accounts_and_messages(ingested, name):
    case, store, planted = _case(ingested, name)
    found = {(g.platform, g.account_id) for g in government_accounts(store, case)}
    assert found == {(g["platform"], g["id"]) for g in planted["government_accounts"]}
    n = store.sql(
        "SELECT count(*) FROM case_messages WHERE (platform, account) IN (SELECT unnest(?), unnest(?))",
        [[p for p, _ in found], [i for _, i in found]],
    )[0][0]
    assert n == planted["counts"]["government_messages"]


def _addressed_questions(store, gov: set[tuple[str, str]]) -> tuple[set[str], set[str]]:
    """(questions by CONTRACT's definition, all non-government question-like messages)."""
    rows = store.sql(
        """SELECT m.platform, m.id, m.account, m.kind, m.text, p.account AS parent_author, r.account AS root_author,
                  list(DISTINCT i.target) FILTER (WHERE i.kind = 'mention') AS mentioned
           FROM case_messages m
           LEFT JOIN case_all_messages p ON p.platform = m.platform AND p.id = m.parent
           LEFT JOIN case_all_messages r ON r.platform = m.platform AND r.id = m.root
           LEFT JOIN case_interactions i ON i.platform = m.platform AND i.message = m.id
           WHERE m.kind <> 'repost'
           GROUP BY ALL"""
    )
    questions, asking = set(), set()
    for platform, mid, account, kind, text, parent_author, _, mentioned in rows:
        if (platform, account) in gov or not is_question(text, "nl"):
            continue
        asking.add(mid)
        to_gov = (kind == "post_to_page" or (platform, parent_author) in gov
                  or any((platform, t) in gov for t in mentioned or []))
        if to_gov:
            questions.add(mid)
    return questions, asking


@pytest.mark.parametrize("name", NAMES)
def test_planted_questions_are_exactly_the_questions_to_government(ingested, name):
    case, store, planted = _case(ingested, name)
    gov = {(g["platform"], g["id"]) for g in planted["government_accounts"]}
    questions, asking = _addressed_questions(store, gov)
    assert questions == set(planted["questions"])
    # Off Twitter nothing else asks anything, so no reading of "addressed" can find more questions.
    others = {mid for mid in asking - questions
              if store.sql("SELECT platform FROM case_messages WHERE id = ?", [mid])[0][0] != "twitter"}
    assert others == set()


@pytest.mark.parametrize("name", NAMES)
def test_planted_answers_and_response_minutes(ingested, name):
    case, store, planted = _case(ingested, name)
    gov = {(g["platform"], g["id"]): g["account"] for g in planted["government_accounts"]}
    rows = store.sql(
        """SELECT q.id, a.platform, a.account, date_diff('second', q.created_at, a.created_at) / 60.0
           FROM case_messages q JOIN case_messages a ON a.platform = q.platform AND a.parent = q.id
           ORDER BY q.id, a.created_at"""
    )
    first: dict[str, tuple[str, float]] = {}
    for qid, platform, account, minutes in rows:
        if qid in planted["questions"] and (platform, account) in gov and qid not in first:
            first[qid] = (gov[platform, account], minutes)
    expected = {qid: (a["answered_by"], a["response_minutes"]) for qid, a in planted["questions"].items() if a}
    assert {q: (who, round(m, 2)) for q, (who, m) in first.items()} == expected
    assert planted["questions_answered"] == len(expected)


@pytest.mark.parametrize("name", NAMES)
def test_messages_fall_in_the_case_period(ingested, name):
    case, store, planted = _case(ingested, name)
    first, last = store.sql("SELECT min(created_at), max(created_at) FROM case_messages")[0]
    assert case.period_start <= (first + _offset(first)).date()
    assert (last + _offset(last)).date() <= case.period_end


def _offset(moment):
    from datetime import timedelta

    from civicnet.simulate._time import utc_offset_hours

    return timedelta(hours=utc_offset_hours(moment.date()))
