"""Filter-and-rank over the catalog: tri-state filters, exclusion counts, sorts, recommend."""

from __future__ import annotations

from test_answers_fixtures import GPT4V, QWEN, extra_models, extra_routes, full_catalog, gpt4v, qwen

from assistant.answers.query import Filters, Query
from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.reply import Reply


def rank(**filters: object) -> Reply:
    """The rank answer on the full fixture catalog."""
    query = Query(intent="rank", text="", filters=Filters(**filters))  # type: ignore[arg-type]
    return ANSWERS["rank"](full_catalog(), query)


def test_cheapest_with_vision() -> None:
    reply = rank(capabilities=("vision",))
    # Qwen has vision but no price: excluded for unknown data; Tiny fails (vision No).
    assert reply.data["ranked"] == ["acme/vision-xl", GPT4V]
    assert reply.data["excluded_unknown"] == 2  # Qwen (no price), Mystery (vision unknown)
    assert "2 models excluded for unknown data" in reply.text


def test_min_context_and_sort_by_context() -> None:
    reply = rank(min_context=200_000, sort="context")
    assert reply.data["ranked"] == ["acme/vision-xl", QWEN]
    assert reply.data["excluded_unknown"] == 1  # Mystery has no context window


def test_open_weights_and_max_output_price() -> None:
    reply = rank(open_weights=True, max_output_price=1.0)
    assert reply.data["ranked"] == ["acme/tiny"]


def test_provider_and_lab_filters() -> None:
    assert rank(provider="azure").data["ranked"] == ["acme/vision-xl", GPT4V]
    assert rank(lab="acme", sort="newest").data["ranked"] == ["acme/vision-xl", "acme/tiny"]


def test_no_match_is_honest() -> None:
    reply = rank(capabilities=("code_execution",), min_context=500_000)
    assert reply.data["ranked"] == []
    assert "No model in the catalog" in reply.text


def test_recommend_without_models_ranks_catalog() -> None:
    query = Query(intent="recommend", text="", criterion="long_context")
    reply = ANSWERS["recommend"](full_catalog(), query)
    assert reply.models[0] == "acme/vision-xl"


def test_recommend_cheaper_pair_with_unknown_price() -> None:
    query = Query(intent="recommend", text="", criterion="cheaper", models=(GPT4V, QWEN))
    text = ANSWERS["recommend"](full_catalog(), query).text
    assert "Qwen3.5-4B: no token price is sourced" in text
    assert "$18,000" in text


def test_recommend_long_context_pair() -> None:
    query = Query(intent="recommend", text="", criterion="long_context", models=(GPT4V, QWEN))
    text = ANSWERS["recommend"](full_catalog(), query).text
    assert text.startswith("Qwen3.5-4B is better for long documents")


def test_media_generators_are_not_ranked_but_unknown_output_is() -> None:
    painter = Model(
        id="acme/painter",
        name="Acme Painter",
        lab="Acme",
        lab_id="acme",
        context_window=99_000_000,
        output_modalities=("image",),
    )
    catalog = Catalog.from_records(
        models=[gpt4v(), qwen(), *extra_models(), painter], routes=extra_routes()
    )
    query = Query(intent="rank", text="", filters=Filters(sort="context"))
    reply = ANSWERS["rank"](catalog, query)
    assert "acme/painter" not in reply.data["ranked"]
    assert reply.data["ranked"][0] == "acme/vision-xl"  # output not sourced: still ranked
    assert reply.text.startswith("Chat models only; sorted by largest context window:")
    assert "Chat models only: 1 model of other kinds" in reply.text


def _kinds_catalog() -> Catalog:
    """The fixture catalog plus a priced embedding model the sources mark as one."""
    from test_answers_fixtures import MD

    from assistant.catalog.records import Route

    embedder = Model(
        id="acme/embed-small", name="Acme Embed Small", lab="Acme", lab_id="acme",
        context_window=8_000, kind="embedding",
    )  # fmt: skip
    route = Route(
        provider_id="acme", provider_name="Acme", model_id="acme/embed-small",
        provider_model_id="embed-small", input_price=0.01, output_price=0.01, cite=MD,
    )  # fmt: skip
    return Catalog.from_records(
        models=[gpt4v(), qwen(), *extra_models(), embedder], routes=[*extra_routes(), route]
    )


def test_cheapest_keeps_to_chat_models_and_says_so() -> None:
    query = Query(intent="rank", text="", filters=Filters())
    reply = ANSWERS["rank"](_kinds_catalog(), query)
    assert "acme/embed-small" not in reply.data["ranked"]  # cheapest of all, but not chat
    assert reply.data["ranked"]
    assert reply.text.startswith("Chat models only; sorted by cheapest monthly cost")
    assert "1 model of other kinds" in reply.text


def test_a_kind_in_the_filters_ranks_that_kind_only() -> None:
    query = Query(intent="rank", text="", filters=Filters(kind="embedding"))
    reply = ANSWERS["rank"](_kinds_catalog(), query)
    assert reply.data["ranked"] == ["acme/embed-small"]
    assert reply.text.startswith("Embedding models only; sorted by cheapest")


