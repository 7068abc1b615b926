"""End to end, per demo case: what the generator planted is what ``run_case`` writes.

Each case is generated with the default seed (planted.json holds the truths), run with
:func:`civicnet.reports.run.run_case`, and the written files are checked: counts,
government accounts, questions and answers, timeline and peaks, the groups of the main
network, the shipped schema, the CONTRACT columns, and identifiers that agree across files.
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date, timedelta

import pytest
import yaml

from civicnet.reports.summary import validate

from _e2e_helpers import (EDGES_COLUMNS, MESSAGES_COLUMNS, NAMES, NODES_COLUMNS, crosstab, home, linked, nmi,
                          purity)


def _bool(value: str) -> bool:
    assert value in ("true", "false"), value
    return value == "true"


# -- figures ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_counts_are_exactly_as_planted(demo_runs, name):
    run = demo_runs[name]
    assert run.summary["counts"] == run.planted["counts"]
    assert len(run.messages) == run.planted["counts"]["messages"]
    assert Counter(m["kind"] for m in run.messages) == Counter(run.planted["messages_by_kind"])


@pytest.mark.parametrize("name", NAMES)
def test_questions_answers_and_response_time_as_planted(demo_runs, name):
    run = demo_runs[name]
    gov, planted = run.summary["government"], run.planted
    assert gov["questions_received"] == planted["questions_received"]
    assert gov["questions_answered"] == planted["questions_answered"]
    minutes = [q["response_minutes"] for q in planted["questions"].values() if q]
    if minutes:
        assert gov["median_response_minutes"] == pytest.approx(statistics.median(minutes), abs=0.01)
    else:
        assert gov["median_response_minutes"] is None


@pytest.mark.parametrize("name", NAMES)
def test_messages_csv_questions_and_answers_as_planted(demo_runs, name):
    run = demo_runs[name]
    planted = run.planted["questions"]
    rows = {m["id"]: m for m in run.messages}
    assert {i for i, m in rows.items() if _bool(m["is_question"])} == set(planted)
    for qid, answer in planted.items():
        row = rows[qid]
        if answer is None:
            assert (row["answered_by"], row["response_minutes"]) == ("", ""), qid
        else:
            assert row["answered_by"] == answer["answered_by"], qid
            assert float(row["response_minutes"]) == pytest.approx(answer["response_minutes"], abs=0.01), qid
    unasked = [m for m in run.messages if not _bool(m["is_question"])]
    assert all(m["answered_by"] == "" and m["response_minutes"] == "" for m in unasked)


@pytest.mark.parametrize("name", NAMES)
def test_government_accounts_and_their_messages(demo_runs, name):
    run = demo_runs[name]
    found = {a["handle"]: (a["role"], a["messages"]) for a in run.summary["government"]["accounts"]}
    planted = {g["account"]: (g["role"], g["messages"]) for g in run.planted["government_accounts"]}
    assert found == planted
    # messages.csv marks exactly their messages as government messages
    gov_rows = Counter(m["account"] for m in run.messages if _bool(m["is_government"]))
    assert gov_rows == Counter({h: n for h, (_, n) in planted.items() if n})
    assert all(m["message_type"] for m in run.messages if _bool(m["is_government"]))
    assert not any(m["message_type"] for m in run.messages if not _bool(m["is_government"]))
    # nodes.csv marks exactly the government accounts in the network
    marked = {a for a, n in run.nodes.items() if _bool(n["is_government"])}
    assert marked == set(planted) & set(run.nodes)


@pytest.mark.parametrize("name", NAMES)
def test_timeline_and_peaks_follow_the_planted_days(demo_runs, name):
    """The timeline is the planted daily traffic within the period; the peaks are the
    documented rule (docs/tactics.md), computed by the generator's own plain implementation
    from the days it wrote (planted.json)."""
    run = demo_runs[name]
    period = run.summary["case"]["period"]
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    days = [(start + timedelta(n)).isoformat() for n in range((end - start).days + 1)]
    daily = run.planted["daily_messages"]
    assert [(d["date"], d["messages"]) for d in run.summary["timeline"]] == [(d, daily.get(d, 0)) for d in days]
    assert run.summary["peaks"] == run.planted["peaks"]


def test_earthquake_peaks_at_the_planted_quake_and_decision(demo_runs):
    run = demo_runs["aardbeving-groningen"]
    planted = run.planted["planted_peak_days"]
    assert set(planted) <= set(run.summary["peaks"])
    assert run.summary["peaks"][0] == planted[0]  # the Leermens quake is the most prominent


def test_benno_peak_is_the_first_day_of_the_storm(demo_runs):
    run = demo_runs["benno-l"]
    assert run.summary["peaks"][0] == run.summary["case"]["period"]["start"] == "2014-02-15"


def test_rijkswaterstaat_peaks_at_the_cover_photo_post(demo_runs):
    run = demo_runs["rijkswaterstaat"]
    cover = next(m for m in run.messages if m["id"] == run.planted["cover_post"])
    under_cover = [m for m in run.messages if m["parent"] == cover["id"] and m["kind"] == "comment"]
    assert len(under_cover) >= 700  # the report's 709-comment cover-photo post
    assert cover["created_at"][:10] in run.summary["peaks"]


# -- files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_summary_validates_against_the_shipped_schema(demo_runs, name):
    run = demo_runs[name]
    validate(run.summary)
    assert run.summary["schema"] == "civicnet.summary/2"
    assert run.summary["case"]["id"] == name


@pytest.mark.parametrize("name", NAMES)
def test_tables_have_the_contract_columns_in_order(demo_runs, name):
    run = demo_runs[name]
    assert run.nodes_header == NODES_COLUMNS
    assert run.edges_header == EDGES_COLUMNS
    assert run.messages_header == MESSAGES_COLUMNS


@pytest.mark.parametrize("name", NAMES)
def test_identifiers_agree_across_files(demo_runs, name):
    run = demo_runs[name]
    net = run.summary["networks"][run.main]
    assert run.main == yaml.safe_load(run.case_yaml.read_text(encoding="utf-8"))["networks"][0]
    assert net["nodes"] == len(run.nodes) and net["edges"] == len(run.edges)
    ends = {e["source"] for e in run.edges} | {e["target"] for e in run.edges}
    assert ends <= set(run.nodes)
    authors = {m["account"] for m in run.messages}
    assert len(authors) == run.summary["counts"]["participants"]
    # every tie comes from a message: the tie's source (both ends on undirected co-comment) wrote one
    sources = {e["source"] for e in run.edges} if net["directed"] else ends
    assert sources <= authors
    ids = {c["id"] for c in net["communities"]}
    sizes = Counter(int(n["community"]) for n in run.nodes.values())
    assert ids <= set(sizes)
    # summary.json lists the 50 largest communities of 3 or more plus every one holding government
    # (civicnet.networks.reach), leaving out communities of government accounts only; the rest
    # are crumbs of isolated or paired accounts
    gov_nodes = {a for a, n in run.nodes.items() if _bool(n["is_government"])}
    fifty = sorted(sizes.values(), reverse=True)[:50]
    members_of: dict[int, set] = {}
    for account in run.nodes:
        members_of.setdefault(run.community_of(account), set()).add(account)
    for community, size in sizes.items():
        members = members_of[community]
        if community not in ids and members & gov_nodes:
            assert members <= gov_nodes, community
        elif community not in ids:
            assert size < 3 or size <= fifty[-1], (community, size)
    for c in net["communities"]:
        assert set(c["top_accounts"]) | set(c["government_accounts"]) <= set(run.nodes)
        assert all(run.community_of(a) == c["id"] for a in c["government_accounts"])
        assert c["size"] == sum(1 for n in run.nodes.values() if int(n["community"]) == c["id"])
    for a in net["central_accounts"]:
        node = run.nodes[a["account"]]
        assert int(node["community"]) == a["community"]
        assert int(node["in_degree"]) == a["in_degree"] and int(node["out_degree"]) == a["out_degree"]
    gov = {a["handle"] for a in run.summary["government"]["accounts"]}
    assert {m["answered_by"] for m in run.messages if m["answered_by"]} <= gov
    reached = set(run.summary["government"]["reached_communities"])
    assert reached | set(run.summary["government"]["unreached_communities"]) == ids
    assert reached == {c["id"] for c in net["communities"] if c["reached_by_government"]}
    message_ids = {m["id"] for m in run.messages}
    for block in ("top_liked", "top_reposted"):
        for m in run.summary["content"][block]:
            assert m["id"] in message_ids and m["account"] in authors


# -- groups of the main network ------------------------------------------------------------


def test_benno_groups_and_government_reach(demo_runs):
    """Three large groups and six small ones, each around its own hubs with 2-4 % of ties
    across groups: NMI over the linked accounts (an account without ties is a community of
    its own for any method) is high. Measured 0.82 with seed 2014; 0.75 leaves room for
    harmless changes in the community method without letting a merge of two large groups
    (which drops it below 0.65) pass. Each large group's home community holds at least 80 % of
    it: 0.86 for the angry group before the planted ambassadors (issue 24), 0.82-0.85 with them and
    the chatter drawn anew (members who read the local news site sit between the groups); a merge
    is caught by the three homes being distinct."""
    run = demo_runs["benno-l"]
    assert nmi(run, linked(run)) >= 0.75
    table = crosstab(run)
    homes = {g: home(table, g) for g in ("lokaal", "nationaal", "populair")}
    assert all(share >= 0.80 for _, share in homes.values()), homes
    assert len({c for c, _ in homes.values()}) == 3
    local = homes["lokaal"][0]
    net = run.summary["networks"]["mention"]
    by_id = {c["id"]: c for c in net["communities"]}
    gov = [g["account"] for g in run.planted["government_accounts"]]
    assert {run.community_of(a) for a in gov} == {local}
    assert set(by_id[local]["government_accounts"]) == set(gov)
    assert by_id[local]["reached_by_government"]
    assert run.summary["government"]["reached_communities"] == [local]
    for angry in (homes["populair"][0], homes["nationaal"][0]):
        assert not by_id[angry]["reached_by_government"]
        assert angry in run.summary["government"]["unreached_communities"]
    officer = next(a for a in run.summary["government"]["accounts"] if a["handle"] == run.planted["police_officer"])
    assert officer["messages"] == 28
    assert sum(1 for m in run.messages if m["account"] == officer["handle"] and m["kind"] == "repost") == 28


def test_ocw_seven_small_groups_and_one_larger_one_unconnected(demo_runs):
    """The co-comment network falls apart in eight pieces, one per commented post: the
    partition is recovered exactly (NMI 1), the teachers' grant group is the large one."""
    run = demo_runs["ocw"]
    commenters = [a for a, g in run.planted["groups"].items() if g != "post_to_page" and a in run.nodes]
    assert nmi(run, commenters) == pytest.approx(1.0)
    table = crosstab(run, commenters)
    assert len(table) == 8 and len({home(table, g)[0] for g in table}) == 8
    sizes = sorted((sum(c.values()), g) for g, c in table.items())
    assert sizes[-1][1] == "lerarenbeurs" and sizes[-1][0] > 5 * sizes[-2][0]
    groups = run.planted["groups"]
    page = run.planted["government_accounts"][0]["account"]
    for e in run.edges:
        if page not in (e["source"], e["target"]):
            assert groups[e["source"]] == groups[e["target"]], e


