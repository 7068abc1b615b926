"""A small generated case for the dashboard tests: a twarc2 page written into a temp folder.

Two groups of citizens (``a1``…``a6`` who also address the municipality, ``b1``…``b6``
who talk only among themselves), the municipality ``gemeenteX``, a thread, and one
message whose text is hostile markup (:data:`HOSTILE`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> & "Jan" \'t'
GOV = ("100", "gemeenteX")
A = [(str(10 + n), f"a{n}") for n in range(1, 7)]
B = [(str(20 + n), f"b{n}") for n in range(1, 7)]


def _tweet(tid: int, author: str, text: str, day: int, mentions=(), reply_to=None, conversation=None) -> dict:
    ents = []
    for user_id, handle in mentions:
        at = text.find("@" + handle)
        ents.append({"start": at, "end": at + len(handle) + 1, "username": handle, "id": user_id})
    tweet = {
        "id": str(tid), "text": text, "author_id": author,
        "created_at": f"2014-03-{day:02d}T{8 + tid % 10:02d}:{tid % 60:02d}:00.000Z",
        "conversation_id": str(conversation or tid), "lang": "nl", "edit_history_tweet_ids": [str(tid)],
        "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": tid % 3, "quote_count": 0},
    }
    if ents:
        tweet["entities"] = {"mentions": ents}
    if reply_to:
        tweet["referenced_tweets"] = [{"type": "replied_to", "id": str(reply_to)}]
        tweet["in_reply_to_user_id"] = mentions[0][0]
    return tweet


def tweets() -> list[dict]:
    out, tid = [], 1000
    for group, extra in ((A, [GOV]), (B, [])):
        for n, (uid, handle) in enumerate(group):
            for k in (1, 2):
                other = group[(n + k) % len(group)]
                targets = [other] + (extra if k == 1 else [])
                text = " ".join("@" + h for _, h in targets) + f" wat vinden jullie van de brug? #brug{len(extra)}"
                tid += 1
                out.append(_tweet(tid, uid, text, 1 + tid % 5, targets))
    out.append(_tweet(2001, GOV[0], "@a1 de brug gaat maandag open", 3, [A[0]]))
    out.append(_tweet(2002, A[0][0], HOSTILE, 4))
    out.append(_tweet(2003, B[1][0], "@b1 eens, helemaal mee eens", 5, [B[0]], reply_to=1013, conversation=1013))
    out.append(_tweet(2004, B[2][0], "@gemeenteX wat een schande, de lamp bij de brug is al weken kapot en niemand doet iets!",
                      5, [GOV]))
    return out


def users() -> list[dict]:
    return [{"id": uid, "username": handle, "name": handle.upper(), "public_metrics": {"followers_count": 5}}
            for uid, handle in [GOV] + A + B]


def write_case(folder: Path, case_id: str = "brug") -> Path:
    """Write the twarc2 page and a case file naming gemeenteX; return the case file."""
    folder.mkdir(parents=True, exist_ok=True)
    page = {"data": tweets(), "includes": {"users": users()}, "meta": {"result_count": len(tweets())}}
    (folder / "brug.jsonl").write_text(json.dumps(page) + "\n", encoding="utf-8")
    case = folder / f"{case_id}.yaml"
    case.write_text(
        f"id: {case_id}\ntitle: De brug\nlanguage: nl\nsources:\n  - {{format: twitter-v2, path: brug.jsonl}}\n"
        "government:\n  - {handle: gemeenteX, role: communications, body: Gemeente X, level: local}\n"
        "networks: [mention, co-hashtag]\n",
        encoding="utf-8",
    )
    return case


@pytest.fixture(scope="session")
def case_path(tmp_path_factory) -> Path:
    return write_case(tmp_path_factory.mktemp("webcase"))


def client_for(app):
    from fastapi.testclient import TestClient

    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture(scope="session")
def app(case_path):
    pytest.importorskip("fastapi")
    from civicnet.web import create_app

    return create_app([case_path], max_nodes=2000)


@pytest.fixture(scope="session")
def client(app):
    return client_for(app)
