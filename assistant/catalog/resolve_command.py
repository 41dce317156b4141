"""PLACEHOLDER: `assistant catalog resolve` (replaced by the resolver work)."""

import click


@click.command()
@click.argument("text")
def resolve(text: str) -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
