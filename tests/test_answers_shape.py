"""Answer shape: the first sentence answers, provider routes as a table, short comparisons.

On the seed fixtures for exact wording, and on the shipped catalog for the length limits.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_answers_fixtures import GPT4V, QWEN, seed_catalog

from assistant.answers.kinds import model_kind
from assistant.answers.query import Filters, Qualifier, Query
from assistant.answers.registry import ANSWERS
from assistant.answers.subjects import neighbours
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.engine import Engine, Memory
from assistant.engine.lexicon import load_lexicon
from assistant.engine.match import tokenize
from assistant.engine.normalise import normalise
from assistant.paths import default_catalog_path, default_intents_dir, default_lexicon_dir
from assistant.reply import Reply

OSS = "openai/gpt-oss-120b"
GPT4O = "openai/gpt-4o"
SONNET = "anthropic/claude-sonnet-4-5"


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    """The shipped catalog (skipped when it was not built)."""
    path = default_catalog_path()
    if not path.exists():
        pytest.skip("no catalog.db yet (built by `assistant catalog build`)")
    return Catalog.open(Path(path))


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The engine on the shipped catalog, for questions typed as a user would."""
    path = default_catalog_path()
    if not path.exists():
        pytest.skip("no catalog.db yet (built by `assistant catalog build`)")
    return Engine.load(Path(path), default_intents_dir())


def answer(catalog: Catalog, intent: str, *models: str, **slots: object) -> Reply:
    """One answer through the registry."""
    text = str(slots.pop("text", ""))
    slots.setdefault("qualifiers", qualifiers_of(text))  # what the reader would set
    query = Query(intent=intent, text=text, models=models, **slots)  # type: ignore[arg-type]
    return ANSWERS[intent](catalog, query)


def qualifiers_of(text: str) -> frozenset[Qualifier]:
    """The qualifiers the real lexicon reads from a question's words."""
    lexicon = load_lexicon(default_lexicon_dir())
    words = tokenize(normalise(text))
    return frozenset(
        qualifier
        for size in (1, 2, 3)
        for start in range(len(words) - size + 1)
        for qualifier in lexicon.qualifiers.get(tuple(words[start : start + size]), ())
    )


def first_sentence(text: str) -> str:
    """The reply's first line (its answer sentence; bold marks dropped)."""
    return text.strip().split("\n")[0].replace("**", "")


@pytest.mark.parametrize(
    ("model", "word"),
    [(QWEN, "Yes: "), (GPT4V, "No: ")],
    ids=["open", "closed"],
)
def test_an_openness_question_starts_with_yes_or_no(model: str, word: str) -> None:
    reply = answer(seed_catalog(), "license", model, polar=True, text="is it open source?")
    assert reply.text.startswith(word)


def test_an_openness_question_on_an_unknown_model_starts_with_unknown() -> None:
    unknown = Model(id="lab/x", name="X One")
    cat = Catalog.from_records(models=(unknown,), providers=(), routes=())
    reply = answer(cat, "license", unknown.id, polar=True, text="is x one open weight?")
    assert reply.text.startswith("Unknown: ")


def test_a_closed_question_is_answered_as_asked() -> None:
    text = answer(
        seed_catalog(), "license", GPT4V, polar=True, text="is gpt-4 vision proprietary?"
    ).text
    assert text.startswith("Yes: GPT-4 Vision Preview is not open-weight, so it is used through")
    premise = answer(seed_catalog(), "license", QWEN, polar=True, text="is qwen closed source?")
    assert premise.text.startswith("No: ")


def test_a_license_name_question_starts_with_the_name() -> None:
    text = answer(seed_catalog(), "license", QWEN, text="what license is it under?").text
    assert text.startswith("Qwen3.5-4B is listed under Apache 2.0.")


@pytest.mark.parametrize(
    ("tokens", "word"), [(100_000, "Yes, "), (200_000, "No, ")], ids=["fits", "too-big"]
)
def test_a_fits_question_starts_with_yes_or_no(tokens: int, word: str) -> None:
    text = answer(seed_catalog(), "context_window", GPT4V, token_count=tokens).text
    assert text.startswith(word)


def test_a_cost_question_starts_with_the_monthly_figure() -> None:
    text = answer(seed_catalog(), "monthly_cost", GPT4V).text
    assert first_sentence(text) == (
        "GPT-4 Vision Preview would cost $18,000/month on Azure OpenAI "
        "(the cheapest tracked route)."
    )


