"""Fallback honesty and neighbour picks: no catalog figure; close names as clicks."""

from __future__ import annotations

import re

from assistant.answers.chat import answer_fallback, did_you_mean, examples
from assistant.answers.query import Query
from assistant.answers.registry import ANSWERS
from assistant.answers.subjects import neighbours, proper_name
from assistant.catalog.records import Cite, Model, Provider, Route
from assistant.catalog.store import Catalog

CITE = Cite(source="models.dev", date="2026-07-02")
FIGURE = re.compile(r"\d+(?:\.\d+)?\s?[KMBT]\b|\$\d|\(\d")


def model(mid: str, name: str, lab: str, family: str, ctx: int, date: str) -> Model:
    """A catalog model with the fields neighbours and fallback use."""
    return Model(
        id=mid,
        name=name,
        lab=lab.title(),
        lab_id=lab,
        family=family,
        context_window=ctx,
        release_date=date,
    )


MODELS = (
    model("meta/llama-3.1-70b", "Llama 3.1 70B", "meta", "llama-3", 128_000, "2024-07-23"),
    model("meta/llama-3.1-8b", "Llama 3.1 8B", "meta", "llama-3", 128_000, "2024-07-23"),
    model(
        "meta/llama-4-maverick",
        "Llama 4 Maverick 17B 128E",
        "meta",
        "llama-4",
        1_000_000,
        "2025-04-05",
    ),
    model(
        "nvidia/nemotron-ultra",
        "Llama 3.1 Nemotron Ultra 253B",
        "nvidia",
        "nemotron",
        128_000,
        "2025-04-07",
    ),
    model(
        "nvidia/nemotron-3-ultra",
        "Nemotron 3 Ultra 550B A55B",
        "nvidia",
        "nemotron",
        262_000,
        "2026-01-01",
    ),
    model("deepseek/deepseek-r1", "DeepSeek R1", "deepseek", "deepseek-r1", 128_000, "2025-01-20"),
    model(
        "anthropic/claude-sonnet-4-5",
        "Claude Sonnet 4.5",
        "anthropic",
        "claude-sonnet",
        200_000,
        "2025-09-29",
    ),
    model(
        "anthropic/claude-opus-4-1",
        "Claude Opus 4.1",
        "anthropic",
        "claude-opus",
        200_000,
        "2025-08-05",
    ),
    model(
        "anthropic/claude-haiku-4-5",
        "Claude Haiku 4.5",
        "anthropic",
        "claude-haiku",
        200_000,
        "2025-10-15",
    ),
    model(
        "sap/anthropic--claude-4.5-sonnet",
        "anthropic--claude-4.5-sonnet",
        "anthropic",
        "claude-sonnet",
        200_000,
        "2025-11-01",
    ),
    model(
        "anthropic/claude-sonnet-4-5-1k",
        "Claude 4 Sonnet Thinking (1K)",
        "anthropic",
        "claude-sonnet",
        1_000,
        "2025-12-01",
    ),
)
PROVIDERS = (Provider(id="anthropic", name="Anthropic"), Provider(id="poe", name="Poe"))
ROUTES = tuple(
    Route(
        provider_id=p,
        provider_name=p.title(),
        model_id=mid,
        provider_model_id=mid,
        input_price=3.0,
        output_price=15.0,
        cite=CITE,
    )
    for mid in ("anthropic/claude-opus-4-1", "anthropic/claude-haiku-4-5")
    for p in ("anthropic", "poe")
)


def catalog() -> Catalog:
    """A small catalog with figure-bearing names and a raw-id duplicate."""
    return Catalog.from_records(models=MODELS, providers=PROVIDERS, routes=ROUTES)


def fallback(*names: str) -> tuple[str, tuple[str, ...]]:
    """The fallback's text and suggestions for unresolved names."""
    query = Query(intent="fallback", text="", unresolved=names)
    reply = answer_fallback(catalog(), query)
    assert reply.intent == "fallback"
    return reply.text, reply.suggestions


def test_unknown_name_is_quoted_and_no_catalog_figure_is_shown() -> None:
    text, suggestions = fallback("Llama 9 Ultra")
    assert text.startswith('I couldn\'t find a model called "Llama 9 Ultra" in the catalog.')
    assert not FIGURE.search(text.replace("Llama 9 Ultra", ""))
    assert "Nemotron" not in text and not any("Nemotron" in s for s in suggestions)


def test_a_typo_of_a_real_name_is_offered_as_a_suggestion_only() -> None:
    text, suggestions = fallback("DeepSeek R9")
    assert suggestions == ("Tell me about DeepSeek R1",)
    assert "DeepSeek R1" not in text
    assert "suggestions" in text


