"""Understanding one message: resolve models, mask them, read numbers and slots, pick an intent.

The result is either a filled ``Query`` for an answer, or a ``Clarify`` (a short question
back, with the options as suggestions). Uses the conversation's memory for follow-ups.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any, Protocol

import msgspec

from assistant.answers.query import IntentName, Language, Qualifier, Query
from assistant.catalog.names import STOPWORDS
from assistant.engine.constraints import Requirements, read_requirements, tokens_of
from assistant.engine.currency import named_currency
from assistant.engine.intents import Intent
from assistant.engine.lexicon import Lexicon
from assistant.engine.match import MASK, IntentMatch, Matcher, tokenize
from assistant.engine.normalise import fold_accents, normalise
from assistant.engine.numbers import Quantities, parse_quantities
from assistant.engine.roles import Role, Roles
from assistant.engine.slots import Slots, extract_slots

SMALL_TALK = frozenset(
    {IntentName.GREETING, IntentName.HELP, IntentName.THANKS, IntentName.FALLBACK}
)
PAIR_INTENTS = frozenset(
    {IntentName.COMPARE, IntentName.TRADEOFFS, IntentName.SWITCH_FRICTION, IntentName.RECOMMEND}
)
AMBIGUOUS_GAP = 1.5  # a runner-up model this close to the best match makes a mention ambiguous
_NAME_LIKE = re.compile(r"\b([a-z][a-z]+(?:[- ]?[a-z]+)?[- ]?\d+(?:\.\d+)?[a-z]*(?:[- ][a-z]+)?)\b")


class Resolving(Protocol):
    """The resolver interface the engine relies on."""

    def resolve_models(self, text: str) -> tuple[Any, ...]:
        """Model mentions found in the text."""


class Clarify(msgspec.Struct, frozen=True, kw_only=True):
    """A clarifying question: what kind of options (intents or models) and which."""

    kind: str  # "intent" | "model" | "which_model"
    options: tuple[str, ...]
    query: Query


class Parts:
    """Everything understanding needs, built once at load."""

    def __init__(
        self,
        resolver: Resolving,
        matcher: Matcher,
        intents: Mapping[str, Intent],
        names: Mapping[tuple[str, ...], tuple[str | None, str | None]],
        lexicon: Lexicon,
        benchmarks: Mapping[tuple[str, ...], str],
    ) -> None:
        self.resolver = resolver
        self.matcher = matcher
        self.intents = intents
        self.names = names
        self.lexicon = lexicon
        self.benchmarks = benchmarks
        if lexicon.roles is None:
            raise ValueError("the lexicon has no roles table")
        self.roles: Roles = lexicon.roles
        self.name_words: Mapping[str, tuple[str, ...]] = {}  # filled by the engine
        # the question words of every language: never parts of an unknown model's name
        self.words = frozenset(matcher.vocab) | frozenset(
            w for table in lexicon.translations.values() for key in table for w in key
        )
        # every word some part of understanding can use: a question's other content words
        # are requirements nothing applies, and the reply names them
        self.known = (
            frozenset(matcher.vocab)
            | lexicon.words()
            | frozenset(STOPWORDS)
            | frozenset(w for marks in lexicon.markers.values() for w in marks)
            | frozenset(w for key in names for w in key)
            | frozenset(w for key in benchmarks for w in key)
        )


class Reading(msgspec.Struct, frozen=True, kw_only=True):
    """What the words of one message say, before memory is consulted."""

    text: str
    masked: str
    tokens: tuple[str, ...]
    named: tuple[str, ...]
    masked_models: tuple[str, ...]  # the model of each mask in the tokens, in order
    ambiguous: tuple[str, ...]
    unresolved: tuple[str, ...]
    quantities: Quantities
    slots: Slots
    match: IntentMatch
    currency: str | None = None  # a non-USD currency asked for ("in euros?")
    language: str = Language.EN
    requirements: Requirements = Requirements()
    unapplied: tuple[str, ...] = ()  # content words no part of understanding knows
    qualifiers: frozenset[Qualifier] = frozenset()
    roles: frozenset[Role] = frozenset()  # what the question's words do (see roles.toml)
    fact_kinds: frozenset[str] = frozenset()  # fact kinds named ("context", "license")


# A dollar sign with no amount after it ("gpt-5 $?", "$$") asks the price.
_BARE_DOLLAR = re.compile(r"\$+(?!\s*[\d.])")


def read(parts: Parts, text: str) -> Reading:
    """Normalise, resolve, mask, and read numbers, slots and the intent match."""
    norm = _spelled(parts.resolver, normalise(text))
    mentions = _mentions(parts.resolver, norm)
    masked, masked_models = _mask(norm, mentions)
    spoken = masked  # as typed: the quantities reader reads number words with accents
    masked = fold_accents(masked)
    language = parts.lexicon.language(tokenize(masked))
    masked = parts.lexicon.translate_text(masked, language)
    typed = tokenize(_BARE_DOLLAR.sub(" price ", masked))
    tokens = tuple(parts.matcher.correct(typed))
    named = tuple(dict.fromkeys(str(m.model_id) for m in mentions))
    words = parts.matcher.correct(parts.lexicon.spelled(tokens_of(masked), parts.known))
    match = parts.matcher.match(tokens, masked)
    # German capitalises every noun: capitals say nothing about names outside English
    said = text if language == Language.EN else fold_accents(norm)
    unresolved = () if len(named) > 1 else _unresolved(parts, said, masked)
    requirements = read_requirements(words, parts.lexicon, parts.benchmarks)
    return Reading(
        text=norm,
        masked=masked,
        tokens=tokens,
        named=named,
        masked_models=masked_models,
        ambiguous=_ambiguity(mentions) or _family_word(parts, typed, named, match, unresolved),
        unresolved=unresolved,
        quantities=_untaken(parse_quantities(spoken), requirements),
        slots=extract_slots(tokens),
        match=match,
        currency=named_currency(norm, tokens),
        language=language,
        requirements=requirements,
        unapplied=_unknown_words(parts, typed),
        qualifiers=_qualifiers(parts.lexicon, tokens),
        roles=parts.roles.of(tokens),
        fact_kinds=frozenset(parts.roles.kinds(tokens)),
    )


# Quantities a constraint's number may also look like (a year as tokens, "8192 output
# tokens" as a request size): a number the lexicon's reading used is no traffic figure.
_SIZE_FIELDS = (
    "token_count",
    "context_tokens",
    "input_tokens",
    "output_tokens",
    "requests_per_month",
    "monthly_input_tokens",
    "monthly_output_tokens",
    "bare",
)


def _untaken(quantities: Quantities, requirements: Requirements) -> Quantities:
    """The quantities without the numbers the requirements took."""
    taken = {v for c in requirements.constraints for v in (c.value, c.upper) if v is not None}
    if not taken:
        return quantities
    cleared = {
        name: None
        for name in _SIZE_FIELDS
        if getattr(quantities, name, None) is not None and getattr(quantities, name) in taken
    }
    return msgspec.structs.replace(quantities, **cleared) if cleared else quantities


def _qualifiers(lexicon: Lexicon, tokens: Sequence[str]) -> frozenset[Qualifier]:
    """The qualifiers the question's words state ("free", "active", "closed")."""
    found: set[Qualifier] = set()
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            found.update(lexicon.qualifiers.get(tuple(tokens[start : start + size]), ()))
    return frozenset(found)


