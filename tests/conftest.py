"""Shared fixtures: settings, a fake engine, litestar TestClients and a live uvicorn server.

- ``settings``: defaults, ignoring the caller's environment.
- ``fake_engine``: an engine-shaped stand-in whose memory behaviour is predictable.
- ``app_client``: a litestar TestClient over ``create_app(settings, engine=fake_engine)``.
- ``make_client``: the same with settings overrides (``make_client(rate_burst=2)``).
- ``live_server``: a real ``assistant serve`` subprocess on a free loopback port (session
  scope), waited for on ``/health``; ``start_live_server(**env)`` starts a special one.
  The process handling itself (free port, health wait, stop/restart) is in ``live.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient
from live import LiveServer, running, serve_server

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


@contextmanager
def start_live_server(
    log_dir: Path, args: tuple[str, ...] = (), **env: str
) -> Iterator[LiveServer]:
    """Run ``python -m assistant serve`` on a free loopback port until the block ends."""
    if not load_settings().catalog.exists() and "--catalog" not in args:
        pytest.skip("no catalog.db yet (built by `assistant catalog build`)")
    with running(serve_server(log_dir, *args, **env)) as server:
        yield server


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real server for the session (rate limits raised so tests do not trip them)."""
    env = {
        "ASSISTANT_RATE_PER_SECOND": "1000",
        "ASSISTANT_RATE_BURST": "1000",
        "ASSISTANT_IP_RATE_PER_SECOND": "1000",
        "ASSISTANT_IP_RATE_BURST": "1000",
        "ASSISTANT_NEW_CONVERSATIONS_PER_MINUTE": "100000",
    }
    with start_live_server(tmp_path_factory.mktemp("live"), **env) as server:
        yield server
