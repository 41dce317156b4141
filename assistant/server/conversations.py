"""The server-side conversation store shared by every channel (WebSocket, HTTP, Slack).

A conversation has an unguessable id (``secrets.token_urlsafe``), its engine ``Memory``,
a bounded transcript and a token bucket. Entries expire ``ttl`` seconds after their last
use; when the store is full the least recently used one is dropped. A channel holding a
Conversation keeps using it even after it left the store (``append_turn`` puts it back).

    store = ConversationStore(ttl=3600, max_size=10_000)
    conv = store.create()                     # or store.get(id) / store.get_or_create(key)
    store.append_turn(conv, text, reply, memory)
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable

import msgspec

from assistant.engine import Engine, Memory
from assistant.reply import Reply
from assistant.server.limits import TokenBucket


class Turn(msgspec.Struct, frozen=True):
    """One exchange: what the user said and what the assistant replied."""

    text: str
    reply: Reply


class Conversation:
    """One conversation's server-side state."""

    __slots__ = ("bucket", "id", "last_used", "memory", "turns")

    def __init__(self, conversation_id: str, bucket: TokenBucket, now: float, max_turns: int):
        self.id = conversation_id
        self.memory = Memory()
        self.turns: deque[Turn] = deque(maxlen=max_turns)
        self.bucket = bucket
        self.last_used = now


def new_conversation_id() -> str:
    """An unguessable conversation id (128 random bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class ConversationStore:
    """Conversations by id, with a TTL and a maximum size (least recently used goes first)."""

    def __init__(
        self,
        ttl: float,
        max_size: int,
        *,
        max_turns: int = 50,
        rate_per_second: float = 5.0,
        rate_burst: int = 20,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_size = max(1, max_size)
        self.max_turns = max_turns
        self.rate_per_second = rate_per_second
        self.rate_burst = rate_burst
        self.clock = clock
        self._items: OrderedDict[str, Conversation] = OrderedDict()

    def __len__(self) -> int:
        """Number of live conversations (expired ones may linger until the next expire)."""
        return len(self._items)

    def create(self, conversation_id: str | None = None) -> Conversation:
        """Start a conversation (a fresh random id unless one is given) and store it."""
        now = self.clock()
        conv_id = conversation_id or new_conversation_id()
        bucket = TokenBucket(self.rate_per_second, self.rate_burst, now)
        conv = Conversation(conv_id, bucket, now, self.max_turns)
        self._put(conv)
        return conv

    def get(self, conversation_id: str) -> Conversation | None:
        """The live conversation with this id, or None when unknown or expired."""
        conv = self._items.get(conversation_id)
        if conv is None:
            return None
        now = self.clock()
        if now - conv.last_used > self.ttl:
            del self._items[conversation_id]
            return None
        self._touch(conv, now)
        return conv

    def get_or_create(self, conversation_id: str) -> Conversation:
        """The conversation with this id (e.g. a Slack thread key), created when absent."""
        return self.get(conversation_id) or self.create(conversation_id)

    def append_turn(self, conv: Conversation, text: str, reply: Reply, memory: Memory) -> None:
        """Record one exchange and the engine's new memory; keeps the conversation stored."""
        conv.memory = memory
        conv.turns.append(Turn(text=text, reply=reply))
        now = self.clock()
        if self._items.get(conv.id) is conv:
            self._touch(conv, now)
        else:
            conv.last_used = now
            self._put(conv)

    def expire(self) -> int:
        """Drop every conversation unused for longer than the TTL; return how many went."""
        cutoff = self.clock() - self.ttl
        dropped = 0
        while self._items:
            oldest = next(iter(self._items.values()))
            if oldest.last_used >= cutoff:
                break
            self._items.popitem(last=False)
            dropped += 1
        return dropped

    def _put(self, conv: Conversation) -> None:
        """Insert as most recently used, expiring and evicting to stay within bounds."""
        self.expire()
        self._items[conv.id] = conv
        self._items.move_to_end(conv.id)
        while len(self._items) > self.max_size:
            self._items.popitem(last=False)

    def _touch(self, conv: Conversation, now: float) -> None:
        """Mark as used now."""
        conv.last_used = now
        self._items.move_to_end(conv.id)


def take_turn(engine: Engine, store: ConversationStore, conv: Conversation, text: str) -> Reply:
    """Answer ``text`` in ``conv`` with the engine and record the exchange."""
    reply, memory = engine.respond(conv.memory, text)
    store.append_turn(conv, text, reply, memory)
    return reply