def _family_word(
    parts: Parts,
    typed: Sequence[str],
    named: Sequence[str],
    match: IntentMatch,
    unresolved: Sequence[str],
) -> tuple[str, ...]:
    """The candidates of a name word left unresolved ("opus", "sonnet"): the catalog has
    several models of that name, so the reply asks which one instead of guessing.

    Only in a question about a model (an intent cue that is not small talk), never for a
    versioned name the catalog lacks ("sonnet 7": that is an unknown model, said so).
    """
    if unresolved or match.intent is None or match.intent in SMALL_TALK | {IntentName.RANK}:
        return ()
    strange = [w for w in typed if len(w) >= 4 and w.isalpha() and w not in parts.known]
    for index, word in enumerate(typed):
        candidates = parts.name_words.get(word)
        versioned = index + 1 < len(typed) and typed[index + 1][:1].isdigit()
        if not candidates or versioned or set(candidates) & set(named):
            continue
        if any(other not in parts.name_words for other in strange):
            return ()  # "Claude Monet's paintings": other words say it is about something else
        return candidates
    return ()


def _unknown_words(parts: Parts, typed: Sequence[str]) -> tuple[str, ...]:
    """Requirement words no part of understanding can apply (see lexicon/requirements.toml):
    an unsupported requirement ("fast", "hallucination"), or a word no table knows that
    follows a requirement word ("for a laptop"); spelling correction had its chance."""
    lex, known = parts.lexicon, parts.known
    found = []
    for index, word in enumerate(typed):
        if word in lex.filler or not word.isalpha() or len(word) < 4:
            continue
        if word in lex.unsupported:
            found.append(word)
            continue
        if word in known or parts.matcher.correct([word]) != [word]:
            continue
        if not lex.requirement_after.isdisjoint(typed[max(0, index - 3) : index]):
            found.append(word)
    return tuple(dict.fromkeys(found))


