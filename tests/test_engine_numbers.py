"""Numbers and traffic parsing: token counts, traffic, prices, context sizes, shares."""

from __future__ import annotations

import pytest

from assistant.answers.query import Traffic
from assistant.engine.normalise import normalise
from assistant.engine.numbers import Quantities, apply_traffic, parse_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("will a 200k-token document fit in <m>?", {"token_count": 200_000}),
        ("can it take a 1m token prompt", {"token_count": 1_000_000}),
        (
            "50k requests a day, 2k in / 300 out",
            {"requests_per_month": 1_500_000, "input_tokens": 2000, "output_tokens": 300},
        ),
        (
            "at 500k requests, 1000 tokens in and 200 out each",
            {"requests_per_month": 500_000, "input_tokens": 1000, "output_tokens": 200},
        ),
        ("make it 5m requests", {"requests_per_month": 5_000_000}),
        ("1b input tokens a month", {"monthly_input_tokens": 1e9}),
        ("a million requests per day", {"requests_per_month": 30_000_000}),
        (
            "2,000 input tokens per request and 500 output tokens",
            {"input_tokens": 2000, "output_tokens": 500},
        ),
        ("under $1 per 1m output tokens", {"max_output_price": 1.0}),
        ("input under $0.50 per million", {"max_input_price": 0.5}),
        ("models under $2", {"max_price": 2.0}),
        ("at least 200k context", {"context_tokens": 200_000}),
        ("context window over 100k", {"context_tokens": 100_000}),
        ("30% cached", {"cached_share": 0.3}),
        ("half batch", {"batch_share": 0.5}),
        ("20% through the batch api", {"batch_share": 0.2}),
        ("top 10 cheapest models", {"limit": 10}),
        ("top 3 models by context window", {"limit": 3}),
        ("best 2 cheap models with vision", {"limit": 2}),
        ("the 4 newest models", {"limit": 4}),
        ("models with at least 128 context", {}),
        ("at least 200000 context", {"context_tokens": 200_000}),
        ("at least 32 thousand tokens of context", {"context_tokens": 32_000}),
        (
            "at 40k req/day, 2k in / 300 out, monthly?",
            {"requests_per_month": 1_200_000, "input_tokens": 2000, "output_tokens": 300},
        ),
        (
            "20k requests per day with 1k input and 500 output tokens, monthly cost",
            {"requests_per_month": 600_000, "input_tokens": 1000, "output_tokens": 500},
        ),
        (
            "500m input tokens and 50m output tokens per month",
            {"monthly_input_tokens": 5e8, "monthly_output_tokens": 5e7},
        ),
        (
            "50m input tokens/month and 5m output, cost?",
            {"monthly_input_tokens": 5e7, "monthly_output_tokens": 5e6},
        ),
    ],
)
def test_quantities(text: str, expected: dict[str, float]) -> None:
    """Each stated number lands in the right field, and nothing else is invented."""
    found = parse_quantities(text)
    stated = {
        name: getattr(found, name)
        for name in found.__struct_fields__
        if getattr(found, name) is not None
    }
    assert stated == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["<m> context window", "zorblax-12 hyper", "gpt4 and qwen35", "hello"]
)
def test_no_numbers_invented(text: str) -> None:
    """Model-like digits and plain words give no quantities."""
    assert parse_quantities(text) == Quantities()


def test_traffic_replaces_only_what_is_stated() -> None:
    """'make it 5M requests' keeps the conversation's token sizes."""
    base = Traffic(requests_per_month=1_500_000, input_tokens=2000, output_tokens=300, given=True)
    updated = apply_traffic(base, parse_quantities("make it 5m requests"))
    assert (updated.requests_per_month, updated.input_tokens, updated.output_tokens) == (
        5e6,
        2000,
        300,
    )


def test_monthly_tokens_become_requests_at_current_size() -> None:
    """'1B input tokens a month' at 1,000 input tokens per request is 1M requests."""
    updated = apply_traffic(Traffic(), parse_quantities("1b input tokens a month"))
    assert updated.requests_per_month * updated.input_tokens == pytest.approx(1e9)
    assert updated.given


def test_no_traffic_keeps_the_base() -> None:
    """A question without traffic figures leaves the assumption alone."""
    base = Traffic()
    assert apply_traffic(base, parse_quantities("what is the price")) is base


@pytest.mark.parametrize(
    "text", ["zephyr 70b ctx window", "a 405b model context", "8b context length please"]
)
def test_parameter_size_is_never_a_context_size(text: str) -> None:
    """'70b' glued is a parameter count, not a 70-billion-token context."""
    quantities = parse_quantities(text)
    assert quantities.context_tokens is None and quantities.token_count is None


