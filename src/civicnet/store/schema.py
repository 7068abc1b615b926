"""The store's schema, as ordered, recorded migrations.

Each migration is applied once, in order, inside a transaction, and recorded in
``schema_migrations``. Never edit a released migration: add the next one.

Timestamps are stored as ``TIMESTAMP`` holding UTC.
"""

from __future__ import annotations

import re

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "accounts, messages, interactions, cases and import provenance",
        """
        CREATE TABLE account (
            platform    VARCHAR NOT NULL,
            id          VARCHAR NOT NULL,
            handle      VARCHAR,
            name        VARCHAR,
            description VARCHAR,
            followers   BIGINT,
            following   BIGINT,
            created_at  TIMESTAMP,
            url         VARCHAR,
            PRIMARY KEY (platform, id)
        );
        CREATE TABLE message (
            platform    VARCHAR NOT NULL,
            id          VARCHAR NOT NULL,
            account     VARCHAR,
            created_at  TIMESTAMP,
            text        VARCHAR,
            language    VARCHAR,
            kind        VARCHAR NOT NULL,
            parent      VARCHAR,
            root        VARCHAR,
            like_count  BIGINT,
            share_count BIGINT,
            reply_count BIGINT,
            quote_count BIGINT,
            has_media   BOOLEAN,
            url         VARCHAR,
            edit_group  VARCHAR,
            page        VARCHAR,
            PRIMARY KEY (platform, id)
        );
        CREATE TABLE interaction (
            key            VARCHAR PRIMARY KEY,
            platform       VARCHAR NOT NULL,
            kind           VARCHAR NOT NULL,
            source_account VARCHAR,
            target_account VARCHAR,
            target_handle  VARCHAR,
            target_message VARCHAR,
            created_at     TIMESTAMP,
            message        VARCHAR
        );
        CREATE TABLE "case" (
            id          VARCHAR PRIMARY KEY,
            title       VARCHAR,
            definition  JSON,
            updated_at  TIMESTAMP
        );
        CREATE SEQUENCE import_id_seq START 1;
        CREATE TABLE import (
            id                  BIGINT PRIMARY KEY DEFAULT nextval('import_id_seq'),
            case_id             VARCHAR NOT NULL,
            path                VARCHAR NOT NULL,
            format              VARCHAR NOT NULL,
            format_detected     BOOLEAN NOT NULL,
            sha256              VARCHAR NOT NULL,
            size_bytes          BIGINT NOT NULL,
            imported_at         TIMESTAMP NOT NULL,
            records_read        BIGINT NOT NULL,
            records_rejected    BIGINT NOT NULL,
            messages_added      BIGINT NOT NULL,
            accounts_added      BIGINT NOT NULL,
            interactions_added  BIGINT NOT NULL,
            rejects             JSON
        );
        CREATE TABLE case_message (
            case_id   VARCHAR NOT NULL,
            platform  VARCHAR NOT NULL,
            id        VARCHAR NOT NULL,
            collected BOOLEAN NOT NULL,
            PRIMARY KEY (case_id, platform, id)
        );
        CREATE TABLE case_account (
            case_id  VARCHAR NOT NULL,
            platform VARCHAR NOT NULL,
            id       VARCHAR NOT NULL,
            PRIMARY KEY (case_id, platform, id)
        );
        CREATE TABLE case_interaction (
            case_id VARCHAR NOT NULL,
            key     VARCHAR NOT NULL,
            PRIMARY KEY (case_id, key)
        );
        """,
    ),
]

MIGRATIONS.append(
    (
        2,
        "store-local secrets (the pseudonymisation salt), never written to outputs",
        """
        CREATE TABLE secret (
            name  VARCHAR PRIMARY KEY,
            value VARCHAR NOT NULL
        );
        """,
    )
)

