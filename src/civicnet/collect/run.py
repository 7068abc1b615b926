"""Collecting a case: fill its period once, or keep watching, then import.

For every ``collect:`` entry, one run:

1. *backfill* — unless finished before, walk the period from the newest message to
   the oldest, continuing from the saved cursor; at most ``max_pages`` pages a run
   (run again to go on);
2. *sweep* — when a previous run set a watermark and the period is still open, fetch
   what is newer than the watermark.

Pages are written to a new part file, committed to ``state.json`` when the part is
closed — also when the run fails or is stopped half-way, so the next run continues
after the last page written and no page is written twice. Each run appends its
record to ``manifest.jsonl``. Then the case is imported through
:func:`civicnet.store.ingest_case` with the parts added to its sources.

With ``watch=True`` the collector then polls the open entries every ``interval``
seconds (sweeps only) and imports whenever something new arrived, until ``stop``
is set. In watch mode a failing poll of one entry (network, server, rate limit) is
reported and retried at the next poll; a refused credential ends the watch.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson

from .. import __version__
from ..case import Case, load_case
from ..errors import CaseFileError, CivicnetError, CollectError, InputError
from ..progress import Progress, silent
from . import bluesky, facebook, mastodon, x
from .base import KEEP, Job
from .credentials import Credentials
from .cursors import load_state
from .http import Clock, Stopped
from .plan import folder_of, with_collected
from .spec import CollectSpec, parse_collect
from .writer import PartWriter, append_manifest, next_part_number, page_hash, page_line, remove_partials

PLATFORMS = {"mastodon": mastodon, "bluesky": bluesky, "x": x, "facebook": facebook}
DEFAULT_INTERVAL = 300.0
MIN_INTERVAL = 10.0
MANIFEST_SCHEMA = "civicnet.collect-manifest/1"


@dataclass
class EntryReport:
    """What collecting one entry did (summed over the fill and every poll)."""

    name: str
    label: str
    folder: str
    pages_fetched: int = 0
    pages_written: int = 0
    items: int = 0
    requests: int = 0
    waited_seconds: float = 0.0
    parts: list[str] = field(default_factory=list)
    complete: bool = False
    outcome: str | None = None


@dataclass
class CollectReport:
    """What :func:`collect` did: per entry, the imports, the polls."""

    case_id: str
    entries: list[EntryReport]
    imports: list = field(default_factory=list)
    polls: int = 0
    stopped: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def messages_added(self) -> int:
        return sum(r.messages_added for r in self.imports)

    def as_dict(self) -> dict:
        out = asdict(self)
        out["imports"] = [r.as_dict() for r in self.imports]
        out["messages_added"] = self.messages_added
        return out


def collect(
    case: Case | str | Path, *, watch: bool = False, interval: float = DEFAULT_INTERVAL, progress: Progress = silent,
    stop: threading.Event | None = None, transport=None, store=None, clock: Clock | None = None,
    env=None, ingest: bool = True,
) -> CollectReport:
    """Collect the case's ``collect:`` entries, import them, and optionally keep watching.

    Parameters
    ----------
    case : a loaded case or the path of its YAML file.
    watch : keep polling for new messages until ``stop`` is set.
    interval : seconds between polls (at least 10).
    progress : ``progress(description, pages, max_pages)`` callback.
    stop : set it (e.g. on Ctrl-C) to end waits and polls cleanly.
    transport : an ``httpx`` transport (tests pass ``httpx.MockTransport``).
    store : a :class:`~civicnet.store.Store`, a path, or None for the case's default store.
    clock : time and sleeping (tests pass a fake clock).
    env : where credentials are looked up (default: the environment, then the keyring).
    ingest : import after collecting (default True).

    Returns
    -------
    CollectReport

    Raises
    ------
    CaseFileError : the case has no valid ``collect:`` entries.
    CredentialsError, PermissionDenied : a credential is missing, refused or too weak.
    CollectError : the platform failed (after retries); what was collected is kept.
    """
    case = case if isinstance(case, Case) else load_case(case)
    specs = parse_collect(case)
    if not specs:
        raise CaseFileError(case.path, "`collect` lists nothing to collect; add entries "
                            "{platform, kind, account|query|post} (see docs/collect.md)")
    clock, stop = clock or Clock(), stop or threading.Event()
    if watch:
        if interval < MIN_INTERVAL:
            raise InputError(f"--interval must be at least {MIN_INTERVAL:g} seconds (be polite to the platforms)")
        if not any(s.is_open(clock.now()) for s in specs):
            raise CaseFileError(case.path, "nothing to watch: every entry's period has ended (or is a follower list); "
                                "remove `period.end` or set it in the future")
    credentials = Credentials(env)
    entries = [_Entry(case, s, credentials, clock, stop, transport, progress) for s in specs]
    report = CollectReport(case.id, [e.report for e in entries])
    try:
        for entry in entries:
            if stop.is_set():
                break
            entry.run(fill=True)
        if ingest:
            _ingest(case, specs, store, progress, report)
        if watch:
            def imports() -> None:
                if ingest:
                    _ingest(case, specs, store, progress, report)

            _watch(entries, report, interval, clock, stop, imports)
    finally:
        for entry in entries:
            entry.close()
    report.stopped = stop.is_set()
    return report


def _watch(entries: list["_Entry"], report: CollectReport, interval: float, clock: Clock, stop: threading.Event,
           imports) -> None:
    """Poll the open entries every ``interval`` seconds until ``stop``; import what is new."""
    while not stop.is_set():
        entries[0].progress("waiting for the next poll", 0, None)
        if not clock.sleep(interval, stop):
            return
        report.polls += 1
        written = sum(_poll(e, report) for e in entries if e.spec.is_open(clock.now()))
        if written:
            imports()


def _poll(entry: "_Entry", report: CollectReport) -> int:
    try:
        return entry.run(fill=False)
    except InputError:
        raise
    except CollectError as exc:
        report.errors.append(str(exc))
        return 0


@contextmanager
def _open_store(store, case: Case):
    from ..store import Store, default_store_path

    if isinstance(store, Store):
        yield store
        return
    opened = Store(store or default_store_path(case.path))
    try:
        yield opened
    finally:
        opened.close()


def _ingest(case: Case, specs: list[CollectSpec], store, progress: Progress, report: CollectReport) -> None:
    from ..store import ingest_case

    full = with_collected(case, specs)
    if not full.sources:
        return
    with _open_store(store, case) as opened:
        reports = ingest_case(full, opened, progress=progress)
    report.imports.extend(r for r in reports if not r.skipped_unchanged)


class _Entry:
    """One entry across the fill and the polls: its client, folder and report."""

    def __init__(self, case, spec: CollectSpec, credentials, clock, stop, transport, progress):
        self.spec, self.credentials, self.clock, self.stop = spec, credentials, clock, stop
        self.transport, self.progress = transport, progress
        self.module = PLATFORMS[spec.platform]
        self.folder = folder_of(case, spec)
        self.client = None
        self.report = EntryReport(spec.name, spec.label, str(self.folder))

    def close(self) -> None:
        if self.client is not None:
            self.client.close()

    def run(self, fill: bool) -> int:
        """One run (the fill, or a poll); the number of pages written."""
        if self.client is None:
            self.client = self.module.client(self.spec, self.credentials, transport=self.transport, clock=self.clock,
                                             stop=self.stop)
        remove_partials(self.folder)
        state = load_state(self.folder, self.spec.identity(), self.spec.period(), self.spec.where)
        job = Job(self.spec, self.client, state, self.clock.now())
        writer = PartWriter(self.folder, next_part_number(self.folder))
        before = {"cursor": state.cursor, "newest": state.newest, "requests": len(self.client.requests),
                  "written": self.report.pages_written, "waited": self.client.waited, "at": job.now}
        outcome = "complete"
        try:
            self.module.prepare(job)
            if fill:
                swept = state.newest is not None and self.spec.is_open(job.now)
                if not state.done:
                    outcome = self._walk(job, self.module.backfill(job), writer, backfill=True)
                if swept and outcome == "complete":
                    self._walk(job, self.module.sweep(job), writer, backfill=False)
            else:
                self._walk(job, self.module.sweep(job), writer, backfill=False)
        except Stopped:
            outcome = "stopped"
        except BaseException as exc:
            outcome = f"failed: {self.client.scrub(str(exc)) if isinstance(exc, CivicnetError) else type(exc).__name__}"
            raise
        finally:
            self._commit(state, writer, before, outcome, fill)
        return self.report.pages_written - before["written"]

    def _walk(self, job: Job, pages, writer: PartWriter, backfill: bool) -> str:
        state, n = job.state, 0
        try:
            for page in pages:
                n += 1
                self.report.pages_fetched += 1
                self.report.items += page.items
                if page.write:
                    line = page_line(page.body)
                    digest = page_hash(line)
                    if digest not in state.hashes:
                        writer.write(line)
                        state.hashes.append(digest)
                        self.report.pages_written += 1
                if backfill:
                    state.started = True
                    if page.cursor is not KEEP:
                        state.cursor = page.cursor
                if page.newest is not KEEP:
                    state.newest = page.newest
                self.progress(self.spec.label, n, self.spec.max_pages)
                if n >= self.spec.max_pages and (page.cursor is not KEEP or not backfill):
                    return "max_pages"
        finally:
            pages.close()
        if backfill:
            state.done, state.cursor = True, None
        return "complete"

    def _commit(self, state, writer: PartWriter, before: dict, outcome: str, fill: bool) -> None:
        now = self.clock.now().isoformat(timespec="seconds")
        part = writer.close(now)
        if part:
            state.parts.append(part)
            self.report.parts.append(part["file"])
        state.save()
        requests = self.client.requests[before["requests"]:]
        self.report.requests += len(requests)
        self.report.waited_seconds += self.client.waited - before["waited"]
        self.report.complete = state.done
        self.report.outcome = outcome
        if not requests and not part:
            return
        if not fill and not part and outcome == "complete":
            return  # an empty poll: nothing to audit
        record = {
            "schema": MANIFEST_SCHEMA, "entry": self.spec.where, "name": self.spec.name,
            "asked": {**self.spec.identity(), "period": self.spec.period(), "max_pages": self.spec.max_pages,
                      "page_size": self.spec.page_size},
            "mode": "fill" if fill else "poll", "started_at": before["at"].isoformat(timespec="seconds"),
            "finished_at": now, "civicnet_version": __version__,
            "credential": self.client.auth.source if self.client.auth else None,
            "requests": requests, "pages_written": part["pages"] if part else 0,
            "part": part["file"] if part else None, "sha256": part["sha256"] if part else None,
            "cursor_before": before["cursor"], "cursor_after": state.cursor,
            "newest_before": before["newest"], "newest_after": state.newest, "outcome": outcome,
        }
        append_manifest(self.folder, orjson.loads(self.client.scrub(orjson.dumps(record, default=str).decode())))
