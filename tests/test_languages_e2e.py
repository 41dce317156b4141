"""A question in German, French or Spanish is understood and answered in that language."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine.engine import Engine
from assistant.engine.memory import Memory

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(ROOT / "catalog.db", ROOT / "intents")


@pytest.mark.parametrize(
    ("text", "intent", "start"),
    [
        ("Ist Qwen3.5-4B quelloffen?", "license", "Ja: Qwen3.5-4B"),
        ("Wie groß ist das Kontextfenster von GPT-4o?", "context_window", "GPT-4o hat ein"),
        ("Quelle est la fenêtre de contexte de GPT-4o ?", "context_window", "GPT-4o a une"),
        ("¿Cuál es la ventana de contexto de GPT-4o?", "context_window", "GPT-4o tiene una"),
        ("¿Es Qwen3.5-4B de código abierto?", "license", "Sí: Qwen3.5-4B"),
    ],
)
def test_a_foreign_question_gets_its_answer_in_its_language(
    engine: Engine, text: str, intent: str, start: str
) -> None:
    reply, _ = engine.respond(Memory(), text)
    assert reply.intent == intent
    assert reply.text.startswith(start)
    if intent == "context_window":
        assert "128K" in reply.text  # figures and names unchanged