def test_aardbeving_groups_and_unlanded_municipal_tweets(demo_runs):
    """Protest, media and jokers are recovered each in one community; the critical citizens
    are planted around two hubs of their own and Leiden splits them along those hubs, which
    lowers NMI (measured 0.62 over linked accounts with seed 2014; threshold 0.55)."""
    run = demo_runs["aardbeving-groningen"]
    assert nmi(run, linked(run)) >= 0.55
    table = crosstab(run)
    homes = {g: home(table, g) for g in ("protest", "media", "humor")}
    assert all(share >= 0.75 for _, share in homes.values()), homes
    assert len({c for c, _ in homes.values()}) == 3
    critical = table["kritisch"].most_common(2)
    assert sum(n for _, n in critical) / sum(table["kritisch"].values()) >= 0.7
    assert not {c for c, _ in critical} & {c for c, _ in homes.values()}
    # the three municipal tweets never landed: nobody retweets, mentions or answers them
    unlanded = set(run.planted["unlanded_government_tweets"])
    municipal = {m["account"] for m in run.messages if m["id"] in unlanded}
    assert len(municipal) == 3
    for account in municipal:
        assert account not in run.nodes or int(run.nodes[account]["in_degree"]) == 0
    assert not any(m["parent"] in unlanded for m in run.messages)


