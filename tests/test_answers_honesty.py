"""Honesty in every answer: no $0 for unknown prices, no "No" for unknown flags, figures cited."""

from __future__ import annotations

import re
from itertools import permutations

import pytest
from test_answers_fixtures import GPT4V, LL, MD, QWEN, full_catalog

from assistant.answers.facts import conflict_note
from assistant.answers.query import INTENTS, Qualifier, Query
from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Conflict, Fact, Model, Provider, Route
from assistant.catalog.store import Catalog

ZERO = re.compile(r"\$0(?![.,\d])")
FIGURE = re.compile(r"\$\d|\d{2,}K\b|\d,\d{3} tokens")
MODELS = (GPT4V, QWEN, "acme/vision-xl", "acme/tiny", "mystery/blob")
SKIP = {"greeting", "help", "thanks", "fallback", "rank"}


def replies(catalog: Catalog) -> list[tuple[str, str]]:
    """(label, text) of every model intent for every model and ordered pair."""
    out = []
    groups = [(m,) for m in MODELS] + list(permutations(MODELS, 2))
    for intent in (i for i in INTENTS if i not in SKIP):
        for models in groups:
            for slots in ({}, {"price_kind": "cached"}, {"criterion": "cheaper"}):
                query = Query(intent=intent, text="", models=models, **slots)  # type: ignore[arg-type]
                out.append((f"{intent} {models} {slots}", ANSWERS[intent](catalog, query).text))
    return out


ALL = replies(full_catalog())


@pytest.mark.parametrize(("label", "text"), ALL[::7])
def test_no_zero_price_and_figures_are_cited(label: str, text: str) -> None:
    assert not ZERO.search(text), label
    assert "None" not in text.replace("None of", ""), label
    if FIGURE.search(text):
        assert "Source" in text, label


def test_unknown_capability_is_never_no() -> None:
    catalog = full_catalog()
    for cap in ("vision", "reasoning", "code_execution"):
        query = Query(intent="capability", text="", models=("mystery/blob",), capability=cap)
        text = ANSWERS["capability"](catalog, query).text
        assert text.startswith("Unknown: no source says whether Mystery Blob supports")
        assert "No," not in text
    table = ANSWERS["capability"](
        catalog, Query(intent="capability", text="", models=("mystery/blob",))
    ).text
    assert "| No |" not in table and "| Unknown |" in table


def test_unpriced_zero_route_is_not_free_and_not_zero() -> None:
    query = Query(intent="pricing", text="", models=("mystery/blob",))
    text = ANSWERS["pricing"](full_catalog(), query).text
    assert "no token price is sourced" in text
    assert "free" not in text.lower() and not ZERO.search(text)


def partial_catalog() -> Catalog:
    """One model with only an output price, one with an explicitly free route and a paid one."""
    models = [
        Model(id="x/half", name="Half", lab="X", lab_id="x"),
        Model(id="x/gift", name="Gift", lab="X", lab_id="x"),
    ]
    routes = [
        Route(
            provider_id="p",
            provider_name="P",
            model_id="x/half",
            provider_model_id="half",
            output_price=2.0,
            cite=MD,
        ),
        Route(
            provider_id="p",
            provider_name="P",
            model_id="x/gift",
            provider_model_id="gift:free",
            input_price=0.0,
            output_price=0.0,
            free=True,
            cite=MD,
        ),
        Route(
            provider_id="q",
            provider_name="Q",
            model_id="x/gift",
            provider_model_id="gift",
            input_price=0.2,
            output_price=0.6,
            cite=LL,
        ),
    ]
    return Catalog.from_records(
        models=models,
        providers=[Provider(id="p", name="P"), Provider(id="q", name="Q")],
        routes=routes,
    )


def test_partial_price_names_the_missing_side() -> None:
    query = Query(intent="pricing", text="", models=("x/half",))
    text = ANSWERS["pricing"](partial_catalog(), query).text
    assert "no input price sourced" in text and "$2/1M output tokens" in text
    assert "the full cost is unknown" in text and not ZERO.search(text)


