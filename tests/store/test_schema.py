"""Migration 4: a store of schema 3 keeps every row, and its texts, ids and keys are stored with zstd."""

from __future__ import annotations

import duckdb

from civicnet.store import Store
from civicnet.store.schema import MIGRATIONS, ZSTD_COLUMNS


def test_a_schema_3_store_keeps_its_rows_and_stores_the_named_columns_with_zstd(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)")
    for version, description, sql in MIGRATIONS[:3]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [version, description])
    texts = [f"bericht {i} over de wijk" * 3 for i in range(3000)]
    con.executemany("INSERT INTO message (platform, id, kind, text, url) VALUES ('twitter', ?, 'post', ?, ?)",
                    [(str(10**17 + i), t, f"https://twitter.com/i/web/status/{i}") for i, t in enumerate(texts)])
    con.execute("INSERT INTO interaction (key, platform, kind, message) VALUES ('k1', 'twitter', 'reply', '7')")
    con.execute("INSERT INTO case_message VALUES ('c', 'twitter', '1', true)")
    con.close()

    with Store(path) as store:
        assert store.schema_version() == 4
        assert [r[0] for r in store.sql("SELECT text FROM message ORDER BY id")] == texts
        assert store.sql("SELECT key, message FROM interaction") == [("k1", "7")]
        assert store.sql("SELECT * FROM case_message") == [("c", "twitter", "1", True)]
        store.sql("CHECKPOINT")
        for table, columns in ZSTD_COLUMNS.items():
            ddl = store.sql("SELECT sql FROM duckdb_tables() WHERE table_name = ?", [table])[0][0]
            for column in columns:
                assert f'{column} VARCHAR USING COMPRESSION ZSTD' in ddl.replace('"', ""), (table, column)
        used = dict(store.sql("SELECT column_name, any_value(compression) FROM pragma_storage_info('message') "
                              "WHERE segment_type = 'VARCHAR' GROUP BY ALL"))
        assert used["text"] == "ZSTD" and used["url"] == "ZSTD"
