"""The spark engine's import: a case's export files read, mapped and merged by Spark jobs.

``civicnet run CASE.yaml --engine spark`` imports with :func:`import_case` instead of the
store's :func:`civicnet.store.ingest.ingest_case`:

1. the case's sources are checked on the driver as the DuckDB import checks them
   (:func:`civicnet.store.ingest.plan`: the file exists, its format is declared or detected);
2. the files are cut into parts (:mod:`civicnet.spark.reading`: JSON Lines by lines, everything
   else one file per task) and each part is read and mapped by the import's own row path
   inside a Spark task (``mapInArrow``);
3. each file's report is put together from its parts' reports (records read, rejects and
   their reasons, what the records yielded, how the file was read); the first input error of a
   part, in the order of the files, is raised as the DuckDB import raises it, and so is a file
   whose every record was rejected (:func:`civicnet.store.ingest.check_not_all_rejected`);
4. the records are merged per key by the store's rules, once, in Spark SQL (:data:`MERGE`):
   of accounts and messages the last present value of each column wins, in the order of the
   files and of the records in them (what :mod:`civicnet.store.staging` does in a file and
   :meth:`~civicnet.store.db.Store.upsert_records` across files); ``collected`` is or-ed; of
   interactions the first of a key wins; then handles are resolved and edits collapsed as
   :meth:`~civicnet.store.db.Store.resolve_handles` and
   :meth:`~civicnet.store.db.Store.collapse_edits` do;
5. the records are written as the Parquet layout :mod:`civicnet.spark.tables` reads (one
   folder per store table, the store's column names and types), and the imports are recorded
   in the driver's store (``import``, ``case``: provenance, warnings, the pseudonym salt), in
   one transaction.

The records are not written to the DuckDB store: a case imported on Spark is analysed on
Spark. A case's records are the records of its files (a store that several cases share merges
a record's values across cases; here only the case's own files count).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from ..case import Case
from ..columns import YIELDED
from ..sources import _text, get
from ..sources._json import is_json_lines
from ..store.db import ACCOUNT_COLUMNS, INTERACTION_COLUMNS, MESSAGE_COLUMNS, Store
from ..store.import_warnings import require_content
from ..store.ingest import (MAX_REJECTS_KEPT, ImportReport, _already_imported, _record_import, check_not_all_rejected,
                            plan, register_case, sha256_of)
from .reading import (FILE_SHIFT, MAX_PARTS, PART_BYTES, REPORT, SPLIT_FORMATS, TABLES, WIDE_DDL, Part, line_starts,
                      reader, unpack_error)

__all__ = ["import_case"]

_UTF8 = (_text.AUTO, "utf-8", "utf-8-sig")


def import_case(store: Store, case: Case, session, folder: str | Path, *, strict: bool = False,
                part_bytes: int = PART_BYTES) -> list[ImportReport]:
    """Import ``case``'s sources on Spark into the Parquet folder ``folder``; one report per file.

    Raises what the DuckDB import raises for the same files (:class:`~civicnet.errors.InputError`
    and its kinds), and :class:`~civicnet.errors.InputError` when the sources hold neither
    messages nor ties; the store is then left as it was.
    """
    planned = plan(case)
    spark = session.newSession()
    spark.conf.set("spark.sql.shuffle.partitions", str(shuffle_partitions(spark, sum(s.size for s, *_ in planned))))
    with ThreadPoolExecutor(1) as pool:
        shas = pool.submit(lambda: [sha256_of(source.path) for source, *_ in planned])
        parts = split(spark, planned, case.language, strict, part_bytes)
        mapped = spark.range(len(parts), numPartitions=max(1, len(parts))).mapInArrow(reader(parts), WIDE_DDL)
        mapped = mapped.persist()
        try:
            reports = file_reports(mapped, planned)
            counts = write_records(spark, mapped, case.id, str(folder), reports)
        finally:
            mapped.unpersist()
        for report, sha in zip(reports, shas.result()):
            report.sha256 = sha
    _record(store, case, reports)
    require_content(store, case, counts)  # after the record: its warnings say why there is nothing
    return reports


#: Bytes of export files per shuffle partition of the merge: on one machine every extra task costs
#: more than it saves below this (as :data:`civicnet.spark.tables.MESSAGES_PER_PARTITION`).
BYTES_PER_PARTITION = 256 << 20


def shuffle_partitions(spark, size: int) -> int:
    """Partitions for the merge's shuffles: one per :data:`BYTES_PER_PARTITION` of the case's files,
    at most twice the cores Spark has."""
    cores = spark.sparkContext.defaultParallelism
    return max(1, min(2 * cores, -(-size // BYTES_PER_PARTITION)))


def split(spark, planned, language: str, strict: bool, part_bytes: int) -> list[Part]:
    """The Spark tasks' parts of the planned files (:mod:`civicnet.spark.reading`), in file order."""
    parts, ranges = [], []
    for i, (source, fmt, _, options) in enumerate(planned):
        module = get(fmt)
        fast = getattr(module, "bulk_applies", None) is not None and module.bulk_applies(source, options)
        common = dict(path=str(source.path.resolve()), fmt=fmt, options=options, encoding=source.encoding_option,
                      language=language, strict=strict, fast=bool(fast))
        if not _splits(source, fmt, part_bytes):
            parts.append(Part(i, 0, **common))
            continue
        step = max(part_bytes, -(-source.size // MAX_PARTS))
        for k, start in enumerate(range(0, source.size, step)):
            parts.append(Part(i, k, start=start, stop=min(source.size, start + step), **common))
            ranges.append((len(parts) - 1, common["path"], start, min(source.size, start + step)))
    if ranges:  # the number of each part's first line: a first job counts the line starts of each range
        counts = spark.sparkContext.parallelize(ranges, len(ranges)).map(lambda r: (r[0], line_starts(*r[1:]))).collect()
        starts = dict(counts)
        line = 1
        for n, part in enumerate(parts):
            if n in starts:
                if part.part == 0:
                    line = 1
                parts[n] = Part(**{**part.__dict__, "first_line": line})
                line += starts[n]
    return parts


def _splits(source, fmt: str, part_bytes: int) -> bool:
    """Whether a file is cut into parts: a JSON Lines file of a format that reads lines on their own,
    plain UTF-8, larger than one part."""
    return (fmt in SPLIT_FORMATS and source.size > part_bytes and not source.compressed
            and source.encoding in _UTF8 and is_json_lines(source, fmt))


def file_reports(mapped, planned) -> list[ImportReport]:
    """Each file's report from its parts' reports; the first input error (by file, then part) raised,
    and a file whose every record was rejected refused (as the DuckDB import does)."""
    rows = sorted(mapped.where(f"t = {REPORT}").select("ord", "report", "error").collect(), key=lambda r: r[0])
    by_file: dict[int, list] = {}
    for ord_, report, error in rows:
        by_file.setdefault(ord_ >> FILE_SHIFT, []).append((report, error))
    reports = []
    for i, (source, fmt, detected, _) in enumerate(planned):
        found = by_file.get(i, [])
        for _, error in found:
            if error is not None:
                raise unpack_error(error)
        report = merge_parts(ImportReport(path=str(source.path), format=fmt, format_detected=detected, sha256="",
                                          size_bytes=source.size), [json.loads(r) for r, _ in found])
        check_not_all_rejected(source, report)
        reports.append(report)
    return reports


def merge_parts(report: ImportReport, parts: list[dict]) -> ImportReport:
    """``report`` filled from its file's parts (in order) as one reading of the whole file fills it:
    the first 1,000 rejects, every reason counted and ordered by count, then by first place."""
    report.records_read = sum(p["records_read"] for p in parts)
    report.yielded = {k: sum(p["yielded"].get(k, 0) for p in parts) for k in YIELDED}
    report.fixes = {}
    reasons: dict[str, list] = {}
    rejects = []
    for n, part in enumerate(parts):
        for reason, fix in part["fixes"].items():
            report.fixes.setdefault(reason, fix)
        for reason, (count, first) in part["reasons"].items():
            reasons.setdefault(reason, [0, (n, first)])[0] += count
        rejects += part["rejects"][:MAX_REJECTS_KEPT - len(rejects)]
    report.records_rejected = sum(count for count, _ in reasons.values())
    report.rejects = [{"location": loc, "reason": why} for loc, why in rejects]
    report.reject_reasons = {r: c for r, (c, _) in sorted(reasons.items(), key=lambda kv: (-kv[1][0], kv[1][1]))}
    report.reading = parts[0]["reading"] if parts else {}
    return report


def _columns(prefix: str, names) -> list[str]:
    return ["ord"] + [f"`{prefix}{n}` AS `{n}`" for n in names]


def _last_present(names) -> str:
    return ", ".join(f"max_by(`{n}`, CASE WHEN `{n}` IS NOT NULL THEN ord END) AS `{n}`" for n in names)


#: The store's merge rules over the mapped rows of all the case's files (views ``st_account``,
#: ``st_message``, ``st_interaction``: the store tables' columns and ``ord``), as Spark SQL.
MERGE = {
    "account": f"""SELECT platform, id, {_last_present(ACCOUNT_COLUMNS[2:])}, min(ord) AS first_ord
                   FROM st_account GROUP BY platform, id""",
    "message_merged": f"""SELECT platform, id, {_last_present(MESSAGE_COLUMNS[2:])}, bool_or(collected) AS collected,
                          min(ord) AS first_ord FROM st_message GROUP BY platform, id""",
    # collapse_edits: of an edited message only the latest collected version stays collected
    "message": """SELECT * EXCEPT (was_collected, later), was_collected AND NOT later AS collected FROM (
                    SELECT * EXCEPT (collected), collected AS was_collected,
                           collected AND edit_group IS NOT NULL AND row_number() OVER (
                        PARTITION BY platform, edit_group, collected AND edit_group IS NOT NULL
                        ORDER BY length(id) DESC, id DESC) > 1 AS later
                    FROM message_merged)""",
    "interaction_first": f"""SELECT r.*, first_ord FROM (
                               SELECT min_by(struct({', '.join(f'`{n}`' for n in INTERACTION_COLUMNS)}), ord) AS r,
                                      min(ord) AS first_ord
                               FROM st_interaction GROUP BY key)""",
    # resolve_handles: a target known only by handle gets the id of the account with that handle
    "interaction": f"""SELECT {', '.join('coalesce(i.target_account, h.id) AS target_account' if n == 'target_account'
                                         else f'i.`{n}`' for n in INTERACTION_COLUMNS)}, i.first_ord
                       FROM interaction_first i LEFT JOIN (
                           SELECT platform, lower(handle) AS h, min(id) AS id FROM account
                           WHERE handle IS NOT NULL GROUP BY platform, lower(handle)) h
                       ON i.target_account IS NULL AND h.platform = i.platform AND h.h = lower(i.target_handle)""",
}

#: The Parquet tables written, as queries over the merged views (``{cid}``: the case id).
OUTPUTS = {
    "account": f"SELECT {', '.join(ACCOUNT_COLUMNS)} FROM account",
    "message": f"SELECT {', '.join(MESSAGE_COLUMNS)} FROM message",
    "interaction": f"SELECT {', '.join(INTERACTION_COLUMNS)} FROM interaction",
    "case_account": "SELECT {cid} AS case_id, platform, id FROM account",
    "case_message": "SELECT {cid} AS case_id, platform, id, collected FROM message",
    "case_interaction": "SELECT {cid} AS case_id, key FROM interaction",
}


def write_records(spark, mapped, case_id: str, folder: str, reports: list[ImportReport]) -> tuple[int, int]:
    """Merge the mapped rows by the store's rules and write the case's tables as Parquet under
    ``folder``; fills each report's ``*_added`` (the keys its file gave first) and returns the
    case's (collected messages, ties)."""
    for tag, prefix, schema in TABLES:
        table = ("account", "message", "interaction")[tag]
        names = [f.name for f in schema if f.name != "o"]
        mapped.where(f"t = {tag}").selectExpr(*_columns(prefix, names)).createOrReplaceTempView(f"st_{table}")
    cached = []
    for name, query in MERGE.items():
        frame = spark.sql(query)
        if name in ("account", "message", "interaction"):
            frame = frame.persist()
            cached.append(frame)
        frame.createOrReplaceTempView(name)
    try:
        cid = "'" + case_id.replace("\\", "\\\\").replace("'", "\\'") + "'"
        base = folder.rstrip("/")
        for name, query in OUTPUTS.items():
            spark.sql(query.replace("{cid}", cid)).write.mode("overwrite").parquet(f"{base}/{name}.parquet")
        added = spark.sql(f"""
            SELECT 'account', first_ord >> {FILE_SHIFT}, count(*), 0 FROM account GROUP BY 2 UNION ALL
            SELECT 'message', first_ord >> {FILE_SHIFT}, count(*), count_if(collected) FROM message GROUP BY 2 UNION ALL
            SELECT 'interaction', first_ord >> {FILE_SHIFT}, count(*), 0 FROM interaction GROUP BY 2""").collect()
    finally:
        for frame in cached:
            frame.unpersist()
    for table, file, count, _ in added:
        setattr(reports[file], f"{table}s_added", count)
    messages = sum(collected for table, _, _, collected in added if table == "message")
    ties = sum(count for table, _, count, _ in added if table == "interaction")
    return messages, ties


def _record(store: Store, case: Case, reports: list[ImportReport]) -> None:
    """Record the case and its imports in the store (one transaction); a file already imported for
    the case (same sha256 and format) is not recorded again, as in the DuckDB import."""
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")
    with store.atomic():
        register_case(store, case)
        for report in reports:
            if _already_imported(store, case.id, report.sha256, report.format):
                report.skipped_unchanged = True
                continue
            report.imported_at = now
            _record_import(store, case.id, report)
