"""Monthly cost at traffic: the formula, the assumption text, and per-model estimates.

cost = requests x (input tokens x input price + output tokens x output price) / 1M,
where a cached-input share is billed at the route's cache-read price and a batch
share at its batch prices when the route has them; when it does not, those
tokens are billed at list prices and the estimate says so (``flags``).
"""

from __future__ import annotations

import msgspec

from assistant.answers.facts import cite_text, money, number, usd
from assistant.answers.firstparty import FIRST_PARTY_LABEL, first_party_route, is_first_party
from assistant.answers.pricing import base_cost_per_request, cheapest_route, sourced
from assistant.answers.query import Traffic
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog
from assistant.i18n import N_, t

UNAVAILABLE = "Unavailable"
NO_PRICE = "No complete token price in local provider data"
DELTA_UNAVAILABLE = N_(
    "Cost delta unavailable until both models have sourced input and output token prices."
)


class Estimate(msgspec.Struct, frozen=True, kw_only=True):
    """One model's monthly cost at a traffic, or None cost when no complete price is sourced."""

    model_id: str
    name: str
    monthly: float | None
    route: Route | None
    flags: tuple[str, ...] = ()
    first_party: bool = False  # the route is the lab's own API


def traffic_text(traffic: Traffic) -> str:
    """The traffic assumption in words, marked as default or as the user's."""
    shape = t(
        "{requests} requests/month at {input} input and {output} output tokens per request",
        requests=number(traffic.requests_per_month),
        input=number(traffic.input_tokens),
        output=number(traffic.output_tokens),
    )
    extras = []
    if traffic.cached_input_share:
        extras.append(f"{traffic.cached_input_share:.0%} of input tokens cached")
    if traffic.batch_share:
        extras.append(f"{traffic.batch_share:.0%} of requests batched")
    if extras:
        shape += " (" + ", ".join(extras) + ")"
    if traffic.given:
        return t("Assumes your traffic: {shape}.", shape=shape)
    return t("Assumes default traffic: {shape}.", shape=shape)


FORMULA = "Formula: requests x (input tokens x input price + output tokens x output price) / 1M"


def monthly_cost(route: Route, traffic: Traffic) -> tuple[float, tuple[str, ...]]:
    """USD per month on a complete route, plus flags for shares billed at list prices."""
    inp = route.input_price or 0.0
    out = route.output_price or 0.0
    flags: list[str] = []
    cached = sourced(route.cache_read_price, route)
    if traffic.cached_input_share and cached is None:
        flags.append(
            f"no cached-input price is sourced on {route.provider_name}; cached tokens "
            "are billed at the full input price"
        )
    eff_in = inp * (1 - traffic.cached_input_share) + (cached if cached is not None else inp) * (
        traffic.cached_input_share
    )
    per_std = traffic.input_tokens * eff_in + traffic.output_tokens * out
    per_batch = per_std
    b_in, b_out = sourced(route.batch_input_price, route), sourced(route.batch_output_price, route)
    if traffic.batch_share and (b_in is None or b_out is None):
        flags.append(
            f"no batch price is sourced on {route.provider_name}; batched requests are "
            "billed at list prices"
        )
    elif b_in is not None and b_out is not None:
        per_batch = traffic.input_tokens * b_in + traffic.output_tokens * b_out
    blended = (1 - traffic.batch_share) * per_std + traffic.batch_share * per_batch
    return traffic.requests_per_month * blended / 1_000_000, tuple(flags)


def estimate(catalog: Catalog, model: Model, traffic: Traffic) -> Estimate:
    """The model's monthly cost on its cheapest complete route at this traffic."""
    route = cheapest_route(catalog, model.id, traffic)
    if route is None:
        return Estimate(model_id=model.id, name=model.name, monthly=None, route=None)
    return _on_route(catalog, model, route, traffic)


def first_party_estimate(catalog: Catalog, model: Model, traffic: Traffic) -> Estimate | None:
    """The model's monthly cost on the lab's own API, or None when no such route is priced."""
    route = first_party_route(catalog, model, traffic)
    return None if route is None else _on_route(catalog, model, route, traffic)


def lead_estimate(catalog: Catalog, model: Model, traffic: Traffic) -> Estimate:
    """The figure an answer leads with: the lab's own API when priced, else the cheapest route."""
    return first_party_estimate(catalog, model, traffic) or estimate(catalog, model, traffic)


def _on_route(catalog: Catalog, model: Model, route: Route, traffic: Traffic) -> Estimate:
    """An estimate on one complete route."""
    amount, flags = monthly_cost(route, traffic)
    return Estimate(
        model_id=model.id,
        name=model.name,
        monthly=amount,
        route=route,
        flags=flags,
        first_party=is_first_party(catalog, model, route),
    )


