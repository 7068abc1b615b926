"""The dashboard's candidate ambassadors on the Benno L. demo (``/api/cases/{case}/network/ambassadors``).

The angry group's candidates are the accounts the demo plants to tie it to the local group
(planted.json ``ambassadors``). The figures are checked against the files ``civicnet run`` wrote:
each candidate's ties into the group against edges.csv and nodes.csv, counted here by the
definition in docs/networks.md (a pair tied only by one mention does not count); reasons against
summary.json; and under ``--pseudonymise`` no citizen keeps a name.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from _e2e_helpers import crosstab, home


def _client(case_yaml, **options):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from civicnet.web import create_app

    app = create_app([case_yaml], **options)
    return app, TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def benno(demo_runs):
    run = demo_runs["benno-l"]
    app, client = _client(run.case_yaml, lang="en")
    answer = client.get("/api/cases/benno-l/network/ambassadors")
    network = client.get("/api/cases/benno-l/network")
    yield run, answer, network.json(), client
    app.state.workspace.close()


def _counted_members(run, account: str, community: int) -> set[str]:
    """Members of ``community`` (not government) tied to ``account`` by a tie that counts, from the written files."""
    weight, kinds = defaultdict(int), defaultdict(set)
    for e in run.edges:
        pair = frozenset((e["source"], e["target"]))
        weight[pair] += int(e["weight"])
        kinds[pair] |= set(e["kinds"].split(";"))
    out = set()
    for pair, w in weight.items():
        if account not in pair or len(pair) != 2 or (w <= 1 and kinds[pair] == {"mention"}):
            continue
        (other,) = pair - {account}
        node = run.nodes[other]
        if int(node["community"]) == community and node["is_government"] != "true":
            out.add(other)
    return out


def test_the_angry_groups_candidates_are_the_planted_bridges_with_their_ties(benno):
    run, answer, network, _ = benno
    assert answer.status_code == 200, answer.text
    data = answer.json()
    angry = home(crosstab(run), "populair")[0]
    group = next(g for g in data["groups"] if g["community"] == angry)
    accounts = [c["account"] for c in group["candidates"]]
    planted = run.planted["ambassadors"]["populair"]
    assert set(planted) <= set(accounts[:len(planted)])
    summary = {c["id"]: c for c in run.summary["networks"]["mention"]["communities"]}
    assert accounts == [c["account"] for c in summary[angry]["ambassadors"]]  # the same candidates, same order
    unreached = {c for c, s in summary.items() if not s["reached_by_government"]}
    assert {g["community"] for g in data["groups"]} == unreached
    for c, written in zip(group["candidates"], summary[angry]["ambassadors"]):
        assert c["reason"] == written["reasons"]["en"]  # the dashboard's language, the case is Dutch
        members = _counted_members(run, c["account"], angry)
        assert len(members) == c["members_tied"] == written["members_tied"]
        drawn = {t[0] if t[1] == c["account"] else t[1] for t in c["ties"]}
        assert drawn == members  # every tie into the group, each to a member
        assert all(c["account"] in t[:2] for t in c["ties"] + c["government_ties"])
        assert all(run.nodes[t[0] if t[1] == c["account"] else t[1]]["is_government"] == "true"
                   for t in c["government_ties"])
        assert c["message"] is None or any(m["text"] == c["message"]["text"] and m["account"] == c["account"]
                                           and m["kind"] != "repost" for m in run.messages)
    site = next(c for c in group["candidates"] if c["account"] == "sleutelstad")
    assert site["role"] == "media" and site["name"] == "Sleutelstad" and site["handle"] == "@sleutelstad"
    assert site["home"] == home(crosstab(run), "lokaal")[0] and site["government_ties"]
    assert "retweeted" in site["reason"]
    # every tie's other end is in the network payload or comes along in `nodes`
    known = {n["id"] for n in network["nodes"]} | {n["id"] for n in data["nodes"]}
    assert {a for c in group["candidates"] for t in c["ties"] + c["government_ties"] for a in t[:2]} <= known
    assert not ({n["id"] for n in data["nodes"]} & {n["id"] for n in network["nodes"]})


def test_the_network_payloads_groups_carry_the_same_candidates_in_the_dashboards_language(benno):
    run, answer, network, _ = benno
    by_id = {c["id"]: c for c in network["communities"]}
    for g in answer.json()["groups"]:
        listed = by_id[g["community"]]["ambassadors"]
        assert [a["account"] for a in listed] == [c["account"] for c in g["candidates"]]
        assert [a["reason"] for a in listed] == [c["reason"] for c in g["candidates"]]


def test_a_periods_network_has_its_own_candidates_and_unknown_kinds_are_refused(benno):
    run, _, _, client = benno
    r = client.get("/api/cases/benno-l/network/ambassadors", params={"start": "2014-02-14", "end": "2014-02-16"})
    assert r.status_code == 200, r.text
    assert all(c["members_tied"] >= 3 and c["ties_to_reached"] >= 3 for g in r.json()["groups"] for c in g["candidates"])
    assert client.get("/api/cases/benno-l/network/ambassadors", params={"kind": "nope"}).status_code == 422
    assert client.get("/api/cases/nope/network/ambassadors").status_code == 404


def test_pseudonymised_citizens_stay_pseudonyms_and_named_media_keep_their_names(demo_runs):
    run = demo_runs["benno-l"]
    app, client = _client(run.case_yaml, pseudonymise=True)
    try:
        data = client.get("/api/cases/benno-l/network/ambassadors").json()
    finally:
        app.state.workspace.close()
    angry = home(crosstab(run), "populair")[0]
    group = next(g for g in data["groups"] if g["community"] == angry)
    people = [c for c in group["candidates"] if c["role"] is None]
    assert people and all(c["account"].startswith("anon-") and c["name"] == c["account"] and c["handle"] is None
                          for c in people)
    assert all(c["message"] is None or c["message"]["id"].startswith("msg-") for c in people)
    site = next(c for c in group["candidates"] if c["account"] == "sleutelstad")  # named under `public:`
    assert site["name"] == "Sleutelstad"
    assert " leden van de groep " in site["reason"]  # the case's language: Dutch
    shown = [c["account"] for c in group["candidates"]] + [a for c in group["candidates"] for t in c["ties"] for a in t[:2]]
    plain = set(run.planted["ambassadors"]["populair"]) - {"sleutelstad"}
    assert not (plain & set(shown))
