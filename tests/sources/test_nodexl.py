"""nodexl: NodeXL workbooks (.xlsx) and their Edges/Vertices worksheets as CSV.

The workbooks are written here with openpyxl in NodeXL Pro's layout: a group row
("Visual Properties", "Labels", "Other Columns") above the header, and the Edges and
Vertices columns NodeXL Pro writes for a Twitter search network (the column lists
of tests/fixtures/nodexl_edges_twitter_search.csv, see tests/fixtures/README.md).
"""

from __future__ import annotations

import csv
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))
from _netfile_helpers import FIXTURES, counts, detected, fixture, gzipped, ingest, row, scores, ties

from civicnet.errors import FormatError, InputError
from civicnet.sources import SourceFile, nodexl
from civicnet.sources import Sample

CSV_FIX = "nodexl_edges_twitter_search.csv"
EDGE_COLUMNS = [
    "Vertex 1", "Vertex 2", "Color", "Width", "Style", "Opacity", "Visibility", "Label", "Label Text Color",
    "Label Font Size", "Reciprocated?", "ID", "Dynamic Filter", "Add Your Own Columns Here", "Relationship",
    "Relationship Date (UTC)", "Tweet", "URLs in Tweet", "Domains in Tweet", "Hashtags in Tweet", "Media in Tweet",
    "Tweet Image File", "Tweet Date (UTC)", "Date", "Time", "Twitter Page for Tweet", "Latitude", "Longitude",
    "Imported ID", "In-Reply-To Tweet ID", "Favorited", "Favorite Count", "In-Reply-To User ID", "Is Quote Status",
    "Language", "Possibly Sensitive", "Quoted Status ID", "Retweeted", "Retweet Count", "Retweet ID", "Source",
    "Truncated", "Unified Twitter ID", "Imported Tweet Type", "Edge Weight",
]
VERTEX_COLUMNS = [
    "Vertex", "Color", "Shape", "Size", "Opacity", "Image File", "Visibility", "Label", "Label Fill Color",
    "Label Position", "Tooltip", "Layout Order", "X", "Y", "Locked?", "Polar R", "Polar Angle", "Degree",
    "In-Degree", "Out-Degree", "Betweenness Centrality", "Closeness Centrality", "Eigenvector Centrality",
    "PageRank", "Clustering Coefficient", "Reciprocated Vertex Pair Ratio", "ID", "Dynamic Filter",
    "Add Your Own Columns Here", "Name", "Followed", "Followers", "Tweets", "Favorites",
    "Time Zone UTC Offset (Seconds)", "Description", "Location", "Web", "Time Zone", "Joined Twitter Date (UTC)",
    "Verified", "Custom Menu Item Text", "Custom Menu Item Action", "Tweeted Search Term?",
]
T0 = datetime(2021, 7, 2, 21, 31, 5)
TWEETS = [  # v1, v2, relationship, tweet, imported id, in-reply-to, retweet id, media
    ("gemeente_x", "gemeente_x", "Tweet", "Werkzaamheden aan de brug vanaf maandag. #verkeer", "1001", None, None,
     "https://pbs.twimg.com/media/E5x.jpg"),
    ("jan_b", "gemeente_x", "Replies to", "@gemeente_x hoe lang gaat dat duren?", "1002", "1001", None, None),
    ("piet_k", "gemeente_x", "Retweet", "RT @gemeente_x: Werkzaamheden aan de brug vanaf maandag.", "1003", None,
     "1001", None),
    ("anna_de_v", "gemeente_x", "Mentions", "Vraag voor @gemeente_x en @jan_b: omleiding?", "1004", None, None, None),
    ("anna_de_v", "jan_b", "Mentions", "Vraag voor @gemeente_x en @jan_b: omleiding?", "1004", None, None, None),
    ("gemeente_x", "piet_k", "Mentions", "@jan_b ongeveer twee weken. @piet_k dank!", "1005", "1002", None, None),
    ("gemeente_x", "jan_b", "Replies to", "@jan_b ongeveer twee weken. @piet_k dank!", "1005", "1002", None, None),
]
VERTICES = [  # vertex, name, followed, followers, description, joined
    ("gemeente_x", "Gemeente X", 310, 5210, "Officieel account van de gemeente X", datetime(2010, 3, 1, 9, 0)),
    ("jan_b", "Jan B.", 120, 87, None, datetime(2015, 6, 9, 12, 0)),
    ("piet_k", None, None, None, None, None),
    ("anna_de_v", "Anna", 44, 61, "Bewoner, fietser", datetime(2019, 1, 2, 3, 4)),
    ("wijkagent_oost", "Wijkagent Oost", 200, 1302, "Politie basisteam Oost", datetime(2012, 5, 5, 5, 5)),
]


