"""Conversations over the catalog's depth: kinds in rankings, self-host memory, deprecations,
batch / cache-write / long-context prices and a named provider's price."""

from __future__ import annotations

from functools import lru_cache

import pytest

from assistant import paths
from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Cite, Model, Provider, Route
from assistant.catalog.resolve import Resolver
from assistant.catalog.store import Catalog
from assistant.engine.engine import Engine
from assistant.engine.intents import load_intents
from assistant.engine.memory import Memory
from assistant.reply import Reply

MD = Cite(source="models.dev", date="2026-07-02")
LL = Cite(source="litellm", date="2026-07-02")


def _route(provider: str, model_id: str, inp: float, out: float, **extra: object) -> Route:
    return Route(
        provider_id=provider, provider_name=provider.title(), model_id=model_id,
        provider_model_id=model_id.split("/")[1], input_price=inp, output_price=out,
        cite=MD, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


@lru_cache(maxsize=1)
def _engine() -> Engine:
    models = [
        Model(id="openai/gpt-4o", name="GPT-4o", lab="OpenAI", lab_id="openai", kind="chat",
              context_window=128_000, deprecation_date="2027-01-14", successor="gpt-5.1",
              cites={"deprecation_date": LL}),
        Model(id="openai/gpt-5.1", name="GPT-5.1", lab="OpenAI", lab_id="openai", kind="chat",
              context_window=400_000),
        Model(id="meta/llama-3.1-8b", name="Llama 3.1 8B", lab="Meta",
              lab_id="meta", kind="chat", open_weights=True, params_total=8e9,
              context_window=131_072, cites={"params_total": MD}),
        Model(id="meta/llama-3.1-405b", name="Llama 3.1 405B", lab="Meta",
              lab_id="meta", kind="chat", open_weights=True, params_total=405e9,
              context_window=131_072),
        Model(id="openai/text-embedding-3-small", name="text-embedding-3-small", lab="OpenAI",
              lab_id="openai", kind="embedding", context_window=8_191),
    ]  # fmt: skip
    routes = [
        _route("openai", "openai/gpt-4o", 2.5, 10.0, batch_input_price=1.25,
               batch_output_price=5.0, cache_write_price=3.0),
        _route("azure", "openai/gpt-4o", 2.75, 11.0, deprecation_date="2027-04-14",
               successor="azure/gpt-5.1"),
        _route("openai", "openai/gpt-5.1", 1.25, 10.0, long_context_threshold=272_000,
               long_input_price=2.5, long_output_price=15.0),
        _route("groq", "meta/llama-3.1-8b", 0.05, 0.08),
        _route("groq", "meta/llama-3.1-405b", 3.0, 3.0),
        _route("openai", "openai/text-embedding-3-small", 0.02, 0.02),
    ]  # fmt: skip
    providers = [Provider(id=p, name=p.title()) for p in ("openai", "azure", "groq")]
    catalog = Catalog.from_records(models=models, routes=routes, providers=providers)
    intents = load_intents(paths.default_intents_dir())
    return Engine(catalog, Resolver.from_catalog(catalog), intents, ANSWERS)


def ask(text: str) -> Reply:
    reply, _ = _engine().respond(Memory(), text)
    return reply


def test_cheapest_model_is_a_chat_model_and_says_so() -> None:
    reply = ask("cheapest model")
    assert reply.intent == "rank"
    assert "openai/text-embedding-3-small" not in reply.models
    assert reply.text.startswith("Chat models only;")


def test_cheapest_embedding_model_ranks_embeddings() -> None:
    reply = ask("cheapest embedding model")
    assert reply.intent == "rank"
    assert reply.models == ("openai/text-embedding-3-small",)
    assert reply.text.startswith("Embedding models only;")


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("does llama 3.1 8b fit on a 24 GB GPU?", "Yes (estimate): Llama 3.1 8B fits in 24 GB at"),
        ("does llama 3.1 405b fit on a 48gb gpu?", "No (estimate): even at 4-bit"),
    ],
)  # fmt: skip
def test_self_host_fit(text: str, verdict: str) -> None:
    reply = ask(text)
    assert reply.intent == "self_host"
    assert reply.text.startswith(verdict)
    assert "Formula: memory ≈ parameters × bytes per parameter" in reply.text
    assert "KV cache, on top:" in reply.text


def test_self_host_memory_lists_three_precisions() -> None:
    reply = ask("how much vram does llama 3.1 8b need?")
    assert reply.intent == "self_host"
    assert "- 16-bit: ~16.0 GB weights + ~3.2 GB overhead = ~19.2 GB" in reply.text
    assert "- 4-bit: ~4.0 GB weights + ~0.8 GB overhead = ~4.8 GB" in reply.text
    assert "Parameter count: models.dev, 2026-07-02." in reply.text


def test_open_models_that_fit_in_48_gb() -> None:
    reply = ask("open models that fit in 48 GB")
    assert reply.intent == "rank"
    assert reply.models == ("meta/llama-3.1-8b",)  # 405B needs ~243 GB at 4-bit
    assert "fit in 48 GB at 4-bit (estimate" in reply.text


def test_deprecation_and_successor_with_sources() -> None:
    reply = ask("is gpt-4o deprecated?")
    assert reply.intent == "deprecation"
    assert "earliest sourced date is 2027-01-14" in reply.text
    assert "GPT-5.1 (gpt-5.1)" in reply.text and "litellm, 2026-07-02" in reply.text
    assert "Azure retires it on 2027-04-14" in reply.text
    assert reply.data["deprecations"]["openai/gpt-4o"][0]["successor_id"] == "openai/gpt-5.1"


def test_no_deprecation_is_said_to_be_unsourced() -> None:
    reply = ask("when will llama 3.1 8b be retired?")
    assert reply.intent == "deprecation"
    assert reply.text.startswith("No tracked source lists a deprecation or retirement date")


def test_batch_cache_write_and_long_context_prices() -> None:
    batch = ask("batch price of gpt-4o")
    assert batch.intent == "pricing"
    assert "batch $1.25/1M input tokens / $5/1M output tokens" in batch.text
    assert "cache write $3/1M tokens" in ask("cache write price of gpt-4o").text
    long = ask("gpt-5.1 price for prompts over 200k")
    assert "prompts over 272K tokens: $2.50/1M input tokens / $15/1M output tokens" in long.text
    assert "No tracked route of Llama 3.1 8B" in ask("batch price of llama 3.1 8b").text


def test_a_named_providers_price() -> None:
    reply = ask("price of gpt-4o on azure")
    assert reply.intent == "pricing"
    assert reply.text.startswith("GPT-4o on Azure: gpt-4o: $2.75/1M input tokens")
