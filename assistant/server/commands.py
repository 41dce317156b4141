"""PLACEHOLDER: the `assistant serve` command (replaced by the feature's own work)."""

import click


@click.command()
def serve() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
