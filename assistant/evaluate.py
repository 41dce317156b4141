"""PLACEHOLDER: `assistant eval` (replaced by the evaluation work)."""

import click


@click.command("eval")
def eval_command() -> None:
    """Not built yet."""
    raise click.ClickException("not built yet")