def _edge_row(v1, v2, rel, text, tid, reply_to, rt_id, media, n):
    values = dict.fromkeys(EDGE_COLUMNS)
    when = T0.replace(minute=n)
    values.update({
        "Vertex 1": v1, "Vertex 2": v2, "Width": 1, "Visibility": "Show", "Relationship": rel,
        "Relationship Date (UTC)": when, "Tweet": text, "Media in Tweet": media, "Tweet Date (UTC)": when,
        "Twitter Page for Tweet": f"https://twitter.com/{v1}/status/{tid}", "Imported ID": tid,
        "In-Reply-To Tweet ID": reply_to, "Favorite Count": n, "Retweet Count": 0, "Retweet ID": rt_id,
        "Language": "nl", "Edge Weight": 1,
    })
    return [values[c] for c in EDGE_COLUMNS]


def _vertex_row(vertex, name, followed, followers, description, joined):
    values = dict.fromkeys(VERTEX_COLUMNS)
    values.update({"Vertex": vertex, "Visibility": "Show", "Name": name, "Followed": followed,
                   "Followers": followers, "Description": description, "Joined Twitter Date (UTC)": joined,
                   "Custom Menu Item Text": "Open Twitter Page for This Person",
                   "Custom Menu Item Action": f"https://twitter.com/{vertex}"})
    return [values[c] for c in VERTEX_COLUMNS]


def _group_row(columns, groups):
    return [groups.get(c) for c in columns]


def write_workbook(path: Path, extra_edges=(), vertices=True) -> Path:
    book = Workbook()
    edges = book.active
    edges.title = "Edges"
    edges.append(_group_row(EDGE_COLUMNS, {"Color": "Visual Properties", "Label": "Labels",
                                           "Reciprocated?": "Graph Metrics", "ID": "Other Columns"}))
    edges.append(EDGE_COLUMNS)
    for n, tweet in enumerate(TWEETS):
        edges.append(_edge_row(*tweet, n))
    for values in extra_edges:
        edges.append(values)
    if vertices:
        sheet = book.create_sheet("Vertices")
        sheet.append(_group_row(VERTEX_COLUMNS, {"Color": "Visual Properties", "Label": "Labels",
                                                 "Degree": "Graph Metrics", "ID": "Other Columns"}))
        sheet.append(VERTEX_COLUMNS)
        for vertex in VERTICES:
            sheet.append(_vertex_row(*vertex))
    for name in ("Groups", "Group Vertices", "Overall Metrics"):
        book.create_sheet(name)
    book.save(path)
    return path


