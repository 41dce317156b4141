"""The conversation log: one entry per answered turn, for ``assistant review``.

Each entry holds the time, channel, question text, intent, models, whether it fell back,
the parts the engine could not apply (``Reply.data["unapplied"]`` when the engine sets
it) and the latency. Where it goes follows ``ASSISTANT_STORE``: a SQLite file
``<data_dir>/log.db`` by default, the Redis Stream ``assistant:log`` (trimmed to
``ASSISTANT_LOG_MAX_ENTRIES``) with ``redis://``, a bounded list with ``memory://``;
``ASSISTANT_LOG=off`` writes nothing. Entries older than the retention go.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any, Protocol

import msgspec
from redis.asyncio import Redis

from assistant.errors import ConfigError
from assistant.reply import Reply
from assistant.server.store.backends import Backend, RedisBackend
from assistant.settings import Settings

STREAM = "assistant:log"
TRIM_EVERY = 500  # writes between two retention passes
FLUSH_ROWS = 64  # SQLite: rows written in one transaction ...
FLUSH_SECONDS = 1.0  # ... or this long after the first of them, whichever comes first
MEMORY_ENTRIES = 10_000
DAY = 86400.0
log = logging.getLogger("assistant.server")


class TurnEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One logged turn."""

    at: float  # Unix time
    channel: str
    text: str
    intent: str
    models: tuple[str, ...] = ()
    fallback: bool = False
    unapplied: tuple[str, ...] = ()
    latency_ms: float = 0.0


def unapplied_parts(reply: Reply) -> tuple[str, ...]:
    """The parts of the question the engine says it could not apply (empty when none)."""
    parts: Any = reply.data.get("unapplied") if isinstance(reply.data, dict) else None
    if not isinstance(parts, list | tuple):
        return ()
    return tuple(str(part) for part in parts if str(part).strip())


def turn_entry(channel: str, text: str, reply: Reply, latency: float) -> TurnEntry:
    """The log entry of one answered turn (``latency`` in seconds)."""
    return TurnEntry(
        at=time.time(),
        channel=channel,
        text=text,
        intent=reply.intent,
        models=tuple(reply.models),
        fallback=reply.intent == "fallback",
        unapplied=unapplied_parts(reply),
        latency_ms=round(latency * 1000, 3),
    )


class TurnLog(Protocol):
    """Where turn entries go, and where ``assistant review`` reads them back."""

    async def record(self, entry: TurnEntry) -> None:
        """Append one entry."""

    async def entries(self, since: float) -> list[TurnEntry]:
        """Every entry at or after Unix time ``since``, oldest first."""

    async def close(self) -> None:
        """Write what is pending and release the file (the Redis client is the backend's)."""


class NoLog:
    """``ASSISTANT_LOG=off``."""

    async def record(self, entry: TurnEntry) -> None:
        """Drop the entry."""

    async def entries(self, since: float) -> list[TurnEntry]:
        """Nothing was logged."""
        return []

    async def close(self) -> None:
        """Nothing to close."""


class MemoryLog:
    """The last ``MEMORY_ENTRIES`` entries in this process (with ``memory://``)."""

    def __init__(self) -> None:
        self.items: deque[TurnEntry] = deque(maxlen=MEMORY_ENTRIES)

    async def record(self, entry: TurnEntry) -> None:
        """Append one entry."""
        self.items.append(entry)

    async def entries(self, since: float) -> list[TurnEntry]:
        """Entries since ``since``."""
        return [entry for entry in self.items if entry.at >= since]

    async def close(self) -> None:
        """Nothing to close."""


