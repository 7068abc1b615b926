"""Every registered format is documented in docs/formats.md and listed by `civicnet formats`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.sources import NOT_DETECTED, REGISTRY

DOC = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def _sections() -> dict[str, str]:
    """Format name -> the text of its `## `name`` section."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## `([^`]+)`\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


@pytest.fixture(scope="module")
def listed() -> dict[str, dict]:
    result = CliRunner().invoke(main, ["formats", "--json"])
    assert result.exit_code == 0, result.output
    return {row["format"]: row for row in json.loads(result.output)}


@pytest.mark.parametrize("name", list(REGISTRY))
def test_format_has_a_section_with_an_example(name):
    sections = _sections()
    assert name in sections, f"docs/formats.md has no section '## `{name}`'"
    assert f"format: {name}" in sections[name], f"the {name} section shows no case-file example"


@pytest.mark.parametrize("name", list(REGISTRY))
def test_civicnet_formats_lists_it(name, listed):
    assert name in listed, f"`civicnet formats` omits {name}"
    row = listed[name]
    assert row["how_to_export"] and row["title"]
    assert row["example"].startswith("- {format: " + name)
    assert row["detected"] is (name not in NOT_DETECTED)


def test_no_section_for_an_unknown_format():
    assert set(_sections()) <= set(REGISTRY)


def test_plain_listing_names_every_format():
    result = CliRunner().invoke(main, ["formats"])
    assert result.exit_code == 0, result.output
    for name in REGISTRY:
        assert re.search(rf"^{re.escape(name)}\s", result.output, flags=re.M), name
    assert "detected only in the known layouts (twarc-csv)" in result.output
