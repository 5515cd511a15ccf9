"""The ``dedup`` command: a thin shell that parses options, calls the library and formats.

Each command lives in its own module, imported only when that command runs:
``dedup lint`` in a pre-commit hook should not pay for scikit-learn's import
when it never aligns. Every ``DedupError`` becomes one line on stderr and exit
status 2 (see ``common``).
"""

from __future__ import annotations

import importlib

import click

from dedup import __version__

__all__ = ["COMMANDS", "cli", "main"]

# command name -> (module, attribute, one-line help shown by `dedup --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "compare": ("dedup.cli.compare_cmd", "compare", "Compare SOURCE with COPY: reused passages, quotes checked, findings."),
    "quotes": ("dedup.cli.quotes_cmd", "quotes", "List the quotations in an article and who they are attributed to."),
    "lint": ("dedup.cli.lint_cmd", "lint", "Check drafts (spelling, names; with --against, reuse, quotes, attribution)."),
    "explain": ("dedup.cli.lint_cmd", "explain", "Explain a lint rule: what it means, an example, how to fix or silence it."),
    "index": ("dedup.cli.index_cmd", "index", "Manage a persistent archive index (add, remove, stats)."),
    "scan": ("dedup.cli.scan_cmd", "scan", "Find every pair of articles sharing text; write reports and an index page."),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), attr)
        if not isinstance(command, click.Command):  # pragma: no cover - a wiring mistake
            raise TypeError(f"{module}.{attr} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List commands from the table, so `dedup --help` imports none of them."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, _, summary) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dedup")
def cli() -> None:
    """What an article copied, from where, and what it got wrong on the way."""


def main() -> None:
    cli(prog_name="dedup")
