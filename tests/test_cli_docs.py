"""Library, CLI and docs kept in step (sqlite-utils' rule): every command has help and a docs entry."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dedup.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    out = []
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None, name
        out.append((name, command))
        if isinstance(command, click.Group):
            out += [(f"{name} {sub}", command.get_command(ctx, sub)) for sub in command.list_commands(ctx)]
    return out


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_and_a_docs_entry(name, command):
    assert command.help and len(command.help.strip()) > 20, f"dedup {name} has no help text"
    assert f"dedup {name}" in DOCS, f"dedup {name} is not documented in README.md or docs/"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden and param.name != "help":
            assert param.help, f"dedup {name} {param.opts[0]} has no help text"


def test_group_help_lists_every_command_without_importing_them():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_unknown_command_is_exit_2():
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code == 2 and "No such command" in result.output