def test_rijkswaterstaat_groups(demo_runs):
    """Photos and (former) staff form communities of their own; questions and roads meet
    under the same posts (the page answers questions under road posts too) and share a
    community, which caps NMI (measured 0.56 with seed 2014; threshold 0.5)."""
    run = demo_runs["rijkswaterstaat"]
    assert nmi(run) >= 0.5
    table = crosstab(run)
    staff, staff_share = home(table, "oud_personeel")
    photos, photos_share = home(table, "fotos")
    assert staff_share >= 0.9 and photos_share >= 0.8 and staff != photos
    assert home(table, "wegen_bruggen")[0] not in (staff, photos)
    # former staff are the least connected group: almost all their ties stay inside
    groups = run.planted["groups"]
    out = [groups.get(e["target"]) != "oud_personeel" for e in run.edges
           if groups.get(e["source"]) == "oud_personeel"] + \
          [groups.get(e["source"]) != "oud_personeel" for e in run.edges
           if groups.get(e["target"]) == "oud_personeel"]
    assert sum(out) / len(out) < 0.2


def test_timmermans_groups(demo_runs):
    """Co-comment ties form under one post, and most of the 4,277 commenters write under one
    or two posts, so each planted group (a taste for personal, work or political posts) is
    found as several communities of posts rather than one: NMI is low (0.28) although the
    communities are pure. What the network shows is tested: every community is mostly one
    group (purity measured 0.80; threshold 0.75), every group leads communities of its own,
    and the political group is the one least tied to the others."""
    run = demo_runs["timmermans"]
    assert purity(run) >= 0.75
    groups = run.planted["groups"]
    led = {}
    for community in {int(n["community"]) for n in run.nodes.values()}:
        members = Counter(groups[a] for a, n in run.nodes.items() if int(n["community"]) == community and a in groups)
        if sum(members.values()) >= 50:
            led.setdefault(members.most_common(1)[0][0], []).append(community)
    assert set(led) == {"fans", "fans_politiek", "politiek"}
    across, total = Counter(), Counter()
    for e in run.edges:
        a, b = groups.get(e["source"]), groups.get(e["target"])
        if a and b:
            w = float(e["weight"])
            for g, other in ((a, b), (b, a)):
                total[g] += w
                across[g] += w if other != g else 0
    share = {g: across[g] / total[g] for g in total}
    assert share["politiek"] < share["fans"] and share["politiek"] < share["fans_politiek"], share


