"""Property tests of the quantities reader's arithmetic: rates, totals and splits, users x
messages, words vs digits, scale suffixes, years, bounds. Values come from hypothesis."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.answers.query import Traffic
from assistant.engine.normalise import normalise
from assistant.engine.numbers import Quantities, apply_traffic, parse_quantities
from assistant.engine.quantities import default_lexicon

PERIODS = {"second": "second", "minute": "minute", "hour": "hour", "day": "day"}
PERIODS |= {"week": "week", "month": "month", "year": "year"}
LINKS = ("a", "per", "/", "every")
counts = st.integers(min_value=1, max_value=10**6)


def read(text: str) -> Quantities:
    """The reader on a normalised text, as the engine calls it."""
    return parse_quantities(normalise(text))


@given(counts, st.sampled_from(sorted(PERIODS)), st.sampled_from(LINKS))
def test_a_rate_is_per_month_with_the_lexicon_convention(n: int, period: str, link: str) -> None:
    """'N requests a day' is N x 30 a month, a week 52/12, a year 1/12 (lexicon factors)."""
    factor = default_lexicon().per_month[period]
    found = read(f"{n} requests {link} {period}")
    assert found.requests_per_month == pytest.approx(n * factor)


@given(counts, st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_a_monthly_total_at_a_ratio_splits_into_parts_that_sum(n: int, a: int, b: int) -> None:
    """'N tokens a month at a:b input:output': the parts sum to N in the ratio a:b."""
    found = read(f"{n} tokens a month at {a}:{b} input:output")
    assert found.monthly_input_tokens is not None and found.monthly_output_tokens is not None
    assert found.monthly_input_tokens + found.monthly_output_tokens == pytest.approx(n)
    assert found.monthly_input_tokens * b == pytest.approx(found.monthly_output_tokens * a)
    assert found.input_share == pytest.approx(a / (a + b))


@given(counts, st.integers(min_value=1, max_value=99))
def test_a_percent_split_of_a_monthly_total_sums(n: int, p: int) -> None:
    """'N tokens a month, p% input (100-p)% output': input is p% of N, the parts sum to N."""
    found = read(f"{n}m tokens a month, {p}% input {100 - p}% output")
    assert found.monthly_input_tokens == pytest.approx(n * 1e6 * p / 100)
    total = (found.monthly_input_tokens or 0) + (found.monthly_output_tokens or 0)
    assert total == pytest.approx(n * 1e6)


@given(counts, counts)
def test_monthly_totals_survive_into_the_traffic(inputs: int, outputs: int) -> None:
    """'X input and Y output tokens a month': requests x tokens per request give X and Y."""
    traffic = apply_traffic(
        Traffic(), read(f"{inputs}k input and {outputs}k output tokens a month")
    )
    assert traffic.monthly_input_tokens() == pytest.approx(inputs * 1e3)
    assert traffic.monthly_output_tokens() == pytest.approx(outputs * 1e3)


@given(
    st.integers(min_value=2, max_value=10**5),
    st.integers(min_value=1, max_value=50),
    st.sampled_from(["each sending", "sending"]),
)
def test_users_times_messages(users: int, messages: int, verb: str) -> None:
    """'U users (each) sending M messages a day' is U x M x 30 requests a month."""
    if verb == "sending" and messages >= users:
        messages = users - 1 or 1  # without 'each', a smaller count is per user
    found = read(f"{users} users {verb} {messages} messages a day")
    assert found.requests_per_month == pytest.approx(users * messages * 30)


_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spelled(n: int) -> str:
    """English words for 0 <= n < 10**9 (test oracle only; the reader uses text2num)."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _UNITS[n % 10])
    for size, name in ((10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            head, rest = divmod(n, size)
            return f"{spelled(head)} {name}" + ("" if rest == 0 else " " + spelled(rest))
    raise AssertionError(n)


@given(st.integers(min_value=3, max_value=10**8), st.sampled_from(["requests a day", "users"]))
def test_words_and_digits_give_the_same_quantities(n: int, unit: str) -> None:
    """'two thousand requests a day' reads as '2000 requests a day'."""
    text = "{} " + unit + ", 3 messages a day each" if unit == "users" else "{} " + unit
    assert read(text.format(spelled(n))) == read(text.format(n))


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["k", "m", "b"]))
def test_a_scale_suffix_is_its_value(n: int, suffix: str) -> None:
    """'200k tokens a month' == '200000 tokens a month', '2 m requests' == '2000000 requests'."""
    scale = default_lexicon().scales["en"][suffix]
    assert read(f"{n}{suffix} tokens a month") == read(f"{n * int(scale)} tokens a month")
    assert read(f"{n} {suffix} requests") == read(f"{n * int(scale)} requests")


@given(st.integers(min_value=1000, max_value=10**9))
def test_thousands_separators_are_the_same_number(n: int) -> None:
    """'1,500,000 requests' (en) and '1.500.000 Anfragen' (de) are 1500000."""
    assert read(f"{n:,} requests a month").requests_per_month == n
    german = f"{n:,}".replace(",", ".")
    assert read(f"{german} Anfragen pro Monat").requests_per_month == n


_YEAR_TEMPLATES = (
    "models released in {y}",
    "vision models from {y}",
    "the {y} model",
    "who won the world cup in {y}?",
    "{y} models with tool calling",
    "cheapest model released since {y}",
    "anything newer than {y}",
    "open models before {y} under $1",
)
_COUNTS = (
    "token_count",
    "requests_per_month",
    "input_tokens",
    "output_tokens",
    "monthly_input_tokens",
    "monthly_output_tokens",
    "bare",
    "context_tokens",
    "limit",
)


@given(st.integers(min_value=1970, max_value=2099), st.sampled_from(_YEAR_TEMPLATES))
def test_a_year_is_never_a_count(year: int, template: str) -> None:
    """A year is a release-year range, never a count of tokens or requests."""
    found = read(template.format(y=year))
    assert all(getattr(found, name) is None for name in _COUNTS)
    assert found.years is not None and found.years[0] - 1 <= year <= found.years[1] + 1


@given(st.integers(min_value=1970, max_value=2099), counts)
def test_a_year_beside_traffic_keeps_both(year: int, n: int) -> None:
    """'in 2023 we sent 40k requests a day': the year and the rate, each in its place."""
    found = read(f"in {year} we sent {n} requests a day")
    assert found.years == (year, year)
    assert found.requests_per_month == pytest.approx(n * 30)


@given(st.integers(min_value=16, max_value=400), st.sampled_from(["requests a month", "tokens"]))
def test_an_absurd_number_is_reported_never_used(digits: int, unit: str) -> None:
    """A 16- to 400-digit count sets no field and is named in ``absurd``."""
    found = read("9" * digits + " " + unit)
    assert found.requests_per_month is None and found.token_count is None
    assert found.absurd and found.absurd[0].startswith("999")


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,:/%$kmbe-aeinorstuy")), max_size=60))
def test_any_numeric_text_reads_without_raising(text: str) -> None:
    """Digits, separators and suffixes in any order never raise, and every value is finite."""
    found = read(text)
    for name in found.__struct_fields__:
        value = getattr(found, name)
        if isinstance(value, float):
            assert math.isfinite(value) and value >= 0
