"""Invariants: normalising is idempotent; any text gets a Reply, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine_fixture import small_engine

from assistant.answers.query import INTENTS
from assistant.engine import Memory
from assistant.engine.normalise import normalise
from assistant.reply import Reply

ALPHABET = st.characters(codec="utf-8")
WORDS = st.sampled_from(
    [
        "gpt-4o",
        "claude",
        "sonnet",
        "4.5",
        "qwen3.5-4b",
        "and",
        "vs",
        "the",
        "price",
        "context",
        "window",
        "of",
        "200k",
        "$1",
        "requests",
        "a",
        "day",
        "30%",
        "cached",
        "open",
        "source",
        "which",
        "cheaper",
        "?",
        "!",
        ",",
        "it",
        "its",
        "how",
        "about",
        "instead",
        "’",
        "“",
        "İ",
        "ß",
        "ﬁ",
    ]
)


@given(st.text(alphabet=ALPHABET, max_size=200))
def test_normalise_is_idempotent(text: str) -> None:
    """normalise(normalise(t)) == normalise(t)."""
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_any_text_gets_a_reply(text: str) -> None:
    """Arbitrary text gets a Reply with a known intent."""
    reply, memory = small_engine().respond(Memory(), text)
    assert isinstance(reply, Reply)
    assert reply.intent in (*INTENTS, "clarify")
    assert isinstance(memory, Memory)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=12).map(" ".join), min_size=1, max_size=4))
def test_any_conversation_gets_replies(turns: list[str]) -> None:
    """Conversations of model-ish words get a Reply every turn, with models from the catalog."""
    engine = small_engine()
    memory = Memory()
    for text in turns:
        reply, memory = engine.respond(memory, text)
        assert reply.intent in (*INTENTS, "clarify")
        for model_id in reply.models:
            assert engine.catalog.model(model_id) is not None