def test_workbook_counts_fields_and_rejects(tmp_path):
    mangled = _edge_row("jan_b", "jan_b", "Tweet", "Excel ate my id", 1.4110000000000001e18, None, None, None, 9)
    unknown = _edge_row("jan_b", "anna_de_v", "Blocks", None, None, None, None, None, 10)
    path = write_workbook(tmp_path / "net.xlsx", extra_edges=[mangled, unknown])
    store, (report,) = ingest(tmp_path, [{"format": "nodexl", "path": str(path)}])
    assert (report.records_read, report.records_rejected) == (7 + 2 + 5, 2)
    assert any("lost digits" in r for r in report.reject_reasons)
    assert any("Blocks" in r for r in report.reject_reasons)
    assert counts(store) == {
        "messages": {"post": 2, "reply": 2, "repost": 1},
        "accounts": 5,
        "interactions": {"reply": 2, "repost": 1, "mention": 3},
    }
    assert row(store, "message", "1003", ["kind", "parent", "account", "platform"]) == {
        "kind": "repost", "parent": "1001", "account": "piet_k", "platform": "twitter"}
    first = row(store, "message", "1001", ["kind", "root", "has_media", "language", "created_at", "url", "like_count"])
    assert first == {"kind": "post", "root": "1001", "has_media": True, "language": "nl",
                     "created_at": T0.replace(minute=0), "url": "https://twitter.com/gemeente_x/status/1001",
                     "like_count": 0}
    assert row(store, "message", "1004", ["has_media"])["has_media"] is False
    assert row(store, "message", "1005", ["kind", "parent"]) == {"kind": "reply", "parent": "1002"}
    assert {("reply", "gemeente_x", "jan_b", "1002", "1005"), ("repost", "piet_k", "gemeente_x", "1001", "1003"),
            ("mention", "anna_de_v", "jan_b", None, "1004"), ("mention", "gemeente_x", "piet_k", None, "1005")} <= ties(store)
    assert row(store, "account", "gemeente_x", ["handle", "name", "followers", "following", "created_at"]) == {
        "handle": "gemeente_x", "name": "Gemeente X", "followers": 5210, "following": 310,
        "created_at": datetime(2010, 3, 1, 9, 0)}
    assert row(store, "account", "piet_k", ["name", "followers"]) == {"name": None, "followers": None}


def test_detection(tmp_path):
    path = write_workbook(tmp_path / "net.xlsx")
    assert detected(path) == "nodexl"
    assert scores(path)["nodexl"] == 95
    assert nodexl.detect(Sample.of(SourceFile(write_workbook(tmp_path / "e.xlsx", vertices=False)))) == 80
    other = Workbook()
    other.active.title = "Blad1"
    other.save(tmp_path / "other.xlsx")
    assert nodexl.detect(Sample.of(SourceFile(tmp_path / "other.xlsx"))) == 0
    assert detected(fixture(tmp_path, CSV_FIX)) == "nodexl"
    for other_fixture in FIXTURES.glob("*.*"):
        if not other_fixture.name.startswith("nodexl"):
            assert nodexl.detect(Sample.of(SourceFile(other_fixture))) == 0, other_fixture.name


def test_gzipped_workbook_named_explicitly(tmp_path):
    path = gzipped(write_workbook(tmp_path / "net.xlsx"))
    store, (report,) = ingest(tmp_path, [{"format": "nodexl", "path": str(path), "platform": "other"}])
    assert report.records_rejected == 0
    assert counts(store)["messages"] == {"post": 2, "reply": 2, "repost": 1}
    assert store.sql("SELECT DISTINCT platform FROM account") == [("other",)]


def test_edges_csv_fixture_with_group_row(tmp_path):
    store, (report,) = ingest(tmp_path, [{"format": "nodexl", "path": str(fixture(tmp_path, CSV_FIX))}])
    assert (report.records_read, report.records_rejected) == (8, 0)
    assert counts(store) == {
        "messages": {"post": 3, "reply": 1, "repost": 1},
        "accounts": 5,
        "interactions": {"mention": 5, "reply": 1, "repost": 1},
    }
    # US dates as Excel writes them in a CSV
    assert row(store, "message", "1411379850000000001", ["created_at"])["created_at"] == datetime(2021, 7, 3, 14, 5, 9)
    # MentionsInRetweet: a mention, carried by the retweet
    assert ("mention", "buurtapp_oost", "wijkagent_oost", None, "1411379850000000004") in ties(store)


