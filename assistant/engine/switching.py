"""Switching questions: the words that make a question about moving between models, and
which of the two models is the one being left ("from") and which the one adopted ("to").

Works on the masked, corrected tokens: each mask stands for a named model, and ordinal
words ("the first", "the latter") stand for the models in focus, in the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.engine.match import MASK

SWITCH_VERBS = frozenset(
    [
        "switch",
        "switching",
        "switched",
        "move",
        "moving",
        "migrate",
        "migrating",
        "migration",
        "swap",
        "swapping",
        "replace",
        "replacing",
        "port",
        "porting",
    ]
)
# The model right after one of these is the one being left.
_SOURCE_MARKERS = frozenset(["from", "off", "replace", "replacing", "replaces", "swap"])
_SOURCE_PAIRS = frozenset([("replacement", "for"), ("instead", "of"), ("away", "from")])
# The model right after one of these is the one adopted.
_TARGET_MARKERS = frozenset(["to", "onto", "into", "with"])
_FILLERS = frozenset(["the", "one", "model", "our", "my", "current"])
ORDINALS = {"first": 0, "former": 0, "second": 1, "latter": 1}


def is_switching(tokens: Sequence[str]) -> bool:
    """True when the question talks about moving from one model to another."""
    return not SWITCH_VERBS.isdisjoint(tokens)


def switch_order(
    tokens: Sequence[str], masked_models: Sequence[str], models: tuple[str, ...]
) -> tuple[str, ...]:
    """The two models as (from, to), read from 'from X to Y', 'replace X with Y', 'the first'."""
    if len(models) != 2:
        return models
    refs = _references(tokens, masked_models, models)
    source = _after_marker(tokens, refs, _is_source_marker)
    if source is None:
        target = _after_marker(tokens, refs, _is_target_marker)
        if target is None:
            return models
        source = models[1] if target == models[0] else models[0]
    other = models[1] if source == models[0] else models[0]
    return (source, other)


def _references(
    tokens: Sequence[str], masked_models: Sequence[str], models: tuple[str, ...]
) -> dict[int, str]:
    """Token position -> model, for each mask and each ordinal word ('the second')."""
    refs: dict[int, str] = {}
    masks = iter(masked_models)
    for index, token in enumerate(tokens):
        if token == MASK:
            model = next(masks, None)
            if model in models:
                refs[index] = model
        elif token in ORDINALS:
            refs[index] = models[ORDINALS[token]]
    return refs


def _is_source_marker(tokens: Sequence[str], index: int) -> bool:
    """True when the word at ``index`` (with the one before it) marks the model being left."""
    word = tokens[index]
    if word in {"of", "for"}:
        return index >= 1 and (tokens[index - 1], word) in _SOURCE_PAIRS
    return word in _SOURCE_MARKERS


def _is_target_marker(tokens: Sequence[str], index: int) -> bool:
    """True when the word at ``index`` marks the model being adopted."""
    return tokens[index] in _TARGET_MARKERS


def _after_marker(
    tokens: Sequence[str], refs: dict[int, str], marks: Callable[[Sequence[str], int], bool]
) -> str | None:
    """The first referenced model that directly follows a marker word (fillers skipped)."""
    for index in sorted(refs):
        k = index - 1
        while k >= 0 and tokens[k] in _FILLERS:
            k -= 1
        if k >= 0 and marks(tokens, k):
            return refs[index]
    return None
