"""Every example of every intents file matches its own intent; every intent is wired up."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_engine_fixture import small_engine

from assistant.answers.query import INTENTS
from assistant.answers.registry import ANSWERS
from assistant.engine import Memory
from assistant.engine.intents import Intent, load_intents
from assistant.errors import IntentsError
from assistant.paths import default_intents_dir

INTENT_FILES = load_intents(default_intents_dir())
SAMPLE = {"{model}": "GPT-4o", "{model_a}": "Claude Sonnet 4.5", "{model_b}": "Qwen3.5-4B"}
# Two models in focus, as after "compare Claude Sonnet 4.5 and Qwen3.5-4B", so that examples
# which lean on the conversation ("which one is open source?") have something to refer to.
PRIMED = Memory(
    models=("anthropic/claude-sonnet-4-5", "alibaba/qwen3.5-4b"),
    last_models=("anthropic/claude-sonnet-4-5", "alibaba/qwen3.5-4b"),
)
CASES = [
    pytest.param(intent.name, example, id=f"{intent.name}-{index}")
    for intent in INTENT_FILES
    for index, example in enumerate(intent.examples)
]


def substitute(example: str) -> str:
    """The example with sample model names in its placeholders."""
    for slot, name in SAMPLE.items():
        example = example.replace(slot, name)
    return example


@pytest.mark.parametrize(("name", "example"), CASES)
def test_example_matches_its_intent(name: str, example: str) -> None:
    """The example, with sample models substituted, is answered by its own intent."""
    reply, _ = small_engine().respond(PRIMED, substitute(example))
    assert reply.intent == name


def test_every_intent_has_a_file_and_an_answer() -> None:
    """Each name in INTENTS has an intents file and a registered answer."""
    names = {intent.name for intent in INTENT_FILES}
    assert set(INTENTS) <= names
    assert set(INTENTS) <= set(ANSWERS)


def test_every_intent_has_a_conversation_test() -> None:
    """Each intent is the expected intent of at least one conversation test."""
    text = "".join(
        path.read_text(encoding="utf-8") for path in Path(__file__).parent.glob("test_engine_*.py")
    )
    missing = [name for name in INTENTS if f'"{name}"' not in text]
    assert missing == []


def test_examples_are_distinct_and_masked() -> None:
    """Examples are distinct within an intent and never spell out a sample model name."""
    for intent in INTENT_FILES:
        assert len(set(intent.examples)) == len(intent.examples), intent.name
        for example in intent.examples:
            assert all(name not in example for name in SAMPLE.values())


def test_a_typo_in_an_intents_file_fails_loudly(tmp_path: Path) -> None:
    """An unknown field is rejected at load with the file name in the message."""
    source = (default_intents_dir() / "greeting.toml").read_text(encoding="utf-8")
    (tmp_path / "greeting.toml").write_text(source + '\nexampels = ["hi"]\n', encoding="utf-8")
    with pytest.raises(IntentsError, match=r"greeting\.toml"):
        load_intents(tmp_path)


def test_an_unknown_intent_name_fails(tmp_path: Path) -> None:
    """A file whose name is not in INTENTS is rejected."""
    source = (default_intents_dir() / "greeting.toml").read_text(encoding="utf-8")
    bad = source.replace('name = "greeting"', 'name = "weather"')
    (tmp_path / "weather.toml").write_text(bad, encoding="utf-8")
    with pytest.raises(IntentsError, match="unknown intent"):
        load_intents(tmp_path)


def test_too_few_examples_fail(tmp_path: Path) -> None:
    """An intent with fewer than 15 examples is rejected."""
    intent = Intent(name="greeting", description="d", examples=("hi",))
    assert len(intent.examples) < 15
    text = 'name = "greeting"\ndescription = "d"\nexamples = ["hi", "hello"]\n'
    (tmp_path / "greeting.toml").write_text(text, encoding="utf-8")
    with pytest.raises(IntentsError, match="examples"):
        load_intents(tmp_path)
