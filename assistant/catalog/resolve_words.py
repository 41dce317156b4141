"""Word-level repairs before resolving: spelled-out versions and mistyped family words.

* ``spell_versions``: number words right after a model-name word become digits
  ("gpt five" -> "gpt 5", "sonnet four point five" -> "sonnet 4.5"); a number word
  anywhere else ("the first one", "top three") is left alone.
* ``FamilyWords``: the first words of catalog names ("mistral", "command", "claude",
  "deepseek") and a one-edit index over them, so a mistyped family word with no digit
  ("mistrall large", "comand r plus", "calude") can be repaired before the exact pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from rapidfuzz.distance import OSA

from assistant.catalog import names

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUMBER = "|".join(_UNITS)
_SPELLED = re.compile(rf"\b([a-z][a-z0-9]*)([ -])({_NUMBER})(?:(?: point |\.| dot )({_NUMBER}))?\b")
_MAY_SPELL = re.compile(rf"\b(?:{_NUMBER})\b")
MIN_FAMILY_WORD = 5  # shorter words are too easily one edit from an everyday word
MIN_FAMILY_NAMES = 3  # a family word starts at least this many catalog names


def spell_versions(text: str, is_name_word: Callable[[str], bool]) -> str:
    """Digits for number words that follow a model-name word ("gpt five" -> "gpt 5")."""
    if not _MAY_SPELL.search(text):
        return text

    def digits(match: re.Match[str]) -> str:
        word, gap, whole, part = match.groups()
        if not is_name_word(word):
            return match.group(0)
        version = str(_UNITS[whole]) + (f".{_UNITS[part]}" if part else "")
        return f"{word}{gap}{version}"

    return _SPELLED.sub(digits, text)


class FamilyWords:
    """The first words of catalog names, and their one-deletion keys, for typo repair."""

    def __init__(self, first_words: Iterable[str]) -> None:
        counts = Counter(first_words)
        self.words = {
            w: n
            for w, n in counts.items()
            if n >= MIN_FAMILY_NAMES
            and len(w) >= MIN_FAMILY_WORD
            and w.isalpha()
            and w not in names.ENGLISH_WORDS
        }
        index: dict[str, set[str]] = {}
        for word in self.words:
            for key in names.deletes(word) | {word}:
                index.setdefault(key, set()).add(word)
        self._index = {k: tuple(sorted(v)) for k, v in index.items()}

    def repair(self, atom: str) -> str | None:
        """The family word one edit away from a mistyped atom, or None."""
        if len(atom) < MIN_FAMILY_WORD or not atom.isalpha() or atom in names.ENGLISH_WORDS:
            return None
        found: set[str] = set()
        for key in names.deletes(atom) | {atom}:
            found.update(self._index.get(key, ()))
        close = [w for w in found if OSA.distance(atom, w) == 1]
        if not close:
            return None
        return max(close, key=lambda w: (self.words[w], w))
