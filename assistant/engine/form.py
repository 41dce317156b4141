"""The form of a question, beyond its intent: does it ask yes or no, does it ask for everything.

Both are read from the words alone (tables below), never from the model names: a question
opening with an auxiliary verb ("is", "can", "does", "ist", "est-ce", "puedo") asks yes or
no; a detail word ("full", "every", "all routes") asks for the whole page or list.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

# Openers of a yes/no question (en, de, fr, es), as the first token of the question.
POLAR_OPENERS = frozenset(
    [
        *("is", "are", "was", "were", "does", "do", "did", "can", "could", "will", "would"),
        *("should", "has", "have", "may", "might", "isn", "doesn", "aren", "won"),
        *("ist", "sind", "kann", "darf", "gibt", "hat", "haben", "läuft", "unterstützt"),
        *("est", "peut", "puis", "peux", "existe"),
        *("es", "está", "puedo", "puede", "tiene", "hay", "soporta"),
    ]
)
# "can I get X?" opens with "can"; "where can I" does not: only the first token counts.

# Words asking for the whole page or the full list rather than the summary.
DETAIL_WORDS = frozenset(
    [
        *("full", "fully", "every", "entire", "whole", "complete", "detailed", "everything"),
        *("vollständig", "vollständige", "vollständigen", "ganze", "ganzen", "alle", "alles"),
        *("complet", "complète", "complets", "entier", "entière", "tous", "toutes", "détaillée"),
        *("completa", "completo", "entera", "todos", "todas", "detallada"),
    ]
)
DETAIL_PHRASES = frozenset([("in", "detail"), ("all", "routes"), ("all", "providers")])


def is_polar(tokens: Sequence[str]) -> bool:
    """True when the question opens like a yes/no question ("Is X open source?")."""
    return bool(tokens) and tokens[0] in POLAR_OPENERS


def detail_of(tokens: Sequence[str]) -> str:
    """ "full" when the question asks for everything ("full comparison"), else "summary"."""
    if not DETAIL_WORDS.isdisjoint(tokens):
        return "full"
    pairs = set(pairwise(tokens))
    return "full" if not DETAIL_PHRASES.isdisjoint(pairs) else "summary"
