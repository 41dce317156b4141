"""Composing a turn: call the answer for the decided Query, or ask a clarifying question.

Also fills follow-up suggestions from the intents files and records the turn in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import msgspec

from assistant.answers.query import IntentName, Query
from assistant.answers.sections import compose
from assistant.engine.absurd import with_absurd_note
from assistant.engine.budget import with_budget
from assistant.engine.currency import with_usd_note
from assistant.engine.decide import decide
from assistant.engine.horizon import with_horizon
from assistant.engine.intents import Intent
from assistant.engine.memory import Memory, asking, focus_with, remember
from assistant.engine.premise import with_pages_note, with_size_premise
from assistant.engine.region import names_region, with_region_note
from assistant.engine.understand import Clarify, Parts, Reading, read
from assistant.reply import Reply

Answer = Callable[[Any, Query], Reply]
MAX_SUGGESTIONS = 4
_EXAMPLE_MODELS = ("GPT-4o", "Claude Sonnet 4.5")


def respond(
    parts: Parts, catalog: Any, answers: Mapping[str, Answer], memory: Memory, text: str
) -> tuple[Reply, Memory]:
    """Understand the message, answer it (or ask back) and return the new memory."""
    reading = read(parts, text)
    decided = decide(parts, memory, reading)
    if isinstance(decided, Clarify):
        return clarify(parts, catalog, memory, decided)
    reply = _compose(answers, catalog, decided)
    if reading.currency:
        reply = with_usd_note(reply, reading.currency, alone=reply.intent == IntentName.FALLBACK)
    reply = with_size_premise(reply, catalog, reading.quantities)
    reply = with_pages_note(reply, reading.quantities)
    reply = with_absurd_note(reply, reading.quantities)
    if reply.intent == IntentName.PROVIDERS and names_region(reading.tokens):
        reply = with_region_note(reply)
    if reply.data and reply.data.get("not_carried"):  # a fact the catalog never carries
        reply = msgspec.structs.replace(reply, intent=IntentName.FALLBACK)
    if decided.intent != IntentName.FALLBACK and reply.intent == IntentName.FALLBACK:
        decided = msgspec.structs.replace(decided, intent=IntentName.FALLBACK)
    reply = _with_suggestions(parts, catalog, reply, decided)
    budget = _budget(memory, reading, decided)
    if budget is not None and reply.intent == IntentName.MONTHLY_COST:
        ids = reply.models or decided.models
        names = dict(zip(ids, names_of(catalog, ids), strict=True))
        reply = with_budget(reply, budget, names, lambda route: _provider_name(catalog, route))
    months = reading.quantities.months
    if months and reply.intent == IntentName.MONTHLY_COST:
        ids = reply.models or decided.models
        names = dict(zip(ids, names_of(catalog, ids), strict=True))
        reply = with_horizon(reply, months, names, lambda route: _provider_name(catalog, route))
    after = remember(memory, decided, reply.models)
    if budget is not None and after.last_intent == IntentName.MONTHLY_COST:
        after = msgspec.structs.replace(after, budget=budget)
    return reply, after


def _provider_name(catalog: Any, provider_id: str) -> str:
    """A provider's display name (its id when the catalog has no name)."""
    provider = catalog.provider(provider_id) if catalog is not None else None
    return str(provider.name) if provider is not None and provider.name else provider_id


def _budget(memory: Memory, reading: Reading, query: Query) -> float | None:
    """The monthly budget stated now, or kept from the last cost turn for a follow-up."""
    if reading.quantities.budget is not None:
        return reading.quantities.budget
    if query.intent == IntentName.MONTHLY_COST and memory.last_intent == IntentName.MONTHLY_COST:
        return memory.budget
    return None


