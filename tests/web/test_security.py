"""The dashboard's guard: token off loopback, host check, and no markup from data in the page JS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civicnet.errors import InputError

from .conftest import client_for, write_case

pytest.importorskip("fastapi")
STATIC = Path(__file__).parents[2] / "src" / "civicnet" / "web" / "static"
TOKEN = "s3cret-token-0123456789"


def test_serve_refuses_a_public_address_without_a_token(case_path):
    from civicnet.web import serve

    with pytest.raises(InputError, match="token"):
        serve([case_path], host="0.0.0.0", port=1)


def test_serve_on_a_port_in_use_says_so_in_one_line(case_path):
    """Another program (an earlier `civicnet serve`) listens on the port: one line naming the port and
    --port, exit 1, before the cases are loaded and before the dashboard's address is announced."""
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(Path(sys.executable).parent / "civicnet"), "serve", str(case_path), "--port", str(port)],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and str(port) in lines[0] and "--port" in lines[0], done
    assert "dashboard on" not in done.stdout


@pytest.mark.parametrize("token", ["short", "has spaces in it, long enough", "semi;colon;0123456789"])
def test_weak_or_unsafe_tokens_are_refused(token):
    from civicnet.web.app import check_token

    with pytest.raises(InputError, match="token"):
        check_token(token, "0.0.0.0")


def test_token_is_enforced(tmp_path):
    from civicnet.web import create_app

    c = client_for(create_app([write_case(tmp_path)], token=TOKEN, allowed_hosts=None))
    denied = c.get("/api/cases")
    assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"
    assert c.get("/").status_code == 401 and "content-security-policy" in c.get("/").headers
    assert c.get("/api/cases", headers={"Authorization": "Bearer wrong-token-0123456789"}).status_code == 401
    assert c.get("/api/cases", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    opened = c.get("/", params={"token": TOKEN}, follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/"
    assert "HttpOnly" in opened.headers["set-cookie"] and "SameSite=Strict" in opened.headers["set-cookie"]
    assert c.get("/api/cases").status_code == 200  # the cookie now carries it


def test_loopback_dashboard_answers_only_to_loopback_names(client):
    assert client.get("/api/cases", headers={"host": "evil.example"}).status_code == 403
    assert client.get("/api/cases", headers={"host": "localhost:8765"}).status_code == 200


def test_page_scripts_never_write_markup():
    ours = sorted(p for p in STATIC.glob("*.js"))
    assert {p.name for p in ours} >= {"app.js", "graph.js", "panels.js", "util.js"}
    risky = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function")
    for path in ours:
        assert not risky.search(path.read_text(encoding="utf-8")), path.name
    for path in STATIC.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<script>|<script [^>]*>[^<]|\son[a-z]+=|style=", html), path.name


def test_vendored_libraries_carry_their_licences():
    vendor = STATIC / "vendor"
    for name in ("sigma", "graphology", "events", "graphology-utils"):
        assert "MIT" in (vendor / f"LICENSE-{name}.txt").read_text(encoding="utf-8") or \
               "Permission is hereby granted" in (vendor / f"LICENSE-{name}.txt").read_text(encoding="utf-8")


def test_downloads_are_only_outputs_civicnet_wrote(client):
    names = [f["name"] for f in client.get("/api/cases/brug/files").json()["items"]]
    assert names == ["nodes.csv", "edges.csv", "network.gexf", "messages.csv"]
    for raw in ("source-1-brug.jsonl", "case.yaml", "brug.jsonl", "..%2Fbrug.jsonl"):
        assert client.get(f"/api/cases/brug/files/{raw}").status_code == 404, raw


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_names_and_texts_reach_the_page_without_bidi_controls(tmp_path):
    """A right-to-left override in a name could turn the figures beside it around: the API drops
    every bidi control, as the factsheet does (one helper), and the page isolates names."""
    import inspect
    import json

    from civicnet.web import create_app

    folder = tmp_path / "bidi"
    case = write_case(folder)
    page = json.loads((folder / "brug.jsonl").read_text(encoding="utf-8"))
    for user in page["includes"]["users"]:
        user["name"] = "\u202eLIAM\u202c " + user["name"]
    page["data"][0]["text"] = "\u2067gepast\u2069 \u200fbetaald " + page["data"][0]["text"]
    (folder / "brug.jsonl").write_text(json.dumps(page) + "\n", encoding="utf-8")
    c = client_for(create_app([case]))
    for url in ("/api/cases/brug/messages?limit=500", "/api/cases/brug", "/api/cases/brug/network",
                "/api/cases/brug/account?name=a1", "/api/cases/brug/inbox"):
        body = c.get(url).content.decode("utf-8")
        assert "LIAM" in body or "gepast" in body or url.endswith("network") or url.endswith("inbox"), url
        assert not any(ch in body for ch in BIDI), url
    from civicnet.display import strip_bidi
    from civicnet.reports.factsheet import render_html

    assert strip_bidi("a\u202eb\u2066c\u200fd") == "abcd"
    assert "strip_bidi" in inspect.getsource(render_html)
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    assert re.search(r"\.link[^{]*\{[^}]*unicode-bidi:\s*isolate", css) and re.search(
        r"\.msg-text[^{]*\{[^}]*unicode-bidi:\s*isolate", css)


def test_request_bodies_are_limited(client):
    """A body over the limit is refused with 413 before it is read whole (peak memory: benchmarks/dashboard_body.py)."""
    big = b'{"text": "' + b"x" * (1 << 20) + b'"}'
    r = client.post("/api/reply-check", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large", r.text[:300]

    def chunks():  # no Content-Length: counted as it streams
        yield b'{"text": "'
        for _ in range(64):
            yield b"y" * (1 << 16)
        yield b'"}'

    r = client.post("/api/reply-check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large", r.text[:300]
    small = client.post("/api/reply-check", json={"text": "Met vriendelijke groet, Gemeente X"})
    assert small.status_code == 200
