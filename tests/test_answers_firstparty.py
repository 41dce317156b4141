"""First-party prices: the lab's own API leads price and cost answers, then the cheapest route."""

from __future__ import annotations

from test_answers_fixtures import LL, MD, seed_catalog

from assistant.answers.firstparty import first_party_ids, first_party_route
from assistant.answers.query import Query, Traffic
from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Model, Provider, Route
from assistant.catalog.store import Catalog

OMNI = "openai/gpt-omni"
SMALL = "mistral/small-one"
SOLO = "acme/solo"
GEM = "google/gem-pro"
DEEP = "deepseek/chat"


def route(provider: str, name: str, model: str, inp: float, out: float, **kw: object) -> Route:
    """A complete route (models.dev cite unless given)."""
    return Route(
        provider_id=provider,
        provider_name=name,
        model_id=model,
        provider_model_id=str(kw.pop("pmid", model.split("/")[-1])),
        input_price=inp,
        output_price=out,
        cite=MD if "cite" not in kw else kw.pop("cite"),  # type: ignore[arg-type]
    )


def catalog() -> Catalog:
    """Models with a first-party route that is / is not the cheapest, and one without a lab API."""
    models = [
        Model(id=OMNI, name="GPT-Omni", lab="OpenAI", lab_id="openai", context_window=128_000),
        Model(id=SMALL, name="Small One", lab="Mistral", lab_id="mistral"),
        Model(id=SOLO, name="Solo", lab="Acme", lab_id="acme"),
        Model(id=GEM, name="Gem Pro", lab="Google", lab_id="google"),
        Model(id=DEEP, name="Deep Chat", lab="DeepSeek", lab_id="deepseek"),
    ]
    routes = [
        route("openai", "OpenAI", OMNI, 2.5, 10.0),
        route("nano-gpt", "NanoGPT", OMNI, 2.499, 9.996),
        route("azure", "Azure OpenAI", OMNI, 2.5, 10.0),
        route("mistral", "Mistral", SMALL, 0.15, 0.6, pmid="small-one-latest", cite=LL),
        route("mistral", "Mistral", SMALL, 0.5, 1.5),
        route("reseller", "Reseller", SMALL, 0.6, 1.8),
        route("reseller", "Reseller", SOLO, 1.0, 2.0),
        route("google-vertex", "Vertex", GEM, 1.25, 10.0),
        route("poe", "Poe", GEM, 0.87, 7.0),
        route("deepseek", "DeepSeek", DEEP, 0.14, 0.28),
        route("reseller", "Reseller", DEEP, 0.2, 0.8),
    ]
    providers = [
        Provider(id=p, name=n) for p, n in {(r.provider_id, r.provider_name) for r in routes}
    ]
    return Catalog.from_records(models=models, providers=providers, routes=routes)


def ask(intent: str, *models: str, **slots: object) -> str:
    """The answer text for an intent about models."""
    query = Query(intent=intent, text="", models=models, **slots)  # type: ignore[arg-type]
    return ANSWERS[intent](catalog(), query).text


def test_first_party_is_derived_from_lab_id_and_lab_endpoints() -> None:
    cat = catalog()
    omni, gem = cat.model(OMNI), cat.model(GEM)
    assert omni is not None and gem is not None
    assert first_party_ids(cat, omni)[0] == "openai"
    assert "google-vertex" in first_party_ids(cat, gem)
    own = first_party_route(cat, omni)
    assert own is not None and own.provider_id == "openai"


def test_canonical_id_wins_among_the_labs_own_routes() -> None:
    cat = catalog()
    small = cat.model(SMALL)
    assert small is not None
    own = first_party_route(cat, small)
    assert own is not None and own.provider_model_id == "small-one" and own.input_price == 0.5


def test_output_price_leads_with_the_labs_price_then_the_cheapest() -> None:
    text = ask("pricing", OMNI, price_kind="output")
    assert text.startswith("GPT-Omni costs $10/1M output tokens on OpenAI (the lab's own API)")
    assert "$9.996/1M tokens on NanoGPT" in text
    assert text.index("$10/1M") < text.index("$9.996")
    assert "models.dev, 2026-07-02" in text