def test_wijkagent_is_the_connector_of_his_follow_network(demo_runs):
    run = demo_runs["wijkagent-lisse"]
    follow = run.summary["networks"]["follow"]
    assert follow["nodes"] == run.planted["followed_by_focus"] + 1
    assert follow["edges"] == run.planted["follows"]
    top = max(follow["central_accounts"], key=lambda a: a["betweenness"])
    assert top["account"] == run.planted["connector"] == "wijkagentLisse"
    others = sorted((a["betweenness"] for a in follow["central_accounts"] if a is not top), reverse=True)
    assert top["betweenness"] > 10 * others[0]


def test_wijkagent_mention_network_clusters(demo_runs):
    """Every tweet in the collection mentions him, so the mention network is a star around
    him and the planted clusters are weak (planted partition's modularity 0.03): politics
    gets a community of its own, police and some citizens share his. Tested: he is the hub,
    communities are mostly one group (purity 0.74 measured; threshold 0.7), politics and
    police are apart."""
    run = demo_runs["wijkagent-lisse"]
    me = run.nodes["wijkagentLisse"]
    assert int(me["in_degree"]) == max(int(n["in_degree"]) for n in run.nodes.values())
    assert purity(run) >= 0.7
    table = crosstab(run)
    assert home(table, "politiek")[0] != home(table, "politie")[0]
    assert home(table, "politiek")[1] >= 0.75 and home(table, "politie")[1] >= 0.9


def test_leegstand_three_civil_servants_with_separate_followings(demo_runs):
    run = demo_runs["leegstand-ondertussen"]
    mention = run.summary["networks"]["mention"]
    servants = set(run.planted["twitter_civil_servant_tweets"])
    where = {a: c["id"] for c in mention["communities"] for a in c["government_accounts"] if a in servants}
    assert set(where) == servants and len(set(where.values())) == 3
    for c in mention["communities"]:
        if c["id"] in where.values():
            assert c["top_accounts"][0] in servants
    # the LinkedIn group: 371 messages, a few civil servants wrote a third of them
    linkedin = [m for m in run.messages if m["platform"] == "linkedin"]
    assert len(linkedin) == 371 == run.planted["by_platform"]["linkedin"]["messages"]
    by_gov = Counter(m["account"] for m in linkedin if _bool(m["is_government"]))
    assert sum(by_gov.values()) == run.planted["by_platform"]["linkedin"]["government_messages"]
    core = sum(n for _, n in by_gov.most_common(4))
    assert core == run.planted["linkedin_core_civil_servant_messages"] and round(core / len(linkedin), 1) == 0.3


def test_deventer_municipality_reaches_every_group(demo_runs):
    """One planted group of citizens (no partition to recover): the municipality answers
    every question and comments under the citizens' posts, so each community is reached."""
    run = demo_runs["deventer"]
    page = run.planted["government_accounts"][0]["account"]
    assert page in run.nodes
    net = run.summary["networks"]["co-comment"]
    assert all(c["reached_by_government"] for c in net["communities"])
    assert run.summary["government"]["unreached_communities"] == []
    under = Counter(m["parent"] for m in run.messages if m["kind"] in ("comment", "reply") and m["parent"])
    assert max(under.values()) <= run.planted["max_messages_under_a_post"]
