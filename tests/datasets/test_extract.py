"""datasets/extract.py and datasets/sources.py on small snapshots made here: a git
repository per source in a temporary mirror folder, read with git as the real ones are.
Expected values are written by hand or computed here (SHA-256 for ids)."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
sys.path.insert(0, str(DATASETS))

import extract  # noqa: E402
import sources  # noqa: E402


def git_snapshot(mirror: Path, repo: str, files: dict[str, str]) -> str:
    """A repository as ``fetch`` leaves it (MIRROR/owner+name/repo/.git); its commit."""
    work = mirror / repo.replace("/", "+") / "repo"
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "data"]):
        subprocess.run(["git", *args], cwd=work, env=env, check=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, capture_output=True, text=True,
                          check=True).stdout.strip()


def status(id_str, screen_name, text, when="Thu Jul 05 09:13:39 +0000 2018", lang="nl", **extra):
    return {"id_str": id_str, "created_at": when, "text": text, "lang": lang,
            "user": {"screen_name": screen_name}, **extra}


def timeline(*statuses) -> str:
    return "\n".join(json.dumps(s) for s in statuses) + "\n"


def hashed(source: str, original: str) -> str:
    return f"{source}-{hashlib.sha256(f'{source}:{original}'.encode()).hexdigest()[:12]}"


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A mirror with one timeline snapshot and one report snapshot; accounts to match."""
    mirror = tmp_path / "mirror"
    politie = status("11", "Politie_Adam", "Let op: nepagenten aan de deur! Bel 112 …",
                     truncated=True)
    files = {"Data/Textfiles/kamerlid.txt": timeline(
        status("1", "Kamerlid", "Mooi debat vandaag &amp; morgen verder https://t.co/x"),
        status("2", "Kamerlid", "Lang verhaal dat niet past …", truncated=True),
        status("3", "Kamerlid", "Dit is Engels", lang="en"),
        status("4", "Kamerlid", "RT", retweeted_status=politie),
        status("5", "Kamerlid", "Eens!", quoted_status=status(
            "21", "jan_burger", "@Kamerlid waarom bel ik 06-12345678 @vriend? Geen antwoord.",
            in_reply_to_screen_name="Kamerlid")),
        status("6", "Kamerlid", "Mooi debat vandaag & morgen verder"),
    )}
    tk = git_snapshot(mirror, "owner/tk", files)
    reports = git_snapshot(mirror, "owner/meld", {"m.csv": "Tekst,Label\n\"Lamp kapot, Dorpsstraat 4\",Licht\n"})
    monkeypatch.setattr(sources, "REPORTS_FILE", "m.csv")
    monkeypatch.setattr(extract, "SOURCES", {s.code: s for s in (
        sources.Source("src1", "owner/tk", tk, sources.read_tk_timelines),
        sources.Source("src2", "owner/tk", tk, sources.read_tk_embedded),
        sources.Source("src6", "owner/meld", reports, sources.read_reports))})
    monkeypatch.setattr(extract, "TYPOLOGY_SOURCES", ("src1", "src2"))
    accounts_csv = tmp_path / "public_accounts.csv"
    with accounts_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["handle", "kind", "authority", "name", "evidence"])
        writer.writerow(["Kamerlid", "politician", "no", "K", "member"])
        writer.writerow(["Politie_Adam", "police", "yes", "P", "official"])
    return mirror, extract.Accounts(accounts_csv)


def test_readers_keep_dutch_own_tweets_and_embedded_ones(world):
    mirror, _ = world
    own = extract.SOURCES["src1"].records(mirror)
    assert [(r.original_id, r.text, r.created_at) for r in own] == [
        ("1", "Mooi debat vandaag & morgen verder https://t.co/x", "2018-07-05T09:13:39Z"),
        ("2", "Lang verhaal dat niet past …", "2018-07-05T09:13:39Z"),
        ("5", "Eens!", "2018-07-05T09:13:39Z"),
        ("6", "Mooi debat vandaag & morgen verder", "2018-07-05T09:13:39Z"),
    ]
    embedded = {r.original_id: r for r in extract.SOURCES["src2"].records(mirror)}
    assert set(embedded) == {"11", "21"}
    assert embedded["11"].truncated and embedded["11"].author == "Politie_Adam"
    assert embedded["21"].addressed == ("Kamerlid",)


