"""Slots from words: capability, spec field, recommendation criterion, price kind, filters.

Each table maps a phrase (as a tuple of tokens of the masked question) to a slot value;
a slot takes the value of its first phrase in the question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec

from assistant.answers.query import Filters
from assistant.catalog.kinds import kind_words
from assistant.catalog.licenses import aspect_words
from assistant.engine.constraints import Requirements
from assistant.engine.match import ngrams
from assistant.engine.numbers import Quantities
from assistant.engine.slot_words import load_slot_words


def _table(spec: Mapping[str, str]) -> dict[tuple[str, ...], str]:
    """Phrase table keyed by token tuples."""
    return {tuple(phrase.split()): value for phrase, value in spec.items()}


_FILE = load_slot_words()
CAPABILITY_WORDS = _table(_FILE.capability)
SPEC_WORDS = _table(_FILE.spec)
# Words naming the context window, for questions asking it along with specs.
CONTEXT_FIELD_WORDS = _table(_FILE.context_field)
_FIELD_WORDS = {**SPEC_WORDS, **CONTEXT_FIELD_WORDS}
# Spec fields the catalog carries; any other spec_field is a fact it never has.
CARRIED_SPECS = frozenset(
    ["release_date", "parameters", "architecture", "knowledge_cutoff", "max_output", "status"]
)
CRITERION_WORDS = _table(_FILE.criterion)
PRICE_KIND_BATCH = "batch"  # the batch-API price kind: a monthly bill never assumes it
PRICE_KIND_WORDS = _table(_FILE.price_kind)
SORT_WORDS = _table(_FILE.sort)
OPEN_WORDS = _table(_FILE.open)


# Kind words ("embedding", "text to speech") live in assistant/catalog/kinds.toml, license
# term words ("commercially", "fine tune") in assistant/catalog/licenses.toml.
KIND_WORDS = _table(kind_words())
LICENSE_ASPECT_WORDS = _table(aspect_words())


class Slots(msgspec.Struct, frozen=True, kw_only=True):
    """Slot values found in one question (None = not stated)."""

    capability: str | None = None
    capabilities: tuple[str, ...] = ()
    spec_field: str | None = None
    spec_fields: tuple[str, ...] = ()  # every field asked when several (context included)
    criterion: str | None = None
    price_kind: str | None = None


def find_all(tokens: Sequence[str], table: Mapping[tuple[str, ...], str]) -> list[str]:
    """Values of every phrase of the table found, in question order, longest phrase first."""
    return [value for _, _, value in sorted(_hits(tokens, table))]


def _hits(
    tokens: Sequence[str], table: Mapping[tuple[str, ...], str]
) -> list[tuple[int, int, str]]:
    """(start, end, value) of non-overlapping phrase hits, longer phrases taking precedence."""
    found: list[tuple[int, int, str]] = []
    count = len(tokens)
    for size in (3, 2, 1):
        for start in range(count - size + 1):
            value = table.get(tuple(tokens[start : start + size]))
            if value is None:
                continue
            for s, e, _ in found:
                if s <= start < e or s < start + size <= e:
                    break
            else:
                found.append((start, start + size, value))
    return found


def find_first(tokens: Sequence[str], table: Mapping[tuple[str, ...], str]) -> str | None:
    """Value of the first phrase of the table found in the question."""
    found = _hits(tokens, table)
    return min(found)[2] if found else None


_SLOT_TABLES = {
    "capability": CAPABILITY_WORDS,
    "spec_field": SPEC_WORDS,
    "criterion": CRITERION_WORDS,
    "price_kind": PRICE_KIND_WORDS,
}
_ANY_SLOT_WORD = frozenset(word for table in _SLOT_TABLES.values() for key in table for word in key)
SLOT_WORDS = _ANY_SLOT_WORD | frozenset(w for t in (SORT_WORDS, OPEN_WORDS) for k in t for w in k)


def extract_slots(tokens: Sequence[str]) -> Slots:
    """Every slot the words of the question state."""
    if _ANY_SLOT_WORD.isdisjoint(tokens):
        return Slots()
    capabilities = tuple(dict.fromkeys(find_all(tokens, CAPABILITY_WORDS)))
    return Slots(
        capability=capabilities[0] if capabilities else None,
        capabilities=capabilities,
        spec_field=_spec_field(tokens),
        spec_fields=_spec_fields(tokens),
        criterion=find_first(tokens, CRITERION_WORDS),
        price_kind=find_first(tokens, PRICE_KIND_WORDS),
    )


_COMPARATIVE_SPECS = frozenset([("newer",), ("older",)])


def _spec_field(tokens: Sequence[str]) -> str | None:
    """The spec field asked; 'newer/older' mean the release date only when nothing else is
    named ('which has a newer knowledge cutoff' is about the cutoff)."""
    found = sorted(_hits(tokens, SPEC_WORDS))
    named = [h for h in found if tuple(tokens[h[0] : h[1]]) not in _COMPARATIVE_SPECS]
    chosen = named or found
    return chosen[0][2] if chosen else None


def _spec_fields(tokens: Sequence[str]) -> tuple[str, ...]:
    """Every field asked, in question order, when there are two or more ('parameter count
    and context length'); comparative words ('newer') only count alone."""
    found = sorted(_hits(tokens, _FIELD_WORDS))
    named = [h[2] for h in found if tuple(tokens[h[0] : h[1]]) not in _COMPARATIVE_SPECS]
    fields = tuple(dict.fromkeys(named))
    if len(fields) < 2 or any(f not in CARRIED_SPECS | {"context_window"} for f in fields):
        return ()  # one field, or one the catalog never carries (answered as such)
    return fields


FIELDS_CONTEXT = "context_window"  # the catalog field a bare size bounds


def build_filters(
    tokens: Sequence[str],
    slots: Slots,
    quantities: Quantities,
    names: Mapping[tuple[str, ...], tuple[str | None, str | None]],
    requirements: Requirements | None = None,
) -> Filters:
    """Filters for a catalog-wide ranking question; ``names`` maps lab/provider words to ids.

    ``requirements`` adds the constraints, order and modalities read with the lexicon; a
    context bound the quantities already read is kept once.
    """
    asked = requirements or Requirements()
    constraints = asked.constraints
    # The lexicon's reading is the authority on every number it used: the quantities'
    # context bound counts only for a number no constraint took ("open with 128K+").
    taken = {v for c in constraints for v in (c.value, c.upper) if v is not None}
    fields = {c.field for c in constraints}
    min_context = quantities.context_tokens if FIELDS_CONTEXT not in fields else None
    if min_context is not None and min_context in taken:
        min_context = None
    if min_context is None and not constraints and FIELDS_CONTEXT not in fields:
        min_context = quantities.bare
    openness = find_first(tokens, OPEN_WORDS)
    lab, provider = _lab_and_provider(tokens, names)
    max_in = quantities.max_input_price
    max_out = quantities.max_output_price
    if quantities.max_price is not None and max_in is None and max_out is None:
        max_in = max_out = quantities.max_price
    kinds = _hits(tokens, KIND_WORDS)
    return Filters(
        capabilities=_outside(tokens, slots.capabilities, kinds),
        min_context=min_context,  # "open with 128K+"
        max_input_price=max_in,
        max_output_price=max_out,
        open_weights=None if openness is None else openness == "yes",
        lab=lab,
        provider=provider,
        kind=min(kinds)[2] if kinds else None,
        max_memory_gb=quantities.memory_gb,
        sort=_sort(tokens, slots.criterion),
        limit=min(quantities.limit or 5, 25),
        constraints=constraints,
        input_modalities=asked.input_modalities,
        order=asked.order,
    )


def _outside(
    tokens: Sequence[str], capabilities: tuple[str, ...], spans: list[tuple[int, int, str]]
) -> tuple[str, ...]:
    """The capabilities stated outside kind phrases ("image generation" is no vision ask)."""
    if not spans:
        return capabilities
    inside = {v for s, e, v in _hits(tokens, CAPABILITY_WORDS)
              if any(ks <= s and e <= ke for ks, ke, _ in spans)}  # fmt: skip
    outside = {v for s, e, v in _hits(tokens, CAPABILITY_WORDS)
               if not any(ks <= s and e <= ke for ks, ke, _ in spans)}  # fmt: skip
    return tuple(c for c in capabilities if c not in inside or c in outside)


_QUALITY_WORDS = frozenset(["good", "great", "strong", "solid", "decent", "capable", "recommend"])


def _sort(tokens: Sequence[str], criterion: str | None = None) -> str:
    """How to order a ranking: cheapest unless the question says otherwise.

    "top 3" / "best 2" size the list; another sort word after them orders it
    ("best 2 cheap models" is cheapest first). With no sort word, a quality word ("a good
    model") or the coding criterion orders by benchmark score, as "best" does.
    """
    hits = sorted(_hits(tokens, SORT_WORDS))
    if not hits and (criterion == "coding" or not _QUALITY_WORDS.isdisjoint(tokens)):
        return "benchmark"
    sizing = [h for h in hits if h[2] == "benchmark" and _counted(tokens, h[1])]
    ordering = [h for h in hits if h not in sizing] or sizing
    found = ordering[0][2] if ordering else None
    if found == "context" or (found == "benchmark" and "context" in tokens):
        return "context"
    return found or "cheapest"


def _counted(tokens: Sequence[str], end: int) -> bool:
    """True when a number follows position ``end`` ("top 3", "best 2")."""
    return end < len(tokens) and tokens[end].isdigit()


_PROVIDER_BEFORE = frozenset(["on", "via", "through", "at", "thru"])
_SERVED = frozenset(["serve", "served", "serves", "hosted", "offered", "sold", "run", "routed"])


def _lab_and_provider(
    tokens: Sequence[str], names: Mapping[tuple[str, ...], tuple[str | None, str | None]]
) -> tuple[str | None, str | None]:
    """A lab ("from anthropic", "openai models", "by google") and a provider ("on groq").

    A provider needs "on/through/via/at <name>" or "served/hosted by <name>", unless the
    name is only a provider; a name that is both a lab and a provider is otherwise a lab.
    """
    lab = provider = None
    for gram in ngrams(tokens, 3):
        hit = names.get(gram)
        if hit is None:
            continue
        lab_id, provider_id = hit
        if provider_id and (lab_id is None or _served_there(tokens, _index_of(tokens, gram))):
            provider = provider or provider_id
        elif lab_id:
            lab = lab or lab_id
    return lab, provider


def _served_there(tokens: Sequence[str], index: int) -> bool:
    """True when the words before position ``index`` say where a model runs, not who made it."""
    previous = tokens[index - 1] if index >= 1 else ""
    if previous in _PROVIDER_BEFORE:
        return True
    return previous == "by" and index >= 2 and tokens[index - 2] in _SERVED


def _index_of(tokens: Sequence[str], gram: tuple[str, ...]) -> int:
    """Start index of the first occurrence of an n-gram."""
    size = len(gram)
    for start in range(len(tokens) - size + 1):
        if tuple(tokens[start : start + size]) == gram:
            return start
    return -1
