"""Answer: compare two (or more) models: the short summary by default, the whole page on request.

The page (``detail="full"``) is the seed page's sections in its order; the summary is
summary.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from assistant.answers.benchmarks import shared_table
from assistant.answers.capability import capability_table
from assistant.answers.cost import (
    FORMULA,
    NO_PRICE,
    UNAVAILABLE,
    Estimate,
    delta_line,
    estimate,
    estimate_data,
    first_party_estimate,
    same_cost,
    traffic_text,
)
from assistant.answers.decision import (
    decision_tags,
    shared_benchmarks,
    switch_friction,
    tags_text,
    tradeoffs,
    verdict,
)
from assistant.answers.deepdive import deep_dive, faq
from assistant.answers.facts import (
    DASH,
    PAGE_CAPABILITIES,
    cite_text,
    join_words,
    money,
    plural,
    price_per_m,
    tokens_short,
    usd,
)
from assistant.answers.firstparty import first_party_route, leading_provider_names
from assistant.answers.pricing import (
    cheapest_output,
    cheapest_route,
    routes_of,
)
from assistant.answers.query import DETAIL_FULL, Query
from assistant.answers.specs import spec_table
from assistant.answers.subjects import clarify, models_of, neighbours
from assistant.answers.suggest import follow_ups
from assistant.answers.summary import full_question, summary
from assistant.catalog.records import Cite, Model, Route
from assistant.catalog.store import Catalog
from assistant.i18n import t
from assistant.reply import Reply

ESTIMATE_INTRO = (
    "Estimate token spend from the lab's own API prices where tracked and from the cheapest "
    "tracked input and output prices."
)


def answer_compare(catalog: Catalog, query: Query) -> Reply:
    """The comparison page: verdict, scorecard, tradeoffs, cost, switching, tables, FAQ, more."""
    models = models_of(catalog, query)
    if len(models) < 2:
        return _need_second(catalog, query, models)
    said = verdict(catalog, models)
    near = neighbours(catalog, models)
    if query.detail != DETAIL_FULL:
        return Reply(
            text=summary(catalog, models, query),
            intent=query.intent,
            models=tuple(m.id for m in models),
            suggestions=(full_question(models), *_suggestions(catalog, models, near))[:4],
            data={**compare_data(catalog, models, query, said), "detail": "summary"},
        )
    sections = [
        f"## {' vs '.join(m.name for m in models)}",
        intro(models),
        f"**{said}**",
        heading(t("Decision scorecard")) + scorecard(catalog, models),
    ]
    pair = len(models) == 2
    if pair:
        sections.append(
            heading(t("Decision tradeoffs")) + _bullets(_tradeoff_lines(catalog, models))
        )
    sections.append(heading(t("Monthly cost at traffic")) + cost_section(catalog, models, query))
    if pair:
        a, b = models
        lines = switch_friction(catalog, a, b) + switch_friction(catalog, b, a)
        sections.append(heading(t("Switch friction")) + _bullets(lines))
    sections += [
        heading(t("Specs")) + spec_table(models),
        heading(t("Pricing and availability")) + pricing_table(catalog, models),
        heading(t("Capabilities")) + capability_table(models),
        heading(t("Benchmarks")) + shared_table(catalog, models),
    ]
    if pair:
        sections.append(heading(t("Deep dive")) + deep_dive(catalog, models[0], models[1]))
        sections.append(heading(t("FAQ")) + faq(catalog, models))
    sections.append(heading(t("Continue comparing")) + _continue_text(models, near))
    sections.append(_sources(catalog, models))
    return Reply(
        text="\n\n".join(s for s in sections if s),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=_suggestions(catalog, models, near),
        data={**compare_data(catalog, models, query, said), "detail": DETAIL_FULL},
    )


def heading(title: str) -> str:
    """A section heading line of the page ("### Specs" and a newline)."""
    return f"### {title}\n"


def _need_second(catalog: Catalog, query: Query, models: tuple[Model, ...]) -> Reply:
    """Ask for a second model, suggesting neighbours of the one given."""
    if not models:
        return clarify(catalog, query, need=2)
    near = neighbours(catalog, models)
    return Reply(
        text=t("Which model should I compare {model} with?", model=models[0].name),
        intent=query.intent,
        models=(models[0].id,),
        suggestions=tuple(t("Compare {a} and {b}", a=models[0].name, b=n.name) for n in near[:3]),
        data={"needs": "models", "count": 2},
    )


def intro(models: tuple[Model, ...]) -> str:
    """The page's opening lines: years, labs, context windows."""
    names = join_words(
        [f"{m.name} ({m.release_date[:4]})" if m.release_date else m.name for m in models]
    )
    labs = list(dict.fromkeys(m.lab for m in models if m.lab))
    text = (
        f"{names} are models from {join_words(labs)}." if labs else f"{names} are compared below."
    )
    ctx = [
        f"{m.name} ships a {tokens_short(m.context_window)}-token context window"
        for m in models
        if m.context_window
    ]
    if ctx:  # the page's pair wording; three or more read as a list
        text += " " + (", while ".join(ctx) if len(ctx) <= 2 else join_words(ctx)) + "."
    return text


