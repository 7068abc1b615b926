"""A case the spark engine imported (its records Parquet beside the store, none in it): every other
command reads them there, or copies them into the store first, instead of finding nothing.

The engine's layout is made here without Spark, from a DuckDB import of the planted webcare case
(a twarc2 file and a Graph API page feed): the case's tables exported (``to_parquet``) and written
as the engine writes them (a folder of part files per table), and a copy of the store emptied of
the records, its case and imports kept. tests/spark/test_import_equal.py does the same after a real
spark import of every format family.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from civicnet.case import load_case
from civicnet.cli import main
from civicnet.store import Store, ingest_case
from civicnet.store.export import to_parquet
from civicnet.store.spark_records import RECORD_TABLES, parquet_folder

import _planted as P


def _rows(folder: Path, table: str) -> list[tuple]:
    path = folder / f"{table}.parquet"
    pattern = f"{path}/*.parquet" if path.is_dir() else str(path)
    with duckdb.connect() as con:
        return sorted(con.sql(f"SELECT * FROM read_parquet('{pattern}')").fetchall(), key=repr)


def _cli(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    """(the case as the DuckDB engine imported it, the same case as the spark engine leaves it)."""
    duck = tmp_path_factory.mktemp("duck")
    case = load_case(P.write_case(duck))
    with Store(duck / ".civicnet" / "store.duckdb") as store:
        ingest_case(case, store)
        to_parquet(store, case.id, duck / "export")
    spark = tmp_path_factory.mktemp("spark")
    P.write_case(spark)
    (spark / ".civicnet").mkdir()
    shutil.copy(duck / ".civicnet" / "store.duckdb", spark / ".civicnet" / "store.duckdb")
    with Store(spark / ".civicnet" / "store.duckdb") as store:
        for table in RECORD_TABLES:
            store.sql(f"DELETE FROM {table}")
    _moved(spark, duck)
    for table in RECORD_TABLES:
        target = spark / ".civicnet" / "spark" / case.id / f"{table}.parquet"
        target.mkdir(parents=True)
        shutil.copy(duck / "export" / f"{table}.parquet", target / "part-00000-c000.snappy.parquet")
        (target / "_SUCCESS").write_bytes(b"")
    return duck, spark


def _fresh(spark: Path, tmp_path: Path) -> Path:
    """A copy of the spark-imported case to change (a test that writes to its store)."""
    shutil.copytree(spark, tmp_path / "case")
    _moved(tmp_path / "case", spark)
    return tmp_path / "case"


def _moved(folder: Path, before: Path) -> None:
    """The store of a case copied from ``before`` to ``folder``: its imports' paths moved with it."""
    with Store(folder / ".civicnet" / "store.duckdb") as store:
        store.sql("UPDATE import SET path = replace(path, ?, ?)", [str(before), str(folder)])


def test_export_parquet_writes_the_records_the_engine_keeps(cases, tmp_path):
    duck, spark = cases
    _cli("export", spark / "case.yaml", "--parquet", tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["message"] > 0
    for table in RECORD_TABLES:
        assert _rows(tmp_path / "out", table) == _rows(duck / "export", table), table
    with Store(spark / ".civicnet" / "store.duckdb", read_only=True) as store:  # read, not copied in
        assert store.sql("SELECT count(*) FROM message")[0][0] == 0


def test_typology_export_samples_the_governments_messages(cases, tmp_path):
    duck, spark = cases
    said = [_cli("typology", "export", folder / "case.yaml", "--out", tmp_path / f"{folder.name}.csv")
            for folder in (duck, spark)]
    assert said[0].split(" naar ")[0] == said[1].split(" naar ")[0] == "3 van de 3 overheidsberichten geschreven"
    assert ((tmp_path / f"{duck.name}.csv").read_text(encoding="utf-8")
            == (tmp_path / f"{spark.name}.csv").read_text(encoding="utf-8"))


def test_info_counts_them_where_they_are(cases):
    duck, spark = cases
    ours, theirs = (json.loads(_cli("info", folder / "case.yaml", "--json")) for folder in (duck, spark))
    assert theirs["records"] == str(spark / ".civicnet" / "spark" / "webcare-planted")
    for key in ("messages", "context_messages", "accounts", "interactions", "messages_by_kind", "participants"):
        assert theirs[key] == ours[key], key


def test_the_duckdb_engine_copies_them_into_the_store_once(cases, tmp_path):
    duck, spark = cases
    case_path = _fresh(spark, tmp_path) / "case.yaml"
    _cli("run", case_path, "--out", tmp_path / "theirs", "--no-pdf")
    _cli("run", duck / "case.yaml", "--out", tmp_path / "ours", "--no-pdf")
    theirs, ours = (json.loads((tmp_path / name / "summary.json").read_text(encoding="utf-8"))
                    for name in ("theirs", "ours"))
    for summary in (theirs, ours):
        summary.pop("generated_at", None)
        summary["provenance"].pop("generated_at", None)
    assert theirs == ours
    for name in ("nodes.csv", "edges.csv", "messages.csv"):
        assert (tmp_path / "theirs" / name).read_bytes() == (tmp_path / "ours" / name).read_bytes(), name
    with Store(case_path.parent / ".civicnet" / "store.duckdb") as store:
        counts = {t: store.sql(f"SELECT count(*) FROM {t}")[0][0] for t in RECORD_TABLES}
        assert parquet_folder(store, load_case(case_path)) is None  # in the store now
        ingest_case(load_case(case_path), store)  # again: nothing added twice
        assert {t: store.sql(f"SELECT count(*) FROM {t}")[0][0] for t in RECORD_TABLES} == counts
    for table in RECORD_TABLES:
        assert counts[table] == len(_rows(duck / "export", table)), table


def test_the_inbox_triages_them(cases, tmp_path):
    duck, spark = cases
    case_path = _fresh(spark, tmp_path) / "case.yaml"
    for folder, out in ((case_path.parent, "theirs"), (duck, "ours")):
        _cli("inbox", folder / "case.yaml", "--out", tmp_path / out, "--now", "2014-03-03T12:00:00Z", "--lang", "en")
    theirs, ours = ((tmp_path / name / "inbox.csv").read_text(encoding="utf-8") for name in ("theirs", "ours"))
    assert theirs == ours and len(ours.splitlines()) > 10


def test_parquet_without_recorded_imports_is_not_taken_for_the_case(cases, tmp_path):
    """Parquet left from an earlier store (the store deleted since): the sources are imported anew,
    and the old folder is neither counted nor copied in."""
    duck, spark = cases
    folder = _fresh(spark, tmp_path)
    (folder / ".civicnet" / "store.duckdb").unlink()
    with Store(folder / ".civicnet" / "store.duckdb") as store:
        case = load_case(folder / "case.yaml")
        shutil.rmtree(folder / ".civicnet" / "spark" / case.id)
        (folder / ".civicnet" / "spark" / case.id).mkdir(parents=True)
        for table in RECORD_TABLES:  # a folder with other records: one message only
            target = folder / ".civicnet" / "spark" / case.id / f"{table}.parquet"
            target.mkdir()
            store.sql(f"COPY (SELECT * FROM read_parquet('{duck / 'export' / table}.parquet') LIMIT 1) "
                      f"TO '{target / 'part-0.parquet'}' (FORMAT parquet)")
        assert parquet_folder(store, case) is None
        ingest_case(case, store)
        to_parquet(store, case.id, tmp_path / "out")
    for table in RECORD_TABLES:
        assert _rows(tmp_path / "out", table) == _rows(duck / "export", table), table
