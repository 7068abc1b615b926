"""The scripts that make the pools (datasets/prepare.py, split.py), run as a user runs
them. Expected values are computed here independently (SHA-256 references for ids and
splits, hand-written expected texts for the privacy treatment).
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
INBOX_COLUMNS = ["id", "source", "platform", "addressed_to", "created_at", "text"]
IDS = ["id", "source", "original_id", "author_kind", "split"]
INBOX_HEADER = ["id", "platform", "created_at", "text", "addressed_to", "is_repost"]


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(DATASETS / script), *args],
                          capture_output=True, text=True, encoding="utf-8")


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: list[list[str]], quoting: int = csv.QUOTE_ALL) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n", quoting=quoting)  # QUOTE_ALL: a CR in a field stays in it
        writer.writerow(header)
        writer.writerows(rows)
    return path


def hashed(source: str, original: str) -> str:
    return f"{source}-{hashlib.sha256(f'{source}:{original}'.encode()).hexdigest()[:12]}"


def reference_split(message_id: str) -> str:
    u = int(hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:16], 16) / 16**16
    return "train" if u < 0.60 else "dev" if u < 0.75 else "test"


@pytest.fixture
def root(tmp_path):
    write_csv(tmp_path / "public_accounts.csv", ["handle", "kind", "authority", "name", "evidence"],
              [["@Rijkswaterstaat", "government", "yes", "Rijkswaterstaat", "verified account"]])
    return tmp_path


# --- datasets/prepare.py --------------------------------------------------------------

def test_prepare_inbox_treats_privacy_drops_reposts_and_duplicates(root, tmp_path):
    export = write_csv(tmp_path / "export.csv", INBOX_HEADER, [
        ["900", "twitter", "2024-03-02T09:00:00Z",
         "@gemeenteutrecht @PietJ lantaarnpaal Kerkstraat 12 kapot, bel 06-12345678 of piet@example.nl "
         "https://t.co/x1 cc @PietJ @Rijkswaterstaat", "gemeenteutrecht", ""],
        ["901", "twitter", "2024-03-01T08:00:00Z",
         "@gemeenteutrecht auto 12-ABC-3 staat al weken op de stoep, 3511 AB", "gemeenteutrecht", ""],
        ["902", "twitter", "2024-03-03T10:00:00Z", "RT @gemeenteutrecht: afval later opgehaald",
         "gemeenteutrecht", ""],
        ["903", "twitter", "2024-03-04T10:00:00Z", "Gebeld met 0900-1234567, geen antwoord",
         "gemeenteutrecht", "true"],
        ["904", "twitter", "2024-03-05T11:00:00Z",
         "@gemeenteutrecht @klaas AUTO 12-abc-3 staat al weken op de stoep, 3511 AB https://t.co/zz",
         "gemeenteutrecht", ""],
    ])
    done = run("prepare.py", "inbox", "src7", str(export), "--root", str(root))
    assert done.returncode == 0, done.stderr
    assert "5 read, 2 reposts, 0 empty, 1 duplicates dropped, 2 written" in done.stdout
    fields, rows = read(root / "inbox" / "messages.csv")
    assert fields == INBOX_COLUMNS
    expected = sorted([
        (hashed("src7", "901"), "2024-03-01T08:00:00Z",
         "@gemeenteutrecht auto [kenteken] staat al weken op de stoep, [adres]"),
        (hashed("src7", "900"), "2024-03-02T09:00:00Z",
         "@gemeenteutrecht @burger1 lantaarnpaal [adres] kapot, bel [telefoon] of [e-mail] "
         "[link] cc @burger1 @Rijkswaterstaat"),
    ])
    assert [(r["id"], r["created_at"], r["text"]) for r in rows] == expected
    assert {r["addressed_to"] for r in rows} == {"gemeenteutrecht"}
    before = (root / "inbox" / "messages.csv").read_bytes()
    assert run("prepare.py", "inbox", "src7", str(export), "--root", str(root)).returncode == 0
    assert (root / "inbox" / "messages.csv").read_bytes() == before


def test_prepare_drops_near_duplicates_of_other_sources_and_keeps_organisation_numbers(root, tmp_path):
    first = write_csv(tmp_path / "a.csv", INBOX_HEADER, [
        ["1", "mastodon", "2024-01-01T00:00:00Z", "@politie@social.overheid.nl Waar kan ik aangifte doen?",
         "politie@social.overheid.nl", ""]])
    second = write_csv(tmp_path / "b.csv", INBOX_HEADER, [
        ["1", "twitter", "2024-01-02T00:00:00Z", "@politie waar kan ik AANGIFTE doen? https://t.co/q",
         "politie", ""],
        ["2", "twitter", "2024-01-02T01:00:00Z", "@politie ik belde 0900-8844 en 112 maar @jan.bsky.social niet",
         "politie", ""]])
    assert run("prepare.py", "inbox", "src1", str(first), "--root", str(root)).returncode == 0
    assert run("prepare.py", "inbox", "src2", str(second), "--root", str(root)).returncode == 0
    _, rows = read(root / "inbox" / "messages.csv")
    assert [(r["id"], r["text"]) for r in rows] == [
        (hashed("src1", "1"), "@politie@social.overheid.nl Waar kan ik aangifte doen?"),
        (hashed("src2", "2"), "@politie ik belde 0900-8844 en 112 maar @burger1 niet"),
    ]


def test_prepare_writes_carriage_returns_as_line_breaks_the_csv_can_read(root, tmp_path):
    # a bare CR inside a text was written unquoted and split the row when read back
    export = write_csv(tmp_path / "cr.csv", INBOX_HEADER, [
        ["1", "twitter", "2024-01-01T00:00:00Z", "@politie Lamp kapot.\rAl weken.", "politie", ""],
        ["2", "twitter", "2024-01-02T00:00:00Z", "@politie Stoep kapot.\r\nSinds maandag.", "politie", ""]])
    assert run("prepare.py", "inbox", "src1", str(export), "--root", str(root)).returncode == 0
    _, rows = read(root / "inbox" / "messages.csv")
    assert sorted(r["text"] for r in rows) == ["@politie Lamp kapot.\nAl weken.",
                                               "@politie Stoep kapot.\nSinds maandag."]


def test_prepare_drops_near_duplicates_that_lost_punctuation_or_emoji(root, tmp_path):
    export = write_csv(tmp_path / "d.csv", INBOX_HEADER, [
        ["1", "twitter", "2024-01-01T00:00:00Z", "@politie Ha @jan, je bent op tijd! 👍\nTot maandag.", "politie", ""],
        ["2", "twitter", "2024-01-02T00:00:00Z", "@politie Ha @USER je bent op tijd 👍Tot maandag", "politie", ""],
        ["3", "twitter", "2024-01-03T00:00:00Z", "👍👍", "politie", ""],
        ["4", "twitter", "2024-01-04T00:00:00Z", "👍", "politie", ""]])
    done = run("prepare.py", "inbox", "src1", str(export), "--root", str(root))
    assert "4 read, 0 reposts, 0 empty, 1 duplicates dropped, 3 written" in done.stdout
    _, rows = read(root / "inbox" / "messages.csv")
    assert sorted(r["id"] for r in rows) == sorted(hashed("src1", n) for n in ("1", "3", "4"))


def test_prepare_typology_keeps_only_public_authors(root, tmp_path):
    export = write_csv(tmp_path / "t.csv", ["id", "platform", "created_at", "text", "author_kind", "author"], [
        ["5", "twitter", "2014-03-01T20:00:00Z", "Rustige nacht, ook wel eens lekker @CollegaAnne",
         "police", "WijkagentLisse"],
        ["6", "facebook", "2014-03-02T08:00:00Z", "Mooie actie van @WijkagentLisse!", "citizen", "Jan Jansen"],
    ])
    assert run("prepare.py", "typology", "src3", str(export), "--root", str(root)).returncode == 0
    _, rows = read(root / "typology" / "messages.csv")
    by_id = {r["id"]: (r["author_kind"], r["author"], r["text"]) for r in rows}
    assert by_id == {
        hashed("src3", "5"): ("police", "WijkagentLisse", "Rustige nacht, ook wel eens lekker @burger1"),
        hashed("src3", "6"): ("citizen", "", "Mooie actie van @WijkagentLisse!"),
    }


@pytest.mark.parametrize("header,row,message", [
    (["id", "platform", "created_at", "text"], ["1", "twitter", "", "hoi"], "missing column(s) addressed_to"),
    (INBOX_HEADER, ["1", "", "", "hoi", "politie", ""], "line 2 has no platform"),
])
def test_prepare_bad_export_is_one_error_line(root, tmp_path, header, row, message):
    export = write_csv(tmp_path / "bad.csv", header, [row])
    done = run("prepare.py", "inbox", "src1", str(export), "--root", str(root))
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ") and message in done.stderr and "bad.csv" in done.stderr
    assert done.stderr.count("\n") == 1


def test_prepare_bad_author_kind_and_usage(root, tmp_path):
    export = write_csv(tmp_path / "t.csv", ["id", "platform", "created_at", "text", "author_kind", "author"],
                       [["1", "twitter", "", "hoi", "alderman", "x"]])
    done = run("prepare.py", "typology", "src1", str(export), "--root", str(root))
    assert done.returncode == 1 and "author_kind 'alderman'" in done.stderr
    assert run("prepare.py", "labels", "src1", str(export)).returncode == 2


# --- datasets/split.py ----------------------------------------------------------------

def make_ids(root: Path, ids: list[str], split: str = "") -> None:
    for pool in ("typology", "inbox"):
        batch = ["2"] if pool == "typology" else []
        write_csv(root / pool / "ids.csv", IDS + ["batch"] * bool(batch),
                  [[i, i.split("-")[0], i, "unknown", split, *batch] for i in ids], csv.QUOTE_MINIMAL)


def test_split_is_60_15_25_by_hash_of_id_and_checkable(tmp_path):
    ids = [f"src{n % 7}-{n:06d}" for n in range(4000)]
    make_ids(tmp_path, ids)
    assert run("split.py", "--root", str(tmp_path), "--check").returncode == 1
    assert run("split.py", "--root", str(tmp_path)).returncode == 0
    assert run("split.py", "--root", str(tmp_path), "--check").returncode == 0
    fields, rows = read(tmp_path / "typology" / "ids.csv")
    assert fields == IDS + ["batch"]
    assert [(r["id"], r["split"], r["batch"]) for r in rows] == [(i, reference_split(i), "2") for i in ids]
    assert read(tmp_path / "inbox" / "ids.csv")[0] == IDS
    shares = {name: sum(r["split"] == name for r in rows) / len(rows) for name in ("train", "dev", "test")}
    assert abs(shares["train"] - 0.60) < 0.03 and abs(shares["dev"] - 0.15) < 0.03
    assert abs(shares["test"] - 0.25) < 0.03
    make_ids(tmp_path, [i for i in ids if reference_split(i) != "train"][:3], split="train")
    stale = run("split.py", "--root", str(tmp_path), "--check")
    assert stale.returncode == 1 and stale.stderr.startswith("Error: out of date")


def test_split_refuses_duplicate_ids_and_bad_headers(tmp_path):
    make_ids(tmp_path, ["src1-a", "src1-a"])
    done = run("split.py", "--root", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith("Error: ") and "occurs twice" in done.stderr
    write_csv(tmp_path / "typology" / "ids.csv", ["id", "split"], [["src1-a", ""]])
    done = run("split.py", "--root", str(tmp_path))
    assert done.returncode == 1 and "header is not" in done.stderr
    write_csv(tmp_path / "typology" / "ids.csv", IDS, [["src1-b", "src1", "b", "unknown", ""]])
    done = run("split.py", "--root", str(tmp_path))  # the typology pool's ids.csv records the batch
    assert done.returncode == 1 and "header is not id,source,original_id,author_kind,split,batch" in done.stderr


def test_committed_split_columns_are_current():
    assert run("split.py", "--check").returncode == 0


def test_error_analysis_without_local_texts_is_one_error_line(tmp_path):
    done = run("error_analysis.py", "typology", "--root", str(tmp_path))
    assert done.returncode == 1
    assert done.stdout == "" and done.stderr.count("\n") == 1 and done.stderr.startswith("Error: ")
    assert "messages.csv" in done.stderr and "extract.py" in done.stderr
    assert run("error_analysis.py", "elsewhere").returncode == 2  # usage
