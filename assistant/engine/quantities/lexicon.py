"""The quantities lexicon: ``lexicon/quantities.toml`` loaded, validated, compiled for lookup.

The tables and their checks live in ``schema``; every table is strict (a typo fails the load).

The file names words by role (request, token, period, direction ...) and language; this
module turns it into one table from a folded word to its roles, phrase entries for words
that hold a role only after their companions ("less than", "pro tag"), per-language scale
suffixes, the bounds and the year range. A bad file raises ``LexiconError`` naming it.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

import msgspec
from rapidfuzz import process
from rapidfuzz.distance import OSA
from text_to_num import alpha2digit

from assistant.engine.quantities.roles import Role
from assistant.engine.quantities.schema import LexiconFile, check
from assistant.errors import LexiconError
from assistant.paths import default_lexicon_dir

FILE_NAME = "quantities.toml"
MIN_TYPO_LENGTH = 5  # shorter words are never read as a typo of a lexicon word


def fold(text: str) -> str:
    """Lower case without accents: 'Día' -> 'dia', 'täglich' -> 'taglich'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Lexicon:
    """The compiled lexicon: word -> roles, phrases, periods, scales, bounds, years."""

    def __init__(self, source: LexiconFile) -> None:
        self.languages = source.languages
        self.comma_decimal = frozenset(source.comma_decimal)
        self.bounds = source.bounds
        self.years = source.years
        self.per_month = {name: period.per_month for name, period in source.periods.items()}
        self.scales = {
            lang: {fold(k): v for k, v in table.items()} for lang, table in source.scales.items()
        }
        entries = list(_role_entries(source))
        self.roles: dict[str, frozenset[str]] = _single_words(entries)
        self.phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = _phrases(entries)
        self.language_words = _language_words(entries, source.languages)
        self.not_typo = self._words_of(entries, Role.NOT_TYPO)
        self.half_words = self._words_of(entries, Role.HALF)
        self.parameter_suffixes = self._words_of(entries, Role.PARAMETER_SUFFIX)
        self.period_words = {
            word: self.per_month[period_name(role)]
            for _, word, role in entries
            if " " not in word and period_name(role)
        }
        self.language_of = {word: lang for lang, own in self.language_words.items() for word in own}
        self._own_words = frozenset(self.language_of)
        self.scale_glue = {lang: _glue_pattern(table) for lang, table in self.scales.items()}
        self._vocabulary = tuple(
            sorted(
                w for w, roles in self.roles.items() if len(w) >= MIN_TYPO_LENGTH and w.isalpha()
            )
        )
        self._typo = functools.lru_cache(maxsize=4096)(self._closest)
        self.number_word = functools.lru_cache(maxsize=65536)(self._number_word)

    @staticmethod
    def _words_of(entries: Iterable[tuple[str, str, str]], role: str) -> frozenset[str]:
        """Every word listed for one role."""
        return frozenset(word for _, word, listed in entries if listed == role)

    def roles_of(self, word: str) -> frozenset[str]:
        """The roles of one folded word on its own (phrases are matched by the scanner)."""
        return self.roles.get(word, frozenset())

    def typo_of(self, word: str) -> str | None:
        """The lexicon word this unknown word is a one-letter typo of ('reqests'), or None."""
        if len(word) < MIN_TYPO_LENGTH or word in self.not_typo or not word.isalpha():
            return None
        return self._typo(word)

    def _number_word(self, word: str) -> bool:
        """True when text2num reads this word as (part of) a number in one of the languages
        (asked once per word: the gate that lets number-free questions skip the reader)."""
        for lang in self.languages:
            try:
                if alpha2digit(word, lang, threshold=0) != word:
                    return True
            except Exception:  # a library failure must never take a question down
                return True
        return False

    def _closest(self, word: str) -> str | None:
        """The nearest vocabulary word by edit distance (transpositions count one)."""
        cutoff = 2 if len(word) >= 8 else 1
        found = process.extractOne(word, self._vocabulary, scorer=OSA.distance, score_cutoff=cutoff)
        return None if found is None else str(found[0])

    def language(self, words: Iterable[str]) -> str:
        """The language whose own words appear most in these words; the default on a tie."""
        words = list(words)
        if self._own_words.isdisjoint(words):
            return self.languages[0]
        counts: dict[str, int] = {}
        for word in words:
            lang = self.language_of.get(word)
            if lang is not None:
                counts[lang] = counts.get(lang, 0) + 1
        best = max(counts.values())
        return next(lang for lang in self.languages if counts.get(lang) == best)


