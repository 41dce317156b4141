"""The Query struct: a understood question with its slots filled, handed to answers."""

from __future__ import annotations

import msgspec

DEFAULT_REQUESTS_PER_MONTH = 1_000_000
DEFAULT_INPUT_TOKENS = 1_000
DEFAULT_OUTPUT_TOKENS = 200


class Traffic(msgspec.Struct, frozen=True, kw_only=True):
    """Monthly traffic assumption for cost estimates (tokens are per request)."""

    requests_per_month: float = DEFAULT_REQUESTS_PER_MONTH
    input_tokens: float = DEFAULT_INPUT_TOKENS
    output_tokens: float = DEFAULT_OUTPUT_TOKENS
    cached_input_share: float = 0.0  # 0..1 of input tokens served from cache
    batch_share: float = 0.0  # 0..1 of requests sent through a batch API
    given: bool = False  # True when the user stated (part of) it

    def monthly_input_tokens(self) -> float:
        """Input tokens per month."""
        return self.requests_per_month * self.input_tokens

    def monthly_output_tokens(self) -> float:
        """Output tokens per month."""
        return self.requests_per_month * self.output_tokens


class Filters(msgspec.Struct, frozen=True, kw_only=True):
    """Constraints for filter-and-rank questions over the whole catalog."""

    capabilities: tuple[str, ...] = ()  # names from records.CAPABILITIES, all required
    min_context: int | None = None
    max_input_price: float | None = None  # USD per 1M
    max_output_price: float | None = None
    open_weights: bool | None = None
    lab: str | None = None  # lab id, e.g. "openai"
    provider: str | None = None  # provider id
    kind: str | None = None  # catalog kind id (kinds.toml); None: chat models (the default)
    max_memory_gb: float | None = None  # self-host: weights fit this memory at 4-bit (estimate)
    sort: str = "cheapest"  # "cheapest" | "context" | "newest" | "benchmark"
    limit: int = 5


class Query(msgspec.Struct, frozen=True, kw_only=True):
    """One question, understood: the intent, the models, and every slot an answer may use."""

    intent: str
    text: str  # the user's text, normalised
    models: tuple[str, ...] = ()  # catalog ids, in the order they were mentioned
    models_from_memory: bool = False  # True when no model was named and memory filled them
    capability: str | None = None  # a name from records.CAPABILITIES
    spec_field: str | None = None  # "release_date" | "parameters" | "architecture" | ...
    # every spec field asked when there are several, in question order (may include
    # "context_window"): "Phi-4 parameter count and context length"
    spec_fields: tuple[str, ...] = ()
    criterion: str | None = None  # recommend: "overall" | "long_context" | "coding" | "cheaper"...
    price_kind: str | None = None  # pricing: "input" | "output" | "cached" | None (all)
    token_count: int | None = None  # "will a 200K-token document fit"
    memory_gb: float | None = None  # self_host: "does it fit on a 24 GB GPU"
    # license: the terms asked about, in question order (catalog/licenses.toml [aspects])
    license_aspects: tuple[str, ...] = ()
    traffic: Traffic = msgspec.field(default_factory=Traffic)
    filters: Filters | None = None
    unresolved: tuple[str, ...] = ()  # names that look like models but are not in the catalog


# Every intent name the engine can produce; each has an answer in answers.registry
# (except "clarify", which the engine composes itself when it must ask).
INTENTS: tuple[str, ...] = (
    "greeting",
    "help",
    "thanks",
    "fallback",
    "overview",
    "context_window",
    "license",
    "capability",
    "providers",
    "pricing",
    "monthly_cost",
    "specs",
    "benchmarks",
    "compare",
    "tradeoffs",
    "switch_friction",
    "recommend",
    "rank",
    "deprecation",
    "self_host",
)
