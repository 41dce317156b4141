"""Provider answers: yes/no for a named provider first; long lists lead with lab and big hosts."""

from __future__ import annotations

import msgspec

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


def test_where_to_run_leads_with_the_count_and_the_cheapest_route() -> None:
    text = providers(BIG.id)
    first = text.split("\n")[0]
    assert first == (
        "Big One has 36 tracked routes; cheapest Host00 at $0.10/$0.20, "
        "the lab's own API (Acme) at $3/$9 per 1M input/output tokens."
    )
    assert len(text) < 1500


def test_where_to_run_tables_the_cheapest_routes_then_says_how_many_more() -> None:
    text = providers(BIG.id)
    assert "| Provider | Input | Output | Cached | Batch | Context |" in text
    assert "| Host00 | $0.10 | $0.20 | - | - | - |" in text
    assert "| Host05 |" in text and "| Host06 |" not in text
    assert "And 30 more routes: ask “List every provider for Big One” to see them all." in text
    reply = ANSWERS["providers"](catalog(), Query(intent="providers", text="", models=(BIG.id,)))
    assert reply.suggestions[0] == "List every provider for Big One"


def test_the_full_list_tables_every_route_and_names_every_provider() -> None:
    query = Query(intent="providers", text="", models=(BIG.id,), detail="full")
    text = ANSWERS["providers"](catalog(), query).text
    assert "| Host33 |" in text and "| Acme | $3 | $9 |" in text
    assert "Big One is available on Acme, Amazon Bedrock, Host00," in text
    assert "more routes" not in text


def test_a_yes_no_question_starts_with_yes_or_no() -> None:
    for model, word in ((SMALL.id, "Small One has 2"), ("acme/none", "No: ")):
        none = Model(id="acme/none", name="None One", lab="Acme", lab_id="acme")
        base = catalog()
        cat = Catalog.from_records(
            models=(BIG, SMALL, none), providers=base.all_providers(), routes=_routes(base)
        )
        query = Query(intent="providers", text="", models=(model,), polar=True)
        assert ANSWERS["providers"](cat, query).text.startswith(word)
        named = Query(
            intent="providers",
            text="",
            models=(model,),
            polar=True,
            filters=Filters(provider="amazon-bedrock"),
        )
        yes_no = "Yes: " if model == BIG.id else "No: "
        big = msgspec.structs.replace(named, models=(BIG.id,)) if model == BIG.id else named
        assert ANSWERS["providers"](cat, big).text.startswith(yes_no)


def _routes(cat: Catalog) -> list[Route]:
    """Every route of the fixture catalog."""
    return [r for m in cat.all_models() for r in cat.routes_for(m.id)]


def test_the_lab_s_own_api_being_cheapest_is_said_once() -> None:
    text = providers(SMALL.id)
    assert text.startswith(
        "Small One has 2 tracked routes; the cheapest is the lab's own API (Acme) at $1/$2"
    )


def test_named_provider_serving_the_model_is_a_yes_with_its_price() -> None:
    text = providers(BIG.id, "amazon-bedrock")
    assert text.startswith("Yes: Amazon Bedrock serves Big One at $2 input / $8 output per 1M")
    assert "Big One has 36 tracked routes" in text
    assert len(text) < 1500


def test_named_provider_without_a_price_is_a_yes_without_figures() -> None:
    text = providers(SMALL.id, "groq")
    assert text.startswith("Yes: Groq serves Small One; no complete token price is sourced there")
    assert "$0" not in text


def test_named_provider_without_a_route_is_no_and_tables_the_others() -> None:
    text = providers(SMALL.id, "host01")
    assert text.startswith("No: no tracked Host01 route for Small One is in the catalog.")
    assert "| Acme | $1 | $2 |" in text and "| Groq |" in text
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


def test_the_real_catalog_provider_answer_is_short_and_leads_with_count_and_cheapest() -> None:
    from test_answers_fixtures import GPT4V, seed_catalog

    query = Query(intent="providers", text="", models=(GPT4V,))
    text = ANSWERS["providers"](seed_catalog(), query).text
    assert text.startswith("GPT-4 Vision Preview has 1 tracked route; cheapest Azure OpenAI at")
    assert "$10/$40" in text.split("\n")[0]
