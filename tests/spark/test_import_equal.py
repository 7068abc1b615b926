"""The spark engine's import gives the store's records (issue 23): every table, row for row.

One case holds real export files of every format family (tests/fixtures/real: twarc2 JSON
Lines — one cut short by an interrupted stream —, twarc-csv, a v1.1 JSON document, Graph API
JSON Lines, Mastodon JSON Lines, a Bluesky thread, GEXF, GraphML, a NodeXL edge list) and a
file of repeated ids: the flattened twarc2 lines again, each tweet's text changed and its
metrics left out, so the store's rule decides each column (the last present value wins, an
absent one keeps the earlier). The same file named twice is recorded once.

The case is imported once by the DuckDB import (then exported with ``to_parquet``) and once on
Spark, with parts of 4 KiB so the JSON Lines files are cut into many parts; the six record
tables must hold the same rows, and the imports the same reports (reject places included).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from civicnet.case import load_case
from civicnet.store.db import Store
from civicnet.store.export import to_parquet
from civicnet.store.ingest import import_reports, ingest_case

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
SOURCES = [
    "twarc2_flattened_TRIMMED.jsonl", "twarc2_stream_interrupted.jsonl", "twarc2_search_kpop.jsonl",
    "twarc_csv_kpop.csv", "v1_search_tweepy.json", "facebook_page_feed.jsonl", "facebook_comments.jsonl",
    "mastodon_account_statuses_fosstodon.jsonl", "bluesky_getPostThread.json", "gexf_les_miserables_gephi.gexf",
    "graphml_miserables.graphml", "nodexl_edges_dutch_excel.csv",
]
TABLES = ("account", "message", "interaction", "case_account", "case_message", "case_interaction")
REPORT_COLUMNS = ("format", "format_detected", "sha256", "size_bytes", "records_read", "records_rejected",
                  "messages_added", "accounts_added", "interactions_added", "rejects", "fixes", "yielded", "reading")


def _repeated(source, target) -> None:
    """The flattened tweets again, later in the case: new text, no metrics (repeated ids)."""
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        tweet = json.loads(line)
        tweet["text"] = "later version: " + tweet.get("text", "")
        tweet.pop("public_metrics", None)
        lines.append(json.dumps(tweet))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    folder = tmp_path_factory.mktemp("import-equal")
    data = folder / "data"
    data.mkdir()
    for name in SOURCES:
        shutil.copy(REAL / name, data / name)
    shutil.copy(REAL / SOURCES[0], data / "again.jsonl")  # the same bytes: recorded once
    _repeated(REAL / SOURCES[0], data / "repeated.jsonl")
    entries = [{"path": f"data/{name}"} for name in SOURCES] + [{"path": "data/again.jsonl"},
                                                                {"path": "data/repeated.jsonl"}]
    entries[SOURCES.index("mastodon_account_statuses_fosstodon.jsonl")]["format"] = "mastodon"
    (folder / "case.yaml").write_text(yaml.safe_dump({
        "id": "alle-formaten", "title": "Alle formaten", "level": "micro", "language": "nl",
        "period": {"start": "2000-01-01", "end": "2030-12-31"}, "sources": entries}), encoding="utf-8")
    return load_case(folder / "case.yaml")


def _rows(folder, table) -> list[tuple]:
    """The rows of a Parquet table (a file, or Spark's folder of parts), sorted."""
    path = folder / f"{table}.parquet"
    pattern = f"{path}/*.parquet" if path.is_dir() else str(path)
    with duckdb.connect() as con:
        return sorted(con.sql(f"SELECT * FROM read_parquet('{pattern}')").fetchall(), key=repr)


@pytest.fixture(scope="module")
def imported(case, spark, tmp_path_factory):
    from civicnet.spark.ingest import import_case

    folder = tmp_path_factory.mktemp("stores")
    with Store(folder / "duck.duckdb") as store:
        ingest_case(case, store)
        to_parquet(store, case.id, folder / "duck")
        duck_reports = import_reports(store, case.id)
    with Store(folder / "spark.duckdb") as store:
        import_case(store, case, spark, str(folder / "spark"), part_bytes=4096)
        spark_reports = import_reports(store, case.id)
    return folder, duck_reports, spark_reports


@pytest.mark.parametrize("table", TABLES)
def test_tables_hold_the_same_rows(imported, table):
    folder = imported[0]
    duck, spark = _rows(folder / "duck", table), _rows(folder / "spark", table)
    assert len(duck) > 0
    assert spark == duck


def test_the_imports_report_the_same(imported):
    _, duck, spark = imported
    assert len(spark) == len(duck) == len(SOURCES) + 1  # the same file twice is recorded once
    for d, s in zip(duck, spark):
        assert {k: s[k] for k in REPORT_COLUMNS} == {k: d[k] for k in REPORT_COLUMNS}, d["path"]


def test_the_case_covers_what_it_says(imported):
    """Rejects with their places, repeated ids and parts: the comparisons above are not vacuous."""
    _, duck, _ = imported
    interrupted = next(r for r in duck if r["path"].endswith("twarc2_stream_interrupted.jsonl"))
    assert interrupted["records_rejected"] >= 1 and interrupted["rejects"]["rejects"][0]["location"].startswith("line ")
    repeated = next(r for r in duck if r["path"].endswith("repeated.jsonl"))
    assert repeated["records_read"] == 50 and repeated["messages_added"] == 0
    assert {r["format"] for r in duck} >= {"twitter-v2", "csv", "twitter-v1", "facebook-graph", "mastodon", "bluesky",
                                           "gexf", "graphml", "nodexl"}


def test_the_duckdb_engine_loads_a_spark_import_into_the_store(case, imported, tmp_path):
    """After a spark import (records as Parquet beside the store, none in it), the DuckDB import
    copies them into the store instead of finding nothing: the same rows as its own import."""
    folder = imported[0]
    store_path = tmp_path / ".civicnet" / "store.duckdb"
    store_path.parent.mkdir()
    shutil.copy(folder / "spark.duckdb", store_path)
    staged = store_path.parent / "spark" / case.id
    staged.mkdir(parents=True)
    for table in TABLES:
        shutil.copytree(folder / "spark" / f"{table}.parquet", staged / f"{table}.parquet")
    with Store(store_path) as store:
        reports = ingest_case(case, store)
        to_parquet(store, case.id, tmp_path / "loaded")
    assert all(r.skipped_unchanged for r in reports)  # the files' records came from the Parquet
    for table in TABLES:
        assert _rows(tmp_path / "loaded", table) == _rows(folder / "duck", table), table
