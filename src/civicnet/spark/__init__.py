"""The spark engine: a case's per-message work as Spark jobs, the account graph on the driver.

``civicnet run CASE.yaml --engine spark [--spark-master URL]`` and
``civicnet.analyse(case, engine="spark", spark_master=None, spark_data=None)`` analyse a case
on a :class:`~civicnet.spark.scope.SparkScope`: every measure runs unchanged, its DuckDB SQL
translated to Spark SQL (:mod:`civicnet.spark.translate`), its term counts made per partition
(:mod:`civicnet.spark.terms`); what needs the whole graph gets the aggregated edges as Arrow
and runs on the driver with igraph. The outputs are the same files, with the same contents
(tests/spark). The design and its measurements: docs/design.md, docs/scale.md.

pyspark is the optional ``spark`` extra (``pip install 'civicnet[spark]'``), with a Java
runtime (17 or newer); :func:`civicnet.spark.session.available` says what is missing.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from ..case import Case
    from ..store.db import Store
    from .scope import SparkScope

__all__ = ["spark_scope", "staging_folder"]


def staging_folder(store: "Store", case: "Case") -> Path | None:
    """Where the case's records are exported for Spark: ``spark/<case id>/`` beside the store file
    (None for a store in memory: a temporary folder then)."""
    if str(store.path) == ":memory:":
        return None
    return store.path.parent / "spark" / case.id


@contextmanager
def spark_scope(store: "Store", case: "Case", *, master: str | None = None,
                data: str | None = None, strict: bool = False) -> Iterator["SparkScope"]:
    """The case's :class:`~civicnet.spark.scope.SparkScope` on the Spark session of ``master``.

    ``data``: a folder or URL with the case's Parquet export (``civicnet export --parquet``);
    None imports the case's sources on Spark first (:func:`civicnet.spark.ingest.import_case`,
    ``strict`` as the import takes it) into :func:`staging_folder`.
    """
    from .session import spark_session

    session = spark_session(master)  # first: says what is missing (pyspark, Java) before anything else
    from .ingest import import_case
    from .scope import SparkScope

    temporary = None
    if data is None:
        folder = staging_folder(store, case)
        if folder is None:
            folder = Path(temporary := tempfile.mkdtemp(prefix="civicnet-spark-"))
        data = str(folder.resolve())
        try:
            import_case(store, case, session, data, strict=strict)
        except BaseException:
            if temporary:
                shutil.rmtree(temporary, ignore_errors=True)
            raise
    try:
        with SparkScope(store, case, session, data) as scope:
            yield scope
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
