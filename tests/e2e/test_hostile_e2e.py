"""Hostile data end to end: a twarc2 case whose texts, handles, display names, links and
case file are hostile, run through ``run_case`` (PDF included), and every output checked.

Nothing from the data may become markup, script, a URL scheme other than http(s), or a
CSS value in the factsheet; GEXF must stay well-formed XML; the CSV tables must parse back
to exactly the stored values.
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml

from civicnet.reports.run import run_case
from civicnet.reports.summary import validate

from _e2e_helpers import EDGES_COLUMNS, MESSAGES_COLUMNS, NODES_COLUMNS, read_csv

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
JS_LINK = '<a href="javascript:alert(3)">klik</a>'
TEMPLATE = "{{ 7*7 }} {% for x in range(3) %}X{% endfor %} ${7*7}"
STYLE = "</style><style>body{background:url(https://evil.example/x.png)}</style>"
FRAME = '</svg><iframe src="https://evil.example/"></iframe><link rel=stylesheet href="https://evil.example/x.css">'
BIDI = "gnp\u202eexe.jpg \u200b\u200d\ufeff\u2066isolate\u2069"
CONTROL = "bel\u0007esc\u001b[31mvt\u000bend"
CSV_TRICKS = 'komma, "quote" and\nnew line\r\nand =HYPERLINK("https://evil.example","klik")'
LONG = "lang " * 20_000

HANDLES = ["<img src=x onerror=alert(5)>", 'evil"quote', "rtl\u202eevil", "zw\u200bsp", "{{7*7}}",
           "x" * 400, "</style>", "javascript:alert(6)", "ctl\u0007\u001b", "nl_burger"]
NAMES = [SCRIPT, IMG, JS_LINK, TEMPLATE, STYLE, FRAME, BIDI, CONTROL, CSV_TRICKS, "Gewone Burger"]
TEXTS = [SCRIPT, IMG, JS_LINK, TEMPLATE, STYLE, FRAME, BIDI, CONTROL, CSV_TRICKS, LONG]
BAD_URLS = ["javascript:alert(7)", "data:text/html,<script>alert(8)</script>", "vbscript:msgbox(9)",
            " javascript:alert(10)", "https://ok.example/\"onmouseover=alert(11)"]
GOV = "gemeente_test"


def _user(uid: str, handle: str, name: str, description: str = "") -> dict:
    return {"id": uid, "username": handle, "name": name, "description": description,
            "created_at": "2012-01-01T00:00:00.000Z", "url": BAD_URLS[0],
            "public_metrics": {"followers_count": 10, "following_count": 10, "tweet_count": 10, "listed_count": 0}}


def _tweet(tid: int, author: str, text: str, minute: int, mentions=(), urls=(), reply_to=None, likes=0,
           retweets=0, retweet_of=None) -> dict:
    t = {"id": str(tid), "author_id": author, "text": text, "lang": "nl", "conversation_id": str(tid),
         "created_at": f"2014-02-{10 + minute // 1440:02d}T{minute // 60 % 24:02d}:{minute % 60:02d}:00.000Z",
         "edit_history_tweet_ids": [str(tid)],
         "public_metrics": {"retweet_count": retweets, "reply_count": 0, "like_count": likes, "quote_count": 0},
         "entities": {"mentions": [{"start": 0, "end": 1, "username": u, "id": i} for u, i in mentions],
                      "urls": [{"start": 0, "end": 1, "url": "https://t.co/x", "expanded_url": u, "display_url": u}
                               for u in urls]}}
    if reply_to:
        t["referenced_tweets"] = [{"type": "replied_to", "id": reply_to}]
        t["in_reply_to_user_id"] = GOV_ID
    if retweet_of:
        t["referenced_tweets"] = [{"type": "retweeted", "id": retweet_of}]
    return t


GOV_ID = "900"


def _hostile_case(folder: Path) -> Path:
    users = [_user(GOV_ID, GOV, SCRIPT + " Gemeente Test", STYLE)]
    users += [_user(str(100 + n), h, NAMES[n], TEXTS[n][:500]) for n, h in enumerate(HANDLES)]
    tweets, tid, minute = [], 1000, 0
    for n, (handle, text) in enumerate(zip(HANDLES, TEXTS)):
        uid = str(100 + n)
        other = HANDLES[(n + 1) % len(HANDLES)]
        q = _tweet(tid, uid, f"@{GOV} {text} Wat gaan jullie doen? @{other}", minute,
                   mentions=[(GOV, GOV_ID), (other, str(100 + (n + 1) % len(HANDLES)))],
                   urls=[BAD_URLS[n % len(BAD_URLS)], "https://ok.example/pagina"], likes=n)
        a = _tweet(tid + 1, GOV_ID, f"@{handle} {TEXTS[(n + 3) % len(TEXTS)]} Groet, Gemeente", minute + 30,
                   mentions=[(handle, uid)], urls=[BAD_URLS[(n + 1) % len(BAD_URLS)]], reply_to=str(tid),
                   likes=50 + n, retweets=5)
        rt = _tweet(tid + 2, str(100 + (n + 2) % len(HANDLES)), f"RT @{GOV}: {TEXTS[(n + 3) % len(TEXTS)][:100]}",
                    minute + 60, mentions=[(GOV, GOV_ID)], retweet_of=str(tid + 1))
        tweets += [q, a, rt]
        tid += 3
        minute += 600
    page = {"data": tweets, "includes": {"users": users},
            "__twarc": {"url": "https://api.twitter.com/2/tweets/search/all"}}
    (folder / "data").mkdir()
    (folder / "data" / "hostile.jsonl").write_text(json.dumps(page) + "\n", encoding="utf-8")
    case = {
        "id": "hostile", "title": f"Casus {SCRIPT} {TEMPLATE} {STYLE}", "level": "micro",
        "period": {"start": "2014-02-10", "end": "2014-02-14"}, "language": "nl",
        "description": f"{IMG} {JS_LINK} {FRAME} {BIDI}", "policy_phase": "implementation",
        "sources": [{"format": "twitter-v2", "path": "data/hostile.jsonl"}],
        "government": [{"handle": GOV, "role": "organisation", "body": f"Gemeente {SCRIPT}", "level": "local"}],
        "networks": ["mention"],
        "events": [{"date": "2014-02-11", "label": f"{SCRIPT} {TEMPLATE}"}],
    }
    path = folder / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("hostile")
    case = _hostile_case(folder)
    result = run_case(case, folder / "out", pdf=True)
    return {"case": case, "out": folder / "out", "result": result}


FORBIDDEN_TAGS = {"script", "img", "iframe", "frame", "frameset", "link", "object", "embed", "base", "form",
                  "input", "button", "audio", "video", "source", "applet", "foreignobject"}


def test_factsheet_html_has_no_active_content(hostile):
    html = (hostile["out"] / "factsheet.html").read_text(encoding="utf-8")
    doc = lxml.html.document_fromstring(html)
    tags = {el.tag.lower() if isinstance(el.tag, str) else "" for el in doc.iter()}
    assert not tags & FORBIDDEN_TAGS, tags & FORBIDDEN_TAGS
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
            assert not local.startswith("on"), (el.tag, name, value)
            if local in ("href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster"):
                assert value.startswith(("https://", "http://", "#")), (el.tag, name, value)
            if local == "style":
                assert not any(bad in value.lower() for bad in ("url(", "expression", "javascript", "evil")), value
        if el.tag.lower() == "meta" and "http-equiv" in el.attrib:  # only the page's own CSP, no refresh
            assert el.attrib["http-equiv"].lower() == "content-security-policy"
            assert el.attrib["content"].startswith("default-src 'none'")
    styles = doc.findall(".//style")
    css = resources.files("civicnet.reports").joinpath("templates/factsheet.css").read_text("utf-8")
    assert [s.text.strip() for s in styles] == [css.strip()]
    # the hostile texts are shown as text, not interpreted
    text = doc.text_content()
    assert SCRIPT in text and "{{ 7*7 }}" in text and "</style>" in text
    assert "javascript:" not in "".join(v for el in doc.iter() if isinstance(el.tag, str) for v in el.attrib.values())
    # bidi overrides from a handle or text cannot reorder the figures next to them
    assert not any(ch in html for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert len(html) < 3_000_000  # a 100,000-character message is shortened, not pasted whole


def test_factsheet_pdf_was_printed(hostile):
    pdf = hostile["out"] / "factsheet.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-") and b"evil.example" not in pdf.read_bytes()


def test_gexf_is_well_formed_and_names_every_account(hostile):
    tree = lxml.etree.parse(str(hostile["out"] / "network.gexf"), lxml.etree.XMLParser(resolve_entities=False))
    nodes = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag.endswith("}node")]
    _, rows = read_csv(hostile["out"] / "nodes.csv")
    assert len(nodes) == len(rows) >= len(HANDLES)
    labels = {n.get("label") for n in nodes} | {n.get("id") for n in nodes}
    for handle in HANDLES:
        if handle.isprintable():
            assert handle in labels, handle
    assert not [el for el in tree.iter() if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == "script"]


def test_csv_tables_parse_back_to_the_stored_values(hostile):
    out = hostile["out"]
    for name, columns in (("nodes.csv", NODES_COLUMNS), ("edges.csv", EDGES_COLUMNS),
                          ("messages.csv", MESSAGES_COLUMNS)):
        with open(out / name, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == columns and all(len(r) == len(columns) for r in rows), name
    _, nodes = read_csv(out / "nodes.csv")
    assert set(HANDLES) | {GOV} == {n["account"] for n in nodes}
    _, messages = read_csv(out / "messages.csv")
    by_id = {m["id"]: m for m in messages}
    source = json.loads((hostile["case"].parent / "data" / "hostile.jsonl").read_text(encoding="utf-8"))
    for tweet in source["data"]:
        if not tweet["text"].startswith("RT @"):
            assert by_id[tweet["id"]]["text"] == tweet["text"]
    assert sum(1 for m in messages if m["is_question"] == "true") == len(HANDLES)
    assert all(m["answered_by"] == GOV for m in messages if m["is_question"] == "true")


def test_summary_is_valid(hostile):
    summary = json.loads((hostile["out"] / "summary.json").read_text(encoding="utf-8"))
    validate(summary)
    assert summary["case"]["title"].startswith("Casus <script>")
    assert summary["counts"]["messages"] == 3 * len(HANDLES)
