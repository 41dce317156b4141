"""PLACEHOLDER: the `assistant chat` command (replaced by the feature's own work)."""

import click


@click.command()
def chat() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
