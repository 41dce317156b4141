"""Deciding a turn: the intent, the models and the slots, from a Reading plus memory.

Rules, in order: a pending clarification; the intent the cues found (with slot evidence);
follow-ups keep the last intent; a bare model is an overview, two are a comparison;
models come from the text or, for follow-ups, from the models in focus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answers.query import DETAIL_FULL, DETAIL_SUMMARY, INTENTS, IntentName, Query
from assistant.catalog.names import STOPWORDS
from assistant.engine.match import CONFIDENT, MASK
from assistant.engine.memory import Memory, focus_with
from assistant.engine.numbers import Quantities, apply_traffic
from assistant.engine.roles import Role
from assistant.engine.slots import CARRIED_SPECS, build_filters
from assistant.engine.switching import is_switching, switch_order
from assistant.engine.understand import PAIR_INTENTS, SMALL_TALK, Clarify, Parts, Reading

# Intents a follow-up without cues of its own continues: every model question but the
# catalog-wide ranking (small talk never carries).
_CARRY = frozenset(INTENTS) - SMALL_TALK - {IntentName.RANK}
_RANKABLE = frozenset(
    {
        IntentName.CONTEXT_WINDOW,
        IntentName.PRICING,
        IntentName.CAPABILITY,
        IntentName.SPECS,
        IntentName.LICENSE,
        IntentName.BENCHMARKS,
    }
)
# The slot a follow-up may state alone to continue an intent: "and output?" after a price.
_SLOT_OF: dict[str, str] = {
    IntentName.PRICING: "price_kind",
    IntentName.MONTHLY_COST: "price_kind",
    IntentName.SPECS: "spec_field",
    IntentName.CAPABILITY: "capability",
    IntentName.RECOMMEND: "criterion",
}
_NO_QUANTITIES = Quantities()
_FACT_INTENTS = frozenset(
    [
        IntentName.CONTEXT_WINDOW,
        IntentName.PRICING,
        IntentName.LICENSE,
        IntentName.CAPABILITY,
        IntentName.SPECS,
        IntentName.BENCHMARKS,
        IntentName.OVERVIEW,
    ]
)
MAX_GROUP = 10  # models a plural follow-up ("which of those") covers at most
VAGUE_CUE = 2.0  # an overview cue this weak needs a model to mean anything


def decide(parts: Parts, memory: Memory, reading: Reading) -> Query | Clarify:
    """The Query to answer, or a Clarify when the message cannot be pinned down."""
    chosen = _pending_choice(parts, memory, reading)
    named = (
        chosen
        or reading.named
        or _leading_group(parts, memory, reading)
        or _ordinal_reference(parts, memory, reading)
        or _sibling_of_focus(parts, memory, reading)
    )
    if _than_named(parts, memory, reading, named):
        named = (memory.models[-1], *named)  # "is (it) cheaper than X?": the focus vs X
    carried = memory.last_intent if memory.last_intent in _CARRY else None
    # a pick from "which one do you mean?" answers the question that was asked
    intent = carried if chosen and carried else _intent(parts, memory, reading, named)
    if reading.ambiguous and not memory.pending:
        asked = reading.match.intent if intent == IntentName.FALLBACK else intent
        return _clarify("model", reading.ambiguous, reading, memory, asked or IntentName.OVERVIEW)
    if (
        intent == IntentName.CLARIFY
        and not named
        and not memory.models
        and not _about_models(reading)
    ):
        intent = IntentName.FALLBACK  # "compare AWS and Azure prices for VMs": not about AI models
    if intent == IntentName.CLARIFY:
        options = tuple(n for n in (reading.match.intent, reading.match.runner_up) if n)
        return _clarify("intent", options, reading, memory, intent)
    if (
        reading.unresolved
        and not named
        and intent not in {IntentName.GREETING, IntentName.HELP, IntentName.THANKS}
    ):
        intent = IntentName.FALLBACK
    if reading.unresolved and len(reading.named) == 1 and intent in PAIR_INTENTS:
        intent = (
            IntentName.FALLBACK
        )  # "gpt-5 or gemini 7 ultra?": never pair it with the focus instead
    if asks_uncarried(reading):  # "latency of X", "how many layers": said not carried
        models, from_memory = _models(parts, memory, reading, IntentName.SPECS, named)
        return _query(parts, memory, reading, IntentName.SPECS, models, from_memory)
    models, from_memory = _models(parts, memory, reading, intent, named)
    need = parts.intents[intent].models if intent in parts.intents else 0
    if need and not models and _vague(reading, intent):
        intent, need = IntentName.FALLBACK, 0  # "what is 17 * 23", "explain quantum entanglement"
    if need and not models and _foreign(parts, reading):
        intent, need = IntentName.FALLBACK, 0  # "how much does a Netflix subscription cost?"
    if need and not models and (_defines(parts, reading) or _not_about_a_model(reading)):
        intent, need = (
            IntentName.FALLBACK,
            0,
        )  # "what is a context window?", "where to go for lunch"
    if need and not models:
        return _clarify("which_model", (), reading, memory, intent)
    if intent in PAIR_INTENTS and len(models) < 2:
        intent = _single_model_intent(reading, intent)
    if intent == IntentName.SWITCH_FRICTION:
        models = switch_order(reading.tokens, reading.masked_models, models)
        if _reverses(reading, memory) and len(memory.last_models) == 2:
            models = memory.last_models[::-1]  # "and the other direction?"
    return _query(parts, memory, reading, intent, models, from_memory)


def asks_uncarried(reading: Reading) -> bool:
    """True when the question asks a fact the catalog never carries (latency, layers ...)."""
    field = reading.slots.spec_field
    return field is not None and field not in CARRIED_SPECS


def _pending_choice(parts: Parts, memory: Memory, reading: Reading) -> tuple[str, ...]:
    """A model picked from an open "did you mean A or B?" question ('the first one')."""
    if memory.pending_kind != "model" or reading.named:
        return ()
    ordinals = parts.lexicon.ordinals
    for token in reading.tokens:
        index = ordinals.get(token)
        if index is None and token.isdigit():
            index = int(token) - 1  # "2": the second option
        if index is not None and -len(memory.pending) <= index < len(memory.pending):
            return (memory.pending[index],)
    return ()


_WORD = re.compile(r"[a-z0-9]+")


def _leading_group(parts: Parts, memory: Memory, reading: Reading) -> tuple[str, ...]:
    """'compare the first two': the leading models of the last several-model answer.

    Read from the typed words: spelling correction may turn 'three' into 'there'.
    """
    ordinals, counts = parts.lexicon.ordinals, parts.roles.counts
    if len(memory.group) < 2 or all(ordinals.get(t) != 0 for t in reading.tokens):
        return ()
    tokens = _WORD.findall(reading.text)
    for index, token in enumerate(tokens[:-1]):
        count = counts.get(tokens[index + 1])
        if ordinals.get(token) == 0 and count and len(memory.group) >= count:
            return memory.group[:count]
    return ()


def _ordinal_reference(parts: Parts, memory: Memory, reading: Reading) -> tuple[str, ...]:
    """'the third one', 'the latter': one of the last answer's models, when no model is named."""
    pool = memory.group if len(memory.group) >= 2 else memory.models
    if len(pool) < 2 or is_switching(reading.tokens):
        return ()
    tokens, lex = reading.tokens, parts.lexicon
    picked = {
        lex.ordinals[token]
        for index, token in enumerate(tokens)
        if token in lex.ordinals and index and tokens[index - 1] in lex.ordinal_lead
    }
    if len(picked) != 1:
        return ()
    index = picked.pop()
    return (pool[index],) if -len(pool) <= index < len(pool) else ()


