"""Importing a case's files into the store: detected, mapped, upserted, recorded.

The whole ingest of a case is one transaction: when any file cannot be read as its
format the store is left exactly as it was. Inside a readable file, a record that
cannot be stored is skipped and counted with its reason (``strict=True`` makes it
fatal); a file of which every record is rejected is an input error
(:class:`~civicnet.errors.AllRejected`). A file already imported for the case (same
sha256 and format) is skipped: re-importing changes nothing.

Each file's :class:`ImportReport` says what it held (records read and rejected, and
the messages, accounts and ties its records gave), how it was read (encoding, the
order of day and month) and, in ``warnings``, what a user must know
(:mod:`.import_warnings`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..case import Case
from ..columns import Rows, no_yield
from ..errors import AllRejected, OptionError, RejectedRecord, SourceNotFound, saying
from ..progress import Progress, silent
from .. import sources
from ..sources import SourceFile
from .db import Store
from . import spark_records
from .reject_reasons import fix_text, location_text, reason_text

#: Records of the row path staged at a time.
BATCH_RECORDS = 20_000
MAX_REJECTS_KEPT = 1_000
PROGRESS_EVERY = 2_000


@dataclass
class ImportReport:
    """What importing one file did."""

    path: str
    format: str
    format_detected: bool
    sha256: str
    size_bytes: int
    records_read: int = 0
    records_rejected: int = 0
    messages_added: int = 0
    accounts_added: int = 0
    interactions_added: int = 0
    rejects: list[dict] = field(default_factory=list)
    reject_reasons: dict[str, int] = field(default_factory=dict)
    skipped_unchanged: bool = False
    imported_at: str | None = None
    #: messages, accounts and ties the file's records gave (whether or not the store had them)
    yielded: dict[str, int] = field(default_factory=dict)
    #: how the file was read: ``encoding``, ``date_order`` ({order, basis, example}), ``delimiter``, ``cut_last``
    reading: dict = field(default_factory=dict)
    #: the fix for each reject reason, where one is known
    fixes: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def warnings(self) -> list:
        """What a user must know about this import (:class:`~.import_warnings.ImportWarning`)."""
        from .import_warnings import warnings_of

        return warnings_of(self.as_dict())


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def register_case(store: Store, case: Case) -> None:
    store.sql(
        """INSERT INTO "case" VALUES (?, ?, ?, now()::TIMESTAMP)
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, definition = excluded.definition,
           updated_at = excluded.updated_at""",
        [case.id, case.title, json.dumps(case.raw, default=str)],
    )


def plan(case: Case) -> list[tuple[SourceFile, str, bool, dict]]:
    """Check every source before anything is written: it exists, and its format is known."""
    planned = []
    for spec in case.sources:
        if spec.path.is_dir():
            raise OptionError(spec.path, f"is a folder (named in {case.path}); name the export file itself")
        if not spec.path.is_file():
            raise SourceNotFound(spec.path, case.path)
        source = SourceFile(spec.path, encoding=spec.options.get("encoding"), language=case.language)
        if spec.format:
            sources.check_declared(source, spec.format)
            planned.append((source, spec.format, False, spec.options))
        else:
            planned.append((source, sources.detect(source), True, spec.options))
    return planned


def ingest_case(case: Case, store: Store, *, strict: bool = False, progress: Progress = silent) -> list[ImportReport]:
    """Import every source of ``case`` into ``store``; one report per file."""
    planned = plan(case)
    # the import's memory limit; one transaction, whose failed commit (a full disk) is reported as
    # itself, not as a failed rollback
    with store.importing(), store.atomic():
        register_case(store, case)
        spark_records.load(store, case)  # a case imported on Spark: its records into the store first
        reports = [
            _ingest_file(store, case.id, source, fmt, detected, options, strict, progress)
            for source, fmt, detected, options in planned
        ]
        store.resolve_handles()
        store.collapse_edits(case.id)
    return reports


def _already_imported(store: Store, case_id: str, sha: str, fmt: str) -> bool:
    return bool(store.sql("SELECT count(*) FROM import WHERE case_id = ? AND sha256 = ? AND format = ?",
                          [case_id, sha, fmt])[0][0])


def _same_size_imported(store: Store, case_id: str, size: int, fmt: str) -> bool:
    """Whether the case has an import of this format and size (only such a file can be the same)."""
    return bool(store.sql("SELECT count(*) FROM import WHERE case_id = ? AND size_bytes = ? AND format = ?",
                          [case_id, size, fmt])[0][0])


def _ingest_file(store, case_id, source: SourceFile, fmt, detected, options, strict, progress) -> ImportReport:
    report = ImportReport(path=str(source.path), format=fmt, format_detected=detected, sha256="",
                          size_bytes=source.size)
    with ThreadPoolExecutor(1) as pool:
        # a file can only be one already imported if an import has its size: then hash first;
        # else hash on the other core while importing (hashlib releases the GIL)
        sha = pool.submit(sha256_of, source.path)
        if _same_size_imported(store, case_id, source.size, fmt) and _already_imported(store, case_id, sha.result(), fmt):
            report.sha256, report.skipped_unchanged = sha.result(), True
            return report
        _import_file(store, case_id, source, fmt, options, strict, progress, report)
        report.sha256 = sha.result()
    _record_import(store, case_id, report)
    return report


def _import_file(store, case_id, source: SourceFile, fmt, options, strict, progress, report: ImportReport) -> None:
    before = store.table_counts()
    module = sources.get(fmt)
    label = f"{source.path.name} ({fmt})"
    progress(label, 0, source.size)
    with store.staging(case_id) as staging:
        if getattr(module, "bulk_applies", None) is not None and module.bulk_applies(source, options):
            _ingest_bulk(staging, source, module, options, strict, report, lambda n: progress(label, n, source.size))
        else:
            _ingest_rows(staging, source, module, options, strict, report, progress, label)
        check_not_all_rejected(source, report)
        staging.finish()
    report.reading = _reading(source)
    progress(label, source.size, source.size)
    after = store.table_counts()
    report.accounts_added = after["account"] - before["account"]
    report.messages_added = after["message"] - before["message"]
    report.interactions_added = after["interaction"] - before["interaction"]
    report.imported_at = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


def check_not_all_rejected(source: SourceFile, report: ImportReport) -> None:
    """Raise :class:`~civicnet.errors.AllRejected` when every record of the file was rejected."""
    if report.records_read and report.records_rejected == report.records_read:
        reason, count = next(iter(report.reject_reasons.items()))
        first = next((r["location"] for r in report.rejects if r["reason"] == reason), None)
        fix = report.fixes.get(reason)
        error = AllRejected(source.path, report.records_rejected, reason, count, first, fix)
        where = f", eerst op {location_text(first, 'nl')}" if first else ""
        todo = (f"; oplossing: {fix_text(fix, 'nl')}" if fix
                else "; kijk `format:` en de opties van de bron na (zie `civicnet formats`)")
        raise saying(error, nl=f"{source.path}: alle records afgewezen ({report.records_rejected}); meest voorkomende "
                               f"reden ({count}×{where}): {reason_text(reason, 'nl')}{todo}")


def _ingest_bulk(staging, source, module, options, strict, report: ImportReport, progress) -> None:
    """The module's fast path: its Arrow batches staged as they come (or by its workers, where it can)."""
    bulk = module.bulk_batches(source, options, strict=strict)
    if hasattr(bulk, "stage_into"):
        bulk.stage_into(staging.folder)
    done = 0
    batches = bulk.batches()
    try:
        for batch in batches:
            if len(batch):
                staging.add(batch)
            done += batch.size
            progress(min(done, source.size))
    finally:
        batches.close()  # an import that stops here (an error, Ctrl-C) ends the workers before its staged files go
    staging.adopt(getattr(bulk, "staged", ()))
    report.records_read, report.yielded = bulk.records_read, bulk.yielded
    report.fixes = {}
    for _, reason, fix in bulk.rejects:
        if fix and reason not in report.fixes:
            report.fixes[reason] = fix
    _record_rejects(report, [(loc, why) for loc, why, _ in bulk.rejects])