def test_yes_no_questions_typed_by_a_user_start_with_yes_no_or_unknown(engine: Engine) -> None:
    for text, word in (
        ("Is Qwen3.5-4B open source?", "Yes"),
        ("Is GPT-4o open source?", "No"),
        ("Are GPT-4o and Claude Sonnet 4.5 open source?", "No"),
        ("Does GPT-4o support vision?", "Yes"),
        ("Can I use gpt-oss-120b through Groq?", "Yes"),
        ("Will a 200K token document fit in GPT-4o?", "No"),
    ):
        reply, _ = engine.respond(Memory(), text)
        assert reply.text.split()[0].strip(",:") == word, text


def test_the_provider_answer_leads_with_count_and_cheapest_and_stays_short(
    shipped: Catalog,
) -> None:
    text = answer(shipped, "providers", OSS).text
    first = first_sentence(text)
    count = len(shipped.routes_for(OSS))
    assert first.startswith(f"GPT OSS 120B has {count} tracked routes; cheapest ")
    assert "$" in first and "/" in first
    assert "| Provider | Input | Output | Cached | Batch | Context |" in text
    assert "more routes: ask “List every provider for GPT OSS 120B”" in text
    assert len(text) < 1500


def test_a_named_provider_question_starts_with_yes_or_no_and_stays_short(
    shipped: Catalog,
) -> None:
    yes = answer(shipped, "providers", OSS, polar=True, filters=Filters(provider="amazon-bedrock"))
    assert yes.text.startswith("Yes: Amazon Bedrock serves GPT OSS 120B at $")
    assert len(yes.text) < 1500
    no = answer(shipped, "providers", OSS, polar=True, filters=Filters(provider="anthropic"))
    assert no.text.startswith("No: ")


def test_the_default_comparison_is_short_with_no_line_twice(shipped: Catalog) -> None:
    for pair in ((GPT4O, SONNET), (OSS, "openai/gpt-oss-20b"), (GPT4V, QWEN)):
        text = answer(shipped, "compare", *pair).text
        assert len(text) < 2000, pair
        lines = [line for line in text.splitlines() if line.strip()]
        assert len(lines) == len(set(lines)), pair


def test_the_verdict_names_what_it_measures_and_the_signals_that_decided(
    shipped: Catalog,
) -> None:
    text = answer(shipped, "compare", GPT4O, SONNET).text
    verdict = text.split("\n\n")[1]
    assert "safer" not in verdict
    assert "context window (200K vs 128K)" in verdict
    assert "provider routes (" in verdict
    assert "Scored on: context window, provider routes" in text


def test_the_default_comparison_shows_only_rows_that_differ_and_the_monthly_cost() -> None:
    text = answer(seed_catalog(), "compare", GPT4V, QWEN).text
    assert "| Context window | 128K | 262K |" in text
    assert "| Vision |" not in text  # both Yes: no difference, no row
    assert "Assumes default traffic" in text
    assert "### Specs" not in text


def test_the_full_page_is_one_follow_up_away(engine: Engine) -> None:
    reply, memory = engine.respond(Memory(), "Compare GPT-4o and Claude Sonnet 4.5")
    assert reply.suggestions[0] == "Full comparison of GPT-4o and Claude Sonnet 4.5"
    assert "### Specs" not in reply.text
    full, _ = engine.respond(memory, reply.suggestions[0])
    assert full.intent == "compare"
    for heading in (
        "### Decision scorecard",
        "### Specs",
        "### Pricing and availability",
        "### FAQ",
    ):
        assert heading in full.text


def test_suggestions_name_only_models_of_the_subject_s_kind(shipped: Catalog) -> None:
    for model_id in ("openai/tts-1", GPT4O, "openai/whisper-1"):
        model = shipped.model(model_id)
        assert model is not None
        kind = model_kind(model)
        assert kind is not None
        near = neighbours(shipped, (model,))
        assert near, model_id
        assert {model_kind(n) for n in near} == {kind}, model_id
        for line in follow_ups(shipped, (model,), "license"):
            for other in shipped.all_models():
                if other.name in line and other.id != model.id and other.name != model.name:
                    assert model_kind(other) == kind, line


def test_a_model_kind_comes_from_its_modalities() -> None:
    def kind(inputs: tuple[str, ...] | None, outputs: tuple[str, ...] | None) -> str | None:
        return model_kind(
            Model(id="x", name="X", input_modalities=inputs, output_modalities=outputs)
        )

    assert kind(("text",), ("text",)) == "chat"
    assert kind(("image", "text"), ("text",)) == "chat"
    assert kind(("text",), ("audio",)) == "speech"
    assert kind(("text",), ("image",)) == "image"
    assert kind(("audio",), ("text",)) == "transcription"
    assert kind(None, None) is None
