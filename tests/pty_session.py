"""Run a command in a pseudo-terminal of a given size, typing lines when output shows a cue.

What a person at a terminal sees: the child's stdin, stdout and stderr are the pty, so it
sees a TTY (``isatty()``), the terminal's width and the terminal's echo.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

ANSI = r"\x1b\[[0-9;?]*[A-Za-z]"


def run_in_pty(
    argv: Sequence[str],
    *,
    columns: int = 80,
    typing: Sequence[tuple[str, str]] = (),
    env: dict[str, str] | None = None,
    timeout: float = 90.0,
) -> str:
    """All output of ``argv`` run in a pty; each ``(cue, keys)`` is typed once ``cue`` showed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    output = b""
    pending = list(typing)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                output += chunk
                continue
            if pending and pending[0][0] in output.decode("utf-8", "replace"):
                os.write(master, pending.pop(0)[1].encode())
            elif process.poll() is not None:
                break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        os.close(master)
    return output.decode("utf-8", "replace")
