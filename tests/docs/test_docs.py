"""Docs live in the repo and are checked for completeness."""

from pathlib import Path

from civicnet.cli import main
from civicnet.cli.reference import markdown

ROOT = Path(__file__).resolve().parents[2]


def _words(text: str) -> list[str]:
    return text.split()  # click versions wrap and pad help differently; the words must agree


def test_cli_reference_is_current():
    expected = markdown()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert _words(actual) == _words(expected), "docs/cli.md is stale: python -m civicnet.cli.reference > docs/cli.md"


def test_readme_names_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"civicnet {name}" in readme, f"README does not mention `civicnet {name}`"


def test_readme_quick_start_has_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert [c.split("#")[0].strip() for c in commands] == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