def test_billions_of_tokens_still_count() -> None:
    """'2b tokens a month' is monthly tokens, not a parameter size."""
    assert parse_quantities("2b tokens a month").monthly_input_tokens == 2e9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "we answer 3,000 customer chats daily, roughly 1,800 tokens in and 400 out per chat",
            {"requests_per_month": 90_000, "input_tokens": 1800, "output_tokens": 400},
        ),
        (
            "200k sessions a month with 900 input and 120 output tokens per session",
            {"requests_per_month": 200_000, "input_tokens": 900, "output_tokens": 120},
        ),
        (
            "12k emails per week, each 600 tokens in, 250 out",
            {"requests_per_month": 12_000 * 52 / 12, "input_tokens": 600, "output_tokens": 250},
        ),
        (
            "1,500 users each sending 20 messages a day, 700 in / 100 out tokens",
            {"requests_per_month": 900_000},
        ),
    ],
)
def test_request_units_count_requests(text: str, expected: dict[str, float]) -> None:
    """Tickets, chats, sessions, emails, users x messages count requests; 'per chat' too."""
    found = parse_quantities(normalise(text))
    for field, value in expected.items():
        assert getattr(found, field) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "```\nmonthly requests: 750,000\nprompt tokens: 1,100\ncompletion tokens: 90\n```",
        "- requests per month: 750k\n- tokens in: 1100\n- tokens out: 90\nwhat's the bill?",
        "`requests/month` = 750000, `input tokens` = 1100, `output tokens` = 90",
    ],
)
def test_labelled_traffic_lines_bind_to_their_label(text: str) -> None:
    """'label: value' lines (in a fence, as bullets, with backticks) bind to their label."""
    found = parse_quantities(normalise(text))
    assert (found.requests_per_month, found.input_tokens, found.output_tokens) == (
        750_000,
        1100,
        90,
    )


def test_normalise_strips_markdown() -> None:
    """Code fences, backticks, bullets and bold are markup, not words."""
    assert normalise("```\n- **gpt-4o**: `x`\n```") == "gpt-4o : x"


@pytest.mark.parametrize(
    ("text", "bare"),
    [("and a 64k one?", 64_000), ("with 256k+ and vision", 256_000), ("released after 2024", None)],
)
def test_a_bare_size_needs_a_scale_or_a_large_value(text: str, bare: int | None) -> None:
    """'64k' with no unit is kept as a bare size for follow-ups; a year is not one."""
    assert parse_quantities(normalise(text)).bare == bare


@pytest.mark.parametrize(
    ("text", "inputs", "outputs"),
    [
        ("50m input tokens a month across 100k requests", 500.0, 200.0),
        ("50m input tokens and 5m output tokens a month across 100k requests", 500.0, 50.0),
        ("500k requests, 2k input tokens / 300 output tokens monthly?", 2000.0, 300.0),
    ],
)
def test_monthly_token_totals_over_a_request_count(
    text: str, inputs: float, outputs: float
) -> None:
    """A period right after a token amount over an unperiodic request count is a monthly total
    split across the requests; amounts below one token per request stay per request."""
    updated = apply_traffic(Traffic(), parse_quantities(normalise(text)))
    assert (updated.input_tokens, updated.output_tokens) == (inputs, outputs)


@pytest.mark.parametrize(
    ("text", "requests"),
    [
        ("compare <m> and <m> for a 3-year contract", None),
        ("12 months of usage", None),
        ("20k a day", 600_000.0),
        ("500k monthly", 500_000.0),
        ("20k/day", 600_000.0),
    ],
)
def test_a_duration_is_not_a_request_rate(text: str, requests: float | None) -> None:
    """A period noun right after a bare number is a duration; a rate needs a/per/'/' or -ly."""
    assert parse_quantities(normalise(text)).requests_per_month == requests


def test_a_number_after_a_budget_period_is_not_a_price_unit() -> None:
    """'$200/month, 20k requests a day': 20k counts requests; '$1 per 1M' keeps 1M a unit."""
    stated = parse_quantities(normalise("i have $200/month, 20k requests a day, 3k in 500 out"))
    assert (stated.budget, stated.requests_per_month) == (200.0, 600_000.0)
    assert parse_quantities(normalise("under $1 per 1m output tokens")).requests_per_month is None


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("total over 3 years at 2m requests/month", 36),
        ("compare <m> and <m> for a 3-year contract", 36),
        ("a 6 month pilot at 50k requests a day", 6),
        ("20k a day", None),
    ],
)
def test_a_stated_duration_is_a_horizon_in_months(text: str, months: int | None) -> None:
    """A period noun right after a number is a contract horizon, never a request rate."""
    assert parse_quantities(normalise(text)).months == months


def test_a_direction_word_after_a_number_binds_it_to_tokens_not_requests() -> None:
    """'3k in 500 out 1M req/mo': 500 is output tokens even with 'req' two words on."""
    stated = parse_quantities(normalise("3k in 500 out 1m req/mo"))
    assert (stated.requests_per_month, stated.input_tokens, stated.output_tokens) == (
        1_000_000.0,
        3000.0,
        500.0,
    )
