"""Parquet export and import of a case's store tables (civicnet.store.export)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from civicnet.case import load_case
from civicnet.errors import StoreError
from civicnet.store import Store, ingest_case
from civicnet.store.export import from_parquet, to_parquet

FIXTURE = Path(__file__).parent.parent / "fixtures" / "twitter_v2_twarc2_page_TRIMMED.json"
TABLES = ("case", "import", "case_account", "case_message", "case_interaction", "account", "message", "interaction")
KEYS = {"case": "id", "import": "path", "case_account": "platform, id", "case_message": "platform, id",
        "case_interaction": "key", "account": "platform, id", "message": "platform, id", "interaction": "key"}


def _case(folder: Path, case_id: str) -> Path:
    shutil.copy(FIXTURE, folder / "page.json")
    path = folder / f"{case_id}.yaml"
    path.write_text(f"id: {case_id}\ntitle: export\nsources:\n  - {{format: twitter-v2, path: page.json}}\n",
                    encoding="utf-8")
    return path


def _rows(store: Store, table: str, case_id: str) -> list[tuple]:
    cols = "* EXCLUDE (id, imported_at)" if table == "import" else "*"
    where = {"case": "id = ?", "import": "case_id = ?"}.get(table, "case_id = ?")
    if table in ("account", "message"):
        link = "case_account" if table == "account" else "case_message"
        return store.sql(f"SELECT * FROM {table} t WHERE EXISTS (SELECT 1 FROM {link} c WHERE c.platform = t.platform "
                         f"AND c.id = t.id AND c.case_id = ?) ORDER BY {KEYS[table]}", [case_id])
    if table == "interaction":
        return store.sql("SELECT * FROM interaction t WHERE EXISTS (SELECT 1 FROM case_interaction c "
                         "WHERE c.key = t.key AND c.case_id = ?) ORDER BY key", [case_id])
    return store.sql(f'SELECT {cols} FROM "{table}" WHERE {where} ORDER BY {KEYS[table]}', [case_id])


@pytest.fixture()
def exported(tmp_path):
    case = load_case(_case(tmp_path, "brug"))
    other = load_case(_case(tmp_path, "other"))
    store = Store(tmp_path / "a.duckdb")
    ingest_case(case, store)
    ingest_case(other, store)
    files = to_parquet(store, "brug", tmp_path / "parquet")
    yield store, files, tmp_path
    store.close()


def test_every_table_is_written_with_only_the_cases_rows(exported):
    store, files, _ = exported
    assert set(files) == set(TABLES) | {"manifest"}
    manifest = json.loads(files["manifest"].read_text(encoding="utf-8"))
    assert manifest["case"] == "brug" and manifest["schema_version"] == store.schema_version()
    con = duckdb.connect()
    for table in TABLES:
        n = con.execute(f"SELECT count(*) FROM read_parquet('{files[table]}')").fetchall()[0][0]
        assert n == len(_rows(store, table, "brug")) == manifest["rows"][table], table
    assert manifest["rows"]["message"] > 0 and manifest["rows"]["interaction"] > 0
    case_ids = con.execute(f"SELECT DISTINCT case_id FROM read_parquet('{files['case_message']}')").fetchall()
    assert case_ids == [("brug",)]  # the other case's links stay behind


def test_parquet_keeps_the_store_types(exported):
    store, files, _ = exported
    con = duckdb.connect()
    for table in ("message", "interaction", "account"):
        stored = store.sql(f"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' "
                           "ORDER BY ordinal_position")
        read = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{files[table]}')").fetchall()
        assert [(r[0], r[1]) for r in read] == stored, table


def test_round_trip_into_a_fresh_store_gives_the_same_rows(exported):
    store, files, tmp = exported
    with Store(tmp / "b.duckdb") as fresh:
        added = from_parquet(fresh, files["manifest"].parent)
        assert added["message"] == len(_rows(store, "message", "brug"))
        for table in TABLES:
            assert _rows(fresh, table, "brug") == _rows(store, table, "brug"), table
        again = from_parquet(fresh, files["manifest"].parent)
        assert set(again.values()) == {0}  # importing twice adds nothing


def test_unknown_case_and_foreign_folders_are_store_errors(exported, tmp_path):
    store, files, tmp = exported
    with pytest.raises(StoreError, match="no case 'nope'"):
        to_parquet(store, "nope", tmp / "x")
    with pytest.raises(StoreError, match="not a civicnet Parquet export"):
        from_parquet(store, tmp_path / "empty")
    files["message"].unlink()
    with Store(tmp / "c.duckdb") as fresh, pytest.raises(StoreError, match="missing message.parquet"):
        from_parquet(fresh, files["manifest"].parent)


def test_an_export_of_a_store_before_migration_4_reads_into_a_store_after_it(exported):
    """Migration 4 changed only how columns are compressed: an export of schema 3 has the same columns;
    one of schema 2 (no migration 3 yet) is refused."""
    store, files, tmp = exported
    manifest = files["manifest"]
    written = json.loads(manifest.read_text(encoding="utf-8"))
    assert written["schema_version"] == 4
    manifest.write_text(json.dumps({**written, "schema_version": 3}), encoding="utf-8")
    with Store(tmp / "d.duckdb") as fresh:
        from_parquet(fresh, manifest.parent)
        assert _rows(fresh, "message", "brug") == _rows(store, "message", "brug")
    manifest.write_text(json.dumps({**written, "schema_version": 2}), encoding="utf-8")
    with Store(tmp / "e.duckdb") as fresh, pytest.raises(StoreError, match="exported with store schema 2"):
        from_parquet(fresh, manifest.parent)


#: docs/scale.md's mention-network SQL over the exported files (kept identical to the doc).
EDGES_SQL = """
WITH counted AS (
    SELECT i.* FROM interaction i JOIN case_interaction ci ON ci.key = i.key AND ci.case_id = $case
    WHERE i.message IS NULL OR EXISTS (
        SELECT 1 FROM case_message cm WHERE cm.case_id = $case AND cm.platform = i.platform
                                        AND cm.id = i.message AND cm.collected)
), ties AS (
    SELECT platform, source_account AS s, coalesce(target_account, '@' || lower(target_handle)) AS t,
           kind, coalesce(message, key) AS carrier
    FROM counted
    WHERE kind IN ('mention', 'repost', 'reply', 'quote') AND source_account IS NOT NULL
      AND (target_account IS NOT NULL OR target_handle IS NOT NULL)
)
SELECT platform, s, t, count(DISTINCT carrier) AS weight, string_agg(DISTINCT kind, ';' ORDER BY kind) AS kinds
FROM ties WHERE s <> t GROUP BY platform, s, t
"""


def test_network_sql_over_the_parquet_files_gives_the_stores_network(exported):
    from civicnet.networks import analyse_network, build_network, network_from_edges

    store, files, tmp = exported
    con = duckdb.connect()
    for table in TABLES:
        con.execute(f"CREATE VIEW \"{table}\" AS SELECT * FROM read_parquet('{files[table]}')").fetchall()
    edges = con.execute(EDGES_SQL, {"case": "brug"}).fetchall()
    names = dict(con.execute("SELECT id, coalesce(handle, id) FROM account").fetchall())
    ident = {}
    for _, s, t, _, _ in edges:
        for acc in (s, t):
            ident[acc] = acc[1:] if acc.startswith("@") else names.get(acc, acc)
    got = {(ident[s], ident[t]): (w, k) for _, s, t, w, k in edges}

    with store.case(load_case(tmp / "brug.yaml")) as scope:
        net = build_network(scope, "mention")
    labels = net.kind_labels
    want = {(net.ids[s], net.ids[t]): (int(w), labels[c])
            for s, t, w, c in zip(net.src.tolist(), net.dst.tolist(), net.weight.tolist(), net.kind_codes.tolist())}
    assert len(got) >= 5 and {(a.lower(), b.lower()): v for (a, b), v in got.items()} == \
        {(a.lower(), b.lower()): v for (a, b), v in want.items()}

    # communities on the aggregated edge list alone, as on a machine that never saw the messages
    order = sorted({ident[x] for e in edges for x in e[1:3]})
    index = {name: n for n, name in enumerate(order)}
    from_edges = network_from_edges(order, [index[ident[e[1]]] for e in edges], [index[ident[e[2]]] for e in edges],
                                    [e[3] for e in edges], kinds=[e[4] for e in edges])
    alone = analyse_network(from_edges, seed=42)
    assert alone.modularity > 0 and len(alone.community) == len(order)



def _file_rows(path: Path) -> list[tuple]:
    con = duckdb.connect()
    con.execute("SET threads = 1")
    return con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()


def test_rows_come_in_key_order_whatever_order_the_store_holds_them(tmp_path):
    """Two stores holding one case's rows in opposite orders export the same files."""
    case = load_case(_case(tmp_path, "brug"))
    store = Store(tmp_path / "s.duckdb")
    ingest_case(case, store)
    to_parquet(store, "brug", tmp_path / "first")
    for table in ("account", "message", "interaction", "case_account", "case_message", "case_interaction"):
        key = KEYS[table]
        store.sql(f'CREATE TEMP TABLE held AS SELECT * FROM "{table}"')
        store.sql(f'DELETE FROM "{table}"')
        store.sql(f'INSERT INTO "{table}" SELECT * FROM held ORDER BY {", ".join(k + " DESC" for k in key.split(", "))}')
        store.sql("DROP TABLE held")
    to_parquet(store, "brug", tmp_path / "second")
    store.close()
    for table in TABLES:
        if table == "import":
            continue
        first = _file_rows(tmp_path / "first" / f"{table}.parquet")
        assert len(first) > 0 or table == "case"
        assert first == _file_rows(tmp_path / "second" / f"{table}.parquet"), table
        cols = [c.strip() for c in KEYS[table].split(",")]
        names = [d[0] for d in duckdb.connect().execute(
            f"DESCRIBE SELECT * FROM read_parquet('{tmp_path / 'first' / (table + '.parquet')}')").fetchall()]
        keys = [tuple(row[names.index(c)] for c in cols) for row in first]
        assert keys == sorted(keys), table
