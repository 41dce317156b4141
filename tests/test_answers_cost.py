"""Monthly cost: the formula, user traffic, cached and batch shares, flags, and unavailability."""

from __future__ import annotations

import pytest
from test_answers_fixtures import GPT4V, QWEN, full_catalog, seed_catalog

from assistant.answers.cost import estimate, monthly_cost
from assistant.answers.query import Query, Traffic
from assistant.answers.registry import ANSWERS


def cost_reply(traffic: Traffic, *models: str, full: bool = False) -> str:
    """The monthly_cost answer text."""
    catalog = full_catalog() if full else seed_catalog()
    query = Query(intent="monthly_cost", text="", models=models, traffic=traffic)
    return ANSWERS["monthly_cost"](catalog, query).text


def test_default_traffic_gives_page_figure() -> None:
    text = cost_reply(Traffic(), GPT4V)
    assert "$18,000" in text
    assert "Assumes default traffic: 1,000,000 requests/month at 1,000 input and 200 output" in text
    assert (
        "Formula: requests x (input tokens x input price + output tokens x output price) / 1M"
        in text
    )
    assert "Azure OpenAI" in text and "Source: seed page, 2026-05-19" in text


def test_user_traffic_500k() -> None:
    text = cost_reply(Traffic(requests_per_month=500_000, given=True), GPT4V)
    assert "$9,000" in text and "Assumes your traffic: 500,000 requests/month" in text


def test_user_token_shape() -> None:
    traffic = Traffic(
        requests_per_month=1_500_000, input_tokens=2_000, output_tokens=300, given=True
    )
    # 1.5M x (2000 x 10 + 300 x 40) / 1M = 1.5 x 32,000 = 48,000
    assert "$48,000" in cost_reply(traffic, GPT4V)


def test_unpriced_model_is_unavailable_never_zero() -> None:
    text = cost_reply(Traffic(), GPT4V, QWEN)
    assert "Unavailable" in text
    assert (
        "Cost delta unavailable until both models have sourced input and output token prices."
        in text
    )
    assert "$0" not in text


def test_cached_and_batch_shares_use_route_prices() -> None:
    catalog = full_catalog()
    model = catalog.model("acme/vision-xl")
    assert model is not None
    plain = estimate(catalog, model, Traffic()).monthly
    # 1M x (1000 x 1 + 200 x 4) / 1M = 1,800
    assert plain == pytest.approx(1_800)
    cached = estimate(catalog, model, Traffic(cached_input_share=0.5)).monthly
    # input: 500 x 1 + 500 x 0.25 = 625 -> 625 + 800 = 1,425
    assert cached == pytest.approx(1_425)
    batched = estimate(catalog, model, Traffic(batch_share=0.5)).monthly
    # half at list (1,800), half at batch (1000 x 0.5 + 200 x 2 = 900) -> 1,350
    assert batched == pytest.approx(1_350)


def test_missing_cached_price_is_flagged() -> None:
    route = seed_catalog().routes_for(GPT4V)[0]
    amount, flags = monthly_cost(route, Traffic(cached_input_share=0.5, batch_share=0.2))
    assert amount == pytest.approx(18_000)
    assert any("no cached-input price is sourced" in f for f in flags)
    assert any("no batch price is sourced" in f for f in flags)
    text = cost_reply(Traffic(cached_input_share=0.5), GPT4V)
    assert "Note: no cached-input price is sourced on Azure OpenAI" in text


def test_delta_when_both_priced() -> None:
    text = cost_reply(Traffic(), GPT4V, "acme/vision-xl", full=True)
    assert "Acme Vision XL is cheaper by $16,200/month than GPT-4 Vision Preview" in text


def test_worked_formula_shows_list_and_share_adjusted_figures() -> None:
    text = cost_reply(Traffic(cached_input_share=0.5, given=True), "acme/vision-xl", full=True)
    assert "1,000,000 x (1,000 x $1 + 200 x $4) / 1M = $1,800" in text
    assert "billed at the route's prices: $1,425" in text
