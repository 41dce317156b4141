"""Slots from words: capability, spec field, criterion, price kind, ranking filters."""

from __future__ import annotations

import pytest
from test_engine_fixture import small_engine

from assistant.engine import Memory
from assistant.engine.match import tokenize
from assistant.engine.normalise import normalise
from assistant.engine.numbers import parse_quantities
from assistant.engine.slots import build_filters, extract_slots


def _tokens(text: str) -> list[str]:
    """Tokens of a normalised text."""
    return tokenize(normalise(text))


@pytest.mark.parametrize(
    ("text", "capability"),
    [
        ("can it see pictures", "vision"),
        ("does it support images", "vision"),
        ("can it execute code", "code_execution"),
        ("does it have a code interpreter", "code_execution"),
        ("function calling support", "function_calling"),
        ("can it use tools", "tool_use"),
        ("json mode", "structured_outputs"),
        ("does it follow a schema", "structured_outputs"),
        ("is it a thinking model", "reasoning"),
        ("is it multimodal", "multimodal"),
        ("can it read pdfs", "pdf_input"),
    ],
)
def test_capability_words(text: str, capability: str) -> None:
    """Everyday words name the catalog's capability."""
    assert extract_slots(_tokens(text)).capability == capability


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("when was it launched", "release_date"),
        ("how many parameters", "parameters"),
        ("how big is it", "parameters"),
        ("is it a mixture of experts", "architecture"),
        ("what is the knowledge cutoff", "knowledge_cutoff"),
        ("how recent is its training data", "knowledge_cutoff"),
        ("max output tokens", "max_output"),
    ],
)
def test_spec_words(text: str, field: str) -> None:
    """Spec questions name the spec field."""
    assert extract_slots(_tokens(text)).spec_field == field


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("which is safer", "overall"),
        ("better for long documents", "long_context"),
        ("which is better for coding", "coding"),
        ("which is cheaper", "cheaper"),
    ],
)
def test_criterion_words(text: str, criterion: str) -> None:
    """Recommendation questions name the criterion."""
    assert extract_slots(_tokens(text)).criterion == criterion


def test_price_kind() -> None:
    """Input, output and cached prices are told apart."""
    assert extract_slots(_tokens("output price")).price_kind == "output"
    assert extract_slots(_tokens("input price")).price_kind == "input"
    assert extract_slots(_tokens("cached input price")).price_kind == "cached"


def test_filters_vision_and_context() -> None:
    """'cheapest model with vision and at least 200K context'."""
    text = normalise("cheapest model with vision and at least 200K context")
    tokens = tokenize(text)
    filters = build_filters(tokens, extract_slots(tokens), parse_quantities(text), {})
    assert filters.capabilities == ("vision",)
    assert filters.min_context == 200_000
    assert filters.sort == "cheapest"


def test_filters_open_weights_tools_price() -> None:
    """'open-weight models with tool calling under $1 per 1M output tokens'."""
    text = normalise("open-weight models with tool calling under $1 per 1M output tokens")
    tokens = tokenize(text)
    filters = build_filters(tokens, extract_slots(tokens), parse_quantities(text), {})
    assert filters.open_weights is True
    assert filters.capabilities == ("function_calling",)
    assert filters.max_output_price == 1.0
    assert filters.max_input_price is None


def test_filters_lab_and_provider() -> None:
    """Lab and provider names become filters ('openai models on azure')."""
    names = {("openai",): ("openai", "openai"), ("azure",): (None, "azure")}
    tokens = _tokens("newest openai models on azure")
    filters = build_filters(tokens, extract_slots(tokens), parse_quantities(""), names)
    assert (filters.lab, filters.provider, filters.sort) == ("openai", "azure", "newest")


_BOTH = {
    ("mistral",): ("mistral", "mistral"),
    ("openai",): ("openai", "openai"),
    ("groq",): (None, "groq"),
    ("meta",): ("meta", None),
}


@pytest.mark.parametrize(
    ("text", "lab", "provider"),
    [
        ("newest models from mistral", "mistral", None),
        ("mistral models with vision", "mistral", None),
        ("newest models by openai", "openai", None),
        ("cheapest models on mistral", None, "mistral"),
        ("models served by openai", None, "openai"),
        ("models hosted by mistral", None, "mistral"),
        ("models through openai", None, "openai"),
        ("open models via mistral", None, "mistral"),
        ("cheapest models groq has", None, "groq"),
        ("meta models on groq", "meta", "groq"),
    ],
)
def test_lab_unless_the_words_say_where_it_runs(
    text: str, lab: str | None, provider: str | None
) -> None:
    """'from/by <lab>', '<lab> models' name a lab; 'on/via', 'served by' name a provider."""
    tokens = _tokens(text)
    filters = build_filters(tokens, extract_slots(tokens), parse_quantities(""), _BOTH)
    assert (filters.lab, filters.provider) == (lab, provider)


@pytest.mark.parametrize(
    ("text", "sort", "limit", "context"),
    [
        ("top 3 models by context window", "context", 3, None),
        ("best 2 cheap models with vision", "cheapest", 2, None),
        ("best 3 models", "benchmark", 3, None),
        ("3 cheapest models with at least 128k context", "cheapest", 3, 128_000),
    ],
)
def test_top_n_is_the_list_size_not_a_context(
    text: str, sort: str, limit: int, context: int | None
) -> None:
    """'top N' / 'best N' / 'N cheapest' size the list; a bare small number is no context."""
    norm = normalise(text)
    tokens = tokenize(norm)
    filters = build_filters(tokens, extract_slots(tokens), parse_quantities(norm), {})
    assert (filters.sort, filters.limit, filters.min_context) == (sort, limit, context)


def test_engine_fills_rank_filters() -> None:
    """The rank answer receives the filters (reply data is the answer's, models are real)."""
    reply, _ = small_engine().respond(Memory(), "open source models with function calling")
    assert reply.intent == "rank"
    assert "meta/llama-3.1-8b-instruct" in reply.models


@pytest.mark.parametrize(
    ("text", "sort"),
    [
        ("what is a good model for coding?", "benchmark"),
        ("models for programming", "benchmark"),
        ("a decent open model", "benchmark"),
        ("good cheap model with vision", "cheapest"),
        ("models with vision", "cheapest"),
        ("good model with the longest context", "context"),
    ],
)
def test_quality_words_and_coding_rank_by_benchmark(text: str, sort: str) -> None:
    """No sort word: a quality word or the coding criterion orders like 'best'; a sort word wins."""
    tokens = tokenize(normalise(text))
    filters = build_filters(tokens, extract_slots(tokens), parse_quantities(text), {})
    assert filters.sort == sort


@pytest.mark.parametrize(
    ("text", "kind", "capabilities"),
    [
        ("cheapest model", None, ()),
        ("cheapest embedding model", "embedding", ()),
        ("cheapest text-to-speech model", "text_to_speech", ()),
        ("cheapest image generation model", "image_generation", ()),
        ("image generation models with vision", "image_generation", ("vision",)),
        ("best rerankers", "rerank", ()),
        ("cheapest model with vision", None, ("vision",)),
    ],
)
def test_kind_words_select_a_kind(
    text: str, kind: str | None, capabilities: tuple[str, ...]
) -> None:
    """A kind word (from assistant/catalog/kinds.toml) is the Filters.kind; a capability word
    inside it ("image" in "image generation") is no capability ask."""
    norm = normalise(text)
    tokens = tokenize(norm)
    filters = build_filters(tokens, extract_slots(tokens), parse_quantities(norm), {})
    assert (filters.kind, filters.capabilities) == (kind, capabilities)
