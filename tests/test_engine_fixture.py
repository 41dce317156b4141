"""A small in-memory catalog and engine for the engine's tests (plus checks of the fixture)."""

from __future__ import annotations

from functools import cache

from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Alias, Capability, Cite, Model, Provider, Route
from assistant.catalog.resolve import Resolver
from assistant.catalog.store import Catalog
from assistant.engine import Engine
from assistant.engine.intents import load_intents
from assistant.paths import default_intents_dir

CITE = Cite(source="test", date="2026-05-19")


def _caps(**flags: bool | None) -> dict[str, Capability]:
    """Capability records from keyword flags."""
    return {name: Capability(name=name, value=value, cite=CITE) for name, value in flags.items()}


def _model(model_id: str, name: str, **fields: object) -> Model:
    """A model record with a lab derived from the id."""
    lab_id = model_id.split("/")[0]
    return Model(id=model_id, name=name, lab=lab_id.title(), lab_id=lab_id, **fields)  # type: ignore[arg-type]


MODELS = (
    _model(
        "openai/gpt-4-vision-preview",
        "GPT-4 Vision Preview",
        release_date="2023-11-06",
        knowledge_cutoff="2023-04",
        context_window=128_000,
        open_weights=False,
        license="Proprietary",
        parameters="1.76T (8x222B MoE)*",
        architecture="mixture of experts",
        capabilities=_caps(vision=True, multimodal=True, reasoning=False, code_execution=True),
    ),
    _model(
        "alibaba/qwen3.5-4b",
        "Qwen3.5-4B",
        release_date="2026-03-02",
        context_window=262_144,
        open_weights=True,
        license="Apache 2.0",
        parameters="4B",
        capabilities=_caps(vision=True, multimodal=True, code_execution=False),
    ),
    _model(
        "openai/gpt-4o",
        "GPT-4o",
        release_date="2024-05-13",
        context_window=128_000,
        max_output=16_384,
        open_weights=False,
        license="Proprietary",
        capabilities=_caps(vision=True, function_calling=True, tool_use=True),
    ),
    _model(
        "anthropic/claude-sonnet-4",
        "Claude Sonnet 4",
        release_date="2025-05-22",
        context_window=200_000,
        open_weights=False,
        license="Proprietary",
        capabilities=_caps(vision=True, reasoning=True, function_calling=True),
    ),
    _model(
        "anthropic/claude-sonnet-4-5",
        "Claude Sonnet 4.5",
        release_date="2025-09-29",
        context_window=200_000,
        open_weights=False,
        license="Proprietary",
        capabilities=_caps(vision=True, reasoning=True, function_calling=True),
    ),
    _model(
        "anthropic/claude-opus-4-1",
        "Claude Opus 4.1",
        release_date="2025-08-05",
        context_window=200_000,
        open_weights=False,
        license="Proprietary",
        capabilities=_caps(vision=True, reasoning=True, function_calling=True),
    ),
    _model(
        "meta/llama-3.1-8b-instruct",
        "Llama 3.1 8B Instruct",
        context_window=131_072,
        open_weights=True,
        license="Llama 3.1 Community License",
        capabilities=_caps(function_calling=True),
    ),
)
PROVIDERS = (
    Provider(id="azure", name="Azure OpenAI"),
    Provider(id="openai", name="OpenAI"),
    Provider(id="anthropic", name="Anthropic"),
    Provider(id="groq", name="Groq"),
)


def _route(provider: str, name: str, model_id: str, inp: float, out: float) -> Route:
    """A priced route."""
    return Route(
        provider_id=provider,
        provider_name=name,
        model_id=model_id,
        provider_model_id=model_id.split("/")[1],
        input_price=inp,
        output_price=out,
        cite=CITE,
    )


ROUTES = (
    _route("azure", "Azure OpenAI", "openai/gpt-4-vision-preview", 10.0, 40.0),
    _route("openai", "OpenAI", "openai/gpt-4o", 2.5, 10.0),
    _route("anthropic", "Anthropic", "anthropic/claude-sonnet-4", 3.0, 15.0),
    _route("anthropic", "Anthropic", "anthropic/claude-sonnet-4-5", 3.0, 15.0),
    _route("anthropic", "Anthropic", "anthropic/claude-opus-4-1", 15.0, 75.0),
    _route("groq", "Groq", "meta/llama-3.1-8b-instruct", 0.05, 0.08),
)
ALIASES = (
    Alias(alias="GPT-4V", model_id="openai/gpt-4-vision-preview", kind="nickname"),
    Alias(alias="4o", model_id="openai/gpt-4o", kind="nickname"),
    Alias(alias="Sonnet 4.5", model_id="anthropic/claude-sonnet-4-5", kind="nickname"),
)


@cache
def small_catalog() -> Catalog:
    """The test catalog (built once)."""
    return Catalog.from_records(models=MODELS, providers=PROVIDERS, routes=ROUTES, aliases=ALIASES)


@cache
def small_engine() -> Engine:
    """An engine over the test catalog with the shipped intents and the real answers."""
    catalog = small_catalog()
    intents = load_intents(default_intents_dir())
    return Engine(catalog, Resolver.from_catalog(catalog), intents, ANSWERS)


def test_fixture_models_resolve() -> None:
    """Every fixture model resolves by its own name."""
    resolver = Resolver.from_catalog(small_catalog())
    for model in MODELS:
        ids = [m.model_id for m in resolver.resolve_models(model.name.lower())]
        assert ids == [model.id]