def _reading(source: SourceFile) -> dict:
    out = {"encoding": source.encoding_used()}
    for key in ("date_order", "delimiter", "cut_last"):
        if key in source.notes:
            out[key] = source.notes[key]
    return {k: v for k, v in out.items() if v is not None}


class _Rejects:
    """The rejected records of a file: (location, reason) and the fix of each reason."""

    def __init__(self, source: SourceFile, strict: bool):
        self.source, self.strict = source, strict
        self.items: list[tuple[str, str]] = []
        self.fixes: dict[str, str] = {}

    def add(self, location: str, reason: str, fix: str | None = None) -> None:
        if self.strict:
            raise RejectedRecord(self.source.path, location, reason)
        self.items.append((location, reason))
        if fix and reason not in self.fixes:
            self.fixes[reason] = fix


def _ingest_rows(staging, source, module, options, strict, report, progress, label) -> None:
    n, yielded, rejects = read_rows(staging, source, module, options, strict, progress, label)
    report.records_read = n
    report.yielded = yielded
    report.fixes = rejects.fixes
    _record_rejects(report, rejects.items)


def read_rows(staging, source, module, options, strict, progress=silent, label=""):
    """The row path: every raw record of ``source`` mapped (:func:`civicnet.sources.map_one`) and
    staged with ``staging.add_rows``; ``(records read, what they yielded, the rejects)``.
    The spark engine reads each part of a file with it too (:mod:`civicnet.spark.reading`)."""
    rows = Rows()
    rejects = _Rejects(source, strict)
    yielded = no_yield()
    n = 0
    try:
        for raw in module.iter_raw(source, options):
            n += 1
            mapped = sources.map_one(module, raw)
            if isinstance(mapped, sources.Broken):
                rejects.add(raw.location, mapped.reason, mapped.fix)
                continue
            rows.add(mapped)
            if len(rows) >= BATCH_RECORDS:
                rows.tally(yielded)
                staging.add_rows(rows)
                rows = Rows()
            if n % PROGRESS_EVERY == 0:
                progress(label, source.position, source.size)
    except RecursionError:
        raise source.error("nested too deeply", fmt=module.NAME) from None
    except UnicodeDecodeError as exc:
        raise source.error(f"cannot decode byte {exc.start} of the file ({exc.reason}); name its encoding in the "
                           "source entry, e.g. `encoding: windows-1252`", fmt=module.NAME) from None
    rows.tally(yielded)
    staging.add_rows(rows)
    return n, yielded, rejects


