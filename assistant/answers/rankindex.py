"""Per-catalog indexes for filter-and-rank: bitsets per filter value and pre-sorted orders.

Models are numbered by their position in ``catalog.all_models()``; a set of models
is a Python int used as a bitset (bit i = model i). Each filter has a *pass* and
a *fail* bitset (a model in neither is unknown for it); thresholds (context,
prices) use prefix bitsets over the models sorted by the value, so a filter is a
bisect plus an int. Sort orders are model numbers sorted by (key, model id).

Catalog-wide facts are indexed once per catalog; prices and the cheapest order
depend on the request's token shape, so they are indexed once per catalog and
shape. Nothing here depends on the question beyond that: each answer still
filters, counts and ranks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache

import msgspec

from assistant.answers.decision import is_open
from assistant.answers.pricing import (
    base_cost_per_request,
    cheapest_by_shape,
    priced_routes,
    routes_of,
    serves,
)
from assistant.answers.query import Traffic
from assistant.catalog.kinds import model_kind
from assistant.catalog.records import CAPABILITIES, Model, Route
from assistant.catalog.selfhost import smallest_gb
from assistant.catalog.store import Catalog


class Threshold(msgspec.Struct, frozen=True):
    """Models with a known value, sorted ascending, with prefix bitsets (prefix[k] = first k)."""

    values: tuple[float, ...]
    prefix: tuple[int, ...]
    known: int  # bitset of models with a value

    def at_most(self, limit: float) -> int:
        """Bitset of models whose value is <= limit."""
        return self.prefix[bisect_right(self.values, limit)]


class Order(msgspec.Struct, frozen=True):
    """Model numbers sorted by a key (lower first, ties by id) and the bitset having the key."""

    positions: tuple[int, ...]
    rank: dict[int, int]  # model number -> place in positions
    has: int


class CatalogIndex(msgspec.Struct, frozen=True):
    """Shape-independent indexes of one catalog."""

    models: tuple[Model, ...]
    every: int
    kinds: dict[str, int]  # kind id (kinds.toml) -> its models
    cap_yes: dict[str, int]
    cap_no: dict[str, int]
    open_yes: int
    open_no: int
    lab_known: int
    labs: dict[str, int]
    providers: dict[str, int]  # provider id -> models it serves (itself or a sub-endpoint)
    neg_context: Threshold  # -context ascending: ">= X" is "-context <= -X"
    memory: Threshold  # self-host GB at 4-bit (estimate, catalog/selfhost.py), by params_total
    orders: dict[str, Order]  # "context", "newest", "benchmark"


class ShapeIndex(msgspec.Struct, frozen=True):
    """Per token-shape indexes: cheapest route per model, price thresholds, cheapest order."""

    routes: dict[int, Route]
    input_price: Threshold
    output_price: Threshold
    cheapest: Order


def threshold(values: dict[int, float]) -> Threshold:
    """A Threshold over model number -> value."""
    ranked = sorted(values.items(), key=lambda kv: kv[1])
    prefix = [0]
    for pos, _ in ranked:
        prefix.append(prefix[-1] | (1 << pos))
    return Threshold(values=tuple(v for _, v in ranked), prefix=tuple(prefix), known=prefix[-1])


def order(models: Sequence[Model], keys: dict[int, float]) -> Order:
    """An Order over model number -> key (ties by model id)."""
    positions = tuple(sorted(keys, key=lambda pos: (keys[pos], models[pos].id)))
    has = 0
    for pos in positions:
        has |= 1 << pos
    return Order(positions=positions, rank={p: i for i, p in enumerate(positions)}, has=has)


def bits(models: Sequence[Model], test: Callable[[Model], bool]) -> int:
    """Bitset of the models passing a test."""
    out = 0
    for pos, model in enumerate(models):
        if test(model):
            out |= 1 << pos
    return out


@lru_cache(maxsize=8)
def catalog_index(catalog: Catalog) -> CatalogIndex:
    """The shape-independent indexes, built once per catalog (catalogs are read-only)."""
    models = catalog.all_models()
    labs: dict[str, int] = {}
    providers: dict[str, int] = {}
    known = provider_id_set(catalog)
    for pos, model in enumerate(models):
        for name in _lab_names(model):
            labs[name] = labs.get(name, 0) | (1 << pos)
        for route in routes_of(catalog, model.id):
            for key in provider_keys(route.provider_id, known):
                providers[key] = providers.get(key, 0) | (1 << pos)
    contexts = _keys(models, _context_key)
    return CatalogIndex(
        models=models,
        every=(1 << len(models)) - 1,
        kinds=_kind_bits(models),
        cap_yes={c: _cap_bits(models, c, True) for c in CAPABILITIES},
        cap_no={c: _cap_bits(models, c, False) for c in CAPABILITIES},
        open_yes=bits(models, lambda m: is_open(m) is True),
        open_no=bits(models, lambda m: is_open(m) is False),
        lab_known=bits(models, lambda m: bool(_lab_names(m))),
        labs=labs,
        providers=providers,
        neg_context=threshold(contexts),
        memory=threshold(
            {p: smallest_gb(m.params_total) for p, m in enumerate(models) if m.params_total}
        ),
        orders={
            "context": order(models, contexts),
            "newest": order(models, _keys(models, _newest_key)),
            "benchmark": order(models, _keys(models, lambda m: _bench_key(catalog, m))),
        },
    )


@lru_cache(maxsize=16)
def shape_index(catalog: Catalog, input_tokens: float, output_tokens: float) -> ShapeIndex:
    """The price indexes for one request shape (tokens in/out), built once per catalog and shape."""
    models = catalog_index(catalog).models
    cheapest = cheapest_by_shape(catalog, input_tokens, output_tokens)
    routes = {pos: r for pos, m in enumerate(models) if (r := cheapest.get(m.id)) is not None}
    return _shape_of(
        models, routes, Traffic(input_tokens=input_tokens, output_tokens=output_tokens)
    )


def provider_id_set(catalog: Catalog) -> frozenset[str]:
    """Every provider id the catalog names (providers and routes)."""
    ids = {p.id for p in catalog.all_providers()}
    for model in catalog.all_models():
        ids.update(r.provider_id for r in routes_of(catalog, model.id))
    return frozenset(ids)


def provider_keys(provider_id: str, known: frozenset[str]) -> tuple[str, ...]:
    """The provider ids a route's provider answers to: itself and each parent id it extends.

    "azure-cognitive-services" answers to "azure" too (see pricing.serves).
    """
    parts = provider_id.split("-")
    parents = ("-".join(parts[:n]) for n in range(1, len(parts)))
    return (provider_id, *(p for p in parents if p in known))


@lru_cache(maxsize=256)
def provider_shape(
    catalog: Catalog, provider_id: str, input_tokens: float, output_tokens: float
) -> ShapeIndex:
    """The price indexes of the models on one provider, priced on that provider's routes.

    A model's route on a provider is its complete route there with the lowest cost at
    the shape, the provider's own id before its sub-endpoints (see pricing.serves).
    Built once per catalog, provider and shape.
    """
    idx = catalog_index(catalog)
    shape = Traffic(input_tokens=input_tokens, output_tokens=output_tokens)
    priced = priced_routes(catalog)
    routes: dict[int, Route] = {}
    for pos in positions(idx.providers.get(provider_id, 0)):
        mine = [r for r in priced.get(idx.models[pos].id, ()) if serves(r.provider_id, provider_id)]
        if mine:
            routes[pos] = min(mine, key=lambda r: _route_key(r, provider_id, shape))
    return _shape_of(idx.models, routes, shape)


def _route_key(route: Route, provider_id: str, shape: Traffic) -> tuple[bool, float, str]:
    """Preference among a model's routes on one provider: own id, then cost, then id."""
    return route.provider_id != provider_id, base_cost_per_request(route, shape), route.provider_id


