"""The dashboard's JSON API over a small ingested case (FastAPI TestClient)."""

from __future__ import annotations

import csv
import io

import pytest

from .conftest import A, B, HOSTILE, client_for, write_case

pytest.importorskip("fastapi")


def test_cases_and_overview_carry_the_factsheet_figures(client):
    cases = client.get("/api/cases").json()
    assert cases["items"] == [{"id": "brug", "title": "De brug", "level": None, "language": "nl",
                               "networks": ["mention", "co-hashtag"], "government_accounts": 1}]
    o = client.get("/api/cases/brug").json()
    assert o["counts"]["messages"] == 28 and o["counts"]["participants"] == 13
    assert o["counts"]["government_messages"] == 1 and o["counts"]["replies"] == 1
    assert [a["handle"] for a in o["government"]["accounts"]] == ["gemeenteX"]
    assert o["network"]["nodes"] == 13
    assert o["case"]["period"] == {"start": "2014-03-01", "end": "2014-03-05"}


def test_network_two_groups_government_marked(client):
    net = client.get("/api/cases/brug/network").json()
    assert (net["nodes_total"], net["nodes_shown"], net["truncated"]) == (13, 13, False)
    assert net["edges_shown"] == net["edges_total"] == len(net["edges"])
    groups = {frozenset(n["id"] for n in net["nodes"] if n["community"] == c["id"]) for c in net["communities"]}
    assert groups == {frozenset(h for _, h in A) | {"gemeenteX"}, frozenset(h for _, h in B)}
    assert [n["id"] for n in net["nodes"] if n["government"]] == ["gemeenteX"]
    assert all(-1.0 <= n["x"] <= 1.0 and -1.0 <= n["y"] <= 1.0 for n in net["nodes"])
    assert net["layout"] == "group-in-a-box"  # the factsheet's layout code: each group in its own box
    boxes = {b["community"]: b for b in net["boxes"]}
    for n in net["nodes"]:
        b = boxes[n["community"]]
        assert b["x0"] <= n["x"] <= b["x1"] and b["y0"] <= n["y"] <= b["y1"]
    assert set(net["kinds"]) >= {"mention", "reply"}
    for s, t, w, k in net["edges"]:
        assert 0 <= s < 13 and 0 <= t < 13 and w >= 1 and net["kind_labels"][k]


def test_max_nodes_bounds_the_browser_and_search_reaches_the_rest(tmp_path):
    from civicnet.web import create_app

    c = client_for(create_app([write_case(tmp_path)], max_nodes=5))
    net = c.get("/api/cases/brug/network").json()
    assert net["nodes_shown"] == 5 and net["nodes_total"] == 13 and net["truncated"]
    shown = {n["id"] for n in net["nodes"]}
    assert "gemeenteX" in shown
    hidden = next(h for _, h in B if h not in shown)
    found = c.get("/api/cases/brug/network/search", params={"q": hidden}).json()
    assert found["items"][0] == {**found["items"][0], "id": hidden, "shown": False}
    near = c.get("/api/cases/brug/network/neighbourhood", params={"account": hidden}).json()
    assert near["center"] == hidden and near["nodes"][0]["id"] == hidden
    assert all(hidden in (a, b) for a, b, _, _ in near["edges"]) and near["edges"]


def test_messages_of_a_community_an_account_and_a_thread(client):
    net = client.get("/api/cases/brug/network").json()
    b_group = next(n["community"] for n in net["nodes"] if n["id"] == "b1")
    page = client.get("/api/cases/brug/messages", params={"community": b_group}).json()
    assert page["total"] == 14  # 12 posts of b1..b6, b2's reply, b3's complaint
    assert {m["account"] for m in page["items"]} == {h for _, h in B}
    mine = client.get("/api/cases/brug/messages", params={"account": "a1"}).json()
    assert mine["total"] == 3 and {m["account"] for m in mine["items"]} == {"a1"}
    thread = client.get("/api/cases/brug/messages", params={"thread": "1013"}).json()
    assert [(m["id"], m["account"]) for m in thread["items"]] == [("1013", "b1"), ("2003", "b2")]
    gov = client.get("/api/cases/brug/messages", params={"government": "true"}).json()
    assert [m["account"] for m in gov["items"]] == ["gemeenteX"] and gov["items"][0]["government"] is True
    day = client.get("/api/cases/brug/messages", params={"start": "2014-03-04", "end": "2014-03-04"}).json()
    assert day["total"] and all(m["created_at"].startswith("2014-03-04") for m in day["items"])