def _spelled(resolver: Resolving, text: str) -> str:
    """Number words after a model-name word as digits ("gpt five" -> "gpt 5"), if supported."""
    spell = getattr(resolver, "spell_versions", None)
    if not callable(spell):
        return text
    try:
        return str(spell(text))
    except Exception:  # a resolver bug must not take a conversation down
        return text


def _mentions(resolver: Resolving, text: str) -> tuple[Any, ...]:
    """Resolver mentions, sorted by position; none when the resolver fails."""
    try:
        found = resolver.resolve_models(text)
    except Exception:  # a resolver bug must not take a conversation down
        return ()
    return tuple(sorted(found, key=lambda mention: mention.start))


def _mask(text: str, mentions: Sequence[Any]) -> tuple[str, tuple[str, ...]]:
    """The text with every model mention replaced by the mask token, and each mask's model."""
    pieces, last, models = [], 0, []
    for mention in mentions:
        if mention.start < last:
            continue
        pieces.append(text[last : mention.start])
        pieces.append(f" {MASK} ")
        models.append(str(mention.model_id))
        last = mention.end
    pieces.append(text[last:])
    return "".join(pieces), tuple(models)


def _ambiguity(mentions: Sequence[Any]) -> tuple[str, ...]:
    """Two model ids when a single mention is a near tie between them, else ()."""
    if len(mentions) != 1:
        return ()
    mention = mentions[0]
    if mention.score >= 100:
        return ()
    for candidate in getattr(mention, "candidates", ()):
        if (
            candidate.model_id != mention.model_id
            and candidate.score >= mention.score - AMBIGUOUS_GAP
        ):
            return (str(mention.model_id), str(candidate.model_id))
    return ()


class _Known(Collection[str]):
    """The question words of every language, and any word spelling correction maps to one
    ("abve" is "above" mistyped, not half of an unknown model's name)."""

    def __init__(self, parts: Parts) -> None:
        self._parts = parts

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        parts = self._parts
        return word in parts.words or parts.matcher.correct([word]) != [word]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts.words)

    def __len__(self) -> int:
        return len(self._parts.words)


def _unresolved(parts: Parts, original: str, masked: str) -> tuple[str, ...]:
    """Names that look like model names but are not in the catalog ("Claude Mega 7").

    The resolver finds them; the matcher's vocabulary tells it which lowercase words are
    ordinary question words ("top 5" is no model, "zorblax 12" may be).
    """
    if _NAME_LIKE.search(masked) is None:  # cheap gate: no word-with-digits, no unknown name
        return ()
    helper = getattr(parts.resolver, "unresolved_names", None)
    if not callable(helper):
        return ()
    try:
        found = [str(name) for name in helper(original, _Known(parts))]
    except Exception:  # a resolver bug must not take a conversation down
        return ()
    return tuple(dict.fromkeys(found))
