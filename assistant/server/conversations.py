"""The conversation store shared by every channel (WebSocket, HTTP, Slack) and every worker.

Conversations live in the backend ``ASSISTANT_STORE`` selects (``store/backends.py``), as
``Record``s (``store/records.py``) expiring ``session_ttl`` seconds after their last turn.
A turn runs under the conversation's lock: read the record, run the engine, write the
record back, so two workers never interleave turns of one conversation. The process keeps
only a bounded hot cache (``cache_size`` decoded records: memory and transcript index,
a few KiB each), reused when the stored bytes have not changed. A turn's transcript entry
lives ``session_ttl`` after it was said (the record is renewed on every turn).
Backend failures become ``StoreError`` (a clear error per request, never a crash).

    store = ConversationStore(open_backend(settings), open_log(settings, backend), settings)
    reply = await store.turn(engine, web_key(conv_id), "web", text)     # or create=False
    turns = await store.history(web_key(conv_id))                       # None when unknown
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol

from redis.exceptions import RedisError

from assistant.engine import Memory
from assistant.errors import StoreError
from assistant.reply import Reply
from assistant.server.store import metrics
from assistant.server.store.backends import Backend
from assistant.server.store.records import (
    Record,
    Turn,
    decode_record,
    decode_turn,
    encode_record,
    encoded_turn,
    turn_key,
    with_turn,
)
from assistant.server.store.turnlog import TurnEntry, TurnLog, turn_entry
from assistant.settings import Settings

log = logging.getLogger("assistant.server")
FAILURES = (RedisError, sqlite3.Error, OSError, ConnectionError, TimeoutError)


class Responder(Protocol):
    """What the store needs of the engine."""

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        """Answer one message given the conversation's memory."""


class ConversationStore:
    """Conversations by store key, with their lock, TTL, shared rate buckets and log."""

    def __init__(self, backend: Backend, turn_log: TurnLog, settings: Settings) -> None:
        self.backend = backend
        self.turn_log = turn_log
        self.ttl = max(1, round(settings.session_ttl))
        self.history_bytes = max(1024, settings.history_bytes)
        self.lock_timeout = settings.lock_timeout
        self.rate = settings.rate_per_second
        self.burst = float(settings.rate_burst)
        self.cache_size = max(0, settings.cache_size)
        self._cache: OrderedDict[str, tuple[bytes, Record]] = OrderedDict()

    def __len__(self) -> int:
        """Conversations in this process's hot cache."""
        return len(self._cache)

    @asynccontextmanager
    async def _guard(self, operation: str) -> AsyncIterator[None]:
        """Turn a backend failure into StoreError (and count it)."""
        try:
            yield
        except StoreError:
            metrics.STORE_ERRORS.labels(operation=operation).inc()
            raise
        except FAILURES as exc:
            metrics.STORE_ERRORS.labels(operation=operation).inc()
            log.warning("store %s failed: %s: %s", operation, type(exc).__name__, exc)
            raise StoreError(f"the conversation store is unavailable ({operation})") from exc

    async def take(self, key: str, cost: float = 1.0) -> bool:
        """Take from the conversation's shared bucket (one per message)."""
        return await self.take_bucket(f"conv:{key}", self.rate, self.burst, cost)

    async def take_bucket(self, name: str, rate: float, burst: float, cost: float = 1.0) -> bool:
        """Take from a shared bucket (e.g. ``ip:<address>``) held in the store for all workers."""
        async with self._guard("rate limit"):
            return await self.backend.take(name, rate, burst, cost)

    async def _load(self, key: str) -> Record | None:
        """The stored record (through the hot cache when the bytes did not change)."""
        raw = await self.backend.kv.get(f"conv:{key}")
        if raw is None:
            self._cache.pop(key, None)
            return None
        cached = self._cache.get(key)
        if cached is not None and cached[0] == raw:
            self._cache.move_to_end(key)
            return cached[1]
        record = decode_record(raw)
        self._remember(key, raw, record)
        return record

    def _remember(self, key: str, raw: bytes, record: Record | None) -> None:
        """Keep a decoded record in the bounded hot cache."""
        if record is None or self.cache_size == 0:
            self._cache.pop(key, None)
            return
        self._cache[key] = (raw, record)
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def exists(self, key: str) -> bool:
        """Whether the conversation is stored (and not expired)."""
        async with self._guard("read"):
            return await self._load(key) is not None

    async def turn(
        self, engine: Responder, key: str, channel: str, text: str, *, create: bool = True
    ) -> Reply | None:
        """Answer ``text`` in the conversation and store the exchange, under its lock.

        None when the conversation is not stored and ``create`` is False.
        """
        started = time.perf_counter()
        async with self._guard("turn"), self.backend.lock(key, self.lock_timeout):
            record = await self._load(key)
            if record is None:
                if not create:
                    return None
                record = Record(channel=channel)
            reply, memory = engine.respond(record.memory, text)
            turn = encoded_turn(text, reply, self.history_bytes // 2)
            updated, dropped = with_turn(record, len(turn), memory, self.history_bytes)
            raw = encode_record(updated)
            kv = self.backend.kv
            await kv.set(turn_key(key, record.next_seq), turn, expires_in=self.ttl)
            await kv.set(f"conv:{key}", raw, expires_in=self.ttl)
            self._remember(key, raw, updated)
            for seq in dropped:
                await kv.delete(turn_key(key, seq))
        latency = time.perf_counter() - started
        entry = turn_entry(channel, text, reply, latency)
        metrics.observe_turn(entry)
        await self._log(entry)
        return reply

    async def _log(self, entry: TurnEntry) -> None:
        """Append to the conversation log; a log failure is counted, never fatal."""
        try:
            await self.turn_log.record(entry)
        except FAILURES as exc:
            metrics.STORE_ERRORS.labels(operation="log").inc()
            log.warning("conversation log write failed: %s", exc)

    async def history(self, key: str) -> tuple[Turn, ...] | None:
        """The conversation's transcript (oldest first), or None when not stored."""
        async with self._guard("read"):
            record = await self._load(key)
            if record is None:
                return None
            found = [await self.backend.kv.get(turn_key(key, seq)) for seq, _ in record.turns]
        turns = (decode_turn(raw) for raw in found if raw is not None)
        return tuple(turn for turn in turns if turn is not None)

    async def health(self) -> str | None:
        """None when the backend answers, else what is wrong."""
        try:
            await self.backend.ping()
        except FAILURES as exc:
            return f"{type(exc).__name__}: {exc}"
        return None

    async def purge(self) -> int:
        """Drop expired records where the backend does not (SQLite)."""
        async with self._guard("purge"):
            return await self.backend.purge()

    async def close(self) -> None:
        """Write the pending log entries and release the backend."""
        try:
            await self.turn_log.close()
            await self.backend.close()
        except FAILURES as exc:
            log.warning("closing the store failed: %s", exc)
