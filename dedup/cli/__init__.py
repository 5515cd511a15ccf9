"""The ``dedup`` command: a thin shell that parses options, calls the library and formats.

Each command lives in its own module; this one only groups them. Every
``DedupError`` becomes one line on stderr and exit status 2 (see ``common``).
"""

from __future__ import annotations

import click

from dedup import __version__
from dedup.cli.compare_cmd import compare
from dedup.cli.index_cmd import index
from dedup.cli.lint_cmd import explain, lint
from dedup.cli.quotes_cmd import quotes
from dedup.cli.scan_cmd import scan

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dedup")
def cli() -> None:
    """What an article copied, from where, and what it got wrong on the way."""


for command in (compare, quotes, lint, explain, index, scan):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="dedup")
