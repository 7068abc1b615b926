"""Worker process of the twitter-v2 fast path (:mod:`.twitter_v2_bulk`).

``python -m civicnet.sources.twitter_v2_worker PATH`` reads tasks from standard input —
each a range of the file ``PATH`` (start and end offsets) or a range's bytes (a gzip file's
decompressed stream) — maps each with :func:`.twitter_v2_lines.map_range` and writes what it
gives to standard output as it comes: Arrow batches (IPC streams) and, per range, its
:class:`~.twitter_v2_lines.RangeResult`. A separate interpreter, not ``multiprocessing``: that
would run the parent's ``__main__`` script again in every worker.

Frames (both directions): a kind byte and a little-endian length, then that many bytes.
"""

from __future__ import annotations

import gc
import pickle
import struct
import sys
import traceback
from typing import BinaryIO

import pyarrow as pa

from ..columns import Batch

_HEAD = struct.Struct("<cQ")
TASK, BATCH, RESULT, CRASH, STOP = b"T", b"B", b"R", b"C", b"S"


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
            index, start, end, options, strict = pickle.loads(payload)
            blocks = _blocks(source, start, end) if start is not None else iter([read(tasks)[1]])
            for item in map_range(index, blocks, source, options, strict):
                if isinstance(item, RangeResult):
                    write(out, RESULT, pickle.dumps(item))
                elif len(item):
                    write(out, BATCH, batch_bytes(item))
            out.flush()
    except BaseException:
        write(out, CRASH, traceback.format_exc().encode())
        out.flush()
        raise


if __name__ == "__main__":
    main(sys.argv[1:])
