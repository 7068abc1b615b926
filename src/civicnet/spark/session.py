"""The Spark session civicnet's spark engine runs on (``civicnet run --engine spark``).

:func:`spark_session` starts (or reuses) a session on ``master`` — ``local[2]`` by default,
both cores of this machine; a cluster's URL (``spark://host:7077``, ``yarn``, ``k8s://…``)
or whatever ``spark-submit`` set up when civicnet runs inside it. pyspark is the optional
``spark`` extra (``pip install 'civicnet[spark]'``) and needs a Java runtime (17 or newer).

The session is set to compare with DuckDB: times in UTC, NULL for a division by zero or a
failed cast (ANSI mode off), few shuffle partitions (a case's aggregates are small), no
web UI; in local mode the JVM's heap is a quarter of the machine's memory (:func:`local_memory`). Settings a user gives to ``spark-submit --conf`` win over these.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..errors import EngineError, MissingDependency

#: The master when none is given: both cores of this machine.
DEFAULT_MASTER = "local[2]"

#: Session settings civicnet needs (set unless the user's own configuration sets them).
SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
}
#: Spark's log configuration for the driver's JVM (errors only), shipped beside this module.
LOG_CONFIG = Path(__file__).with_name("log4j2.properties")


def available() -> str | None:
    """None when the spark engine can run here, else what is missing (one sentence)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed: pip install 'civicnet[spark]'"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return ("the spark engine needs a Java runtime (17 or newer): "
                "apt-get install openjdk-17-jre-headless, or set JAVA_HOME")
    return None


def require() -> None:
    """Raise the typed error for what the spark engine lacks here (nothing when it can run)."""
    missing = available()
    if missing is None:
        return
    if missing.startswith("pyspark"):
        raise MissingDependency("the spark engine (--engine spark)", "spark")
    raise EngineError(missing)


#: The share of the machine's memory the local-mode JVM may use for its heap.
LOCAL_MEMORY_SHARE = 0.25


def local_memory() -> str:
    """``spark.driver.memory`` in local mode: a quarter of the machine's memory, at least 1 GB
    (Spark's default), at most 32 GB."""
    from ..store.db import machine_memory

    gigabytes = int((machine_memory() or 4 << 30) * LOCAL_MEMORY_SHARE) >> 30
    return f"{min(32, max(1, gigabytes))}g"


def spark_session(master: str | None = None):
    """The Spark session on ``master`` (default :data:`DEFAULT_MASTER`), started on first use.

    Raises
    ------
    MissingDependency
        pyspark is not installed.
    EngineError
        Java is missing, or the session cannot start (Spark's own words kept).
    """
    require()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master in (None, active.sparkContext.master):
        return active
    master = master or DEFAULT_MASTER
    builder = SparkSession.builder.appName("civicnet").master(master)
    for key, value in SETTINGS.items():
        builder = builder.config(key, value)
    if master.startswith("local"):
        # pyspark starts its Python workers with $PYSPARK_PYTHON (else "python3"): on one machine,
        # this interpreter, which has civicnet and its dependencies
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # in local mode the driver's JVM is the executor too: Spark's default heap (1 GB) spills the
        # import's rows and the case's cached tables to disk from a few hundred thousand messages on
        builder = builder.config("spark.driver.memory", local_memory())
        # the driver's JVM starts here: its start-up notices stay off the terminal (a cluster's own
        # log configuration, from spark-submit, is left alone)
        builder = builder.config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()}")
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # pyspark's gateway errors: Java missing or too old, bad master URL
        raise EngineError(f"the spark engine could not start Spark on {master}: {exc}") from exc
    session.sparkContext.setLogLevel("FATAL")  # failed statements raise in Python; no JSON logs
    return session
