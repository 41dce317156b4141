"""Multi-turn conversations through the engine on the small test catalog."""

from __future__ import annotations

import pytest
from test_engine_fixture import small_engine

from assistant.answers.query import Query
from assistant.answers.registry import ANSWERS
from assistant.engine import Engine, Memory
from assistant.engine.respond import Answer
from assistant.reply import Reply

GPT4O = "openai/gpt-4o"
SONNET45 = "anthropic/claude-sonnet-4-5"
OPUS41 = "anthropic/claude-opus-4-1"
QWEN = "alibaba/qwen3.5-4b"
GPT4V = "openai/gpt-4-vision-preview"

# Each conversation: (text, expected intent, expected models) per turn.
CONVERSATIONS = {
    "greeting-help-thanks": [
        ("hello!", "greeting", ()),
        ("what can you do?", "help", ()),
        ("thanks a lot", "thanks", ()),
    ],
    "context-then-follow-ups": [
        ("tell me about qwen3.5-4b's context window", "context_window", (QWEN,)),
        ("and how about gpt-4 vision preview?", "context_window", (GPT4V,)),
        ("which of the two is cheaper to run?", "monthly_cost", (QWEN, GPT4V)),
    ],
    "pronoun-follow-ups": [
        ("gpt-4o?", "overview", (GPT4O,)),
        ("and its license?", "license", (GPT4O,)),
        ("what about the price?", "pricing", (GPT4O,)),
        ("where can I run it?", "providers", (GPT4O,)),
        ("when was it released?", "specs", (GPT4O,)),
        ("does it support vision?", "capability", (GPT4O,)),
        ("any benchmarks?", "benchmarks", (GPT4O,)),
    ],
    "compare-then-swap": [
        ("gpt-4o vs claude sonnet 4.5", "compare", (GPT4O, SONNET45)),
        ("which one is open source?", "license", (GPT4O, SONNET45)),
        ("how about Claude Opus 4.1 instead?", "license", (GPT4O, OPUS41)),
    ],
    "cheapest-follow-up": [
        ("tell me about gpt-4o", "overview", (GPT4O,)),
        ("cheapest one?", "pricing", (GPT4O,)),
    ],
    "vague-off-topic": [
        ("what is 17 * 23", "fallback", ()),
        ("explain quantum entanglement simply", "fallback", ()),
    ],
    "lone-capability-word": [("does gpt-4o thinkk", "capability", (GPT4O,))],
    "single-swap": [
        ("is claude sonnet 4.5 open source?", "license", (SONNET45,)),
        ("how about Claude Opus 4.1 instead?", "license", (OPUS41,)),
    ],
    "cost-traffic": [
        (
            "what would gpt-4o cost per month at 50k requests a day, 2k in / 300 out?",
            "monthly_cost",
            (GPT4O,),
        ),
        ("make it 5M requests", "monthly_cost", (GPT4O,)),
    ],
    "pair-decisions": [
        ("compare gpt-4o and qwen3.5-4b", "compare", (GPT4O, QWEN)),
        ("what are the tradeoffs?", "tradeoffs", (GPT4O, QWEN)),
        ("what breaks if I move from gpt-4o to qwen3.5-4b?", "switch_friction", (GPT4O, QWEN)),
        ("which is safer overall?", "recommend", (GPT4O, QWEN)),
    ],
    "rank": [
        ("cheapest model with vision and at least 200K context", "rank", None),
    ],
    "off-topic": [
        ("what's the weather like in Paris?", "fallback", ()),
        ("tell me a joke", "fallback", ()),
        ("asdf qwerty zxcv", "fallback", ()),
        ("context window of Zorblax-12 Hyper?", "fallback", ()),
    ],
}


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
def test_conversation(name: str) -> None:
    """Every turn gets the expected intent and is about the expected models."""
    memory = Memory()
    for text, intent, models in CONVERSATIONS[name]:
        reply, memory = small_engine().respond(memory, text)
        assert reply.intent == intent, text
        if models is not None:
            assert tuple(reply.models) == models, text


def test_traffic_persists_and_recomputes() -> None:
    """The stated traffic stays in memory; 'make it 5M requests' replaces only the requests."""
    engine = small_engine()
    _, memory = engine.respond(
        Memory(), "gpt-4o monthly cost at 50k requests a day, 2k in / 300 out"
    )
    assert memory.traffic.requests_per_month == 1_500_000
    reply, memory = engine.respond(memory, "make it 5M requests")
    assert memory.traffic.requests_per_month == 5_000_000
    assert memory.traffic.input_tokens == 2000
    assert reply.intent == "monthly_cost"


