"""Quantities through the whole engine: what the reader finds reaches the traffic, and an
absurd number is named in the reply instead of being used or silently dropped."""

from __future__ import annotations

import pytest
from test_engine_fixture import small_engine

from assistant.engine import Memory


def test_an_absurd_count_is_named_and_not_used() -> None:
    """'1e999 requests a day' never becomes a workload; the reply says it was left out."""
    reply, memory = small_engine().respond(
        Memory(), "gpt-4o monthly cost at 1e999 requests a day, 1k in 200 out"
    )
    assert "1e999" in reply.text and "left out" in reply.text
    assert memory.traffic.requests_per_month < 1e15


@pytest.mark.parametrize(
    ("text", "requests", "inputs", "outputs"),
    [
        (
            "gpt-4o monthly cost for 5k users sending 8 messages a day, 500 in 200 out",
            1.2e6,
            500,
            200,
        ),
        (
            "gpt-4o monthly cost for 2000 requests a day at 2B tokens a month, 4:1",
            60_000,
            None,
            None,
        ),
        ("gpt-4o cost for one request with 10k in and 2k out", 1, 10_000, 2000),
        ("gpt-4o monthly cost at two thousand requests a day, 1k in 200 out", 60_000, 1000, 200),
    ],
)
def test_stated_traffic_reaches_the_memory(
    text: str, requests: float, inputs: float | None, outputs: float | None
) -> None:
    """Users x messages, a split total, one request and number words all land in the traffic."""
    _, memory = small_engine().respond(Memory(), text)
    traffic = memory.traffic
    assert traffic.requests_per_month == pytest.approx(requests)
    if inputs is not None:
        assert (traffic.input_tokens, traffic.output_tokens) == (inputs, outputs)
    else:  # the split total over the stated requests: 4:1 of 2B tokens a month
        assert traffic.monthly_input_tokens() == pytest.approx(1.6e9)
        assert traffic.monthly_output_tokens() == pytest.approx(4e8)
