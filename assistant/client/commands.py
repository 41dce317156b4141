"""``assistant chat``: the terminal client (interactive, or ``--once`` for scripts)."""

from __future__ import annotations

import asyncio
import sys

import click

from assistant.client.console import LineReader, Printer, line_editing
from assistant.client.session import Chat, Unreachable, interactive, once
from assistant.render.styled import wants_style

DEFAULT_URL = "ws://127.0.0.1:8000/ws"
PROMPT = "you › "


def _use_style(choice: bool | None) -> bool:
    return wants_style(sys.stdout) if choice is None else choice


@click.command()
@click.option(
    "--url",
    default=DEFAULT_URL,
    show_default=True,
    envvar="ASSISTANT_CHAT_URL",
    help="WebSocket URL of the assistant [env ASSISTANT_CHAT_URL].",
)
@click.option("--once", "question", metavar="QUESTION", help="Ask one question, print, exit.")
@click.option("--json", "raw", is_flag=True, help="Print the raw reply frames (JSON lines).")
@click.option(
    "--color/--no-color",
    default=None,
    help="Styled Markdown (default: on a terminal unless NO_COLOR is set).",
)
def chat(url: str, question: str | None, raw: bool, color: bool | None) -> None:
    """Chat with the assistant in the terminal (type a number to ask a suggestion)."""
    printer = Printer(sys.stdout, sys.stderr, styled=_use_style(color))
    try:
        if question is not None:
            status = asyncio.run(once(url, question, printer, raw=raw))
        else:
            prompt = PROMPT if sys.stdin.isatty() else ""
            with line_editing() as echo:
                chat_state = Chat(printer, raw=raw, prompt=prompt)
                status = asyncio.run(interactive(url, chat_state, LineReader(echo)))
    except Unreachable as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("", err=True)
        sys.exit(130)
    sys.exit(status)
