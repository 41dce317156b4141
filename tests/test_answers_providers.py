"""Provider answers: yes/no for a named provider first; long lists lead with lab and big hosts."""

from __future__ import annotations

from assistant.answers.faq import where_sentence
from assistant.answers.firstparty import leading_provider_names
from assistant.answers.query import Filters, Query
from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Cite, Model, Provider, Route
from assistant.catalog.store import Catalog

CITE = Cite(source="models.dev", date="2026-07-02")
BIG = Model(id="acme/big-1", name="Big One", lab="Acme", lab_id="acme")
SMALL = Model(id="acme/small-1", name="Small One", lab="Acme", lab_id="acme")
HOSTS = [f"host{i:02d}" for i in range(34)]


def route(provider: str, model: str, inp: float | None, out: float | None) -> Route:
    """One route with a display name derived from the provider id."""
    name = {"acme": "Acme", "amazon-bedrock": "Amazon Bedrock", "groq": "Groq"}.get(
        provider, provider.title()
    )
    return Route(
        provider_id=provider,
        provider_name=name,
        model_id=model,
        provider_model_id=model,
        input_price=inp,
        output_price=out,
        cite=CITE,
    )


def catalog() -> Catalog:
    """Big One: 34 cheap resellers, then Bedrock and the lab's own API (priciest, listed last)."""
    routes = [route(h, BIG.id, 0.1, 0.2 + i / 100) for i, h in enumerate(HOSTS)]
    routes += [route("amazon-bedrock", BIG.id, 2.0, 8.0), route("acme", BIG.id, 3.0, 9.0)]
    routes += [route("groq", SMALL.id, None, None), route("acme", SMALL.id, 1.0, 2.0)]
    ids = [*HOSTS, "amazon-bedrock", "acme", "groq"]
    providers = [Provider(id=p, name=p.title()) for p in ids]
    return Catalog.from_records(models=(BIG, SMALL), providers=providers, routes=routes)


def providers(model: str, provider: str | None = None) -> str:
    """The providers answer's text, optionally asking about one provider."""
    filters = Filters(provider=provider) if provider else None
    query = Query(intent="providers", text="", models=(model,), filters=filters)
    return ANSWERS["providers"](catalog(), query).text


def test_long_lists_lead_with_the_lab_and_major_hosts_then_n_more() -> None:
    names = leading_provider_names(catalog(), BIG)
    assert names[:2] == ("Acme", "Amazon Bedrock")
    text = where_sentence(catalog(), BIG, limit=30)
    assert text.startswith("Big One is available on Acme, Amazon Bedrock, Host00,")
    assert text.endswith("and 6 more.")


def test_where_to_run_lists_every_provider_up_to_thirty() -> None:
    text = providers(SMALL.id)
    assert "Small One is available on Acme and Groq." in text
    assert "more" not in text.split("Provider coverage")[0]


def test_named_provider_serving_the_model_is_a_yes_with_its_price() -> None:
    text = providers(BIG.id, "amazon-bedrock")
    assert text.startswith(
        "Yes: Amazon Bedrock serves Big One at $2 input / $8 output per 1M tokens (Source: "
    )


def test_named_provider_without_a_price_is_a_yes_without_figures() -> None:
    text = providers(SMALL.id, "groq")
    assert text.startswith("Yes: Groq serves Small One; no complete token price is sourced there")
    assert "$0" not in text


def test_named_provider_without_a_route_is_no_tracked_route_and_lists_the_others() -> None:
    text = providers(SMALL.id, "host01")
    assert text.startswith("No tracked Host01 route for Small One is in the catalog.")
    assert "Small One is available on Acme and Groq." in text
    reply = ANSWERS["providers"](
        catalog(),
        Query(intent="providers", text="", models=(SMALL.id,), filters=Filters(provider="host01")),
    )
    assert reply.data["served"] == {SMALL.id: False}


def test_a_named_provider_includes_its_own_sub_endpoints() -> None:
    routes = [route("azure-cognitive-services", SMALL.id, 1.0, 4.0), route("x", SMALL.id, 1, 2)]
    providers = [Provider(id="azure", name="Azure OpenAI"), Provider(id="x", name="X")]
    cat = Catalog.from_records(models=(SMALL,), providers=providers, routes=routes)
    query = Query(
        intent="providers", text="", models=(SMALL.id,), filters=Filters(provider="azure")
    )
    text = ANSWERS["providers"](cat, query).text
    assert text.startswith("Yes: Azure-Cognitive-Services serves Small One at $1 input / $4 output")


def test_providers_answer_adds_prices_when_the_cost_was_asked_too() -> None:
    from test_answers_fixtures import GPT4V, seed_catalog

    from assistant.answers.query import Query
    from assistant.answers.registry import ANSWERS

    plain = Query(intent="providers", text="", models=(GPT4V,))
    assert "$10" not in ANSWERS["providers"](seed_catalog(), plain).text
    for slots in ({"criterion": "cheaper"}, {"price_kind": "output"}):
        query = Query(intent="providers", text="", models=(GPT4V,), **slots)  # type: ignore[arg-type]
        text = ANSWERS["providers"](seed_catalog(), query).text
        assert "GPT-4 Vision Preview is available on Azure OpenAI" in text
        assert "$40/1M output tokens" in text
