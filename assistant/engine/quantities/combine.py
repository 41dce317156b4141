"""Passes over everything read: users x messages, a split of a token total, one request,
shared periods, halves, bounds, years; then the frozen ``Quantities``."""

from __future__ import annotations

import math

import msgspec

from assistant.engine.quantities.context import Reading, any_role, is_rate, period_factor
from assistant.engine.quantities.model import Quantities
from assistant.engine.quantities.scan import Item
from assistant.engine.quantities.years import year_range

_INTS = frozenset(
    [
        "token_count",
        "context_tokens",
        "max_context_tokens",
        "limit",
        "bare",
        "pages",
        "months",
        "users",
    ]
)
# Which lexicon bound caps which field.
_BOUND_OF = {
    "requests_per_month": "requests_per_month",
    "input_tokens": "tokens_per_request",
    "output_tokens": "tokens_per_request",
    "monthly_input_tokens": "monthly_tokens",
    "monthly_output_tokens": "monthly_tokens",
    "token_count": "token_count",
    "context_tokens": "context_tokens",
    "max_context_tokens": "context_tokens",
    "pages": "pages",
    "users": "users",
    "budget": "budget",
    "max_input_price": "price",
    "max_output_price": "price",
    "max_price": "price",
    "months": "months",
    "bare": "bare",
    "limit": "bare",
}


def combine(reading: Reading) -> Quantities:
    """Run the passes and freeze the result."""
    _half_shares(reading)
    _per_user(reading)
    _split_totals(reading)
    _single_request(reading)
    _same_period(reading)
    fields = _bounded(reading)
    values: dict[str, object] = {
        name: int(value) if name in _INTS else value for name, value in fields.items()
    }
    if reading.ratio is not None and sum(reading.ratio) > 0:
        values["input_share"] = reading.ratio[0] / sum(reading.ratio)
    values["single_request"] = True if reading.single else None
    values["years"] = year_range(reading.years)
    values["absurd"] = tuple(dict.fromkeys(reading.absurd)) or None
    return msgspec.convert(values, Quantities)


def _per_user(reading: Reading) -> None:
    """'5k users sending 8 messages a day': requests per user times users.

    The count is per user when 'each' (or 'per user') is said, or when it is smaller than
    the user count; a count said to be a total stays one.
    """
    fields = reading.fields
    users, requests = fields.get("users"), fields.get("requests_per_month")
    if requests is None:
        fields.pop("users", None)  # "top 10 customers": people, but no traffic
    if users is None or requests is None or any_role(_all_words(reading), "total"):
        return
    per_period = requests / (reading.request_period or 1.0)
    if _each_user(reading) or per_period < users:
        fields["requests_per_month"] = requests * users


def _each_user(reading: Reading) -> bool:
    """'users each sending', 'per user': the request count is for every one of them."""
    for index, item in enumerate(reading.items):
        if ("user" in item.roles) and (
            ("each" in item.roles) or any_role(reading.words(index + 1, index + 4), "each")
        ):
            return True
    return False


def _split_totals(reading: Reading) -> None:
    """An undirected token amount: split by a stated ratio, else a monthly input total or a
    document size ('2B tokens a month at 4:1' -> 1.6B in, 0.4B out)."""
    if reading.tokens_total is None:
        return
    value, period = reading.tokens_total
    ratio = reading.ratio
    if ratio is not None and sum(ratio) > 0:
        inputs, outputs = (value * part / sum(ratio) for part in ratio)
        if period is not None:
            reading.put("monthly_input_tokens", inputs * period)
            reading.put("monthly_output_tokens", outputs * period)
        else:
            reading.put("input_tokens", inputs)
            reading.put("output_tokens", outputs)
    elif period is not None:
        reading.put("monthly_input_tokens", value * period)
    else:
        reading.put("token_count", value)


def _single_request(reading: Reading) -> None:
    """'one request with 10k in and 2k out': a per-request cost over one request; 'one
    request a second' is a rate of one."""
    fields = reading.fields
    sized = "input_tokens" in fields or "output_tokens" in fields
    if fields.get("requests_per_month") == 1.0 and reading.request_period is None:
        reading.single = True
    elif "requests_per_month" not in fields:
        said, period = _one_request(reading)
        if said and period is not None:
            reading.put_requests(1.0, period)
        elif said and sized:
            fields["requests_per_month"] = 1.0
            reading.single = True


def _one_request(reading: Reading) -> tuple[bool, float | None]:
    """Whether a request word follows 'one', 'a single', 'a' ... with no amount before it,
    and the period of a rate after it ('one request a second')."""
    items = reading.items
    for index, item in enumerate(items):
        if "request" not in item.roles or index == 0 or "single" not in items[index - 1].roles:
            continue
        before = items[index - 2] if index >= 2 else None
        if before is not None and (before.value is not None or ("token" in before.roles)):
            continue  # "2k tokens a request": a per-request amount, not one request
        after = reading.words(index + 1, index + 4)
        rate = bool(after) and is_rate(after[0])
        return True, period_factor(after[:3]) if rate else None
    return False, None


def _same_period(reading: Reading) -> None:
    """'50M input tokens/month and 5M output': the other direction shares the month.

    With a request count, only an amount of at least one token per request can be a total.
    """
    fields = reading.fields
    floor = fields.get("requests_per_month", 0.0)
    for kind, other in (("input", "output"), ("output", "input")):
        if f"monthly_{kind}_tokens" in fields and fields.get(f"{other}_tokens", -1.0) >= floor:
            fields.setdefault(f"monthly_{other}_tokens", fields.pop(f"{other}_tokens"))


def _half_shares(reading: Reading) -> None:
    """'half batch', 'half of it through the batch api': a 50% share."""
    words = [item for item in reading.items if item.word]
    for index, word in enumerate(words):
        if "half" in word.roles:
            near = words[index + 1 : index + 6]
            if any_role(near, "batch"):
                reading.put("batch_share", 0.5)
            elif any_role(near, "cache"):
                reading.put("cached_share", 0.5)


def _bounded(reading: Reading) -> dict[str, float]:
    """The fields within the lexicon's bounds; the rest reported as absurd, as typed."""
    bounds = msgspec.structs.asdict(reading.lexicon.bounds)
    kept: dict[str, float] = {}
    for name, value in reading.fields.items():
        limit = bounds.get(_BOUND_OF.get(name, ""), math.inf)
        if math.isfinite(value) and 0 <= value <= limit:
            kept[name] = value
        else:
            reading.absurd.append(reading.sources.get(name, f"{value:g}"))
    return kept


def _all_words(reading: Reading) -> list[Item]:
    """Every word item of the question."""
    return [item for item in reading.items if item.word]
