"""Names used in code for the lexicon's roles and the fields of ``Quantities``.

A role is a list in ``lexicon/quantities.toml`` ("request", "rate_link" ...); code asks
"does this word hold Role.REQUEST", never "is this word 'requests'". ``Field`` names the
fields the reader fills, so a typo in one is an error, not a silent new key.
"""

from __future__ import annotations

from typing import Final


class Role:
    """A word's role: a ``[roles]`` list of the lexicon, or one the loader derives.

    Plain string constants (not an Enum): a role check is a set lookup in the hot path.
    """

    REQUEST: Final = "request"
    TOKEN: Final = "token"
    USER: Final = "user"
    PAGE: Final = "page"
    OTHER_UNIT: Final = "other_unit"
    INPUT: Final = "input"
    OUTPUT: Final = "output"
    INPUT_PREFIX: Final = "input_prefix"
    CONTEXT: Final = "context"
    CACHE: Final = "cache"
    BATCH: Final = "batch"
    LIMIT_BEFORE: Final = "limit_before"
    LIMIT_AFTER: Final = "limit_after"
    FILLER: Final = "filler"
    RATE_LINK: Final = "rate_link"
    EACH: Final = "each"
    SINGLE: Final = "single"
    TOTAL: Final = "total"
    BUDGET: Final = "budget"
    MONEY: Final = "money"
    PERCENT: Final = "percent"
    HALF: Final = "half"
    UPPER: Final = "upper"
    RATIO: Final = "ratio"
    LABEL_MARK: Final = "label_mark"
    UNIT_LINK: Final = "unit_link"
    PREPOSITION: Final = "preposition"
    YEAR_SINCE: Final = "year_since"
    YEAR_AFTER: Final = "year_after"
    YEAR_BEFORE: Final = "year_before"
    YEAR_UNTIL: Final = "year_until"
    YEAR_LATER: Final = "year_later"
    YEAR_EARLIER: Final = "year_earlier"
    RANGE_LINK: Final = "range_link"
    NOT_TYPO: Final = "not_typo"
    PAIR_MARK: Final = "pair_mark"
    RATIO_MARK: Final = "ratio_mark"
    PARAMETER_SUFFIX: Final = "parameter_suffix"
    SCALE: Final = "scale"  # any word of [scales.<lang>]
    PERIOD: Final = "period"  # any period noun ("day"); its own role is "period:<name>"
    RATE: Final = "rate"  # any rate adjective ("daily"); its own role is "rate:<name>"


class Field:
    """A field of ``Quantities`` the reader fills (string constants)."""

    TOKEN_COUNT: Final = "token_count"
    CONTEXT_TOKENS: Final = "context_tokens"
    REQUESTS_PER_MONTH: Final = "requests_per_month"
    INPUT_TOKENS: Final = "input_tokens"
    OUTPUT_TOKENS: Final = "output_tokens"
    MONTHLY_INPUT_TOKENS: Final = "monthly_input_tokens"
    MONTHLY_OUTPUT_TOKENS: Final = "monthly_output_tokens"
    CACHED_SHARE: Final = "cached_share"
    BATCH_SHARE: Final = "batch_share"
    MAX_INPUT_PRICE: Final = "max_input_price"
    MAX_OUTPUT_PRICE: Final = "max_output_price"
    MAX_PRICE: Final = "max_price"
    LIMIT: Final = "limit"
    BUDGET: Final = "budget"
    BARE: Final = "bare"
    PAGES: Final = "pages"
    MONTHS: Final = "months"
    MAX_CONTEXT_TOKENS: Final = "max_context_tokens"
    USERS: Final = "users"
    INPUT_SHARE: Final = "input_share"
    SINGLE_REQUEST: Final = "single_request"
    YEARS: Final = "years"
    ABSURD: Final = "absurd"


def names(kind: type) -> frozenset[str]:
    """Every constant of Role or Field."""
    return frozenset(value for key, value in vars(kind).items() if key.isupper())