_COLUMNS = "at, channel, text, intent, models, fallback, unapplied, latency_ms"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS turns ({_COLUMNS});
CREATE INDEX IF NOT EXISTS turns_at ON turns (at);
"""


class SQLiteLog:
    """Entries as rows of ``turns`` in a SQLite file (WAL, shared by the workers)."""

    def __init__(self, path: Path, retention_days: float) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.retention = retention_days * DAY
        self._conn = sqlite3.connect(
            path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)
        self._guard = threading.Lock()
        self._writes = 0
        self._pending: list[tuple[Any, ...]] = []
        self._flush_at: asyncio.TimerHandle | None = None

    def _flush(self) -> None:
        """Insert the pending rows in one transaction (and apply the retention now and then)."""
        rows, self._pending = self._pending, []
        self._flush_at = None
        if not rows:
            return
        with self._guard:
            self._conn.execute("BEGIN")
            self._conn.executemany(f"INSERT INTO turns ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)", rows)
            self._writes += len(rows)
            if self._writes >= TRIM_EVERY:
                self._writes = 0
                cutoff = time.time() - self.retention
                self._conn.execute("DELETE FROM turns WHERE at < ?", (cutoff,))
            self._conn.execute("COMMIT")

    async def record(self, entry: TurnEntry) -> None:
        """Queue one entry; rows are written in batches, at most ``FLUSH_SECONDS`` later."""
        self._pending.append(
            (
                entry.at,
                entry.channel,
                entry.text,
                entry.intent,
                msgspec.json.encode(entry.models).decode(),
                int(entry.fallback),
                msgspec.json.encode(entry.unapplied).decode(),
                entry.latency_ms,
            )
        )
        if len(self._pending) >= FLUSH_ROWS:
            self._flush()
        elif self._flush_at is None:
            loop = asyncio.get_running_loop()
            self._flush_at = loop.call_later(FLUSH_SECONDS, self._flush_quietly)

    def _flush_quietly(self) -> None:
        """The timed flush: a failure is logged, the rows are dropped, the server goes on."""
        try:
            self._flush()
        except sqlite3.Error as exc:
            log.warning("conversation log write failed: %s", exc)

    async def close(self) -> None:
        """Write what is pending and close the file."""
        if self._flush_at is not None:
            self._flush_at.cancel()
        self._flush()
        with self._guard:
            self._conn.close()

    def _select(self, since: float) -> list[TurnEntry]:
        """Rows since ``since``."""
        with self._guard:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM turns WHERE at >= ? ORDER BY at", (since,)
            ).fetchall()
        return [
            TurnEntry(
                at=at,
                channel=channel,
                text=text,
                intent=intent,
                models=tuple(msgspec.json.decode(models)),
                fallback=bool(fallback),
                unapplied=tuple(msgspec.json.decode(unapplied)),
                latency_ms=latency,
            )
            for at, channel, text, intent, models, fallback, unapplied, latency in rows
        ]

    async def entries(self, since: float) -> list[TurnEntry]:
        """Entries since ``since`` (pending ones written first)."""
        self._flush()
        return await asyncio.to_thread(self._select, since)


class RedisLog:
    """Entries in a Redis Stream capped at ``max_entries`` (approximately, as Redis trims)."""

    def __init__(self, redis: Redis, max_entries: int, retention_days: float) -> None:
        self.redis = redis
        self.max_entries = max(1, max_entries)
        self.retention = retention_days * DAY
        self._writes = 0

    async def record(self, entry: TurnEntry) -> None:
        """XADD with MAXLEN; now and then XTRIM MINID for the retention."""
        fields: dict[Any, Any] = {"e": msgspec.json.encode(entry)}
        await self.redis.xadd(STREAM, fields, maxlen=self.max_entries, approximate=True)
        self._writes += 1
        if self._writes % TRIM_EVERY == 1:
            oldest = int((time.time() - self.retention) * 1000)
            await self.redis.xtrim(STREAM, minid=str(oldest), approximate=True)

    async def close(self) -> None:
        """The backend closes the Redis client."""

    async def entries(self, since: float) -> list[TurnEntry]:
        """XRANGE from ``since``, in pages."""
        found: list[TurnEntry] = []
        start = str(int(since * 1000))
        while True:
            page: Any = await self.redis.xrange(STREAM, min=start, max="+", count=1000)
            for stream_id, fields in page:
                found.append(msgspec.json.decode(fields[b"e"], type=TurnEntry))
                start = "(" + bytes(stream_id).decode()
            if len(page) < 1000:
                return found


def open_log(settings: Settings, backend: Backend) -> TurnLog:
    """The log ``settings`` select next to ``backend``; ConfigError for a bad ASSISTANT_LOG."""
    mode = settings.log.strip().lower()
    if mode not in ("on", "off"):
        raise ConfigError(f"ASSISTANT_LOG={settings.log!r}: expected 'on' or 'off'")
    if mode == "off":
        return NoLog()
    if isinstance(backend, RedisBackend):
        return RedisLog(backend.redis, settings.log_max_entries, settings.log_retention_days)
    if backend.name == "memory":
        return MemoryLog()
    return SQLiteLog(settings.data_dir / "log.db", settings.log_retention_days)