def _glue_pattern(scales: Mapping[str, float]) -> re.Pattern[str] | None:
    """'5 million' with the space, for the scale words of three letters or more."""
    words = sorted((re.escape(w) for w in scales if len(w) >= 3), key=len, reverse=True)
    return re.compile(r"(\d)\s+(" + "|".join(words) + r")\b") if words else None


def period_name(role: str) -> str:
    """The period a 'period:<name>' or 'rate:<name>' role names ('day'), else ''."""
    kind, _, name = role.partition(":")
    return name if kind in (Role.PERIOD, Role.RATE) else ""


def _role_entries(source: LexiconFile) -> Iterable[tuple[str, str, str]]:
    """(language, folded word or phrase, role) for every word the file lists."""
    for role, by_lang in msgspec.structs.asdict(source.roles).items():
        for lang, words in by_lang.items():
            for word in words:
                yield lang, fold(word), role
    for name, period in source.periods.items():
        for lang, words in period.words.items():
            for word in words:
                yield lang, fold(word), f"{Role.PERIOD}:{name}"
                yield lang, fold(word), Role.PERIOD
        for lang, words in period.rates.items():
            for word in words:
                yield lang, fold(word), f"{Role.RATE}:{name}"
                yield lang, fold(word), Role.RATE
    for lang, table in source.scales.items():
        for word in table:
            yield lang, fold(word), Role.SCALE


def _single_words(entries: Iterable[tuple[str, str, str]]) -> dict[str, frozenset[str]]:
    """Roles of one-word entries."""
    table: dict[str, set[str]] = {}
    for _, word, role in entries:
        if " " not in word:
            table.setdefault(word, set()).add(role)
    return {word: frozenset(roles) for word, roles in table.items()}


def _phrases(
    entries: Iterable[tuple[str, str, str]],
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Phrase entries keyed by their last word: (the words before it, role), longest first."""
    table: dict[str, set[tuple[tuple[str, ...], str]]] = {}
    for _, phrase, role in entries:
        words = tuple(phrase.split())
        if len(words) > 1:
            table.setdefault(words[-1], set()).add((words[:-1], role))
    return {
        last: tuple(sorted(found, key=lambda entry: (-len(entry[0]), entry)))
        for last, found in table.items()
    }


def _language_words(
    entries: Iterable[tuple[str, str, str]], languages: tuple[str, ...]
) -> dict[str, frozenset[str]]:
    """For each non-default language, its words that no other language lists."""
    owners: dict[str, set[str]] = {}
    for lang, phrase, _ in entries:
        for word in phrase.split():
            owners.setdefault(word, set()).add(lang)
    return {
        lang: frozenset(w for w, langs in owners.items() if langs == {lang} and w.isalpha())
        for lang in languages[1:]
    }


def load_lexicon(path: Path) -> Lexicon:
    """Read and validate one quantities lexicon file; raise LexiconError naming the problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        source = msgspec.convert(raw, LexiconFile)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise LexiconError(f"{path.name}: {exc}") from exc
    check(source, path.name)
    return Lexicon(source)


@functools.cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon (``lexicon/quantities.toml``), loaded once."""
    return load_lexicon(default_lexicon_dir() / FILE_NAME)
