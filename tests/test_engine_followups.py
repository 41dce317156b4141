"""Short follow-ups: traffic changes, slot-only questions, ordinals, reversals, lists, swaps."""

from __future__ import annotations

import pytest
from test_engine_conversations import _recording_engine
from test_engine_fixture import small_engine

from assistant.engine import Memory
from assistant.engine.numbers import parse_quantities

GPT4O = "openai/gpt-4o"
SONNET45 = "anthropic/claude-sonnet-4-5"
OPUS41 = "anthropic/claude-opus-4-1"
QWEN = "alibaba/qwen3.5-4b"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("make that 50k per day", "requests_per_month", 1_500_000),
        ("actually 3k an hour", "requests_per_month", 2_160_000),
        ("what if input is just 800 tokens", "input_tokens", 800),
        ("suppose the output was around 150 tokens", "output_tokens", 150),
    ],
)
def test_traffic_follow_up_quantities(text: str, field: str, value: float) -> None:
    """A count with a period is requests; a direction word before fillers names the tokens."""
    assert getattr(parse_quantities(text), field) == value


def test_traffic_follow_ups_recompute() -> None:
    """'make that 50k per day' then 'what if output is 100 tokens' both update the traffic."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o cost at 5k requests per day, 2k in 300 out")
    _, memory = engine.respond(memory, "make that 50k per day")
    assert seen[-1].traffic.requests_per_month == 1_500_000
    engine.respond(memory, "what if output is only 100 tokens")
    assert (seen[-1].intent, seen[-1].traffic.output_tokens) == ("monthly_cost", 100)
    assert seen[-1].traffic.input_tokens == 2000


def test_swap_verb_in_a_cost_conversation_keeps_the_question() -> None:
    """'switch to <model>' while pricing replaces the model; 'what breaks' is switch friction."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "gpt-4o monthly cost at 20k requests a day")
    reply, after = engine.respond(memory, "let's switch to claude opus 4.1")
    assert (reply.intent, reply.models) == ("monthly_cost", (OPUS41,))
    assert after.traffic.requests_per_month == 600_000
    reply, _ = engine.respond(memory, "what breaks if we switch to claude opus 4.1?")
    assert reply.intent == "switch_friction"


def test_slot_only_follow_up_continues_the_intent() -> None:
    """'and the output one?' after an input price asks the output price."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "what is gpt-4o's input price")
    engine.respond(memory, "and the output one?")
    assert (seen[-1].intent, seen[-1].price_kind, seen[-1].models) == (
        "pricing",
        "output",
        (GPT4O,),
    )


def test_ordinal_reference_picks_one_model_of_the_pair() -> None:
    """'the latter' / 'the former one' name one of the models just compared."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "gpt-4o vs qwen3.5-4b")
    reply, memory = engine.respond(memory, "what's the license of the latter?")
    assert (reply.intent, reply.models) == ("license", (QWEN,))
    reply, _ = engine.respond(memory, "ok, and the former one?")
    assert (reply.intent, reply.models) == ("license", (GPT4O,))


@pytest.mark.parametrize("text", ["and vice versa?", "what about the opposite direction?"])
def test_reversal_flips_a_switch(text: str) -> None:
    """A reversal after switch friction asks about the move the other way."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "what breaks moving from gpt-4o to qwen3.5-4b?")
    reply, _ = engine.respond(memory, text)
    assert (reply.intent, reply.models) == ("switch_friction", (QWEN, GPT4O))


def test_ranking_puts_its_models_in_focus() -> None:
    """After a list, 'its' is the top model and 'which of these' covers the whole list."""
    engine = small_engine()
    first, memory = engine.respond(Memory(), "cheapest models with vision")
    assert first.intent == "rank" and len(first.models) >= 2
    reply, _ = engine.respond(memory, "what's its license")
    assert (reply.intent, reply.models) == ("license", first.models[:1])
    reply, _ = engine.respond(memory, "which of these is cheapest to run?")
    assert reply.intent != "fallback"
    assert set(reply.models) == set(first.models)


def test_plural_follow_up_keeps_three_models() -> None:
    """'which of them' after a three-way comparison covers all three."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "gpt-4o vs claude sonnet 4.5 vs claude opus 4.1")
    reply, _ = engine.respond(memory, "which of them supports function calling?")
    assert (reply.intent, set(reply.models)) == ("capability", {GPT4O, SONNET45, OPUS41})


