"""Replies in the user's language: the gettext catalogs (Babel) and the language being answered in.

Answer sentences are written in English as gettext message ids with named fields
(``t("Yes: {count} tracked routes.", count=59)``); ``pybabel`` extracts them into
``assistant/i18n/assistant.pot`` and the translations live in
``assistant/i18n/locale/<lang>/LC_MESSAGES/assistant.po`` (compiled ``.mo`` files are
committed, so an installed package carries them). Figures and model names are filled in
unchanged; a message without a translation stays English.

The language is set for the span of one answer by ``localised`` (a context variable, as
Django's ``translation.override`` does) so that the sentence helpers deep inside the
answers need no language argument of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from babel.support import NullTranslations, Translations

DOMAIN = "assistant"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT = "en"
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es")

_current: ContextVar[str] = ContextVar("assistant_language", default=DEFAULT)

R = TypeVar("R")


@functools.lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> NullTranslations:
    """The compiled catalog of a language (English, the message ids, when there is none)."""
    if language == DEFAULT or language not in LANGUAGES:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


def N_(message: str) -> str:  # the gettext convention's name for "mark, translate later"
    """Mark a constant message for extraction; ``t(CONSTANT)`` translates it when used."""
    return message


def current() -> str:
    """The language of the answer being composed ("en" outside any ``speaking``)."""
    return _current.get()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Compose in this language until the block ends (unknown languages fall back to English)."""
    token = _current.set(language if language in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def t(message: str, **values: object) -> str:
    """The message in the current language, with its named fields filled in."""
    text = translations(_current.get()).gettext(message)
    return text.format(**values) if values else text


def tn(singular: str, plural: str, count: int, **values: object) -> str:
    """The singular or plural message for ``count`` in the current language, fields filled in."""
    text = translations(_current.get()).ngettext(singular, plural, count)
    return text.format(count=count, **values)


def localised(answer: Callable[[Any, Any], R]) -> Callable[[Any, Any], R]:
    """Wrap an answer so it composes in its query's language (``query.language``)."""

    @functools.wraps(answer)
    def run(catalog: Any, query: Any) -> R:
        with speaking(getattr(query, "language", DEFAULT) or DEFAULT):
            return answer(catalog, query)

    return run


def join_words(items: Sequence[str]) -> str:
    """A list in words in the current language: "A", "A and B", "A, B, and C"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    # Translators: the word joining the last two items of a list ("A, B, and C").
    word = t("and")
    if len(items) == 2:
        return f"{items[0]} {word} {items[1]}"
    comma = "," if _current.get() == DEFAULT else ""  # the serial comma is English only
    return ", ".join(items[:-1]) + f"{comma} {word} {items[-1]}"
