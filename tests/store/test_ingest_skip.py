"""Re-import is skipped by sha256; the hash runs beside the import when no import has the file's size."""

from pathlib import Path

from civicnet.case import load_case
from civicnet.store.db import Store
from civicnet.store.ingest import ingest_case, sha256_of

HEADER = "id,author,text,created_at\n"


def _case(tmp_path: Path, name: str, rows: str) -> Path:
    data = tmp_path / name
    data.write_text(HEADER + rows, encoding="utf-8")
    case = tmp_path / f"{name}.yaml"
    case.write_text(
        "id: skip\ntitle: skip\nsources:\n  - format: csv\n    path: " + str(data) + "\n"
        "    columns: {id: id, account: author, text: text, created_at: created_at}\n    platform: facebook\n",
        encoding="utf-8")
    return case


def test_same_size_other_content_is_imported_and_the_same_file_skipped(tmp_path):
    first = _case(tmp_path, "a.csv", "1,anna,hallo,2024-01-01T10:00:00Z\n")
    other = _case(tmp_path, "b.csv", "2,bert,hallo,2024-01-01T10:00:00Z\n")  # same size, other bytes
    assert (tmp_path / "a.csv").stat().st_size == (tmp_path / "b.csv").stat().st_size
    with Store(tmp_path / "s.duckdb") as store:
        one = ingest_case(load_case(first), store)[0]
        assert not one.skipped_unchanged and one.sha256 == sha256_of(tmp_path / "a.csv")
        two = ingest_case(load_case(other), store)[0]
        assert not two.skipped_unchanged and two.sha256 == sha256_of(tmp_path / "b.csv")
        again = ingest_case(load_case(first), store)[0]
        assert again.skipped_unchanged and again.sha256 == one.sha256
        assert store.sql("SELECT count(*) FROM message")[0][0] == 2
        assert [r[0] for r in store.sql("SELECT sha256 FROM import ORDER BY path")] == [one.sha256, two.sha256]
