"""One WebSocket connection's conversation as a Sans-I/O object: a frame in, a frame out.

The litestar handler in ``ws.py`` only moves bytes; everything the contract says about
frames (rate limit, size limits, decoding, replies, resume/history, errors) is here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

from assistant.engine import Engine
from assistant.errors import RequestError
from assistant.server.conversations import Conversation, ConversationStore, take_turn
from assistant.server.limits import TokenBucket
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


class Session:
    """The state of one connection: its conversation and its token bucket."""

    def __init__(
        self,
        engine: Engine,
        store: ConversationStore,
        settings: Settings,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.store = store
        self.settings = settings
        self.clock = clock
        self.conversation: Conversation = store.create()
        self.bucket = TokenBucket(settings.rate_per_second, settings.rate_burst, clock())
        # The channel's address and global limits (``Quotas.admit_message``): why not, or None.
        self.admit: Callable[[], str | None] = lambda: None

    def welcome(self) -> bytes:
        """The first frame of the connection."""
        return encode(Welcome(conversation_id=self.conversation.id, version=VERSION))

    def handle(self, raw: str | bytes) -> bytes:
        """Answer one client frame with exactly one server frame; never raises."""
        if not self.bucket.take(self.clock()):
            return encode(ErrorFrame(code="rate_limited", message=self._rate_message()))
        refused = self.admit()
        if refused is not None:
            return encode(ErrorFrame(code="rate_limited", message=refused))
        try:
            frame = decode_frame(raw, self.settings.max_frame_bytes)
        except RequestError as exc:
            return encode(ErrorFrame(code=exc.code, message=str(exc)))
        match frame:
            case Message(text=text, id=client_id):
                return self._answer(text, client_id)
            case Resume(conversation_id=conv_id, id=client_id):
                return self._resume(conv_id, client_id)
            case Ping(id=client_id):
                return encode(Pong(id=client_id))

    def _answer(self, text: str, client_id: ClientId | None) -> bytes:
        """Run the engine on one message; an engine failure becomes an ``internal`` error."""
        limit = self.settings.max_text_chars
        if len(text) > limit:
            message = f"text is over {limit} characters"
            return encode(ErrorFrame(code="too_large", message=message, id=client_id))
        try:
            reply = take_turn(self.engine, self.store, self.conversation, text)
            return encode(reply_frame(reply, self.conversation.id, client_id))
        except Exception:
            log.exception("engine failed on a message")
            return encode(ErrorFrame(code="internal", message=INTERNAL_MESSAGE, id=client_id))

    def _resume(self, conversation_id: str, client_id: ClientId | None) -> bytes:
        """Switch to a stored conversation and send its history, or say it is unknown."""
        conv = self.store.get(conversation_id)
        if conv is None:
            message = "no such conversation (unknown or expired); this connection keeps its own"
            return encode(ErrorFrame(code="unknown_conversation", message=message, id=client_id))
        self.conversation = conv
        return encode(History(conversation_id=conv.id, messages=history(conv), id=client_id))

    def _rate_message(self) -> str:
        """What a rate-limited client is told."""
        rate, burst = self.settings.rate_per_second, self.settings.rate_burst
        return f"too many messages: at most {rate:g} a second (bursts of {burst}); wait and retry"


def history(conv: Conversation) -> tuple[HistoryEntry, ...]:
    """A conversation's transcript as history entries, oldest first."""
    entries: list[HistoryEntry] = []
    for turn in conv.turns:
        entries.append(UserEntry(text=turn.text))
        entries.append(AssistantEntry(reply=turn.reply))
    return tuple(entries)
