"""Hostile input files (issue 21, the input side), generated here — no bombs are checked in.

Each was a traceback, a silent acceptance or gigabytes of memory before: now one line and
exit 1 with the store unchanged, or a rejected record with its reason. Run as a user runs
the CLI (CliRunner, and a child process where peak memory is measured).
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))
from _cli_helpers import CIVICNET, GOOD, run, snapshot, write_case  # noqa: E402
from test_bad_input import assert_one_line  # noqa: E402


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "good.jsonl").write_bytes(GOOD)
    store = tmp_path / "store.duckdb"
    assert run(["ingest", write_case(tmp_path, ["good.jsonl"], "base.yaml"), "--store", store])[0] == 0
    return tmp_path, store


def _refused(folder: Path, store: Path, name: str, fmt: str | None, expected: str) -> None:
    case = write_case(folder, [f"{{format: {fmt}, path: {name}}}" if fmt else f"{{path: {name}}}"])
    before = snapshot(store)
    code, out, err = run(["ingest", case, "--store", store, "--quiet", "--lang", "en"])
    assert code == 1, (out, err)
    assert_one_line(err, name, expected)
    assert snapshot(store) == before


# -- workbooks --------------------------------------------------------------------------------


def nodexl_workbook() -> bytes:
    book = Workbook()
    edges = book.active
    edges.title = "Edges"
    edges.append(["Vertex 1", "Vertex 2", "Relationship", "Tweet"])
    edges.append(["gemeente", "inwoner", "Mentions", "hallo @inwoner"])
    book.create_sheet("Vertices").append(["Vertex", "Followers"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(xlsx: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one part replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        dst.writestr(name, content)
    return out.getvalue()


XXE = b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                     for n in range(1, 10)) + b"]>")


@pytest.mark.parametrize("part, prolog", [
    ("xl/sharedStrings.xml", XXE), ("xl/sharedStrings.xml", LAUGHS), ("xl/worksheets/sheet1.xml", XXE),
    ("xl/worksheets/sheet1.xml", LAUGHS), ("xl/workbook.xml", LAUGHS), ("[Content_Types].xml", XXE),
], ids=["sst-xxe", "sst-laughs", "sheet-xxe", "sheet-laughs", "workbook-laughs", "types-xxe"])
def test_xlsx_part_with_a_doctype_is_one_line(workspace, part, prolog):
    folder, store = workspace
    book = nodexl_workbook()
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        original = zf.read(part) if part in zf.namelist() else b'<sst count="1"><si><t>&xxe;</t></si></sst>'
    body = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
    (folder / "bomb.xlsx").write_bytes(with_part(book, part, prolog + body))
    _refused(folder, store, "bomb.xlsx", "nodexl", "declares a DTD")
    _refused(folder, store, "bomb.xlsx", None, "")  # not even detected as a workbook it could read


def test_xlsx_with_a_huge_shared_string_is_refused_in_bounded_memory(workspace):
    """Issue 21: a 1 MB .xlsx with a 1 GiB shared string took 3 GB and 52 s. Here: 64 MiB of one
    letter in 0.1 MB, refused before openpyxl reads it."""
    folder, store = workspace
    huge = io.BytesIO()
    with zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><sst count="1"><si><t>')
            chunk = b"a" * (1 << 24)
            for _ in range(4):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    book = nodexl_workbook()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/sharedStrings.xml":
                dst.writestr(info, src.read(info))
        with zipfile.ZipFile(huge) as h:
            info = h.getinfo("xl/sharedStrings.xml")
            dst.writestr(info, h.read(info))
    (folder / "huge.xlsx").write_bytes(out.getvalue())
    assert (folder / "huge.xlsx").stat().st_size < 1_000_000
    code, err, peak_mb = _child(folder, store, "huge.xlsx", "nodexl")
    assert code == 1 and "possible zip bomb" in err and len(err.strip().splitlines()) == 1
    assert peak_mb < 400, peak_mb


# -- gzip bombs -------------------------------------------------------------------------------


def _bomb(members: int) -> bytes:
    """Gzip members of 64 MiB of spaces each (~65 KB compressed): JSON whitespace, no end."""
    one = gzip.compress(b"[" + b" " * (64 << 20), compresslevel=9)
    return one * members


#: Runs a command and prints its peak RSS: a small fresh process, so the peak is not the test process's
#: own memory at the fork (ru_maxrss counts what the child had before exec).
_MEASURE = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
sys.stderr.buffer.write(err)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def _child(folder: Path, store: Path, name: str, fmt: str) -> tuple[int, str, float]:
    """Ingest in a child process: (exit status, stderr, the child's peak RSS in MB)."""
    case = write_case(folder, [f"{{format: {fmt}, path: {name}}}"])
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(CIVICNET), "ingest", str(case), "--store", str(store),
                           "--quiet", "--lang", "en"], capture_output=True, text=True)
    code, peak_kb = proc.stdout.split()
    return int(code), proc.stderr, int(peak_kb) / 1024


