"""PLACEHOLDER: the `assistant catalog` command (replaced by the feature's own work)."""

import click


@click.group()
def catalog() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
