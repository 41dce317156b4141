"""The lexicon as data: validated at load, language detection, translation, honesty, names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.engine.engine import Engine
from assistant.engine.lexicon import LexiconError, load_lexicon
from assistant.engine.memory import Memory

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(ROOT / "catalog.db", ROOT / "intents")


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "lexicon"
    shutil.copytree(ROOT / "lexicon", target)
    return target


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("fields.toml", None, "unknown field"),
        ("fields.toml", "not toml = = =", "fields.toml"),
        ("languages.toml", '[languages.xx]\nmarkers = ["a"]\n', "unsupported language"),
        ("requirements.toml", 'after = ["Grösse"]\n', "accent-free"),
        ("references.toml", "[ordinals]\nfirst = 'zero'\n", "references.toml"),
        ("slots.toml", '[sort]\n"quickest" = "fastest"\n', "is unknown"),
    ],
    ids=["unknown-field", "bad-toml", "bad-language", "accented-word", "bad-type", "bad-slot"],
)
def test_a_bad_lexicon_file_fails_with_its_name(
    tmp_path: Path, name: str, text: str | None, said: str
) -> None:
    folder = _copy(tmp_path)
    path = folder / name
    if text is None:  # one bad entry added to the shipped file
        text = path.read_text(encoding="utf-8") + '\n[fields.bogus]\nwords = ["x"]\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=said):
        load_lexicon(folder)


def test_a_missing_lexicon_folder_fails(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Welche Modelle haben das größte Kontextfenster?", "de"),
        ("Quel modèle a la plus grande fenêtre de contexte ?", "fr"),
        ("¿Cuál es el modelo más barato con visión?", "es"),
        ("Which model has the largest context window?", "en"),
        ("gpt-4o ctx?", "en"),
    ],
)
def test_language_is_detected_from_marker_words(engine: Engine, text: str, language: str) -> None:
    from assistant.engine.understand import read

    assert read(engine.parts, text).language == language


@pytest.mark.parametrize(
    "text",
    [
        "Welche Modelle haben das größte Kontextfenster?",
        "Quels modèles ont la plus grande fenêtre de contexte ?",
        "¿Qué modelos tienen la ventana de contexto más grande?",
    ],
)
def test_a_foreign_ranking_question_ranks_by_context(engine: Engine, text: str) -> None:
    reply, _ = engine.respond(Memory(), text)
    assert reply.intent == "rank"
    assert reply.data["filters"]["order"]["field"] == "context_window"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("cheapest model for a laptop", "laptop"),
        ("which open model has the lowest hallucination rate", "hallucination"),
        ("cheapest fast models with vision", "fast"),
        ("which open models run on a raspberry pi", "raspberry"),
    ],
)
def test_an_unapplied_requirement_is_named_in_the_reply(
    engine: Engine, text: str, word: str
) -> None:
    reply, _ = engine.respond(Memory(), text)
    assert word in reply.data["unapplied"]
    assert f"could not apply “{word}”" in reply.text or f"“{word}”" in reply.text.split("\n")[1]


def test_filler_words_are_never_called_requirements(engine: Engine) -> None:
    reply, _ = engine.respond(Memory(), "hey, honestly, which model is the cheapest one overall?")
    assert "unapplied" not in reply.data


def test_an_ambiguous_name_asks_which_and_the_pick_answers_the_question(engine: Engine) -> None:
    reply, memory = engine.respond(Memory(), "opus context window")
    assert reply.intent == "clarify"
    assert 2 <= len(reply.suggestions) <= 4
    assert all("Opus" in name for name in reply.suggestions)
    answer, _ = engine.respond(memory, "the first one")
    assert answer.intent == "context_window"
    assert reply.suggestions[0] in answer.text


def test_a_pair_with_an_ambiguous_name_keeps_the_named_model(engine: Engine) -> None:
    reply, memory = engine.respond(Memory(), "4o vs sonnet")
    assert reply.intent == "clarify"
    answer, _ = engine.respond(memory, "the second one")
    assert answer.intent == "compare"
    assert "GPT-4o" in answer.text and reply.suggestions[1] in answer.text


def test_two_facts_in_one_question_answer_both(engine: Engine) -> None:
    reply, _ = engine.respond(Memory(), "context and license of llama 3.1 70b")
    assert "131" in reply.text and "Community License" in reply.text


def test_an_ordinal_picks_from_the_last_list(engine: Engine) -> None:
    listed, memory = engine.respond(Memory(), "cheapest models with vision")
    third = listed.data["ranked"][2]
    reply, _ = engine.respond(memory, "the third one's price?")
    assert reply.models == (third,)
