"""A real ``redis-server`` (Debian's binary) on a free loopback port, for the store tests.

Skipped only when the binary is not installed locally; ``.ci/run`` installs it and sets
``ASSISTANT_REQUIRE_REDIS=1``, which turns that skip into a failure.

    with redis_server(tmp_path) as url:   # "redis://127.0.0.1:<port>/0"
        ...
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from live import free_port

START_SECONDS = 20.0


def require_binary() -> str:
    """The redis-server path; skip (or fail under ``ASSISTANT_REQUIRE_REDIS``) without it."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (apt-get install -y redis-server)"
        if os.environ.get("ASSISTANT_REQUIRE_REDIS"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


def _answers(port: int) -> bool:
    """Whether a PING on the port gets +PONG."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisProcess:
    """One redis-server subprocess that can be stopped and started again on its port."""

    def __init__(self, directory: Path) -> None:
        self.binary = require_binary()
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The URL of database 0."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start on loopback, without persistence, and wait for PONG."""
        argv = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + START_SECONDS
        while not _answers(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        """Kill the process (an outage, for the server)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def redis_server(directory: Path) -> Iterator[RedisProcess]:
    """A running redis-server for the block."""
    server = RedisProcess(directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()
