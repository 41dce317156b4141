"""PLACEHOLDER: `assistant ask` (replaced by the engine work)."""

import click


@click.command()
def ask() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
