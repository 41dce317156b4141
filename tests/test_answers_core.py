"""Answers: registry coverage, unknown-vs-no, never $0, clarifications, conflicts, formatting."""

from __future__ import annotations

import re

import pytest
from test_answers_fixtures import GPT4V, QWEN, full_catalog, seed_catalog

from assistant.answers.facts import money, tokens_exact, tokens_short, usd
from assistant.answers.query import INTENTS, Query
from assistant.answers.registry import ANSWERS, answer
from assistant.reply import Reply

ZERO_DOLLARS = re.compile(r"\$\s?0(?:\.0+)?(?![.\d])")


def ask(intent: str, *models: str, catalog_kind: str = "seed", **slots: object) -> Reply:
    """Run one answer on a fixture catalog."""
    catalog = seed_catalog() if catalog_kind == "seed" else full_catalog()
    return ANSWERS[intent](catalog, Query(intent=intent, text="", models=models, **slots))  # type: ignore[arg-type]


def test_registry_covers_intents_exactly() -> None:
    assert set(ANSWERS) == set(INTENTS)


@pytest.mark.parametrize("intent", INTENTS)
@pytest.mark.parametrize("models", [(), (QWEN,), (GPT4V, QWEN), ("nope/none",)], ids=str)
def test_every_answer_replies_without_raising(intent: str, models: tuple[str, ...]) -> None:
    reply = ask(intent, *models)
    assert reply.text
    assert all(m in {GPT4V, QWEN} for m in reply.models)


@pytest.mark.parametrize("intent", INTENTS)
def test_no_answer_prints_zero_dollars_on_seed(intent: str) -> None:
    reply = ask(intent, GPT4V, QWEN, capability="vision")
    assert not ZERO_DOLLARS.search(reply.text)
    assert "free" not in reply.text.lower()


@pytest.mark.parametrize(
    "intent", ["context_window", "license", "pricing", "providers", "specs", "capability"]
)
def test_missing_model_gets_clarifying_question(intent: str) -> None:
    reply = ask(intent)
    assert "Which model do you mean?" in reply.text
    assert 1 <= len(reply.suggestions) <= 4
    assert reply.data["needs"] == "models"


@pytest.mark.parametrize("intent", ["compare", "tradeoffs", "switch_friction"])
def test_pair_intents_ask_for_a_second_model(intent: str) -> None:
    reply = ask(intent, QWEN)
    assert reply.text.endswith("?")
    assert reply.models == (QWEN,)


def test_unknown_capability_is_unknown_not_no() -> None:
    reply = ask("capability", "mystery/blob", catalog_kind="full", capability="vision")
    assert reply.text.startswith("Unknown")
    assert "No," not in reply.text
    assert reply.data["capabilities"]["mystery/blob"]["vision"] is None


def test_false_capability_is_no() -> None:
    reply = ask("capability", QWEN, capability="code_execution")
    assert reply.text.startswith("No, Qwen3.5-4B does not support code execution")


def test_capability_table_shows_unknown() -> None:
    reply = ask("capability", "mystery/blob", GPT4V, catalog_kind="full")
    assert "| Vision | Unknown | Yes |" in reply.text


def test_zero_price_that_is_not_free_is_unknown() -> None:
    reply = ask("pricing", "mystery/blob", catalog_kind="full")
    assert "no token price is sourced" in reply.text
    assert not ZERO_DOLLARS.search(reply.text)
    assert reply.data["prices"]["mystery/blob"]["input"] is None


def test_price_unknown_for_qwen() -> None:
    reply = ask("pricing", QWEN)
    assert "no token price is sourced" in reply.text


def test_single_fact_answers_are_short_and_cited() -> None:
    reply = ask("context_window", QWEN)
    assert "262K" in reply.text and "262,144 tokens" in reply.text
    assert "Source: seed page, 2026-05-19" in reply.text
    assert reply.data["context_window"] == {QWEN: 262_144}


def test_token_fit_question() -> None:
    reply = ask("context_window", GPT4V, QWEN, token_count=200_000)
    assert "Yes, a 200K-token input fits Qwen3.5-4B" in reply.text
    assert "No, a 200K-token input does not fit GPT-4 Vision Preview" in reply.text


def test_conflicts_are_mentioned() -> None:
    reply = ask("context_window", "acme/vision-xl", catalog_kind="full")
    assert "Sources disagree: context window 1M (models.dev) vs 131K (LiteLLM)." in reply.text


def test_fallback_names_unresolved_model_and_invents_nothing() -> None:
    catalog = seed_catalog()
    query = Query(intent="fallback", text="context of qwen 3.5 4 b", unresolved=("Qwen3.5-4C",))
    reply = answer(catalog, query)
    assert reply.intent == "fallback"
    assert 'I couldn\'t find a model called "Qwen3.5-4C" in the catalog' in reply.text
    assert "Qwen3.5-4B" not in reply.text  # close names are clickable suggestions, not prose
    assert reply.suggestions == ("Tell me about Qwen3.5-4B",)
    assert not re.search(r"\d{2,}K", reply.text)


def test_plain_fallback_is_honest() -> None:
    reply = ask("fallback")
    assert reply.text.startswith("Sorry, I can only answer questions about AI models")
    assert reply.suggestions


def test_greeting_examples_name_catalog_models() -> None:
    reply = ask("greeting")
    assert any("GPT-4 Vision Preview" in s or "Qwen3.5-4B" in s for s in reply.suggestions)