def test_selection_treats_privacy_drops_duplicates_and_truncated_politicians(world):
    mirror, accounts = world
    pools = extract.select(extract.load_records(mirror, extract.SOURCES), accounts)
    typology = {row["id"]: (row["author_kind"], row["text"]) for row in pools["typology"]}
    assert typology == {
        hashed("src1", "1"): ("politician", "Mooi debat vandaag & morgen verder [link]"),
        hashed("src1", "5"): ("politician", "Eens!"),
        hashed("src2", "11"): ("police", "Let op: nepagenten aan de deur! Bel 112 …"),
    }
    inbox = {row["id"]: (row["addressed_to"], row["text"]) for row in pools["inbox"]}
    assert inbox == {
        hashed("src2", "21"): ("Kamerlid", "@Kamerlid waarom bel ik [telefoon] @burger1? Geen antwoord."),
        hashed("src6", "row1"): ("gemeente-amsterdam", "Lamp kapot, [adres]"),
    }


def test_select_then_rebuild_gives_the_same_pool(world, tmp_path):
    mirror, accounts = world
    records = extract.load_records(mirror, extract.SOURCES)
    extract.run_select(records, accounts, tmp_path)
    ids = extract.read_ids(tmp_path)
    assert [row["author_kind"] for row in ids["inbox"]] == sorted(
        ["unknown", "citizen"], key=lambda kind: {"unknown": hashed("src2", "21"),
                                                  "citizen": hashed("src6", "row1")}[kind])
    rebuilt = extract.rebuild(records, accounts, ids)
    assert rebuilt == extract.select(records, accounts)
    with (tmp_path / "typology" / "authority_messages.csv").open(encoding="utf-8") as handle:
        committed = list(csv.DictReader(handle))
    assert [row["author"] for row in committed] == ["Politie_Adam"]
    ids["inbox"].append({"id": "src6-x", "source": "src6", "original_id": "row9",
                         "author_kind": "citizen", "split": "test"})
    with pytest.raises(extract.ExtractError, match="1 message.* not found"):
        extract.rebuild(records, accounts, ids)


def test_author_cap_and_seeded_order_put_authorities_first():
    items = [(sources.Record("s", str(n), "twitter", "", f"t{n}", author="a" if n < 8 else "b"), f"t{n}")
             for n in range(12)]
    first = extract.capped_sample(items, cap=3, target=5, first={"b"})
    assert [r.author for r, _ in first] == ["b", "b", "b", "a", "a"]
    assert first == extract.capped_sample(items, cap=3, target=5, first={"b"})


def test_addressed_and_masked_handles():
    assert sources.addressed_in("@a @b_c: vraag aan @d") == ("a", "b_c")
    assert sources.addressed_in(".@a stelt voor") == ()
    assert sources._number_users("@USER en @USER, @USERS") == "@user1 en @user2, @USERS"


