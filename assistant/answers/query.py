"""The Query struct: a understood question with its slots filled, handed to answers."""

from __future__ import annotations

from enum import StrEnum

import msgspec

DEFAULT_REQUESTS_PER_MONTH = 1_000_000
DEFAULT_INPUT_TOKENS = 1_000
DEFAULT_OUTPUT_TOKENS = 200


class Qualifier(StrEnum):
    """A word that changes how an answer reads its facts (see lexicon/qualifiers.toml)."""

    FREE = "free"  # the price asked is a free route's
    ACTIVE = "active"  # the parameter count asked is the active one
    CLOSED = "closed"  # the question calls the model closed (a premise to check)
    OPEN = "open"  # the question names openness itself
    OPENNESS = "openness"  # the question is about open weights / self-hosting at all


DETAIL_SUMMARY = "summary"  # Query.detail: the short answer (the default)
DETAIL_FULL = "full"  # Query.detail: the whole page or list


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


class Op(StrEnum):
    """A constraint's comparison."""

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "=="
    BETWEEN = "between"


class PriceKind(StrEnum):
    """A kind of token price a question asks for (``Query.price_kind``)."""

    INPUT = "input"
    OUTPUT = "output"
    CACHED = "cached"
    CACHE_WRITE = "cache_write"
    BATCH = "batch"
    LONG_CONTEXT = "long_context"


class Language(StrEnum):
    """A reply language."""

    EN = "en"
    DE = "de"
    FR = "fr"
    ES = "es"


class Constraint(msgspec.Struct, frozen=True, kw_only=True):
    """One requirement on a catalog field: ``field op value`` (``between``: value..upper).

    ``field`` is a name from answers.fields (``benchmark:<name>`` for a score); ``words``
    are the question's words it was read from, for the reply to state back.
    """

    field: str
    op: Op
    value: float
    upper: float | None = None
    words: str = ""


class Ordering(msgspec.Struct, frozen=True, kw_only=True):
    """The order a ranking asks for: a field (or benchmark score) and a direction."""

    field: str
    descending: bool = True
    words: str = ""


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
    constraints: tuple[Constraint, ...] = ()  # requirements on any catalog field
    input_modalities: tuple[str, ...] = ()  # every one required ("video")
    order: Ordering | None = None  # an order over any field; overrides ``sort`` when set


class Notes(msgspec.Struct, frozen=True, kw_only=True):
    """What a reply notes beside its answer (see answers.notes); None / empty = nothing."""

    currency: str | None = None  # a non-USD currency asked for: prices stay USD
    claimed_context: int | None = None  # a context size the user states about a model
    needed_tokens: int | None = None  # an input size the user needs to fit
    pages: int | None = None  # a document size in pages (no fixed token count)
    absurd: tuple[str, ...] = ()  # numbers too large to be meant, as typed
    region: bool = False  # the question asks about regions or data residency
    budget: float | None = None  # USD a month to spend (this turn's, or the last cost turn's)
    months: int | None = None  # a contract's or plan's duration


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
    # further facts asked in the same question ("context and license of X"): intent names
    # answered as sections after the first, and every capability asked ("audio and video?")
    also: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()
    qualifiers: frozenset[Qualifier] = frozenset()
    notes: Notes = msgspec.field(default_factory=Notes)
    language: str = "en"  # the language the question was written in: en | de | fr | es
    # the question's requirement words no part of the Query could use ("laptop",
    # "hallucination"): the reply names them instead of silently answering a smaller question
    unapplied: tuple[str, ...] = ()
    polar: bool = False  # the question asks yes or no ("Is X open source?", "Can I get X on Y?")
    detail: str = "summary"  # "summary" | "full": compare gives the whole page only when "full"


class IntentName(StrEnum):
    """Every intent the engine can produce; each has an answer in answers.registry (except
    CLARIFY, which the engine composes itself when it must ask)."""

    GREETING = "greeting"
    HELP = "help"
    THANKS = "thanks"
    FALLBACK = "fallback"
    OVERVIEW = "overview"
    CONTEXT_WINDOW = "context_window"
    LICENSE = "license"
    CAPABILITY = "capability"
    PROVIDERS = "providers"
    PRICING = "pricing"
    MONTHLY_COST = "monthly_cost"
    SPECS = "specs"
    BENCHMARKS = "benchmarks"
    COMPARE = "compare"
    TRADEOFFS = "tradeoffs"
    SWITCH_FRICTION = "switch_friction"
    RECOMMEND = "recommend"
    RANK = "rank"
    DEPRECATION = "deprecation"
    SELF_HOST = "self_host"
    CLARIFY = "clarify"


# Every intent name that has an answer (all but CLARIFY), in one place.
INTENTS: tuple[str, ...] = tuple(i.value for i in IntentName if i is not IntentName.CLARIFY)
