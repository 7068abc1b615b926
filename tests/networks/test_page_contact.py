"""Reach on a government's own Facebook page: the page's answers are contact, comments are not.

A page's commenters form one group per post (co-comment network). The page answers a planted
share of each post's commenters under their comments; everybody comments on the page's posts
and many like them. Written as Graph API JSON by the demo generators' page writer, imported by
the real importer, analysed as ``civicnet run`` does. Each group's contact share must equal the
share of its members the page answered (the planted truth, counted here from what was written),
to 1 %; the audience share (commenting counts) is everybody, which is why it is not reach.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from civicnet.case import load_case
from civicnet.networks.case import case_networks
from civicnet.simulate._facebook import FacebookPage
from civicnet.simulate._ledger import Ledger
from civicnet.simulate._rng import Rng
from civicnet.simulate._time import local_to_utc
from civicnet.store import Store, ingest_case

#: Per post: commenters, and how many of them the page answers.
PLANTED = [(40, 20), (30, 9), (26, 0), (22, 11), (18, 2), (14, 14)]


def _write_page(folder):
    rng, ledger = Rng(7, "page-answers"), Ledger("page-answers")
    page = FacebookPage(ledger, rng, "Gemeente Voorbeeld", "communications", edge="feed")
    answered: dict[str, bool] = {}
    start = date(2014, 3, 3)
    for n, (commenters, answers) in enumerate(PLANTED):
        when = local_to_utc(start + timedelta(days=n), 10 * 3600)
        post = page.post(page.page, when, f"Nieuws van de gemeente, deel {n + 1}.")
        people = [page.user(f"Inwoner {n}-{k}") for k in range(commenters)]
        for k, person in enumerate(people):
            comment = page.comment(post, person, when + timedelta(minutes=5 + k), f"Reactie {k} op deel {n + 1}")
            if k < answers:
                page.reply(post, comment, page.page, when + timedelta(minutes=200 + k), "Dank voor uw reactie!")
            answered[person.id] = k < answers
        page.like(post, people)  # everybody also likes the post: audience, not contact
    page.write(folder / "feed.jsonl")
    (folder / "case.yaml").write_text(
        "id: page-answers\ntitle: Een gemeentepagina\nlanguage: nl\n"
        "period: {start: 2014-03-01, end: 2014-03-31}\n"
        "sources: [{format: facebook-graph, path: feed.jsonl}]\n"
        "government: [{handle: Gemeente Voorbeeld, platform: facebook, role: communications}]\n"
        "networks: [co-comment]\n", encoding="utf-8")
    return load_case(folder / "case.yaml"), answered


def test_each_groups_contact_share_is_the_share_the_page_answered(tmp_path):
    case, answered = _write_page(tmp_path)
    with Store(tmp_path / "s.duckdb") as store:
        ingest_case(case, store)
        with store.case(case) as scope:
            result = case_networks(scope)["co-comment"]
    summary = result.summary()
    members: dict[int, list[str]] = {}
    for ident, community, gov in zip(result.net.ids, result.community.tolist(), result.net.is_government.tolist()):
        if not gov:
            members.setdefault(community, []).append(ident)
    groups = summary["communities"]
    assert len(groups) == len(PLANTED)  # one group per post: the planted partition is found
    for g in groups:
        expected = sum(answered[m] for m in members[g["id"]]) / len(members[g["id"]])
        assert g["government_contact_share"] == pytest.approx(expected, abs=0.01), g["name"]
        assert g["government_audience_share"] == 1.0  # they all commented on the page's post
        assert g["reached_by_government"] is (expected >= case.reach_threshold)
    shares = sorted(g["government_contact_share"] for g in groups)
    assert shares == pytest.approx(sorted(a / c for c, a in PLANTED), abs=0.01)
    assert [g["reached_by_government"] for g in groups].count(False) == 1  # the post the page never answered
