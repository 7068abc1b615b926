"""The Python API behind ``import civicnet`` (re-exported there; see docs/api.md)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .case import Case, load_case
from .progress import Progress, silent
from .reports.outputs import write_outputs
from .store import Store, default_store_path

if TYPE_CHECKING:
    from .analysis import CaseAnalysis

__all__ = ["analyse", "case_info", "export_parquet", "load_case", "open_store", "write_outputs"]

CaseLike = Case | str | Path
StoreLike = Store | str | Path | None


def _case(case: CaseLike, *, sources: bool = True) -> Case:
    """A loaded case (a path is loaded); with ``sources``, with its collected sources added and every
    source checked (exists, known format) before any store is created or changed."""
    from .collect import with_collected
    from .store.ingest import plan

    loaded = case if isinstance(case, Case) else load_case(case)
    if not sources:
        return loaded
    loaded = with_collected(loaded)
    plan(loaded)
    return loaded


@contextmanager
def open_store(case: Case, store: StoreLike = None, *, read_only: bool = False) -> Iterator[Store]:
    """The store to use for ``case``: ``store`` itself when it is an open :class:`~civicnet.store.Store`
    (left open), else the DuckDB file at ``store`` or, by default, ``.civicnet/store.duckdb``
    next to the case file (closed at the end of the block)."""
    if isinstance(store, Store):
        yield store
        return
    with Store(store or default_store_path(case.path), read_only=read_only) as opened:
        yield opened


def analyse(case: CaseLike, store: StoreLike = None, *, strict: bool = False,
            progress: Progress = silent, engine: str = "duckdb", spark_master: str | None = None,
            spark_data: str | None = None) -> "CaseAnalysis":
    """Import the case's sources when needed and analyse it.

    Parameters
    ----------
    case
        a :class:`~civicnet.case.Case` or the path of its case file.
    store
        an open :class:`~civicnet.store.Store`, the path of its DuckDB file, or None for
        ``.civicnet/store.duckdb`` next to the case file.
    strict
        stop at the first record that cannot be stored (:class:`~civicnet.errors.RejectedRecord`).
    progress
        called as ``progress(description, done, total)`` per stage (``run: ingest`` …).
    engine
        ``"duckdb"`` (the default: everything in the store's DuckDB) or ``"spark"``: the
        per-message work runs as Spark jobs and the account graph on this machine
        (:mod:`civicnet.spark`, docs/scale.md); the same figures and files.
    spark_master
        with ``engine="spark"``: the Spark master (default ``local[2]``, or the session
        ``spark-submit`` started).
    spark_data
        with ``engine="spark"``: where Spark reads the case's records, a folder or URL holding
        ``civicnet export --parquet`` files (object storage on a cluster); by default the case's
        sources are read and mapped on Spark (:mod:`civicnet.spark.ingest`) into
        ``.civicnet/spark/<case>/`` beside the store, which records the imports only.

    Returns
    -------
    CaseAnalysis
        every figure of the case: ``.summary`` (summary.json), ``.networks[kind]``,
        ``.messages`` …; write its files with :func:`write_outputs`.

    Raises
    ------
    civicnet.errors.InputError
        the case file or one of its sources cannot be read (the store is left as it was), or its
        sources hold neither messages nor ties.
    """
    from .analysis import analyse_case
    from .reports.run import STAGES, stage_progress
    from .store import ingest_case
    from .store.import_warnings import require_content

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    loaded = _case(case)
    with open_store(loaded, store) as opened:
        progress("run: ingest", 0, len(STAGES))
        if engine != "spark" or spark_data is not None:  # else the spark engine imports on Spark
            ingest_case(loaded, opened, strict=strict)
            require_content(opened, loaded)  # sources that hold nothing to analyse: say why, analyse nothing
        with _scope(opened, loaded, engine, spark_master, spark_data, strict) as scope:
            return analyse_case(scope, stage_progress(progress, "analyse"))


#: The engines :func:`analyse` runs a case on.
ENGINES = ("duckdb", "spark")


def _scope(store: Store, case: Case, engine: str, spark_master: str | None, spark_data: str | None,
           strict: bool = False):
    """The case's scope on ``engine``: the store's own, or a Spark scope over its records as Parquet
    (imported on Spark, or read from ``spark_data``)."""
    if engine == "duckdb":
        return store.case(case)
    from .spark import spark_scope

    return spark_scope(store, case, master=spark_master, data=spark_data, strict=strict)


def case_info(case: CaseLike, store: StoreLike = None) -> dict:
    """What the store holds for the case, and its import report (``civicnet info``); the store is
    opened read-only."""
    from .store.info import case_info as info

    loaded = _case(case, sources=False)
    with open_store(loaded, store, read_only=True) as opened:
        return info(opened, loaded)


def export_parquet(case: CaseLike, directory: str | Path, store: StoreLike = None, *,
                   pseudonymise: bool = False, progress: Progress = silent) -> dict[str, Path]:
    """The case's store tables as Parquet files in ``directory`` (``civicnet export --parquet``); table → file.

    ``pseudonymise``: citizens' identifiers, names, message ids, texts and links as ``run --pseudonymise``
    shows them, interaction keys as salted digests, citizens' profile texts left out (the store is then
    opened writable, to make its pseudonym salt the first time). ``progress``: called with
    ``export: <table>``, the rows written and the table's rows."""
    from .reports.pseudonym import labeller
    from .store.db import no_store
    from .store.export import to_parquet
    from .store.spark_records import shown

    loaded = _case(case, sources=False)
    if pseudonymise and not isinstance(store, Store):  # opened writable: never make a store to say it is empty
        path = Path(store or default_store_path(loaded.path))
        if not path.exists():
            raise no_store(path)
    with open_store(loaded, store, read_only=not pseudonymise) as opened, shown(opened, loaded):
        label = labeller(opened, loaded, pseudonymise)
        return to_parquet(opened, loaded.id, directory, label, progress=progress)