def _sibling_of_focus(parts: Parts, memory: Memory, reading: Reading) -> tuple[str, ...]:
    """'and nano?' after GPT-5 mini, 'the 20b one' after gpt-oss-120b: the focused model's
    family member named by swapping in the variant or size word of a short follow-up."""
    if not memory.models or reading.named or reading.quantities != _NO_QUANTITIES:
        return ()
    if reading.slots.capability:  # "and audio?" asks the capability of the same model
        return ()
    if not is_follow_up(reading) or len(reading.tokens) > 6:
        return ()
    sibling = getattr(parts.resolver, "sibling", None)
    if not callable(sibling):
        return ()
    try:
        found = sibling(memory.models[-1], reading.text)
    except Exception:  # a resolver bug must not take a conversation down
        return ()
    return (str(found),) if found else ()


def _than_named(parts: Parts, memory: Memory, reading: Reading, named: Sequence[str]) -> bool:
    """'is more cheap than X?', 'bigger than X?' naming one model: compared with the focus."""
    if len(named) != 1 or not memory.models or memory.models[-1] == named[0]:
        return False
    if Role.THAN not in reading.roles:
        return False
    tokens, than = reading.tokens, parts.roles.anywhere
    first = tokens.index(MASK) if MASK in tokens else -1
    if first >= 1 and Role.THAN in than.get((tokens[first - 1],), ()):
        return True  # "is (it) cheaper than X?"
    after = [tokens[i + 1] for i, t in enumerate(tokens[:-1]) if Role.THAN in than.get((t,), ())]
    focus = parts.roles.places[Role.THAN_FOCUS]
    return any(word in focus for word in after)  # "is X cheaper than that?"


