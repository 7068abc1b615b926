"""The fast path's line splitting (twitter_v2_lines._lines): whole lines however the blocks cut them."""

import random

import pytest

from civicnet.sources import twitter_v2_lines
from civicnet.sources.twitter_v2_lines import RangeResult, _lines


def reference(data: bytes, limit: int):
    """Lines numbered from 1 with their newline, and the number of the first line over ``limit`` bytes
    (without its newline), if any: a plain split, independent of the code under test."""
    lines, fatal = [], None
    for n, line in enumerate(data.splitlines(keepends=True), 1):
        if len(line.rstrip(b"\n")) > limit:
            fatal = n
            break
        lines.append((n, line))
    return lines, fatal


def cut(data: bytes, rng: random.Random) -> list[bytes]:
    blocks, at = [], 0
    while at < len(data):
        size = rng.choice((1, 2, 3, 7, 50, 1000))
        blocks.append(data[at:at + size])
        at += size
    return blocks


@pytest.mark.parametrize("seed", range(40))
def test_lines_are_whole_however_the_blocks_cut_them(seed, monkeypatch):
    rng = random.Random(seed)
    limit = 60
    monkeypatch.setattr(twitter_v2_lines, "MAX_DOCUMENT_BYTES", limit)
    lengths = [rng.choice((0, 1, 5, 30, 59, 60)) for _ in range(rng.randint(1, 30))]
    if seed % 4 == 0:
        lengths.insert(rng.randint(0, len(lengths)), rng.choice((61, 62, 200)))  # one line over the limit
    data = b"".join(b"x" * n + b"\n" for n in lengths)
    if seed % 3 == 0:
        data += b"tail without newline"[: rng.randint(1, 20)]
    expected, fatal = reference(data, limit)
    result = RangeResult(0)
    got = list(_lines(cut(data, rng), result))
    assert got == expected
    assert (result.fatal[0] if result.fatal else None) == fatal