def test_pagination_is_bounded_and_consistent(client):
    first = client.get("/api/cases/brug/messages", params={"limit": 10}).json()
    assert (first["total"], first["limit"], first["offset"], first["next_offset"]) == (28, 10, 0, 10)
    rest = client.get("/api/cases/brug/messages", params={"limit": 500, "offset": 10}).json()
    assert rest["next_offset"] is None and len(rest["items"]) == 18
    ids = [m["id"] for m in first["items"] + rest["items"]]
    assert len(set(ids)) == 28
    too_many = client.get("/api/cases/brug/messages", params={"limit": 501})
    assert too_many.status_code == 422
    assert too_many.json()["error"]["code"] == "invalid_parameter"


@pytest.mark.parametrize("path, params, status", [
    ("/api/cases/nope", {}, 404),
    ("/api/cases/brug/messages", {"start": "March"}, 400),
    ("/api/cases/brug/network", {"kind": "gossip"}, 422),
    ("/api/cases/brug/account", {"name": "nobody"}, 404),
    ("/api/cases/brug/files/../../etc/passwd", {}, 404),
    ("/api/cases/brug/messages", {"offset": -1}, 422),
    ("/api/nothing-here", {}, 404),
])
def test_every_json_error_has_one_shape(client, path, params, status):
    r = client.get(path, params=params)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["code"]


def test_hostile_text_comes_back_as_a_json_string(client):
    r = client.get("/api/cases/brug/messages", params={"account": "a1"})
    assert r.headers["content-type"].startswith("application/json")
    assert HOSTILE in [m["text"] for m in r.json()["items"]]


@pytest.mark.parametrize("path", ["/", "/api/cases", "/static/app.js", "/api/nothing", "/api-docs"])
def test_strict_csp_on_every_response(client, path):
    csp = client.get(path).headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp


def test_page_loads_only_its_own_files(client):
    html = client.get("/").text
    assert "<script>" not in html and "http://" not in html and "https://" not in html
    for src in ("/static/vendor/sigma.min.js", "/static/vendor/graphology.umd.min.js", "/static/app.js"):
        assert src in html and client.get(src).status_code == 200


def test_openapi_documents_the_api(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/cases", "/api/cases/{case_id}/network", "/api/cases/{case_id}/messages",
            "/api/cases/{case_id}/inbox", "/api/reply-check"} <= set(spec["paths"])


def test_timeline_and_files(client):
    t = client.get("/api/cases/brug/timeline").json()
    assert t["unit"] == "day" and [s["date"] for s in t["slots"]][0] == "2014-03-01"
    assert sum(s["messages"] for s in t["slots"]) == 28
    names = [f["name"] for f in client.get("/api/cases/brug/files").json()["items"]]
    assert names == ["nodes.csv", "edges.csv", "network.gexf", "messages.csv"]
    nodes = client.get("/api/cases/brug/files/nodes.csv")
    assert "attachment" in nodes.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(nodes.text)))
    assert len(rows) == 13 and [r["account"] for r in rows if r["is_government"] == "true"] == ["gemeenteX"]
    messages = list(csv.DictReader(io.StringIO(client.get("/api/cases/brug/files/messages.csv").text)))
    assert len(messages) == 28 and HOSTILE in [m["text"] for m in messages]


def test_period_filter_analyses_that_period_only(client):
    net = client.get("/api/cases/brug/network", params={"start": "2014-03-04", "end": "2014-03-04"}).json()
    assert net["period"] == {"start": "2014-03-04", "end": "2014-03-04"}
    day = client.get("/api/cases/brug/messages", params={"start": "2014-03-04", "end": "2014-03-04"}).json()
    authors = {m["account"] for m in day["items"]}
    assert {n["id"] for n in net["nodes"]} >= authors and net["nodes_total"] < 13


