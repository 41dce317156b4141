"""Follow-up questions a user can click, phrased with the models' names."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.subjects import neighbours
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.i18n import N_, t

SINGLE: dict[str, str] = {
    "overview": N_("Tell me about {a}"),
    "context_window": N_("What is the context window of {a}?"),
    "license": N_("Is {a} open source?"),
    "pricing": N_("How much does {a} cost per 1M tokens?"),
    "monthly_cost": N_("What would 1M requests a month cost on {a}?"),
    "providers": N_("Where can I run {a}?"),
    "specs": N_("When was {a} released?"),
    "benchmarks": N_("What benchmarks are sourced for {a}?"),
    "capability": N_("Does {a} support function calling?"),
}

PAIR: dict[str, str] = {
    "compare": N_("Compare {a} and {b}"),
    "context_window": N_("Which has a larger context window, {a} or {b}?"),
    "pricing": N_("Which is cheaper to run, {a} or {b}?"),
    "monthly_cost": N_("What would {a} and {b} cost at 1M requests a month?"),
    "license": N_("Is {a} or {b} open source?"),
    "switch_friction": N_("What breaks if I move from {a} to {b}?"),
    "tradeoffs": N_("What are the tradeoffs between {a} and {b}?"),
    "recommend": N_("Which is safer, {a} or {b}?"),
    "providers": N_("Where can I run {a} and {b}?"),
}


def follow_ups(
    catalog: Catalog, models: Sequence[Model], intent: str, limit: int = 3
) -> tuple[str, ...]:
    """2-4 follow-up questions about these models, skipping the intent just answered."""
    if not models:
        return ()
    if len(models) >= 2:
        a, b = models[0].name, models[1].name
        out = [t(q, a=a, b=b) for k, q in PAIR.items() if k != intent]
    else:
        a = models[0].name
        out = [t(q, a=a) for k, q in SINGLE.items() if k != intent]
        near = neighbours(catalog, tuple(models), limit=1)
        if near:
            out.insert(1, t("Compare {a} and {b}", a=a, b=near[0].name))
    return tuple(out[:limit])
