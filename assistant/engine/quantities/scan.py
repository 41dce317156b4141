"""Scanning a question into items: numbers (with scale, money, percent flags) and tagged words.

Numbers written as words become digits through ``text2num`` in the question's language
(guessed from the lexicon's words); scale words and suffixes ("200k", "2 Mio", "1,5
millones") multiply; every word carries its lexicon roles, a one-letter typo those of the
word it misspells when a number is near.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import msgspec
from text_to_num import alpha2digit

from assistant.engine.quantities.lexicon import MIN_TYPO_LENGTH, Lexicon, fold, period_name
from assistant.engine.quantities.roles import Role

ISOLATED_WORD_NUMBERS = 3  # text2num spells lone number words from this up ("three", not "two")
_WORDS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_ITEM = re.compile(
    r"(?P<num>(?<![\w.\-])(?P<cur>\$)?\s?(?P<digits>\d+(?:[.,]\d+)*)"
    r"(?:e(?P<exp>[+-]?\d+)(?![a-z]))?(?P<glued>[a-z]+)?(?P<pct>\s?%)?)"
    r"|(?P<word>[a-z]+)|(?P<sym>[/$<>%:=+~])"
)
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 1.000.000 in a comma-decimal language
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})((?: \d{3})+)(?![\d.,])")  # "10 000" (fr)
_SCALE_WORD_AFTER_WORDS = re.compile(r"^1(?:000)+$")  # "one point five million" -> "1.5 1000000"


_NO_ROLES: frozenset[str] = frozenset()


class Item(msgspec.Struct, kw_only=True):
    """One scanned token: a number (value and flags) or a word with its lexicon roles."""

    word: str = ""
    roles: frozenset[str] = frozenset()
    period: float | None = None  # months per period when the word names one ("day" = 30)
    value: float | None = None
    raw: str = ""  # the number as written, for reporting an absurd one
    money: bool = False
    percent: bool = False
    scaled: bool = False
    params: bool = False  # "70b" glued: a parameter count unless tokens follow
    year_like: bool = False  # a four-digit whole number in the lexicon's year range
    used: bool = False


def scan(text: str, lexicon: Lexicon) -> tuple[list[Item], str]:
    """The items of a normalised, model-masked question, and the language it is written in.

    No items when the question has no number (in digits or words) and no 'half'.
    """
    text = text.replace("<m>", " model ")
    spelt = _WORDS.findall(text)  # with accents: text2num needs "fünf", not "funf"
    words = spelt if text.isascii() else [fold(word) for word in spelt]
    numberless = not _DIGIT.search(text) and not any(map(lexicon.number_word, spelt))
    if numberless and lexicon.half_words.isdisjoint(words):
        return [], lexicon.languages[0]  # no number in digits or words: nothing to read
    lang = lexicon.language(words)
    if lang in lexicon.comma_decimal:
        text = _SPACED_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), text)
    glue = lexicon.scale_glue.get(lang)
    if glue is not None and _DIGIT.search(text):
        text = glue.sub(r"\1\2", text)  # "5 million" -> "5million": text2num leaves it be
    spelled = fold(_spell_numbers(text, lang))
    if not _DIGIT.search(spelled) and lexicon.half_words.isdisjoint(words):
        return [], lang
    items = _tokenize(spelled, lexicon, lang)
    return _merge_suffixes(items, lexicon, lang), lang


def _spell_numbers(text: str, lang: str) -> str:
    """Number words as digits ('two thousand' -> '2000'); the text unchanged on any failure."""
    try:
        return str(alpha2digit(text, lang, threshold=ISOLATED_WORD_NUMBERS))
    except Exception:  # a library failure must never take a question down
        return text


def _number(digits: str, exp: str | None, comma_decimal: bool) -> float:
    """The value of a digit run: '1,000' and '1.000' (de) are a thousand, '1,5' (de) 1.5."""
    if comma_decimal:
        if _THOUSANDS.match(digits):
            digits = digits.replace(".", "")
        else:
            digits = digits.replace(".", "\0").replace(",", ".").replace("\0", "")
            if digits.count(".") > 1:
                digits = digits.replace(".", "")
    else:
        digits = digits.replace(",", "")
        if digits.count(".") > 1:
            digits = digits.replace(".", "")
    try:
        return float(digits + (f"e{exp}" if exp else ""))
    except (ValueError, OverflowError):
        return math.inf


def _tokenize(text: str, lexicon: Lexicon, lang: str) -> list[Item]:
    """Regex tokens: numbers with glued suffixes, and words and symbols with their roles."""
    scales = lexicon.scales.get(lang, {})
    items: list[Item] = []
    roles, periods, phrases = lexicon.roles, lexicon.period_words, lexicon.phrases
    for token in _ITEM.findall(text):  # one tuple of groups per token: no Match objects
        word = token[6] or token[7]
        if not word:
            items.append(_number_item(token, scales, lexicon, lang))
            continue
        item = Item(word=word, roles=roles.get(word, _NO_ROLES), period=periods.get(word))
        items.append(item)
        found = phrases.get(word)
        if found:
            _tag_phrases(items, len(items) - 1, found, lexicon)
    _tag_typos(items, lexicon)
    return items


def _number_item(
    token: tuple[str, ...], scales: Mapping[str, float], lexicon: Lexicon, lang: str
) -> Item:
    """One number token ('$1.5', '200k', '30%', '1,000', '1e6'); '3rd', '4o' are words."""
    raw, currency, digits, exp, glued, percent = token[:6]
    if glued and glued not in scales:
        return Item(word=raw.strip())  # "3rd", "4o", "10x": no number
    value = _number(digits, exp or None, lang in lexicon.comma_decimal)
    scale = scales.get(glued, 1.0)
    plain = not glued and not exp and digits.isdigit()
    years = lexicon.years
    return Item(
        value=value * scale,
        raw=raw.strip(),
        money=bool(currency),
        percent=bool(percent),
        scaled=scale != 1.0,
        params=glued in lexicon.parameter_suffixes,
        year_like=plain and len(digits) == 4 and years.first <= value <= years.last,
    )


def _tag_typos(items: list[Item], lexicon: Lexicon) -> None:
    """A word with no role within two items of a number takes its typo's roles ('reqests')."""
    numbers = [index for index, item in enumerate(items) if item.value is not None]
    for index, item in enumerate(items):
        if item.roles or not item.word or len(item.word) < MIN_TYPO_LENGTH:
            continue
        if any(abs(index - n) <= 2 for n in numbers):
            typo = lexicon.typo_of(item.word)
            if typo is not None:
                item.roles = lexicon.roles.get(typo, _NO_ROLES)
                item.period = lexicon.period_words.get(typo)


