"""``lexicon/slots.toml``: the phrases that fill a Query's slots, read and checked.

The slot tables are module constants of ``engine.slots`` (read once at import from the
shipped lexicon folder). A bad file must still stop start-up with one clear message, so the
import keeps empty tables and ``load_lexicon`` (run by the preflight and by Engine.load)
raises the file's ``LexiconError``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import msgspec

from assistant.answers.query import PriceKind
from assistant.catalog.records import CAPABILITIES
from assistant.errors import LexiconError
from assistant.paths import default_lexicon_dir

FILE_NAME = "slots.toml"
SORTS = frozenset({"cheapest", "context", "newest", "benchmark"})
OPENNESS = frozenset({"yes", "no"})


class SlotWords(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Each slot's phrases -> values."""

    capability: dict[str, str] = {}
    spec: dict[str, str] = {}
    context_field: dict[str, str] = {}
    criterion: dict[str, str] = {}
    price_kind: dict[str, str] = {}
    sort: dict[str, str] = {}
    open: dict[str, str] = {}


def read_slot_words(directory: Path) -> SlotWords:
    """Read and check ``slots.toml``; raise LexiconError naming the problem."""
    path = directory / FILE_NAME
    try:
        words = msgspec.convert(tomllib.loads(path.read_text(encoding="utf-8")), SlotWords)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise LexiconError(f"lexicon {FILE_NAME}: {exc}") from exc
    allowed = {
        "capability": frozenset(CAPABILITIES),
        "price_kind": frozenset(kind.value for kind in PriceKind),
        "sort": SORTS,
        "open": OPENNESS,
    }
    for slot, values in allowed.items():
        for phrase, value in getattr(words, slot).items():
            if value not in values:
                raise LexiconError(
                    f"lexicon {FILE_NAME}: [{slot}] {phrase!r} = {value!r} is unknown"
                )
    return words


def load_slot_words() -> SlotWords:
    """The shipped slot words, or empty tables when the file is bad (reported at start-up)."""
    try:
        return read_slot_words(default_lexicon_dir())
    except LexiconError:
        return SlotWords()
