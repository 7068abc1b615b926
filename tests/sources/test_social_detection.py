"""Detection by the twitter-v1, facebook-graph, crowdtangle and 4cat importers.

Every real fixture in /work/shared/fixtures is either claimed by the format it was cut
from or by none of these four (in particular, no twitter-v2 file is claimed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _social_helpers import FIXTURES, SHARED_FIXTURES, detected

from civicnet.sources import SourceFile, crowdtangle, facebook_graph, fourcat, twitter_v1
from civicnet.sources import Sample

MINE = (twitter_v1, facebook_graph, crowdtangle, fourcat)
PREFIXES = {
    "twitter_v1.1_": "twitter-v1", "twitter_v2_": "twitter-v2", "facebook_graph_": "facebook-graph",
    "mastodon_": "mastodon", "bluesky_": "bluesky", "collect_x_": "twitter-v2",
}


def expected_format(name: str) -> str:
    for prefix, fmt in PREFIXES.items():
        if name.startswith(prefix):
            return fmt
    raise AssertionError(f"no expected format for fixture {name}; add its prefix to PREFIXES")


def fixtures() -> list[Path]:
    folder = SHARED_FIXTURES if SHARED_FIXTURES.is_dir() else FIXTURES
    return sorted(p for p in folder.iterdir() if p.suffix in (".json", ".jsonl"))


@pytest.mark.parametrize("path", fixtures(), ids=lambda p: p.name)
def test_fixture_claimed_by_its_format_or_by_none_of_mine(path):
    expected = expected_format(path.name)
    sample = Sample.of(SourceFile(path))
    for module in MINE:
        score = module.detect(sample)
        if module.NAME == expected:
            assert score > 0, f"{module.NAME} does not recognise its own fixture {path.name}"
        else:
            assert score == 0, f"{module.NAME} claims {path.name} ({expected}) with {score}"
    if expected in {m.NAME for m in MINE}:
        assert detected(path) == expected


@pytest.mark.parametrize("content", [
    b"", b"   \n", b"\x00\x01binary", b"plain text, not data\n", b'{"data": [{"id": "1", "text": "v2 tweet", "author_id": "2"}], "meta": {}}',
    b'{"id": "1", "content": "<p>mastodon</p>", "account": {"id": "2"}, "created_at": "2023-01-01T00:00:00Z"}',
    b"Vertex 1,Vertex 2,Relationship\na,b,Mentions\n",
])
def test_other_inputs_not_claimed(tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    sample = Sample.of(SourceFile(path))
    assert all(module.detect(sample) == 0 for module in MINE)
