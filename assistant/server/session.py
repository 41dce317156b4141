"""One WebSocket connection's conversation: a frame in, a frame out.

The litestar handler in ``ws.py`` only moves bytes; everything the contract says about
frames (rate limits, size limits, decoding, replies, resume/history, errors) is here. The
conversation itself lives in the store: the connection holds only its id (random, issued
at ``welcome``; nothing is stored before the first message) and its own token bucket.
A ``resume`` names a web conversation id (never a Slack one), returns a transcript capped
at ``history_bytes`` and costs one token per started ``RESUME_BYTES_PER_TOKEN`` it sends.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

from assistant.errors import RequestError, StoreError
from assistant.server.conversations import ConversationStore, Responder
from assistant.server.limits import TokenBucket
from assistant.server.store import metrics
from assistant.server.store.records import Turn, new_web_id, web_key
from assistant.server.wire import (
    AssistantEntry,
    ClientId,
    ErrorFrame,
    History,
    HistoryEntry,
    Message,
    Ping,
    Pong,
    Resume,
    UserEntry,
    Welcome,
    decode_frame,
    encode,
    reply_frame,
)
from assistant.settings import Settings

log = logging.getLogger("assistant.server")


def package_version() -> str:
    """The installed package's version, or "unknown" when run from an uninstalled tree."""
    try:
        return version("assistant")
    except PackageNotFoundError:
        return "unknown"


VERSION = package_version()
INTERNAL_MESSAGE = "the assistant could not answer this message; please try again"
RESUME_BYTES_PER_TOKEN = 8192
MAX_ID_CHARS = 128


class Session:
    """The state of one connection: its conversation id and its token bucket."""

    def __init__(
        self,
        engine: Responder,
        store: ConversationStore,
        settings: Settings,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.store = store
        self.settings = settings
        self.clock = clock
        self.conversation_id = new_web_id()
        self.bucket = TokenBucket(settings.rate_per_second, settings.rate_burst, clock())
        # The channel's address and global limits (``Quotas.admit_message``): why not, or None.
        self.admit: Callable[[], str | None] = lambda: None

    def welcome(self) -> bytes:
        """The first frame of the connection."""
        return encode(Welcome(conversation_id=self.conversation_id, version=VERSION))

    async def handle(self, raw: str | bytes) -> bytes:
        """Answer one client frame with exactly one server frame; never raises."""
        if not self.bucket.take(self.clock()):
            return self._rate_limited(None)
        refused = self.admit()
        if refused is not None:
            return encode(ErrorFrame(code="rate_limited", message=refused))
        try:
            frame = decode_frame(raw, self.settings.max_frame_bytes)
        except RequestError as exc:
            return encode(ErrorFrame(code=exc.code, message=str(exc)))
        match frame:
            case Message(text=text, id=client_id):
                return await self._answer(text, client_id)
            case Resume(conversation_id=conv_id, id=client_id):
                return await self._resume(conv_id, client_id)
            case Ping(id=client_id):
                return encode(Pong(id=client_id))

    async def _answer(self, text: str, client_id: ClientId | None) -> bytes:
        """Run a turn; a store failure or an engine failure becomes an error frame."""
        limit = self.settings.max_text_chars
        if len(text) > limit:
            message = f"text is over {limit} characters"
            return encode(ErrorFrame(code="too_large", message=message, id=client_id))
        key = web_key(self.conversation_id)
        try:
            if not await self.store.take(key):
                return self._rate_limited(client_id)
            reply = await self.store.turn(self.engine, key, "web", text)
        except StoreError as exc:
            return encode(ErrorFrame(code=exc.code, message=str(exc), id=client_id))
        except Exception:
            log.exception("engine failed on a message")
            return encode(ErrorFrame(code="internal", message=INTERNAL_MESSAGE, id=client_id))
        assert reply is not None  # created when absent
        return encode(reply_frame(reply, self.conversation_id, client_id))

    async def _resume(self, conversation_id: str, client_id: ClientId | None) -> bytes:
        """Switch to a stored web conversation and send its history, or say it is unknown."""
        try:
            turns = None
            if 0 < len(conversation_id) <= MAX_ID_CHARS:
                turns = await self.store.history(web_key(conversation_id))
        except StoreError as exc:
            return encode(ErrorFrame(code=exc.code, message=str(exc), id=client_id))
        if turns is None:
            message = "no such conversation (unknown or expired); this connection keeps its own"
            return encode(ErrorFrame(code="unknown_conversation", message=message, id=client_id))
        entries = capped(history(turns), self.settings.history_bytes - 512)
        frame = encode(History(conversation_id=conversation_id, messages=entries, id=client_id))
        if not self.bucket.take(self.clock(), resume_cost(len(frame), self.bucket.burst) - 1):
            return self._rate_limited(client_id)
        self.conversation_id = conversation_id
        return frame

    def _rate_limited(self, client_id: ClientId | None) -> bytes:
        """The rate-limited error frame (counted)."""
        metrics.RATE_LIMITED.labels(channel="web").inc()
        rate, burst = self.settings.rate_per_second, self.settings.rate_burst
        message = (
            f"too many messages: at most {rate:g} a second (bursts of {burst}); wait and retry"
        )
        return encode(ErrorFrame(code="rate_limited", message=message, id=client_id))


def resume_cost(frame_bytes: int, burst: float) -> float:
    """Tokens a history frame of this size costs: one per started 8 KiB, at most the burst."""
    return float(max(1, min(burst, math.ceil(frame_bytes / RESUME_BYTES_PER_TOKEN))))


def capped(entries: tuple[HistoryEntry, ...], limit: int) -> tuple[HistoryEntry, ...]:
    """The most recent entries whose JSON fits in ``limit`` bytes (the newest pair at least)."""
    sizes = [len(encode(entry)) + 1 for entry in entries]
    start, total = 0, sum(sizes)
    while total > limit and start < len(entries) - 2:
        total -= sizes[start] + sizes[start + 1]
        start += 2
    return entries[start:]


def history(turns: tuple[Turn, ...]) -> tuple[HistoryEntry, ...]:
    """A transcript as history entries, oldest first."""
    entries: list[HistoryEntry] = []
    for turn in turns:
        entries.append(UserEntry(text=turn.text))
        entries.append(AssistantEntry(reply=turn.reply))
    return tuple(entries)
