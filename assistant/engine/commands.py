"""`assistant ask "question"`: answer one question in-process (no server).

On a terminal the answer is styled Markdown (rich); piped or with NO_COLOR it is plain
text with aligned tables; ``--json`` prints the Reply as JSON.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import msgspec

from assistant.engine.engine import Engine
from assistant.engine.memory import Memory
from assistant.errors import AssistantError
from assistant.paths import default_catalog_path, default_intents_dir
from assistant.render.styled import styled_console, styled_markdown, wants_style
from assistant.render.terminal import render_markdown


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
    elif wants_style(sys.stdout):
        styled_console(sys.stdout).print(styled_markdown(reply.text))
    else:
        click.echo(render_markdown(reply.text))
