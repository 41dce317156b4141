"""Answer: is a model deprecated or retired, when, and what replaces it (catalog/price_kinds.py
reads each source's statement: the model-level one first, then each provider's route)."""

from __future__ import annotations

from assistant.answers.facts import cite_text, join_words
from assistant.answers.query import Query
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.price_kinds import Deprecation, deprecations
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.reply import Reply

SHOWN = 4


def _successor(catalog: Catalog, item: Deprecation) -> str:
    """ "; successor: GPT-5.1 (azure/gpt-5.1)" or "" when no source names one."""
    if not item.successor:
        return ""
    found = catalog.model(item.successor_id) if item.successor_id else None
    name = f"{found.name} ({item.successor})" if found and found.name != item.successor else None
    name = name or item.successor
    return f"; the source names {name} as its replacement"


def _statement(catalog: Catalog, item: Deprecation) -> str:
    """One source's statement in words."""
    where = "Its model listing" if item.where == "model" else item.where
    when = f"retires it on {item.date}" if item.date else f"marks it {item.status}"
    cite = cite_text([item.cite]).removeprefix("Source: ")
    return f"{where} {when}{_successor(catalog, item)} ({cite})"


def deprecation_text(catalog: Catalog, model: Model) -> str:
    """Whether and when the model is deprecated or retired, per source, with replacements."""
    found = deprecations(catalog, model.id)
    if not found:
        status = f" Its listed status is {model.status}." if model.status else ""
        return (
            f"No tracked source lists a deprecation or retirement date for {model.name}."
            f"{status} ({len(catalog.routes_for(model.id))} routes tracked.)"
        )
    dates = sorted(d.date for d in found if d.date)
    lead = (
        f"Yes: {model.name} has a scheduled retirement; the earliest sourced date is {dates[0]}."
        if dates
        else f"Yes: a source marks {model.name} {found[0].status}."
    )
    lines = [_statement(catalog, d) for d in found[:SHOWN]]
    more = f" {len(found) - SHOWN} more providers list a date." if len(found) > SHOWN else ""
    return f"{lead} " + "; ".join(lines) + "." + more


def answer_deprecation(catalog: Catalog, query: Query) -> Reply:
    """Deprecation dates and successors of each model, with source and date."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    texts = [deprecation_text(catalog, m) for m in models]
    data = {
        m.id: [
            {"where": d.where, "date": d.date, "status": d.status, "successor": d.successor,
             "successor_id": d.successor_id, "source": d.cite.source}
            for d in deprecations(catalog, m.id)
        ]
        for m in models
    }  # fmt: skip
    retiring = [m.name for m in models if data[m.id]]
    if len(models) > 1:
        texts.insert(0, f"Sourced retirements: {join_words(retiring) or 'none'}.")
    return Reply(
        text="\n\n".join(texts),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "deprecation"),
        data={"deprecations": data},
    )
