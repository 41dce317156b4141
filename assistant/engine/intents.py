"""Intents as data: load and validate ``intents/*.toml`` into frozen structs (a typo fails)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import msgspec

from assistant.answers.query import INTENTS
from assistant.errors import IntentsError

MIN_EXAMPLES = 15
MODEL_SLOTS = ("{model}", "{model_a}", "{model_b}")


class Intent(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One intent: its examples (model names masked), cue phrases with weights, needs, follow-ups.

    ``models`` is how many models the answer needs (0 for catalog-wide or small talk);
    ``slots`` names slots that must be filled ("capability"); ``suggestions`` are follow-up
    questions, where ``{model}`` is replaced by the model in focus.
    """

    name: str
    description: str
    examples: tuple[str, ...]
    cues: dict[str, float] = msgspec.field(default_factory=dict)
    models: int = 1
    slots: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    label: str = ""  # how a clarifying question names it: "the context window"
    question: str = ""  # a full question for a clarifying suggestion, with {model}


def load_intent(path: Path) -> Intent:
    """Read and validate one intents file; raise IntentsError naming the file and problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        intent = msgspec.convert(raw, Intent)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise IntentsError(f"{path.name}: {exc}") from exc
    _check(intent, path)
    return intent


def _check(intent: Intent, path: Path) -> None:
    """Semantic checks msgspec cannot express."""
    if intent.name not in INTENTS:
        raise IntentsError(f"{path.name}: unknown intent name {intent.name!r}")
    if path.stem != intent.name:
        raise IntentsError(f"{path.name}: file name must be {intent.name}.toml")
    if len(set(intent.examples)) < MIN_EXAMPLES:
        raise IntentsError(f"{path.name}: needs >= {MIN_EXAMPLES} distinct examples")
    for phrase, weight in intent.cues.items():
        if not phrase.strip() or phrase != phrase.lower() or not 0 < weight <= 10:
            raise IntentsError(f"{path.name}: bad cue {phrase!r} = {weight}")
    if not 0 <= intent.models <= 2:
        raise IntentsError(f"{path.name}: models must be 0, 1 or 2")


def load_intents(directory: Path) -> tuple[Intent, ...]:
    """Load every ``*.toml`` in a directory, sorted by name; raise IntentsError when none."""
    if not directory.is_dir():
        raise IntentsError(f"intents directory not found: {directory}")
    intents = tuple(load_intent(path) for path in sorted(directory.glob("*.toml")))
    if not intents:
        raise IntentsError(f"no intents files in {directory}")
    names = [intent.name for intent in intents]
    if len(set(names)) != len(names):
        raise IntentsError("an intent is defined twice")
    return intents