@pytest.mark.parametrize("follow_up", ["and in pounds?", "what's that in EUR", "in ¥?"])
def test_other_currency_keeps_usd_and_says_so(follow_up: str) -> None:
    """A currency follow-up repeats the USD figures with an honest no-conversion note."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "how much does gpt-4o cost per million tokens")
    reply, _ = engine.respond(memory, follow_up)
    assert (reply.intent, reply.models) == ("pricing", (GPT4O,))
    assert "US dollars (USD) only" in reply.text
    assert "$" in reply.text


def test_currency_without_a_model_is_an_honest_fallback() -> None:
    """'convert 100 dollars to yen' with nothing in focus: USD only, nothing converted."""
    reply, _ = small_engine().respond(Memory(), "convert 100 dollars to yen")
    assert reply.intent == "fallback"
    assert "US dollars (USD) only" in reply.text


def test_won_as_a_verb_is_no_currency() -> None:
    """'which one won?' names no currency."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "gpt-4o vs qwen3.5-4b")
    reply, _ = engine.respond(memory, "so which one won?")
    assert "US dollars" not in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "what is the throughput of gpt-4o",
        "how many attention heads does qwen3.5-4b have?",
        "who is the ceo behind claude sonnet 4.5",
        "how much training data went into gpt-4o",
    ],
)
def test_uncarried_fact_is_an_honest_fallback(text: str) -> None:
    """A fact the catalog never carries is said to be missing, never answered with another."""
    reply, memory = small_engine().respond(Memory(), text)
    assert reply.intent == "fallback"
    assert "doesn't carry" in reply.text
    assert memory.last_intent is None


def test_training_data_recency_is_the_knowledge_cutoff() -> None:
    """'how recent is its training data' is the knowledge cutoff, which the catalog has."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), "how recent is gpt-4o's training data?")
    assert (seen[-1].intent, seen[-1].spec_field) == ("specs", "knowledge_cutoff")


def test_ordinals_keep_the_order_the_pair_was_named() -> None:
    """'the second one' stays the second model named, after a turn about the first."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "gpt-4o or qwen3.5-4b, which has the better license?")
    _, memory = engine.respond(memory, "can I self-host the first one?")
    reply, _ = engine.respond(memory, "when was the second one released?")
    assert (reply.intent, reply.models) == ("specs", (QWEN,))


@pytest.mark.parametrize(
    ("text", "capability"),
    [("fn calls w/ gpt-4o??", "function_calling"), ("json mode on qwen3.5-4b?", None)],
)
def test_slang_capability_question(text: str, capability: str | None) -> None:
    """A capability word with a model and no traffic is a capability question."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), text)
    assert seen[-1].intent == "capability"
    assert capability is None or seen[-1].capability == capability


def test_newer_names_the_field_it_compares() -> None:
    """'which has the older cutoff' compares knowledge cutoffs, not release dates."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o vs qwen3.5-4b")
    engine.respond(memory, "which one has the older training cutoff?")
    assert (seen[-1].intent, seen[-1].spec_field) == ("specs", "knowledge_cutoff")


def test_two_models_and_two_asks_compare() -> None:
    """'A vs B: price and context' is a comparison, not a clarifying question."""
    reply, _ = small_engine().respond(Memory(), "gpt-4o vs claude opus 4.1 - context + price")
    assert reply.intent == "compare"


