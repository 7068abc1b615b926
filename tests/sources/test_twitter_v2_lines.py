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


def _generated(tmp_path, n: int):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("gen", Path(__file__).parents[2] / "benchmarks" / "generate_twarc2.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    return gen.generate(n, tmp_path / "gen.jsonl", seed=5)


def _account_rows(path) -> tuple[int, int]:
    """(account rows, users counted in ``yielded``) of mapping the whole file as one range."""
    from civicnet.sources._io import SourceFile
    from civicnet.sources.twitter_v2_bulk import _blocks

    source = SourceFile(path)
    rows, result = 0, None
    for item in twitter_v2_lines.map_range(0, _blocks(source), source, {}, False):
        if isinstance(item, RangeResult):
            result = item
        else:
            rows += item.accounts.num_rows
    return rows, result.yielded["accounts"]


def test_users_remembered_by_fingerprint_give_one_row_per_account_as_objects_do(tmp_path, monkeypatch):
    path = _generated(tmp_path, 3000)
    by_object = _account_rows(path)
    monkeypatch.setattr(twitter_v2_lines, "OBJECT_MEMORY", 0)
    assert _account_rows(path) == by_object
    ids = {u["id"] for line in path.read_text().splitlines() for u in __import__("json").loads(line)["includes"]["users"]}
    assert by_object[0] == len(ids) < by_object[1]  # the generator repeats each user unchanged: one row each
    monkeypatch.setattr(twitter_v2_lines, "USER_MEMORY", 50)  # forgotten every 50 ids: rows again, counted the same
    forgetting = _account_rows(path)
    assert forgetting[0] > len(ids) and forgetting[1] == by_object[1]


def test_fingerprint_tells_objects_apart_by_value_and_type():
    from civicnet.sources.twitter_v2_lines import fingerprint
    from civicnet.sources.twitter_v2_types import decode_line

    def obj(text: str):
        return decode_line(('{"data": [], "includes": {"users": [%s]}}' % text).encode()).includes.users[0]

    same = fingerprint(obj('{"id": "1", "username": "a", "name": "A"}'))
    assert same == fingerprint(obj('{"name": "A", "id": "1", "username": "a"}')) and len(same) == 16
    others = ['{"id": "1", "username": "a", "name": "B"}', '{"id": 1, "username": "a", "name": "A"}',
              '{"id": "1", "username": "a", "name": null}', '{"id": "1", "username": "b", "name": "A"}',
              '{"id": "1", "username": "a", "name": "A", "public_metrics": {"followers_count": 1}}',
              '{"id": "1", "username": "a", "name": "A", "public_metrics": {"followers_count": 1.0}}']
    prints = [fingerprint(obj(o)) for o in others]
    assert same not in prints and len(set(prints)) == len(prints)
    # a field absent and null decode alike (the Struct's default), as msgspec's own comparison has them
    assert fingerprint(obj('{"id": "1", "username": "a"}')) == fingerprint(obj('{"id": "1", "username": "a", "name": null}'))
