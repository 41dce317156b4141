"""Recommendation criteria: the winner first, the deciding facts named, honest ties."""

from __future__ import annotations

from test_answers_fixtures import GPT4V, MD, QWEN, caps, full_catalog, seed_catalog

from assistant.answers.query import Query
from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Model, Provider, Route
from assistant.catalog.store import Catalog


def recommend(catalog: Catalog, *models: str, **slots: object) -> str:
    """The recommend answer's text for the models and slots."""
    query = Query(intent="recommend", text="", models=models, **slots)  # type: ignore[arg-type]
    return ANSWERS["recommend"](catalog, query).text


def agent_pair(b_tools: bool | None, b_functions: bool | None, b_context: int = 128_000) -> Catalog:
    """A (tool use + function calling Yes, 200K) and B with the given flags, both priced."""
    a = Model(
        id="lab/a",
        name="Alpha",
        context_window=200_000,
        capabilities=caps(MD, tool_use=True, function_calling=True),
    )
    b = Model(
        id="lab/b",
        name="Beta",
        context_window=b_context,
        capabilities=caps(MD, tool_use=b_tools, function_calling=b_functions),
    )
    routes = [
        Route(
            provider_id="host",
            provider_name="Host",
            model_id=m,
            provider_model_id=m,
            input_price=price,
            output_price=price * 4,
            cite=MD,
        )
        for m, price in (("lab/a", 3.0), ("lab/b", 1.0))
    ]
    return Catalog.from_records(
        models=[a, b], providers=[Provider(id="host", name="Host")], routes=routes
    )


def test_agents_is_not_coding_and_names_the_deciding_flags() -> None:
    text = recommend(agent_pair(False, None), "lab/a", "lab/b", criterion="agents")
    assert text.startswith("Alpha fits agent workflows")
    assert "coding" not in text
    assert "tool use (Beta: No)" in text
    assert "function calling (Beta: unknown)" in text  # unknown is never No


def test_agents_tie_says_the_catalog_does_not_separate_them() -> None:
    text = recommend(agent_pair(True, True), "lab/a", "lab/b", criterion="agents")
    assert text.startswith("Both Alpha and Beta support tool use and function calling")
    assert "doesn't separate them" in text
    assert "Consider price or context" in text
    assert "Alpha has 200K context" in text and "Beta has 128K context" in text
    assert "$4/1M tokens on Host" in text  # Beta's cheapest output price is named


def test_capability_slot_is_the_criterion_when_none_is_stated() -> None:
    text = recommend(agent_pair(True, False), "lab/a", "lab/b", capability="function_calling")
    assert text.startswith("Alpha fits function calling better: it has function calling")


def test_structured_output_and_json_criteria() -> None:
    catalog = full_catalog()
    for criterion in ("json", "structured_outputs"):
        text = recommend(catalog, GPT4V, QWEN, criterion=criterion)
        assert text.startswith("Neither GPT-4 Vision Preview nor Qwen3.5-4B has structured outputs")
        assert "No for both" in text


def test_long_context_tie_and_unknown() -> None:
    tie = recommend(agent_pair(True, True, 200_000), "lab/a", "lab/b", criterion="long_context")
    assert tie.startswith("Both Alpha and Beta have 200K-token context windows")
    assert "doesn't separate them" in tie
    catalog = full_catalog()
    text = recommend(catalog, GPT4V, "mystery/blob", criterion="long_context")
    assert text.startswith("GPT-4 Vision Preview has the only sourced context window (128K")
    assert "No context window is sourced for Mystery Blob" in text


def test_long_context_near_equal_sizes_are_written_out() -> None:
    text = recommend(agent_pair(True, True, 199_800), "lab/a", "lab/b", criterion="long_context")
    assert "200,000 tokens vs Beta 199,800" in text  # both would read "200K"


def test_cheaper_names_winner_first_and_the_only_priced_model() -> None:
    text = recommend(agent_pair(True, True), "lab/a", "lab/b", criterion="cheaper")
    assert text.startswith("Beta is cheaper to run")
    seed = recommend(seed_catalog(), GPT4V, QWEN, criterion="cheaper")
    assert seed.startswith("GPT-4 Vision Preview is the only one with a complete token price")
    assert "$18,000" in seed and "Qwen3.5-4B: no token price is sourced" in seed


def test_open_source_criterion_names_open_first_and_closed_honestly() -> None:
    text = recommend(full_catalog(), GPT4V, QWEN, criterion="self_host")
    assert text.startswith("Qwen3.5-4B (Apache 2.0) is open-weight, so it can be self-hosted")
    assert "Not open-weight: GPT-4 Vision Preview (Proprietary)" in text
    both = recommend(full_catalog(), QWEN, "acme/vision-xl", criterion="open_source")
    assert both.startswith("Both Qwen3.5-4B (Apache 2.0) and Acme Vision XL (MIT) have open")
    assert "doesn't separate them" in both


def test_overall_lists_the_signals_each_model_won() -> None:
    text = recommend(seed_catalog(), GPT4V, QWEN, criterion="safer")
    assert text.startswith("Qwen3.5-4B is safer overall; choose GPT-4 Vision Preview when coding")
    assert "Qwen3.5-4B wins 3: larger context (262K vs 128K)" in text
    assert "open weights (Apache 2.0)" in text
    assert "newer release (2026-03-02 vs 2023-11-06)" in text
    assert "GPT-4 Vision Preview wins 2: more provider routes (1 vs 0)" in text
    assert "a sourced token price (none for Qwen3.5-4B)" in text
    trio = recommend(full_catalog(), GPT4V, QWEN, "acme/vision-xl", criterion="overall")
    assert "Safety signals won across every pair:" in trio


def test_reasoning_and_vision_flags() -> None:
    catalog = full_catalog()
    text = recommend(catalog, GPT4V, "acme/vision-xl", "mystery/blob", criterion="vision")
    assert text.startswith("Both GPT-4 Vision Preview and Acme Vision XL support vision")
    assert "Mystery Blob: vision unknown" in text
    none = recommend(catalog, GPT4V, QWEN, criterion="reasoning")
    assert "can't pick one for reasoning" in none