def _shape_of(models: Sequence[Model], routes: dict[int, Route], shape: Traffic) -> ShapeIndex:
    """A ShapeIndex over chosen routes (model number -> route)."""
    return ShapeIndex(
        routes=routes,
        input_price=threshold({p: r.input_price for p, r in routes.items() if r.input_price}),
        output_price=threshold({p: r.output_price for p, r in routes.items() if r.output_price}),
        cheapest=order(models, {p: base_cost_per_request(r, shape) for p, r in routes.items()}),
    )


def _kind_bits(models: Sequence[Model]) -> dict[str, int]:
    """Bitset of the models of each kind."""
    out: dict[str, int] = {}
    for pos, model in enumerate(models):
        kind = model_kind(model)
        out[kind] = out.get(kind, 0) | (1 << pos)
    return out


def _cap_bits(models: Sequence[Model], name: str, value: bool) -> int:
    """Bitset of the models whose capability flag is sourced as ``value``."""
    return bits(models, lambda m: m.capability(name) is value)


def _context_key(model: Model) -> float | None:
    """Negated context window (largest first), None when unknown."""
    return None if model.context_window is None else -float(model.context_window)


def _lab_names(model: Model) -> frozenset[str]:
    """Lower-cased lab id and lab name (empty when the lab is unknown)."""
    return frozenset({(model.lab_id or "").lower(), (model.lab or "").lower()} - {""})


def _keys(models: Sequence[Model], key: Callable[[Model], float | None]) -> dict[int, float]:
    """Model number -> key for the models that have one."""
    out: dict[int, float] = {}
    for pos, model in enumerate(models):
        value = key(model)
        if value is not None:
            out[pos] = value
    return out


def _newest_key(model: Model) -> float | None:
    """Negated release date as YYYYMMDD (newest first), None when unknown."""
    digits = (model.release_date or "").replace("-", "")[:8].ljust(8, "0")
    return -float(digits) if digits.isdigit() and int(digits) else None


def _bench_key(catalog: Catalog, model: Model) -> float | None:
    """Negated mean sourced benchmark score (best first), None when none is sourced."""
    scores = [b.score for b in catalog.benchmarks_for(model.id)]
    return -sum(scores) / len(scores) if scores else None


def positions(bitset: int) -> list[int]:
    """The model numbers in a bitset, ascending."""
    out = []
    while bitset:
        low = bitset & -bitset
        out.append(low.bit_length() - 1)
        bitset ^= low
    return out


def top(sort: Order, matches: int, limit: int) -> list[int]:
    """The first ``limit`` model numbers of ``matches`` in the order (few matches: sort them)."""
    if matches.bit_count() <= 4 * limit:
        return sorted(positions(matches), key=sort.rank.__getitem__)[:limit]
    out: list[int] = []
    for pos in sort.positions:
        if matches >> pos & 1:
            out.append(pos)
            if len(out) == limit:
                break
    return out
