"""Shared fixtures: settings, a fake engine, litestar TestClients and a live uvicorn server.

- ``settings``: defaults, ignoring the caller's environment.
- ``fake_engine``: an engine-shaped stand-in whose memory behaviour is predictable.
- ``app_client``: a litestar TestClient over ``create_app(settings, engine=fake_engine)``.
- ``make_client``: the same with settings overrides (``make_client(rate_burst=2)``).
- ``live_server``: a real ``assistant serve`` subprocess on a free loopback port (session
  scope), waited for on ``/health``; ``start_live_server(**env)`` starts a special one.
  The process handling itself (free port, health wait, stop/restart) is in ``live.py``.
- The default data directory (the embedded store and the log) is a fresh temporary one
  per test, so no test writes ``./var`` or sees another test's conversations; live
  servers get their own through ``live.server_env``.
- ``redis_url``: a real ``redis-server`` on a free loopback port (one per session,
  flushed for each test); skipped only when the binary is missing (``redis_server.py``).
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from litestar.testing import TestClient
from live import LiveServer, running, serve_server
from redis_server import RedisProcess, redis_server

import assistant.settings
from assistant.engine import Memory
from assistant.reply import Reply
from assistant.server.app import create_app
from assistant.settings import Settings, load_settings

MODEL_WORD = re.compile(r"\bmodel-[a-z0-9]+\b")
T = TypeVar("T")


def in_thread(work: Callable[[], T]) -> T:
    """Run ``work`` in a fresh thread (playwright's sync API keeps a loop in this one)."""
    results: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            results.append(work())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return results[0]


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a fresh thread, so tests can drive async code after browser tests."""
    return in_thread(lambda: asyncio.run(coroutine))


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


@pytest.fixture(scope="session", autouse=True)
def _session_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Module- and session-scoped apps keep their store out of the working directory."""
    with pytest.MonkeyPatch.context() as patch:
        path = str(tmp_path_factory.mktemp("data"))
        patch.setattr(assistant.settings, "DEFAULT_DATA_DIR", path)
        yield


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's apps get a data directory of their own."""
    monkeypatch.setattr(assistant.settings, "DEFAULT_DATA_DIR", str(tmp_path / "var"))


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


# Rate limits raised out of the way, for live servers whose tests are not about limits.
RELAXED_LIMITS = {
    "ASSISTANT_RATE_PER_SECOND": "1000",
    "ASSISTANT_RATE_BURST": "1000",
    "ASSISTANT_IP_RATE_PER_SECOND": "1000",
    "ASSISTANT_IP_RATE_BURST": "1000",
    "ASSISTANT_NEW_CONVERSATIONS_PER_MINUTE": "100000",
}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real server for the session (rate limits raised so tests do not trip them)."""
    with start_live_server(tmp_path_factory.mktemp("live"), **RELAXED_LIMITS) as server:
        yield server


@pytest.fixture(scope="session")
def redis_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisProcess]:
    """One real redis-server for the session (see ``redis_server.py``)."""
    with redis_server(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def redis_url(redis_process: RedisProcess) -> str:
    """The session's redis-server, emptied for this test."""
    if redis_process.process is None:
        redis_process.start()
    import redis

    client = redis.Redis.from_url(redis_process.url)
    client.flushall()
    client.close()
    return redis_process.url
