"""The DuckDB store: opening, migrating, and upserting records idempotently (from :mod:`.staging`)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pyarrow as pa

from ..columns import ACCOUNT_FIELDS, INTERACTION_FIELDS, MESSAGE_FIELDS, Rows
from ..errors import StoreError, saying
from ..model import Mapped
from . import connection
from .schema import LATEST, MIGRATIONS

#: The store tables' columns (a message's ``collected`` lives in its case link).
ACCOUNT_COLUMNS = list(ACCOUNT_FIELDS)
MESSAGE_COLUMNS = [c for c in MESSAGE_FIELDS if c != "collected"]
INTERACTION_COLUMNS = ["key", *INTERACTION_FIELDS]

#: Seconds a command waits for a store another program holds (``CIVICNET_LOCK_WAIT``): a dashboard
#: request in progress, or another civicnet command, before it says so.
LOCK_WAIT = 15.0


#: The store's DuckDB never uses more than this share of the machine's memory (DuckDB's own default
#: is 80 %); the rest is left to the Python side of the stages (a network's arrays, the community worker).
MEMORY_SHARE = 0.5
#: Outside an import (the analysis, info, export, the dashboard) DuckDB's limit is this much, or
#: :data:`ANALYSIS_SHARE` of the machine's memory if that is more, within :data:`MEMORY_SHARE`.
#: DuckDB works out of core: what a statement needs at once is its hash tables and sorts; the case's
#: temporary tables (about 0.6 GB at 1M messages) and its cache of the store spill to
#: ``store.duckdb.tmp`` beyond the limit. At 1M messages a limit of 1 GiB spilled 24 MB and kept the
#: run within 2 GB, where half of this machine's 24 GB let DuckDB hold 1.1–1.3 GB; 512 MiB ran out of
#: memory (benchmarks/RESULTS.md, "Issue 22: the 1M peak memory").
ANALYSIS_MEMORY = 1 << 30
ANALYSIS_SHARE = 1 / 32
#: While importing, DuckDB holds little beyond the file's keys and the blocks it writes (which it
#: would otherwise keep cached): its limit then is this much, or a sixteenth of the machine's memory
#: if that is less (benchmarks/RESULTS.md), so the import stays within 2 GB with its workers.
IMPORT_MEMORY = 512 << 20


def machine_memory() -> int:
    """Bytes of memory of this machine (0 when the system does not say)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 0


def memory_limit(importing: bool = False) -> str:
    """DuckDB's ``memory_limit`` for the store, from the machine's memory (see :data:`IMPORT_MEMORY`,
    :data:`ANALYSIS_MEMORY`); at least 256 MiB."""
    total = machine_memory() or 8 << 30
    limit = min(IMPORT_MEMORY, total // 16) if importing else analysis_memory(total)
    return f"{max(limit, 256 << 20) >> 20}MiB"


def analysis_memory(total: int) -> int:
    """Bytes DuckDB may use outside an import on a machine with ``total`` bytes of memory:
    :data:`ANALYSIS_MEMORY` or :data:`ANALYSIS_SHARE` of it, whichever is more, within :data:`MEMORY_SHARE`
    (2, 8 or 24 GB: 1 GiB; 64 GB: 2 GiB; 256 GB: 8 GiB)."""
    return min(int(total * MEMORY_SHARE), max(ANALYSIS_MEMORY, int(total * ANALYSIS_SHARE)))


def widen_memory_limit(con) -> bool:
    """Raise DuckDB's limit to :data:`MEMORY_SHARE` of the machine (the most the store may use, and its
    limit before the analysis had its own) after a statement ran out of memory under a lower one; False
    when it is there already. The analysis limit keeps a 1M-message case within 2 GB; a statement of a
    case many times larger may need more at once than it allows (an operator that cannot spill). The
    caller narrows it again after that statement (:func:`narrow_memory_limit`)."""
    widest = f"{max(int((machine_memory() or 8 << 30) * MEMORY_SHARE), 256 << 20) >> 20}MiB"
    before = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    con.execute(f"SET memory_limit = '{widest}'").fetchall()
    return con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0] != before


def narrow_memory_limit(con) -> None:
    """Set DuckDB's limit back to the analysis' (:func:`memory_limit`) after the one statement that needed
    :func:`widen_memory_limit`'s: DuckDB then gives back what it holds beyond it (its cache of the store,
    the scope's tables spill), so that the rest of the run is bounded as before. When DuckDB cannot free
    enough at once it refuses, and the limit stays wide until the store is closed."""
    try:
        con.execute(f"SET memory_limit = '{memory_limit()}'").fetchall()
    except duckdb.Error:
        pass


