"""Frozen records handed out by the catalog store: models, routes, providers, facts.

Tri-state rule: ``None`` always means *unknown* (no source says), never "no" or 0.
Prices are USD per 1M tokens; ``None`` is "no price sourced".
"""

from __future__ import annotations

import msgspec


class Cite(msgspec.Struct, frozen=True, kw_only=True):
    """Where a fact comes from: source name (e.g. ``models.dev``), snapshot date, optional URL."""

    source: str
    date: str
    url: str | None = None


class Capability(msgspec.Struct, frozen=True, kw_only=True):
    """A tri-state capability flag (True / False / None = unknown) with its citation."""

    name: str
    value: bool | None
    cite: Cite | None = None


# Capability names used everywhere (catalog, answers, intents slots).
CAPABILITIES: tuple[str, ...] = (
    "vision",
    "multimodal",
    "reasoning",
    "function_calling",
    "tool_use",
    "structured_outputs",
    "code_execution",
    "audio_input",
    "audio_output",
    "pdf_input",
    "web_search",
    "prompt_caching",
)


class Model(msgspec.Struct, frozen=True, kw_only=True):
    """One real model, deduplicated across sources; the chosen value of each fact."""

    id: str
    name: str
    lab: str | None = None  # display name, e.g. "OpenAI"
    lab_id: str | None = None  # e.g. "openai"
    family: str | None = None
    release_date: str | None = None  # YYYY-MM-DD or YYYY-MM
    knowledge_cutoff: str | None = None
    context_window: int | None = None
    max_output: int | None = None
    input_modalities: tuple[str, ...] | None = None
    output_modalities: tuple[str, ...] | None = None
    open_weights: bool | None = None
    license: str | None = None
    parameters: str | None = None  # display label, e.g. "1.76T (8x222B MoE)*"
    params_total: float | None = None  # count, e.g. 4e9
    params_active: float | None = None
    architecture: str | None = None
    status: str | None = None  # e.g. "active", "deprecated", "preview"
    deprecation_date: str | None = None
    successor: str | None = None  # the replacement's id as a source spells it
    hf_id: str | None = None
    kind: str | None = None  # kinds.toml id ("chat", "embedding", ...); None in old catalogs
    capabilities: dict[str, Capability] = msgspec.field(default_factory=dict)
    cites: dict[str, Cite] = msgspec.field(default_factory=dict)  # field -> cite of chosen value

    def capability(self, name: str) -> bool | None:
        """The tri-state value of one capability (None when unknown)."""
        cap = self.capabilities.get(name)
        return None if cap is None else cap.value


class Provider(msgspec.Struct, frozen=True, kw_only=True):
    """A company or platform that serves models through an API."""

    id: str
    name: str
    doc_url: str | None = None
    api_url: str | None = None


class Route(msgspec.Struct, frozen=True, kw_only=True):
    """One provider x model offering with its prices (USD per 1M tokens; None = unknown)."""

    provider_id: str
    provider_name: str
    model_id: str
    provider_model_id: str
    input_price: float | None = None
    output_price: float | None = None
    cache_read_price: float | None = None
    cache_write_price: float | None = None
    batch_input_price: float | None = None
    batch_output_price: float | None = None
    free: bool = False  # True only when a source explicitly marks the route free
    context_window: int | None = None
    max_output: int | None = None
    status: str | None = None
    long_context_threshold: int | None = None  # prompt tokens above which long prices apply
    long_input_price: float | None = None
    long_output_price: float | None = None
    deprecation_date: str | None = None  # this route's retirement date
    successor: str | None = None  # the replacement id the source names for this route
    price_suspect: bool = False  # far outside the model's other routes, not confirmed (sanity.py)
    cite: Cite


class Benchmark(msgspec.Struct, frozen=True, kw_only=True):
    """One benchmark score for a model."""

    model_id: str
    name: str
    score: float
    metric: str | None = None
    cite: Cite


class Fact(msgspec.Struct, frozen=True, kw_only=True):
    """One source's value for one field of one model (JSON-encoded value)."""

    model_id: str
    field: str
    value: str
    cite: Cite
    chosen: bool = False


class Conflict(msgspec.Struct, frozen=True, kw_only=True):
    """Sources disagree on a field: every source's value, and which one the precedence chose."""

    model_id: str
    field: str
    facts: tuple[Fact, ...]


class Source(msgspec.Struct, frozen=True, kw_only=True):
    """A data source the catalog was built from."""

    name: str
    snapshot_date: str
    license: str | None = None
    url: str | None = None


class Alias(msgspec.Struct, frozen=True, kw_only=True):
    """A name a person might type for a model, and where the name comes from."""

    alias: str
    model_id: str
    kind: str  # "name", "id", "provider_id", "hf_id", "nickname", "snapshot", ...
