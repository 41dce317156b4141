"""Word roles as data: ``lexicon/roles.toml`` read into tables, and the roles of a question.

A role says what a word does in a question ("those" refers to a list, "instead" swaps a
model, "than" compares); the turn decision asks for roles, never for literal words.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path

import msgspec

MAX_PHRASE = 4


class Role(StrEnum):
    """What a word does in a question."""

    PLURAL = "plural"
    INSTEAD = "instead"
    RANK_MARKER = "rank_marker"
    SEEKING = "seeking"
    FOCUS_REF = "focus_ref"
    MODEL_WORD = "model_word"
    AI_WORD = "ai_word"
    STRONG_RECOMMEND = "strong_recommend"
    ANAPHOR = "anaphor"
    COMPARATIVE = "comparative"
    REVERSE = "reverse"
    FRICTION = "friction"
    WHICH = "which"
    THAN = "than"
    QUALITY = "quality"
    DETAIL = "detail"
    POLAR = "polar"
    FOLLOW_UP = "follow_up"
    DEFINE = "define"
    WHAT_IS = "what_is"
    THAN_FOCUS = "than_focus"
    VIA = "via"
    ARTICLE = "article"


class RolesFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``roles.toml``."""

    anywhere: dict[str, tuple[str, ...]]
    opening: dict[str, tuple[str, ...]]
    places: dict[str, tuple[str, ...]]
    fact_kinds: dict[str, tuple[str, ...]]
    counts: dict[str, int]


class Roles:
    """The role tables: phrases (token tuples) -> role, by where they count."""

    def __init__(self, spec: RolesFile) -> None:
        self.anywhere = _table(spec.anywhere)
        self.opening = _table(spec.opening)
        self.places = {Role(name): frozenset(words) for name, words in spec.places.items()}
        self.fact_kinds = {
            (word,): kind for kind, words in spec.fact_kinds.items() for word in words
        }
        self.counts = dict(spec.counts)

    def of(self, tokens: Sequence[str]) -> frozenset[Role]:
        """Every role whose words occur in the tokens, and the opening roles at their start."""
        found: set[Role] = set()
        count = len(tokens)
        for size in range(1, MAX_PHRASE + 1):
            for start in range(count - size + 1):
                found.update(self.anywhere.get(tuple(tokens[start : start + size]), ()))
            found.update(self.opening.get(tuple(tokens[:size]), ()))
        return frozenset(found)

    def kinds(self, tokens: Sequence[str]) -> set[str]:
        """The fact kinds the tokens name."""
        return {kind for token in tokens if (kind := self.fact_kinds.get((token,)))}

    def words(self) -> frozenset[str]:
        """Every word of every role."""
        tables: list[Mapping[tuple[str, ...], object]] = [self.anywhere, self.opening]
        found = {w for table in tables for key in table for w in key}
        found |= {w for words in self.places.values() for w in words}
        return frozenset(found)


def _table(spec: Mapping[str, Sequence[str]]) -> dict[tuple[str, ...], tuple[Role, ...]]:
    table: dict[tuple[str, ...], tuple[Role, ...]] = {}
    for name, words in spec.items():
        role = Role(name)
        for word in words:
            key = tuple(word.split())
            table[key] = (*table.get(key, ()), role)
    return table


def load_roles(path: Path) -> Roles:
    """Read and validate ``roles.toml``; ValueError (wrapped by the lexicon) on a problem."""
    raw = msgspec.convert(tomllib.loads(path.read_text(encoding="utf-8")), RolesFile)
    known = {role.value for role in Role}
    for table in (raw.anywhere, raw.opening, raw.places):
        for name in table:
            if name not in known:
                raise ValueError(f"unknown role {name!r}")
    return Roles(raw)
