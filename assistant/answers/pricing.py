"""Token prices of routes: which prices are sourced, and the cheapest complete route.

A route's price is *complete* only when both its input and its output price are
sourced. A price of 0 counts only when the source marks the route free;
otherwise 0 is treated as unknown (sources use 0 for "not listed").
"""

from __future__ import annotations

from assistant.answers.query import Traffic
from assistant.catalog.records import Route
from assistant.catalog.store import Catalog


def sourced(price: float | None, route: Route) -> float | None:
    """The price if it is really sourced (0 only on explicitly free routes), else None."""
    if price is None or (price == 0 and not route.free):
        return None
    return price


def is_complete(route: Route) -> bool:
    """True when both input and output prices of the route are sourced."""
    return (
        sourced(route.input_price, route) is not None
        and sourced(route.output_price, route) is not None
    )


def complete_routes(catalog: Catalog, model_id: str) -> tuple[Route, ...]:
    """The model's routes with a complete price, in the catalog's order (cheapest output first)."""
    return tuple(r for r in catalog.routes_for(model_id) if is_complete(r))


def base_cost_per_request(route: Route, traffic: Traffic) -> float:
    """USD per request at list input/output prices (route must be complete)."""
    inp = route.input_price or 0.0
    out = route.output_price or 0.0
    return (traffic.input_tokens * inp + traffic.output_tokens * out) / 1_000_000


def cheapest_route(catalog: Catalog, model_id: str, traffic: Traffic | None = None) -> Route | None:
    """The complete route with the lowest list cost at the traffic (default traffic if None)."""
    routes = complete_routes(catalog, model_id)
    if not routes:
        return None
    shape = traffic or Traffic()
    return min(routes, key=lambda r: base_cost_per_request(r, shape))


def cheapest_output(catalog: Catalog, model_id: str) -> Route | None:
    """The route with the lowest sourced output price, or None when no output price is sourced."""
    for route in catalog.routes_for(model_id):
        if sourced(route.output_price, route) is not None:
            return route
    return None


def provider_names(catalog: Catalog, model_id: str) -> tuple[str, ...]:
    """Distinct provider display names of the model's routes, in route order."""
    return tuple(dict.fromkeys(r.provider_name for r in catalog.routes_for(model_id)))


def provider_ids(catalog: Catalog, model_id: str) -> frozenset[str]:
    """Distinct provider ids of the model's routes."""
    return frozenset(r.provider_id for r in catalog.routes_for(model_id))