def test_unknown_model_is_reported_not_invented() -> None:
    """A name-like unknown model gets fallback and no figures."""
    reply, _ = small_engine().respond(Memory(), "what is the price of Zorblax-12 Hyper?")
    assert reply.intent == "fallback"
    assert "$" not in reply.text


def test_follow_up_without_memory_asks_which_model() -> None:
    """A question that needs a model, in a new conversation, asks which one."""
    reply, memory = small_engine().respond(Memory(), "what's the context window?")
    assert reply.intent == "clarify"
    assert reply.suggestions
    reply, _ = small_engine().respond(memory, "gpt-4o")
    assert reply.intent == "context_window"
    assert reply.models == (GPT4O,)


def test_typos_in_question_words() -> None:
    """Misspelt cue words still find their intent."""
    reply, _ = small_engine().respond(Memory(), "wats the pirce of gpt-4o")
    assert reply.intent == "pricing"
    reply, _ = small_engine().respond(Memory(), "contxt windw of claude opus 4.1")
    assert reply.intent == "context_window"


def test_everyday_words_are_not_corrected_into_off_topic_cues() -> None:
    """'whether' is not a typo of 'weather': a verbose capability question is answered."""
    text = "could you tell me whether gpt-4o can actually take images as input?"
    reply, _ = small_engine().respond(Memory(), text)
    assert reply.intent == "capability"


def _recording_engine() -> tuple[Engine, list[Query]]:
    """The small engine with every answer recording the Query it was given."""
    seen: list[Query] = []

    def wrap(answer: Answer) -> Answer:
        def recorded(catalog: object, query: Query) -> Reply:
            seen.append(query)
            return answer(catalog, query)

        return recorded

    base = small_engine()
    answers = {name: wrap(answer) for name, answer in ANSWERS.items()}
    return Engine(base.catalog, base.parts.resolver, base.intents, answers), seen


@pytest.mark.parametrize(
    ("first", "follow_up", "slot", "value"),
    [
        (
            "will a 300k token document fit in gpt-4o",
            "what about qwen3.5-4b",
            "token_count",
            300_000,
        ),
        ("does gpt-4o support vision?", "what about qwen3.5-4b", "capability", "vision"),
        ("when was gpt-4o released?", "and qwen3.5-4b?", "spec_field", "release_date"),
        ("cached input price of gpt-4o", "what about qwen3.5-4b", "price_kind", "cached"),
    ],
)
def test_follow_up_naming_a_new_model_keeps_the_question(
    first: str, follow_up: str, slot: str, value: object
) -> None:
    """'what about <model>' asks the previous question, slots and all, about the new model."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), first)
    engine.respond(memory, follow_up)
    assert (seen[-1].intent, seen[-1].models) == (seen[0].intent, (QWEN,))
    assert getattr(seen[-1], slot) == value


def test_follow_up_keeps_the_traffic_for_a_new_model() -> None:
    """The stated traffic carries to 'what about <model>'."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o monthly cost at 50k requests a day")
    engine.respond(memory, "what about qwen3.5-4b")
    assert seen[-1].intent == "monthly_cost"
    assert seen[-1].traffic.requests_per_month == 1_500_000


def test_follow_up_with_its_own_slot_replaces_only_that_slot() -> None:
    """'and <model> for function calling?' swaps the capability; 'a 1M one' the size."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "does gpt-4o support vision?")
    engine.respond(memory, "and qwen3.5-4b for function calling?")
    assert (seen[-1].capability, seen[-1].models) == ("function_calling", (QWEN,))
    _, memory = engine.respond(Memory(), "will a 300k token document fit in gpt-4o")
    engine.respond(memory, "what about a 1m token one")
    assert (seen[-1].token_count, seen[-1].models) == (1_000_000, (GPT4O,))


def test_a_fresh_question_does_not_inherit_a_document_size() -> None:
    """A new context question (not a follow-up) asks no fit question."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "will a 300k token document fit in gpt-4o")
    engine.respond(memory, "what is the context window of qwen3.5-4b")
    assert seen[-1].token_count is None
