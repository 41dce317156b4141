"""Notes a reply carries beside its answer, each from a part of the Query (``Query.notes``):
prices stay USD, a context size the user claimed, a size in pages, numbers too large to be
meant, region availability, a monthly budget, a contract's duration. The answer layer adds
them while it composes the reply; nothing adds them afterwards.
"""

from __future__ import annotations

import msgspec

from assistant.answers.notes.absurd import with_absurd_note
from assistant.answers.notes.budget import with_budget
from assistant.answers.notes.currency import with_usd_note
from assistant.answers.notes.horizon import with_horizon
from assistant.answers.notes.premise import with_pages_note, with_size_premise
from assistant.answers.notes.region import with_region_note
from assistant.answers.query import IntentName, Query
from assistant.catalog.store import Catalog
from assistant.reply import Reply


def with_notes(catalog: Catalog, query: Query, reply: Reply) -> Reply:
    """The answer with every note the Query asks for."""
    notes = query.notes
    if notes.currency:
        reply = with_usd_note(reply, notes.currency, alone=reply.intent == IntentName.FALLBACK)
    reply = with_size_premise(reply, catalog, notes.claimed_context, notes.needed_tokens)
    reply = with_pages_note(reply, notes.pages, notes.needed_tokens)
    reply = with_absurd_note(reply, notes.absurd)
    if notes.region and reply.intent == IntentName.PROVIDERS:
        reply = with_region_note(reply)
    if reply.data and reply.data.get("not_carried"):  # a fact the catalog never carries
        reply = msgspec.structs.replace(reply, intent=IntentName.FALLBACK)
    if reply.intent != IntentName.MONTHLY_COST or (notes.budget is None and not notes.months):
        return reply
    ids = reply.models or query.models
    names = {model_id: _name(catalog, model_id) for model_id in ids}
    if notes.budget is not None:
        reply = with_budget(reply, notes.budget, names, lambda p: _provider(catalog, p))
    if notes.months:
        reply = with_horizon(reply, notes.months, names, lambda p: _provider(catalog, p))
    return reply


def _name(catalog: Catalog, model_id: str) -> str:
    model = catalog.model(model_id)
    return model.name if model is not None and model.name else model_id


def _provider(catalog: Catalog, provider_id: str) -> str:
    provider = catalog.provider(provider_id)
    return provider.name if provider is not None and provider.name else provider_id