def _tag_phrases(
    items: list[Item],
    index: int,
    phrases: tuple[tuple[tuple[str, ...], str], ...],
    lexicon: Lexicon,
) -> None:
    """Add the roles of phrases ending on items[index]; the longest period phrase wins."""
    item = items[index]
    roles, phrased = set(item.roles), False
    for before, role in phrases:  # longest first
        if _preceded_by(items, index, before):
            roles.add(role)
            name = period_name(role)
            if name and not phrased:
                item.period, phrased = lexicon.per_month[name], True
    item.roles = frozenset(roles)


def _preceded_by(items: list[Item], index: int, words: tuple[str, ...]) -> bool:
    """True when the words right before items[index] are these."""
    if index < len(words):
        return False
    return all(items[index - len(words) + i].word == w for i, w in enumerate(words))


def _merge_suffixes(items: list[Item], lexicon: Lexicon, lang: str) -> list[Item]:
    """Apply spaced suffixes: '200 k', '2 mil millones', '30 percent', '50 dollars'."""
    scales = lexicon.scales.get(lang, {})
    out: list[Item] = []
    for item in items:
        previous = out[-1] if out else None
        if previous is None or previous.value is None or previous.percent:
            if item.value is not None and out:
                _halve(out, item)
            out.append(item)
        elif item.word in scales and not previous.money:
            previous.value *= scales[item.word]
            previous.scaled = True
        elif (Role.PERCENT in item.roles) and not previous.money:
            previous.percent = True
        elif (Role.MONEY in item.roles) and previous.value:
            previous.money = True
        elif _spelled_scale(previous, item):
            assert item.value is not None
            previous.value *= item.value
            previous.scaled = True
        else:
            out.append(item)
    return out


def _halve(before: list[Item], item: Item) -> None:
    """'half a million': a number after 'half (a)' is half of it."""
    if item.value is None:
        return
    words = [w for w in before[-2:] if w.value is None]
    if words and (Role.SINGLE in words[-1].roles) and len(words) == 2:
        words = words[:1]
    if words and (Role.HALF in words[-1].roles) and len(before) >= 1:
        item.value *= 0.5


def _spelled_scale(previous: Item, item: Item) -> bool:
    """'one point five million' comes back from text2num as '1.5 1000000', '2 mil millones'
    as '2mil 1000000': one number."""
    return (
        previous.value is not None
        and (not previous.value.is_integer() or previous.scaled)
        and item.value is not None
        and bool(_SCALE_WORD_AFTER_WORDS.match(item.raw))
    )
