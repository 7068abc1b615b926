"""A case's store tables as Parquet files, and back: to move a case to another engine.

:func:`to_parquet` writes one Parquet file per store table, each holding only the
case's rows (``account``, ``message``, ``interaction``, the case links
``case_account``/``case_message``/``case_interaction``, the ``case`` row and its
``import`` provenance), plus ``manifest.json`` (schema version, case id, row
counts). The files keep the store's column names and types (timestamps are UTC), so
Spark SQL, DuckDB over object storage, or any Parquet reader can run the network
queries on them (docs/scale.md). :func:`from_parquet` reads such a folder into a
store: existing rows win (an import never overwrites), import provenance gets new ids.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from ..errors import StoreError, saying
from ..progress import Progress, silent
from .db import Store

#: table -> the rows of case ``$case`` (each a SELECT over the store).
_CASE_ROWS = {
    "case": 'SELECT * FROM "case" WHERE id = $case',
    "import": "SELECT * FROM import WHERE case_id = $case",
    "case_account": "SELECT * FROM case_account WHERE case_id = $case",
    "case_message": "SELECT * FROM case_message WHERE case_id = $case",
    "case_interaction": "SELECT * FROM case_interaction WHERE case_id = $case",
    "account": "SELECT a.* FROM account a SEMI JOIN case_account c ON c.platform = a.platform AND c.id = a.id "
               "AND c.case_id = $case",
    "message": "SELECT m.* FROM message m SEMI JOIN case_message c ON c.platform = m.platform AND c.id = m.id "
               "AND c.case_id = $case",
    "interaction": "SELECT i.* FROM interaction i SEMI JOIN case_interaction c ON c.key = i.key AND c.case_id = $case",
}
#: table -> the columns that identify a row (an import never adds a row twice).
_KEYS = {
    "case": ("id",), "case_account": ("case_id", "platform", "id"), "case_message": ("case_id", "platform", "id"),
    "case_interaction": ("case_id", "key"), "account": ("platform", "id"), "message": ("platform", "id"),
    "interaction": ("key",), "import": ("case_id", "path", "sha256"),
}
#: table -> the order of its rows in the file, when not its key: rows come in key order, so the
#: files of one case are the same whatever order the store holds its rows in.
_ORDER = {"import": ("id",)}
MANIFEST = "manifest.json"


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


#: table -> column -> how a pseudonymised export shows it: through the labeller's method of that name
#: (``account``: the labeller itself), or ``(method, column)`` of a method that also takes the row's
#: account or message (``own``: the value for an account the labeller keeps, else NULL).
_SHOWN = {
    "case_account": {"id": "account"},
    "case_message": {"id": "message_id"},
    "case_interaction": {"key": "key"},
    "account": {"id": "account", "handle": "account", "name": ("name", "id"), "description": ("own", "id"),
                "url": ("profile_url", "id")},
    "message": {"id": "message_id", "account": "account", "text": "text", "parent": "message_id",
                "root": "message_id", "url": ("message_url", "id"), "edit_group": "message_id", "page": "account"},
    "interaction": {"key": "key", "source_account": "account", "target_account": "account",
                    "target_handle": "account", "target_message": "message_id", "message": "message_id"},
}
#: Rows labelled at a time.
_BATCH = 50_000


def to_parquet(store: Store, case_id: str, directory: str | Path, label=None, *,
               progress: Progress = silent) -> dict[str, Path]:
    """Write the case's rows of every store table to ``directory/<table>.parquet``.

    Parameters
    ----------
    store : Store
        An open store.
    case_id : str
        The case (its ``id:`` in the case file).
    directory : str or Path
        Created if missing; files of the same names are replaced.
    label : Labeller, optional
        A :class:`~civicnet.reports.pseudonym.Pseudonymiser` (``export --pseudonymise``): every
        citizen's account id, handle and name, message id, text and link, and every interaction key,
        as the outputs of ``run --pseudonymise`` show them (:data:`_SHOWN`); citizens' profile texts
        and links left out. None (or an inactive labeller) writes the rows as they are.
    progress : callable, optional
        Called with ``export: <table>``, the rows written so far and the table's rows.

    Returns
    -------
    dict
        table name -> the Parquet file written (and ``"manifest"`` -> manifest.json).

    Raises
    ------
    StoreError
        When the store holds no such case.
    """
    if not store.sql('SELECT count(*) FROM "case" WHERE id = ?', [case_id])[0][0]:
        raise saying(StoreError(f"{store.path}: no case {case_id!r} in this store; run `civicnet ingest CASE.yaml` first"),
                     nl=f"{store.path}: geen casus {case_id!r} in deze opslag; voer eerst `civicnet ingest CASE.yaml` uit")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    files, counts = {}, {}
    hidden = bool(getattr(label, "active", False))
    for table, query in _CASE_ROWS.items():
        path = out / f"{table}.parquet"
        order = ", ".join(_ORDER.get(table, _KEYS[table]))
        total = store.sql(f"SELECT count(*) FROM ({query})", {"case": case_id})[0][0]
        progress(f"export: {table}", 0, total)
        if hidden and table in _SHOWN:
            step = partial(_step, progress, f"export: {table}", total)
            counts[table] = _write_shown(store, query, case_id, path, _SHOWN[table], label, order, step)
        else:
            store.sql(f"COPY ({query} ORDER BY {order}) TO {_literal(path)} (FORMAT parquet, COMPRESSION zstd)",
                      {"case": case_id})
            counts[table] = store.sql(f"SELECT count(*) FROM read_parquet({_literal(path)})")[0][0]
        progress(f"export: {table}", counts[table], total)
        files[table] = path
    manifest = {"case": case_id, "schema_version": store.schema_version(), "rows": counts}
    if hidden:
        manifest["pseudonymised"] = True
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    files["manifest"] = out / MANIFEST
    return files


def _step(progress: Progress, description: str, total: int, rows: int) -> None:
    progress(description, rows, total)


def _write_shown(store: Store, query: str, case_id: str, path: Path, shown: dict, label, order: str,
                 step) -> int:
    """Write the rows of ``query`` to ``path`` with the columns of ``shown`` through ``label``, batch by
    batch (the store's column types kept), then in the order of their shown keys (``order``: not the
    order of the real identifiers); the rows written. ``step(rows)`` after each batch."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    reader = store.con.sql(query, params={"case": case_id}).to_arrow_reader(_BATCH)
    rows = 0
    unsorted = path.with_name(path.name + ".unsorted")
    with pq.ParquetWriter(unsorted, reader.schema, compression="zstd") as writer:
        for batch in reader:
            columns = {name: batch.column(name).to_pylist() for name in batch.schema.names}
            out = dict(columns)
            for name, how in shown.items():
                method, by = (how, None) if isinstance(how, str) else how
                if method == "own":
                    out[name] = [v if label.kept(k) else None for v, k in zip(columns[name], columns[by])]
                elif by is not None:
                    call = getattr(label, method)
                    out[name] = [call(k, v) if v is not None else None for v, k in zip(columns[name], columns[by])]
                else:
                    call = label if method == "account" else getattr(label, method)
                    out[name] = [call(v) if v is not None else None for v in columns[name]]
            writer.write_batch(pa.RecordBatch.from_pydict(out, schema=batch.schema))
            rows += batch.num_rows
            step(rows)
    try:
        store.sql(f"COPY (SELECT * FROM read_parquet({_literal(unsorted)}) ORDER BY {order}) TO {_literal(path)} "
                  "(FORMAT parquet, COMPRESSION zstd)")
    finally:
        unsorted.unlink(missing_ok=True)
    return rows


