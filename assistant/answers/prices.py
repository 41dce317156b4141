"""Answers: providers (where can I run it), token pricing, and monthly cost at traffic."""

from __future__ import annotations

import re

from assistant.answers.cost import (
    FORMULA,
    delta_line,
    estimate,
    estimate_data,
    estimate_line,
    first_party_estimate,
    lead_estimate,
    traffic_text,
)
from assistant.answers.facts import (
    cite_text,
    conflict_note,
    io_price,
    join_words,
    price_per_m,
    usd,
)
from assistant.answers.faq import PROVIDER_WHY, where_sentence
from assistant.answers.firstparty import (
    FIRST_PARTY_LABEL,
    first_party_route,
    leading_provider_names,
)
from assistant.answers.pertoken import KINDS, per_token_data, per_token_line
from assistant.answers.price_kinds import price_kind_line, provider_price_line
from assistant.answers.pricing import (
    base_cost_per_request,
    cheapest_for,
    cheapest_route,
    free_routes,
    is_complete,
    routes_of,
    serves,
    sourced,
)
from assistant.answers.query import Query, Traffic
from assistant.answers.snapshots import snapshot_lines
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog
from assistant.reply import Reply

PRICE_FIELDS = ("price", "cost")
# price kinds answered by their own section (every route stating them), not the standard line
OWN_SECTION_KINDS = frozenset({"batch", "cache_write", "long_context"})


def answer_providers(catalog: Catalog, query: Query) -> Reply:
    """Where each model can be run: its tracked provider routes (and prices when asked too)."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    asked = query.filters.provider if query.filters else None
    lead = [via_provider(catalog, m, asked) for m in models] if asked else []
    where = [where_sentence(catalog, m, limit=MAX_LISTED) for m in models]
    text = "".join(f"{line}\n\n" for line in lead) + " ".join(where) + " " + PROVIDER_WHY
    twins = [
        line
        for m in models
        for line in snapshot_lines(catalog, m, set(leading_provider_names(catalog, m)))
    ]
    text += "".join(f"\n\n{line}" for line in twins)
    if query.price_kind is not None or query.criterion == "cheaper":  # asked the cost too
        text += "".join(f"\n\n{_price_line(catalog, m, query.price_kind)}" for m in models)
    cite = cite_text(r.cite for m in models for r in routes_of(catalog, m.id)[:6])
    if cite:
        text += f"\n\n{cite}."
    served = (
        {m.id: _provider_route(catalog, m.id, asked) is not None for m in models} if asked else {}
    )
    routes = {
        m.id: [
            {"provider": r.provider_id, "name": r.provider_name, "id": r.provider_model_id}
            for r in routes_of(catalog, m.id)
        ]
        for m in models
    }
    return Reply(
        text=text,
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "providers"),
        data={
            "routes": routes,
            "route_count": {m.id: len(v) for m, v in zip(models, routes.values(), strict=True)},
            **({"provider": asked, "served": served} if asked else {}),
        },
    )


MAX_LISTED = 60  # a where-can-I-run answer names every provider up to this many


def via_provider(catalog: Catalog, model: Model, provider_id: str) -> str:
    """Yes/no for one named provider: its price when it serves the model, else where it runs."""
    name = provider_label(catalog, provider_id)
    route = _provider_route(catalog, model.id, provider_id)
    if route is None:
        return f"No tracked {name} route for {model.name} is in the catalog."
    if is_complete(route):
        price = (
            f" at {usd(route.input_price or 0.0)} input / {usd(route.output_price or 0.0)} "
            f"output per 1M tokens ({cite_text([route.cite])})"
        )
    else:
        price = f"; no complete token price is sourced there ({cite_text([route.cite])})"
    return f"Yes: {route.provider_name} serves {model.name}{price}."


def provider_label(catalog: Catalog, provider_id: str) -> str:
    """A provider's display name (its id when the catalog has no such provider)."""
    provider = catalog.provider(provider_id)
    return provider.name if provider is not None else provider_id


def _provider_route(catalog: Catalog, model_id: str, provider_id: str) -> Route | None:
    """The model's route on that provider (or its own sub-endpoints, e.g. azure -> azure-*).

    The provider's exact id wins over its sub-endpoints; then the cheapest complete route,
    else the first listed.
    """
    mine = [r for r in routes_of(catalog, model_id) if serves(r.provider_id, provider_id)]
    if not mine:
        return None
    shape = Traffic()
    return min(
        mine,
        key=lambda r: (
            r.provider_id != provider_id,
            not is_complete(r),
            base_cost_per_request(r, shape) if is_complete(r) else 0.0,
        ),
    )


