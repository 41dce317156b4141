"""The short comparison (the default): the verdict and the signals that decided it, the rows that
differ, the monthly cost at the traffic, and the way to the full page.

The verdict is named for what it scores (decision.py): context window, provider routes, token
price, open weights, release date and shared benchmarks. It says which of them each model
wins, with the figures; capabilities are shown as rows, not scored. The full page
(compare.py) is one follow-up away ("Full comparison of A and B").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from assistant.answers.cost import delta_line, lead_estimate, traffic_text
from assistant.answers.decision import is_open, ranked, signals, strengths
from assistant.answers.facts import (
    DASH,
    PAGE_CAPABILITIES,
    capability_label,
    cite_text,
    money,
    tokens_short,
    tri,
    usd,
)
from assistant.answers.firstparty import first_party_route
from assistant.answers.pricing import base_cost_per_request, cheapest_route, routes_of
from assistant.answers.query import Query, Traffic
from assistant.catalog.records import Cite, Model
from assistant.catalog.store import Catalog
from assistant.i18n import N_, join_words, t

# What each scored signal is called in a verdict ("leads on context window and release date").
SIGNAL_NAMES: dict[str, str] = {
    "context": N_("context window"),
    "routes": N_("provider routes"),
    "price": N_("token price"),
    "open": N_("open weights"),
    "recency": N_("release date"),
    "benchmarks": N_("shared benchmarks"),
}


def summary(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The short comparison as markdown (about 1,000-1,500 characters for a pair)."""
    names = [m.name for m in models]
    parts = [
        "## " + " vs ".join(names),
        f"**{verdict_sentence(catalog, models)}**",
        scored_note(),
        differ_table(catalog, models, query),
        cost_lines(catalog, models, query),
        t(
            "The full comparison (scorecard, specs, pricing, capabilities, benchmarks, switch "
            "friction, FAQ) is one question away: “{ask}”.",
            ask=full_question(models),
        ),
        _sources(catalog, models),
    ]
    return "\n\n".join(p for p in parts if p)


def full_question(models: Sequence[Model]) -> str:
    """The follow-up that asks for the full page."""
    return t("Full comparison of {models}", models=join_words([m.name for m in models]))


def verdict_sentence(catalog: Catalog, models: Sequence[Model]) -> str:
    """Who leads on which scored signals, with figures; then when to choose the other."""
    order = ranked(catalog, models)
    best, runner = order[0], order[1]
    sig = signals(catalog, best, runner)
    won = [_signal(catalog, k, best, runner) for k, v in sig.items() if v > 0]
    lost = [_signal(catalog, k, runner, best) for k, v in sig.items() if v < 0]
    if not won and not lost:
        return t(
            "The tracked signals do not separate {a} and {b}: neither leads on context window, "
            "provider routes, token price, open weights, release date or shared benchmarks.",
            a=best.name,
            b=runner.name,
        )
    if len(models) > 2:
        text = t(
            "{a} leads on the most tracked signals of these {count} models; against the "
            "runner-up {b} it leads on {won}.",
            a=best.name,
            b=runner.name,
            count=len(models),
            won=join_words(won) or t("none"),
        )
    elif len(won) == len(lost):
        text = t(
            "{a} and {b} split the tracked signals: {a} leads on {won}, {b} on {lost}.",
            a=best.name,
            b=runner.name,
            won=join_words(won),
            lost=join_words(lost),
        )
    elif not lost:
        text = t(
            "{a} leads on every tracked signal that differs: {won}.",
            a=best.name,
            won=join_words(won),
        )
    else:
        text = t(
            "{a} leads on {won}; {b} leads on {lost}.",
            a=best.name,
            b=runner.name,
            won=join_words(won),
            lost=join_words(lost),
        )
    edge = strengths(catalog, runner, best)
    if edge and len(won) != len(lost):
        text += " " + t("Choose {b} when {edge} matters.", b=runner.name, edge=t(edge[0]))
    return text


def scored_note() -> str:
    """Which signals the verdict scores, and that capabilities are not among them."""
    return t(
        "Scored on: context window, provider routes, token price at the default traffic, open "
        "weights, release date and shared benchmarks; capabilities are listed, not scored."
    )


