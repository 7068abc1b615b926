"""Worker process of the twitter-v2 fast path (:mod:`.twitter_v2_bulk`).

``python -m civicnet.sources.twitter_v2_worker PATH`` reads tasks from standard input —
each a range of the file ``PATH`` (start and end offsets) or a range's bytes (a gzip file's
decompressed stream) — maps each with :func:`.twitter_v2_lines.map_range` and writes what it
gives to standard output as it comes: Arrow batches (IPC streams) and, per range, its
:class:`~.twitter_v2_lines.RangeResult`. A task that names a staging folder has its batches
written there instead, one Arrow IPC file per table and range (:class:`StagedRange`, read by
:mod:`civicnet.store.staging`), and only each batch's byte count sent (for progress): the rows
never pass through the parent (benchmarks/RESULTS.md, "the workers stage their own rows"). A
separate interpreter, not ``multiprocessing``: that would run the parent's ``__main__`` script
again in every worker.

Frames (both directions): a kind byte and a little-endian length, then that many bytes.
"""

from __future__ import annotations

import gc
import os
import pickle
import struct
import sys
import traceback
from typing import BinaryIO

import pyarrow as pa

from ..columns import BATCH_TABLES, Batch
from ..disk import naming

_HEAD = struct.Struct("<cQ")
TASK, BATCH, RESULT, CRASH, STOP, STAGED, OS_ERROR = b"T", b"B", b"R", b"C", b"S", b"P", b"O"
_SIZE = struct.Struct("<Q")


def write(out: BinaryIO, kind: bytes, payload: bytes = b"") -> None:
    out.write(_HEAD.pack(kind, len(payload)))
    out.write(payload)


def read(fh: BinaryIO) -> tuple[bytes, bytes]:
    """The next frame's kind and payload; ``(b"", b"")`` at the end of the stream."""
    head = fh.read(_HEAD.size)
    if len(head) < _HEAD.size:
        return b"", b""
    kind, size = _HEAD.unpack(head)
    payload = fh.read(size)
    if len(payload) < size:
        return b"", b""
    return kind, payload


def batch_bytes(batch: Batch) -> bytes:
    """A batch as its byte count and three Arrow IPC streams, each with its length."""
    parts = []
    for part in batch[:3]:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, part.schema) as writer:
            writer.write_batch(part)
        parts.append(sink.getvalue().to_pybytes())
    return struct.pack("<4Q", batch.size, *map(len, parts)) + b"".join(parts)


def batch_of(payload: bytes) -> Batch:
    size, *lengths = struct.unpack_from("<4Q", payload)
    view, at, parts = memoryview(payload), 32, []
    for n in lengths:
        parts.append(pa.ipc.open_stream(pa.py_buffer(view[at:at + n])).read_next_batch())
        at += n
    return Batch(*parts, size)


class StagedRange:
    """A range's rows written into a staging folder: per table an Arrow IPC file (the file format, as
    :class:`civicnet.store.staging.Staging` writes its own), opened at its first rows."""

    def __init__(self, folder: str, index: int):
        self.folder, self.index = folder, index
        self._writers: dict = {}
        self.paths: dict[str, str] = {}

    def write(self, batch: Batch) -> None:
        for (table, schema), part in zip(BATCH_TABLES, batch[:3]):
            if part.num_rows:
                path = os.path.join(self.folder, f"{table}-{self.index}.arrow")
                with naming(path):  # a full disk names the staged file (beside the store: the store's disk)
                    writer = self._writers.get(table)
                    if writer is None:
                        writer = self._writers[table] = pa.ipc.new_file(path, schema)
                        self.paths[table] = path
                    writer.write_batch(part)

    def close(self) -> dict[str, str]:
        """Close the files; table → path of each file written."""
        writers, self._writers = self._writers, {}
        for table, writer in writers.items():
            with naming(self.paths[table]):
                writer.close()
        return self.paths


def os_error(payload: bytes) -> OSError:
    """The error an :data:`OS_ERROR` frame carries, to raise in the parent."""
    number, words, filename = pickle.loads(payload)
    return OSError(number, words, filename) if number is not None else OSError(words)


def staged_size(payload: bytes) -> int:
    """The bytes of the file a :data:`STAGED` frame's batch covered."""
    return _SIZE.unpack(payload)[0]


def main(argv: list[str]) -> None:
    from ._io import SourceFile
    from .twitter_v2_bulk import _blocks
    from .twitter_v2_lines import RangeResult, map_range

    gc.disable()  # mapping makes millions of small objects and no reference cycles
    source = SourceFile(argv[0])
    tasks, out = sys.stdin.buffer, sys.stdout.buffer
    try:
        while True:
            kind, payload = read(tasks)
            if kind != TASK:
                return
            index, start, end, options, strict, stage = pickle.loads(payload)
            blocks = _blocks(source, start, end) if start is not None else iter([read(tasks)[1]])
            staged = StagedRange(stage, index) if stage is not None else None
            for item in map_range(index, blocks, source, options, strict):
                if isinstance(item, RangeResult):
                    if staged is not None:
                        item.staged = staged.close()
                    write(out, RESULT, pickle.dumps(item))
                elif not len(item):
                    continue
                elif staged is not None:
                    staged.write(item)
                    write(out, STAGED, _SIZE.pack(item.size))
                    out.flush()  # the parent shows progress as the batches are written
                else:
                    write(out, BATCH, batch_bytes(item))
            out.flush()
    except OSError as exc:  # a full disk under the staging folder, an unreadable file: the parent raises it
        write(out, OS_ERROR, pickle.dumps((exc.errno, exc.strerror or str(exc), exc.filename)))
        out.flush()
        sys.exit(1)  # said by the parent, in one line: no traceback on the terminal
    except BaseException:
        write(out, CRASH, traceback.format_exc().encode())
        out.flush()
        raise


if __name__ == "__main__":
    main(sys.argv[1:])