def test_context_floor_with_a_plus() -> None:
    """'100k+' is a context floor, never an unknown model name."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), "openai models with 100k+ context")
    query = seen[-1]
    assert query.intent == "rank" and query.filters is not None
    assert (query.filters.min_context, query.filters.lab) == (100_000, "openai")


def test_context_over_is_a_strict_bound() -> None:
    """'over 100k ctx' is context > 100K (the lexicon's constraint), not a >= floor."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), "openai models over 100k ctx")
    filters = seen[-1].filters
    assert filters is not None and filters.lab == "openai" and filters.min_context is None
    (bound,) = filters.constraints
    assert (bound.field, bound.op, bound.value) == ("context_window", ">", 100_000)


@pytest.mark.parametrize(
    "text",
    [
        "cheapest flight to Lisbon under $300?",
        "how much is a Ford Model 3 lease?",
        "postgres vs mysql?",
        "what does a spotify family plan cost",
    ],
)
def test_off_topic_with_a_price_or_vs_is_fallback(text: str) -> None:
    """A price or 'vs' about something else is neither a ranking nor a question to ask back."""
    reply, _ = small_engine().respond(Memory(), text)
    assert reply.intent == "fallback"
    assert not reply.models


@pytest.mark.parametrize("text", ["what does it cost?", "cheapest models under $2 per 1M tokens"])
def test_on_topic_without_a_model_still_works(text: str) -> None:
    """No foreign words: ask which model, or rank when it names models."""
    reply, _ = small_engine().respond(Memory(), text)
    assert reply.intent in {"clarify", "rank"}


@pytest.mark.parametrize(
    ("text", "budget"),
    [("a $2k monthly budget", 2000), ("we can spend $40 per day", 1200), ("budget of $90", 90)],
)
def test_budget_quantities(text: str, budget: float) -> None:
    """A dollar figure with a period or the word budget is a monthly budget, not a price cap."""
    quantities = parse_quantities(text)
    assert quantities.budget == budget and quantities.max_price is None


def test_budget_inverts_the_monthly_cost() -> None:
    """Requests affordable = budget / cost per request, kept for a follow-up model."""
    engine = small_engine()
    text = "we can spend $300 a month; how many requests at 2k in / 100 out does gpt-4o allow?"
    reply, memory = engine.respond(Memory(), text)
    assert reply.intent == "monthly_cost"
    cost = reply.data["monthly_cost"][GPT4O]
    lead = cost.get("first_party") or cost
    expected = round(300 / (lead["monthly_usd"] / reply.data["traffic"]["requests_per_month"]))
    assert reply.data["budget"]["requests"][GPT4O] == expected
    assert f"{expected:,}" in reply.text
    follow, _ = engine.respond(memory, "and claude sonnet 4.5?")
    assert follow.data["budget"]["usd_per_month"] == 300


def test_which_is_larger_compares_the_last_question() -> None:
    """'which is larger?' after two context windows compares context windows for both."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "context window of gpt-4o")
    _, memory = engine.respond(memory, "and qwen3.5-4b?")
    reply, _ = engine.respond(memory, "ok which is larger?")
    assert (reply.intent, set(reply.models)) == ("context_window", {GPT4O, QWEN})


def test_does_it_do_that_carries_the_capability() -> None:
    """'can <model> do that too?' asks the last turn's capability about the new model."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "cheapest models with function calling")
    engine.respond(memory, "can qwen3.5-4b do that too?")
    assert (seen[-1].intent, seen[-1].capability, seen[-1].models) == (
        "capability",
        "function_calling",
        (QWEN,),
    )


def test_bare_variant_follow_up_names_the_focused_models_sibling() -> None:
    """'what about 4.5?' after Claude Sonnet 4 asks the same question of Claude Sonnet 4.5."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "claude sonnet 4 context window")
    reply, _ = engine.respond(memory, "what about 4.5?")
    assert (reply.intent, reply.models) == ("context_window", (SONNET45,))


def test_bare_size_follow_up_keeps_the_fit_question() -> None:
    """'what about a 250k one?' after a fit question asks the fit of the new size."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "claude sonnet 4.5 context window")
    _, memory = engine.respond(memory, "will a 120k-token transcript fit?")
    engine.respond(memory, "what about a 250k one?")
    assert (seen[-1].intent, seen[-1].token_count, seen[-1].models) == (
        "context_window",
        250_000,
        (SONNET45,),
    )


@pytest.mark.parametrize(
    ("first", "text", "capability", "models"),
    [
        (
            "llama 3.1 8b instruct context window",
            "is this model able to reason?",
            "reasoning",
            ("meta/llama-3.1-8b-instruct",),
        ),
        (
            "gpt-4o vs claude sonnet 4.5",
            "which one is a vision model?",
            "vision",
            (GPT4O, SONNET45),
        ),
    ],
)
def test_capability_about_the_focus_is_no_ranking(
    first: str, text: str, capability: str, models: tuple[str, ...]
) -> None:
    """'is this model ...?', 'which one is a ... model?' ask about the models in focus."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), first)
    engine.respond(memory, text)
    assert (seen[-1].intent, seen[-1].capability, seen[-1].models) == (
        "capability",
        capability,
        models,
    )


def test_looking_for_something_else_ranks() -> None:
    """'anything open with 200K+ and function calling?' after a model is a ranking."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "llama 3.1 8b instruct context")
    engine.respond(memory, "too short. anything open with 200K+ and function calling?")
    filters = seen[-1].filters
    assert seen[-1].intent == "rank" and filters is not None
    assert (filters.min_context, filters.open_weights) == (200_000, True)
    assert filters.capabilities == ("function_calling",)


def test_than_one_new_model_compares_with_the_focus() -> None:
    """'is it cheaper than X?' after a price compares the model in focus with X."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o price")
    engine.respond(memory, "would that be cheaper than claude sonnet 4?")
    assert seen[-1].models == (GPT4O, "anthropic/claude-sonnet-4")


def test_cheaper_per_token_kind_is_a_price_comparison() -> None:
    """'which is cheaper per input token?' over two models compares that token price."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), "gpt-4o or claude sonnet 4.5: which is cheaper per input token?")
    assert (seen[-1].intent, seen[-1].price_kind, seen[-1].models) == (
        "pricing",
        "input",
        (GPT4O, SONNET45),
    )


def test_than_that_compares_the_named_model_with_the_focus() -> None:
    """'does X have a bigger window than it?' after a model compares X with that model."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o context window")
    engine.respond(memory, "does claude opus 4.1 have a bigger window than it?")
    assert set(seen[-1].models) == {GPT4O, OPUS41}


def test_capability_word_follow_up_keeps_the_model() -> None:
    """'and vision?' after a model asks its capability, never a sibling named 'vision'."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o price")
    engine.respond(memory, "and image input?")
    assert (seen[-1].intent, seen[-1].models) == ("capability", (GPT4O,))