def _reverses(reading: Reading, memory: Memory) -> bool:
    """'the other direction', 'the reverse', 'vice versa' after a switching answer."""
    if memory.last_intent != IntentName.SWITCH_FRICTION or reading.named:
        return False
    return Role.REVERSE in reading.roles


def is_follow_up(reading: Reading) -> bool:
    """True when the message reads as a follow-up ('and X?', 'what about ...', 'instead')."""
    roles = reading.roles
    return Role.FOLLOW_UP in roles or Role.INSTEAD in roles or len(reading.tokens) <= 3


def _intent(parts: Parts, memory: Memory, reading: Reading, named: Sequence[str]) -> str:
    """The intent name for this turn (may be 'clarify')."""
    match, quantities, slots = reading.match, reading.quantities, reading.slots
    intent = match.intent
    carry = memory.last_intent if memory.last_intent in _CARRY else None
    if _reverses(reading, memory) and is_follow_up(reading):
        return IntentName.SWITCH_FRICTION  # "and the other way round?"
    if named and intent in {None, IntentName.OVERVIEW} and _does_that(reading, memory):
        return IntentName.CAPABILITY  # "does sonar pro do that?" after asking for web search
    if carry and not named and _compares_last(reading, memory):
        return carry  # "which one is bigger?" after two context windows
    if named and intent in {IntentName.OVERVIEW, None} and _names_a_provider(parts, reading):
        return IntentName.PROVIDERS  # "can I get gpt-oss-120b through Groq?"
    if not named and intent is None and _provider_follow_up(parts, memory, reading):
        return IntentName.PROVIDERS  # "and on groq?" after a model: is it served there
    if intent is None:
        return _no_cue_intent(reading, named, carry, memory)
    if intent == IntentName.RANK and not named and _refers_to_listed(memory, reading):
        return IntentName.RECOMMEND  # "which of those is the cheapest?" after a list
    if intent == IntentName.RANK and not named and memory.models and _about_focus(reading):
        if reading.slots.capability:
            return IntentName.CAPABILITY  # "is this model able to reason?": about the focus
        if match.runner_up and match.runner_up not in SMALL_TALK:
            return match.runner_up
    if intent == IntentName.RANK and not named and not _rank_evidence(reading):
        if memory.models and is_follow_up(reading):
            return (
                IntentName.PRICING
            )  # "cheapest one?" after talking about a model: its cheapest route
        return IntentName.FALLBACK
    if (
        named
        and carry
        and intent in {IntentName.OVERVIEW, IntentName.COMPARE}
        and _explicit_follow_up(reading)
    ):
        return carry
    if _swaps_model(memory, reading, named, carry):
        return carry or intent  # "swap to glm-4.6" while pricing: the same question, new model
    focused = bool(memory.models) and _about_focus(reading)
    if not named and intent in _RANKABLE and _looks_like_ranking(reading) and not focused:
        return IntentName.RANK
    if match.tied and len(named) >= 2 and match.runner_up not in SMALL_TALK:
        return IntentName.COMPARE  # "A vs B: context and price": the comparison covers both
    if len(named) >= 2 and intent in _FACT_INTENTS and len(_fact_kinds(reading)) >= 2:
        return IntentName.COMPARE  # "compare A and B on context window and price"
    if match.tied and intent not in SMALL_TALK and match.runner_up not in SMALL_TALK:
        return IntentName.CLARIFY
    if (
        intent in {IntentName.MONTHLY_COST, IntentName.OVERVIEW}
        and slots.capability
        and not quantities.has_traffic()
    ):
        intent = IntentName.CAPABILITY  # "tool calls w/ phi4??": no traffic, a capability word
    if (
        intent == IntentName.RECOMMEND
        and slots.capability
        and Role.STRONG_RECOMMEND not in reading.roles
    ):
        intent = IntentName.CAPABILITY
    if intent == IntentName.RECOMMEND and slots.criterion == "cheaper" and _per_token_kind(reading):
        intent = (
            IntentName.PRICING
        )  # "which is cheaper per output token?": the prices, side by side
    priced = match.runner_up == IntentName.PRICING and match.runner_score >= CONFIDENT
    if intent == IntentName.CAPABILITY and slots.capability == "prompt_caching" and priced:
        intent = IntentName.PRICING  # "prompt caching price": the cached-input price
    if intent == IntentName.TRADEOFFS and is_switching(reading.tokens):
        intent = IntentName.SWITCH_FRICTION  # "what do I lose if I switch?" is about the move
    if intent in {
        IntentName.PRICING,
        IntentName.OVERVIEW,
        IntentName.COMPARE,
        IntentName.RECOMMEND,
    } and (quantities.has_traffic() or quantities.budget is not None):
        intent = IntentName.MONTHLY_COST  # traffic, or a budget to spend on it
    if quantities.token_count and (
        intent in {IntentName.OVERVIEW, IntentName.SPECS}
        or (intent in PAIR_INTENTS and len(named) < 2)
    ):
        intent = IntentName.CONTEXT_WINDOW  # "can I fit a 250k token contract into X?"
    if intent == IntentName.OVERVIEW and match.runner_up and match.runner_score >= CONFIDENT:
        intent = match.runner_up
    return _fit_models(parts, intent, match.runner_up, named, memory, reading)


