"""Placeholder: `dedup scan` is being built (see the issues)."""

import click


@click.command()
def scan() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