#: Migration 3 rebuilds these tables without their PRIMARY KEY (DuckDB cannot drop one).
_UNKEYED = {
    "account": """platform VARCHAR NOT NULL, id VARCHAR NOT NULL, handle VARCHAR, name VARCHAR,
        description VARCHAR, followers BIGINT, following BIGINT, created_at TIMESTAMP, url VARCHAR""",
    "message": """platform VARCHAR NOT NULL, id VARCHAR NOT NULL, account VARCHAR, created_at TIMESTAMP,
        text VARCHAR, language VARCHAR, kind VARCHAR NOT NULL, parent VARCHAR, root VARCHAR,
        like_count BIGINT, share_count BIGINT, reply_count BIGINT, quote_count BIGINT, has_media BOOLEAN,
        url VARCHAR, edit_group VARCHAR, page VARCHAR""",
    "interaction": """key VARCHAR NOT NULL, platform VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        source_account VARCHAR, target_account VARCHAR, target_handle VARCHAR, target_message VARCHAR,
        created_at TIMESTAMP, message VARCHAR""",
    "case_message": "case_id VARCHAR NOT NULL, platform VARCHAR NOT NULL, id VARCHAR NOT NULL, collected BOOLEAN NOT NULL",
    "case_account": "case_id VARCHAR NOT NULL, platform VARCHAR NOT NULL, id VARCHAR NOT NULL",
    "case_interaction": "case_id VARCHAR NOT NULL, key VARCHAR NOT NULL",
}

MIGRATIONS.append(
    (
        3,
        "record tables without primary-key indexes: the writers keep keys unique (Store.upsert)",
        # The ART indexes cost more than the rest of a bulk import (every message, tie and case
        # link an index insertion, then the index written at commit) and tripled the file;
        # Store.write and the twitter-v2 bulk import upsert by anti-join on the same keys.
        "".join(
            f"""
        CREATE TABLE {t}__v3 ({cols});
        INSERT INTO {t}__v3 SELECT * FROM {t};
        DROP TABLE {t};
        ALTER TABLE {t}__v3 RENAME TO {t};
        """
            for t, cols in _UNKEYED.items()
        ),
    )
)



#: Columns migration 4 stores with zstd instead of DuckDB's choice (DICT_FSST for every text column):
#: a message's text and URL (smaller with zstd, and cheaper to write) and the columns of ids and keys
#: that are unique or nearly so (a dictionary gains nothing on them). Measured on the planted 100k
#: import (benchmarks/RESULTS.md, "Issue 22: the import's main process"): the store's writes 30 %
#: less CPU, the file 7 % larger, reads alike.
ZSTD_COLUMNS = {
    "message": ("id", "text", "parent", "root", "url"),
    "interaction": ("key", "target_message", "message"),
    "case_message": ("id",),
    "case_interaction": ("key",),
}


def _zstd(table: str) -> str:
    """``_UNKEYED[table]`` with :data:`ZSTD_COLUMNS`' columns compressed with zstd."""
    cols = _UNKEYED[table]
    for name in ZSTD_COLUMNS[table]:
        cols, n = re.subn(rf"\b{name} VARCHAR\b", f"{name} VARCHAR USING COMPRESSION zstd", cols)
        if n != 1:
            raise ValueError(f"{table}.{name}: not one text column of the table")
    return cols


MIGRATIONS.append(
    (
        4,
        "texts, URLs, ids and keys compressed with zstd: a third less CPU to write a bulk import",
        "".join(
            f"""
        CREATE TABLE {t}__v4 ({_zstd(t)});
        INSERT INTO {t}__v4 SELECT * FROM {t};
        DROP TABLE {t};
        ALTER TABLE {t}__v4 RENAME TO {t};
        """
            for t in ZSTD_COLUMNS
        ),
    )
)

#: Schema versions whose tables have the columns of an earlier version (migration 4 changed only how
#: they are compressed): a Parquet export of either reads into a store of either.
SAME_COLUMNS_AS = {4: 3}

LATEST = MIGRATIONS[-1][0]
