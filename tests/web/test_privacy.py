"""The dashboard in pseudonymised mode shows what every other output shows: no citizen."""

from __future__ import annotations

import json

import pytest

from .conftest import client_for, write_case

pytest.importorskip("fastapi")


def _hashtag_case(folder):
    """Two groups of citizens; one tags its messages with a citizen's handle (#jan_b), the other #fiets."""
    groups = {"A": [("1", "jan_b"), ("2", "piet_k"), ("3", "anna_v")],
              "B": [("4", "bert_w"), ("5", "cor_d"), ("6", "dirk_e")]}
    users = [{"id": uid, "username": h, "name": h.replace("_", " ").title()} for g in groups.values() for uid, h in g]
    users.append({"id": "9", "username": "gemeenteX", "name": "Gemeente X"})
    tweets, n = [], 0
    for name, members in groups.items():
        tag = "jan_b" if name == "A" else "fiets"
        for k, (uid, _) in enumerate(members):
            for step in (1, 2):
                other_id, other = members[(k + step) % len(members)]
                n += 1
                tweets.append({"id": str(5000 + n), "author_id": uid, "created_at": f"2014-03-0{1 + n % 5}T10:{n:02d}:00.000Z",
                               "text": f"@{other} kijk #{tag} #{tag} #brug", "entities": {
                                   "mentions": [{"start": 0, "end": 1, "username": other, "id": other_id}],
                                   "hashtags": [{"start": 0, "end": 1, "tag": tag}, {"start": 0, "end": 1, "tag": "brug"}]}})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "p.jsonl").write_text(json.dumps({"data": tweets, "includes": {"users": users}}) + "\n", encoding="utf-8")
    case = folder / "c.yaml"
    case.write_text("id: tags\ntitle: T\nsources: [{format: twitter-v2, path: p.jsonl}]\n"
                    "government: [{handle: gemeenteX}]\nnetworks: [mention]\n", encoding="utf-8")
    return case


def test_community_terms_never_name_a_citizen(tmp_path):
    from civicnet.web import create_app

    plain = client_for(create_app([_hashtag_case(tmp_path / "a")]))
    terms = [t for c in plain.get("/api/cases/tags/network").json()["communities"] for t in c["top_terms"]]
    assert "#jan_b" in terms  # the case does show it without pseudonyms
    hidden = client_for(create_app([_hashtag_case(tmp_path / "b")], pseudonymise=True))
    for url in ("/api/cases/tags/network", "/api/cases/tags"):
        body = hidden.get(url).text
        assert "jan_b" not in body and "#fiets" in body, url


def test_message_ids_are_shown_pseudonymised_and_threads_open_by_them(tmp_path):
    from civicnet.web import create_app

    c = client_for(create_app([write_case(tmp_path)], pseudonymise=True))
    items = c.get("/api/cases/brug/messages", params={"limit": 500}).json()["items"]
    citizens = [m for m in items if not m["government"]]
    assert citizens and all(m["id"].startswith("msg-") and m["url"] is None for m in citizens)
    assert [m["id"] for m in items if m["government"]] == ["2001"]  # the municipality's message keeps its id
    reply = next(m for m in items if m["parent"])
    thread = c.get("/api/cases/brug/messages", params={"thread": reply["parent"]}).json()["items"]
    assert {m["id"] for m in thread} >= {reply["id"], reply["parent"]}
