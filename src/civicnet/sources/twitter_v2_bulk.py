"""The twitter-v2 fast path: twarc2 JSON Lines mapped on every core into Arrow batches.

For a file of JSON Lines whose first line is a twarc2 tweet page (``{"data": […],
"includes": {…}, "__twarc": …}``), a ``twarc2 stream`` line (``data`` one tweet) or a
flattened tweet, the ingest asks :class:`BulkRead`
for Arrow batches instead of records (``twitter_v2.bulk_batches``):

1. the file is cut at line ends into one contiguous range per worker (a gzip file is
   decompressed in one stream here and handed on in ranges of :data:`GZIP_RANGE_BYTES`);
2. each range is decoded and mapped in a worker process by :func:`.twitter_v2_lines.map_range`
   — the typed decoder and the one mapping, ``twitter_v2.map_record``'s own, judged by
   ``sources.map_into`` as the row path's records are by ``sources.map_one`` — into batches
   of rows, sent back as Arrow as they fill (a small file is mapped here, in one range);
3. the ingest stages the batches as they come and merges them by their order keys
   (:mod:`civicnet.store.staging`): the store is the row path's. Given the staging folder
   (:meth:`BulkRead.stage_into`), the workers write their batches there themselves, and the
   ingest adopts their files (``staged``) at the end: only the byte counts come back.

Rejected records keep the row path's locations and reasons (line numbers counted over the
ranges); a broken line is a rejected record; with ``strict`` the first reject in the file's
order is raised, as is the first line the file cannot be read past.
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from typing import Iterator

import pyarrow as pa

from ..columns import BATCH_TABLES, Batch, no_yield
from ..errors import FormatError, RejectedRecord
from ..subprocesses import start_module
from ._io import MAX_DOCUMENT_BYTES, SourceFile
from . import _text
from . import twitter_v2_worker as worker
from .twitter_v2_lines import RangeResult, map_range
from ._json import _try_parse
from .twitter_v2_types import UNSET, Line, decode_line, is_page, is_tweet, is_user, to_struct

#: Below this size a file is mapped in this process (starting workers costs ~0.3 s).
INLINE_BELOW = 48 << 20
#: A gzip file's decompressed stream is handed to the workers in ranges of about this size.
GZIP_RANGE_BYTES = 64 << 20
#: Bytes read at a time.
BLOCK_BYTES = 8 << 20
#: A batch whose rows a worker staged itself: no rows (its size is the bytes of the file it covered).
_EMPTY = tuple(pa.RecordBatch.from_arrays([pa.array([], f.type) for f in schema], schema=schema)
               for _, schema in BATCH_TABLES)  # (not from_pylist, which imports pandas)
NAME = "twitter-v2"


def applies(source: SourceFile, options: dict) -> bool:
    """True when the file's first line is a twarc2 tweet page, a ``twarc2 stream`` line or a flattened
    tweet (UTF-8, no BOM)."""
    if options.get("relation") or source.size == 0 or source.encoding not in (_text.AUTO, "utf-8"):
        return False
    first = _first_line(source)
    if not isinstance(first, Line):
        return False
    if is_page(first):  # a page of tweets, or a `twarc2 stream` line (one tweet as `data`)
        data = first.data if isinstance(first.data, list) else [first.data]
        return first.users is UNSET and all(is_tweet(d) and not is_user(d) for d in data)
    return is_tweet(first)


def _first_line(source: SourceFile):
    """The first non-blank line, decoded (a :class:`~.twitter_v2_types.Line` when it is a JSON object);
    None when it cannot be read or starts with a BOM."""
    try:
        with source.open_utf8() as fh:
            for line in iter(lambda: fh.readline(MAX_DOCUMENT_BYTES + 1), b""):
                if line.strip():
                    if line.startswith(b"\xef\xbb\xbf") or len(line) > MAX_DOCUMENT_BYTES:
                        return None
                    value = decode_line(line)
                    return value if value is not None else to_struct(_try_parse(line))
    except (FormatError, OSError):
        return None
    return None


def workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class BulkRead:
    """The fast path over one file: iterate :meth:`batches`, then read ``records_read``,
    ``rejects`` (``(location, reason, fix)`` in the file's order) and ``yielded``."""

    def __init__(self, source: SourceFile, options: dict, *, strict: bool):
        self.source, self.options, self.strict = source, options, strict
        self.records_read = 0
        self.rejects: list[tuple[str, str, str | None]] = []
        self.yielded = no_yield()
        #: (table, path) of the files the workers staged, when :meth:`stage_into` named a folder
        self.staged: list[tuple[str, str]] = []
        self._stage: str | None = None

    def stage_into(self, folder) -> None:
        """Let the workers write their batches into ``folder`` (the import's staging folder) as Arrow
        IPC files, listed in :attr:`staged` once :meth:`batches` is done; the batches it yields then
        carry no rows, only the bytes of the file they cover. A file mapped here yields its rows."""
        self._stage = str(folder)

    def batches(self) -> Iterator[Batch]:
        results: dict[int, RangeResult] = {}
        n = min(workers(), 8)
        if n < 2 or self.source.size < INLINE_BELOW or not sys.executable:
            items = map_range(0, _blocks(self.source), self.source, self.options, self.strict)
        else:
            items = _in_workers(self.source, self.options, self.strict, n, self._stage)
        for item in items:
            if isinstance(item, RangeResult):
                results[item.index] = item
            elif len(item) or item.size:
                yield item
        self._finish([results[i] for i in sorted(results)])

    def _finish(self, results: list[RangeResult]) -> None:
        """Counts and rejects over the ranges in order; the first fatal problem raised."""
        offset = 0
        for r in results:
            self.staged.extend(r.staged.items())
            self.records_read += r.records
            for key, value in r.yielded.items():
                self.yielded[key] += value
            for line, where, reason, fix in r.rejects:
                if self.strict:
                    raise RejectedRecord(self.source.path, f"line {offset + line}{where}", reason)
                self.rejects.append((f"line {offset + line}{where}", reason, fix))
            if r.fatal:
                raise FormatError(self.source.path, r.fatal[1], location=f"line {offset + r.fatal[0]}", fmt=NAME)
            offset += r.lines


def _blocks(source: SourceFile, start: int = 0, end: int | None = None) -> Iterator[bytes]:
    """The (decompressed) file's bytes from ``start`` to ``end``, in blocks."""
    if source.compressed:
        with source.open_binary() as fh:
            yield from iter(lambda: fh.read(BLOCK_BYTES), b"")
        return
    with open(source.path, "rb") as fh:
        fh.seek(start)
        left = (end if end is not None else source.size) - start
        while left > 0:
            block = fh.read(min(BLOCK_BYTES, left))
            if not block:
                return
            left -= len(block)
            yield block


def _cuts(source: SourceFile, n: int) -> list[int]:
    """Offsets cutting a plain file into ``n`` ranges of whole lines (first 0, last its size)."""
    cuts = [0]
    with open(source.path, "rb") as fh:
        for k in range(1, n):
            fh.seek(max(source.size * k // n - 1, cuts[-1]))
            fh.readline()  # to the end of the line this offset falls in
            cuts.append(max(fh.tell(), cuts[-1]))
    cuts.append(source.size)
    return cuts


# -- workers ------------------------------------------------------------------------------------

def _in_workers(source: SourceFile, options: dict, strict: bool, n: int,
                stage: str | None = None) -> Iterator[Batch | RangeResult]:
    """Batches and range results from ``n`` worker processes (:mod:`.twitter_v2_worker`), as they come
    (with ``stage``, a folder, the workers stage their rows there: the batches carry only their sizes)."""
    pool = _Pool(source, n)
    done = False
    try:
        feeder = threading.Thread(target=pool.feed, args=(options, strict, stage), daemon=True)
        feeder.start()
        finished, expected = 0, None
        while expected is None or finished < expected:
            kind, payload = pool.events.get()
            if kind == "ranges":
                expected = payload
            elif kind == "error":
                raise payload
            elif kind == "item":
                finished += isinstance(payload, RangeResult)
                yield payload
        done = True
    finally:
        pool.close(stop=done)  # an error, or the caller stopped early: the workers are ended


class _Pool:
    """Worker processes, a thread reading each one's output into ``events``, and the ranges handed out."""

    def __init__(self, source: SourceFile, n: int):
        self.source, self.n = source, n
        self.procs = [start_module("civicnet.sources.twitter_v2_worker", str(source.path),
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE) for _ in range(n)]
        self.events: queue.Queue = queue.Queue(maxsize=2 * n)
        self.busy = [0] * n
        self.idle = threading.Condition()
        self.closing = False
        for i, proc in enumerate(self.procs):
            threading.Thread(target=self._read, args=(i, proc), daemon=True).start()

    def feed(self, options: dict, strict: bool, stage: str | None = None) -> None:
        """Hand each range to an idle worker (a plain file: one range each); then say how many there were."""
        count = 0
        try:
            if self.source.compressed:
                for count, data in enumerate(_gzip_ranges(self.source), 1):
                    self._send(self._idle_worker(), (count - 1, None, None, options, strict, stage), data)
            else:
                cuts = _cuts(self.source, self.n)
                for count in range(1, self.n + 1):
                    self._send(count - 1, (count - 1, cuts[count - 1], cuts[count], options, strict, stage))
        except FormatError as exc:  # broken gzip data: the row path fails there too
            self._put(("error", exc))
        except (OSError, _Closing):  # a worker's pipe closed (its reader reports why), or closing
            return
        self._put(("ranges", count))

    def _put(self, event: tuple) -> None:
        """Put an event for the parent, unless the pool is closing (then nobody takes it)."""
        while not self.closing:
            try:
                return self.events.put(event, timeout=0.2)
            except queue.Full:
                pass

    def _idle_worker(self) -> int:
        with self.idle:
            self.idle.wait_for(lambda: self.closing or min(self.busy) == 0)
            if self.closing:
                raise _Closing
            return self.busy.index(0)

    def _send(self, i: int, task: tuple, data: bytes | None = None) -> None:
        with self.idle:
            self.busy[i] += 1
        stdin = self.procs[i].stdin
        worker.write(stdin, worker.TASK, pickle.dumps(task))
        if data is not None:
            worker.write(stdin, worker.TASK, data)
        stdin.flush()

    def _read(self, i: int, proc) -> None:
        while True:
            kind, payload = worker.read(proc.stdout)
            if kind == worker.BATCH:
                self._put(("item", worker.batch_of(payload)))
            elif kind == worker.STAGED:
                self._put(("item", Batch(*_EMPTY, worker.staged_size(payload))))
            elif kind == worker.OS_ERROR:
                self._put(("error", worker.os_error(payload)))
                break
            elif kind == worker.RESULT:
                self._put(("item", pickle.loads(payload)))
                with self.idle:
                    self.busy[i] -= 1
                    self.idle.notify_all()
            else:
                break
        code = proc.wait()
        if not self.closing and kind != worker.OS_ERROR and (kind == worker.CRASH or code):
            detail = payload.decode(errors="replace") if kind == worker.CRASH else f"exit status {code}"
            self._put(("error", RuntimeError(f"an import worker failed ({detail.strip().splitlines()[-1]}); "
                                             "is the machine out of memory?")))

    def close(self, stop: bool) -> None:
        """End the workers: told to stop when their work is done, else killed."""
        self.closing = True
        with self.idle:
            self.idle.notify_all()
        for proc in self.procs:
            try:
                if stop:
                    worker.write(proc.stdin, worker.STOP)
                    proc.stdin.close()
                else:
                    proc.kill()
            except OSError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class _Closing(Exception):
    """The pool closed while the feeder waited for an idle worker."""


def _gzip_ranges(source: SourceFile) -> Iterator[bytes]:
    """The decompressed stream in ranges of whole lines."""
    parts, size = [], 0
    for block in _blocks(source):
        parts.append(block)
        size += len(block)
        if size >= GZIP_RANGE_BYTES:
            pending = b"".join(parts)
            cut = pending.rfind(b"\n") + 1
            parts, size = ([pending[cut:]], len(pending) - cut) if cut else ([pending], len(pending))
            if cut:
                yield pending[:cut]
    if size:
        yield b"".join(parts)