def test_suggestions_share_the_users_first_word() -> None:
    assert did_you_mean(catalog(), "Ultra 3 Nemotron") == []
    assert all("Claude" in n for n in did_you_mean(catalog(), "Claude Sonet 4.5"))


def test_far_names_get_no_did_you_mean() -> None:
    text, suggestions = fallback("Claude Mega 7")
    assert did_you_mean(catalog(), "Claude Mega 7") == []
    assert "suggestions" not in text
    assert not any("Mega" in s for s in suggestions)


def test_unknown_first_word_offers_examples_not_names() -> None:
    text, suggestions = fallback("Zorblax-12 Hyper")
    assert suggestions and not any("Zorblax" in s for s in suggestions)
    assert '"Zorblax-12 Hyper"' in text


def test_neighbours_prefer_proper_names_and_routed_models() -> None:
    cat = catalog()
    sonnet = cat.model("anthropic/claude-sonnet-4-5")
    assert sonnet is not None
    near = neighbours(cat, (sonnet,), limit=3)
    assert [m.id for m in near] == [
        "anthropic/claude-sonnet-4-5-1k",
        "anthropic/claude-haiku-4-5",
        "anthropic/claude-opus-4-1",
    ]
    assert neighbours(cat, (sonnet,), limit=5)[-1].id == "sap/anthropic--claude-4.5-sonnet"
    assert not proper_name(MODELS[9]) and proper_name(MODELS[6])


def test_neighbours_match_a_full_scan() -> None:
    cat = catalog()
    for first in MODELS:
        for limit in (1, 2, 4):
            got = neighbours(cat, (first,), limit=limit)
            assert len(got) == min(limit, len(_full_scan(cat, (first,))))
            assert [m.id for m in got] == [m.id for m in _full_scan(cat, (first,))[:limit]]
    pair = (MODELS[0], MODELS[6])
    assert [m.id for m in neighbours(cat, pair)] == [m.id for m in _full_scan(cat, pair)[:4]]


def _full_scan(cat: Catalog, chosen: tuple[Model, ...]) -> list[Model]:
    """Reference ranking: every model scored against every chosen one."""
    from assistant.answers.subjects import _closeness, name_rank

    ids = {m.id for m in chosen}
    rows = []
    for other in cat.all_models():
        if other.id in ids:
            continue
        score = max(_closeness(m, other) for m in chosen)
        if score >= 2:
            rows.append(((not proper_name(other), -score, name_rank(cat, other)), other))
    rows.sort(key=lambda row: row[0])
    return [row[1] for row in rows]


def test_neighbours_skip_duplicate_names() -> None:
    dup = model(
        "poe/claude-sonnet-4.5",
        "Claude 4.5 Sonnet",
        "anthropic",
        "claude-sonnet",
        200_000,
        "2025-09-29",
    )
    twin = model(
        "x/claude-haiku-4.5", "Claude Haiku 4.5", "anthropic", "claude-haiku", 200_000, "2025-10-15"
    )
    cat = Catalog.from_records(models=(*MODELS, dup, twin), providers=PROVIDERS, routes=ROUTES)
    sonnet = cat.model("anthropic/claude-sonnet-4-5")
    assert sonnet is not None
    names = [m.name for m in neighbours(cat, (sonnet,), limit=6)]
    assert "Claude 4.5 Sonnet" not in names
    assert names.count("Claude Haiku 4.5") == 1


def test_neighbours_skip_snapshots_of_the_chosen_model() -> None:
    snap = model(
        "anthropic/claude-opus-4-1-20250805",
        "Claude Opus 4.1 (2025-08-05)",
        "anthropic",
        "claude-opus",
        200_000,
        "2025-08-05",
    )
    cat = Catalog.from_records(models=(*MODELS, snap), providers=PROVIDERS, routes=ROUTES)
    opus = cat.model("anthropic/claude-opus-4-1")
    assert opus is not None
    assert snap.id not in [m.id for m in neighbours(cat, (opus,), limit=8)]


DIGIT = re.compile(r"\d")


def test_off_topic_fallback_and_its_suggestions_carry_no_number() -> None:
    reply = answer_fallback(catalog(), Query(intent="fallback", text="weather in paris?"))
    assert reply.suggestions
    assert not DIGIT.search(reply.text)
    assert not any(DIGIT.search(s) for s in reply.suggestions)


def test_help_and_greeting_examples_carry_no_figure() -> None:
    for intent in ("help", "greeting", "thanks"):
        reply = ANSWERS[intent](catalog(), Query(intent=intent, text=""))
        for text in (reply.text, *reply.suggestions):
            assert not FIGURE.search(text), (intent, text)
            assert "1M" not in text


def test_examples_skip_model_names_with_a_size_figure() -> None:
    sized = Catalog.from_records(models=[model("x/big", "Big 70B", "x", "big", 8_000, "2025")])
    assert all("70B" not in e for e in examples(sized))