def test_an_empty_kind_says_no_model_of_that_kind_matches() -> None:
    query = Query(intent="rank", text="", filters=Filters(kind="rerank"))
    reply = ANSWERS["rank"](_kinds_catalog(), query)
    assert reply.data["ranked"] == []
    assert "No model in the catalog is sourced as matching: rerankers." in reply.text


def _listener_catalog() -> Catalog:
    """The fixture catalog plus a speech-to-text model (audio in, text out) with a huge window."""
    listener = Model(
        id="acme/listener",
        name="Acme Listener",
        lab="Acme",
        lab_id="acme",
        context_window=99_000_000,
        input_modalities=("audio",),
        output_modalities=("text",),
    )
    return Catalog.from_records(
        models=[gpt4v(), qwen(), *extra_models(), listener], routes=extra_routes()
    )


def test_speech_to_text_is_not_ranked_for_chat_questions() -> None:
    query = Query(intent="rank", text="", filters=Filters(sort="context"))
    reply = ANSWERS["rank"](_listener_catalog(), query)
    assert "acme/listener" not in reply.data["ranked"]
    assert "1 model of other kinds" in reply.text


def test_speech_to_text_is_ranked_when_audio_input_is_asked() -> None:
    filters = Filters(sort="context", capabilities=("audio_input",))
    query = Query(intent="rank", text="", filters=filters)
    # the listener's audio_input flag is not sourced, so it is excluded as unknown, not as non-chat
    reply = ANSWERS["rank"](_listener_catalog(), query)
    assert "other kinds" not in reply.text


def _provider_catalog() -> Catalog:
    """Two models on Groq: A is cheap elsewhere but dear on Groq, B is only on Groq."""
    from test_answers_fixtures import MD

    from assistant.catalog.records import Provider, Route

    def route(provider: str, model: str, price: float, output: float | None = None) -> Route:
        return Route(
            provider_id=provider,
            provider_name={"groq": "Groq", "cheap": "CheapHost"}[provider],
            model_id=model,
            provider_model_id=model,
            input_price=price,
            output_price=price if output is None else output or None,
            cite=MD,
        )

    models = [Model(id=f"lab/{n}", name=f"Model {n.upper()}", context_window=8_000) for n in "abc"]
    return Catalog.from_records(
        models=models,
        providers=[Provider(id="groq", name="Groq"), Provider(id="cheap", name="CheapHost")],
        routes=[
            route("groq", "lab/a", 5.0),
            route("cheap", "lab/a", 0.1),
            route("groq", "lab/b", 1.0),
            route("groq", "lab/c", 1.0, 0.0),  # input price only: no complete price on Groq
        ],
    )


def test_provider_filter_ranks_and_prices_on_that_provider() -> None:
    catalog = _provider_catalog()
    query = Query(intent="rank", text="", filters=Filters(provider="groq"))
    reply = ANSWERS["rank"](catalog, query)
    assert reply.data["ranked"] == ["lab/b", "lab/a"]  # A's $0.10 elsewhere does not count
    first, rows = reply.text.splitlines()[0], reply.text.splitlines()[1:3]
    assert "on Groq" in first
    assert "$5/1M input tokens" in rows[1] and "on Groq" in rows[1]
    assert "CheapHost" not in reply.text
    unfiltered = ANSWERS["rank"](catalog, Query(intent="rank", text="", filters=Filters()))
    assert unfiltered.data["ranked"][0] == "lab/a"


def test_provider_filter_price_cap_uses_that_providers_price() -> None:
    catalog = _provider_catalog()
    capped = Filters(provider="groq", max_output_price=2.0)
    reply = ANSWERS["rank"](catalog, Query(intent="rank", text="", filters=capped))
    assert reply.data["ranked"] == ["lab/b"]


def test_provider_filter_without_price_there_says_so() -> None:
    catalog = _provider_catalog()
    by_context = Filters(provider="cheap", sort="context")
    reply = ANSWERS["rank"](catalog, Query(intent="rank", text="", filters=by_context))
    assert reply.data["ranked"] == ["lab/a"]
    assert "on CheapHost" in reply.text.splitlines()[0]
    assert "$0.10/1M input tokens" in reply.text
    groq = Filters(provider="groq", sort="context", limit=3)
    text = ANSWERS["rank"](catalog, Query(intent="rank", text="", filters=groq)).text
    assert "Model C** — 8K context; no complete token price is sourced on Groq" in text


def test_a_cheapest_ranking_states_the_traffic_it_prices() -> None:
    from assistant.answers.query import Traffic

    traffic = Traffic(requests_per_month=600_000, input_tokens=3000, output_tokens=500)
    query = Query(intent="rank", text="", filters=Filters(), traffic=traffic)
    text = ANSWERS["rank"](full_catalog(), query).text
    assert "(600,000 requests/month x 3,000 input + 500 output tokens)" in text
    assert "requests/month" not in rank(sort="context").text
