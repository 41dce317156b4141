"""Per-token price comparison: which model is cheaper per input or output token.

Each model is priced on the route an answer leads with: the lab's own API when it has a
complete price, else the cheapest complete route for the asked token kind.
"""

from __future__ import annotations

from assistant.answers.facts import join_words, usd
from assistant.answers.firstparty import first_party_route
from assistant.answers.pricing import cheapest_for
from assistant.answers.query import PriceKind
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog

KINDS = ("input", "output")


def lead_route(catalog: Catalog, model: Model, kind: str) -> tuple[Route | None, bool]:
    """The route the comparison uses and whether it is the lab's own API."""
    own = first_party_route(catalog, model)
    if own is not None:
        return own, True
    return cheapest_for(catalog, model.id, kind), False


def kind_price(route: Route, kind: str) -> float:
    """The route's input or output price (routes here are complete)."""
    return (route.input_price if kind == PriceKind.INPUT else route.output_price) or 0.0


def per_token_line(catalog: Catalog, models: tuple[Model, ...], kind: str) -> str:
    """ "A is cheaper per output token: $0.40 vs $0.60 per 1M output tokens (B) ..." or why not."""
    leads = [(m, *lead_route(catalog, m, kind)) for m in models]
    missing = [m.name for m, route, _ in leads if route is None]
    if missing:
        return (
            f"Which is cheaper per {kind} token is unknown: no complete token price is sourced "
            f"for {join_words(missing)}."
        )
    priced = sorted(
        ((m, kind_price(r, kind), own) for m, r, own in leads if r is not None),
        key=lambda item: item[1],
    )
    basis = _basis([own for _, _, own in priced])
    low, high = priced[0], priced[-1]
    if high[1] - low[1] < 1e-9:
        return _same_line(len(priced), usd(low[1]), kind, basis)
    if len(priced) == 2:
        return (
            f"{low[0].name} is cheaper per {kind} token: {usd(low[1])} vs {usd(high[1])} "
            f"per 1M {kind} tokens for {high[0].name} ({basis})."
        )
    ranking = ", ".join(f"{m.name} {usd(p)}" for m, p, _ in priced)
    lows = [m.name for m, p, _ in priced if p - low[1] < 1e-9]
    who = f"{lows[0]} is" if len(lows) == 1 else f"{join_words(lows)} are"
    return (
        f"{who} the cheapest per {kind} token. Per 1M {kind} tokens, cheapest first: "
        f"{ranking} ({basis})."
    )


OWN = "labs' own API prices"


def _same_line(count: int, price: str, kind: str, basis: str) -> str:
    """Equal prices: "the same: $0.40 per 1M output tokens on both labs' APIs"."""
    where = {True: "both labs' APIs", False: f"the routes compared ({basis})"}[basis == OWN]
    if count > 2:
        where = "every lab's API" if basis == OWN else where
    return f"Per {kind} token they cost the same: {price} per 1M {kind} tokens on {where}."


def _basis(own: list[bool]) -> str:
    """Which prices are compared: the labs' own, the cheapest routes, or a mix."""
    if all(own):
        return OWN
    if any(own):
        return "lab's own API price where tracked, else the cheapest route"
    return "cheapest tracked routes"


def per_token_data(
    catalog: Catalog, models: tuple[Model, ...], kind: str
) -> dict[str, float | None]:
    """Model id -> the compared per-1M price of the kind (None = unknown)."""
    out: dict[str, float | None] = {}
    for model in models:
        route, _ = lead_route(catalog, model, kind)
        out[model.id] = None if route is None else kind_price(route, kind)
    return out