def test_license_single_model_open_and_closed() -> None:
    assert "not open-weight" in ask("license", GPT4V).text
    assert "Its weights are open" in ask("license", QWEN).text


def test_license_closed_without_license_name_is_proprietary_not_unknown() -> None:
    closed = ask("license", "mystery/blob", catalog_kind="full").text
    assert "No license is sourced for Mystery Blob" in closed  # nothing known: unknown, not "no"
    text = ask("license", GPT4V, "acme/tiny", catalog_kind="full").text
    assert text.startswith("Acme Tiny is open-weight; GPT-4 Vision Preview is not.")
    assert "Acme Tiny has open weights, but no license name is sourced." in text


def test_license_verdict_neither_and_unknown() -> None:
    both_open = ask("license", QWEN, "acme/tiny", catalog_kind="full").text
    assert both_open.startswith("All of Qwen3.5-4B and Acme Tiny have open weights.")
    unknown = ask("license", GPT4V, "mystery/blob", catalog_kind="full").text
    assert unknown.startswith("Whether Mystery Blob has open weights is unknown.")


def test_overview_has_key_facts() -> None:
    text = ask("overview", GPT4V).text
    assert text.startswith("## GPT-4 Vision Preview (OpenAI)\nSummary of its key facts")
    for fact in ("128K", "2023-11-06", "Proprietary", "$10/1M input tokens", "Azure OpenAI"):
        assert fact in text


def test_specs_single_field_and_unknown() -> None:
    assert (
        "Qwen3.5-4B was released on 2026-03-02."
        in ask("specs", QWEN, spec_field="release_date").text
    )
    text = ask("specs", QWEN, spec_field="knowledge_cutoff").text
    assert "(unknown)" in text


@pytest.mark.parametrize(
    ("value", "short"), [(128_000, "128K"), (262_144, "262K"), (1_050_000, "1.05M"), (None, "-")]
)
def test_tokens_short(value: int | None, short: str) -> None:
    assert tokens_short(value) == short


def test_number_formats() -> None:
    assert tokens_exact(262_144) == "262,144 tokens"
    assert money(18_000) == "$18,000"
    assert money(12.5) == "$12.50"
    assert usd(10) == "$10" and usd(2.5) == "$2.50" and usd(0.075) == "$0.075"


def test_cached_and_batch_price_kinds() -> None:
    cached = ask("pricing", "acme/vision-xl", catalog_kind="full", price_kind="cached").text
    assert "Cached input costs $0.25/1M tokens" in cached
    batch = ask("pricing", "acme/vision-xl", catalog_kind="full", price_kind="batch").text
    assert "batch $0.50/1M input tokens / $2/1M output tokens (standard $1/1M input" in batch
    none = ask("pricing", GPT4V, price_kind="cached").text
    assert "No cached-input price is sourced on Azure OpenAI" in none


def test_recommend_criteria_on_pair() -> None:
    for criterion, expected in [
        ("coding", "GPT-4 Vision Preview fits coding workflows better: it has code execution"),
        ("agents", "Neither GPT-4 Vision Preview nor Qwen3.5-4B has tool use or function calling"),
        ("open_source", "Qwen3.5-4B (Apache 2.0) is open-weight"),
        ("vision", "Both GPT-4 Vision Preview and Qwen3.5-4B support vision"),
        ("newer", "Qwen3.5-4B is the newer release"),
    ]:
        assert ask("recommend", GPT4V, QWEN, criterion=criterion).text.startswith(expected)


def test_prepare_builds_indexes_and_answers_still_work() -> None:
    from assistant.answers.registry import prepare

    catalog = full_catalog()
    prepare(catalog)
    prepare(catalog)  # idempotent
    query = Query(intent="compare", text="", models=(GPT4V, QWEN))
    assert "GPT-4 Vision Preview vs Qwen3.5-4B" in answer(catalog, query).text


def test_overview_of_an_uncovered_question_is_still_headed_by_the_model() -> None:
    catalog = seed_catalog()
    query = Query(intent="overview", text="how many layers does gpt-4 vision have", models=(GPT4V,))
    text = answer(catalog, query).text
    assert text.splitlines()[0] == "## GPT-4 Vision Preview (OpenAI)"


def test_compare_intro_lists_three_context_windows_without_chained_whiles() -> None:
    from test_answers_fixtures import gpt4v, qwen

    from assistant.answers.compare import intro

    pair = intro((gpt4v(), qwen()))
    assert "128K-token context window, while Qwen3.5-4B ships a 262K" in pair
    three = intro((gpt4v(), qwen(), gpt4v()))
    assert three.count("while") == 0 and ", and GPT-4 Vision Preview ships a 128K" in three


def test_benchmarks_without_shared_rows_show_each_models_own_rows() -> None:
    from test_answers_fixtures import GPT4V, QWEN, full_catalog

    from assistant.answers.query import Query
    from assistant.answers.registry import ANSWERS

    catalog = full_catalog()
    one = ANSWERS["benchmarks"](
        catalog, Query(intent="benchmarks", text="", models=("acme/tiny", QWEN))
    )
    assert one.text.startswith("No shared benchmark rows are currently sourced for this pair.")
    assert "not a head-to-head" in one.text and "| Benchmark | Acme Tiny |" in one.text
    none = ANSWERS["benchmarks"](catalog, Query(intent="benchmarks", text="", models=(GPT4V, QWEN)))
    assert "head-to-head" not in none.text
