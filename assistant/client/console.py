"""The terminal side of the chat client: a stdin reader thread and the printer.

``input()`` blocks, so it runs in a daemon thread and hands each line to the event loop;
with ``readline`` loaded (on a TTY) the arrow keys recall history. The thread only reads
when asked, so a prompt never appears before the previous answer was printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import sys
import threading
from typing import TextIO

from assistant.render.terminal import DIM, RESET, render_reply
from assistant.reply import Reply


def enable_line_editing() -> None:
    """Load readline (history with arrow keys) when stdin is a terminal."""
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):  # e.g. Windows without pyreadline
            import readline  # noqa: F401  (importing it is what turns it on for input())


def _settle(future: asyncio.Future[str | None], line: str | None) -> None:
    if not future.done():
        future.set_result(line)


class LineReader:
    """Reads one line from stdin per ``read()``, in a daemon thread; None means end of input."""

    def __init__(self) -> None:
        self._requests: queue.Queue[tuple[str, asyncio.Future[str | None]]] = queue.Queue()
        self._thread: threading.Thread | None = None

    def _work(self, loop: asyncio.AbstractEventLoop) -> None:
        while True:
            prompt, future = self._requests.get()
            try:
                line: str | None = input(prompt)
            except (EOFError, OSError, ValueError):
                line = None
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits
                loop.call_soon_threadsafe(_settle, future, line)
            if line is None:
                return

    async def read(self, prompt: str = "") -> str | None:
        """The next line without its newline, or None at end of input (Ctrl-D)."""
        loop = asyncio.get_running_loop()
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, args=(loop,), daemon=True)
            self._thread.start()
        elif not self._thread.is_alive():
            return None
        future: asyncio.Future[str | None] = loop.create_future()
        self._requests.put((prompt, future))
        return await future


class Printer:
    """Where the client writes: answers to ``out``, connection states and errors to ``err``."""

    def __init__(self, out: TextIO, err: TextIO, *, color: bool) -> None:
        self.out = out
        self.err = err
        self.color = color

    def reply(self, reply: Reply) -> None:
        """An answer, rendered for the terminal."""
        self.out.write(render_reply(reply, color=self.color) + "\n\n")
        self.out.flush()

    def raw(self, frame: str) -> None:
        """A frame exactly as received (``--json``)."""
        self.out.write(frame.rstrip("\n") + "\n")
        self.out.flush()

    def status(self, text: str) -> None:
        """A connection state or notice, dimmed on a terminal."""
        line = f"{DIM}{text}{RESET}" if self.color else text
        self.err.write(line + "\n")
        self.err.flush()
