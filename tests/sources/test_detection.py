"""Detection by content whatever the first record's size, and text in every encoding real tools write.

Issue 16: a twarc2 search page of 100 tweets with expansions is 0.3–1 MB on one line, a v1.1
search response one big (pretty-printed) document, an academictwitteR users file likewise:
detection reads the first record whole, in bounded time and memory. European Excel writes
Windows-1252, Windows tools UTF-16 with a BOM: neither is "binary data".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _helpers import ingest  # noqa: E402

from civicnet import sources  # noqa: E402
from civicnet.errors import FormatError, InputError, UndetectableFormat  # noqa: E402
from civicnet.sources import SourceFile  # noqa: E402


def v2_tweet(n: int, pad: int = 0) -> dict:
    tid = str(10**18 + n)
    return {"id": tid, "text": f"tweet {n} " + "x" * pad, "author_id": str(100 + n % 7), "conversation_id": tid,
            "created_at": "2022-05-28T20:12:00.000Z", "edit_history_tweet_ids": [tid],
            "context_annotations": [{"domain": {"id": "1", "name": "d" * 200}}] * 5}


def v2_page(tweets: int, pad: int) -> dict:
    return {"data": [v2_tweet(n, pad) for n in range(tweets)],
            "includes": {"users": [{"id": str(100 + u), "username": f"u{u}", "name": "U"} for u in range(7)]},
            "meta": {"result_count": tweets}, "__twarc": {"url": "https://api.twitter.com/2/tweets/search/all"}}


def v1_status(n: int) -> dict:
    return {"created_at": "Sat May 28 20:12:00 +0000 2022", "id": 10**18 + n, "id_str": str(10**18 + n),
            "full_text": "Loppersum " * 40, "user": {"id_str": str(7 + n % 5), "screen_name": f"inwoner{n % 5}",
                                                    "description": "Groningen " * 30},
            "entities": {"user_mentions": []}}


def test_twarc2_page_of_a_megabyte_on_one_line(tmp_path):
    """Over the old 256 KiB sample: 'no known format recognised it' before."""
    path = tmp_path / "search.jsonl"
    line = json.dumps(v2_page(100, 9000))
    assert len(line) > 1_000_000
    path.write_text(line + "\n" + line + "\n")
    assert sources.detect(SourceFile(path)) == "twitter-v2"


def test_pretty_printed_v1_search_response_of_megabytes(tmp_path):
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"statuses": [v1_status(n) for n in range(3000)],
                                "search_metadata": {"count": 3000}}, indent=2))
    assert path.stat().st_size > 3_000_000
    assert sources.detect(SourceFile(path)) == "twitter-v1"
    store, [report] = ingest(tmp_path, [{"path": path.name}])
    assert (report.format, report.format_detected, report.records_read) == ("twitter-v1", True, 3000)


def test_academictwitter_users_file_larger_than_the_old_sample(tmp_path):
    users = [{"id": str(n), "username": f"gebruiker{n}", "name": "G", "description": "d" * 300,
              "public_metrics": {"followers_count": n}} for n in range(2000)]
    path = tmp_path / "users_1234.json"
    path.write_text(json.dumps({"users": users}, indent=1))
    assert sources.detect(SourceFile(path)) == "twitter-v2"


def test_single_line_array_larger_than_the_first_line_budget(tmp_path, monkeypatch):
    """A document on one line longer than FIRST_LINE_BYTES: read as a skeleton of its first items."""
    from civicnet.sources import _detect

    monkeypatch.setattr(_detect, "FIRST_LINE_BYTES", 100_000)
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps([v1_status(n) for n in range(500)]))
    assert path.stat().st_size > 300_000
    assert sources.detect(SourceFile(path)) == "twitter-v1"
    skeleton = _detect.first_json_of(SourceFile(path))
    assert len(skeleton) == _detect.SKELETON_ITEMS and skeleton[0]["id_str"] == str(10**18)


def test_detection_reads_and_memory_do_not_grow_with_the_file(tmp_path):
    """A 60 MB twarc2 file: its first line is all detection reads (its time: benchmarks/detection.py)."""
    import resource

    io = Path("/proc/self/io")
    if not io.exists():
        pytest.skip("needs Linux's /proc/self/io to count the bytes read")

    def bytes_read() -> int:
        return int(next(x for x in io.read_text().splitlines() if x.startswith("rchar:")).split()[1])

    path = tmp_path / "big.jsonl"
    line = (json.dumps(v2_page(100, 4000)) + "\n").encode()
    with open(path, "wb") as fh:
        for _ in range(60_000_000 // len(line)):
            fh.write(line)
    before, read_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, bytes_read()
    assert sources.detect(SourceFile(path)) == "twitter-v2"
    assert bytes_read() - read_before < 4 * len(line) + 2_000_000  # a few lines, not the 60 MB
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB: a few lines at most


# -- encodings ------------------------------------------------------------------------------

CSV_TEXT = ("Vertex 1;Vertex 2;Relationship;Relationship Date (UTC);Tweet\n"
            "gemeente;inwoner_é;Mentions;28/05/2022 20:12;Café “De Zon” — open?\n")


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"), ("utf-16", "UTF-16 (BOM)"), ("cp1252", "Windows-1252"),
])
def test_csv_in_every_encoding_real_tools_write(tmp_path, encoding, expected):
    """A Windows-1252 CSV is text, not 'binary data'; UTF-16 (Excel's 'Unicode text') is read, not a _csv.Error."""
    path = tmp_path / "edges.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    assert sources.detect(SourceFile(path)) == "nodexl"
    store, [report] = ingest(tmp_path, [{"path": path.name}])
    assert report.reading["encoding"] == expected
    assert store.sql("SELECT text FROM message") == [("Café “De Zon” — open?",)]
    assert store.sql("SELECT id FROM account ORDER BY id") == [("gemeente",), ("inwoner_é",)]


def test_encoding_option_overrides_detection(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_bytes(CSV_TEXT.replace("“De Zon” — ", "").encode("latin-1"))
    store, [report] = ingest(tmp_path, [{"path": path.name, "encoding": "latin-1"}])
    assert report.reading["encoding"] == "Latin-1"
    assert store.sql("SELECT text FROM message") == [("Café open?",)]


def test_unknown_encoding_option_is_an_input_error(tmp_path):
    (tmp_path / "edges.csv").write_text(CSV_TEXT)
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        ingest(tmp_path, [{"path": "edges.csv", "encoding": "klingon"}])


def test_mixed_encodings_name_the_true_byte_offset(tmp_path):
    """UTF-8 text with a Windows-1252 byte after 2 MB: the error names that byte's offset in the file."""
    header = b'"Page Name","User Name","Facebook Id","Post Created","URL","Message"\n'
    row = '"Gemeente","gem","1","2021-01-01 10:00:00 CET","https://www.facebook.com/1/posts/2","café"\n'.encode()
    rows = row * (2_000_000 // len(row))
    bad = b'"Gemeente","gem","1","2021-01-01 10:00:00 CET","https://www.facebook.com/1/posts/3","caf\xe9"\n'
    path = tmp_path / "ct.csv"
    path.write_bytes(header + rows + bad)
    offset = len(header) + len(rows) + bad.index(b"\xe9")
    with pytest.raises(FormatError, match=f"cannot decode the byte at offset {offset} of the file as UTF-8"):
        ingest(tmp_path, [{"path": "ct.csv", "format": "crowdtangle"}])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_json_lines_in_utf16(tmp_path, encoding):
    page = {"data": [v2_tweet(1)], "includes": {"users": [{"id": "101", "username": "u1"}]}}
    path = tmp_path / "p.jsonl"
    path.write_bytes((json.dumps(page) + "\n").encode(encoding))
    assert sources.detect(SourceFile(path)) == "twitter-v2"
    store, [report] = ingest(tmp_path, [{"path": path.name}])
    assert report.records_read == 2 and report.records_rejected == 0


GRAPHML = """<?xml version="1.0" encoding="UTF-16"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="gemeente"/><node id="inwoner"/><edge source="inwoner" target="gemeente"/></graph></graphml>
"""


def test_graphml_in_utf16_is_read(tmp_path):
    path = tmp_path / "net.graphml"
    path.write_bytes(GRAPHML.encode("utf-16"))
    assert sources.detect(SourceFile(path)) == "graphml"
    store, [report] = ingest(tmp_path, [{"path": path.name}])
    assert store.sql("SELECT source_account, target_account FROM interaction") == [("inwoner", "gemeente")]


@pytest.mark.parametrize("fmt, root", [("graphml", "graphml"), ("gexf", "gexf")])
def test_doctype_in_utf16_xml_is_refused(tmp_path, fmt, root):
    """Issue 21: GraphML in UTF-16 slipped past the DOCTYPE refusal."""
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            f'<{root}><graph><node id="&b;"/></graph></{root}>\n')
    path = tmp_path / f"bomb.{fmt}"
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(FormatError, match="declares a DTD"):
        ingest(tmp_path, [{"path": path.name, "format": fmt}])


def test_binary_data_is_still_binary(tmp_path):
    import random

    path = tmp_path / "x.csv"
    path.write_bytes(random.Random(3).randbytes(5000))
    with pytest.raises(UndetectableFormat, match="binary data"):
        sources.detect(SourceFile(path))
