"""A WebSocket connection to the assistant that survives drops: reconnect, resume, resend.

``run()`` keeps a connection open (``async for ws in connect(...)``, exponential backoff,
a visible "reconnecting…" state). After a reconnect it sends ``resume`` with the last
conversation id (server extension: answered by ``history``, or an ``unknown_conversation``
error when the server forgot it) and re-sends the question still waiting for its answer.
``ask()`` sends one question and waits for its reply or error frame, across reconnects.
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Generator

from websockets.asyncio.client import ClientConnection, connect
from websockets.client import process_exception
from websockets.exceptions import ConnectionClosed

from assistant.client.console import Printer
from assistant.client.frames import (
    ServerFrame,
    decode_server_frame,
    frame_text,
    message_frame,
    polite_error,
    resume_frame,
)

MAX_FRAME = 16 * 2**20
OPEN_TIMEOUT = 10.0
MAX_DELAY = 30.0


FIRST_DELAY = 0.5


def backoff() -> Generator[float]:
    """Reconnection delays: half a second (with jitter), doubling up to thirty seconds."""
    delay = FIRST_DELAY
    while True:
        yield min(delay, MAX_DELAY) * random.uniform(0.8, 1.2)
        delay *= 2


class Pending:
    """The question waiting for its answer, and the connection it was last sent on."""

    def __init__(self, frame_id: str, frame: str, future: asyncio.Future[tuple[ServerFrame, str]]):
        self.id = frame_id
        self.frame = frame
        self.future = future
        self.sent_on: ClientConnection | None = None


class Connection:
    """One logical conversation with the server over as many sockets as it takes."""

    def __init__(self, url: str, printer: Printer) -> None:
        self.url = url
        self.printer = printer
        self.conversation_id: str | None = None
        self._welcome_id: str | None = None
        self._resume_id: str | None = None
        self._ws: ClientConnection | None = None
        self._pending: Pending | None = None
        self._ids = itertools.count(1)
        self._opened = 0
        self.first_open = asyncio.Event()

    def _retry(self, exc: Exception) -> Exception | None:
        """websockets' retry policy, plus a visible state line for every retry."""
        verdict = process_exception(exc)
        if verdict is None:
            reason = str(exc) or type(exc).__name__
            self.printer.status(f"cannot reach {self.url} ({reason}); reconnecting…")
        return verdict

    async def run(self) -> None:
        """Stay connected until cancelled; raises only for errors not worth retrying."""
        async for ws in connect(
            self.url,
            process_exception=self._retry,
            reconnect_delays=backoff,
            open_timeout=OPEN_TIMEOUT,
            max_size=MAX_FRAME,
        ):
            try:
                await self._opened_on(ws)
                async for raw in ws:
                    self._dispatch(raw)
            except ConnectionClosed:
                pass
            finally:
                self._ws = None
            self.printer.status("connection lost; reconnecting…")

    async def _opened_on(self, ws: ClientConnection) -> None:
        self._opened += 1
        self.first_open.set()
        if self._opened == 1:
            self.printer.status(f"connected to {self.url}")
        else:
            self.printer.status("reconnected.")
        if self.conversation_id is not None:
            self._resume_id = f"resume-{next(self._ids)}"
            await ws.send(resume_frame(self.conversation_id, self._resume_id))
        self._ws = ws
        await self._send_pending(ws)

    async def _send_pending(self, ws: ClientConnection) -> None:
        pending = self._pending
        if pending is None or pending.sent_on is ws or pending.future.done():
            return
        pending.sent_on = ws
        try:
            await ws.send(pending.frame)
        except ConnectionClosed:
            pending.sent_on = None  # re-sent after the next reconnect

    def _dispatch(self, raw: str | bytes) -> None:
        frame = decode_server_frame(raw)
        if frame is None:
            return
        if frame.type == "welcome":
            self._welcome_id = frame.conversation_id
            if self.conversation_id is None:
                self.conversation_id = frame.conversation_id
        elif self._resume_id is not None and frame.id == self._resume_id:
            self._resumed(frame)
        elif frame.type in ("reply", "error"):
            self._answered(frame, frame_text(raw))

    def _resumed(self, frame: ServerFrame) -> None:
        self._resume_id = None
        if frame.type == "history":
            self.conversation_id = frame.conversation_id or self.conversation_id
            self.printer.status("resumed the conversation.")
        else:
            self.conversation_id = self._welcome_id
            self.printer.status("the server no longer knows this conversation; starting anew.")

    def _answered(self, frame: ServerFrame, raw: str) -> None:
        pending = self._pending
        if pending is not None and frame.id in (pending.id, None) and not pending.future.done():
            if frame.type == "reply" and frame.conversation_id:
                self.conversation_id = frame.conversation_id
            pending.future.set_result((frame, raw))
        elif frame.type == "error":
            self.printer.status(polite_error(frame))

    async def ask(self, text: str) -> tuple[ServerFrame, str]:
        """Send ``text`` and wait for its reply or error frame (the frame and its raw JSON)."""
        frame_id = f"q{next(self._ids)}"
        future: asyncio.Future[tuple[ServerFrame, str]] = asyncio.get_running_loop().create_future()
        self._pending = Pending(frame_id, message_frame(text, frame_id), future)
        try:
            if self._ws is not None:
                await self._send_pending(self._ws)
            return await future
        finally:
            self._pending = None

    async def close(self) -> None:
        """Close the socket politely if one is open."""
        if self._ws is not None:
            await self._ws.close()
