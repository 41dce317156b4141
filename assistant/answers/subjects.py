"""Which models an answer is about: the query's models found in the catalog, or a clarifying reply.

Also owns the catalog-derived model picks used for example questions and the
"continue comparing" neighbours (same lab or family, similar context and price).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from assistant.answers.query import Query
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.reply import Reply


def models_of(catalog: Catalog, query: Query) -> tuple[Model, ...]:
    """The query's models that exist in the catalog, in mention order, without repeats."""
    found: dict[str, Model] = {}
    for model_id in query.models:
        model = catalog.model(model_id)
        if model is not None and model.id not in found:
            found[model.id] = model
    return tuple(found.values())


def clarify(catalog: Catalog, query: Query, need: int = 1) -> Reply:
    """A short question asking for the model(s) the intent needs, with example follow-ups."""
    picks = featured_models(catalog)
    if need >= 2:
        text = "Which two models should I compare?"
        examples = [f"Compare {a.name} and {b.name}" for a, b in pairwise(picks)]
    else:
        text = "Which model do you mean?"
        examples = [f"{_intent_question(query.intent)} {m.name}?" for m in picks]
    if query.unresolved:
        text = f"I couldn't find {query.unresolved[0]} in the catalog. " + text
    return Reply(
        text=text,
        intent=query.intent,
        suggestions=tuple(examples[:3]),
        data={"needs": "models", "count": need},
    )


def _intent_question(intent: str) -> str:
    """A question stem for an intent, used in clarifying suggestions."""
    stems = {
        "context_window": "What is the context window of",
        "license": "What is the license of",
        "pricing": "How much does it cost to use",
        "monthly_cost": "What would a month of traffic cost on",
        "providers": "Where can I run",
        "specs": "What are the specs of",
        "benchmarks": "What benchmarks are sourced for",
        "capability": "What can",
    }
    return stems.get(intent, "Tell me about")


@lru_cache(maxsize=8)
def featured_models(catalog: Catalog) -> tuple[Model, ...]:
    """Up to six well-documented models: most provider routes first, then newest, then id."""
    scored = sorted(
        catalog.all_models(),
        key=lambda m: (-len(catalog.routes_for(m.id)), -date_key(m.release_date), m.id),
    )
    return tuple(scored[:6])


def date_key(date: str | None) -> int:
    """YYYY-MM-DD or YYYY-MM as a sortable integer; unknown sorts oldest (0)."""
    if not date:
        return 0
    digits = date.replace("-", "")[:8].ljust(8, "0")
    return int(digits) if digits.isdigit() else 0


def release_key(model: Model) -> int:
    """A model's release date as a sortable integer (0 when unknown)."""
    return date_key(model.release_date)


def neighbours(catalog: Catalog, models: tuple[Model, ...], limit: int = 4) -> tuple[Model, ...]:
    """Other catalog models near these: same lab (+2), same family (+2), context within 2x (+1).

    A neighbour needs at least 2 points, i.e. a shared lab or family, so only those are scanned.
    """
    chosen = {m.id for m in models}
    scored: list[tuple[int, int, str, Model]] = []
    index = _kin_index(catalog)
    kin = {o.id: o for m in models for key in _kin_keys(m) for o in index.get(key, ())}
    for other in kin.values():
        if other.id in chosen:
            continue
        score = max(_closeness(m, other) for m in models)
        if score >= 2:
            scored.append((-score, -release_key(other), other.id, other))
    scored.sort(key=lambda row: row[:3])
    return tuple(row[3] for row in scored[:limit])


def _kin_keys(model: Model) -> tuple[str, ...]:
    """Index keys relating models: lab and family."""
    keys = []
    if model.lab_id:
        keys.append(f"lab:{model.lab_id}")
    if model.family:
        keys.append(f"family:{model.family}")
    return tuple(keys)


@lru_cache(maxsize=8)
def _kin_index(catalog: Catalog) -> dict[str, tuple[Model, ...]]:
    """Models per lab and per family, built once per catalog (neighbours need one of them)."""
    index: dict[str, list[Model]] = {}
    for model in catalog.all_models():
        for key in _kin_keys(model):
            index.setdefault(key, []).append(model)
    return {k: tuple(v) for k, v in index.items()}


def _closeness(model: Model, other: Model) -> int:
    """How related two models are (lab, family, context size)."""
    score = 0
    if model.lab_id and model.lab_id == other.lab_id:
        score += 2
    if model.family and model.family == other.family:
        score += 2
    if model.context_window and other.context_window:
        ratio = model.context_window / other.context_window
        score += int(0.5 <= ratio <= 2)
    return score
