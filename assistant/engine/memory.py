"""Per-conversation memory: models in focus, the last answer's models, intent and slots, traffic.

Memory is a frozen value: every turn returns a new one; ``Memory()`` is a new conversation.
"""

from __future__ import annotations

import msgspec

from assistant.answers.query import IntentName, Query, Traffic

MAX_FOCUS = 4  # models kept in focus, most recent last


class Memory(msgspec.Struct, frozen=True, kw_only=True):
    """What a conversation remembers between turns; ``Memory()`` is a new conversation."""

    models: tuple[str, ...] = ()  # models in focus, most recently mentioned last
    last_models: tuple[str, ...] = ()  # the models the last answer was about
    group: tuple[str, ...] = ()  # the last answer about several models, in its order
    last_intent: str | None = None
    capability: str | None = None  # the last turn's slots, for follow-ups
    spec_field: str | None = None
    criterion: str | None = None
    price_kind: str | None = None
    token_count: int | None = None  # a document size asked about ("will 300K tokens fit")
    traffic: Traffic = msgspec.field(default_factory=Traffic)
    budget: float | None = None  # USD per month the user said they can spend
    pending: tuple[str, ...] = ()  # options of an open clarifying question
    pending_kind: str | None = None  # "intent" | "model"
    turns: int = 0


def focus_with(focus: tuple[str, ...], models: tuple[str, ...]) -> tuple[str, ...]:
    """The focus list with these models moved to its end (most recent), capped."""
    kept = tuple(model for model in focus if model not in models)
    return (kept + models)[-MAX_FOCUS:]


def remember(memory: Memory, query: Query, answered: tuple[str, ...] = ()) -> Memory:
    """The memory after answering a query; ``answered`` is the reply's models.

    A ranking's listed models become the last answer's models ("which of those ...") and
    its top model the one in focus ("its context window").
    """
    if query.intent in {
        IntentName.GREETING,
        IntentName.HELP,
        IntentName.THANKS,
        IntentName.FALLBACK,
    }:
        return msgspec.structs.replace(
            memory, pending=(), pending_kind=None, turns=memory.turns + 1
        )
    models, last = query.models, query.models or memory.last_models
    if query.intent == IntentName.RANK and answered:
        models, last = answered[:1], answered
    return Memory(
        models=focus_with(memory.models, models) if models else memory.models,
        last_models=last,
        group=last if len(last) >= 2 else memory.group,
        last_intent=query.intent,
        capability=query.capability,
        spec_field=query.spec_field,
        criterion=query.criterion,
        price_kind=query.price_kind,
        token_count=query.token_count,
        traffic=query.traffic,
        turns=memory.turns + 1,
    )


def asking(memory: Memory, kind: str, options: tuple[str, ...]) -> Memory:
    """The memory after asking a clarifying question with these options."""
    return msgspec.structs.replace(
        memory, pending=options, pending_kind=kind, turns=memory.turns + 1
    )
