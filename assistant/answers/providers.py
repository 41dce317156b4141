"""Answer: where a model runs. The count and the cheapest route first, then a table of routes.

The first sentence answers: how many tracked routes, the cheapest complete price and the
lab's own API price (or yes/no for a named provider). A table of the cheapest routes
follows (provider, input, output, cached, batch, context), then how many more there are;
``detail="full"`` lists every route and every provider name.
"""

from __future__ import annotations

from assistant.answers.facts import DASH, cite_text, tokens_short, usd
from assistant.answers.faq import PROVIDER_WHY, where_sentence
from assistant.answers.firstparty import (
    MAJOR_HOSTS,
    first_party_ids,
    first_party_route,
    leading_provider_names,
)
from assistant.answers.pricing import (
    base_cost_per_request,
    cheapest_route,
    is_complete,
    routes_of,
    serves,
    sourced,
)
from assistant.answers.query import DETAIL_FULL, Query, Traffic
from assistant.answers.snapshots import same_name_snapshots, snapshot_label
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog
from assistant.i18n import join_words, t, tn
from assistant.reply import Reply

TOP_ROUTES = 6  # table rows for one model (half as many each when several are asked)
MAX_LISTED = 60  # a full answer names every provider up to this many


def answer_providers(catalog: Catalog, query: Query) -> Reply:
    """Where each model can be run: count, cheapest and own-API price, then the cheapest routes."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    asked = query.filters.provider if query.filters else None
    full = query.detail == DETAIL_FULL
    rows = None if full else max(2, TOP_ROUTES // len(models))
    blocks = [_block(catalog, m, query, asked, rows) for m in models]
    if full:
        where = " ".join(where_sentence(catalog, m, limit=MAX_LISTED) for m in models)
        blocks.append(f"{where} {t(PROVIDER_WHY)}")
    cite = cite_text(r.cite for m in models for r in _ordered(catalog, m)[: rows or 6])
    if cite:
        blocks.append(f"{cite}.")
    suggestions = follow_ups(catalog, models, "providers")
    if not full and any(len(routes_of(catalog, m.id)) > (rows or 0) for m in models):
        suggestions = (_list_all(models), *suggestions)[:3]
    return Reply(
        text="\n\n".join(b for b in blocks if b),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=suggestions,
        data=_data(catalog, models, asked),
    )


def _block(
    catalog: Catalog, model: Model, query: Query, asked: str | None, rows: int | None
) -> str:
    """One model's part: the answer sentence(s), its route table, and what is left out."""
    routes = _ordered(catalog, model)
    lead = [via_provider(catalog, model, asked)] if asked else []
    lead.append(count_sentence(catalog, model, polar=query.polar and not asked))
    if not routes:
        return " ".join(lead)
    shown = routes if rows is None else routes[:rows]
    parts = [" ".join(lead), route_table(model, shown)]
    major = [] if rows is None else _major_hosts(catalog, model, shown)
    if major:
        parts.append(t("Also on {names}.", names=join_words(major)))
    if len(routes) > len(shown):
        more = len(routes) - len(shown)
        parts.append(
            tn(
                "And {count} more route: ask “{ask}” to see it.",
                "And {count} more routes: ask “{ask}” to see them all.",
                more,
                ask=_list_all((model,)),
            )
        )
    parts += _twin_notes(catalog, model, full=rows is None)
    return "\n\n".join(parts)


def count_sentence(catalog: Catalog, model: Model, polar: bool = False) -> str:
    """ "X has 59 tracked routes; cheapest A at $a/$b, the lab's own API (B) at $c/$d ..."; with
    no route, "No: ..." when the question asks yes or no."""
    routes = routes_of(catalog, model.id)
    if not routes:
        text = t("No provider route is tracked for {model} in the catalog.", model=model.name)
        return t("No: {answer}", answer=_lower_first(text)) if polar else text
    has = tn(
        "{model} has {count} tracked route",
        "{model} has {count} tracked routes",
        len(routes),
        model=model.name,
    )
    cheap = cheapest_route(catalog, model.id)
    own = first_party_route(catalog, model)
    if cheap is None:
        tail = t("none lists a complete token price")
    elif own is None:
        tail = t("cheapest {provider} at {price}", provider=cheap.provider_name, price=_pair(cheap))
    elif _same(own, cheap):
        tail = t(
            "the cheapest is the lab's own API ({provider}) at {price}",
            provider=own.provider_name,
            price=_pair(own),
        )
    else:
        tail = t(
            "cheapest {provider} at {price}, the lab's own API ({own}) at {own_price}",
            provider=cheap.provider_name,
            price=_pair(cheap),
            own=own.provider_name,
            own_price=_pair(own),
        )
    unit = t(" per 1M input/output tokens") if cheap is not None else ""
    # no "Yes:" here: a yes/no question naming a provider the catalog lacks is not a yes
    return f"{has}; {tail}{unit}."


