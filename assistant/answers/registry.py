"""The answer registry: one pure function per intent name in query.INTENTS."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answers.benchmarks import answer_benchmarks
from assistant.answers.capability import answer_capability
from assistant.answers.chat import (
    answer_fallback,
    answer_greeting,
    answer_help,
    answer_thanks,
    did_you_mean,
)
from assistant.answers.choose import answer_recommend, answer_switch_friction, answer_tradeoffs
from assistant.answers.compare import answer_compare
from assistant.answers.context import answer_context_window
from assistant.answers.firstparty import first_party_route
from assistant.answers.licensing import answer_license
from assistant.answers.prices import answer_monthly_cost, answer_pricing
from assistant.answers.pricing import cheapest_by_shape
from assistant.answers.providers import answer_providers
from assistant.answers.query import Query, Traffic
from assistant.answers.rank import answer_rank
from assistant.answers.rankindex import catalog_index, provider_shape, shape_index
from assistant.answers.specs import answer_overview, answer_specs
from assistant.answers.subjects import featured_models, neighbours
from assistant.catalog.store import Catalog
from assistant.i18n import localised
from assistant.reply import Reply

Answer = Callable[[Catalog, Query], Reply]

_ANSWERS: dict[str, Answer] = {
    "greeting": answer_greeting,
    "help": answer_help,
    "thanks": answer_thanks,
    "fallback": answer_fallback,
    "overview": answer_overview,
    "context_window": answer_context_window,
    "license": answer_license,
    "capability": answer_capability,
    "providers": answer_providers,
    "pricing": answer_pricing,
    "monthly_cost": answer_monthly_cost,
    "specs": answer_specs,
    "benchmarks": answer_benchmarks,
    "compare": answer_compare,
    "tradeoffs": answer_tradeoffs,
    "switch_friction": answer_switch_friction,
    "recommend": answer_recommend,
    "rank": answer_rank,
}
# Every answer composes in its query's language (query.language, English by default).
ANSWERS: dict[str, Answer] = {name: localised(fn) for name, fn in _ANSWERS.items()}


def prepare(catalog: Catalog) -> None:
    """Build every per-catalog index the answers use (call once after opening a catalog).

    Answers build them lazily otherwise, which makes the first replies slower (~30 ms).
    """
    shape = Traffic()
    cheapest_by_shape(catalog, shape.input_tokens, shape.output_tokens)
    catalog_index(catalog)
    shape_index(catalog, shape.input_tokens, shape.output_tokens)
    for provider in catalog.all_providers():
        provider_shape(catalog, provider.id, shape.input_tokens, shape.output_tokens)
    picks = featured_models(catalog)
    neighbours(catalog, picks[:1], limit=1)
    did_you_mean(catalog, "warm up")
    for model in picks[:1]:
        first_party_route(catalog, model)


def answer(catalog: Catalog, query: Query) -> Reply:
    """Dispatch a query to its intent's answer; unknown intents get the fallback."""
    return ANSWERS.get(query.intent, ANSWERS["fallback"])(catalog, query)
