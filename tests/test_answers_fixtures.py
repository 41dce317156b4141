"""Catalog fixtures for the answers tests (the seed page's two models, plus extras), and checks."""

from __future__ import annotations

from assistant.catalog.records import Benchmark, Capability, Cite, Fact, Model, Provider, Route
from assistant.catalog.store import Catalog

SEED = Cite(source="seed page", date="2026-05-19")
MD = Cite(source="models.dev", date="2026-07-02")
LL = Cite(source="LiteLLM", date="2026-07-02")
PAGE_CAPS = (
    "vision",
    "multimodal",
    "reasoning",
    "function_calling",
    "tool_use",
    "structured_outputs",
    "code_execution",
)
GPT4V = "openai/gpt-4-vision-preview"
QWEN = "alibaba/qwen3.5-4b"


def caps(cite: Cite, **values: bool | None) -> dict[str, Capability]:
    """Capability records for the page's seven capabilities (missing keys stay absent)."""
    return {k: Capability(name=k, value=v, cite=cite) for k, v in values.items()}


def gpt4v() -> Model:
    """GPT-4 Vision Preview exactly as the seed page states it."""
    return Model(
        id=GPT4V,
        name="GPT-4 Vision Preview",
        lab="OpenAI",
        lab_id="openai",
        family="gpt-4",
        release_date="2023-11-06",
        knowledge_cutoff="2023-04",
        context_window=128_000,
        open_weights=False,
        license="Proprietary",
        parameters="1.76T (8x222B MoE)*",
        architecture="mixture of experts",
        capabilities=caps(
            SEED,
            vision=True,
            multimodal=True,
            reasoning=False,
            function_calling=False,
            tool_use=False,
            structured_outputs=False,
            code_execution=True,
        ),
        cites={
            f: SEED
            for f in (
                "release_date",
                "knowledge_cutoff",
                "context_window",
                "license",
                "parameters",
                "architecture",
                "open_weights",
            )
        },
    )


def qwen() -> Model:
    """Qwen3.5-4B exactly as the seed page states it."""
    return Model(
        id=QWEN,
        name="Qwen3.5-4B",
        lab="Alibaba",
        lab_id="alibaba",
        family="qwen",
        release_date="2026-03-02",
        context_window=262_144,
        license="Apache 2.0",
        parameters="4B",
        capabilities=caps(
            SEED,
            vision=True,
            multimodal=True,
            reasoning=False,
            function_calling=False,
            tool_use=False,
            structured_outputs=False,
            code_execution=False,
        ),
        cites={f: SEED for f in ("release_date", "context_window", "license", "parameters")},
    )


def azure_route() -> Route:
    """The page's one route: Azure OpenAI at $10 / $40 per 1M."""
    return Route(
        provider_id="azure",
        provider_name="Azure OpenAI",
        model_id=GPT4V,
        provider_model_id="gpt-4-vision-preview",
        input_price=10.0,
        output_price=40.0,
        cite=SEED,
    )


def seed_catalog() -> Catalog:
    """The seed page's catalog (what `catalog build --seed-only` must hold)."""
    return Catalog.from_records(
        models=[gpt4v(), qwen()],
        providers=[Provider(id="azure", name="Azure OpenAI")],
        routes=[azure_route()],
    )


def extra_models() -> list[Model]:
    """Three more models with mixed known / unknown data for rank and conflict tests."""
    return [
        Model(
            id="acme/vision-xl",
            name="Acme Vision XL",
            lab="Acme",
            lab_id="acme",
            context_window=1_000_000,
            open_weights=True,
            license="MIT",
            release_date="2025-06-01",
            capabilities=caps(MD, vision=True, tool_use=True),
            cites={"context_window": MD},
        ),
        Model(
            id="acme/tiny",
            name="Acme Tiny",
            lab="Acme",
            lab_id="acme",
            context_window=32_000,
            open_weights=True,
            release_date="2025-01-01",
            capabilities=caps(MD, vision=False, tool_use=True),
            cites={"context_window": MD},
        ),
        Model(
            id="mystery/blob", name="Mystery Blob", lab="Mystery", lab_id="mystery", capabilities={}
        ),
    ]


def extra_routes() -> list[Route]:
    """Routes for the extra models: complete, cached/batch priced, partial, and a $0 non-free."""
    return [
        Route(
            provider_id="azure",
            provider_name="Azure OpenAI",
            model_id="acme/vision-xl",
            provider_model_id="vision-xl",
            input_price=1.0,
            output_price=4.0,
            cache_read_price=0.25,
            batch_input_price=0.5,
            batch_output_price=2.0,
            cite=MD,
        ),
        Route(
            provider_id="cheapcloud",
            provider_name="CheapCloud",
            model_id="acme/tiny",
            provider_model_id="tiny",
            input_price=0.1,
            output_price=0.2,
            cite=MD,
        ),
        Route(
            provider_id="zero",
            provider_name="ZeroHost",
            model_id="mystery/blob",
            provider_model_id="blob",
            input_price=0.0,
            output_price=0.0,
            cite=MD,
        ),
    ]


def full_catalog() -> Catalog:
    """Seed models plus extras, with a price conflict and a benchmark pair."""
    return Catalog.from_records(
        models=[gpt4v(), qwen(), *extra_models()],
        providers=[
            Provider(id="azure", name="Azure OpenAI"),
            Provider(id="cheapcloud", name="CheapCloud"),
            Provider(id="zero", name="ZeroHost"),
        ],
        routes=[azure_route(), *extra_routes()],
        facts=[
            Fact(
                model_id="acme/vision-xl",
                field="context_window",
                value="1000000",
                cite=MD,
                chosen=True,
            ),
            Fact(model_id="acme/vision-xl", field="context_window", value="131072", cite=LL),
        ],
        benchmarks=[
            Benchmark(model_id="acme/vision-xl", name="MMLU", score=80.0, cite=MD),
            Benchmark(model_id="acme/tiny", name="MMLU", score=60.0, cite=MD),
        ],
    )


def test_fixtures_build() -> None:
    """The fixture catalogs load through the Catalog API."""
    assert seed_catalog().stats()["models"] == 2
    assert full_catalog().conflicts_for("acme/vision-xl")
