"""The CLI reference (docs/cli.md), generated from the commands' own ``--help``.

Regenerate with ``python -m civicnet.cli.reference > docs/cli.md``; a test fails when
the file and the commands drift apart.
"""

from __future__ import annotations

import click

from . import main


def _walk(command: click.Command, path: list[str]):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _walk(command.commands[name], path + [name])


def markdown() -> str:
    """Every command's help text as one Markdown page."""
    out = ["# civicnet command reference", "",
           "Generated from `--help` (`python -m civicnet.cli.reference > docs/cli.md`).", ""]
    for path, command in _walk(main, ["civicnet"]):
        ctx = click.Context(command, info_name=" ".join(path), terminal_width=100, max_content_width=100)
        out += [f"## `{' '.join(path)}`", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
