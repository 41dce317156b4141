"""The shape of ``lexicon/quantities.toml``: strict msgspec tables (an unknown key is a typo
and fails the load) and the checks msgspec cannot express."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import msgspec

from assistant.errors import LexiconError

_Words = dict[str, tuple[str, ...]]  # language code -> words


class Period(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One period: how many fit in a month, its nouns ("day") and rate adjectives ("daily")."""

    per_month: float
    words: _Words = msgspec.field(default_factory=dict)
    rates: _Words = msgspec.field(default_factory=dict)


class Bounds(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The largest sensible value of each field; beyond it a number is absurd."""

    requests_per_month: float
    tokens_per_request: float
    monthly_tokens: float
    token_count: float
    context_tokens: float
    pages: float
    users: float
    budget: float
    price: float
    months: float
    bare: float


class YearRange(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Four-digit whole numbers in this range may be years."""

    first: int
    last: int


class Roles(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Every role the reader knows, each a word list per language."""

    request: _Words
    token: _Words
    user: _Words
    page: _Words
    other_unit: _Words
    input: _Words
    output: _Words
    input_prefix: _Words
    context: _Words
    cache: _Words
    batch: _Words
    limit_before: _Words
    limit_after: _Words
    filler: _Words
    rate_link: _Words
    each: _Words
    single: _Words
    total: _Words
    budget: _Words
    money: _Words
    percent: _Words
    half: _Words
    upper: _Words
    ratio: _Words
    label_mark: _Words
    pair_mark: _Words
    ratio_mark: _Words
    parameter_suffix: _Words
    unit_link: _Words
    preposition: _Words
    year_since: _Words
    year_after: _Words
    year_before: _Words
    year_until: _Words
    year_later: _Words
    year_earlier: _Words
    range_link: _Words
    not_typo: _Words


class LexiconFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The whole file, as written."""

    languages: tuple[str, ...]
    comma_decimal: tuple[str, ...]
    periods: dict[str, Period]
    scales: dict[str, dict[str, float]]
    bounds: Bounds
    years: YearRange
    roles: Roles


def check(source: LexiconFile, name: str) -> None:
    """Semantic checks msgspec cannot express."""
    if not source.languages:
        raise LexiconError(f"{name}: languages must list at least one language")
    known = set(source.languages)
    if not known.issuperset(source.comma_decimal):
        raise LexiconError(f"{name}: comma_decimal names a language not in languages")
    tables: list[tuple[str, Mapping[str, Iterable[object]]]] = [
        (f"roles.{role}", words) for role, words in msgspec.structs.asdict(source.roles).items()
    ]
    for period_name, period in source.periods.items():
        if not period.per_month > 0:
            raise LexiconError(f"{name}: periods.{period_name}.per_month must be > 0")
        tables += [(f"periods.{period_name}.words", period.words)]
        tables += [(f"periods.{period_name}.rates", period.rates)]
    tables += [("scales", source.scales)]
    for where, table in tables:
        for lang, words in table.items():
            if lang not in known:
                raise LexiconError(f"{name}: {where} names unknown language {lang!r}")
            if any(not str(word).strip() for word in words):
                raise LexiconError(f"{name}: {where}.{lang} has an empty word")
    for lang, scales in source.scales.items():
        for word, factor in scales.items():
            if not factor > 1:
                raise LexiconError(f"{name}: scales.{lang}.{word} must be > 1")
    for field, value in msgspec.structs.asdict(source.bounds).items():
        if not value > 0:
            raise LexiconError(f"{name}: bounds.{field} must be > 0")
    if not 0 < source.years.first <= source.years.last:
        raise LexiconError(f"{name}: years.first must be > 0 and <= years.last")