def test_provider_only_follow_up_asks_where_it_runs() -> None:
    """'what about on groq?' after a model asks whether that provider serves it."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "llama 3.1 8b instruct context window")
    engine.respond(memory, "what about on groq?")
    assert (seen[-1].intent, seen[-1].models) == ("providers", ("meta/llama-3.1-8b-instruct",))
    assert seen[-1].filters is not None and seen[-1].filters.provider == "groq"


def test_terse_oss_follow_up_asks_the_license_of_the_pair() -> None:
    """'oss?' (open-source software) after a pair asks their license; 'oss models' filters."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "sonnet 4.5 vs gpt-4o")
    engine.respond(memory, "oss?")
    assert (seen[-1].intent, seen[-1].models) == ("license", (SONNET45, GPT4O))
    engine.respond(Memory(), "any oss models with vision?")
    assert seen[-1].filters is not None and seen[-1].filters.open_weights is True


def test_region_questions_answer_providers_and_say_regions_are_not_sourced() -> None:
    """'eu?' after a pair lists where they run and never claims EU availability."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "sonnet 4.5 vs gpt-4o")
    reply, _ = engine.respond(memory, "eu?")
    assert (reply.intent, reply.models) == ("providers", (SONNET45, GPT4O))
    assert "EU or other region availability is not sourced" in reply.text
    plain, _ = engine.respond(Memory(), "where can I run gpt-4o?")
    assert "region availability is not sourced" not in plain.text


def test_is_it_free_follow_up_asks_the_price_not_a_fallback() -> None:
    """'is it free to use?' after a model is a pricing question about it."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "tell me about gpt-4o")
    engine.respond(memory, "is it free to use?")
    assert (seen[-1].intent, seen[-1].models) == ("pricing", (GPT4O,))


def test_a_cue_repeated_between_many_models_counts_once() -> None:
    """'params of A vs B vs C' asks parameters: two 'vs' do not outweigh 'params'."""
    engine, seen = _recording_engine()
    engine.respond(Memory(), "params of gpt-4o vs claude sonnet 4.5 vs claude opus 4.1")
    assert (seen[-1].intent, seen[-1].spec_field) == ("specs", "parameters")


def test_active_fragment_asks_active_parameters_and_still_active_the_status() -> None:
    """'active?' after a parameters question asks the active count; 'still active?' the status."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "params of gpt-4o vs claude sonnet 4.5")
    engine.respond(memory, "active?")
    assert (seen[-1].intent, seen[-1].spec_field, seen[-1].models) == (
        "specs",
        "parameters",
        (GPT4O, SONNET45),
    )
    engine.respond(Memory(), "is gpt-4o still active?")
    assert (seen[-1].intent, seen[-1].spec_field) == ("specs", "status")


def test_the_first_two_are_the_leading_models_of_the_last_group() -> None:
    """'compare the first two' after a three-model answer compares its first two models."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o vs claude sonnet 4.5 vs claude opus 4.1")
    engine.respond(memory, "compare the first two")
    assert (seen[-1].intent, seen[-1].models) == ("compare", (GPT4O, SONNET45))


def test_a_bare_dollar_sign_asks_the_price() -> None:
    """'$?' after a model (a Slack fragment) is its price; '$1' stays an amount."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o context window")
    engine.respond(memory, "$?")
    assert (seen[-1].intent, seen[-1].models) == ("pricing", (GPT4O,))
    engine.respond(Memory(), "models under $1")
    assert seen[-1].intent == "rank"


def test_an_unknown_second_model_is_never_replaced_by_the_focus() -> None:
    """'which is better, gpt-4o or gemini 7 ultra?' after another model: say it is unknown."""
    engine = small_engine()
    _, memory = engine.respond(Memory(), "claude sonnet 4.5 price")
    reply, _ = engine.respond(memory, "which is better, gpt-4o or zorblax 7 ultra?")
    assert reply.intent == "fallback"
    assert SONNET45 not in reply.models
    assert "couldn't find a model called" in reply.text


def test_the_first_three_survives_spelling_correction() -> None:
    """'context of the first three' after a ranking: 'three' is a count, not 'there'."""
    engine, seen = _recording_engine()
    _, memory = engine.respond(Memory(), "gpt-4o vs claude sonnet 4.5 vs claude opus 4.1")
    engine.respond(memory, "context of the first three")
    assert seen[-1].models == (GPT4O, SONNET45, OPUS41)
