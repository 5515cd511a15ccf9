"""Placeholder: `dedup index` is being built (see the issues)."""

import click


@click.command()
def index() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
