"""The CLI reference (docs/cli.md), generated from the commands' own ``--help``.

Regenerate with ``python -m civicnet.cli.reference > docs/cli.md``; a test fails when
the file and the commands drift apart.
"""

from __future__ import annotations

import click

from . import main


def _walk(command: click.Command, path: list[str], parent: click.Context | None = None):
    """Each command with its context, parents first (sub-commands inherit the group's settings)."""
    settings = {"terminal_width": 100, "max_content_width": 100, **command.context_settings}
    ctx = click.Context(command, info_name=path[-1], parent=parent, **settings)
    yield path, command, ctx
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _walk(command.commands[name], path + [name], ctx)


def markdown() -> str:
    """Every command's help text as one Markdown page."""
    out = ["# civicnet command reference", "",
           "Generated from `--help` (`python -m civicnet.cli.reference > docs/cli.md`).", ""]
    for path, command, ctx in _walk(main, ["civicnet"]):
        out += [f"## `{' '.join(path)}`", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
