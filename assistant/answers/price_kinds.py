"""Answer sections for every price kind: batch, cached read and write, long-context tiers,
free routes, and one named provider's price (catalog/price_kinds.py reads them).

Each section names the routes that state the kind (the lab's own API first, then the
cheapest), with their standard price beside it for scale, and cites them; a kind no route
states is said to be unsourced, never shown as $0.
"""

from __future__ import annotations

from assistant.answers.facts import cite_text, io_price, join_words, tokens_short, usd
from assistant.answers.firstparty import first_party_ids
from assistant.answers.pricing import serves
from assistant.answers.query import PriceKind
from assistant.catalog.price_kinds import provider_routes, routes_with
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog

KIND_NAMES = {
    "batch": "batch",
    "cached": "cached-input (cache read)",
    "cache_write": "cache-write",
    "long_context": "long-context",
    "free": "free",
}
SHOWN = 3


def _ordered(catalog: Catalog, model: Model, routes: tuple[Route, ...]) -> list[Route]:
    """The lab's own routes first, then the rest in the given (cheapest-first) order."""
    own = first_party_ids(catalog, model)
    first = [r for r in routes if any(serves(r.provider_id, p) for p in own)]
    return first[:1] + [r for r in routes if r not in first[:1]]


def _standard(route: Route) -> str:
    """The route's standard input/output price, for scale."""
    inp, out = io_price(route.input_price, "input"), io_price(route.output_price, "output")
    return f"standard {inp} / {out}"


def _figures(route: Route, kind: str) -> str:
    """The kind's figures on one route."""
    if kind == PriceKind.BATCH:
        return (
            f"batch {io_price(route.batch_input_price, 'input')} / "
            f"{io_price(route.batch_output_price, 'output')} ({_standard(route)})"
        )
    if kind == PriceKind.CACHED:
        return f"cached input {usd(route.cache_read_price or 0.0)}/1M tokens ({_standard(route)})"
    if kind == PriceKind.CACHE_WRITE:
        return f"cache write {usd(route.cache_write_price or 0.0)}/1M tokens ({_standard(route)})"
    if kind == PriceKind.LONG_CONTEXT:
        over = tokens_short(route.long_context_threshold) if route.long_context_threshold else "?"
        return (
            f"prompts over {over} tokens: {io_price(route.long_input_price, 'input')} / "
            f"{io_price(route.long_output_price, 'output')} ({_standard(route)} below that)"
        )
    return "free (rate limits may apply)"


def price_kind_line(catalog: Catalog, model: Model, kind: str) -> str:
    """One model's prices of one kind on the routes that state it, cited."""
    routes = _ordered(catalog, model, routes_with(catalog, model.id, kind))
    name = KIND_NAMES[kind]
    if not routes:
        total = len(catalog.routes_for(model.id))
        return f"No tracked route of {model.name} ({total} tracked) states a {name} price."
    shown = routes[:SHOWN]
    parts = [f"{r.provider_name} ({r.provider_model_id}): {_figures(r, kind)}" for r in shown]
    more = f" {len(routes) - SHOWN} more routes state one." if len(routes) > SHOWN else ""
    lead = f"{model.name} {name} prices"
    return f"{lead}: " + "; ".join(parts) + f".{more} {cite_text([r.cite for r in shown])}."


def provider_price_line(catalog: Catalog, model: Model, provider_id: str, label: str) -> str:
    """One model's price on one named provider (each of its routes there), cited."""
    routes = provider_routes(catalog, model.id, provider_id)
    if not routes:
        return f"No tracked route serves {model.name} on {label}."
    parts = []
    for route in routes[:SHOWN]:
        text = f"{route.provider_model_id}: {_standard(route).removeprefix('standard ')}"
        extras = [
            f"batch {usd(route.batch_input_price)} / {usd(route.batch_output_price or 0.0)}"
            if route.batch_input_price
            else "",
            f"cached input {usd(route.cache_read_price)}" if route.cache_read_price else "",
        ]
        extras = [e for e in extras if e]
        parts.append(text + (f" ({join_words(extras)})" if extras else ""))
    return (
        f"{model.name} on {label}: "
        + "; ".join(parts)
        + f". {cite_text([r.cite for r in routes[:SHOWN]])}."
    )
