"""The lexicon as data: ``lexicon/*.toml`` loaded and validated once (a bad file stops start-up).

``fields.toml`` names catalog fields, comparison operators, superlatives and modality words;
``languages.toml`` holds each reply language's marker words and its words mapped to the
English words the reader knows. Code here only builds lookup tables from them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Literal

import msgspec
from rapidfuzz.distance import OSA

from assistant.answers.fields import FIELDS
from assistant.answers.query import Language, Op, Qualifier
from assistant.engine.roles import Roles, load_roles
from assistant.engine.slot_words import read_slot_words
from assistant.errors import LexiconError

MAX_PHRASE = 4
OPERATORS = frozenset(op.value for op in Op)
LANGUAGES = tuple(code.value for code in Language)
_WORDS_RE = re.compile(r"^[a-z0-9][a-z0-9 ]*$")


class FieldWords(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The words naming one field, and scale units that imply it ("8b" -> parameters)."""

    words: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


class OrderWord(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A superlative: its direction and the field it orders by when no field word is near."""

    direction: Literal["asc", "desc"]
    default: str | None = None
    fixed: bool = False  # the word names its field itself ("newest": the release date)

    @property
    def descending(self) -> bool:
        """True for a highest-first order."""
        return self.direction != min(("asc", "desc"))


class WordList(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A plain list of words or phrases."""

    words: tuple[str, ...] = ()


class FieldsFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``fields.toml``."""

    fields: dict[str, FieldWords]
    operators: dict[str, str]
    date_operators: WordList
    orders: dict[str, OrderWord]
    order_by: WordList
    window: WordList = WordList()
    input_modalities: dict[str, tuple[str, ...]] = {}


class LanguageWords(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One language: marker words and its words mapped to English ones."""

    markers: tuple[str, ...]
    words: dict[str, str] = {}


class LanguagesFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``languages.toml``."""

    languages: dict[str, LanguageWords]
    min_markers: int = 2


class RequirementsFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``requirements.toml``: requirement words nothing can apply, and where to look for them."""

    after: tuple[str, ...] = ()
    unsupported: tuple[str, ...] = ()
    filler: tuple[str, ...] = ()


class ReferencesFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """``references.toml``: ordinal words and the words that lead them."""

    ordinals: dict[str, int]
    lead: tuple[str, ...] = ()


Phrases = dict[tuple[str, ...], str]


class Lexicon:
    """Lookup tables built from the lexicon files (phrases as token tuples)."""

    def __init__(
        self,
        fields: FieldsFile,
        languages: LanguagesFile,
        requirements: RequirementsFile | None = None,
        references: ReferencesFile | None = None,
        qualifiers: Mapping[str, Sequence[str]] | None = None,
        roles: Roles | None = None,
    ) -> None:
        self.roles = roles
        self.qualifiers: dict[tuple[str, ...], frozenset[Qualifier]] = {}
        for name, words in (qualifiers or {}).items():
            for word in words:  # a word may carry several ("proprietary": closed, openness)
                key = _key(word)
                self.qualifiers[key] = self.qualifiers.get(key, frozenset()) | {Qualifier(name)}
        refs = references or ReferencesFile(ordinals={})
        self.ordinals = dict(refs.ordinals)
        self.ordinal_lead = frozenset(refs.lead)
        asks = requirements or RequirementsFile()
        self.requirement_after = frozenset(asks.after)
        self.unsupported = frozenset(asks.unsupported)
        self.filler = frozenset(asks.filler)
        self.field_words: Phrases = _phrases(
            {w: name for name, spec in fields.fields.items() for w in spec.words}
        )
        self.unit_fields = {u: name for name, spec in fields.fields.items() for u in spec.units}
        self.operators: Phrases = _phrases(fields.operators)
        self.date_operators = frozenset(_key(w) for w in fields.date_operators.words)
        self.orders: dict[tuple[str, ...], OrderWord] = {
            _key(word): spec for word, spec in fields.orders.items()
        }
        self.order_by = frozenset(_key(w) for w in fields.order_by.words)
        self.window_stops = frozenset(fields.window.words)
        self.triggers: frozenset[str] = frozenset()  # set below, once every table exists
        self.input_modalities: Phrases = _phrases(
            {w: name for name, words in fields.input_modalities.items() for w in words}
        )
        self.min_markers = languages.min_markers
        self.markers = {code: frozenset(lang.markers) for code, lang in languages.languages.items()}
        self.translations: dict[str, Phrases] = {
            code: _phrases(lang.words) for code, lang in languages.languages.items()
        }
        self._patterns = {
            code: _alternation(lang.words) for code, lang in languages.languages.items()
        }
        self._english = {code: dict(lang.words) for code, lang in languages.languages.items()}
        # a language's evidence: its marker words and the words of its own vocabulary that
        # are no English word ("codigo", "kontextfenster"), so short questions count too
        english_words = self.markers.get(Language.EN, frozenset())
        self._evidence = {
            code: marks
            | {
                w
                for key, english in self.translations.get(code, {}).items()
                if english.split() != list(key)  # "open source" = "open source" is no evidence
                for w in key
                if len(w) >= 4
            }
            - english_words
            for code, marks in self.markers.items()
        }
        self._evidence[Language.EN] = english_words
        self._spellable: tuple[str, ...] = ()  # set below
        # the words that can open a constraint, an order or a modality: a question with none
        # of them states no requirement, and the reader skips its scan
        self.triggers = frozenset(
            key[0]
            for table in (self.operators, self.orders, self.input_modalities)
            for key in table
        ) | frozenset(key[0] for key in self.order_by)
        self._spellable = tuple(
            sorted(
                {w for table in (self.operators, self.field_words) for k in table for w in k}
                | {w for k in self.orders for w in k}
            )
        )

    def words(self) -> frozenset[str]:
        """Every single word the lexicon knows (so the reader never calls them unused)."""
        tables: list[Mapping[tuple[str, ...], object]] = [
            self.field_words,
            self.operators,
            self.orders,
            self.input_modalities,
        ]
        found = {w for table in tables for key in table for w in key}
        found |= {w for key in self.order_by | self.date_operators for w in key}
        found |= set(self.unit_fields) | set(self.ordinals) | set(self.filler)
        found |= {w for key in self.qualifiers for w in key}
        if self.roles is not None:
            found |= self.roles.words()
        return frozenset(found)

    def spelled(self, tokens: Sequence[str], known: Collection[str]) -> list[str]:
        """Tokens with a mistyped requirement word put right ("abve" -> "above"): a word
        nobody knows, one edit away from exactly one lexicon word of similar length."""
        out = []
        for token in tokens:
            if len(token) < 4 or not token.isalpha() or token in known:
                out.append(token)
                continue
            near = [w for w in self._spellable if OSA.distance(token, w) == 1]
            out.append(near[0] if len(near) == 1 else token)
        return out

    def language(self, tokens: Sequence[str]) -> str:
        """The language of a question: the one with the most distinct marker words."""
        present = set(tokens)
        counts = {code: len(present & marks) for code, marks in self._evidence.items()}
        english = counts.pop(Language.EN, 0)
        best = max(counts, key=lambda code: (counts[code], code), default=Language.EN)
        if counts.get(best, 0) >= self.min_markers and counts[best] > english:
            return best
        return Language.EN

    def translate_text(self, text: str, language: str) -> str:
        """The text with the language's words (whole words, longest first) in English."""
        pattern = self._patterns.get(language)
        if pattern is None or language == Language.EN:
            return text
        english = self._english[language]
        return pattern.sub(lambda m: english[m.group(0)], text)

    def translate(self, tokens: Sequence[str], language: str) -> list[str]:
        """The tokens with the language's words replaced by their English words."""
        table = self.translations.get(language)
        if not table or language == Language.EN:
            return list(tokens)
        out: list[str] = []
        index = 0
        while index < len(tokens):
            for size in range(min(MAX_PHRASE, len(tokens) - index), 0, -1):
                english = table.get(tuple(tokens[index : index + size]))
                if english is not None:
                    out.extend(english.split())
                    index += size
                    break
            else:
                out.append(tokens[index])
                index += 1
        return out


def _alternation(words: Mapping[str, str]) -> re.Pattern[str] | None:
    """One regex matching any of the phrases as whole words, longest first."""
    if not words:
        return None
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9])")


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split())


