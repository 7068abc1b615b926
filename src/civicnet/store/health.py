"""What goes wrong with a store, in one line with what to do; and ``civicnet info --check``.

:func:`problem` turns a DuckDB or OS error met while using a store into a typed
:class:`~civicnet.errors.StoreError` that keeps the original words: a full or read-only
disk, a store another program holds (:class:`~civicnet.errors.StoreLocked`, with its
process id), a damaged file (:class:`~civicnet.errors.StoreDamaged`), too little memory.
Other errors (civicnet's own mistakes) are left as they are.

:func:`check` verifies a store: DuckDB opens it (header and metadata checksums), every
table is read in full (every block's checksum), the recorded migrations are civicnet's, and
the counts agree (every case link has its record, no record stored twice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..disk import describe, filename, reason
from ..errors import StoreDamaged, StoreError, StoreLocked, saying

_DAMAGE = ("Corrupt database file", "checksum", "database has been invalidated", "Failed to read block", "block id")
_NOT_A_STORE = "not a valid DuckDB database"
_LOCK = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")
RESTORE = ("restore the store from a backup, or delete it and run `civicnet ingest CASE.yaml` again "
           "(the export files are the source)")
RESTORE_NL = ("zet de opslag terug uit een back-up, of verwijder haar en geef opnieuw `civicnet ingest CASE.yaml` "
              "(de exportbestanden zijn de bron)")


def problem(exc: BaseException, path: str | Path) -> StoreError | None:
    """The store error ``exc`` means, or None when it is not one of the store's or the disk's."""
    if isinstance(exc, StoreError):
        return exc
    if not isinstance(exc, (duckdb.Error, OSError)):
        return None
    text = str(exc)
    lock = _LOCK.search(text)
    if lock or "Could not set lock" in text:
        who = f" (PID {lock.group(2)}: {Path(lock.group(1)).name})" if lock else ""
        return saying(StoreLocked(
            f"{path}: the store is in use by another program{who}; wait until that civicnet command "
            "has finished, or stop it (a `civicnet serve` of an older version holds its store: restart it), "
            "then run this command again"),
            nl=f"{path}: de opslag is in gebruik door een ander programma{who}; wacht tot dat civicnet-commando klaar "
               "is, of stop het (een `civicnet serve` van een oudere versie houdt zijn opslag vast: start die opnieuw), "
               "en geef dit commando dan opnieuw")
    if _NOT_A_STORE in text:  # someone else's file: never advise to delete it
        return saying(StoreError(f"{path}: cannot open the store ({reason(exc)}); it is not a civicnet store: "
                                 "give --store the path of a store, or of a file that does not exist yet"),
                      nl=f"{path}: kan de opslag niet openen ({reason(exc)}); het is geen opslag van civicnet: geef "
                         "--store het pad van een opslag, of van een bestand dat nog niet bestaat")
    if any(words in text for words in _DAMAGE):
        return saying(StoreDamaged(f"{path}: the store is damaged ({reason(exc)}); run `civicnet info CASE.yaml "
                                   f"--check` to see what is affected, then {RESTORE}"),
                      nl=f"{path}: de opslag is beschadigd ({reason(exc)}); geef `civicnet info CASE.yaml --check` om "
                         f"te zien wat geraakt is, en {RESTORE_NL}")
    named = filename(exc)
    if (named is None and not isinstance(exc, duckdb.Error)) or (named is not None and not named.startswith(str(path))):
        return None  # a disk problem of another file (an output; the store's own files are DuckDB's): not the store's
    disk = describe(exc, "the store", "give the store another place with --store")
    if disk is not None:
        return StoreError(disk.replace("while writing the store", "while writing the store; nothing of this "
                                       "command was stored", 1) if "disk is full" in disk else disk)
    if isinstance(exc, duckdb.OutOfMemoryException):
        return saying(StoreError(f"{path}: not enough memory for the store ({reason(exc)}); close other programs, "
                                 "or import the sources in smaller files"),
                      nl=f"{path}: niet genoeg geheugen voor de opslag ({reason(exc)}); sluit andere programma's, of "
                         "importeer de bronnen in kleinere bestanden")
    return None


@dataclass
class Check:
    """The outcome of :func:`check`: what was verified, and every problem found."""

    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


#: (what, query returning a count that must be 0)
CONSISTENCY = (
    ("case links to messages that are not stored",
     "SELECT count(*) FROM case_message c WHERE NOT EXISTS (SELECT 1 FROM message m WHERE m.platform = c.platform AND m.id = c.id)"),
    ("case links to accounts that are not stored",
     "SELECT count(*) FROM case_account c WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.platform = c.platform AND a.id = c.id)"),
    ("case links to interactions that are not stored",
     "SELECT count(*) FROM case_interaction c WHERE NOT EXISTS (SELECT 1 FROM interaction i WHERE i.key = c.key)"),
    ("messages stored twice", "SELECT count(*) - count(DISTINCT (platform, id)) FROM message"),
    ("accounts stored twice", "SELECT count(*) - count(DISTINCT (platform, id)) FROM account"),
    ("interactions stored twice", "SELECT count(*) - count(DISTINCT key) FROM interaction"),
    ("imports of cases that are not recorded",
     'SELECT count(*) FROM import i WHERE NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = i.case_id)'),
)


def check(path: str | Path) -> Check:
    """Verify the store at ``path`` (module docstring); never raises for what it finds."""
    from .schema import LATEST, MIGRATIONS

    result = Check(Path(path))
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        found = problem(exc, path)
        if isinstance(found, StoreLocked):
            raise found from None
        result.problems.append(f"the store cannot be opened: {reason(exc)}")
        return result
    try:
        _tables(con, result)
        _migrations(con, result, {v for v, _, _ in MIGRATIONS}, LATEST)
        if not result.problems:
            _consistency(con, result)
    finally:
        con.close()
    return result


def _tables(con, result: Check) -> None:
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1").fetchall()]
    for table in tables:
        try:  # every column of every row: every block is read and its checksum verified
            rows = con.execute(f'SELECT count(*), sum(hash(COLUMNS(*))) FROM "{table}"').fetchall()[0][0]
            result.tables[table] = int(rows)
        except duckdb.Error as exc:
            result.problems.append(f"table {table} is damaged: {reason(exc)}")


def _migrations(con, result: Check, known: set[int], latest: int) -> None:
    if "schema_migrations" not in result.tables:
        if not any("schema_migrations" in p for p in result.problems):
            result.problems.append("no schema_migrations table: not a civicnet store")
        return
    try:
        versions = sorted(r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall())
    except duckdb.Error:
        return  # reported with the table
    if versions != list(range(1, len(versions) + 1)) or not set(versions) <= known:
        result.problems.append(f"the recorded migrations {versions} are not civicnet's 1..{latest}")
    elif versions and versions[-1] > latest:
        result.problems.append(f"schema version {versions[-1]} is newer than this civicnet knows ({latest})")


def _consistency(con, result: Check) -> None:
    for what, query in CONSISTENCY:
        try:
            n = con.execute(query).fetchall()[0][0]
        except duckdb.Error as exc:
            result.problems.append(f"{what}: cannot be counted ({reason(exc)})")
            continue
        if n:
            result.problems.append(f"{what}: {n}")