def _signal(catalog: Catalog, key: str, a: Model, b: Model) -> str:
    """A signal a wins over b, in words with both figures ("context window (200K vs 128K)")."""
    name = t(SIGNAL_NAMES[key])
    figures: dict[str, Callable[[Model], str]] = {
        "context": lambda m: tokens_short(m.context_window),
        "routes": lambda m: str(len(routes_of(catalog, m.id))),
        "price": lambda m: _default_cost(catalog, m),
        "recency": lambda m: m.release_date or DASH,
    }
    figure = figures.get(key)
    if figure is None:
        return name
    if key == "price":
        return t("{name} (cheapest route {a} vs {b}/month)", name=name, a=figure(a), b=figure(b))
    return f"{name} ({figure(a)} vs {figure(b)})"


def _default_cost(catalog: Catalog, model: Model) -> str:
    """The monthly cost on the cheapest route at the default traffic (the price signal's basis)."""
    route = cheapest_route(catalog, model.id)
    if route is None:
        return t("no price")
    shape = Traffic()
    cost = shape.requests_per_month * base_cost_per_request(route, shape)
    return money(cost)


def differ_table(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """A table of only the rows whose values differ between the models."""
    rows: list[tuple[str, Callable[[Model], str]]] = [
        (t("Context window"), lambda m: tokens_short(m.context_window)),
        (t("Max output"), lambda m: tokens_short(m.max_output)),
        (t("Released"), lambda m: m.release_date or DASH),
        (t("Open weights"), lambda m: t(tri(is_open(m)))),
        (t("Lab's own API (in / out)"), lambda m: _own(catalog, m)),
        (t("Cheapest route (in / out)"), lambda m: _cheapest(catalog, m)),
        (t("Monthly cost"), lambda m: _monthly(catalog, m, query)),
        (t("Provider routes"), lambda m: str(len(routes_of(catalog, m.id)))),
    ]
    rows += [(t(capability_label(c)), partial(_capability, c)) for c in PAGE_CAPABILITIES]
    lines = []
    for label, cell in rows:
        cells = [cell(m) for m in models]
        if len(set(cells)) > 1:
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if not lines:
        return t("No tracked fact differs between these models.")
    head = "| " + t("Differs") + " | " + " | ".join(m.name for m in models) + " |"
    return "\n".join([head, "|---|" + "---|" * len(models), *lines])


def _capability(name: str, model: Model) -> str:
    """A capability cell: Yes / No / Unknown."""
    return t(tri(model.capability(name)))


def _own(catalog: Catalog, model: Model) -> str:
    """The lab's own API prices ("$2.50 / $10"), or "-"."""
    route = first_party_route(catalog, model)
    if route is None:
        return DASH
    return f"{usd(route.input_price or 0.0)} / {usd(route.output_price or 0.0)}"


def _cheapest(catalog: Catalog, model: Model) -> str:
    """The cheapest complete route's prices and provider, or "-"."""
    route = cheapest_route(catalog, model.id)
    if route is None:
        return DASH
    return (
        f"{usd(route.input_price or 0.0)} / {usd(route.output_price or 0.0)} "
        f"({route.provider_name})"
    )


def _monthly(catalog: Catalog, model: Model, query: Query) -> str:
    """The monthly cost the answer leads with (the lab's own API where priced), or "-"."""
    est = lead_estimate(catalog, model, query.traffic)
    return DASH if est.monthly is None else money(est.monthly)


def cost_lines(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """Which is cheaper at the traffic and by how much, and the traffic assumed."""
    delta = delta_line(tuple(lead_estimate(catalog, m, query.traffic) for m in models))
    return f"{delta} {traffic_text(query.traffic)}".strip()


def _sources(catalog: Catalog, models: tuple[Model, ...]) -> str:
    """One sources line for the figures shown."""
    cites: list[Cite | None] = [m.cites.get(f) for m in models for f in ("context_window",)]
    cites += [r.cite for m in models for r in routes_of(catalog, m.id)[:2]]
    text = cite_text(cites, limit=3)
    return f"_{text}._" if text else ""