def scorecard(catalog: Catalog, models: tuple[Model, ...]) -> str:
    """The decision scorecard table (fit, context, cheapest output, routes, shared benchmarks)."""

    def cheapest(m: Model) -> str:
        route = cheapest_output(catalog, m.id)
        return price_per_m(route.output_price) if route else DASH

    def shared(m: Model) -> str:
        others = [o for o in models if o.id != m.id]
        names = set.intersection(*(set(shared_benchmarks(catalog, m, o)) for o in others))
        return plural(len(names), "row")

    rows = (
        ("Decision fit", tags_text),
        ("Context window", lambda m: tokens_short(m.context_window)),
        ("Cheapest output", cheapest),
        ("Provider routes", lambda m: f"{len(routes_of(catalog, m.id))} tracked"),
        ("Shared benchmarks", shared),
    )
    lines = [
        "| Signal | " + " | ".join(m.name for m in models) + " |",
        "|---|" + "---|" * len(models),
    ]
    lines += [f"| {label} | " + " | ".join(cell(m) for m in models) + " |" for label, cell in rows]
    return "\n".join(lines)


def _tradeoff_lines(catalog: Catalog, models: tuple[Model, ...]) -> tuple[str, ...]:
    """Each model's tradeoff lines against the other, first model first."""
    a, b = models
    return tradeoffs(catalog, a, b) + tradeoffs(catalog, b, a)


def _bullets(lines: tuple[str, ...]) -> str:
    """Markdown bullet list."""
    return "\n".join(f"- {line}" for line in lines)


