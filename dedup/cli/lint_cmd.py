"""Placeholder: `dedup lint` and `dedup explain` are being built (see the issues)."""

import click


@click.command()
def lint() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")


@click.command()
def explain() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
