"""The embedded store: one SQLite file in WAL mode, shared by every worker on the machine.

``SQLiteStore`` implements litestar's ``Store`` protocol (values with an expiry time) and
adds what the conversation store needs across processes: a per-conversation lease lock
taken in an ``IMMEDIATE`` transaction (so two workers never run turns of one conversation
at once; a crashed holder's lease runs out after the lock timeout) and token buckets
updated in one transaction. Calls run on the event loop's thread: each is one short
statement or transaction on a WAL file without fsync on commit (tens of microseconds),
cheaper than a hop to a worker thread (measured: bench/bench_load.py's "channel" server
ran at 824 msg/s with a thread hop per call, see the commit). No transaction is held
across an ``await``, so another process waits microseconds for the write lock. Times are
wall-clock seconds (``time.time``), comparable across processes.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from litestar.stores.base import Store

from assistant.errors import ConversationBusy

T = TypeVar("T")
POLL_SECONDS = 0.01
SCHEMA = """
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, expires REAL);
CREATE TABLE IF NOT EXISTS locks (key TEXT PRIMARY KEY, owner TEXT NOT NULL, until REAL);
CREATE TABLE IF NOT EXISTS buckets (key TEXT PRIMARY KEY, tokens REAL, stamp REAL, full_at REAL);
"""


def _seconds(value: int | timedelta | None) -> float | None:
    """An expiry as seconds (None: never)."""
    if value is None:
        return None
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class SQLiteStore(Store):
    """litestar ``Store`` over a SQLite file, plus lease locks and token buckets."""

    __slots__ = ("_conn", "_guard", "_local", "path")

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)
        self._guard = threading.Lock()
        self._local: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` on the connection, one call at a time."""
        with self._guard:
            return work(self._conn)

    async def set(
        self, key: str, value: str | bytes, expires_in: int | timedelta | None = None
    ) -> None:
        """Store ``value`` under ``key``, expiring ``expires_in`` seconds from now."""
        data = value.encode() if isinstance(value, str) else value
        ttl = _seconds(expires_in)
        expires = None if ttl is None else time.time() + ttl
        sql = "INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, ?)"
        await self._run(lambda c: c.execute(sql, (key, data, expires)))

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        """The live value of ``key``; ``renew_for`` pushes an expiring key's expiry out."""
        renew = _seconds(renew_for)

        def work(conn: sqlite3.Connection) -> bytes | None:
            now = time.time()
            row = conn.execute("SELECT value, expires FROM kv WHERE key = ?", (key,)).fetchone()
            if row is None or (row[1] is not None and row[1] <= now):
                return None
            if renew and row[1] is not None:
                conn.execute("UPDATE kv SET expires = ? WHERE key = ?", (now + renew, key))
            return bytes(row[0])

        return await self._run(work)

    async def delete(self, key: str) -> None:
        """Forget ``key``."""
        await self._run(lambda c: c.execute("DELETE FROM kv WHERE key = ?", (key,)))

    async def delete_all(self) -> None:
        """Forget every key."""
        await self._run(lambda c: c.execute("DELETE FROM kv"))

    async def exists(self, key: str) -> bool:
        """Whether ``key`` holds a live value."""
        return await self.get(key) is not None

    async def expires_in(self, key: str) -> int | None:
        """Seconds until ``key`` expires (None when absent or without expiry)."""
        sql = "SELECT expires FROM kv WHERE key = ?"
        row = await self._run(lambda c: c.execute(sql, (key,)).fetchone())
        if row is None or row[0] is None:
            return None
        return int(row[0] - time.time())

    async def purge(self) -> int:
        """Delete expired values and leases; return how many values went."""

        def work(conn: sqlite3.Connection) -> int:
            now = time.time()
            gone = conn.execute("DELETE FROM kv WHERE expires <= ?", (now,)).rowcount
            conn.execute("DELETE FROM locks WHERE until <= ?", (now,))
            conn.execute("DELETE FROM buckets WHERE full_at <= ?", (now,))
            return int(gone)

        return await self._run(work)

    @asynccontextmanager
    async def lock(self, key: str, timeout: float) -> AsyncIterator[None]:
        """Hold ``key``'s lease for the block (other processes wait up to ``timeout``)."""
        local = self._local.get(key)
        if local is None:
            local = self._local[key] = asyncio.Lock()
        try:
            await asyncio.wait_for(local.acquire(), timeout)
        except TimeoutError:
            raise ConversationBusy("the conversation is busy with another message") from None
        try:
            owner = f"{id(self)}:{time.time()}"
            deadline = time.monotonic() + timeout
            while not await self._run(lambda c: _try_lease(c, key, owner, timeout)):
                if time.monotonic() > deadline:
                    raise ConversationBusy("the conversation is busy with another message")
                await asyncio.sleep(POLL_SECONDS)
            try:
                yield
            finally:
                sql = "DELETE FROM locks WHERE key = ? AND owner = ?"
                await self._run(lambda c: c.execute(sql, (key, owner)))
        finally:
            local.release()

    async def take(self, key: str, rate: float, burst: float, cost: float) -> bool:
        """Take ``cost`` tokens from ``key``'s bucket (refilling at ``rate`` up to ``burst``)."""
        return await self._run(lambda c: _take(c, key, rate, burst, cost))

    async def ping(self) -> None:
        """Raise when the file cannot be read."""
        await self._run(lambda c: c.execute("SELECT 1").fetchone())

    async def close(self) -> None:
        """Close the connection."""
        await self._run(lambda c: c.close())


def _try_lease(conn: sqlite3.Connection, key: str, owner: str, timeout: float) -> bool:
    """Take the lease in one IMMEDIATE transaction when it is free or has run out."""
    now = time.time()
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT until FROM locks WHERE key = ?", (key,)).fetchone()
        if row is not None and row[0] > now:
            return False
        sql = "INSERT OR REPLACE INTO locks (key, owner, until) VALUES (?, ?, ?)"
        conn.execute(sql, (key, owner, now + timeout))
        return True
    finally:
        conn.execute("COMMIT")


def _take(conn: sqlite3.Connection, key: str, rate: float, burst: float, cost: float) -> bool:
    """One token-bucket step in one IMMEDIATE transaction."""
    now = time.time()
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT tokens, stamp FROM buckets WHERE key = ?", (key,)).fetchone()
        tokens = burst if row is None else min(burst, row[0] + max(0.0, now - row[1]) * rate)
        allowed = tokens >= cost
        if allowed:
            tokens -= cost
        full_at = now + (burst - tokens) / rate if rate > 0 else now + 86400.0
        sql = "INSERT OR REPLACE INTO buckets (key, tokens, stamp, full_at) VALUES (?, ?, ?, ?)"
        conn.execute(sql, (key, tokens, now, full_at))
        return allowed
    finally:
        conn.execute("COMMIT")
