"""Real server processes on loopback ports for end-to-end tests (server, CLI, widget).

``LiveServer`` keeps its port for its whole life, so a test may stop the process (or kill
it) and start it again on the same port, as the widget's and the CLI client's reconnect
tests do. ``start`` waits until ``GET /health`` answers 200 and fails the test with the
end of the server's log when the process dies or never gets healthy.

    with running(serve_server(tmp_path, ASSISTANT_IDLE_TIMEOUT="2")) as server:
        ...  # server.url, server.ws_url, server.stop(), server.start(), server.kill()
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
START_SECONDS = 90.0
STOP_SECONDS = 20.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(**extra: str) -> dict[str, str]:
    """The environment for a server process: ours without proxies, unbuffered, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return {**env, "PYTHONUNBUFFERED": "1", **extra}


def serve_argv(port: int, *args: str) -> list[str]:
    """``python -m assistant serve`` on loopback ``port`` with extra CLI ``args``."""
    command = [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1"]
    return [*command, "--port", str(port), *args]


class LiveServer:
    """A server subprocess on a fixed loopback port that can be stopped and started again."""

    def __init__(self, argv: list[str], port: int, log: Path, env: dict[str, str]) -> None:
        self.argv = argv
        self.port = port
        self.log = log
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        """The server's WebSocket endpoint."""
        return f"ws://127.0.0.1:{self.port}/ws"

    def start(self, timeout: float = START_SECONDS) -> None:
        """Start the process and wait until ``/health`` answers 200."""
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                self.argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                pytest.fail(f"server exited with {code}:\n{self.log_tail()}")
            if self._healthy():
                return
            time.sleep(0.1)
        self.kill()
        pytest.fail(f"server not healthy after {timeout}s:\n{self.log_tail()}")

    def _healthy(self) -> bool:
        """Whether ``GET /health`` answers 200 now."""
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def stop(self, timeout: float = STOP_SECONDS) -> int | None:
        """SIGTERM (graceful), kill when it does not exit in time; the exit code."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=timeout)
        return process.returncode

    def kill(self) -> None:
        """End the process at once, without a graceful shutdown (a crash, for clients)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=STOP_SECONDS)

    def log_tail(self, chars: int = 4000) -> str:
        """The end of the server's output, for failure messages."""
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


def serve_server(log_dir: Path, *args: str, **env: str) -> LiveServer:
    """A (not yet started) ``assistant serve`` on a free port, with CLI ``args`` and ``env``.

    Its data directory (store and log) is ``log_dir/var-<port>`` unless ``env`` names one;
    it stays the same across ``stop``/``kill`` and ``start``.
    """
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    env = {"ASSISTANT_DATA_DIR": str(log_dir / f"var-{port}"), **env}
    return LiveServer(serve_argv(port, *args), port, log, server_env(**env))


@contextmanager
def running(server: LiveServer) -> Iterator[LiveServer]:
    """Start ``server`` for the block; stop it afterwards whatever happens."""
    try:
        server.start()
        yield server
    finally:
        server.stop()
