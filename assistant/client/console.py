"""The terminal side of the chat client: a stdin reader thread and the printer.

``input()`` blocks, so it runs in a daemon thread and hands each line to the event loop;
with ``readline`` loaded (on a TTY) the arrow keys recall history and nothing typed is
echoed twice (``line_editing``). The thread only reads
when asked, so a prompt never appears before the previous answer was printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import sys
import threading
from collections.abc import Iterator
from typing import TextIO

from rich.console import Console

from assistant.render.styled import print_styled, styled_console
from assistant.render.terminal import render_reply
from assistant.reply import Reply


class TerminalEcho:
    """Switches the terminal's own echo of stdin (``termios``) on and off."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def set(self, on: bool) -> None:
        """Echo typed characters (``on``) or not."""
        import termios

        mode = termios.tcgetattr(self.fd)
        mode[3] = mode[3] | termios.ECHO if on else mode[3] & ~termios.ECHO
        termios.tcsetattr(self.fd, termios.TCSANOW, mode)


@contextlib.contextmanager
def line_editing() -> Iterator[TerminalEcho | None]:
    """Readline on a terminal (arrow keys recall history); the echo to use while reading.

    Readline echoes what it reads; had the terminal echoed a line typed before the prompt
    appeared, it would be shown twice. So the terminal's echo stays off except while
    ``input()`` runs (readline echoes only when it finds echo on); the original settings
    are restored on the way out.
    """
    if not sys.stdin.isatty():
        yield None
        return
    try:  # not on every platform (e.g. Windows without pyreadline)
        import readline  # noqa: F401  (importing it is what turns it on for input())
        import termios
    except ImportError:
        yield None
        return
    echo = TerminalEcho(sys.stdin.fileno())
    saved = termios.tcgetattr(echo.fd)
    echo.set(False)
    try:
        yield echo
    finally:
        termios.tcsetattr(echo.fd, termios.TCSANOW, saved)


def _settle(future: asyncio.Future[str | None], line: str | None) -> None:
    if not future.done():
        future.set_result(line)


class LineReader:
    """Reads one line from stdin per ``read()``, in a daemon thread; None means end of input."""

    def __init__(self, echo: TerminalEcho | None = None) -> None:
        self._echo = echo
        self._requests: queue.Queue[tuple[str, asyncio.Future[str | None]]] = queue.Queue()
        self._thread: threading.Thread | None = None

    def _work(self, loop: asyncio.AbstractEventLoop) -> None:
        while True:
            prompt, future = self._requests.get()
            try:
                line: str | None = self._input(prompt)
            except (EOFError, OSError, ValueError):
                line = None
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits
                loop.call_soon_threadsafe(_settle, future, line)
            if line is None:
                return

    def _input(self, prompt: str) -> str:
        if self._echo is None:
            return input(prompt)
        self._echo.set(True)
        try:
            return input(prompt)
        finally:
            self._echo.set(False)

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
    """Where the client writes: answers to ``out``, connection states and errors to ``err``.

    ``styled`` renders answers through rich (a terminal without NO_COLOR); otherwise they
    are plain text with aligned tables.
    """

    def __init__(self, out: TextIO, err: TextIO, *, styled: bool) -> None:
        self.out = out
        self.err = err
        self.styled = styled
        self._out_console: Console | None = styled_console(out) if styled else None
        self._err_console: Console | None = styled_console(err) if styled else None

    def reply(self, reply: Reply) -> None:
        """An answer, rendered for the terminal."""
        if self._out_console is not None:
            print_styled(self._out_console, reply)
        else:
            self.out.write(render_reply(reply) + "\n\n")
        self.out.flush()

    def raw(self, frame: str) -> None:
        """A frame exactly as received (``--json``)."""
        self.out.write(frame.rstrip("\n") + "\n")
        self.out.flush()

    def status(self, text: str) -> None:
        """A connection state or notice, dimmed on a terminal."""
        if self._err_console is not None:
            self._err_console.print(text, style="dim", soft_wrap=True)
        else:
            self.err.write(text + "\n")
        self.err.flush()
