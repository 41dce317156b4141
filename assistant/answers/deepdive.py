"""The full page's prose sections: the deep dive and the FAQ, answered from data for a pair."""

from __future__ import annotations

from assistant.answers.decision import strengths
from assistant.answers.facts import (
    PAGE_CAPABILITIES,
    capability_phrase,
    join_words,
    plural,
    price_per_m,
)
from assistant.answers.faq import (
    CONTEXT_WHY,
    LICENSE_WHY,
    PROVIDER_WHY,
    capability_sentence,
    context_sentence,
    license_sentence,
    where_sentence,
)
from assistant.answers.pricing import cheapest_route, routes_of
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog


def deep_dive(catalog: Catalog, a: Model, b: Model) -> str:
    """The page's deep dive: capability split, pricing coverage, when to choose which."""
    differ = [c for c in PAGE_CAPABILITIES if a.capability(c) is not b.capability(c)]
    both = [
        capability_phrase(c)
        for c in PAGE_CAPABILITIES
        if a.capability(c) is True and b.capability(c) is True
    ]
    parts = []
    if differ:
        who = [f"{capability_phrase(c)} ({_holder(a, b, c)})" for c in differ]
        parts.append(f"The capability footprint differs most on {join_words(who)}.")
    if both:
        parts.append(
            f"Both models share {join_words(both)}, so the practical split is not just "
            "feature count."
        )
    parts.append(_pricing_coverage(catalog, a, b))
    for model, other, tail in ((a, b, "central to the workload"), (b, a, "more important")):
        edge = strengths(catalog, model, other)[:2]
        if edge:
            verb = "are" if len(edge) > 1 else "is"
            parts.append(f"Choose {model.name} when {join_words(list(edge))} {verb} {tail}.")
    parts.append(
        "For production, rerun your own prompts through the exact provider, region, and "
        "tool stack you plan to ship."
    )
    return " ".join(parts)


def _holder(a: Model, b: Model, cap: str) -> str:
    """Which of the two has a capability (Yes), or that it is unknown."""
    yes = [m.name for m in (a, b) if m.capability(cap) is True]
    return (
        join_words(yes)
        if yes
        else "unknown for " + join_words([m.name for m in (a, b) if m.capability(cap) is None])
    )


def _pricing_coverage(catalog: Catalog, a: Model, b: Model) -> str:
    """Pricing and route coverage in two sentences."""

    def cover(m: Model) -> str:
        route = cheapest_route(catalog, m.id)
        if route is None:
            return f"{m.name} has no token price sourced yet"
        return f"{m.name} has {price_per_m(route.input_price).replace(' tokens', ' input tokens')}"

    ra, rb = len(routes_of(catalog, a.id)), len(routes_of(catalog, b.id))
    return (
        f"Pricing coverage: {cover(a)} and {cover(b)}. Provider availability is "
        f"{plural(ra, 'tracked route')} versus {rb}."
    )


def faq(catalog: Catalog, models: tuple[Model, ...]) -> str:
    """The page's FAQ, answered from data for this pair."""
    a, b = models
    qa = [
        (
            f"Which has a larger context window, {a.name} or {b.name}?",
            f"{context_sentence(models)} {CONTEXT_WHY}",
        ),
        (
            f"Is {a.name} or {b.name} open source?",
            f"{license_sentence(a)} {license_sentence(b)} {LICENSE_WHY}",
        ),
    ]
    for cap in ("vision", "multimodal", "code_execution"):
        qa.append(
            (
                f"Which is better for {capability_phrase(cap)}, {a.name} or {b.name}?",
                capability_sentence(models, cap),
            )
        )
    qa.append(
        (
            f"Where can I run {a.name} and {b.name}?",
            f"{where_sentence(catalog, a)} {where_sentence(catalog, b)} {PROVIDER_WHY}",
        )
    )
    return "\n\n".join(f"**{q}**\n{ans}" for q, ans in qa)