def test_basic_csv_semicolons_hash_ids_and_kind_from_all_rows(tmp_path):
    path = tmp_path / "edges.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Vertex 1", "Vertex 2", "Relationship", "Relationship Date (UTC)", "Tweet", "Tweet Date (UTC)"])
        text = "@jan_b omleiding via de Dorpsstraat. @piet_k zie hierboven"
        w.writerow(["gemeente_x", "piet_k", "Mentions", "23-5-2019 10:15", text, "23-5-2019 10:15"])
        w.writerow(["gemeente_x", "jan_b", "Replies to", "23-5-2019 10:15", text, "23-5-2019 10:15"])
        w.writerow(["jan_b", "jan_b", "Tweet", "23-5-2019 11:00", "Dank voor de info", "23-5-2019 11:00"])
        w.writerow(["jan_b", "jan_b", "Tweet", "31-2-2019 11:00", "Geen geldige datum", "31-2-2019 11:00"])
    source = {"format": "nodexl", "path": str(path), "date_format": "%d-%m-%Y %H:%M", "timezone": "Europe/Amsterdam"}
    store, (report,) = ingest(tmp_path, [source])
    assert (report.records_read, report.records_rejected) == (4, 1)
    assert "unparseable" in next(iter(report.reject_reasons))
    assert counts(store)["messages"] == {"reply": 1, "post": 1}
    ids = [r[0] for r in store.sql("SELECT id FROM message ORDER BY created_at")]
    assert all(i.startswith("nodexl:") and len(i) == len("nodexl:") + 16 for i in ids)
    # local time in Amsterdam (summer time) to UTC
    assert store.sql("SELECT min(created_at) FROM message")[0][0] == datetime(2019, 5, 23, 8, 15)
    assert store.sql("SELECT DISTINCT platform FROM message") == [("twitter",)]
    # the same rows in another order give the same ids and kinds
    again = tmp_path / "again"
    again.mkdir()
    lines = path.read_text(encoding="utf-8").splitlines()
    (again / "edges.csv").write_text("\n".join([lines[0], lines[2], lines[1], lines[3]]) + "\n", encoding="utf-8")
    store2, _ = ingest(again, [dict(source, path=str(again / "edges.csv"))])
    assert sorted(store2.sql("SELECT id, kind FROM message")) == sorted(store.sql("SELECT id, kind FROM message"))


def test_plain_edge_list_and_vertices_csv(tmp_path):
    edges = tmp_path / "edges.csv"
    edges.write_text("Vertex 1,Vertex 2\nraadslid_a,burgemeester\nraadslid_a,burgemeester\nraadslid_b,burgemeester\n")
    vertices = tmp_path / "vertices.csv"
    vertices.write_text("Visual Properties,,,Other Columns\nVertex,Color,Followers,Followed\n"
                        "burgemeester,,900,12\nraadslid_a,,30,40\n")
    store, reports = ingest(tmp_path, [{"format": "nodexl", "path": str(edges), "kind": "follow"},
                                       {"path": str(vertices)}])
    assert [r.format for r in reports] == ["nodexl", "nodexl"]
    assert reports[1].format_detected
    assert counts(store) == {"messages": {}, "accounts": 3, "interactions": {"follow": 2}}
    assert store.sql("SELECT DISTINCT platform FROM account") == [("other",)]
    assert row(store, "account", "burgemeester", ["followers", "following"]) == {"followers": 900, "following": 12}


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.csv", b"", "empty"),
        ("noheader.csv", b"a,b\n1,2\n3,4\n", "no header row"),
        ("bad.xlsx", b"PK\x03\x04 truncated zip", "not a readable .xlsx"),
    ],
)
def test_bad_files(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FormatError, match=problem):
        ingest(tmp_path, [{"format": "nodexl", "path": str(path)}])


def test_workbook_without_edges_sheet(tmp_path):
    book = Workbook()
    book.active.title = "Blad1"
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(FormatError, match="no Edges worksheet"):
        ingest(tmp_path, [{"format": "nodexl", "path": str(tmp_path / "x.xlsx")}])


def test_options_checked(tmp_path):
    path = fixture(tmp_path, CSV_FIX)
    with pytest.raises(InputError, match="timezone"):
        ingest(tmp_path, [{"format": "nodexl", "path": str(path), "timezone": "Mars/Olympus"}])
    with pytest.raises(InputError, match="kind"):
        ingest(tmp_path, [{"format": "nodexl", "path": str(path), "kind": "poke"}])
