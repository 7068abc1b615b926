"""Questions to government and their answers, with planted delays."""

from civicnet.tactics import question_list
from civicnet.tactics.answers import kind_of_question


def _by_id(qs):
    return {q["id"]: q for q in qs}


def test_planted_questions_on_twitter(tw):
    scope, case, ids = tw
    qs = question_list(scope)
    got = _by_id(qs)
    # q1, q2, q3, the duplicate once, the edited question once (latest version); not the praise,
    # not the retweet with a question mark, not the context-only question
    assert set(got) == {ids["q1"], ids["q2"], ids["q3"], "dup1", "e2"}
    assert [q["id"] for q in qs] == [ids["q1"], ids["q2"], ids["q3"], "dup1", "e2"]  # oldest first
    q1 = got[ids["q1"]]
    assert q1 == {
        "platform": "twitter", "id": ids["q1"], "account": "burger1", "created_at": "2014-02-03T09:00:00Z",
        "text": "@gemeentedeventer Wanneer wordt het afval opgehaald?", "addressed_to": ["gemeentedeventer"],
        "answered_by": "gemeentedeventer", "answer_id": ids["a1"], "response_minutes": 45.0,
        "kind_of_question": "practical",
    }
    # two government answers: the first one counts (the officer after 150 minutes, not the municipality at 180)
    q3 = got[ids["q3"]]
    assert (q3["answered_by"], q3["answer_id"], q3["response_minutes"]) == ("wijkagentDev", ids["a3"], 150.0)
    # a reply to the government's post, critical and unanswered
    q2 = got[ids["q2"]]
    assert q2["addressed_to"] == ["gemeentedeventer"]
    assert q2["kind_of_question"] == "critical"
    assert q2["answered_by"] is None and q2["answer_id"] is None and q2["response_minutes"] is None
    assert got["e2"]["text"].endswith("aanvragen?")


def test_flat_platform_answer_by_a_later_mention_in_the_thread(planted):
    """LinkedIn group (no reply links): the civil servant answers by naming the asker in the same
    thread 90 minutes later; a mention of the other asker in another thread is no answer."""
    store, cases = planted
    case, ids = cases["linkedin"]
    with store.case(case) as scope:
        got = _by_id(question_list(scope))
    # comments on a government post that ask something, and a citizen's post naming the civil servant
    assert set(got) == {ids["q"], ids["q_other"], ids["q_post"]}
    q = got[ids["q"]]
    assert q["account"] == "li2"  # no handles on LinkedIn: the account id
    assert (q["answered_by"], q["answer_id"], q["response_minutes"]) == ("li1", ids["answer"], 90.0)
    assert got[ids["q_other"]]["answered_by"] is None
    # her comment under the question post (below another comment) answers it
    q_post = got[ids["q_post"]]
    assert (q_post["answered_by"], q_post["answer_id"], q_post["response_minutes"]) == ("li1", ids["under"], 45.0)


def test_post_to_page_answered_by_a_comment_under_it(planted):
    store, cases = planted
    case, ids = cases["facebook"]
    with store.case(case) as scope:
        got = _by_id(question_list(scope))
    # the page is found in the post's id (PAGEID_POSTID); a citizen's reply to another citizen's
    # comment under the page's post asks something, but of that citizen, not of government
    # posts to the page named by ``page`` (x77) or by nothing but the page owner (y88) are addressed too
    assert set(got) == {ids["p2p"], "x77", "y88"}
    assert got["x77"]["addressed_to"] == got["y88"]["addressed_to"] == ["111"]
    assert got["x77"]["answered_by"] is None
    p2p = got[ids["p2p"]]
    assert p2p["addressed_to"] == ["111"]
    assert (p2p["answered_by"], p2p["answer_id"], p2p["response_minutes"]) == ("111", ids["answer"], 72.0)


def test_kind_of_question():
    assert kind_of_question("Is de weg bij de kerk weer open?") == "practical"
    assert kind_of_question("Wanneer wordt het afval opgehaald?") == "practical"
    assert kind_of_question("Waarom krijgen wij geen schadevergoeding?") == "critical"
    assert kind_of_question("Why is this policy allowed?") == "critical"
    long = "Kunt u uitleggen " + "hoe dit precies zit met de plannen " * 8 + "?"
    assert kind_of_question(long) == "critical"
