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


#: What :func:`check` can find: key -> (English, Dutch), with ``{…}`` for its values.
FINDINGS = {
    "cannot_open": ("the store cannot be opened: {reason}", "de opslag kan niet worden geopend: {reason}"),
    "table_damaged": ("table {table} is damaged: {reason}", "tabel {table} is beschadigd: {reason}"),
    "not_a_store": ("no schema_migrations table: not a civicnet store",
                    "geen tabel schema_migrations: geen opslag van civicnet"),
    "migrations_unknown": ("the recorded migrations {versions} are not civicnet's 1..{latest}",
                           "de vastgelegde migraties {versions} zijn niet die van civicnet (1..{latest})"),
    "schema_newer": ("schema version {version} is newer than this civicnet knows ({latest})",
                     "schemaversie {version} is nieuwer dan deze civicnet kent ({latest})"),
    "uncountable": ("{what}: cannot be counted ({reason})", "{what}: niet te tellen ({reason})"),
    "count": ("{what}: {n}", "{what}: {n}"),
}


@dataclass
class Check:
    """The outcome of :func:`check`: what was verified, and every problem found (``problems`` in English,
    ``found`` as keys of :data:`FINDINGS` with their values, for :meth:`problems_in`)."""

    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    found: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems

    def add(self, key: str, **values) -> None:
        """Record a problem: one of :data:`FINDINGS` with its values."""
        self.found.append((key, values))
        self.problems.append(FINDINGS[key][0].format(**values))

    def problems_in(self, lang: str) -> list[str]:
        """The problems in ``lang`` (``nl`` or ``en``), the counts' labels too (:data:`WHAT_NL`)."""
        if lang != "nl":
            return list(self.problems)
        out = []
        for key, values in self.found:
            if "what" in values:
                values = values | {"what": WHAT_NL.get(values["what"], values["what"])}
            out.append(FINDINGS[key][1].format(**values))
        return out


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


#: The labels of :data:`CONSISTENCY` in Dutch.
WHAT_NL = {
    "case links to messages that are not stored": "koppelingen van een casus aan berichten die niet zijn opgeslagen",
    "case links to accounts that are not stored": "koppelingen van een casus aan accounts die niet zijn opgeslagen",
    "case links to interactions that are not stored":
        "koppelingen van een casus aan interacties die niet zijn opgeslagen",
    "messages stored twice": "berichten die twee keer zijn opgeslagen",
    "accounts stored twice": "accounts die twee keer zijn opgeslagen",
    "interactions stored twice": "interacties die twee keer zijn opgeslagen",
    "imports of cases that are not recorded": "importen van casussen die niet zijn vastgelegd",
}


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
        result.add("cannot_open", reason=reason(exc))
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
            result.add("table_damaged", table=table, reason=reason(exc))


def _migrations(con, result: Check, known: set[int], latest: int) -> None:
    if "schema_migrations" not in result.tables:
        if not any("schema_migrations" in p for p in result.problems):
            result.add("not_a_store")
        return
    try:
        versions = sorted(r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall())
    except duckdb.Error:
        return  # reported with the table
    if versions != list(range(1, len(versions) + 1)) or not set(versions) <= known:
        result.add("migrations_unknown", versions=versions, latest=latest)
    elif versions and versions[-1] > latest:
        result.add("schema_newer", version=versions[-1], latest=latest)


def _consistency(con, result: Check) -> None:
    for what, query in CONSISTENCY:
        try:
            n = con.execute(query).fetchall()[0][0]
        except duckdb.Error as exc:
            result.add("uncountable", what=what, reason=reason(exc))
            continue
        if n:
            result.add("count", what=what, n=n)
