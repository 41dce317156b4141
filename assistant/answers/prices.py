"""Answers: token pricing (per 1M tokens) and monthly cost at traffic."""

from __future__ import annotations

from assistant.answers.cost import (
    FORMULA,
    Estimate,
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
    money,
    price_per_m,
    usd,
)
from assistant.answers.firstparty import (
    FIRST_PARTY_LABEL,
    first_party_route,
)
from assistant.answers.pertoken import KINDS, per_token_data, per_token_line
from assistant.answers.price_kinds import price_kind_line, provider_price_line
from assistant.answers.pricing import (
    base_cost_per_request,
    cheapest_for,
    cheapest_route,
    free_routes,
    routes_of,
    sourced,
)
from assistant.answers.providers import provider_label
from assistant.answers.query import PriceKind, Qualifier, Query, Traffic
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog
from assistant.i18n import t
from assistant.reply import Reply

PRICE_FIELDS = ("price", "cost")
# price kinds answered by their own section (every route stating them), not the standard line
OWN_SECTION_KINDS = frozenset({"batch", "cache_write", "long_context"})


def answer_pricing(catalog: Catalog, query: Query) -> Reply:
    """Token prices on each model's cheapest complete route (input, output, cached)."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    asked_free = Qualifier.FREE in query.qualifiers
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
    if cheapest is not None and kind in (PriceKind.INPUT, PriceKind.OUTPUT):
        cheapest = cheapest_for(catalog, model.id, kind) or cheapest
    if cheapest is None:
        return _partial_line(catalog, model)
    own = first_party_route(catalog, model)
    count = len(routes_of(catalog, model.id))
    if own is None:
        basis = (
            f"{kind} price"
            if kind in (PriceKind.INPUT, PriceKind.OUTPUT)
            else "price at the assumed traffic"
        )
        where = f"on {cheapest.provider_name}" + (
            f" (cheapest {basis} of {count} tracked routes)" if count > 1 else ""
        )
        text = _costs_text(model, cheapest, kind, where)
        return f"{text}{_extras(cheapest, kind)} {cite_text([cheapest.cite])}."
    where = t("on {provider} ({label})", provider=own.provider_name, label=t(FIRST_PARTY_LABEL))
    text = _costs_text(model, own, kind, where) + _extras(own, kind)
    if _same_price(own, cheapest, kind):
        if count > 1:
            text += " " + t("None of its {count} tracked routes is cheaper.", count=count)
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
        other = parts[PriceKind.OUTPUT if kind == PriceKind.INPUT else PriceKind.INPUT]
        return t(
            "{model} costs {price} {where} ({other} there).",
            model=model.name,
            price=parts[kind],
            where=where,
            other=other,
        )
    return t(
        "{model} costs {input} and {output} {where}.",
        model=model.name,
        input=parts["input"],
        output=parts["output"],
        where=where,
    )


def _extras(route: Route, kind: str | None) -> str:
    """The cached or batch sentence for the route when asked (cached also when sourced)."""
    if kind == PriceKind.CACHED or (kind is None and route.cache_read_price is not None):
        return " " + _cached_text(route)
    if kind == PriceKind.BATCH:
        return " " + _batch_text(route)
    return ""


def _same_price(own: Route, cheapest: Route, kind: str | None) -> bool:
    """True when the lab's own route costs the same as the cheapest for the asked kind."""
    if kind in (PriceKind.INPUT, PriceKind.OUTPUT):
        if kind == PriceKind.INPUT:
            return abs((own.input_price or 0.0) - (cheapest.input_price or 0.0)) < 1e-9
        return abs((own.output_price or 0.0) - (cheapest.output_price or 0.0)) < 1e-9
    shape = Traffic()
    gap = base_cost_per_request(own, shape) - base_cost_per_request(cheapest, shape)
    return abs(gap) < 1e-12


def _cheapest_text(route: Route, kind: str | None, count: int) -> str:
    """The cheapest tracked route's figures, after the lab's own price."""
    of = t(" (of {count} tracked routes)", count=count) if count > 1 else ""
    if kind in (PriceKind.INPUT, PriceKind.OUTPUT):
        price = route.input_price if kind == PriceKind.INPUT else route.output_price
        return f"Cheapest tracked {kind} price{of}: {price_per_m(price)} on {route.provider_name}."
    cached = sourced(route.cache_read_price, route)
    cached_text = "" if cached is None else t(" / {price} cached input", price=usd(cached))
    return t(
        "Cheapest tracked route{of}: {provider} at {input} input / {output} output{cached} per "
        "1M tokens.",
        of=of,
        provider=route.provider_name,
        input=usd(route.input_price or 0.0),
        output=usd(route.output_price or 0.0),
        cached=cached_text,
    )


def _partial_line(catalog: Catalog, model: Model) -> str:
    """No complete price: the part that is sourced, or that none is."""
    partial = _partial_route(catalog, model.id)
    if partial is None:
        return t("{model}: no token price is sourced, so its cost is unknown.", model=model.name)
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
        return t("No cached-input price is sourced on {provider}.", provider=route.provider_name)
    return t("Cached input costs {price}.", price=price_per_m(cached))


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
    delta = delta_line(tuple(o or e for e, o in zip(estimates, owns, strict=True)))
    lines = [delta or _cost_lead(o or e) for e, o in zip(estimates, owns, strict=True)][:1]
    lines.extend(estimate_line(e, traffic, o) for e, o in zip(estimates, owns, strict=True))
    lines += [traffic_text(traffic), FORMULA + "."]
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


def _cost_lead(est: Estimate) -> str:
    """A one-model cost answer's first sentence: the monthly figure, or that it is unknown."""
    if est.monthly is None or est.route is None:
        return t(
            "The monthly cost of {model} is unknown: no complete token price is sourced.",
            model=est.name,
        )
    where = FIRST_PARTY_LABEL if est.first_party else t("the cheapest tracked route")
    return t(
        "{model} would cost {amount}/month on {provider} ({where}).",
        model=est.name,
        amount=money(est.monthly),
        provider=est.route.provider_name,
        where=t(where),
    )
