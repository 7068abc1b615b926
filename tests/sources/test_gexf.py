"""gexf: Gephi/networkx/4CAT network files, streamed safely."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _netfile_helpers import FIXTURES, counts, detected, fixture, gzipped, ingest, row, scores, ties

from civicnet.errors import FormatError, InputError
from civicnet.sources import gexf

FIX = "gexf_gephi_mentions.gexf"
ACCOUNT_COLUMNS = ["handle", "name", "description", "followers", "platform"]


def test_gephi_export_counts_and_fields(tmp_path):
    store, (report,) = ingest(tmp_path, [{"format": "gexf", "path": str(fixture(tmp_path, FIX)), "platform": "twitter"}])
    assert report.records_read == 9
    assert report.records_rejected == 1
    assert "co-hashtag" in next(iter(report.reject_reasons))
    assert counts(store) == {"messages": {}, "accounts": 4, "interactions": {"mention": 2, "reply": 1, "repost": 1}}
    assert row(store, "account", "gemeente_x", ACCOUNT_COLUMNS) == {
        "handle": "gemeente_x", "name": None, "description": "Officieel account van de gemeente X",
        "followers": 5210, "platform": "twitter",
    }
    # a label that is not a handle is the name; absent attributes stay NULL
    assert row(store, "account", "wijkagent_oost", ACCOUNT_COLUMNS)["name"] == "Wijkagent Oost"
    assert row(store, "account", "anna_de_v", ACCOUNT_COLUMNS)["followers"] is None
    assert ("mention", "jan_b", "gemeente_x", None, "1630912345678901248") in ties(store)
    assert ("repost", "anna_de_v", "wijkagent_oost", None, None) in ties(store)


def test_detection_and_not_claiming_others(tmp_path):
    path = fixture(tmp_path, FIX)
    assert detected(path) == "gexf"
    assert gexf.detect(_sample(gzipped(path))) == 100
    for other in FIXTURES.glob("*.*"):
        if other.suffix in (".json", ".csv", ".graphml", ".jsonl", ".ndjson"):
            assert gexf.detect(_sample(other)) == 0, other.name
    assert scores(path)["graphml"] == 0


def _sample(path):
    from civicnet.sources import SourceFile
    from civicnet.sources import Sample

    return Sample.of(SourceFile(path))


def test_networkx_gexf_gzip_and_undirected(tmp_path):
    graph = nx.Graph()
    graph.add_node("burgemeester", label="burgemeester", followers_count=900)
    graph.add_node("raadslid_a", label="Raadslid A")
    graph.add_edge("burgemeester", "raadslid_a", weight=7)
    graph.add_edge("raadslid_a", "burgemeester_2")
    path = tmp_path / "net.gexf"
    nx.write_gexf(graph, path)
    store, (report,) = ingest(tmp_path, [{"format": "gexf", "path": str(gzipped(path)), "kind": "follow"}])
    assert report.records_rejected == 0
    assert counts(store) == {"messages": {}, "accounts": 3, "interactions": {"follow": 2}}
    assert row(store, "account", "burgemeester", ACCOUNT_COLUMNS)["followers"] == 900
    assert row(store, "account", "burgemeester", ACCOUNT_COLUMNS)["platform"] == "other"


def test_dynamic_dates_defaults_kind_map_and_self_loop(tmp_path):
    path = tmp_path / "dyn.gexf"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">
    <attributes class="node"><attribute id="0" title="Followers" type="integer"><default>5</default></attribute></attributes>
    <attributes class="edge"><attribute id="k" title="relationship" type="string"/></attributes>
    <nodes><node id="a" label="a"/><node id="b" label="b"/></nodes>
    <edges>
      <edge source="a" target="b" start="2024-03-01"><attvalues><attvalue for="k" value="Steunbetuiging"/></attvalues></edge>
      <edge source="a" target="a"><attvalues><attvalue for="k" value="Tweet"/></attvalues></edge>
      <edge source="b" target="a" label="some free text"/>
    </edges>
  </graph>
</gexf>""",
        encoding="utf-8",
    )
    store, (report,) = ingest(tmp_path, [{"format": "gexf", "path": str(path), "kind_map": {"Steunbetuiging": "like"}}])
    assert report.records_read == 5 and report.records_rejected == 0
    assert counts(store) == {"messages": {}, "accounts": 2, "interactions": {"like": 1, "mention": 1}}
    assert row(store, "account", "a", ACCOUNT_COLUMNS)["followers"] == 5  # the declared default
    when = store.sql("SELECT created_at FROM interaction WHERE kind = 'like'")[0][0]
    assert when.isoformat() == "2024-03-01T00:00:00"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty"),
        (b"<gexf><graph><nodes><node id='a'/>", "not well-formed"),
        (b'{"data": []}', "not well-formed"),
        (b"<graphml><graph/></graphml>", "did you mean `format: graphml`"),
        (b"<gexf version='1.3'><meta/></gexf>", "no <graph>"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not well-formed"),
    ],
)
def test_bad_files_are_format_errors(tmp_path, content, problem):
    path = tmp_path / "bad.gexf"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=problem):
        ingest(tmp_path, [{"format": "gexf", "path": str(path)}])


def test_billion_laughs_is_refused_quickly(tmp_path):
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)
    )
    path = tmp_path / "bomb.gexf"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE gexf [{entities}]>'
                    '<gexf><graph><nodes><node id="a" label="&lol9;"/></nodes></graph></gexf>')
    with pytest.raises(FormatError, match="DTD"):
        list(gexf.iter_raw(_source(path), {}))


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    path = tmp_path / "xxe.gexf"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE gexf [<!ENTITY x SYSTEM "file://{secret}">]>'
                    '<gexf><graph><nodes><node id="a" label="&x;"/></nodes></graph></gexf>')
    with pytest.raises(FormatError, match="DTD"):
        list(gexf.iter_raw(_source(path), {}))
    # an undeclared entity reference is a parse error, never a lookup
    path.write_text('<gexf><graph><nodes><node id="a" label="&x;"/></nodes></graph></gexf>')
    with pytest.raises(FormatError, match="not well-formed"):
        list(gexf.iter_raw(_source(path), {}))


def _source(path):
    from civicnet.sources import SourceFile

    return SourceFile(path)


def test_bad_records_are_counted(tmp_path):
    path = tmp_path / "holes.gexf"
    path.write_text(
        """<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
        <nodes><node label="no id"/><node id="x"/></nodes>
        <edges><edge source="x"/><edge source="x" target="x" kind="retweet"/></edges></graph></gexf>"""
    )
    store, (report,) = ingest(tmp_path, [{"format": "gexf", "path": str(path)}])
    assert (report.records_read, report.records_rejected) == (4, 2)
    assert set(report.reject_reasons) == {"no node id", "no edge target"}
    assert counts(store)["interactions"] == {"repost": 1}


def test_options_are_checked(tmp_path):
    path = fixture(tmp_path, FIX)
    with pytest.raises(InputError, match="unknown platform"):
        ingest(tmp_path, [{"format": "gexf", "path": str(path), "platform": "myspace"}])
    with pytest.raises(InputError, match="kind"):
        ingest(tmp_path, [{"format": "gexf", "path": str(path), "kind": "hug"}])
