"""``assistant chat``: the terminal client (interactive, or ``--once`` for scripts)."""

from __future__ import annotations

import asyncio
import os
import sys

import click

from assistant.client.console import Printer, enable_line_editing
from assistant.client.session import Chat, Unreachable, interactive, once

DEFAULT_URL = "ws://127.0.0.1:8000/ws"


def _use_color(choice: bool | None) -> bool:
    if choice is not None:
        return choice
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


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
@click.option("--color/--no-color", default=None, help="ANSI bold (default: when on a TTY).")
def chat(url: str, question: str | None, raw: bool, color: bool | None) -> None:
    """Chat with the assistant in the terminal (type a number to ask a suggestion)."""
    printer = Printer(sys.stdout, sys.stderr, color=_use_color(color))
    try:
        if question is not None:
            status = asyncio.run(once(url, question, printer, raw=raw))
        else:
            enable_line_editing()
            prompt = "you › " if sys.stdin.isatty() else ""
            status = asyncio.run(interactive(url, Chat(printer, raw=raw, prompt=prompt)))
    except Unreachable as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("", err=True)
        sys.exit(130)
    sys.exit(status)
