"""Token prices of routes: which prices are sourced, and the cheapest complete route.

A route's price is *complete* only when both its input and its output price are
sourced and above zero. A 0 price is either "not listed" or a free tier (when the
source marks the route free); neither is a production token price, so both are
left out of prices and cost estimates (free tiers are still listed as routes).
"""

from __future__ import annotations

from functools import lru_cache

from assistant.answers.query import PriceKind, Traffic
from assistant.catalog.records import Route
from assistant.catalog.store import Catalog


@lru_cache(maxsize=8)
def _route_index(catalog: Catalog) -> dict[str, tuple[Route, ...]]:
    """Every model's routes in the catalog's order, fetched once per catalog (read-only)."""
    return {m.id: catalog.routes_for(m.id) for m in catalog.all_models()}


def routes_of(catalog: Catalog, model_id: str) -> tuple[Route, ...]:
    """The model's routes, cheapest output first (catalog order), from the per-catalog index."""
    return _route_index(catalog).get(model_id, ())


def sourced(price: float | None, route: Route) -> float | None:
    """The price if it is a sourced, paid price (> 0), else None."""
    return price if price is not None and price > 0 else None


def is_complete(route: Route) -> bool:
    """True when both input and output prices of the route are sourced."""
    return (
        sourced(route.input_price, route) is not None
        and sourced(route.output_price, route) is not None
    )


def complete_routes(catalog: Catalog, model_id: str) -> tuple[Route, ...]:
    """The model's routes with a complete price, in the catalog's order (cheapest output first)."""
    return priced_routes(catalog).get(model_id, ())


@lru_cache(maxsize=8)
def priced_routes(catalog: Catalog) -> dict[str, tuple[Route, ...]]:
    """Complete-price routes per model id, indexed once per catalog (catalogs are read-only).

    Routes whose price the build found far outside the model's other routes (a likely unit
    slip, catalog/sanity.py) are left out until the overlay confirms them.
    """
    index: dict[str, tuple[Route, ...]] = {}
    for model in catalog.all_models():
        routes = tuple(
            r for r in routes_of(catalog, model.id) if is_complete(r) and not r.price_suspect
        )
        if routes:
            index[model.id] = routes
    return index


def free_routes(catalog: Catalog, model_id: str) -> tuple[Route, ...]:
    """Routes a source explicitly marks free (free tiers; not used for cost)."""
    return tuple(r for r in routes_of(catalog, model_id) if r.free)


def base_cost_per_request(route: Route, traffic: Traffic) -> float:
    """USD per request at list input/output prices (route must be complete)."""
    inp = route.input_price or 0.0
    out = route.output_price or 0.0
    return (traffic.input_tokens * inp + traffic.output_tokens * out) / 1_000_000


def cheapest_route(catalog: Catalog, model_id: str, traffic: Traffic | None = None) -> Route | None:
    """The complete route with the lowest list cost at the traffic (default traffic if None)."""
    shape = traffic or Traffic()
    return cheapest_by_shape(catalog, shape.input_tokens, shape.output_tokens).get(model_id)


@lru_cache(maxsize=32)
def cheapest_by_shape(
    catalog: Catalog, input_tokens: float, output_tokens: float
) -> dict[str, Route]:
    """Cheapest complete route per model for one request shape (tokens in/out), indexed once.

    The cheapest route depends only on the request's token shape, not on the request count,
    so this index serves every traffic of that shape.
    """
    shape = Traffic(input_tokens=input_tokens, output_tokens=output_tokens)
    return {
        model_id: min(routes, key=lambda r: base_cost_per_request(r, shape))
        for model_id, routes in priced_routes(catalog).items()
    }


def cheapest_for(catalog: Catalog, model_id: str, kind: str) -> Route | None:
    """The complete route with the lowest input or output price (kind "input"/"output")."""
    routes = complete_routes(catalog, model_id)
    attr = "input_price" if kind == PriceKind.INPUT else "output_price"
    return min(routes, key=lambda r: getattr(r, attr) or 0.0) if routes else None


def cheapest_output(catalog: Catalog, model_id: str) -> Route | None:
    """The route with the lowest sourced output price, or None when no output price is sourced."""
    for route in routes_of(catalog, model_id):
        if sourced(route.output_price, route) is not None:
            return route
    return None


def provider_names(catalog: Catalog, model_id: str) -> tuple[str, ...]:
    """Distinct provider display names of the model's routes, in route order."""
    return tuple(dict.fromkeys(r.provider_name for r in routes_of(catalog, model_id)))


def serves(route_provider_id: str, provider_id: str) -> bool:
    """True when a route's provider is the named provider or one of its sub-endpoints.

    A provider covers its own sub-endpoints: "azure" covers "azure-cognitive-services".
    """
    return route_provider_id == provider_id or route_provider_id.startswith(f"{provider_id}-")


def provider_ids(catalog: Catalog, model_id: str) -> frozenset[str]:
    """Distinct provider ids of the model's routes."""
    return frozenset(r.provider_id for r in routes_of(catalog, model_id))
