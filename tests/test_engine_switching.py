"""Switching questions: intent (switch friction vs tradeoffs) and the from/to order."""

from __future__ import annotations

import pytest
from test_engine_fixture import small_engine

from assistant.engine import Memory
from assistant.engine.match import tokenize
from assistant.engine.switching import switch_order

A, B = "lab/a", "lab/b"


@pytest.mark.parametrize(
    ("text", "masked", "expected"),
    [
        ("switch from <m> to <m>", (A, B), (A, B)),
        ("switch from <m> to <m>", (B, A), (B, A)),
        ("can <m> replace <m> in production", (B, A), (A, B)),
        ("is <m> a drop in replacement for <m>", (B, A), (A, B)),
        ("swap <m> for <m>", (A, B), (A, B)),
        ("use <m> instead of <m>", (B, A), (A, B)),
        ("i am on <m> moving to <m>", (A, B), (A, B)),
        ("what do i lose moving to <m>", (A,), (B, A)),
        ("move from the latter to the former", (), (B, A)),
        ("migrate from the second one to the first", (), (B, A)),
        ("switch from the first to the second", (), (A, B)),
        ("what breaks", (), (A, B)),
    ],
)
def test_switch_order_reads_from_and_to(
    text: str, masked: tuple[str, ...], expected: tuple[str, str]
) -> None:
    """The model being left comes first, whatever order the sentence names them in."""
    assert switch_order(tokenize(text), masked, (A, B)) == expected


GPT4O = "openai/gpt-4o"
SONNET45 = "anthropic/claude-sonnet-4-5"


@pytest.mark.parametrize(
    ("follow_up", "intent", "models"),
    [
        ("switch from the first to the second - what do i lose?", "switch_friction", None),
        ("what do I give up if I switch?", "switch_friction", None),
        ("what breaks?", "switch_friction", None),
        ("what breaks if we move from the latter to the former?", "switch_friction", "ba"),
        ("what would I lose by moving to the first?", "switch_friction", "ba"),
        ("ok and if we go from the former to the latter?", "switch_friction", "ab"),
        ("what are the tradeoffs?", "tradeoffs", None),
        ("pros and cons of each?", "tradeoffs", None),
        ("which one would you recommend?", "recommend", None),
    ],
)
def test_switch_follow_ups_after_a_comparison(
    follow_up: str, intent: str, models: str | None
) -> None:
    """'the first/second/former/latter' order the pair; switching words mean switch friction."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "compare gpt-4o and claude sonnet 4.5")
    reply, _ = engine.respond(memory, follow_up)
    assert reply.intent == intent
    if models is not None:
        order = {"ab": (GPT4O, SONNET45), "ba": (SONNET45, GPT4O)}[models]
        assert tuple(reply.models) == order


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("what breaks if I move from gpt-4o to claude sonnet 4.5?", (GPT4O, SONNET45)),
        ("can gpt-4o replace claude sonnet 4.5 in production?", (SONNET45, GPT4O)),
        ("we use claude sonnet 4.5, switching to gpt-4o. what do we lose?", (SONNET45, GPT4O)),
    ],
)
def test_switch_questions_naming_both_models(text: str, order: tuple[str, str]) -> None:
    """Named models are ordered from -> to for switch friction."""
    reply, _ = small_engine().respond(Memory(), text)
    assert (reply.intent, tuple(reply.models)) == ("switch_friction", order)
