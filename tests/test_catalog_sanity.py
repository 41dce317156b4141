"""Sanity checks: outlying route prices are suspect (kept out of cheapest); wild fact gaps."""

from __future__ import annotations

from typing import Any

from test_answers_fixtures import MD

from assistant.answers.pricing import cheapest_route, complete_routes
from assistant.catalog.records import Model, Route
from assistant.catalog.sanity import fact_disagreements, mark_suspect_prices, price_outliers
from assistant.catalog.store import Catalog


def _row(provider: str, price: float, free: bool = False) -> dict[str, Any]:
    return {
        "model_id": "m/x", "provider_id": provider, "provider_model_id": "x",
        "input_price": price, "output_price": price * 2, "free": int(free),
    }  # fmt: skip


def test_a_per_1k_slip_is_an_outlier_and_normal_spread_is_not() -> None:
    rows = [_row("a", 0.10), _row("b", 0.20), _row("c", 0.30), _row("d", 0.0023)]
    assert list(price_outliers(rows)) == [3]
    assert "median $0.2/1M of 3 routes" in price_outliers(rows)[3]
    assert price_outliers(rows[:3]) == {}


def test_too_few_routes_give_no_median() -> None:
    assert price_outliers([_row("a", 0.10), _row("b", 0.20), _row("d", 0.0001)]) == {}


def test_a_confirmed_route_is_not_suspect() -> None:
    rows = [_row("a", 0.10), _row("b", 0.20), _row("c", 0.30), _row("d", 0.0023)]
    assert [r["provider_id"] for r, _ in mark_suspect_prices(rows, [])] == ["d"]
    assert rows[3]["price_suspect"] == 1 and rows[0]["price_suspect"] == 0
    assert mark_suspect_prices(rows, ["d/x"]) == []
    assert rows[3]["price_suspect"] == 0


def test_suspect_routes_are_kept_out_of_cheapest() -> None:
    def route(provider: str, price: float, suspect: bool = False) -> Route:
        return Route(
            provider_id=provider, provider_name=provider, model_id="m/x", provider_model_id="x",
            input_price=price, output_price=price, price_suspect=suspect, cite=MD,
        )  # fmt: skip

    catalog = Catalog.from_records(
        models=[Model(id="m/x", name="X")],
        routes=[route("a", 0.1), route("b", 0.2), route("slip", 0.0023, suspect=True)],
    )
    cheapest = cheapest_route(catalog, "m/x")
    assert cheapest is not None and cheapest.provider_id == "a"
    assert [r.provider_id for r in complete_routes(catalog, "m/x")] == ["a", "b"]


def test_wild_context_disagreement_is_listed() -> None:
    def fact(value: str, source: str, scope: str = "model") -> dict[str, Any]:
        return {"model_id": "m/x", "field": "context_window", "value": value,
                "source": source, "scope": scope}  # fmt: skip

    rows = [fact("131072", "litellm"), fact("1000000", "models.dev"), fact("9", "p", "route")]
    assert fact_disagreements(rows) == [
        ("m/x", "context_window", "litellm: 131072, models.dev: 1e+06")
    ]
    assert fact_disagreements([*rows[:1], fact("200000", "models.dev")]) == []
