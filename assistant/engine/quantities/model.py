"""The ``Quantities`` struct: every number a question states, typed by what it measures."""

from __future__ import annotations

import msgspec

YEAR_OPEN_LOW = 0  # the low end of an open year range: "before 2024" is (0, 2023)
YEAR_OPEN_HIGH = 9999  # the high end: "since 2022" is (2022, 9999)


class Quantities(msgspec.Struct, frozen=True, kw_only=True):
    """Every number the question states, classified by what it measures (None = not stated).

    Rates are per month (30-day months, 52-week years: see ``lexicon/quantities.toml``).
    """

    token_count: int | None = None  # a document or prompt size: "will a 200K-token doc fit"
    context_tokens: int | None = None  # "at least 200K context"
    requests_per_month: float | None = None
    input_tokens: float | None = None  # per request
    output_tokens: float | None = None  # per request
    monthly_input_tokens: float | None = None
    monthly_output_tokens: float | None = None
    cached_share: float | None = None
    batch_share: float | None = None
    max_input_price: float | None = None  # USD per 1M tokens
    max_output_price: float | None = None
    max_price: float | None = None  # a price ceiling that names neither input nor output
    limit: int | None = None  # "top 10"
    budget: float | None = None  # USD per month the user can spend: "I have $500 a month"
    bare: int | None = None  # a large number with no unit: "and a 300K one?"
    pages: int | None = None  # a document size in pages: "a 300-page PDF" (not tokens)
    months: int | None = None  # a duration: "a 3-year contract", "over 18 months"
    max_context_tokens: int | None = None  # an upper context bound: "under 32k context"
    users: int | None = None  # people sending the requests: "5k users sending 8 messages a day"
    input_share: float | None = None  # input's share of tokens in a stated split: "4:1" = 0.8
    single_request: bool | None = None  # True: "one request with 10k in and 2k out"
    years: tuple[int, int] | None = None  # release years, inclusive: "in 2023", "since 2022"
    absurd: tuple[str, ...] | None = None  # numbers too large to be meant ("1e999"), as typed

    def has_traffic(self) -> bool:
        """True when the question states any part of a traffic assumption."""
        fields = (
            self.requests_per_month,
            self.input_tokens,
            self.output_tokens,
            self.monthly_input_tokens,
            self.monthly_output_tokens,
            self.cached_share,
            self.batch_share,
        )
        return any(value is not None for value in fields)