def test_gzip_bomb_is_refused_in_bounded_memory(workspace):
    """Issue 21: a 1 MB gzip bomb took 2.2–3.3 GB before exit 1. Here 1 GiB in 1 MB: refused, bounded."""
    folder, store = workspace
    (folder / "bomb.json.gz").write_bytes(_bomb(16))
    assert (folder / "bomb.json.gz").stat().st_size < 1_500_000
    before = snapshot(store)
    code, err, peak_mb = _child(folder, store, "bomb.json.gz", "twitter-v2")
    assert code == 1 and "possible gzip bomb" in err and len(err.strip().splitlines()) == 1
    assert peak_mb < 700, peak_mb
    assert snapshot(store) == before


def test_gzip_bomb_detected_is_refused(workspace):
    folder, store = workspace
    (folder / "bomb.jsonl.gz").write_bytes(_bomb(8))
    _refused(folder, store, "bomb.jsonl.gz", None, "")


# -- numbers, fields, XML messages ------------------------------------------------------------


def test_number_out_of_range_is_a_rejected_record(workspace):
    folder, store = workspace
    page = json.loads(GOOD.splitlines()[0])
    page["data"][0]["public_metrics"] = {"like_count": 10**30}
    (folder / "n.jsonl").write_text(json.dumps(page) + "\n")
    code, out, err = run(["ingest", write_case(folder, ["n.jsonl"]), "--store", store, "--lang", "en"])
    assert code == 0 and "rejected 1x: like_count out of range" in out and "Traceback" not in err


def test_csv_field_over_the_limit_is_one_line(workspace):
    from civicnet.sources._io import MAX_FIELD_BYTES

    folder, store = workspace
    (folder / "big.csv").write_text("Vertex 1,Vertex 2,Tweet\na,b," + "x" * (MAX_FIELD_BYTES + 10) + "\n")
    _refused(folder, store, "big.csv", "nodexl", "field larger than field limit")


@pytest.mark.parametrize("xml", [
    b'<graphml><graph><node id="a"></graph></graphml>',
    b'<graphml><graph><node id="a"/><edge source="a" target="b">\n\n</graphml>',
    b'<graphml><graph><node id="a" id="b"/></graph></graphml>',
    b'<graphml><graph><node id="a"/>\x01</graph></graphml>',
    b'<graphml><graph><node id="\xff\xfe   "/></graph></graphml>',  # libxml2: "…indicate encoding !\nBytes: …"
])
def test_libxml2_messages_are_one_line(workspace, xml):
    folder, store = workspace
    (folder / "bad.graphml").write_bytes(xml)
    _refused(folder, store, "bad.graphml", "graphml", "not well-formed XML")


# -- a declared format that is clearly another ------------------------------------------------


MASTODON = [{"id": str(n), "created_at": "2022-11-06T10:00:00.000Z", "content": "<p>hoi</p>", "visibility": "public",
             "spoiler_text": "", "account": {"id": "1", "username": "gem", "acct": "gem",
                                             "url": "https://social.overheid.nl/@gem"}} for n in range(8)]


@pytest.mark.parametrize("name, content, declared, fits", [
    ("twarc2.jsonl", GOOD, "facebook-graph", "twitter-v2"),
    ("statuses.json", json.dumps(MASTODON).encode(), "twitter-v1", "mastodon"),
    ("twarc2b.jsonl", GOOD, "mastodon", "twitter-v2"),
])
def test_declared_format_that_does_not_fit_says_did_you_mean(workspace, name, content, declared, fits):
    """Issue 21: a twarc2 file declared facebook-graph stored an empty post; Mastodon statuses declared
    twitter-v1 stored 8 text-less, author-less posts."""
    folder, store = workspace
    (folder / name).write_bytes(content)
    _refused(folder, store, name, declared, f"did you mean `format: {fits}`?")