def _fact_kinds(reading: Reading) -> set[str]:
    """The kinds of fact a question asks (context, price, license, capability, specs ...)."""
    kinds = set(reading.fact_kinds)
    slots = reading.slots
    if reading.quantities.token_count or IntentName.CONTEXT_WINDOW in slots.spec_fields:
        kinds.add("context")
    if slots.capabilities:
        kinds.add(IntentName.CAPABILITY)
    if slots.spec_field in CARRIED_SPECS:
        kinds.add(IntentName.SPECS)
    return kinds


def _per_token_kind(reading: Reading) -> bool:
    """'per output token', 'input price': a token price of one kind, not a monthly bill."""
    kind = reading.slots.price_kind
    return kind in {"input", "output", "cached"} and not reading.quantities.has_traffic()


def _provider_follow_up(parts: Parts, memory: Memory, reading: Reading) -> bool:
    """A short follow-up naming only a provider ('and on groq?') about the model in focus."""
    if not memory.models or not is_follow_up(reading):
        return False
    return _names_a_provider(parts, reading)


def _does_that(reading: Reading, memory: Memory) -> bool:
    """'does X do that / that too?': the capability the last turn asked about, for X."""
    if memory.capability is None or reading.slots.capability is not None:
        return False
    return Role.ANAPHOR in reading.roles


def _compares_last(reading: Reading, memory: Memory) -> bool:
    """'which one is bigger/longer/newer?' with no cue of its own: the last question, compared."""
    roles = reading.roles
    if Role.WHICH not in roles or Role.COMPARATIVE not in roles or len(memory.models) < 2:
        return False
    return reading.match.intent is None or reading.match.score < CONFIDENT


def _refers_to_listed(memory: Memory, reading: Reading) -> bool:
    """'which of those/them': a question about the models the last answer listed."""
    return len(memory.last_models) >= 2 and Role.PLURAL in reading.roles


def _swaps_model(memory: Memory, reading: Reading, named: Sequence[str], carry: str | None) -> bool:
    """A switching verb naming one new model in a conversation not about switching.

    "swap to glm-4.6" after a cost question replaces the model and keeps the question;
    "what breaks if I switch to X" still asks about the move.
    """
    if carry is None or carry in PAIR_INTENTS or len(named) != 1:
        return False
    if named[0] in memory.last_models or not is_switching(reading.tokens):
        return False
    return Role.FRICTION not in reading.roles


