"""Bad input through the CLI as a user runs it: exit 1 (2 for usage), one line naming the
file (and line), no traceback, and the store exactly as it was."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _cli_helpers import CIVICNET, GOOD, GOOD2, jsonl, page, run, snapshot, tweet, write_case  # noqa: E402


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A store that already holds one good import (made once, copied per test)."""
    folder = tmp_path_factory.mktemp("template")
    (folder / "good.jsonl").write_bytes(GOOD)
    case = write_case(folder, ["{format: twitter-v2, path: good.jsonl}"], "base.yaml")
    assert run(["ingest", case, "--store", folder / "store.duckdb"])[0] == 0
    return folder


@pytest.fixture
def workspace(tmp_path, template):
    for name in ("good.jsonl", "store.duckdb"):
        shutil.copy(template / name, tmp_path / name)
    (tmp_path / "good2.jsonl").write_bytes(GOOD2)
    return tmp_path, tmp_path / "store.duckdb"


def garbage(n: int) -> bytes:
    return random.Random(n).randbytes(n)


def _gzip_truncated() -> bytes:
    data = gzip.compress(GOOD * 200)
    return data[: len(data) // 2]


def _gzip_corrupted() -> bytes:
    data = bytearray(gzip.compress(GOOD * 200))
    for i in range(len(data) // 2, len(data) // 2 + 40):
        data[i] ^= 0x5A
    return bytes(data)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
#: a twarc2 file compressed and cut mid-stream (a download that stopped)
GZIP_CUT = gzip.compress(jsonl(*(page(*(tweet(str(n), f"tekst {n} {random.Random(n).random()}") for n in range(k, k + 50)))
                                  for k in range(0, 500, 50))))[:1500]
FACEBOOK = json.dumps({"data": [{"id": "1_2", "message": "hoi", "created_time": "2021-03-01T10:00:00+0000"}],
                       "paging": {"cursors": {}}}).encode()

#: name -> (file name, bytes, format or None, text expected in the message besides the file name)
BAD_FILES = {
    "truncated_document": ("t.json", json.dumps(page(tweet("1")), indent=2).encode()[:-40], "twitter-v2", "invalid JSON"),
    "empty": ("e.jsonl", b"", "twitter-v2", "empty"),
    "empty_detected": ("e.jsonl", b"", None, "empty"),
    "whitespace": ("w.jsonl", b"  \n\n\t \r\n", "twitter-v2", "empty"),
    "whitespace_detected": ("w.jsonl", b"  \n\n\t \r\n", None, "blank"),
    "binary_garbage": ("g.json", garbage(5000), "twitter-v2", "cannot read"),
    "binary_garbage_detected": ("g.json", garbage(5000), None, "binary"),
    "png_as_json": ("photo.json", PNG + garbage(300), "twitter-v2", "cannot read"),
    "png_detected": ("photo.json", PNG + garbage(300), None, "binary"),
    "other_json_object": ("o.jsonl", jsonl({"foo": 1}, {"bar": 2}), "twitter-v2", "line 1"),
    "facebook_as_twitter": ("fb.json", FACEBOOK, "twitter-v2", "twitter-v2"),
    "csv_as_twitter": ("t.csv", b"id,text,author\n1,hallo,100\n", "twitter-v2", "invalid JSON"),
    "array_of_numbers": ("n.json", b"[1, 2, 3]", "twitter-v2", "twitter-v2"),
    "scalar_line": ("s.jsonl", GOOD + b"null\n", "twitter-v2", "line 3"),
    "nul_bytes": ("z.jsonl", b'{"data": [\x00\x00]}\n', "twitter-v2", "line 1"),
    "nul_only_detected": ("z.jsonl", b"\x00" * 100, None, "binary"),
    "deep_nesting": ("d.json", b"[" * 100_000, "twitter-v2", "cannot read"),
    "deep_nesting_detected": ("d.json", b"[" * 100_000, None, "cannot read"),
    "huge_string_line": ("h.jsonl", b'"' + b"x" * 50_000_000 + b'"\n', "twitter-v2", "line 1"),
    "gzip_truncated": ("t.jsonl.gz", _gzip_truncated(), "twitter-v2", "gzip"),
    "gzip_corrupted": ("c.jsonl.gz", _gzip_corrupted(), "twitter-v2", "gzip"),
    "gzip_of_garbage": ("g.jsonl.gz", gzip.compress(garbage(3000)), "twitter-v2", "cannot read"),
    "gzip_of_garbage_detected": ("g.jsonl.gz", gzip.compress(garbage(3000)), None, "binary"),
    "gzip_header_only": ("h.jsonl.gz", b"\x1f\x8b\x08\x00", None, "gzip"),
    "text_undetectable": ("notes.txt", b"hallo wereld\nniets bijzonders\n", None, "civicnet formats"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file(workspace, name):
    folder, store = workspace
    filename, content, fmt, expected = BAD_FILES[name]
    (folder / filename).write_bytes(content)
    fmt_part = f"format: {fmt}, " if fmt else ""
    case = write_case(folder, ["{format: twitter-v2, path: good2.jsonl}", f"{{{fmt_part}path: {filename}}}"])
    before = snapshot(store)
    code, out, err = run(["ingest", case, "--store", store, "--quiet", "--lang", "en"])
    assert code == 1, (out, err)
    assert_one_line(err, filename, expected)
    assert snapshot(store) == before


#: name -> (file name, bytes, format or None, text expected in the warning): a readable file with a record
#: that is not one — rejected, the rest imported, exit 0 and a warning (over 1 % rejected).
BROKEN_RECORDS = {
    "truncated_json": ("t.jsonl", GOOD + b'{"data": [{"id": "9", "te', "twitter-v2", "broken line"),
    "truncated_json_detected": ("t.jsonl", GOOD + b'{"data": [{"id": "9", "te', None, "broken line"),
    "invalid_utf8_line": ("u.jsonl", GOOD + b'{"data": [{"id": "9", "text": "\xff\xfe"}]}\n', "twitter-v2",
                          "not valid UTF-8"),
}


@pytest.mark.parametrize("name", BROKEN_RECORDS)
def test_broken_record_is_rejected_and_warned(workspace, name):
    folder, store = workspace
    filename, content, fmt, expected = BROKEN_RECORDS[name]
    (folder / filename).write_bytes(content)
    fmt_part = f"format: {fmt}, " if fmt else ""
    case = write_case(folder, [f"{{{fmt_part}path: {filename}}}"])
    code, out, err = run(["ingest", case, "--store", store, "--quiet", "--lang", "en"])
    assert code == 0, (out, err)
    assert f"{filename}: twitter-v2" in out and "6 records read, 1 rejected" in out  # 3 tweets, 2 users, 1 line
    warning = [line for line in err.splitlines() if line.startswith("Warning: ")]
    assert len(warning) == 1 and filename in warning[0] and "1 of 6 records rejected (17%)" in warning[0]
    assert expected in warning[0] and "Traceback" not in err


def assert_one_line(err: str, name: str, expected: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[:2000]
    assert lines[0].startswith("Error: ") and name in lines[0] and expected in lines[0], lines[0][:500]
    assert "Traceback" not in err


def dutch_error(args: list) -> str:
    """The one line a command that fails on a Dutch case prints (exit 1), after ``Fout: ``."""
    code, _, err = run(args)
    assert code == 1
    [line] = err.strip().splitlines()
    assert line.startswith("Fout: ") and "Traceback" not in err, line
    return line


#: name -> (case file text or bytes, text expected in the message)
BAD_CASES = {
    "missing_id": ("title: x\nsources: [good.jsonl]\n", "`id` is required"),
    "missing_title": ("id: x\nsources: [good.jsonl]\n", "`title` is required"),
    "missing_sources": ("id: x\ntitle: x\n", "`sources`"),
    "empty_sources": ("id: x\ntitle: x\nsources: []\n", "`sources`"),
    "sources_not_list": ("id: x\ntitle: x\nsources: good.jsonl\n", "`sources`"),
    "unknown_field": ("id: x\ntitle: x\nsources: [good.jsonl]\nsauces: 1\n", "unknown field(s) sauces"),
    "title_wrong_type": ("id: x\ntitle: [1, 2]\nsources: [good.jsonl]\n", "`title` must be text"),
    "bad_id": ("id: 'a b/c'\ntitle: x\nsources: [good.jsonl]\n", "`id`"),
    "path_wrong_type": ("id: x\ntitle: x\nsources: [{path: [a]}]\n", "sources[1].path"),
    "alias_bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", "aliases"),
    "python_tag": ("id: !!python/object/apply:os.system ['echo hacked']\ntitle: x\nsources: [good.jsonl]\n", "tags"),
    "not_utf8": (b"id: caf\xe9\ntitle: x\nsources: [good.jsonl]\n", "UTF-8"),
    "json_array": ('[{"id": "x", "title": "x", "sources": ["good.jsonl"]}]', "expected a mapping"),
    "empty_case": ("", "expected a mapping"),
    "yaml_syntax": ("id: x\ntitle: [unclosed\nsources: [good.jsonl]\n", "line"),
    "end_before_start": ("id: x\ntitle: x\nperiod: {start: 2021-03-01, end: 2021-01-01}\nsources: [good.jsonl]\n",
                         "before"),
    "bad_date": ("id: x\ntitle: x\nperiod: {start: 2021-13-01}\nsources: [good.jsonl]\n", "date that does not exist"),
    "bad_date_text": ("id: x\ntitle: x\nperiod: {start: gisteren}\nsources: [good.jsonl]\n", "period.start"),
    "unknown_format": ("id: x\ntitle: x\nsources: [{path: good.jsonl, format: tiktok}]\n", "unknown format 'tiktok'"),
    "unknown_level": ("id: x\ntitle: x\nlevel: mega\nsources: [good.jsonl]\n", "`level`"),
    "deep_yaml": ("id: " + "[" * 1_500 + "\n", "YAML"),
    "missing_source_path": ("id: x\ntitle: x\nsources: [{path: nowhere.jsonl}]\n", "nowhere.jsonl"),
    "directory_as_source": ("id: x\ntitle: x\nsources: [{path: adir}]\n", "adir"),
    "nul_in_case": ("id: x\ntitle: x\x00\nsources: [good.jsonl]\n", "NUL"),
    "public_not_list": ("id: x\ntitle: x\nsources: [good.jsonl]\npublic: {NOS: 1}\n", "`public` must be a list"),
    "public_bad_entry": ("id: x\ntitle: x\nsources: [good.jsonl]\npublic: [{handle: NOS, role: media}]\n",
                         "`public[1]`"),
}


@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_case_file(workspace, name):
    folder, store = workspace
    (folder / "adir").mkdir()
    text, expected = BAD_CASES[name]
    case = folder / "bad.yaml"
    case.write_bytes(text if isinstance(text, bytes) else text.encode())
    before = snapshot(store)
    code, out, err = run(["ingest", case, "--store", store, "--lang", "en"])
    assert code == 1, (out, err)
    assert_one_line(err, "bad.yaml" if name not in ("missing_source_path", "directory_as_source") else expected,
                    expected)
    assert snapshot(store) == before
    # without --store the default store next to the case file is not even created
    code, _, err = run(["ingest", case])
    assert code == 1 and not (folder / ".civicnet").exists()


def test_missing_case_file_and_store_errors(tmp_path):
    code, _, err = run(["ingest", tmp_path / "nope.yaml", "--lang", "en"])
    assert code == 1
    assert_one_line(err, "nope.yaml", "no such case file")
    assert dutch_error(["ingest", tmp_path / "nope.yaml"]).endswith("nope.yaml: dit casusbestand bestaat niet")
    (tmp_path / "good.jsonl").write_bytes(GOOD)
    case = write_case(tmp_path, ["good.jsonl"])
    code, _, err = run(["info", case, "--lang", "en"])
    assert code == 1
    assert_one_line(err, "store.duckdb", "no store here yet")
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("not a database\n" * 100)
    code, _, err = run(["ingest", case, "--store", not_a_store, "--lang", "en"])
    assert code == 1
    assert_one_line(err, "notes.txt", "cannot open the store")
    assert "kan de opslag niet openen" in dutch_error(["ingest", case, "--store", not_a_store])
    assert not_a_store.read_text() == "not a database\n" * 100


@pytest.mark.parametrize("args", [["ingest"], ["info"], ["ingest", "--bogus", "x.yaml"], ["nosuchcommand"]])
def test_usage_errors_exit_2(args):
    code, _, err = run(args)
    assert code == 2 and "Usage:" in err and "Traceback" not in err


@pytest.mark.parametrize("name", ["gzip_truncated", "png_as_json", "other_json_object"])
def test_bad_file_via_subprocess(workspace, name):
    folder, store = workspace
    filename, content, fmt, expected = BAD_FILES[name]
    (folder / filename).write_bytes(content)
    case = write_case(folder, [f"{{format: {fmt}, path: {filename}}}"])
    before = snapshot(store)
    proc = subprocess.run([CIVICNET, "ingest", case, "--store", store, "--lang", "en"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert_one_line(proc.stderr, filename, expected)
    assert snapshot(store) == before


@pytest.mark.parametrize("name", ["alias_bomb", "not_utf8"])
def test_bad_case_via_subprocess(tmp_path, name):
    text, expected = BAD_CASES[name]
    case = tmp_path / "bad.yaml"
    case.write_bytes(text if isinstance(text, bytes) else text.encode())
    proc = subprocess.run([CIVICNET, "ingest", case, "--lang", "en"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert_one_line(proc.stderr, "bad.yaml", expected)
    assert not (tmp_path / ".civicnet").exists()


def test_usage_error_via_subprocess():
    proc = subprocess.run([CIVICNET, "ingest"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Missing argument" in proc.stderr




def _formats():
    from civicnet import sources

    return list(sources.REGISTRY)


@pytest.mark.parametrize("content", [b"", b" \n\t\n", garbage(4000), b"[" * 20_000], ids=["empty", "blank", "binary", "deep"])
@pytest.mark.parametrize("fmt", _formats())
def test_every_format_refuses_unreadable_files(workspace, fmt, content):
    folder, store = workspace
    (folder / "input.dat").write_bytes(content)
    case = write_case(folder, ["{format: twitter-v2, path: good2.jsonl}", f"{{format: {fmt}, path: input.dat}}"])
    before = snapshot(store)
    line = dutch_error(["ingest", case, "--store", store, "--quiet"])  # the case's language: every problem said in it
    assert "input.dat" in line, line
    assert snapshot(store) == before
    code, out, err = run(["ingest", case, "--store", store, "--quiet", "--lang", "en"])
    assert code == 1, (fmt, out, err)
    assert_one_line(err, "input.dat", "")


#: An export file, given in place of a case file, that civicnet does not recognise: its name says it
#: is no YAML case file, so the message says what it is not and where the formats are listed.
UNRECOGNISED_EXPORTS = {
    "cut_first_line.jsonl": b'{"data": [{"id": "1", "text": "afgeknipt',
    "empty.jsonl": b"",
    "unknown_columns.csv": "kolom;andere\n1;2\n".encode(),
    "not_json.json": b"dit is geen json\n",
}


@pytest.mark.parametrize("name", UNRECOGNISED_EXPORTS)
def test_an_unrecognised_export_in_place_of_a_case_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(UNRECOGNISED_EXPORTS[name])
    code, _, err = run(["run", path, "--out", tmp_path / "out", "--no-pdf", "--lang", "en"])
    assert code == 1
    assert_one_line(err, name, "no export civicnet recognises")
    assert "civicnet formats" in err and "mapping" not in err and "end of stream" not in err
    assert not (tmp_path / "out").exists() and not (tmp_path / ".civicnet").exists()
    # without --lang: a case's default language, Dutch
    line = dutch_error(["run", path, "--out", tmp_path / "out", "--no-pdf"])
    assert f"{name}: " in line and "geen export die civicnet herkent, en geen casusbestand" in line, line


def test_a_case_without_a_store_or_not_in_it_is_said_in_the_case_language(tmp_path):
    """`info` and `export` on a Dutch case that was never imported: the one line is Dutch, names the
    store and the command to run (CONTRACT "Language": CLI messages about the case); English by --lang."""
    (tmp_path / "good.jsonl").write_bytes(GOOD)
    case = write_case(tmp_path, ["good.jsonl"], extra="language: nl\n")
    line = dutch_error(["info", case])
    assert "store.duckdb: hier is nog geen opslag" in line and "`civicnet ingest CASE.yaml`" in line
    code, _, err = run(["info", case, "--lang", "en"])
    assert_one_line(err, "store.duckdb", "no store here yet")
    other = write_case(tmp_path, ["good.jsonl"], name="other.yaml")
    assert run(["ingest", other, "--quiet"])[0] == 0
    (tmp_path / "third.yaml").write_text("id: derde\ntitle: Derde\nlanguage: nl\nsources: [good.jsonl]\n")
    line = dutch_error(["export", tmp_path / "third.yaml", "--parquet", tmp_path / "parquet"])
    assert "geen casus 'derde' in deze opslag" in line, line


#: name -> (file name, bytes, format or None, what the Dutch line says)
DUTCH_FILE_ERRORS = {
    "undetectable": ("notes.txt", b"hallo wereld\nniets bijzonders\n", None,
                     "notes.txt: niet te lezen: geen bekend formaat herkende het; noem het formaat in het casusbestand"),
    "empty": ("e.jsonl", b"", None, "e.jsonl: niet te lezen: het bestand is leeg; noem het formaat"),
    "blank": ("w.jsonl", b"  \n\n", None, "w.jsonl: niet te lezen: het bestand bevat alleen witruimte"),
    "binary": ("g.json", garbage(5000), None, "g.json: niet te lezen: binaire gegevens, geen bekende export"),
    "other_format": ("fb.json", FACEBOOK, "twitter-v2",
                     "fb.json: niet te lezen als twitter-v2: dit zijn geen twitter-v2-gegevens maar het lijkt op "
                     "facebook-graph"),
    # the importers' read problems (FormatError): a file that breaks while it is read
    "header_only": ("ct.csv", b"Page Name,User Name,Facebook Id,Post Created,URL,Message\n", "crowdtangle",
                    "ct.csv: niet te lezen als crowdtangle: de CSV heeft een kopregel maar geen rijen"),
    "graph_error": ("fout.json", b'{"error": {"message": "Invalid OAuth access token.", "code": 190}}',
                    "facebook-graph", "fout.json (regel 1): niet te lezen als facebook-graph: het bestand bevat een "
                    "foutantwoord van de Graph API (Invalid OAuth access token.)"),
    "gzip_cut": ("cut.jsonl.gz", GZIP_CUT, "twitter-v2", "cut.jsonl.gz: niet te lezen: kapotte of afgebroken gzip-gegevens "
                 "(het gecomprimeerde bestand houdt op voor zijn eindmarkering)"),
    "csv_no_columns": ("t.csv", b"bericht,tekst\n1,hallo\n", "csv",
                       "t.csv: het formaat csv heeft een koppeling van kolommen nodig met minstens het id"),
    "xml_doctype": ("net.gexf", b'<?xml version="1.0"?>\n<!DOCTYPE gexf [<!ENTITY a "x">]>\n<gexf/>\n', "gexf",
                    "net.gexf: niet te lezen als gexf: het bestand declareert een DTD (<!DOCTYPE …>); geweigerd"),
}


@pytest.mark.parametrize("name", DUTCH_FILE_ERRORS)
def test_a_file_that_cannot_be_read_is_said_in_the_case_language(workspace, name):
    """The errors a user meets first — a file of no known format, an empty or blank one, another format than
    named, a path that does not exist — are about the case's sources: Dutch on a Dutch case (CONTRACT
    "Language"), English by --lang."""
    folder, store = workspace
    filename, content, fmt, expected = DUTCH_FILE_ERRORS[name]
    (folder / filename).write_bytes(content)
    fmt_part = f"format: {fmt}, " if fmt else ""
    case = write_case(folder, [f"{{{fmt_part}path: {filename}}}"], extra="language: nl\n")
    assert expected in dutch_error(["ingest", case, "--store", store, "--quiet"])
    code, _, err = run(["ingest", case, "--store", store, "--quiet", "--lang", "en"])
    assert code == 1 and err.startswith("Error: ") and "niet te lezen" not in err


def test_a_source_that_does_not_exist_is_said_in_the_case_language(tmp_path):
    case = write_case(tmp_path, ["weg.jsonl"], extra="language: nl\n")
    line = dutch_error(["ingest", case])
    assert "weg.jsonl: dit bestand bestaat niet (genoemd in " in line
    assert "kijk het pad na; het geldt vanaf de map van het casusbestand" in line
