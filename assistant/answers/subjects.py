"""Which models an answer is about: the query's models found in the catalog, or a clarifying reply.

Also owns the catalog-derived model picks used for example questions and the
"continue comparing" neighbours (same lab or family, similar context and price).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from assistant.answers.kinds import model_kind
from assistant.answers.pricing import routes_of
from assistant.answers.query import Query
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.i18n import t
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
        text = t("Which two models should I compare?")
        examples = [f"Compare {a.name} and {b.name}" for a, b in pairwise(picks)]
    else:
        text = t("Which model do you mean?")
        examples = [f"{_intent_question(query.intent)} {m.name}?" for m in picks]
    if query.unresolved:
        text = (
            t('I couldn\'t find a model called "{name}" in the catalog.', name=query.unresolved[0])
            + " "
            + text
        )
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
        key=lambda m: (-len(routes_of(catalog, m.id)), -date_key(m.release_date), m.id),
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
    index = _kin_index(catalog)
    kinds = {model_kind(m) for m in models} - {None}
    if len(kinds) == 1:  # a neighbour must be of the subject's kind (chat with chat)
        index = _kind_index(catalog, next(iter(kinds)))
    chosen = {m.id for m in models} | {index.keys.get(m.id) or name_key(m.name) for m in models}
    found: dict[str, Model] = {}
    for model in models:  # lab+family groups first: their members score 4-5
        group = index.groups.get(_both_key(model))
        if group is not None:
            _gather(group, model, chosen, limit, found)
    if len({index.keys[i] for i in found if index.proper[i]}) < limit:  # else <= 3 can't place
        for model in models:
            for key in _kin_keys(model):
                group = index.groups.get(key)
                if group is not None:
                    _gather(group, model, chosen, limit, found)
    scored = sorted(
        (
            not index.proper[other.id],
            -max(_closeness(m, other) for m in models),
            index.rank[other.id],
            other,
        )
        for other in found.values()
    )
    best: dict[str, Model] = {}  # the best-placed model of each display name
    for row in scored:
        best.setdefault(index.keys[row[3].id], row[3])
    return tuple(best.values())[:limit]


def _gather(
    group: _Group, model: Model, chosen: set[str], limit: int, found: dict[str, Model]
) -> None:
    """Add the group's best-ranked ``limit`` models with context near the model's, and not near.

    Within one group every member shares the same lab/family points with the model and the
    rank puts proper names first, so the global top ``limit`` is always among these (exact).
    """
    ctx = model.context_window
    if ctx:
        bucket = _bucket(ctx)
        for b in (bucket - 1, bucket, bucket + 1):
            _take(group.by_bucket.get(b, ()), limit, chosen, ctx, True, found)
    _take(group.members, limit, chosen, ctx, False, found)


def _take(
    members: tuple[tuple[Model, str], ...],
    limit: int,
    chosen: set[str],
    ctx: int | None,
    want_near: bool,
    found: dict[str, Model],
) -> None:
    """Add the first ``limit`` members (rank order, one per name) of the wanted context nearness.

    ``chosen`` holds the chosen models' ids and name keys: their duplicates are skipped.
    """
    seen: set[str] = set()
    for other, key in members:
        if key in seen or key in chosen or other.id in chosen:
            continue
        octx = other.context_window
        if bool(ctx and octx and 0.5 <= ctx / octx <= 2) is want_near:
            seen.add(key)
            found.setdefault(other.id, other)
            if len(seen) >= limit:
                return


def name_key(name: str) -> str:
    """A display name folded for duplicate checks: "Claude 4.5 Sonnet" ~ "claude-4.5-sonnet".

    A parenthesised snapshot or tier ("GPT-4o (2024-11-20)") folds to the same model.
    """
    return "".join(sorted(_NAME_WORD.findall(_PARENS.sub(" ", name.lower()))))


_PARENS = re.compile(r"\([^)]*\)")


_NAME_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def _bucket(context: int) -> int:
    """A context window's power-of-two bucket (models within 2x sit in adjacent buckets)."""
    return context.bit_length()


class _Group:
    """One lab / family / lab+family group: (model, name key) in rank order, and by bucket."""

    __slots__ = ("by_bucket", "members")

    def __init__(self, members: tuple[tuple[Model, str], ...]) -> None:
        self.members = members
        buckets: dict[int, list[tuple[Model, str]]] = {}
        for entry in members:
            if entry[0].context_window:
                buckets.setdefault(_bucket(entry[0].context_window), []).append(entry)
        self.by_bucket = {b: tuple(v) for b, v in buckets.items()}


class _KinIndex:
    """Groups per kin key; every model's rank, name key and proper-name flag."""

    __slots__ = ("groups", "keys", "proper", "rank")

    def __init__(self, groups: dict[str, _Group], ranked: list[Model]) -> None:
        self.groups = groups
        self.rank = {m.id: i for i, m in enumerate(ranked)}
        self.keys = {m.id: name_key(m.name) for m in ranked}
        self.proper = {m.id: proper_name(m) for m in ranked}


def _both_key(model: Model) -> str:
    """The lab+family group key ("" when either is unknown)."""
    return f"both:{model.lab_id}:{model.family}" if model.lab_id and model.family else ""


def _kin_keys(model: Model) -> tuple[str, ...]:
    """Index keys relating models: lab and family (the lab+family key is ``_both_key``)."""
    keys = []
    if model.lab_id:
        keys.append(f"lab:{model.lab_id}")
    if model.family:
        keys.append(f"family:{model.family}")
    return tuple(keys)


@lru_cache(maxsize=32)
def _kind_index(catalog: Catalog, kind: str) -> _KinIndex:
    """The kin index over the models of one kind only."""
    return _build_index(catalog, tuple(m for m in catalog.all_models() if model_kind(m) == kind))


@lru_cache(maxsize=8)
def _kin_index(catalog: Catalog) -> _KinIndex:
    """Models per lab, family and lab+family in rank order, built once per catalog."""
    return _build_index(catalog, catalog.all_models())


def _build_index(catalog: Catalog, models: tuple[Model, ...]) -> _KinIndex:
    """Models per lab, family and lab+family in rank order."""
    ranked = sorted(models, key=lambda m: name_rank(catalog, m))
    members: dict[str, list[tuple[Model, str]]] = {}
    for model in ranked:
        entry = (model, name_key(model.name))
        for key in (*_kin_keys(model), _both_key(model)):
            if key:
                members.setdefault(key, []).append(entry)
    return _KinIndex({k: _Group(tuple(v)) for k, v in members.items()}, ranked)


def name_rank(catalog: Catalog, model: Model) -> tuple[bool, int, int, str]:
    """Sort key preferring proper names, then more provider routes, then newer releases."""
    routes = len(routes_of(catalog, model.id))
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