def _vague(reading: Reading, intent: str) -> bool:
    """An overview cue as weak as 'what is' / 'explain', with no model anywhere: off-topic."""
    return intent == IntentName.OVERVIEW and reading.match.score <= VAGUE_CUE


def _not_about_a_model(reading: Reading) -> bool:
    """No AI-model word and no 'it/this/one' standing for a model: 'where to go for lunch'."""
    return not _about_models(reading) and Role.FOCUS_REF not in reading.roles


def _defines(parts: Parts, reading: Reading) -> bool:
    """A concept question naming no model: 'what is a context window?', 'define RAG'."""
    if Role.DEFINE in reading.roles:
        return True
    if Role.WHAT_IS not in reading.roles:
        return False
    tokens = reading.tokens
    size = next(
        (n for n in range(1, 4) if Role.WHAT_IS in parts.roles.opening.get(tuple(tokens[:n]), ())),
        0,
    )
    return size < len(tokens) and tokens[size] in parts.roles.places[Role.ARTICLE]


def _names_a_provider(parts: Parts, reading: Reading) -> bool:
    """True when the question names a provider (not only a lab): 'through Groq', 'on Azure'."""
    tokens = reading.tokens
    for index, size in ((i, n) for n in (1, 2, 3) for i in range(len(tokens) - n + 1)):
        hit = parts.names.get(tuple(tokens[index : index + size]))
        if hit is None or hit[1] is None:
            continue
        if hit[0] is None or (index and tokens[index - 1] in parts.roles.places[Role.VIA]):
            return True
    return False


def _explicit_follow_up(reading: Reading) -> bool:
    """'and X?', 'how about X instead?': a follow-up that names a model and nothing else."""
    return Role.FOLLOW_UP in reading.roles or Role.INSTEAD in reading.roles


def _no_cue_intent(
    reading: Reading, named: Sequence[str], carry: str | None, memory: Memory
) -> str:
    """No intent cue: follow-up, overview, comparison, cost update, or fallback."""
    if named:
        if carry and is_follow_up(reading):
            return carry
        if reading.quantities.token_count:
            return IntentName.CONTEXT_WINDOW
        if reading.slots.capability and len(named) == 1:
            return IntentName.CAPABILITY  # "does <m> think?": a capability word is the question
        return IntentName.COMPARE if len(named) >= 2 else IntentName.OVERVIEW
    if (reading.quantities.has_traffic() or reading.quantities.budget) and memory.models:
        return IntentName.MONTHLY_COST
    if carry and _resized(memory, reading):
        return carry  # "and a 300K one?" after "will a 150K-token history fit?"
    if carry and reading.slots.capability:
        return IntentName.CAPABILITY
    if carry and _states_slot_of(carry, reading):
        return carry  # "and output?" after an input price
    if reading.currency and memory.models:  # "in euros?": the USD figures, said to be USD
        return (
            carry if carry in {IntentName.PRICING, IntentName.MONTHLY_COST} else IntentName.PRICING
        )
    return IntentName.FALLBACK


def _resized(memory: Memory, reading: Reading) -> bool:
    """A bare size in a follow-up to a 'will N tokens fit' question: a new document size."""
    return bool(memory.token_count and reading.quantities.bare and is_follow_up(reading))


def _states_slot_of(intent: str, reading: Reading) -> bool:
    """True when the message states the slot the intent is about (a price kind, a spec)."""
    slot = _SLOT_OF.get(intent)
    return slot is not None and getattr(reading.slots, slot) is not None


def _fit_models(
    parts: Parts,
    intent: str,
    runner_up: str | None,
    named: Sequence[str],
    memory: Memory,
    reading: Reading,
) -> str:
    """Adjust the intent to the models at hand: rankings need none, answers need some."""
    have_models = bool(named) or bool(memory.models)
    if intent == IntentName.RANK and (
        len(named) >= 2 or (memory.models and Role.PLURAL in reading.roles)
    ):
        return IntentName.RECOMMEND
    need = parts.intents[intent].models if intent in parts.intents else 0
    if need and not named and not memory.models:
        if reading.match.intent and _looks_like_ranking(reading):
            return IntentName.RANK
        if runner_up in SMALL_TALK or (runner_up == IntentName.RANK and _rank_evidence(reading)):
            return runner_up or intent
    if intent in {IntentName.RANK} and named and not _looks_like_ranking(reading):
        if runner_up and runner_up != IntentName.OVERVIEW and reading.match.runner_score >= 2.0:
            need_runner = parts.intents[runner_up].models if runner_up in parts.intents else 0
            if need_runner:  # "cheapest place to get X": the runner-up (providers) fits X
                return runner_up
        return IntentName.OVERVIEW if len(named) == 1 else IntentName.COMPARE
    del have_models
    return intent


