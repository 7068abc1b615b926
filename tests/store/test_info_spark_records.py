"""`civicnet info` of a case the spark engine analysed: its records are Parquet beside the store
(docs/scale.md: the store keeps the case and its imports, not the records), and info counts them
there instead of saying 0."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.parquet as pq

from civicnet.store import Store
from civicnet.store.info import case_info


def _write(folder, table: str, rows: dict) -> None:
    """One table as the spark engine writes it: a folder ``<table>.parquet`` of part files."""
    target = folder / f"{table}.parquet"
    target.mkdir(parents=True)
    pq.write_table(pa.table(rows), target / "part-00000-x.snappy.parquet")
    (target / "_SUCCESS").write_bytes(b"")


def _imported(store) -> None:
    """The import of case ``c`` as the spark engine records it (the records are not in the store)."""
    store.sql("""INSERT INTO import (case_id, path, format, format_detected, sha256, size_bytes, imported_at,
                                     records_read, records_rejected, messages_added, accounts_added,
                                     interactions_added)
                 VALUES ('c', 'x.jsonl', 'twitter-v2', true, 'ab', 3, now()::TIMESTAMP, 3, 0, 3, 2, 2)""")


def _spark_records(folder) -> None:
    when = [datetime(2023, 3, 1, 10), datetime(2023, 3, 2, 11), datetime(2023, 3, 3, 12)]
    _write(folder, "message", {"platform": ["x"] * 3, "id": ["1", "2", "3"], "account": ["a", None, "b"],
                               "created_at": when, "kind": ["post", "reply", "post"]})
    _write(folder, "case_message", {"case_id": ["c"] * 3, "platform": ["x"] * 3, "id": ["1", "2", "3"],
                                    "collected": [True, True, False]})
    _write(folder, "interaction", {"key": ["k1", "k2"], "platform": ["x", "x"], "kind": ["mention", "reply"],
                                   "source_account": ["a", "a"], "target_account": ["b", "b"]})
    _write(folder, "case_interaction", {"case_id": ["c", "c"], "key": ["k1", "k2"]})
    _write(folder, "account", {"platform": ["x", "x"], "id": ["a", "b"]})
    _write(folder, "case_account", {"case_id": ["c", "c"], "platform": ["x", "x"], "id": ["a", "b"]})


def test_a_spark_cases_records_are_counted_where_the_engine_keeps_them(tmp_path):
    case = SimpleNamespace(id="c", title="C", path=tmp_path / "c.yaml")
    with Store(tmp_path / ".civicnet" / "store.duckdb") as store:
        before = case_info(store, case)
        assert before["messages"] == 0 and before["records"] == str(store.path)
        _spark_records(tmp_path / ".civicnet" / "spark" / "c")
        assert case_info(store, case)["messages"] == 0  # Parquet of no recorded import: not the case's
        _imported(store)
        info = case_info(store, case)
    assert info["messages"] == 2 and info["context_messages"] == 1 and info["messages_by_kind"] == {"post": 1,
                                                                                                      "reply": 1}
    assert info["messages_without_author"] == 1 and info["participants"] == 1 and info["accounts"] == 2
    assert info["interactions"] == 2 and info["interactions_by_kind"] == {"mention": 1, "reply": 1}
    assert info["first_message_at"].startswith("2023-03-01") and info["last_message_at"].startswith("2023-03-02")
    assert info["records"] == str(tmp_path / ".civicnet" / "spark" / "c")


def test_records_in_the_store_are_the_ones_counted(tmp_path):
    """A case imported into the store (the DuckDB engine) is counted there, whatever Parquet lies beside it."""
    case = SimpleNamespace(id="c", title="C", path=tmp_path / "c.yaml")
    with Store(tmp_path / ".civicnet" / "store.duckdb") as store:
        store.sql("INSERT INTO message (platform, id, account, kind) VALUES ('x', '9', 'z', 'post')")
        store.sql("INSERT INTO case_message VALUES ('c', 'x', '9', true)")
        _spark_records(tmp_path / ".civicnet" / "spark" / "c")
        info = case_info(store, case)
    assert info["messages"] == 1 and info["records"] == str(tmp_path / ".civicnet" / "store.duckdb")


def test_info_says_where_the_records_are(tmp_path):
    from click.testing import CliRunner

    from civicnet.cli import main

    (tmp_path / "case.yaml").write_text("id: c\ntitle: C\nsources: [x.jsonl]\n", encoding="utf-8")
    (tmp_path / "x.jsonl").write_text("{}\n", encoding="utf-8")
    with Store(tmp_path / ".civicnet" / "store.duckdb") as store:
        _imported(store)
    _spark_records(tmp_path / ".civicnet" / "spark" / "c")
    result = CliRunner().invoke(main, ["info", str(tmp_path / "case.yaml")])
    assert result.exit_code == 0, result.output
    assert "berichten: 2" in result.output and "records: als Parquet van de spark-engine in" in result.output
