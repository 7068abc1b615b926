"""The DuckDB store every stage reads: schema, migrations and idempotent ingest."""

from .db import Store, default_store_path
from .ingest import ImportReport, ingest_case

__all__ = ["Store", "default_store_path", "ImportReport", "ingest_case"]