def _about_focus(reading: Reading) -> bool:
    """'is it a reasoning model?', 'which one ...': about the models in focus, unless the
    question looks for others ('something', 'another model', 'alternatives')."""
    roles = reading.roles
    return Role.FOCUS_REF in roles and Role.SEEKING not in roles


def _looks_like_ranking(reading: Reading) -> bool:
    """A catalog-wide question: 'models', 'list', 'available', or a price or context filter.

    Any of these needs an AI-model word too: "best laptop under $1500" ranks nothing.
    """
    if Role.PLURAL in reading.roles or not _about_models(reading):
        return False
    q = reading.quantities
    prices = (q.max_price, q.max_input_price, q.max_output_price)
    markers = Role.RANK_MARKER in reading.roles and not _model_numbered(reading.tokens)
    asked = _requires(reading)
    return bool(markers or any(p is not None for p in prices) or q.context_tokens or asked)


def _requires(reading: Reading) -> bool:
    """True when the lexicon read a constraint, an order or a modality from the question."""
    asked = reading.requirements
    return bool(asked.constraints or asked.order or asked.input_modalities)


def _rank_evidence(reading: Reading) -> bool:
    """Something a ranking can use: the word 'model(s)', a capability, a price or context."""
    q = reading.quantities
    prices = (q.max_price, q.max_input_price, q.max_output_price)
    if not _about_models(reading):
        return False
    return bool(
        Role.MODEL_WORD in reading.roles
        or reading.slots.capabilities
        or any(p is not None for p in prices)
        or q.context_tokens
        or _requires(reading)
    )


def _about_models(reading: Reading) -> bool:
    """An AI-model word: model/LLM/AI, a capability, context, tokens, weights, or a
    price per tokens. 'Tesla Model 3' (model + number) is a product name, not the word."""
    roles = reading.roles
    if Role.AI_WORD in roles or reading.slots.capabilities or reading.quantities.context_tokens:
        return True
    if reading.requirements.benchmarks or reading.requirements.input_modalities:
        return True
    return Role.MODEL_WORD in roles and not _model_numbered(reading.tokens)


def _model_numbered(tokens: Sequence[str]) -> bool:
    """'model 3', 'model s': the word model as part of a product name."""
    return any(
        t in {"model", "models"} and i + 1 < len(tokens) and tokens[i + 1].isdigit()
        for i, t in enumerate(tokens)
    )


def _foreign(parts: Parts, reading: Reading) -> bool:
    """Words the assistant knows nothing about ('netflix subscription', 'kubernetes'):
    a question about something else, not one missing its model."""
    vocab = parts.matcher.vocab
    return any(
        len(t) >= 4 and t.isalpha() and t not in vocab and t not in STOPWORDS
        for t in reading.tokens
    )


def _single_model_intent(reading: Reading, intent: str) -> str:
    """A pair intent with one model: answer about that model instead."""
    if intent == IntentName.RECOMMEND and reading.slots.criterion == "cheaper":
        return IntentName.PRICING
    return IntentName.OVERVIEW


def _models(
    parts: Parts, memory: Memory, reading: Reading, intent: str, named: Sequence[str]
) -> tuple[tuple[str, ...], bool]:
    """The models the answer is about, and whether they came from memory."""
    if intent in SMALL_TALK or intent == IntentName.RANK:
        return tuple(named), False
    plural = Role.PLURAL in reading.roles or Role.WHICH in reading.roles
    if not named:
        if intent in PAIR_INTENTS or plural:
            return _group(memory, intent), True
        if memory.last_intent == IntentName.RANK:
            return memory.models[-1:], True  # "its context window" after a list: the top one
        return memory.last_models or memory.models[-1:], True
    return _with_named(memory, reading, intent, tuple(named)), False


