"""The Reply struct: what the core hands to every channel (see ../CONTRACT.md)."""

from __future__ import annotations

from typing import Any

import msgspec


class Reply(msgspec.Struct, frozen=True, kw_only=True):
    """One answer: markdown text, matched intent, models it is about, follow-ups, facts."""

    text: str
    intent: str
    models: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    data: dict[str, Any] = msgspec.field(default_factory=dict)