def test_all_prices_lead_with_the_labs_price() -> None:
    text = ask("pricing", OMNI)
    assert "$2.50/1M input tokens and $10/1M output tokens on OpenAI (the lab's own API)" in text
    assert "Cheapest tracked route (of 3 tracked routes): NanoGPT at $2.499 input" in text
    assert "$10.000" not in text and "$0 " not in text


def test_lab_price_that_is_cheapest_says_so() -> None:
    text = ask("pricing", SMALL)
    assert "$0.50/1M input tokens and $1.50/1M output tokens on Mistral (the lab's own API)" in text
    # the tiered "latest" listing is cheaper, so it is named as the cheapest route
    assert "Cheapest tracked route (of 3 tracked routes): Mistral at $0.15 input" in text


def test_without_a_lab_route_the_cheapest_route_is_the_answer() -> None:
    text = ask("pricing", SOLO)
    assert "Solo costs $1/1M input tokens and $2/1M output tokens on Reseller." in text
    assert "lab's own" not in text


def test_monthly_cost_shows_both_figures_with_formulas() -> None:
    text = ask("monthly_cost", OMNI)
    assert (
        "$4,500/month on OpenAI (the lab's own API): 1,000,000 x (1,000 x $2.50 + 200 x $10)"
        in (text)
    )
    assert "Cheapest tracked route: NanoGPT at $4,498/month: 1,000,000 x (1,000 x $2.499" in text


def test_monthly_cost_when_the_lab_is_cheapest_shows_one_figure() -> None:
    text = ask("monthly_cost", DEEP)
    assert "$196/month on DeepSeek (the lab's own API; no tracked route is cheaper)" in text
    assert "Reseller" not in text
    assert "None of its 2 tracked routes is cheaper." in ask("pricing", DEEP)


def test_monthly_cost_on_a_lab_endpoint_with_a_cheaper_reseller() -> None:
    text = ask("monthly_cost", GEM, traffic=Traffic(requests_per_month=1_000))
    assert "$3.25/month on Vertex (the lab's own API)" in text
    assert "Cheapest tracked route: Poe at $2.27/month" in text


def test_delta_compares_the_figures_shown_first() -> None:
    text = ask("monthly_cost", OMNI, SOLO)
    # GPT-Omni on OpenAI $4,500 vs Solo's only route $1,400
    assert "Solo is cheaper by $3,100/month than GPT-Omni" in text


def test_compare_page_cost_lines() -> None:
    text = ask("compare", OMNI, SOLO, detail="full")
    assert "- **GPT-Omni**: $4,500 on OpenAI (the lab's own API). Cheapest tracked route: " in text
    assert "NanoGPT at $4,498." in text
    assert "- **Solo**: $1,400. Cheapest tracked route: Reseller." in text
    assert "| Lab's own API (input / output) | $2.50 / $10 per 1M on OpenAI | - |" in text


def test_seed_page_wording_holds_without_a_lab_route() -> None:
    query = Query(
        intent="compare",
        text="",
        models=("openai/gpt-4-vision-preview", "alibaba/qwen3.5-4b"),
        detail="full",
    )
    text = ANSWERS["compare"](seed_catalog(), query).text
    assert "- **GPT-4 Vision Preview**: $18,000. Cheapest tracked route: Azure OpenAI." in text
    assert "Lab's own API" not in text


def test_overview_price_leads_with_the_lab() -> None:
    text = ask("overview", OMNI)
    assert (
        "- Price: $2.50/1M input tokens and $10/1M output tokens on OpenAI (the lab's own API);"
        in (text)
    )
    assert "on NanoGPT (cheapest of 3 routes)" in text
    assert "NanoGPT" not in ask("overview", DEEP)


def test_pricing_pair_says_which_is_more_expensive() -> None:
    text = ask("pricing", OMNI, DEEP)
    assert "Deep Chat is cheaper by $4,304/month than GPT-Omni" in text
    assert "so GPT-Omni is the more expensive" in text
    assert "Assumes default traffic: 1,000,000 requests/month" in text