def via_provider(catalog: Catalog, model: Model, provider_id: str) -> str:
    """Yes/no for one named provider: its price when it serves the model."""
    name = provider_label(catalog, provider_id)
    route = provider_route(catalog, model.id, provider_id)
    if route is None:
        return t(
            "No: no tracked {provider} route for {model} is in the catalog.",
            provider=name,
            model=model.name,
        )
    if is_complete(route):
        return t(
            "Yes: {provider} serves {model} at {input} input / {output} output per 1M tokens.",
            provider=route.provider_name,
            model=model.name,
            input=usd(route.input_price or 0.0),
            output=usd(route.output_price or 0.0),
        )
    return t(
        "Yes: {provider} serves {model}; no complete token price is sourced there.",
        provider=route.provider_name,
        model=model.name,
    )


def provider_label(catalog: Catalog, provider_id: str) -> str:
    """A provider's display name (its id when the catalog has no such provider)."""
    provider = catalog.provider(provider_id)
    return provider.name if provider is not None else provider_id


def provider_route(catalog: Catalog, model_id: str, provider_id: str) -> Route | None:
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


def route_table(model: Model, routes: tuple[Route, ...]) -> str:
    """Markdown table of routes: provider, input, output, cached, batch (USD per 1M), context."""
    head = t("| Provider | Input | Output | Cached | Batch | Context |")
    lines = [head, "|---|---|---|---|---|---|"]
    for r in routes:
        b_in, b_out = sourced(r.batch_input_price, r), sourced(r.batch_output_price, r)
        batch = DASH if b_in is None or b_out is None else f"{usd(b_in)} / {usd(b_out)}"
        cells = (
            r.provider_name,
            _price(sourced(r.input_price, r)),
            _price(sourced(r.output_price, r)),
            _price(sourced(r.cache_read_price, r)),
            batch,
            tokens_short(r.context_window or model.context_window),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _ordered(catalog: Catalog, model: Model) -> tuple[Route, ...]:
    """The model's routes, complete prices first (cheapest at the default traffic), then the rest
    with the lab's own API and major hosts first."""
    shape = Traffic()
    routes = routes_of(catalog, model.id)
    priced = sorted(
        (r for r in routes if is_complete(r)), key=lambda r: base_cost_per_request(r, shape)
    )
    order = {name: i for i, name in enumerate(leading_provider_names(catalog, model))}
    rest = sorted(
        (r for r in routes if not is_complete(r)), key=lambda r: order.get(r.provider_name, 0)
    )
    return (*priced, *rest)


def _twin_notes(catalog: Catalog, model: Model, full: bool) -> list[str]:
    """ "The dated snapshot X is also served by A, B, and 4 more." for providers not in the list."""
    shown = set(leading_provider_names(catalog, model))
    notes = []
    for twin in same_name_snapshots(catalog, model):
        extra = [n for n in leading_provider_names(catalog, twin) if n not in shown]
        if not extra:
            continue
        names = (
            extra
            if full or len(extra) <= 3
            else [*extra[:3], t("{count} more", count=len(extra) - 3)]
        )
        label = snapshot_label(model, twin)
        notes.append(
            t(
                "{label} is also served by: {names}.",
                label=label[0].upper() + label[1:],
                names=join_words(names),
            )
        )
        shown.update(extra)
    return notes


def _major_hosts(catalog: Catalog, model: Model, shown: tuple[Route, ...]) -> list[str]:
    """The lab's own API and the major clouds/hosts serving the model, beyond the table's rows."""
    own = set(first_party_ids(catalog, model))
    listed = {r.provider_name for r in shown}
    names = {
        r.provider_name
        for r in routes_of(catalog, model.id)
        if r.provider_id in own or r.provider_id in MAJOR_HOSTS
    }
    return [n for n in leading_provider_names(catalog, model) if n in names and n not in listed]


def _list_all(models: tuple[Model, ...]) -> str:
    """The follow-up that lists every route."""
    return t("List every provider for {model}", model=join_words([m.name for m in models]))


def _pair(route: Route) -> str:
    """ "$0.15/$0.60": input and output price per 1M tokens."""
    return f"{usd(route.input_price or 0.0)}/{usd(route.output_price or 0.0)}"


def _price(price: float | None) -> str:
    """A table price cell."""
    return DASH if price is None else usd(price)


def _same(a: Route, b: Route) -> bool:
    """True when two routes cost the same at the default traffic."""
    shape = Traffic()
    return abs(base_cost_per_request(a, shape) - base_cost_per_request(b, shape)) < 1e-12


def _lower_first(text: str) -> str:
    """The sentence with its first letter lower-cased (after "No: ")."""
    return text[:1].lower() + text[1:]


def _data(catalog: Catalog, models: tuple[Model, ...], asked: str | None) -> dict[str, object]:
    """Every route of each model, the counts, and (when asked) whether the provider serves it."""
    routes = {
        m.id: [
            {"provider": r.provider_id, "name": r.provider_name, "id": r.provider_model_id}
            for r in routes_of(catalog, m.id)
        ]
        for m in models
    }
    data: dict[str, object] = {
        "routes": routes,
        "route_count": {m.id: len(v) for m, v in zip(models, routes.values(), strict=True)},
    }
    if asked:
        data["provider"] = asked
        data["served"] = {m.id: provider_route(catalog, m.id, asked) is not None for m in models}
    return data
