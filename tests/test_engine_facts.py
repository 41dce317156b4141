"""Which fact a question asks: several at once (spec_fields, compare), or the one that wins."""

from __future__ import annotations

import pytest
from test_engine_conversations import _recording_engine

from assistant.engine import Memory

GPT4O = "openai/gpt-4o"
SONNET45 = "anthropic/claude-sonnet-4-5"


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("Qwen3.5-4B: how many params, and what context size?", ("parameters", "context_window")),
        (
            "GPT-4 Vision Preview architecture plus its parameter count",
            ("architecture", "parameters"),
        ),
        (
            "when was gpt-4o released and what's its knowledge cutoff",
            ("release_date", "knowledge_cutoff"),
        ),
    ],
)
def test_several_spec_fields_are_all_asked(text: str, fields: tuple[str, ...]) -> None:
    """Every field named reaches the answer, in question order."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), text)
    assert seen[-1].spec_fields == fields


def test_one_field_or_an_uncarried_one_sends_no_field_list() -> None:
    """A single field stays spec_field only; an uncarried one keeps its honest answer."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), "gpt-4o parameter count")
    assert seen[-1].spec_fields == ()
    engine.respond(Memory(), "gpt-4o latency and max output")
    assert seen[-1].spec_fields == ()


@pytest.mark.parametrize(
    "text",
    [
        "gpt-4o and claude sonnet 4.5, side by side: context length plus pricing",
        "line up claude sonnet 4.5 against gpt-4o for license and benchmark scores",
    ],
)
def test_two_fact_kinds_over_two_models_compare(text: str) -> None:
    """Two kinds of fact about two models: the comparison covers both."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), text)
    assert seen[-1].intent == "compare"
    assert set(seen[-1].models) == {GPT4O, SONNET45}


def test_capability_with_an_input_word_is_no_price_question() -> None:
    """'support image input' over two models stays a capability question."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), "do gpt-4o and claude sonnet 4.5 take image input?")
    assert seen[-1].intent == "capability"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("is self-hosting claude opus 4.1 an option, are its weights out there?", "license"),
        ("how much tokens gpt-4o accept at once?", "context_window"),
        ("would a 180k token transcript go into claude sonnet 4?", "context_window"),
    ],
)
def test_the_fact_asked_wins_over_a_generic_word(text: str, intent: str) -> None:
    """Weights/self-hosting is the license; 'how much tokens' is a size; a token count fits."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), text)
    assert seen[-1].intent == intent