def _group(memory: Memory, intent: str) -> tuple[str, ...]:
    """The models a plural follow-up means: every model of the last answer, or the last two."""
    group = memory.last_models if len(memory.last_models) >= 2 else memory.models[-2:]
    if intent in {IntentName.TRADEOFFS, IntentName.SWITCH_FRICTION}:
        return group[:2]
    return group[:MAX_GROUP]


def _with_named(
    memory: Memory, reading: Reading, intent: str, named: tuple[str, ...]
) -> tuple[str, ...]:
    """Named models, completed from memory when a pair is needed or the user swaps one."""
    last = memory.last_models
    if len(named) >= 2 or not last:
        return named
    if Role.INSTEAD in reading.roles and len(last) >= 2:
        return tuple(m for m in last[:-1] if m not in named) + named
    if intent in PAIR_INTENTS:
        others = [m for m in focus_with(memory.models, ()) if m not in named]
        return (others[-1], *named) if others else named
    return named


def _query(
    parts: Parts,
    memory: Memory,
    reading: Reading,
    intent: str,
    models: tuple[str, ...],
    from_memory: bool,
) -> Query:
    """Fill every slot of the Query, inheriting the last turn's slots for follow-ups."""
    slots = reading.slots
    same = intent == memory.last_intent
    stated = reading.quantities.token_count or reading.quantities.context_tokens
    if stated is None and same and _resized(memory, reading):
        stated = reading.quantities.bare
    carried = memory.token_count if same and is_follow_up(reading) else None
    filters = None
    if intent == IntentName.RANK or (
        intent == IntentName.PROVIDERS and _names_a_provider(parts, reading)
    ):
        # for providers, filters.provider says which provider was asked about ("on Groq?")
        filters = build_filters(
            reading.tokens, slots, reading.quantities, parts.names, reading.requirements
        )
    return Query(
        intent=intent,
        text=reading.text,
        models=models,
        models_from_memory=from_memory,
        capability=slots.capability
        or (memory.capability if same or _does_that(reading, memory) else None),
        spec_field=slots.spec_field or (memory.spec_field if same else None),
        spec_fields=slots.spec_fields,
        criterion=slots.criterion or (memory.criterion if same else None),
        price_kind=_price_kind(slots.price_kind, intent) or (memory.price_kind if same else None),
        token_count=stated or carried,
        traffic=apply_traffic(memory.traffic, reading.quantities),
        filters=filters,
        unresolved=reading.unresolved,
        also=_also(reading, intent, models),
        capabilities=slots.capabilities if intent == IntentName.CAPABILITY else (),
        qualifiers=reading.qualifiers,
        language=reading.language,
        unapplied=reading.unapplied if intent not in SMALL_TALK else (),
        polar=Role.POLAR in reading.roles,
        detail=DETAIL_FULL if Role.DETAIL in reading.roles else DETAIL_SUMMARY,
    )


# The answer of each fact kind a question may ask alongside another, in answer order.
_KIND_INTENTS = (
    ("context", IntentName.CONTEXT_WINDOW),
    ("license", IntentName.LICENSE),
    ("price", IntentName.PRICING),
    ("capability", IntentName.CAPABILITY),
    ("specs", IntentName.SPECS),
    ("benchmarks", IntentName.BENCHMARKS),
)


def _also(reading: Reading, intent: str, models: Sequence[str]) -> tuple[str, ...]:
    """Further fact answers a one-model fact question asks ("context and license of X")."""
    if intent not in _FACT_INTENTS or not models:
        return ()
    kinds = _fact_kinds(reading)
    if intent == IntentName.SPECS and IntentName.CONTEXT_WINDOW in reading.slots.spec_fields:
        kinds.discard("context")  # the specs answer shows the window among its fields
    return tuple(name for kind, name in _KIND_INTENTS if kind in kinds and name != intent)


def _price_kind(kind: str | None, intent: str) -> str | None:
    """Price kind only means something for pricing questions."""
    return (
        kind
        if intent in {IntentName.PRICING, IntentName.MONTHLY_COST} and kind != "batch"
        else None
    )


def _clarify(
    kind: str, options: tuple[str, ...], reading: Reading, memory: Memory, intent: str
) -> Clarify:
    """A clarifying question of this kind with these options."""
    query = Query(
        intent=intent,
        text=reading.text,
        models=reading.named or memory.last_models,
        traffic=apply_traffic(memory.traffic, reading.quantities),
    )
    return Clarify(kind=kind, options=options, query=query)