def cost_section(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """Monthly cost per model at the traffic (lab's own API first), the formula and the delta."""
    estimates = tuple(estimate(catalog, m, query.traffic) for m in models)
    owns = tuple(first_party_estimate(catalog, m, query.traffic) for m in models)
    lines = [ESTIMATE_INTRO, traffic_text(query.traffic), FORMULA + "."]
    lines += [_cost_line(e, o) for e, o in zip(estimates, owns, strict=True)]
    lines.append(delta_line(tuple(o or e for e, o in zip(estimates, owns, strict=True))))
    return "\n".join(line for line in lines if line)


def _cost_line(est: Estimate, own: Estimate | None) -> str:
    """One model's monthly figure: the lab's own API (when priced), then the cheapest route."""
    if est.monthly is None or est.route is None:
        return f"- **{est.name}**: {UNAVAILABLE}. {NO_PRICE}."
    flags = "".join(f" Note: {f}." for f in (own or est).flags)
    if own is None or own.route is None:
        return (
            f"- **{est.name}**: {money(est.monthly)}. Cheapest tracked route: "
            f"{est.route.provider_name}.{flags}"
        )
    lead = (
        f"- **{est.name}**: {money(own.monthly or 0.0)} on {own.route.provider_name} "
        "(the lab's own API)."
    )
    if same_cost(own, est):
        return f"{lead} No tracked route is cheaper.{flags}"
    return (
        f"{lead} Cheapest tracked route: {est.route.provider_name} at {money(est.monthly)}.{flags}"
    )


def pricing_table(catalog: Catalog, models: tuple[Model, ...]) -> str:
    """Input/output (and cached, when any is sourced) prices of the cheapest route, providers."""
    routes = {m.id: cheapest_route(catalog, m.id) for m in models}
    fields = [("Input price", "input_price"), ("Output price", "output_price")]
    if any(r and r.cache_read_price for r in routes.values()):
        fields.append(("Cached input", "cache_read_price"))
    rows: list[tuple[str, Callable[[Model], str]]] = [
        (label, partial(_route_price, routes, attr)) for label, attr in fields
    ]
    owns = {m.id: first_party_route(catalog, m) for m in models}
    if any(owns.values()):
        rows.append(("Lab's own API (input / output)", partial(_own_price, owns)))
    rows.append(("Providers", lambda m: _providers_cell(catalog, m)))
    lines = [
        "| Pricing attribute | " + " | ".join(m.name for m in models) + " |",
        "|---|" + "---|" * len(models),
    ]
    lines += [f"| {label} | " + " | ".join(cell(m) for m in models) + " |" for label, cell in rows]
    unpriced = [m.name for m in models if routes[m.id] is None]
    if unpriced:
        lines.append(f"\n{join_words(unpriced)}: no token price is sourced (shown as -).")
    return "\n".join(lines)


def _providers_cell(catalog: Catalog, model: Model) -> str:
    """Up to five provider names (the lab's own API and major hosts first), "+N more", or "-"."""
    names = leading_provider_names(catalog, model)
    if not names:
        return DASH
    more = f" +{len(names) - 5} more" if len(names) > 5 else ""
    return ", ".join(names[:5]) + more


def _route_price(routes: dict[str, Route | None], attr: str, model: Model) -> str:
    """One price cell of the model's cheapest complete route ("-" when none)."""
    route = routes[model.id]
    price = None if route is None else getattr(route, attr)
    return price_per_m(price)


def _own_price(owns: dict[str, Route | None], model: Model) -> str:
    """The lab's own API prices of a model ("$2.50 / $10 per 1M on OpenAI"), "-" when untracked."""
    route = owns[model.id]
    if route is None:
        return DASH
    return (
        f"{usd(route.input_price or 0.0)} / {usd(route.output_price or 0.0)} per 1M "
        f"on {route.provider_name}"
    )


def _continue_text(models: tuple[Model, ...], near: tuple[Model, ...]) -> str:
    """Nearby catalog models to compare next, or that none are close."""
    if not near:
        return "No other catalog models are close to these yet."
    return "\n".join(f"- {models[0].name} vs {n.name}" for n in near)


def _sources(catalog: Catalog, models: tuple[Model, ...]) -> str:
    """The sources line for every figure on the page."""
    cites: list[Cite | None] = [c for m in models for c in m.cites.values()]
    cites += [r.cite for m in models for r in routes_of(catalog, m.id)[:3]]
    cites += [c.cite for m in models for c in m.capabilities.values()]
    text = cite_text(cites, limit=5)
    return f"_{text}._" if text else ""


def _suggestions(
    catalog: Catalog, models: tuple[Model, ...], near: tuple[Model, ...]
) -> tuple[str, ...]:
    """Follow-ups: one neighbour comparison first, then pair questions."""
    extra = (t("Compare {a} and {b}", a=models[0].name, b=near[0].name),) if near else ()
    return (extra + follow_ups(catalog, models, "compare", limit=4))[:4]


def compare_data(
    catalog: Catalog, models: tuple[Model, ...], query: Query, said: str | None = None
) -> dict[str, object]:
    """The structured facts behind the page (``said``: the verdict, when already composed)."""
    return {
        "verdict": verdict(catalog, models) if said is None else said,
        "decision_fit": {m.id: list(decision_tags(m)) for m in models},
        "context_window": {m.id: m.context_window for m in models},
        "cheapest_output": {
            m.id: (r.output_price if (r := cheapest_output(catalog, m.id)) else None)
            for m in models
        },
        "route_count": {m.id: len(routes_of(catalog, m.id)) for m in models},
        "monthly_cost": {
            m.id: estimate_data(
                estimate(catalog, m, query.traffic),
                first_party_estimate(catalog, m, query.traffic),
            )
            for m in models
        },
        "capabilities": {m.id: {c: m.capability(c) for c in PAGE_CAPABILITIES} for m in models},
        "license": {m.id: m.license for m in models},
        "release_date": {m.id: m.release_date for m in models},
    }