def same_cost(a: Estimate, b: Estimate) -> bool:
    """True when two estimates differ by less than half a cent."""
    return a.monthly is not None and b.monthly is not None and abs(a.monthly - b.monthly) < 0.005


def worked_formula(est: Estimate, traffic: Traffic) -> str:
    """The formula with this estimate's numbers filled in (list prices, before shares)."""
    if est.route is None or est.monthly is None:
        return ""
    r = est.route
    listed = traffic.requests_per_month * base_cost_per_request(r, traffic)
    text = (
        f"{number(traffic.requests_per_month)} x ({number(traffic.input_tokens)} x "
        f"{usd(r.input_price or 0.0)} + {number(traffic.output_tokens)} x "
        f"{usd(r.output_price or 0.0)}) / 1M = {money(listed)}"
    )
    if abs(listed - est.monthly) >= 0.005:
        text += (
            f"; with your cached and batch shares billed at the route's prices: "
            f"{money(est.monthly)}"
        )
    return text


def estimate_line(est: Estimate, traffic: Traffic, own: Estimate | None = None) -> str:
    """One markdown line: the lab's own figure first (if any), then the cheapest, with formulas."""
    if est.monthly is None or est.route is None:
        return f"- **{est.name}**: {UNAVAILABLE} — {NO_PRICE} (no token price is sourced)."
    if own is None or own.route is None:
        head = _figure(est, traffic, "cheapest tracked route")
        return f"- **{est.name}**: {head}{_cite_tail(est)}"
    if same_cost(own, est):
        head = _figure(own, traffic, f"{FIRST_PARTY_LABEL}; no tracked route is cheaper")
        return f"- **{est.name}**: {head}{_cite_tail(own)}"
    lead = _figure(own, traffic, FIRST_PARTY_LABEL)
    cheap = _figure(est, traffic, "")
    cites = cite_text([own.route.cite, est.route.cite])
    return f"- **{est.name}**: {lead} Cheapest tracked route: {cheap} {cites}."


def _figure(est: Estimate, traffic: Traffic, label: str) -> str:
    """ "$4,500/month on OpenAI (label): <worked formula>." plus notes."""
    route = est.route
    name = "" if route is None else route.provider_name
    amount = f"{money(est.monthly or 0.0)}/month"
    head = f"{amount} on {name} ({label})" if label else f"{name} at {amount}"
    text = f"{head}: {worked_formula(est, traffic)}."
    return text + "".join(f" Note: {flag}." for flag in est.flags)


def _cite_tail(est: Estimate) -> str:
    """ " Source: x, date." for the estimate's route, or ""."""
    cite = cite_text([est.route.cite]) if est.route is not None else ""
    return f" {cite}." if cite else ""


def delta_line(estimates: tuple[Estimate, ...]) -> str:
    """Which model is cheaper and by how much (on the figures given), or why it is unavailable."""
    if len(estimates) < 2:
        return ""
    if any(e.monthly is None for e in estimates):
        return t(DELTA_UNAVAILABLE)
    ranked = sorted(estimates, key=lambda e: e.monthly or 0.0)
    low, high = ranked[0], ranked[-1]
    gap = (high.monthly or 0.0) - (low.monthly or 0.0)
    basis = _basis(estimates)
    if gap < 0.005:
        return t(
            "{a} and {b} cost the same at this traffic{basis}.",
            a=low.name,
            b=high.name,
            basis=basis,
        )
    template = (
        N_(
            "{a} is cheaper by {gap}/month than {b} at this traffic{basis}, "
            "so {b} is the more expensive."
        )
        if len(estimates) == 2
        else N_(
            "{a} is cheaper by {gap}/month than {b} at this traffic{basis}, "
            "so {b} is the most expensive."
        )
    )
    return t(template, a=low.name, b=high.name, gap=money(gap), basis=basis)


def _basis(estimates: tuple[Estimate, ...]) -> str:
    """Which prices a delta compares: the labs' own, the cheapest routes, or a mix."""
    if all(e.first_party for e in estimates):
        return t(" (labs' own API prices)")
    if any(e.first_party for e in estimates):
        return t(" (lab's own API price where tracked, else the cheapest route)")
    return ""


def estimate_data(est: Estimate, own: Estimate | None = None) -> dict[str, object]:
    """An estimate (and the lab's own-API one, when given) as plain data for Reply.data."""
    data: dict[str, object] = {
        "monthly_usd": None if est.monthly is None else round(est.monthly, 2),
        "route": None if est.route is None else est.route.provider_id,
        "flags": list(est.flags),
    }
    if own is not None and own.monthly is not None and own.route is not None:
        data["first_party"] = {
            "monthly_usd": round(own.monthly, 2),
            "route": own.route.provider_id,
            "flags": list(own.flags),
        }
    return data