def default_store_path(case_path: str | Path) -> Path:
    """``.civicnet/store.duckdb`` next to the case file."""
    return Path(case_path).resolve().parent / ".civicnet" / "store.duckdb"


def no_store(path) -> StoreError:
    """The error for a store that does not exist yet (a case not imported), in English and Dutch."""
    return saying(StoreError(f"{path}: no store here yet; run `civicnet ingest CASE.yaml` first"),
                  nl=f"{path}: hier is nog geen opslag; voer eerst `civicnet ingest CASE.yaml` uit")


class Store:
    """A DuckDB file holding every case's records and import provenance.

    Used as a context manager, it turns the errors of the store and its disk (full,
    read-only, held by another program, damaged) into one typed, one-line
    :class:`~civicnet.errors.StoreError` that keeps DuckDB's own words
    (:func:`civicnet.store.health.problem`).

    DuckDB lets one process write a store file, or several read it. A store another
    program holds is waited for, up to ``lock_wait`` seconds (default ``CIVICNET_LOCK_WAIT``,
    else :data:`LOCK_WAIT`), then refused with :class:`~civicnet.errors.StoreLocked`.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, lock_wait: float | None = None):
        from .health import problem

        self.path = Path(path)
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise problem(exc, self.path) or exc from None
        elif not self.path.exists():
            raise no_store(self.path)
        self.con = _connect(self.path, read_only, lock_wait_seconds() if lock_wait is None else lock_wait)
        try:
            # set, not passed as the connection's config: a second connection to the file opened
            # without that config (in this process) would be refused
            self.con.execute(f"SET memory_limit = '{memory_limit()}'").fetchall()
            # the library never prints: no DuckDB progress bar for a long statement (a migration's copy)
            self.con.execute("SET enable_progress_bar = false").fetchall()
            if not read_only:
                self._migrate()
            else:
                self._check_version()
        except BaseException as exc:
            self.con.close()
            known = problem(exc, self.path)
            if known is not None and known is not exc:
                raise known from None
            raise

    def sql(self, query: str, params=None) -> list[tuple]:
        """Run one statement and fetch its rows (DuckDB ≥ 2 wants every result consumed)."""
        return self.con.execute(query, params).fetchall()

    def case(self, case):
        """The case's :class:`~civicnet.store.scope.CaseScope` on this store: ``with store.case(case) as scope``."""
        from .scope import CaseScope

        return CaseScope(self, case)

    def atomic(self):
        """The block as one transaction (a context manager): committed at its end, rolled back if it raises."""
        return connection.atomic(self.con)

    def lend(self, name: str, table: pa.Table):
        """``table`` readable in SQL as ``name`` inside the block (a context manager)."""
        return connection.lend(self.con, name, table)

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        from .health import problem

        self.close()
        known = problem(exc, self.path) if exc is not None else None
        if known is not None and known is not exc:
            raise known from None

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchall()[0][0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]

    def _check_version(self) -> None:
        version = self.schema_version()
        if version > LATEST:
            raise saying(StoreError(
                f"{self.path}: store schema version {version} is newer than this civicnet knows ({LATEST}); upgrade civicnet"
            ), nl=f"{self.path}: de opslag heeft schemaversie {version}, nieuwer dan deze civicnet kent ({LATEST}); werk "
                  "civicnet bij")

    def _migrate(self) -> None:
        self._check_version()
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
        )
        current = self.schema_version()
        for version, description, sql in MIGRATIONS:
            if version <= current:
                continue
            with self.atomic():
                self.con.execute(sql).fetchall()
                self.sql(
                    "INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [version, description]
                )

    # -- writing ---------------------------------------------------------------------------

    def write(self, case_id: str, accounts: list, messages: list, interactions: list) -> None:
        """Upsert model records and link them to the case, as an import of one file writes them
        (:class:`~civicnet.store.staging.Staging`: the last present value wins, ``collected`` is
        or-ed, interactions are deduplicated by :func:`~civicnet.columns.interaction_key`)."""
        rows = Rows()
        rows.add(Mapped(list(accounts), list(messages), list(interactions)))
        with self.staging(case_id) as staging:
            staging.add_rows(rows)
            staging.finish()

    def importing(self):
        """The block with DuckDB's memory limit for an import (:func:`memory_limit`; a context manager)."""
        return connection.setting(self.con, "memory_limit", memory_limit(importing=True), memory_limit())

    def staging(self, case_id: str):
        """A :class:`~civicnet.store.staging.Staging` for one file's records of the case (a context manager)."""
        from .staging import Staging

        return Staging(self, case_id)

    def upsert_records(self, case_id: str, table: str, source: str) -> None:
        """Upsert the rows of ``source`` (one per key) into ``table`` and link them to the case.

        ``table`` is ``account``, ``message`` (``source`` with a ``collected`` column) or
        ``interaction``; ``source`` names a table, view or registered Arrow table with the
        store table's columns. Accounts and messages: a present value replaces the stored one;
        interactions and case links: the stored row stays; ``collected`` is or-ed.
        """
        cid = "'" + case_id.replace("'", "''") + "'"
        if table == "interaction":
            self.upsert("interaction", source, INTERACTION_COLUMNS, ("key",))
            self.upsert("case_interaction", f"(SELECT {cid} AS case_id, key FROM {source})", ["case_id", "key"],
                        ("case_id", "key"))
            return
        cols = ACCOUNT_COLUMNS if table == "account" else MESSAGE_COLUMNS
        self.upsert(table, source, cols, ("platform", "id"), replacing(table, cols))
        if table == "account":
            self.upsert("case_account", f"(SELECT {cid} AS case_id, platform, id FROM {source})",
                        ["case_id", "platform", "id"], ("case_id", "platform", "id"))
        else:
            self.upsert("case_message", f"(SELECT {cid} AS case_id, platform, id, collected FROM {source})",
                        ["case_id", "platform", "id", "collected"], ("case_id", "platform", "id"),
                        "collected = case_message.collected OR b.collected")

    def upsert(self, table: str, source: str, columns: list[str], key: tuple[str, ...], sets: str | None = None) -> None:
        """``INSERT … ON CONFLICT (key) DO UPDATE SET sets`` (or ``DO NOTHING``) without a key index.

        The record tables have no primary key (schema migration 3): the stored rows matching
        ``source`` (one row per key) are updated, and the others inserted (an anti-join).
        """
        on = " AND ".join(f"{table}.{k} = b.{k}" for k in key)
        names = ", ".join(f'"{c}"' for c in columns)
        if sets:
            self.sql(f"UPDATE {table} SET {sets} FROM {source} b WHERE {on}")
        self.sql(f"INSERT INTO {table} ({names}) SELECT {names} FROM {source} b "
                 f"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {on})")

    def resolve_handles(self) -> None:
        """Fill interaction targets known only by handle from the accounts now stored."""
        self.sql(
            """
            UPDATE interaction SET target_account = a.id
            FROM (SELECT platform, lower(handle) AS h, min(id) AS id FROM account
                  WHERE handle IS NOT NULL GROUP BY ALL) a
            WHERE interaction.target_account IS NULL AND interaction.target_handle IS NOT NULL
              AND a.platform = interaction.platform AND a.h = lower(interaction.target_handle)
            """
        )

    def collapse_edits(self, case_id: str) -> None:
        """Count an edited message once: only its latest collected version stays collected."""
        self.sql(
            """
            UPDATE case_message SET collected = false
            FROM (
                SELECT m.platform, m.id FROM message m
                JOIN case_message c ON c.platform = m.platform AND c.id = m.id
                WHERE c.case_id = ? AND c.collected AND m.edit_group IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY m.platform, m.edit_group
                                           ORDER BY length(m.id) DESC, m.id DESC) > 1
            ) older
            WHERE case_message.case_id = ? AND case_message.platform = older.platform
              AND case_message.id = older.id
            """,
            [case_id, case_id],
        )

    def table_counts(self) -> dict[str, int]:
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("account", "message", "interaction")
        }


def replacing(table: str, columns: list[str]) -> str:
    """The ``SET`` of an upsert of accounts or messages (``b``: the new rows): a present value
    replaces the stored one; the key (``platform, id``, the first two columns) stays."""
    return ", ".join(f'"{c}" = coalesce(b."{c}", {table}."{c}")' for c in columns[2:])


def lock_wait_seconds() -> float:
    """How long to wait for a store another program holds: ``CIVICNET_LOCK_WAIT``, else :data:`LOCK_WAIT`."""
    value = os.environ.get("CIVICNET_LOCK_WAIT", "").strip()
    try:
        return max(0.0, float(value)) if value else LOCK_WAIT
    except ValueError:
        return LOCK_WAIT


def _connect(path: Path, read_only: bool, wait: float):
    """A DuckDB connection, retried while another program holds the file (at most ``wait`` seconds)."""
    from ..errors import StoreLocked
    from .health import problem

    deadline, pause = time.monotonic() + wait, 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            known = problem(exc, path) or StoreError(f"{path}: cannot open the store ({exc})")
            if not isinstance(known, StoreLocked) or time.monotonic() + pause > deadline:
                raise known from None
        time.sleep(pause)
        pause = min(0.5, pause * 2)