# -- CSVs cut mid-row -------------------------------------------------------------------------


CSVS = {
    "nodexl": ("Vertex 1,Vertex 2,Relationship,Relationship Date (UTC),Tweet,Imported ID\n",
               "gemeente_{n},inwoner_{n},Mentions,5/28/2022 8:12 PM,\"hallo, @inwoner_{n}\",{n}000\n"),
    "crowdtangle": ("Page Name,User Name,Facebook Id,Post Created,Message,URL,Likes\n",
                    "Gemeente,gem,1,2021-01-0{d} 10:00:00 CET,\"bericht {n}, lang\","
                    "https://www.facebook.com/1/posts/{n},{n}\n"),
    "linkedin": ("message_id,parent_id,author_id,created_at,text,url\n",
                 "m{n},,https://www.linkedin.com/in/lid-{n}/,2012-03-0{d} 10:00,\"tekst {n}\","
                 "https://www.linkedin.com/groups/1/{n}\n"),
    "4cat": ("id,thread_id,author,body,timestamp,likes\n", "{n},{n},auteur{n},\"body {n}, met komma\","
                                                          "2022-05-0{d} 10:00:00,{n}\n"),
}


@pytest.mark.parametrize("fmt", CSVS)
@pytest.mark.parametrize("cut", [0.2, 0.45, 0.6, 0.9])
def test_csv_cut_mid_row_is_never_stored_silently(workspace, fmt, cut):
    """Issue 21: 11 of 15 CSVs cut mid-row exited 0 and stored the cut row. Now the cut row is a rejected
    record (too few fields, or cut inside quotes), or — cut inside its last, unquoted field — it is kept
    and the import warns that the file does not end with a line break."""
    folder, store = workspace
    header, row = CSVS[fmt]
    rows = "".join(row.format(n=n, d=1 + n % 9) for n in range(1, 6))
    last = row.format(n=6, d=7)
    text = header + rows + last[: max(1, int(len(last) * cut))]
    (folder / f"cut.{fmt}.csv").write_text(text)
    case = write_case(folder, [f"{{format: {fmt}, path: cut.{fmt}.csv}}"])
    code, out, err = run(["ingest", case, "--store", store, "--quiet", "--lang", "en"])
    assert code == 0 and "Traceback" not in err, err
    assert "6 records read" in out
    rejected = "1 rejected" in out
    warned = "does not end with a line break" in err
    assert rejected or warned, (out, err)
    if rejected:
        assert "Warning: " in err and "1 of 6 records rejected" in err


def test_an_x_archive_of_nested_brackets_is_refused_in_bounded_memory(workspace):
    """Stop 35: 400 KB of brackets after an archive's prefix took 24 GB (ijson's paths grow with the depth)
    before the twitter-archive reader counted the depth itself."""
    folder, store = workspace
    (folder / "tweets.js").write_text("window.YTD.tweets.part0 = " + "[" * 200_000 + "]" * 200_000, encoding="ascii")
    before = snapshot(store)
    code, err, peak_mb = _child(folder, store, "tweets.js", "twitter-archive")
    assert code == 1 and "tweets.js (item 1): cannot read as twitter-archive: nested too deeply" in err, err
    assert len(err.strip().splitlines()) == 1 and peak_mb < 700, peak_mb
    assert snapshot(store) == before


def test_a_document_of_nested_brackets_is_detected_in_bounded_memory(workspace):
    """Stop 35: detection's skeleton built every level of 20 MB of brackets (1.76 GB, 19 s) before it
    counted past the levels deeper than any export nests."""
    folder, store = workspace
    (folder / "deep.json").write_bytes(b"[" * 20_000_000)
    before = snapshot(store)
    code, err, peak_mb = _child(folder, store, "deep.json", "twitter-v2")
    assert code == 1 and "deep.json (document): cannot read as twitter-v2" in err and "so dense" in err, err
    assert len(err.strip().splitlines()) == 1 and peak_mb < 700, peak_mb
    assert snapshot(store) == before
