"""Clarifying questions: ambiguous model mentions and near-tied intents."""

from __future__ import annotations

from typing import Any

import pytest
from test_engine_fixture import small_catalog, small_engine

from assistant.answers.registry import ANSWERS
from assistant.catalog.resolve import Candidate, Mention
from assistant.engine import Engine, Memory
from assistant.engine.match import IntentMatch, Matcher


class AmbiguousResolver:
    """Resolves 'sonnet' to Claude Sonnet 4 with Claude Sonnet 4.5 as a close runner-up."""

    def resolve_models(self, text: str) -> tuple[Any, ...]:
        """One ambiguous mention when the text says 'sonnet', else none."""
        start = text.find("sonnet")
        if start < 0:
            return ()
        runner = Candidate(
            model_id="anthropic/claude-sonnet-4-5", name="Claude Sonnet 4.5", score=80
        )
        mention = Mention(
            text="sonnet",
            start=start,
            end=start + 6,
            model_id="anthropic/claude-sonnet-4",
            name="Claude Sonnet 4",
            score=80,
            alias="sonnet",
            candidates=(runner,),
        )
        return (mention,)


def test_ambiguous_model_asks_which_one() -> None:
    """'Did you mean Claude Sonnet 4 or Claude Sonnet 4.5?' with both as suggestions."""
    base = small_engine()
    engine = Engine(small_catalog(), AmbiguousResolver(), base.intents, ANSWERS)
    reply, memory = engine.respond(Memory(), "context window of sonnet")
    assert reply.intent == "clarify"
    assert reply.text == "Did you mean Claude Sonnet 4 or Claude Sonnet 4.5?"
    assert reply.suggestions == ("Claude Sonnet 4", "Claude Sonnet 4.5")
    reply, _ = engine.respond(memory, "the second one")
    assert reply.intent == "context_window"
    assert reply.models == ("anthropic/claude-sonnet-4-5",)


class TiedMatcher(Matcher):
    """A matcher that always finds context window and price tied."""

    def match(self, tokens: Any, text: str) -> IntentMatch:
        """A tie between context_window and pricing."""
        return IntentMatch(
            intent="context_window", score=4.0, runner_up="pricing", runner_score=4.0, tied=True
        )


def test_tied_intents_ask_which_one() -> None:
    """'Did you mean the context window or the price?' with both questions as suggestions."""
    engine = Engine(small_catalog(), small_engine().parts.resolver, small_engine().intents, ANSWERS)
    engine.parts.matcher = TiedMatcher(engine.intents)
    reply, _ = engine.respond(Memory(), "gpt-4o limits")
    assert reply.intent == "clarify"
    assert reply.text == "Did you mean the context window or the price?"
    assert reply.suggestions == (
        "What is the context window of GPT-4o?",
        "What does GPT-4o cost per 1M tokens?",
    )


@pytest.mark.parametrize(
    "text",
    [
        "what is a max output?",
        "what is an output price?",
        "side by side: AWS vs GCP pricing for servers",
        "where do we go for lunch today",
    ],
)
def test_concepts_and_other_topics_are_no_model_question(text: str) -> None:
    """A concept question or a question about something else gets the honest fallback,
    not 'which model do you mean?'."""
    reply, _ = small_engine().respond(Memory(), text)
    assert reply.intent == "fallback"


def test_a_pronoun_without_a_model_still_asks_which_model() -> None:
    """'what does it cost?' names no model but means one: ask which."""
    reply, _ = small_engine().respond(Memory(), "what does it cost per month?")
    assert reply.intent == "clarify"
