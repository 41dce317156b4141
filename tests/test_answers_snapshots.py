"""Providers answers name the extra providers of a same-name (dated) snapshot."""

from __future__ import annotations

from test_answers_fixtures import MD

from assistant.answers.query import Query
from assistant.answers.registry import ANSWERS
from assistant.answers.snapshots import same_name_snapshots
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog

BASE = Model(id="lab/sonnet-9", name="Sonnet 9", lab="Lab", lab_id="lab")
DATED = Model(id="lab/sonnet-9-20990101", name="Sonnet 9", lab="Lab", lab_id="lab")
OTHER_LAB = Model(id="host/sonnet-9", name="Sonnet 9", lab="Host", lab_id="host")
THINKING = Model(id="lab/sonnet-9-thinking", name="Sonnet 9 Thinking", lab="Lab", lab_id="lab")


def route(provider: str, model: str) -> Route:
    """A priced route on a provider named after its id."""
    return Route(
        provider_id=provider,
        provider_name=provider.title(),
        model_id=model,
        provider_model_id=model,
        input_price=1.0,
        output_price=2.0,
        cite=MD,
    )


def catalog() -> Catalog:
    """A model and its dated snapshot with partly different providers, plus look-alikes."""
    routes = [
        route("lab", BASE.id),
        route("cloudy", BASE.id),
        route("lab", DATED.id),
        route("gateway", DATED.id),
        route("elsewhere", OTHER_LAB.id),
        route("thinker", THINKING.id),
    ]
    return Catalog.from_records(models=[BASE, DATED, OTHER_LAB, THINKING], routes=routes)


def test_same_name_snapshots_need_the_same_lab_and_name() -> None:
    assert same_name_snapshots(catalog(), BASE) == (DATED,)


def test_providers_answer_names_the_snapshots_extra_providers_only() -> None:
    query = Query(intent="providers", text="", models=(BASE.id,))
    text = ANSWERS["providers"](catalog(), query).text
    assert "The dated snapshot lab/sonnet-9-20990101 is also served by: Gateway." in text
    assert "Elsewhere" not in text
    assert "Thinker" not in text


def test_no_snapshot_line_when_it_adds_no_provider() -> None:
    lone = Catalog.from_records(
        models=[BASE, DATED], routes=[route("lab", BASE.id), route("lab", DATED.id)]
    )
    query = Query(intent="providers", text="", models=(BASE.id,))
    assert "snapshot" not in ANSWERS["providers"](lone, query).text
