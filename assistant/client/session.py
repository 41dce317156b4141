"""The chat loops: ``interactive`` (prompt, answers, numbered suggestions) and ``once``.

Interactive: read a line, send it, print the answer, repeat; a bare number asks that
suggestion of the last answer; ``/quit`` or end of input (Ctrl-D) leaves with status 0.
The connection task reconnects underneath; a fatal connection error ends the session.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from assistant.client.connection import MAX_FRAME, OPEN_TIMEOUT, Connection
from assistant.client.console import LineReader, Printer
from assistant.client.frames import (
    ServerFrame,
    as_reply,
    decode_server_frame,
    frame_text,
    message_frame,
    polite_error,
)

QUIT_COMMANDS = frozenset({"/quit", "/exit", "/q"})
HINT = (
    "Ask about AI models, e.g. 'is gpt-4o open source?'."
    " A suggestion's number asks it; /quit or Ctrl-D leaves."
)
# What a failed connection attempt raises when retrying will not help (bad URL, refusal).
CONNECT_ERRORS = (OSError, TimeoutError, InvalidHandshake, InvalidURI)
T = TypeVar("T")


class Unreachable(Exception):
    """The server could not be reached or refused the WebSocket."""


def pick_suggestion(text: str, suggestions: tuple[str, ...]) -> str | None:
    """The suggestion a bare number refers to, or None when ``text`` is not one."""
    if text.isdigit() and 1 <= int(text) <= len(suggestions):
        return suggestions[int(text) - 1]
    return None


async def _race(work: Coroutine[Any, Any, T], runner: asyncio.Task[None]) -> T:
    """Await ``work`` unless the connection task ends first (then re-raise its error)."""
    task = asyncio.ensure_future(work)
    await asyncio.wait({task, runner}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        return task.result()
    task.cancel()
    runner.result()
    raise Unreachable("the connection ended")


class Chat:
    """State of an interactive session: the printer, output mode and last suggestions."""

    def __init__(self, printer: Printer, *, raw: bool, prompt: str) -> None:
        self.printer = printer
        self.raw = raw
        self.prompt = prompt
        self.suggestions: tuple[str, ...] = ()

    def question(self, line: str) -> str:
        """What to ask for an input line (a number picks a suggestion)."""
        chosen = pick_suggestion(line, self.suggestions)
        if chosen is None:
            return line
        self.printer.status(f"→ {chosen}")
        return chosen

    def show(self, frame_and_raw: tuple[ServerFrame, str]) -> None:
        """Print a reply (rendered or raw) or an error, politely."""
        frame, raw = frame_and_raw
        if self.raw:
            self.printer.raw(raw)
        elif frame.type == "reply":
            self.printer.reply(as_reply(frame))
        else:
            self.printer.status(polite_error(frame))
        if frame.type == "reply":
            self.suggestions = frame.suggestions


async def interactive(url: str, chat: Chat, reader: LineReader | None = None) -> int:
    """Run the prompt loop until /quit or end of input; returns the exit status."""
    connection = Connection(url, chat.printer)
    runner = asyncio.create_task(connection.run())
    reader = reader or LineReader()
    chat.printer.status(HINT)
    try:
        # Give the first connection a moment so its status line does not land after the prompt.
        opened = asyncio.ensure_future(connection.first_open.wait())
        await asyncio.wait({opened, runner}, timeout=3)
        opened.cancel()
        while True:
            line = await _race(reader.read(chat.prompt), runner)
            if line is None or line.strip() in QUIT_COMMANDS:
                if line is None and chat.prompt:
                    chat.printer.status("")  # end the prompt's line
                return 0
            if line.strip():
                chat.show(await _race(connection.ask(chat.question(line.strip())), runner))
    except CONNECT_ERRORS as exc:
        raise Unreachable(f"cannot reach the assistant at {url}: {exc}") from exc
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        await connection.close()


async def once(url: str, text: str, printer: Printer, *, raw: bool) -> int:
    """Ask one question on a fresh connection; 0 on a reply, 1 on an error frame."""
    try:
        async with connect(url, open_timeout=OPEN_TIMEOUT, max_size=MAX_FRAME) as ws:
            await ws.send(message_frame(text, "once"))
            async for message in ws:
                frame = decode_server_frame(message)
                if frame is None or frame.type not in ("reply", "error"):
                    continue
                Chat(printer, raw=raw, prompt="").show((frame, frame_text(message)))
                return 0 if frame.type == "reply" else 1
    except CONNECT_ERRORS as exc:
        raise Unreachable(f"cannot reach the assistant at {url}: {exc}") from exc
    except ConnectionClosed as exc:
        raise Unreachable(f"the assistant at {url} closed the connection: {exc}") from exc
    raise Unreachable(f"the assistant at {url} closed the connection without answering")
