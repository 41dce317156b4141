"""PLACEHOLDER: `assistant ask` and `assistant eval` (replaced by the engine work)."""

import click


@click.command()
def ask() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")


@click.command("eval")
def eval_command() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
