"""Per-token price comparisons: each model's price on its lab's API, and which is cheaper."""

from __future__ import annotations

from test_answers_fixtures import MD

from assistant.answers.query import Query
from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Model, Provider, Route
from assistant.catalog.store import Catalog
from assistant.reply import Reply


def route(provider: str, model: str, inp: float, out: float) -> Route:
    """A complete route on a provider named after its id."""
    return Route(
        provider_id=provider,
        provider_name=provider.title(),
        model_id=model,
        provider_model_id=model.split("/")[-1],
        input_price=inp,
        output_price=out,
        cite=MD,
    )


def catalog() -> Catalog:
    """Three labs' models on their own APIs (two equal on output) and one host-only model."""
    models = [
        Model(id="alpha/a1", name="Alpha One", lab="Alpha", lab_id="alpha"),
        Model(id="beta/b1", name="Beta One", lab="Beta", lab_id="beta"),
        Model(id="gamma/g1", name="Gamma One", lab="Gamma", lab_id="gamma"),
        Model(id="delta/d1", name="Delta One", lab="Delta", lab_id="delta"),
        Model(id="omega/o1", name="Omega One", lab="Omega", lab_id="omega"),
    ]
    routes = [
        route("alpha", "alpha/a1", 0.10, 0.40),
        route("host", "alpha/a1", 0.05, 0.30),
        route("beta", "beta/b1", 0.15, 0.60),
        route("gamma", "gamma/g1", 0.20, 0.40),
        route("host", "delta/d1", 0.50, 2.00),
    ]
    providers = [Provider(id=p, name=p.title()) for p in ("alpha", "beta", "gamma", "host")]
    return Catalog.from_records(models=models, providers=providers, routes=routes)


def ask(kind: str | None, *models: str) -> Reply:
    """A pricing answer for the models with that price kind."""
    query = Query(intent="pricing", text="", models=models, price_kind=kind)
    return ANSWERS["pricing"](catalog(), query)


def test_cheaper_per_output_token_on_the_labs_own_apis() -> None:
    reply = ask("output", "beta/b1", "alpha/a1")
    assert (
        "Alpha One is cheaper per output token: $0.40 vs $0.60 per 1M output tokens for "
        "Beta One (labs' own API prices)." in reply.text
    )
    assert reply.text.index("Beta One costs $0.60/1M output tokens on Beta") < reply.text.index(
        "Alpha One costs $0.40/1M output tokens on Alpha"
    )
    assert reply.data["per_token"] == {
        "kind": "output",
        "prices": {"beta/b1": 0.6, "alpha/a1": 0.4},
    }


def test_equal_prices_say_the_same_on_both_labs_apis() -> None:
    text = ask("output", "alpha/a1", "gamma/g1").text
    assert "the same: $0.40 per 1M output tokens on both labs' APIs" in text


def test_input_kind_compares_input_prices() -> None:
    text = ask("input", "alpha/a1", "gamma/g1").text
    assert "Alpha One is cheaper per input token: $0.10 vs $0.20" in text


def test_three_models_rank_cheapest_first_with_ties() -> None:
    text = ask("output", "beta/b1", "alpha/a1", "gamma/g1").text
    assert "Alpha One and Gamma One are the cheapest per output token." in text
    assert "Alpha One $0.40, Gamma One $0.40, Beta One $0.60" in text


def test_model_without_a_lab_api_uses_its_cheapest_route_and_says_so() -> None:
    text = ask("output", "alpha/a1", "delta/d1").text
    assert "Alpha One is cheaper per output token: $0.40 vs $2 per 1M output tokens" in text
    assert "lab's own API price where tracked, else the cheapest route" in text


def test_unknown_price_makes_the_comparison_unknown_never_zero() -> None:
    reply = ask("output", "alpha/a1", "omega/o1")
    assert "Which is cheaper per output token is unknown" in reply.text
    assert "$0 " not in reply.text
    assert reply.data["per_token"]["prices"]["omega/o1"] is None


def test_no_kind_or_one_model_adds_no_per_token_line() -> None:
    assert "per output token" not in ask(None, "alpha/a1", "beta/b1").text
    assert "per_token" not in ask("output", "alpha/a1").data


def test_recommend_cheaper_per_output_token_leads_with_the_per_token_answer() -> None:
    query = Query(
        intent="recommend",
        text="",
        models=("alpha/a1", "gamma/g1"),
        criterion="cheaper",
        price_kind="output",
    )
    text = ANSWERS["recommend"](catalog(), query).text
    assert text.startswith(
        "Per output token they cost the same: $0.40 per 1M output tokens on both labs' APIs."
    )