def from_parquet(store: Store, directory: str | Path) -> dict[str, int]:
    """Read a folder written by :func:`to_parquet` into ``store``; rows added per table.

    Rows whose key the store already holds are left as they are. One transaction:
    on an error the store is unchanged.

    Raises
    ------
    StoreError
        When the folder has no manifest, a file is missing, or its schema version's
        columns are not the store's.
    """
    folder = Path(directory)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{folder}: not a civicnet Parquet export ({exc})") from None
    if _columns_of(manifest.get("schema_version")) != _columns_of(store.schema_version()):
        raise StoreError(f"{folder}: exported with store schema {manifest.get('schema_version')}, "
                         f"this store has {store.schema_version()}; use the same civicnet version")
    missing = [t for t in _CASE_ROWS if not (folder / f"{t}.parquet").exists()]
    if missing:
        raise StoreError(f"{folder}: missing {', '.join(t + '.parquet' for t in missing)}")
    added = {}
    with store.atomic():
        for table in _CASE_ROWS:
            added[table] = _insert(store, table, folder / f"{table}.parquet")
    return added


def _columns_of(version):
    """The schema version whose columns ``version``'s tables have (:data:`~.schema.SAME_COLUMNS_AS`)."""
    from .schema import SAME_COLUMNS_AS

    return SAME_COLUMNS_AS.get(version, version)


def _insert(store: Store, table: str, path: Path) -> int:
    before = store.sql(f'SELECT count(*) FROM "{table}"')[0][0]
    source = f"read_parquet({_literal(path)})"
    new = " AND ".join(f"t.{k} = s.{k}" for k in _KEYS[table])
    cols = [r[0] for r in store.sql(f"SELECT column_name FROM (DESCRIBE \"{table}\")")]
    if table == "import":  # provenance rows get this store's ids
        cols.remove("id")
    names = ", ".join(cols)
    store.sql(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM {source} s '
              f'WHERE NOT EXISTS (SELECT 1 FROM "{table}" t WHERE {new})')
    return store.sql(f'SELECT count(*) FROM "{table}"')[0][0] - before
