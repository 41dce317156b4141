"""Per-conversation memory: models in focus, last intent, traffic assumption."""

from __future__ import annotations

import msgspec

from assistant.answers.query import Traffic


class Memory(msgspec.Struct, frozen=True, kw_only=True):
    """What a conversation remembers between turns; ``Memory()`` is a new conversation."""

    models: tuple[str, ...] = ()
    last_intent: str | None = None
    traffic: Traffic = msgspec.field(default_factory=Traffic)
