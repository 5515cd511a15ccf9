"""Placeholder: `dedup quotes` is being built (see the issues)."""

import click


@click.command()
def quotes() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
