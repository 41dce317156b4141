"""Which models an answer is about: the query's models found in the catalog, or a clarifying reply.

Also owns the catalog-derived model picks used for example questions and the
"continue comparing" neighbours (same lab or family, similar context and price).
"""

from __future__ import annotations

import re
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
        text = f'I couldn\'t find a model called "{query.unresolved[0]}" in the catalog. ' + text
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

    A neighbour needs a shared lab or family (>= 2 points). Proper names ("Claude Sonnet
    4.5", not a raw id) come first, then the closest; ties go to models with more routes, then
    newer releases (``name_rank``). Duplicates of a chosen model's name, and of each other,
    are skipped. Only the best few of each prebuilt group are scored (see ``_gather``).
    """
    chosen = {m.id for m in models} | {name_key(m.name) for m in models}
    index = _kin_index(catalog)
    found: dict[str, Model] = {}
    for model in models:
        for key in _kin_keys(model):
            group = index.groups.get(key)
            if group is not None:
                for other in _gather(group, model, chosen, limit):
                    found.setdefault(other.id, other)
    scored = [
        (
            not proper_name(other),
            -max(_closeness(m, other) for m in models),
            index.rank[other.id],
            other,
        )
        for other in found.values()
    ]
    scored.sort(key=lambda row: row[:3])
    best: dict[str, Model] = {}  # the best-placed model of each display name
    for row in scored:
        best.setdefault(name_key(row[3].name), row[3])
    return tuple(best.values())[:limit]


def _gather(group: _Group, model: Model, chosen: set[str], limit: int) -> list[Model]:
    """The best-ranked ``limit`` models of a group with context near the model's, and not near.

    Within one group every member shares the same lab/family points with the model and the
    rank puts proper names first, so the global top ``limit`` is always among these (exact).
    """
    near: list[Model] = []
    if model.context_window:
        bucket = _bucket(model.context_window)
        for b in (bucket - 1, bucket, bucket + 1):
            near += _take(group.by_bucket.get(b, ()), limit, chosen, model, want_near=True)
    far = _take(group.members, limit, chosen, model, want_near=False)
    return near + far


def _take(
    members: tuple[Model, ...], limit: int, chosen: set[str], model: Model, *, want_near: bool
) -> list[Model]:
    """The first ``limit`` members (rank order, one per name) with context nearness ``want_near``.

    ``chosen`` holds the chosen models' ids and name keys: their duplicates are skipped.
    """
    out: list[Model] = []
    seen: set[str] = set()
    for other in members:
        if other.id in chosen or _near_context(model, other) is not want_near:
            continue
        key = name_key(other.name)
        if key not in chosen and key not in seen:
            seen.add(key)
            out.append(other)
            if len(out) >= limit:
                break
    return out


def name_key(name: str) -> str:
    """A display name folded for duplicate checks: "Claude 4.5 Sonnet" ~ "claude-4.5-sonnet"."""
    return "".join(sorted(_NAME_WORD.findall(name.lower())))


_NAME_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def _bucket(context: int) -> int:
    """A context window's power-of-two bucket (models within 2x sit in adjacent buckets)."""
    return context.bit_length()


class _Group:
    """One lab / family / lab+family group: members in rank order, and by context bucket."""

    __slots__ = ("by_bucket", "members")

    def __init__(self, members: tuple[Model, ...]) -> None:
        self.members = members
        buckets: dict[int, list[Model]] = {}
        for m in members:
            if m.context_window:
                buckets.setdefault(_bucket(m.context_window), []).append(m)
        self.by_bucket = {b: tuple(v) for b, v in buckets.items()}


class _KinIndex:
    """Groups per kin key, plus every model's rank (position in ``name_rank`` order)."""

    __slots__ = ("groups", "rank")

    def __init__(self, groups: dict[str, _Group], rank: dict[str, int]) -> None:
        self.groups = groups
        self.rank = rank


def _kin_keys(model: Model) -> tuple[str, ...]:
    """Index keys relating models: lab, family, and lab+family."""
    keys = []
    if model.lab_id:
        keys.append(f"lab:{model.lab_id}")
    if model.family:
        keys.append(f"family:{model.family}")
    if model.lab_id and model.family:
        keys.append(f"both:{model.lab_id}:{model.family}")
    return tuple(keys)


@lru_cache(maxsize=8)
def _kin_index(catalog: Catalog) -> _KinIndex:
    """Models per lab, family and lab+family in rank order, built once per catalog."""
    ranked = sorted(catalog.all_models(), key=lambda m: name_rank(catalog, m))
    members: dict[str, list[Model]] = {}
    for model in ranked:
        for key in _kin_keys(model):
            members.setdefault(key, []).append(model)
    groups = {k: _Group(tuple(v)) for k, v in members.items()}
    return _KinIndex(groups, {m.id: i for i, m in enumerate(ranked)})


def name_rank(catalog: Catalog, model: Model) -> tuple[bool, int, int, str]:
    """Sort key preferring proper names, then more provider routes, then newer releases."""
    routes = len(catalog.routes_for(model.id))
    return (not proper_name(model), -routes, -release_key(model), model.id)


def proper_name(model: Model) -> bool:
    """True when the display name reads as a name ("Claude Sonnet 4.5"), not a raw id."""
    name = model.name
    if "--" in name or name == model.id:
        return False
    return " " in name or any(c.isupper() for c in name)


def _near_context(model: Model, other: Model) -> bool:
    """True when both context windows are known and within 2x of each other."""
    if not model.context_window or not other.context_window:
        return False
    return 0.5 <= model.context_window / other.context_window <= 2


def _closeness(model: Model, other: Model) -> int:
    """How related two models are (lab, family, context size)."""
    score = 0
    if model.lab_id and model.lab_id == other.lab_id:
        score += 2
    if model.family and model.family == other.family:
        score += 2
    return score + int(_near_context(model, other))