def answer_pricing(catalog: Catalog, query: Query) -> Reply:
    """Token prices on each model's cheapest complete route (input, output, cached)."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    asked_free = "free" in re.findall(r"[a-z]+", query.text.lower())
    kind = query.price_kind
    provider = query.filters.provider if query.filters else None
    lines = [_lead_line(catalog, m, kind, provider) + _free_note(catalog, m, asked_free)
             for m in models]  # fmt: skip
    per_token = len(models) >= 2 and kind in KINDS
    if per_token and kind is not None:
        lines.append(per_token_line(catalog, models, kind))
    if len(models) >= 2:
        delta = delta_line(tuple(lead_estimate(catalog, m, query.traffic) for m in models))
        lines.append(f"{delta} {traffic_text(query.traffic)}")
    for m in models:
        note = conflict_note(
            catalog.conflicts_for(m.id), PRICE_FIELDS, providers=_shown_providers(catalog, m)
        )
        if note:
            lines.append(f"{m.name}: {note}")
    return Reply(
        text="\n\n".join(line for line in lines if line),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "pricing"),
        data={
            "prices": {m.id: _price_data(catalog, m) for m in models},
            **(
                {"per_token": {"kind": kind, "prices": per_token_data(catalog, models, kind)}}
                if per_token and kind is not None
                else {}
            ),
        },
    )


def _lead_line(catalog: Catalog, model: Model, kind: str | None, provider: str | None) -> str:
    """A named provider's price, else the asked price kind's routes, else the standard line."""
    if provider:
        return provider_price_line(catalog, model, provider, provider_label(catalog, provider))
    if kind in OWN_SECTION_KINDS and kind is not None:
        return price_kind_line(catalog, model, kind)
    return _price_line(catalog, model, kind)


def _price_line(catalog: Catalog, model: Model, kind: str | None) -> str:
    """One model's prices: the lab's own API first, then the cheapest tracked route if cheaper."""
    cheapest = cheapest_route(catalog, model.id)
    if cheapest is not None and kind in ("input", "output"):
        cheapest = cheapest_for(catalog, model.id, kind) or cheapest
    if cheapest is None:
        return _partial_line(catalog, model)
    own = first_party_route(catalog, model)
    count = len(routes_of(catalog, model.id))
    if own is None:
        basis = f"{kind} price" if kind in ("input", "output") else "price at the assumed traffic"
        where = f"on {cheapest.provider_name}" + (
            f" (cheapest {basis} of {count} tracked routes)" if count > 1 else ""
        )
        text = _costs_text(model, cheapest, kind, where)
        return f"{text}{_extras(cheapest, kind)} {cite_text([cheapest.cite])}."
    where = f"on {own.provider_name} ({FIRST_PARTY_LABEL})"
    text = _costs_text(model, own, kind, where) + _extras(own, kind)
    if _same_price(own, cheapest, kind):
        if count > 1:
            text += f" None of its {count} tracked routes is cheaper."
        return f"{text} {cite_text([own.cite])}."
    text += " " + _cheapest_text(cheapest, kind, count)
    return f"{text} {cite_text([own.cite, cheapest.cite])}."


def _shown_providers(catalog: Catalog, model: Model) -> tuple[str, ...]:
    """Provider ids of the routes a price answer shows (the lab's own and the cheapest)."""
    routes = (first_party_route(catalog, model), cheapest_route(catalog, model.id))
    return tuple(r.provider_id for r in routes if r is not None)


def _costs_text(model: Model, route: Route, kind: str | None, where: str) -> str:
    """ "X costs $a/1M input tokens and $b/1M output tokens <where>." (asked kind first)."""
    parts = {
        "input": io_price(route.input_price, "input"),
        "output": io_price(route.output_price, "output"),
    }
    if kind in parts:
        other = parts["output" if kind == "input" else "input"]
        return f"{model.name} costs {parts[kind]} {where} ({other} there)."
    return f"{model.name} costs {parts['input']} and {parts['output']} {where}."


def _extras(route: Route, kind: str | None) -> str:
    """The cached or batch sentence for the route when asked (cached also when sourced)."""
    if kind == "cached" or (kind is None and route.cache_read_price is not None):
        return " " + _cached_text(route)
    if kind == "batch":
        return " " + _batch_text(route)
    return ""


def _same_price(own: Route, cheapest: Route, kind: str | None) -> bool:
    """True when the lab's own route costs the same as the cheapest for the asked kind."""
    if kind in ("input", "output"):
        if kind == "input":
            return abs((own.input_price or 0.0) - (cheapest.input_price or 0.0)) < 1e-9
        return abs((own.output_price or 0.0) - (cheapest.output_price or 0.0)) < 1e-9
    shape = Traffic()
    gap = base_cost_per_request(own, shape) - base_cost_per_request(cheapest, shape)
    return abs(gap) < 1e-12


def _cheapest_text(route: Route, kind: str | None, count: int) -> str:
    """The cheapest tracked route's figures, after the lab's own price."""
    of = f" (of {count} tracked routes)" if count > 1 else ""
    if kind in ("input", "output"):
        price = route.input_price if kind == "input" else route.output_price
        return f"Cheapest tracked {kind} price{of}: {price_per_m(price)} on {route.provider_name}."
    cached = sourced(route.cache_read_price, route)
    cached_text = "" if cached is None else f" / {usd(cached)} cached input"
    return (
        f"Cheapest tracked route{of}: {route.provider_name} at {usd(route.input_price or 0.0)}"
        f" input / {usd(route.output_price or 0.0)} output{cached_text} per 1M tokens."
    )


def _partial_line(catalog: Catalog, model: Model) -> str:
    """No complete price: the part that is sourced, or that none is."""
    partial = _partial_route(catalog, model.id)
    if partial is None:
        return f"{model.name}: no token price is sourced, so its cost is unknown."
    return (
        f"{model.name}: only part of the price is sourced on {partial.provider_name} "
        f"({io_price(sourced(partial.input_price, partial), 'input')}, "
        f"{io_price(sourced(partial.output_price, partial), 'output')}); "
        "the full cost is unknown. "
        f"{cite_text([partial.cite])}."
    )


def _free_note(catalog: Catalog, model: Model, asked: bool = False) -> str:
    """A note on free tiers a source lists (they are not used for cost estimates); when the
    question asks whether it is free and none is listed, says so."""
    names = list(dict.fromkeys(r.provider_name for r in free_routes(catalog, model.id)))
    if not names:
        return f" No tracked route lists {model.name} as free." if asked else ""
    return f" A free tier is also listed on {join_words(names[:3])} (rate limits may apply)."


def _cached_text(route: Route) -> str:
    """The cached-input price sentence (or that none is sourced)."""
    cached = sourced(route.cache_read_price, route)
    if cached is None:
        return f"No cached-input price is sourced on {route.provider_name}."
    return f"Cached input costs {price_per_m(cached)}."


def _batch_text(route: Route) -> str:
    """The batch price sentence (or that none is sourced)."""
    b_in = sourced(route.batch_input_price, route)
    b_out = sourced(route.batch_output_price, route)
    if b_in is None and b_out is None:
        return f"No batch price is sourced on {route.provider_name}."
    return f"Batch: {io_price(b_in, 'input')} and {io_price(b_out, 'output')}."


def _partial_route(catalog: Catalog, model_id: str) -> Route | None:
    """The first route with any sourced price, when none is complete."""
    for route in routes_of(catalog, model_id):
        if (
            sourced(route.input_price, route) is not None
            or sourced(route.output_price, route) is not None
        ):
            return route
    return None


def _price_data(catalog: Catalog, model: Model) -> dict[str, object]:
    """Structured prices of the cheapest complete route and the lab's own (None = unknown)."""
    route = cheapest_route(catalog, model.id)
    if route is None:
        return {"input": None, "output": None, "cached": None, "route": None, "first_party": None}
    own = first_party_route(catalog, model)
    return {**_route_prices(route), "first_party": None if own is None else _route_prices(own)}


def _route_prices(route: Route) -> dict[str, object]:
    """One route's prices with its provider and citation."""
    return {
        "input": route.input_price,
        "output": route.output_price,
        "cached": sourced(route.cache_read_price, route),
        "route": route.provider_id,
        "source": route.cite.source,
        "date": route.cite.date,
    }


def answer_monthly_cost(catalog: Catalog, query: Query) -> Reply:
    """Monthly spend at the stated (or default) traffic, with formula, route and source."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    traffic = query.traffic
    estimates = tuple(estimate(catalog, m, traffic) for m in models)
    owns = tuple(first_party_estimate(catalog, m, traffic) for m in models)
    lines = [traffic_text(traffic), FORMULA + "."]
    lines.extend(estimate_line(e, traffic, o) for e, o in zip(estimates, owns, strict=True))
    delta = delta_line(tuple(o or e for e, o in zip(estimates, owns, strict=True)))
    if delta:
        lines.append(delta)
    return Reply(
        text="\n\n".join(lines),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "monthly_cost"),
        data={
            "monthly_cost": {
                e.model_id: estimate_data(e, o) for e, o in zip(estimates, owns, strict=True)
            },
            "traffic": {
                "requests_per_month": traffic.requests_per_month,
                "input_tokens": traffic.input_tokens,
                "output_tokens": traffic.output_tokens,
                "cached_input_share": traffic.cached_input_share,
                "batch_share": traffic.batch_share,
            },
        },
    )