def test_free_tier_only_when_the_source_marks_it_free() -> None:
    query = Query(intent="pricing", text="", models=("x/gift",))
    text = ANSWERS["pricing"](partial_catalog(), query).text
    assert "$0.20/1M input tokens and $0.60/1M output tokens on Q" in text
    assert "A free tier is also listed on P" in text
    cost = ANSWERS["monthly_cost"](
        partial_catalog(), Query(intent="monthly_cost", text="", models=("x/gift",))
    ).text
    assert "$320/month on Q" in cost and not ZERO.search(cost)


def test_recommend_and_switch_answers_cite_their_figures() -> None:
    catalog = full_catalog()
    for criterion in ("cheaper", "long_context", "newer", "open_source", "coding", "vision"):
        query = Query(
            intent="recommend", text="", models=(GPT4V, "acme/vision-xl"), criterion=criterion
        )
        assert "Source" in ANSWERS["recommend"](catalog, query).text, criterion
    switch = Query(intent="switch_friction", text="", models=("acme/vision-xl", GPT4V))
    assert "Source" in ANSWERS["switch_friction"](catalog, switch).text


def test_conflict_note_names_chosen_and_other_values() -> None:
    conflicts = [
        Conflict(
            model_id="m",
            field="route:azure/m:input_price",
            facts=(
                Fact(model_id="m", field="f", value="10", cite=MD, chosen=True),
                Fact(model_id="m", field="f", value="11", cite=LL),
            ),
        ),
        Conflict(
            model_id="m",
            field="route:other/m:input_price",
            facts=(
                Fact(model_id="m", field="f", value="1", cite=MD, chosen=True),
                Fact(model_id="m", field="f", value="2", cite=LL),
            ),
        ),
    ]
    note = conflict_note(conflicts, ("price",), providers=("azure",))
    assert note == "Sources disagree: input price on azure $10 (models.dev) vs $11 (LiteLLM)."
    assert conflict_note(conflicts, ("price",)) == ""


def test_spec_comparisons_say_which_is_larger_or_newer() -> None:
    catalog = full_catalog()
    pair = (GPT4V, QWEN)
    newer = ANSWERS["specs"](
        catalog, Query(intent="specs", text="", models=pair, spec_field="release_date")
    )
    assert newer.text.startswith("Qwen3.5-4B is the newer release.")
    ctx = ANSWERS["specs"](
        catalog, Query(intent="specs", text="", models=pair, spec_field="context_window")
    )
    assert ctx.text.startswith("Qwen3.5-4B has the larger context window.")
    # only one model has a cutoff: no winner is claimed, the other is unknown
    cutoff = Query(intent="specs", text="", models=pair, spec_field="knowledge_cutoff")
    text = ANSWERS["specs"](catalog, cutoff).text
    assert "later" not in text and "No source lists the knowledge cutoff of Qwen3.5-4B" in text


def test_asked_if_free_without_a_free_route_says_none_is_listed() -> None:
    asked = Query(
        intent="pricing",
        text="is gpt-4 vision preview free?",
        models=(GPT4V,),
        qualifiers=frozenset({Qualifier.FREE}),
    )
    assert "No tracked route lists GPT-4 Vision Preview as free." in (
        ANSWERS["pricing"](full_catalog(), asked).text
    )
    plain = Query(intent="pricing", text="gpt-4 vision preview price", models=(GPT4V,))
    assert "as free" not in ANSWERS["pricing"](full_catalog(), plain).text


def test_a_closed_premise_about_an_open_model_is_corrected() -> None:
    from test_answers_fixtures import qwen

    open_model = qwen()
    catalog = Catalog.from_records(models=[open_model])
    leading = Query(
        intent="license",
        text="why is it closed source?",
        models=(open_model.id,),
        qualifiers=frozenset({Qualifier.CLOSED}),
    )
    text = ANSWERS["license"](catalog, leading).text
    assert text.startswith("No: the catalog lists Qwen3.5-4B as open-weight, not closed.")
    either = Query(
        intent="license",
        text="proprietary or open?",
        models=(open_model.id,),
        qualifiers=frozenset({Qualifier.CLOSED, Qualifier.OPEN}),
    )
    assert not ANSWERS["license"](catalog, either).text.startswith("No:")