def test_missing_snapshot_is_one_error_line(tmp_path):
    done = subprocess.run([sys.executable, str(DATASETS / "extract.py"), "--mirror", str(tmp_path),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: no snapshot of ") and "fetch github:" in done.stderr
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_raw_party_reader_keeps_handles_links_and_the_files_row_labels(tmp_path):
    mirror = tmp_path / "mirror"
    header = ",Party,Year,Date,Tweet,Populist,Role,Left/right,Prog/cons\n"
    commit = git_snapshot(mirror, "owner/parties", {
        "data/party_data.json": json.dumps({"parties": [{"party": "BBB", "twitter_handle": "boerburgerb"}]}),
        "data/rutte_iii/dev.csv": header + '47364,BBB,2022,2022-06-04,"@jan @piet Haha, met 1 zetel...",yes,x,y,z\n',
        "data/rutte_iii/test.csv": header + "57504,BBB,2023,2023-01-23,Kijk mee &amp; deel https://t.co/x ,yes,x,y,z\n"})
    source = sources.Source("src7", "owner/parties", commit, sources.read_parties_raw)
    assert [(r.original_id, r.author, r.created_at, r.text, r.addressed) for r in source.records(mirror)] == [
        ("47364", "boerburgerb", "2022-06-04", "@jan @piet Haha, met 1 zetel...", ("jan", "piet")),
        ("57504", "boerburgerb", "2023-01-23", "Kijk mee & deel https://t.co/x", ()),
    ]


def select_two_batches(world, root, monkeypatch):
    """Batch 1 of one message from src1, batch 2 of up to five from src1 and src2, selected into ``root``."""
    mirror, accounts = world
    monkeypatch.setattr(extract, "BATCHES", (extract.Batch(1, 1, ("src1",)), extract.Batch(2, 5, ("src1", "src2"))))
    records = extract.load_records(mirror, extract.SOURCES)
    extract.run_select(records, accounts, root)
    return records, accounts, extract.read_ids(root)


def test_a_later_batch_keeps_the_earlier_one_and_the_cap_counts_both(world, tmp_path, monkeypatch):
    records, accounts, ids = select_two_batches(world, tmp_path, monkeypatch)
    by_batch = {b: {r["original_id"] for r in ids["typology"] if r["batch"] == b} for b in ("1", "2")}
    assert len(by_batch["1"]) == 1 and by_batch["1"] | by_batch["2"] == {"1", "5", "11"}
    # batch 1 as coded stays, even where the rule would now choose otherwise; batch 2 is selected again
    other = ({"1", "5"} - by_batch["1"]).pop()
    for row in ids["typology"]:
        row["batch"] = "1" if row["original_id"] == other else "2"
    write(tmp_path / "typology" / "ids.csv", ids["typology"])
    inbox_before = (tmp_path / "inbox" / "ids.csv").read_bytes()
    monkeypatch.setattr(extract, "AUTHOR_CAP", 1)   # Kamerlid has his one message in batch 1
    extract.run_select(records, accounts, tmp_path)
    again = extract.read_ids(tmp_path)
    assert {(r["original_id"], r["batch"]) for r in again["typology"]} == {(other, "1"), ("11", "2")}
    assert (tmp_path / "inbox" / "ids.csv").read_bytes() == inbox_before
    written = extract.write_pools(tmp_path / "out", extract.rebuild(records, accounts, again))
    assert [line.split(" ->")[0] for line in written] == [
        "typology: 2 messages", "inbox: 2 messages", "typology batch 1: 1 messages", "typology batch 2: 1 messages"]
    with (tmp_path / "out" / "typology" / "batch2.csv").open(encoding="utf-8") as handle:
        assert [row["author"] for row in csv.DictReader(handle)] == ["Politie_Adam"]


def test_select_refuses_to_select_a_coded_batch_again(world, tmp_path, monkeypatch):
    records, accounts, ids = select_two_batches(world, tmp_path, monkeypatch)
    coded = next(r["id"] for r in ids["typology"] if r["batch"] == "2")
    (tmp_path / "typology" / "labels.csv").write_text(f"id,types\n{coded},call\n", encoding="utf-8")
    before = (tmp_path / "typology" / "ids.csv").read_bytes()
    with pytest.raises(extract.ExtractError, match="batch 2 is coded \\(1 of its messages\\); a coded batch is never"):
        extract.run_select(records, accounts, tmp_path)
    assert (tmp_path / "typology" / "ids.csv").read_bytes() == before
    # a labels file that codes only earlier batches does not stop the selection of the newest
    first = next(r["id"] for r in ids["typology"] if r["batch"] == "1")
    (tmp_path / "typology" / "labels.csv").write_text(f"id,types\n{first},call\n", encoding="utf-8")
    extract.run_select(records, accounts, tmp_path)
    assert (tmp_path / "typology" / "ids.csv").read_bytes() == before


def test_candidates_skip_near_duplicates_of_messages_already_in_a_pool(world):
    _, accounts = world
    records = {"src1": [sources.Record("src1", "7", "twitter", "2018-01-01", "Mooi & debat!\nMorgen verder 👍",
                                       author="Kamerlid"),
                        sources.Record("src1", "8", "twitter", "2018-01-02", "Nieuw debat", author="Kamerlid")]}
    found = extract.candidates(records, accounts, {extract.dedup_key("@x Mooi &amp; debat morgen verder [link]")})
    assert [record.original_id for record, _ in found["typology"]] == ["8"]


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
