"""Answer: a spec question about something the catalog never carries (layers, latency, ...).

The engine sends ``specs`` with a ``spec_field`` naming what was asked; a field
outside the catalog's spec fields gets an honest "the catalog doesn't carry it"
with the list of what it does carry, and never a figure.
"""

from __future__ import annotations

from assistant.answers.facts import join_words
from assistant.answers.query import Query
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.reply import Reply

CARRIED = (
    "context window",
    "max output",
    "release date",
    "knowledge cutoff",
    "license",
    "parameters",
    "architecture",
    "prices",
    "capabilities",
    "providers",
)

# How a field the engine names reads in prose; any other name reads with spaces for "_".
LABELS: dict[str, str] = {
    "layers": "the number of layers",
    "latency": "latency",
    "throughput": "throughput (tokens per second)",
    "tokens_per_second": "throughput (tokens per second)",
    "speed": "speed (latency or tokens per second)",
    "training_data": "training data size",
    "training_data_size": "training data size",
    "training_tokens": "the number of training tokens",
    "training_compute": "training compute",
    "training_cost": "training cost",
    "founders": "who founded the lab",
    "founder": "who founded the lab",
    "authors": "who built the model",
    "team": "who built the model",
    "hardware": "the hardware it runs on",
    "energy": "energy use",
    "vocabulary": "vocabulary size",
    "embedding_dim": "embedding size",
    "hidden_size": "hidden size",
    "attention_heads": "the number of attention heads",
    "rate_limits": "rate limits",
    "uptime": "uptime",
}


def field_label(field: str) -> str:
    """A field name in prose ("tokens_per_second" -> "throughput (tokens per second)")."""
    return LABELS.get(field, field.replace("_", " "))


def answer_not_carried(catalog: Catalog, query: Query, models: tuple[Model, ...]) -> Reply:
    """Say the catalog doesn't carry the asked field (for the models, if any) and what it has."""
    field = query.spec_field or "that"
    subject = f" for {join_words([m.name for m in models])}" if models else ""
    text = f"The catalog doesn't carry {field_label(field)}{subject}; it has: {', '.join(CARRIED)}."
    return Reply(
        text=text,
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "specs"),
        data={"not_carried": field, "carried": list(CARRIED)},
    )