def _record_rejects(report: ImportReport, rejects: list[tuple[str, str]]) -> None:
    report.records_rejected = len(rejects)
    report.rejects = [{"location": loc, "reason": why} for loc, why in rejects[:MAX_REJECTS_KEPT]]
    report.reject_reasons = dict(Counter(why for _, why in rejects).most_common())


def _record_import(store: Store, case_id: str, r: ImportReport) -> None:
    store.sql(
        """INSERT INTO import (case_id, path, format, format_detected, sha256, size_bytes, imported_at,
               records_read, records_rejected, messages_added, accounts_added, interactions_added, rejects)
           VALUES (?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?, ?, ?, ?, ?, ?)""",
        [
            case_id, r.path, r.format, r.format_detected, r.sha256, r.size_bytes, r.imported_at,
            r.records_read, r.records_rejected, r.messages_added, r.accounts_added, r.interactions_added,
            json.dumps({"rejects": r.rejects, "reasons": r.reject_reasons, "fixes": r.fixes, "yielded": r.yielded,
                        "reading": r.reading}),
        ],
    )


def import_reports(store: Store, case_id: str) -> list[dict]:
    """Every import recorded for the case, oldest first."""
    rows = store.con.execute(
        """SELECT path, format, format_detected, sha256, size_bytes, imported_at, records_read,
                  records_rejected, messages_added, accounts_added, interactions_added, rejects
           FROM import WHERE case_id = ? ORDER BY id""",
        [case_id],
    ).fetchall()
    cols = ["path", "format", "format_detected", "sha256", "size_bytes", "imported_at", "records_read",
            "records_rejected", "messages_added", "accounts_added", "interactions_added", "rejects"]
    out = []
    for row in rows:
        d = dict(zip(cols, row))
        d["imported_at"] = d["imported_at"].isoformat(timespec="seconds") if d["imported_at"] else None
        d["rejects"] = json.loads(d["rejects"]) if d["rejects"] else {"rejects": [], "reasons": {}}
        for key in ("fixes", "yielded", "reading"):
            d[key] = d["rejects"].pop(key, {})
        out.append(d)
    return out
