"""`assistant ask "question"`: answer one question in-process (no server)."""

from __future__ import annotations

from pathlib import Path

import click
import msgspec

from assistant.engine.engine import Engine
from assistant.engine.memory import Memory
from assistant.errors import AssistantError
from assistant.paths import default_catalog_path, default_intents_dir


@click.command()
@click.argument("question")
@click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(path_type=Path),
    default=None,
    help="SQLite catalog (default: the shipped catalog.db).",
)
@click.option("--intents", "intents_dir", type=click.Path(path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the Reply as JSON.")
def ask(question: str, catalog_path: Path | None, intents_dir: Path | None, as_json: bool) -> None:
    """Answer one QUESTION from the catalog and print the reply."""
    try:
        engine = Engine.load(
            catalog_path or default_catalog_path(), intents_dir or default_intents_dir()
        )
    except AssistantError as exc:
        raise click.ClickException(str(exc)) from exc
    reply, _ = engine.respond(Memory(), question)
    if as_json:
        click.echo(msgspec.json.encode(reply).decode())
    else:
        click.echo(reply.text)
