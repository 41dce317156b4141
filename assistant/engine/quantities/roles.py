"""Names used in code for the lexicon's roles and the fields of ``Quantities``.

A role is a list in ``lexicon/quantities.toml`` ("request", "rate_link" ...); code asks
"does this word hold Role.REQUEST", never "is this word 'requests'". ``Field`` names the
fields the reader fills, so a typo in one is an error, not a silent new key.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A word's role: a ``[roles]`` list of the lexicon, or one the loader derives."""

    REQUEST = "request"
    TOKEN = "token"
    USER = "user"
    PAGE = "page"
    OTHER_UNIT = "other_unit"
    INPUT = "input"
    OUTPUT = "output"
    INPUT_PREFIX = "input_prefix"
    CONTEXT = "context"
    CACHE = "cache"
    BATCH = "batch"
    LIMIT_BEFORE = "limit_before"
    LIMIT_AFTER = "limit_after"
    FILLER = "filler"
    RATE_LINK = "rate_link"
    EACH = "each"
    SINGLE = "single"
    TOTAL = "total"
    BUDGET = "budget"
    MONEY = "money"
    PERCENT = "percent"
    HALF = "half"
    UPPER = "upper"
    RATIO = "ratio"
    LABEL_MARK = "label_mark"
    UNIT_LINK = "unit_link"
    PREPOSITION = "preposition"
    YEAR_SINCE = "year_since"
    YEAR_AFTER = "year_after"
    YEAR_BEFORE = "year_before"
    YEAR_UNTIL = "year_until"
    YEAR_LATER = "year_later"
    YEAR_EARLIER = "year_earlier"
    RANGE_LINK = "range_link"
    NOT_TYPO = "not_typo"
    PAIR_MARK = "pair_mark"
    RATIO_MARK = "ratio_mark"
    PARAMETER_SUFFIX = "parameter_suffix"
    SCALE = "scale"  # any word of [scales.<lang>]
    PERIOD = "period"  # any period noun ("day"); its own role is "period:<name>"
    RATE = "rate"  # any rate adjective ("daily"); its own role is "rate:<name>"


class Field(StrEnum):
    """A field of ``Quantities`` the reader fills."""

    TOKEN_COUNT = "token_count"
    CONTEXT_TOKENS = "context_tokens"
    REQUESTS_PER_MONTH = "requests_per_month"
    INPUT_TOKENS = "input_tokens"
    OUTPUT_TOKENS = "output_tokens"
    MONTHLY_INPUT_TOKENS = "monthly_input_tokens"
    MONTHLY_OUTPUT_TOKENS = "monthly_output_tokens"
    CACHED_SHARE = "cached_share"
    BATCH_SHARE = "batch_share"
    MAX_INPUT_PRICE = "max_input_price"
    MAX_OUTPUT_PRICE = "max_output_price"
    MAX_PRICE = "max_price"
    LIMIT = "limit"
    BUDGET = "budget"
    BARE = "bare"
    PAGES = "pages"
    MONTHS = "months"
    MAX_CONTEXT_TOKENS = "max_context_tokens"
    USERS = "users"
    INPUT_SHARE = "input_share"
    SINGLE_REQUEST = "single_request"
    YEARS = "years"
    ABSURD = "absurd"
