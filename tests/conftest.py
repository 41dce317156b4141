"""Shared fixtures: settings, a fake engine, litestar TestClients and a live uvicorn server.

- ``settings``: defaults, ignoring the caller's environment.
- ``fake_engine``: an engine-shaped stand-in whose memory behaviour is predictable.
- ``app_client``: a litestar TestClient over ``create_app(settings, engine=fake_engine)``.
- ``make_client``: the same with settings overrides (``make_client(rate_burst=2)``).
- ``live_server``: a real ``assistant serve`` subprocess on a free loopback port (session
  scope), waited for on ``/health``; ``start_live_server(**env)`` starts a special one.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from assistant.engine import Memory
from assistant.reply import Reply
from assistant.server.app import create_app
from assistant.settings import Settings, load_settings

MODEL_WORD = re.compile(r"\bmodel-[a-z0-9]+\b")


class FakeEngine:
    """Engine stand-in: "model-x" words are models; a message naming none is a follow-up.

    The reply text lists the models in focus and counts the turns, so tests can check
    that Memory travels with the conversation; "boom" raises, to test engine failures.
    """

    def __init__(self) -> None:
        self.calls = 0

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        """Answer from the models named in ``text``, else from the remembered ones."""
        self.calls += 1
        if "boom" in text:
            raise RuntimeError("engine exploded (test)")
        named = tuple(MODEL_WORD.findall(text.lower()))
        models = named or memory.models
        intent = "fake" if models else "fallback"
        reply = Reply(
            text=f"About {', '.join(models) or 'nothing'}.",
            intent=intent,
            models=models,
            suggestions=("and its price?",),
            data={"followup": not named and bool(models)},
        )
        return reply, Memory(models=models, last_intent=intent)


@pytest.fixture
def settings() -> Settings:
    """Default settings, independent of the caller's ASSISTANT_* environment."""
    return load_settings(env={})


@pytest.fixture
def fake_engine() -> FakeEngine:
    """A fresh FakeEngine."""
    return FakeEngine()


@pytest.fixture
def make_client(fake_engine: FakeEngine) -> Iterator[Callable[..., TestClient[Any]]]:
    """Factory: a started TestClient over the app with settings overrides."""
    clients: list[TestClient[Any]] = []

    def make(**overrides: Any) -> TestClient[Any]:
        app = create_app(load_settings(env={}, **overrides), engine=fake_engine)
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def app_client(make_client: Callable[..., TestClient[Any]]) -> TestClient[Any]:
    """A TestClient over the app with default settings and the FakeEngine."""
    return make_client()


@dataclass(frozen=True)
class LiveServer:
    """A running ``assistant serve`` process."""

    url: str
    ws_url: str
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Poll /health until it answers 200; fail with the server's log if it dies or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server not healthy after {timeout}s:\n{log.read_text()}")


def stop_server(process: subprocess.Popen[bytes], timeout: float = 20) -> int:
    """SIGTERM (graceful), then kill if it does not exit in time; return the exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


@contextmanager
def start_live_server(
    log_dir: Path, args: tuple[str, ...] = (), **env: str
) -> Iterator[LiveServer]:
    """Run ``python -m assistant serve`` on a free loopback port until the block ends."""
    if not load_settings().catalog.exists() and "--catalog" not in args:
        pytest.skip("no catalog.db yet (built by `assistant catalog build`)")
    port = free_port()
    log = log_dir / f"server-{port}.log"
    environ = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
    command = [sys.executable, "-m", "assistant", "serve", "--port", str(port), *args]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=environ)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log, timeout=60)
        yield LiveServer(url=url, ws_url=f"ws://127.0.0.1:{port}/ws", process=process, log=log)
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real server for the session (rate limits raised so tests do not trip them)."""
    env = {"ASSISTANT_RATE_PER_SECOND": "1000", "ASSISTANT_RATE_BURST": "1000"}
    with start_live_server(tmp_path_factory.mktemp("live"), **env) as server:
        yield server
