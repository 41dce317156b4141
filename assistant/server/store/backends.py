"""Store backends chosen by ``ASSISTANT_STORE``: the embedded SQLite file, Redis, or memory.

Each backend gives the conversation store a litestar ``Store`` (``kv``) and the two things
a key/value protocol lacks: a per-conversation lock and a shared token bucket (``take``),
so rate limits hold whichever worker or machine a request lands on.

- ``""`` / ``sqlite`` / ``sqlite:///path``: ``SQLiteStore`` (default ``<data_dir>/store.db``).
- ``redis://host:port/db`` (or ``rediss://``): litestar's ``RedisStore`` over redis-py's
  asyncio client; redis-py's lock (with a timeout) and a Lua token bucket.
- ``memory://``: litestar's ``MemoryStore`` and in-process locks (tests, one process).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Protocol

from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.redis import RedisStore
from redis.asyncio import Redis
from redis.exceptions import LockError

from assistant.errors import ConfigError, ConversationBusy
from assistant.server.limits import TokenBucket
from assistant.server.store.sqlite import SQLiteStore
from assistant.settings import Settings

REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
MAX_LOCAL_BUCKETS = 100_000
BUSY = "the conversation is busy with another message"
TAKE_SCRIPT = b"""
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local v = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens = burst
if v[1] then tokens = math.min(burst, tonumber(v[1]) + math.max(0, now - tonumber(v[2])) * rate) end
local ok = 0
if tokens >= cost then tokens = tokens - cost; ok = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'stamp', tostring(now))
local ttl = 86400
if rate > 0 then ttl = math.ceil((burst - tokens) / rate) + 1 end
redis.call('EXPIRE', KEYS[1], ttl)
return ok
"""


class Backend(Protocol):
    """What the conversation store needs from a backend."""

    name: str

    @property
    def kv(self) -> Store:
        """The litestar Store holding the conversation records."""

    def lock(self, key: str, timeout: float) -> AbstractAsyncContextManager[None]:
        """Hold ``key``'s lock for a block; ConversationBusy when not free within ``timeout``."""

    async def take(self, key: str, rate: float, burst: float, cost: float) -> bool:
        """Take ``cost`` tokens from the shared bucket ``key``; False when over the limit."""

    async def ping(self) -> None:
        """Raise when the backend cannot be reached."""

    async def purge(self) -> int:
        """Drop what has expired (where the backend does not do it itself)."""

    async def close(self) -> None:
        """Release connections."""


class SQLiteBackend:
    """The embedded default: one ``SQLiteStore`` file."""

    name = "sqlite"

    def __init__(self, path: Path) -> None:
        self.store = SQLiteStore(path)

    @property
    def kv(self) -> Store:
        """The SQLite-backed litestar Store."""
        return self.store

    def lock(self, key: str, timeout: float) -> AbstractAsyncContextManager[None]:
        """A lease row taken in an IMMEDIATE transaction."""
        return self.store.lock(key, timeout)

    async def take(self, key: str, rate: float, burst: float, cost: float) -> bool:
        """A bucket row updated in one transaction."""
        return await self.store.take(key, rate, burst, cost)

    async def ping(self) -> None:
        """Read the file."""
        await self.store.ping()

    async def purge(self) -> int:
        """Delete expired rows."""
        return await self.store.purge()

    async def close(self) -> None:
        """Close the file."""
        await self.store.close()


