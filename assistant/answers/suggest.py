"""Follow-up questions a user can click, phrased with the models' names."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.subjects import neighbours
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog

SINGLE: dict[str, str] = {
    "overview": "Tell me about {a}",
    "context_window": "What is the context window of {a}?",
    "license": "Is {a} open source?",
    "pricing": "How much does {a} cost per 1M tokens?",
    "monthly_cost": "What would 1M requests a month cost on {a}?",
    "providers": "Where can I run {a}?",
    "specs": "When was {a} released?",
    "benchmarks": "What benchmarks are sourced for {a}?",
    "capability": "Does {a} support function calling?",
    "deprecation": "Is {a} deprecated?",
    "self_host": "Does {a} fit on a 24 GB GPU?",
}

PAIR: dict[str, str] = {
    "compare": "Compare {a} and {b}",
    "context_window": "Which has a larger context window, {a} or {b}?",
    "pricing": "Which is cheaper to run, {a} or {b}?",
    "monthly_cost": "What would {a} and {b} cost at 1M requests a month?",
    "license": "Is {a} or {b} open source?",
    "switch_friction": "What breaks if I move from {a} to {b}?",
    "tradeoffs": "What are the tradeoffs between {a} and {b}?",
    "recommend": "Which is safer, {a} or {b}?",
    "providers": "Where can I run {a} and {b}?",
}


def follow_ups(
    catalog: Catalog, models: Sequence[Model], intent: str, limit: int = 3
) -> tuple[str, ...]:
    """2-4 follow-up questions about these models, skipping the intent just answered."""
    if not models:
        return ()
    if len(models) >= 2:
        a, b = models[0].name, models[1].name
        out = [t.format(a=a, b=b) for k, t in PAIR.items() if k != intent]
    else:
        a = models[0].name
        out = [t.format(a=a) for k, t in SINGLE.items() if k != intent]
        near = neighbours(catalog, tuple(models), limit=1)
        if near:
            out.insert(1, f"Compare {a} and {near[0].name}")
    return tuple(out[:limit])