def _compose(answers: Mapping[str, Answer], catalog: Any, query: Query) -> Reply:
    """The answer's Reply; an honest fallback if the answer is missing or fails."""
    answer = answers.get(query.intent)
    if answer is None:
        return unavailable(query)
    try:
        return compose(answers, catalog, query, answer(catalog, query))
    except Exception:  # an answer bug must not take the conversation down
        return unavailable(query)


def unavailable(query: Query) -> Reply:
    """An honest reply when no answer could be composed; invents nothing."""
    return Reply(
        text="Sorry, I could not work that out from the catalog. Try rephrasing the question.",
        intent=IntentName.FALLBACK,
        models=query.models,
    )


def names_of(catalog: Any, model_ids: Sequence[str]) -> list[str]:
    """Display names of catalog models (the id when a model has no name)."""
    names = []
    for model_id in model_ids:
        model = catalog.model(model_id) if catalog is not None else None
        names.append(model.name if model is not None and model.name else model_id)
    return names


def fill(template: str, names: Sequence[str]) -> str | None:
    """A suggestion template with model names filled in; None when names are missing."""
    values = {"model": names[-1] if names else None}
    values["model_a"] = names[0] if len(names) >= 2 else None
    values["model_b"] = names[1] if len(names) >= 2 else None
    for key, value in values.items():
        if "{" + key + "}" in template:
            if value is None:
                return None
            template = template.replace("{" + key + "}", value)
    return template


def _suggestions(intent: Intent | None, names: Sequence[str]) -> tuple[str, ...]:
    """The intent's follow-up suggestions that can be filled for these models."""
    if intent is None:
        return ()
    filled = (fill(template, names) for template in intent.suggestions)
    return tuple(s for s in filled if s)[:MAX_SUGGESTIONS]


def _with_suggestions(parts: Parts, catalog: Any, reply: Reply, query: Query) -> Reply:
    """The reply, with suggestions from the intents file when the answer gave none."""
    if reply.suggestions:
        return reply
    names = names_of(catalog, reply.models or query.models)
    suggestions = _suggestions(parts.intents.get(reply.intent), names)
    return msgspec.structs.replace(reply, suggestions=suggestions)


def clarify(parts: Parts, catalog: Any, memory: Memory, ask: Clarify) -> tuple[Reply, Memory]:
    """Ask a short clarifying question, with the options as clickable suggestions."""
    query = ask.query
    if ask.kind == "model":
        names = names_of(catalog, ask.options)
        text = (
            f"Did you mean {names[0]} or {names[1]}?"
            if len(names) == 2
            else f"Which one do you mean: {', '.join(names[:-1])} or {names[-1]}?"
        )
        suggestions = tuple(names)
    elif ask.kind == "intent":
        labels = [parts.intents[name].label or name for name in ask.options]
        text = f"Did you mean {labels[0]} or {labels[1]}?"
        names = names_of(catalog, query.models) or list(_EXAMPLE_MODELS)
        filled = (fill(parts.intents[name].question, names) for name in ask.options)
        suggestions = tuple(s for s in filled if s)
    else:
        intent = parts.intents.get(query.intent)
        label = intent.label if intent else "that"
        text = f"Which model do you mean? Name one and I will look up {label}."
        template = intent.question if intent and intent.question else "Tell me about {model}"
        filled = (fill(template, [name]) for name in _EXAMPLE_MODELS)
        suggestions = tuple(s for s in filled if s)
    reply = Reply(
        text=text,
        intent=IntentName.CLARIFY,
        models=query.models,
        suggestions=suggestions,
        data={IntentName.CLARIFY: ask.kind, "options": list(ask.options)},
    )
    kept = tuple(m for m in query.models if m not in ask.options)  # "4o vs sonnet": GPT-4o
    carried = msgspec.structs.replace(
        memory,
        last_intent=query.intent,
        models=focus_with(memory.models, kept),
        last_models=kept or memory.last_models,
    )
    if query.intent in {IntentName.CLARIFY, IntentName.FALLBACK}:
        carried = memory
    return reply, asking(carried, ask.kind, ask.options)
