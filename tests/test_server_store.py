"""The conversation store on each backend (memory, the SQLite file, a real redis-server).

Two ``ConversationStore`` objects over one SQLite file or one Redis stand for two workers:
they share conversations, locks and rate buckets.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import msgspec
import pytest
from conftest import FakeEngine, run_async

from assistant.engine import Memory
from assistant.errors import ConfigError, ConversationBusy
from assistant.reply import Reply
from assistant.server.conversations import ConversationStore
from assistant.server.store.backends import MemoryBackend, open_backend
from assistant.server.store.records import (
    Record,
    decode_record,
    decode_turn,
    encode_record,
    encoded_turn,
    new_web_id,
    slack_key,
    web_key,
    with_turn,
)
from assistant.server.store.sqlite import SQLiteStore
from assistant.server.store.turnlog import MemoryLog, open_log
from assistant.settings import Settings, load_settings


@pytest.fixture(params=["memory", "sqlite", "redis"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The ASSISTANT_STORE value of each backend."""
    if request.param == "memory":
        return "memory://"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("redis_url")
    return url


@pytest.fixture(params=["sqlite", "redis"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The backends several workers can share."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("redis_url")
    return url


def _settings(url: str, **overrides: Any) -> Settings:
    return load_settings(env={}, store=url, **overrides)


def _open(url: str, **overrides: Any) -> ConversationStore:
    settings = _settings(url, **overrides)
    backend = open_backend(settings)
    return ConversationStore(backend, open_log(settings, backend), settings)


def _run(coroutine: Any) -> Any:
    return run_async(coroutine)


def test_turns_keep_memory_and_history(store_url: str) -> None:
    async def scenario() -> tuple[Any, ...]:
        store = _open(store_url)
        engine = FakeEngine()
        key = web_key(new_web_id())
        first = await store.turn(engine, key, "web", "model-a and model-b")
        follow = await store.turn(engine, key, "web", "which is cheaper?")
        turns = await store.history(key)
        missing = await store.turn(engine, web_key("nope"), "web", "hi", create=False)
        await store.close()
        return first, follow, turns, missing

    first, follow, turns, missing = _run(scenario())
    assert first.models == follow.models == ("model-a", "model-b")
    assert [t.text for t in turns] == ["model-a and model-b", "which is cheaper?"]
    assert missing is None


def test_two_workers_share_conversations_and_rate_buckets(shared_url: str) -> None:
    async def scenario() -> tuple[Any, ...]:
        one, two = _open(shared_url, rate_burst=3, rate_per_second=0.001), _open(shared_url)
        two.rate, two.burst = one.rate, one.burst
        key = web_key(new_web_id())
        await one.turn(FakeEngine(), key, "web", "model-q")
        follow = await two.turn(FakeEngine(), key, "web", "and its price?", create=False)
        takes = [await store.take(key) for store in (one, two, one, two)]
        takes += [await s.take_bucket("ip:127.0.0.1", 0.001, 2) for s in (one, two, one)]
        await one.close()
        await two.close()
        return follow, takes

    follow, takes = _run(scenario())
    assert follow is not None and follow.models == ("model-q",)
    assert takes == [True, True, True, False, True, True, False]


def test_a_held_conversation_lock_makes_another_worker_busy(store_url: str) -> None:
    async def scenario() -> bool:
        one = _open(store_url)
        two = one if store_url == "memory://" else _open(store_url)
        key = web_key(new_web_id())
        async with one.backend.lock(key, 5.0):
            with pytest.raises(ConversationBusy):
                async with two.backend.lock(key, 0.3):
                    pass
        async with two.backend.lock(key, 1.0):
            free_after = True
        await one.close()
        await two.close()
        return free_after

    assert _run(scenario())


def test_a_dead_holders_lock_runs_out_after_its_timeout(tmp_path: Path) -> None:
    async def scenario() -> None:
        first, second = SQLiteStore(tmp_path / "s.db"), SQLiteStore(tmp_path / "s.db")
        holder = first.lock("web:x", 0.3)
        await holder.__aenter__()  # never released: the worker "died"
        async with second.lock("web:x", 2.0):
            pass

    _run(scenario())


def test_conversations_expire_after_the_ttl(store_url: str) -> None:
    async def scenario() -> tuple[bool, bool]:
        store = _open(store_url, session_ttl=1)
        key = web_key(new_web_id())
        await store.turn(FakeEngine(), key, "web", "model-a")
        alive = await store.exists(key)
        await asyncio.sleep(1.3)
        gone = not await store.exists(key)
        await store.close()
        return alive, gone

    assert _run(scenario()) == (True, True)


def test_history_is_capped_in_bytes_oldest_first() -> None:
    record, gone = Record(channel="web"), []
    for n in range(40):
        turn = encoded_turn(f"q{n}", Reply(text=f"answer {n} " + "x" * 900, intent="fake"), 4096)
        record, dropped = with_turn(record, len(turn), Memory(), 8192)
        gone += dropped
    kept = [seq for seq, _ in record.turns]
    assert sum(n for _, n in record.turns) <= 8192 and kept[-1] == 39
    assert gone == list(range(kept[0])) and record.next_seq == 40
    huge = encoded_turn("big", Reply(text="y" * 100_000, intent="fake"), 4096)
    assert len(huge) <= 4096 and decode_turn(huge) is not None


def test_resume_after_many_turns_returns_the_most_recent_that_fit(store_url: str) -> None:
    class Long(FakeEngine):
        def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
            reply, memory = super().respond(memory, text)
            return msgspec.structs.replace(reply, text=text + " " + "z" * 3000), memory

    async def scenario() -> tuple[Any, ...]:
        store = _open(store_url, history_bytes=16384)
        key = web_key(new_web_id())
        for n in range(30):
            await store.turn(Long(), key, "web", f"model-a turn {n}")
        turns = await store.history(key)
        await store.close()
        return turns

    turns = _run(scenario())
    assert 3 <= len(turns) < 30 and turns[-1].text == "model-a turn 29"
    assert [t.text for t in turns] == [f"model-a turn {n}" for n in range(30 - len(turns), 30)]


def test_records_of_another_version_or_broken_are_dropped() -> None:
    current = encode_record(Record(channel="web", memory=Memory(models=("m",))))
    assert decode_record(current) == Record(channel="web", memory=Memory(models=("m",)))
    future = msgspec.msgpack.encode({"version": 99, "channel": "web"})
    assert decode_record(future) is None
    version_1 = msgspec.msgpack.encode({"version": 1, "channel": "web", "history": []})
    assert decode_record(version_1) is None
    assert decode_record(b"\xc1 not msgpack") is None


def test_keys_are_namespaced_by_channel_and_unguessable() -> None:
    ids = {new_web_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) >= 22 for i in ids)
    thread = "slack:T1:C1:slash:U1"
    assert slack_key("secret", thread) == slack_key("secret", thread)
    assert slack_key("secret", thread) != slack_key("other", thread)
    assert thread.removeprefix("slack:") not in slack_key("secret", thread)
    assert web_key(thread).startswith("web:")


def test_hot_cache_is_bounded() -> None:
    settings = load_settings(env={}, store="memory://", cache_size=5)
    store = ConversationStore(MemoryBackend(), MemoryLog(), settings)

    async def scenario() -> None:
        for _ in range(50):
            await store.turn(FakeEngine(), web_key(new_web_id()), "web", "model-a")

    _run(scenario())
    assert len(store) == 5


def test_unknown_store_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="ASSISTANT_STORE"):
        open_backend(_settings("postgres://db"))
    with pytest.raises(ConfigError, match="ASSISTANT_LOG"):
        open_log(_settings("memory://", log="maybe"), MemoryBackend())


def test_the_log_records_each_turn_with_unapplied_parts(store_url: str) -> None:
    class Honest(FakeEngine):
        def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
            reply, memory = super().respond(memory, text)
            return msgspec.structs.replace(reply, data={"unapplied": ["under $5"]}), memory

    async def scenario() -> list[Any]:
        store = _open(store_url)
        key = web_key(new_web_id())
        await store.turn(Honest(), key, "web", "model-a under $5")
        await store.turn(FakeEngine(), key, "web", "what is the weather")
        entries = await store.turn_log.entries(0)
        await store.close()
        return entries

    entries = _run(scenario())
    assert [(e.text, e.unapplied, e.fallback) for e in entries[-2:]] == [
        ("model-a under $5", ("under $5",), False),
        ("what is the weather", (), False),
    ]
    assert entries[-1].models == ("model-a",) and entries[-1].latency_ms >= 0