class MemoryBackend:
    """Everything in this process: for tests and single-process experiments."""

    name = "memory"

    def __init__(self) -> None:
        self._kv = MemoryStore()
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    @property
    def kv(self) -> Store:
        """litestar's MemoryStore."""
        return self._kv

    @asynccontextmanager
    async def lock(self, key: str, timeout: float) -> AsyncIterator[None]:
        """An asyncio lock per key."""
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        try:
            await asyncio.wait_for(lock.acquire(), timeout)
        except TimeoutError:
            raise ConversationBusy(BUSY) from None
        try:
            yield
        finally:
            lock.release()

    async def take(self, key: str, rate: float, burst: float, cost: float) -> bool:
        """An in-process bucket (the least recently used go past ``MAX_LOCAL_BUCKETS``)."""
        now = time.monotonic()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(rate, int(burst), now)
            if len(self._buckets) > MAX_LOCAL_BUCKETS:
                self._buckets.popitem(last=False)
        self._buckets.move_to_end(key)
        return bucket.take(now, cost)

    async def ping(self) -> None:
        """Always reachable."""

    async def purge(self) -> int:
        """Drop expired records."""
        await self._kv.delete_expired()
        return 0

    async def close(self) -> None:
        """Nothing to close."""


class RedisBackend:
    """Redis through litestar's RedisStore; any number of workers and machines share it."""

    name = "redis"

    def __init__(self, url: str) -> None:
        self.redis: Redis = Redis.from_url(url, socket_timeout=5, socket_connect_timeout=3)
        self._kv = RedisStore(self.redis, namespace="assistant", handle_client_shutdown=False)
        self._take = self.redis.register_script(TAKE_SCRIPT)

    @property
    def kv(self) -> Store:
        """litestar's RedisStore (namespace ``assistant``)."""
        return self._kv

    @asynccontextmanager
    async def lock(self, key: str, timeout: float) -> AsyncIterator[None]:
        """redis-py's lock: it expires after ``timeout`` should its holder die."""
        lock = self.redis.lock(f"assistant:lock:{key}", timeout=timeout, blocking_timeout=timeout)
        if not await lock.acquire():
            raise ConversationBusy(BUSY)
        try:
            yield
        finally:
            with contextlib.suppress(LockError):  # held past its timeout: another turn began
                await lock.release()

    async def take(self, key: str, rate: float, burst: float, cost: float) -> bool:
        """One atomic Lua step on the hash ``assistant:bucket:<key>``."""
        allowed = await self._take(keys=[f"assistant:bucket:{key}"], args=[rate, burst, cost])
        return bool(allowed)

    async def ping(self) -> None:
        """PING."""
        await self.redis.ping()

    async def purge(self) -> int:
        """Redis expires keys itself."""
        return 0

    async def close(self) -> None:
        """Close the connection pool."""
        await self.redis.aclose()


def store_path(settings: Settings) -> Path | None:
    """The SQLite file the settings select, or None for another backend."""
    url = settings.store.strip()
    if url in ("", "sqlite", "sqlite://"):
        return settings.data_dir / "store.db"
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite://"))
    return None


def check_store_url(settings: Settings) -> None:
    """Raise ConfigError when ``ASSISTANT_STORE`` names no backend we have."""
    url = settings.store.strip()
    if store_path(settings) is None and url != "memory://" and not url.startswith(REDIS_SCHEMES):
        raise ConfigError(
            f"ASSISTANT_STORE={url!r}: expected nothing (SQLite in ASSISTANT_DATA_DIR), "
            "sqlite:///path, redis://host:port/db or memory://"
        )


def check_store_settings(settings: Settings) -> None:
    """Raise ConfigError for a bad ASSISTANT_STORE, ASSISTANT_LOG or worker/store mix."""
    check_store_url(settings)
    if settings.log.strip().lower() not in ("on", "off"):
        raise ConfigError(f"ASSISTANT_LOG={settings.log!r}: expected 'on' or 'off'")
    if settings.workers > 1 and settings.store.strip() == "memory://":
        raise ConfigError("ASSISTANT_STORE=memory:// cannot be shared by several workers")


def open_backend(settings: Settings) -> Backend:
    """The backend ``settings.store`` selects; ConfigError for an unknown scheme."""
    check_store_url(settings)
    path = store_path(settings)
    if path is not None:
        return SQLiteBackend(path)
    if settings.store.strip() == "memory://":
        return MemoryBackend()
    return RedisBackend(settings.store.strip())