def test_pseudonymised_mode_hides_citizens(tmp_path):
    from civicnet.web import create_app

    c = client_for(create_app([write_case(tmp_path)], pseudonymise=True))
    net = c.get("/api/cases/brug/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert "gemeenteX" in ids and not ({h for _, h in A + B} & ids)
    assert all(i.startswith("anon-") for i in ids - {"gemeenteX"})
    body = c.get("/api/cases/brug/messages", params={"limit": 500}).text
    assert not any(f"@{h} " in body or f'"{h}"' in body for _, h in A + B)
    someone = next(i for i in ids if i != "gemeenteX")
    assert c.get("/api/cases/brug/messages", params={"account": someone}).json()["total"] >= 2
    assert c.get("/api/cases/brug/account", params={"name": someone}).json()["name"] == someone  # CONTRACT: the pseudonym
    assert c.get("/api/cases/brug/messages", params={"q": "brug"}).status_code == 400
    names = [f["name"] for f in c.get("/api/cases/brug/files").json()["items"]]
    assert not any(n.startswith("source-") for n in names)
    accounts = {r["account"] for r in csv.DictReader(io.StringIO(c.get("/api/cases/brug/files/nodes.csv").text))}
    assert accounts == ids


def test_inbox_queue_filters_and_reply_check(client):
    pytest.importorskip("civicnet.webcare.inbox")
    queue = client.get("/api/cases/brug/inbox").json()
    assert queue["total"] >= 2 and len(queue["choices"]["category"]) >= 2
    priorities = [r["priority"] for r in queue["items"]]
    assert priorities == sorted(priorities, reverse=True)
    for choice in queue["choices"]["category"]:
        category = choice["value"]
        some = client.get("/api/cases/brug/inbox", params={"category": category}).json()
        assert some["total"] >= 1 and {r["category"] for r in some["items"]} == {category}
        assert {r["category_text"] for r in some["items"]} == {choice["text"]}  # the code in words (nl)
    assert {c["text"] for c in queue["choices"]["category"]} & {"vraag", "klacht"}
    check = client.post("/api/reply-check", json={"text": "Uw BSN 111222333 staat erin"}).json()
    assert "bsn" in {f["rule"] for f in check["findings"]}
    assert client.post("/api/reply-check", json={"text": "x" * 20_001}).status_code == 422


def test_ambassadors_endpoint_lists_every_unreached_group(client):
    """The brug case's group b talks only among itself and is not reached; no account is tied to three of
    its members and three on the reached side, so it has no candidate (docs/networks.md "Ambassadors")."""
    data = client.get("/api/cases/brug/network/ambassadors").json()
    net = client.get("/api/cases/brug/network").json()
    unreached = [c for c in net["communities"] if not c["reached_by_government"]]
    assert [g["community"] for g in data["groups"]] == [c["id"] for c in unreached] and len(unreached) == 1
    assert data["groups"][0]["candidates"] == [] and data["nodes"] == [] and data["kind"] == "mention"
    assert data["groups"][0]["name"] == "B1" and data["groups"][0]["size"] == 6
    assert "/api/cases/{case_id}/network/ambassadors" in client.get("/api/openapi.json").json()["paths"]
    assert "/static/ambassadors.js" in client.get("/").text and client.get("/static/ambassadors.js").status_code == 200


def test_the_queue_names_who_answered_as_a_person_reads_it():
    """A Facebook page's id is 15 digits: the dashboard says who answered by the page's name (CONTRACT
    "Wherever a person reads an account"), the row keeps the identifier."""
    from civicnet.analysis.names import Names
    from civicnet.web.inbox import with_names

    names = Names({"100079187695416": "Gemeente Deventer", "42": "Anna"})
    rows = [{"account": "42", "answered_by": "100079187695416"}, {"account": "42", "answered_by": None}]
    shown = with_names(rows, {"42": "42", "100079187695416": "100079187695416"}, names, None)
    assert [r["answered_by_name"] for r in shown] == ["Gemeente Deventer", None]
    assert shown[0]["answered_by"] == "100079187695416" and shown[0]["name"] == "Anna"
