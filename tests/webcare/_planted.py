"""A planted webcare case: a twarc2 JSONL file and a Facebook Graph API page feed.

Written into tmp_path in the real export formats and ingested with
``civicnet.store.ingest_case``. Every expected outcome is written next to the
message that produces it (see PLAN below and test_inbox.py).

Government: @gemeentevb (Twitter, id 900) and the Facebook page 555 "Gemeente Voorbeeld".
"Now" for the tests: 2014-03-03 12:00 UTC (a Monday; 13:00 in Amsterdam).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from civicnet.case import load_case
from civicnet.store import Store, ingest_case

NOW = datetime(2014, 3, 3, 12, 0, tzinfo=timezone.utc)
#: The shipped routing rules (imported from here, not from conftest: another folder's conftest may be
#: the module called ``conftest`` when several test folders run together).
ROUTES_DIR = Path(__file__).resolve().parents[2] / "src" / "civicnet" / "webcare" / "data" / "routes"
EXAMPLE_ROUTES = ROUTES_DIR / "municipality.yaml"
USERS = {
    "900": "gemeentevb", "1": "anna", "2": "bram", "3": "cees", "4": "dirk", "5": "eva", "6": "spambot",
    "7": "fleur", "8": "gijs", "9": "hanna", "10": "ivo", "11": "joke",
}


def tw(tid, uid, when, text, mentions=(), reply_to=None, conversation=None, retweet_of=None):
    """A tweet in API v2 shape (mentions by username, with ids)."""
    t = {"id": tid, "author_id": uid, "created_at": when, "text": text, "lang": "nl",
         "conversation_id": conversation or tid, "edit_history_tweet_ids": [tid]}
    if mentions:
        t["entities"] = {"mentions": [{"start": 0, "end": 1, "username": USERS[m], "id": m} for m in mentions]}
    if reply_to:
        parent_id, parent_user = reply_to
        t["referenced_tweets"] = [{"type": "replied_to", "id": parent_id}]
        t["in_reply_to_user_id"] = parent_user
    if retweet_of:
        t["referenced_tweets"] = [{"type": "retweeted", "id": retweet_of}]
    return t


TWEETS = [
    # q_afval: a question, answered by a government reply after 45 min
    tw("101", "1", "2014-03-03T08:00:00.000Z", "@gemeentevb Wanneer wordt het grofvuil opgehaald in de Hoornwijk?", ["900"]),
    tw("102", "900", "2014-03-03T08:45:00.000Z", "@anna Het grofvuil wordt donderdag opgehaald. ^PK", ["1"],
       reply_to=("101", "1"), conversation="101"),
    # q_open: a question, unanswered, waiting since Friday 10:00 -> 50 clock hours at NOW, breaches 24 h
    tw("103", "2", "2014-02-28T10:00:00.000Z", "@gemeentevb Hoe vraag ik een parkeervergunning aan voor bewoners?", ["900"]),
    # complaint, unanswered, 2 h before NOW
    tw("104", "3", "2014-03-03T10:00:00.000Z",
       "@gemeentevb Mijn container is al twee weken niet geleegd. Belachelijk!", ["900"]),
    # urgent damage report (gas), 30 min before NOW -> high urgency, 1 h target not yet breached
    tw("105", "4", "2014-03-03T11:30:00.000Z", "@gemeentevb Gaslucht in de Kerkstraat bij nummer 14, er is een scheur in de gevel!", ["900"]),
    # abuse with a threat, 20 min before NOW
    tw("106", "5", "2014-03-03T11:40:00.000Z", "@gemeentevb Ik weet waar die ambtenaar woont, die gaat het nog merken", ["900"]),
    # spam
    tw("107", "6", "2014-03-03T11:50:00.000Z", "@gemeentevb GRATIS iPhone winnen? Klik hier bit.ly/x", ["900"]),
    # a reply to a government tweet (addressed by reply), praise
    tw("108", "7", "2014-03-03T09:00:00.000Z", "Bedankt voor de snelle reactie, top!", reply_to=("102", "900"), conversation="101"),
    # a retweet of government: not an inbox item
    tw("109", "8", "2014-03-03T09:10:00.000Z", "RT @gemeentevb: Het grofvuil wordt donderdag opgehaald.", ["900"], retweet_of="102"),
    # not addressed to government at all
    tw("110", "9", "2014-03-03T09:20:00.000Z", "Mooi weer vandaag in de stad"),
    # the same question from two more accounts (repeats)
    tw("111", "10", "2014-03-03T10:30:00.000Z", "@gemeentevb Hoe vraag ik een parkeervergunning aan voor bewoners", ["900"]),
    tw("112", "11", "2014-03-03T10:35:00.000Z", "Hoe vraag ik een parkeervergunning aan voor bewoners?? @gemeentevb", ["900"]),
    # written after NOW: not yet arrived
    tw("113", "1", "2014-03-03T13:00:00.000Z", "@gemeentevb Is het stadskantoor morgen open?", ["900"]),
]


def twarc2_page() -> dict:
    users = [{"id": uid, "username": name, "name": name.title()} for uid, name in USERS.items()]
    return {"data": TWEETS, "includes": {"users": users, "tweets": []}, "meta": {"result_count": len(TWEETS)},
            "__twarc": {"url": "https://api.twitter.com/2/tweets/search/recent?query=gemeentevb", "version": "2.13.0",
                        "retrieved_at": "2014-03-03T12:00:00+00:00"}}


def comment(cid, uid, name, when, message, replies=()):
    c = {"id": cid, "from": {"id": uid, "name": name}, "created_time": when, "message": message}
    if replies:
        c["comments"] = {"data": list(replies)}
    return c


def facebook_feed() -> dict:
    page = {"id": "555", "name": "Gemeente Voorbeeld"}
    return {"data": [
        {"id": "555_1", "from": page, "created_time": "2014-03-01T09:00:00+0000",
         "message": "Zaterdag is de opschoondag in het park. Doe mee!",
         "comments": {"data": [
             # a question as comment on the page's post, answered by a page reply after 3 h
             comment("555_1_11", "701", "Karin Visser", "2014-03-01T10:00:00+0000",
                     "Hoe laat begint de opschoondag?",
                     replies=[comment("555_1_12", "555", "Gemeente Voorbeeld", "2014-03-01T13:00:00+0000",
                                      "Om 10 uur bij de ingang van het park.")]),
             # a rumour as a comment, unanswered
             comment("555_1_13", "702", "Lars de Boer", "2014-03-01T11:00:00+0000",
                     "Ik hoor dat het park verkocht wordt aan een projectontwikkelaar, klopt dat?"),
         ]}},
        # a citizen's post on the page: report of a broken street light, unanswered, Sunday
        {"id": "555_2", "from": {"id": "703", "name": "Mira Jansen"}, "created_time": "2014-03-02T20:00:00+0000",
         "message": "De lantaarnpaal bij de speeltuin is kapot, het is hier aardedonker."},
    ], "paging": {"next": "https://graph.facebook.com/v19.0/555/feed?after=x"}}


def write_case(tmp: Path) -> Path:
    (tmp / "data").mkdir(exist_ok=True)
    (tmp / "data" / "mentions.jsonl").write_text(json.dumps(twarc2_page()) + "\n", encoding="utf-8")
    (tmp / "data" / "page-feed.json").write_text(json.dumps(facebook_feed()), encoding="utf-8")
    case = tmp / "case.yaml"
    case.write_text(
        "id: webcare-planted\ntitle: Planted webcare case\nlevel: meso\nlanguage: nl\n"
        "period: {start: 2014-02-01, end: 2014-03-31}\n"
        "sources:\n  - {format: twitter-v2, path: data/mentions.jsonl}\n"
        "  - {format: facebook-graph, path: data/page-feed.json}\n"
        "government:\n  - {handle: gemeentevb, role: organisation, body: Gemeente Voorbeeld, level: local}\n"
        "  - {handle: '555', platform: facebook, role: organisation, body: Gemeente Voorbeeld, level: local}\n",
        encoding="utf-8")
    return case


def planted(tmp: Path):
    """(store, case) with the planted case ingested."""
    case = load_case(write_case(tmp))
    store = Store(tmp / "store.duckdb")
    ingest_case(case, store)
    return store, case