def _phrases(table: Mapping[str, str]) -> Phrases:
    return {_key(phrase): value for phrase, value in table.items()}


def _load(path: Path, kind: type[msgspec.Struct]) -> msgspec.Struct:
    """Read one lexicon file into its struct; LexiconError names the file and the problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return msgspec.convert(raw, kind)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise LexiconError(f"lexicon {path.name}: {exc}") from exc


def _check_words(path: Path, words: Sequence[str]) -> None:
    for word in words:
        if not _WORDS_RE.match(word):
            raise LexiconError(f"lexicon {path.name}: {word!r} is not lower-case, accent-free")


def _check(directory: Path, fields: FieldsFile, languages: LanguagesFile) -> None:
    """What the structs cannot say: known field names, operators, languages, word forms."""
    path = directory / "fields.toml"
    for name in fields.fields:
        if name not in FIELDS:
            raise LexiconError(f"lexicon fields.toml: unknown field {name!r}")
    for word, spec in fields.orders.items():
        if spec.default is not None and spec.default not in FIELDS:
            raise LexiconError(f"lexicon fields.toml: order {word!r} names unknown field")
    for word, op in fields.operators.items():
        if op not in OPERATORS:
            raise LexiconError(f"lexicon fields.toml: operator {word!r} = {op!r} is unknown")
    _check_words(path, [w for spec in fields.fields.values() for w in spec.words])
    _check_words(path, [*fields.operators, *fields.orders, *fields.order_by.words])
    langs = directory / "languages.toml"
    for code, lang in languages.languages.items():
        if code not in LANGUAGES:
            raise LexiconError(f"lexicon languages.toml: unsupported language {code!r}")
        _check_words(langs, [*lang.markers, *lang.words, *lang.words.values()])


def load_lexicon(directory: Path) -> Lexicon:
    """Load and validate the lexicon folder; raise LexiconError on any problem."""
    if not directory.is_dir():
        raise LexiconError(f"lexicon folder not found: {directory}")
    fields = _load(directory / "fields.toml", FieldsFile)
    languages = _load(directory / "languages.toml", LanguagesFile)
    asks = _load(directory / "requirements.toml", RequirementsFile)
    assert isinstance(fields, FieldsFile) and isinstance(languages, LanguagesFile)
    refs = _load(directory / "references.toml", ReferencesFile)
    assert isinstance(asks, RequirementsFile) and isinstance(refs, ReferencesFile)
    _check(directory, fields, languages)
    _check_words(directory / "requirements.toml", [*asks.after, *asks.unsupported, *asks.filler])
    _check_words(directory / "references.toml", [*refs.ordinals, *refs.lead])
    read_slot_words(directory)  # slots.toml: checked here so a bad file stops start-up
    quals = _load_qualifiers(directory / "qualifiers.toml")
    try:
        roles = load_roles(directory / "roles.toml")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise LexiconError(f"lexicon roles.toml: {exc}") from exc
    return Lexicon(fields, languages, asks, refs, quals, roles)


def _load_qualifiers(path: Path) -> dict[str, tuple[str, ...]]:
    """``qualifiers.toml``: each Qualifier name -> its words."""
    try:
        raw = msgspec.convert(
            tomllib.loads(path.read_text(encoding="utf-8")), dict[str, tuple[str, ...]]
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise LexiconError(f"lexicon {path.name}: {exc}") from exc
    known = {q.value for q in Qualifier}
    for name, words in raw.items():
        if name not in known:
            raise LexiconError(f"lexicon {path.name}: unknown qualifier {name!r}")
        _check_words(path, words)
    return raw
