"""Passes over everything read: users x messages, a split of a token total, one request,
shared periods, halves, bounds, years; then the frozen ``Quantities``."""

from __future__ import annotations

import math

import msgspec

from assistant.engine.quantities.context import Reading, any_role, is_rate, period_factor
from assistant.engine.quantities.model import Quantities
from assistant.engine.quantities.roles import Field, Role
from assistant.engine.quantities.scan import Item
from assistant.engine.quantities.years import year_range

_INTS = frozenset(
    [
        Field.TOKEN_COUNT,
        Field.CONTEXT_TOKENS,
        Field.MAX_CONTEXT_TOKENS,
        Field.LIMIT,
        Field.BARE,
        Field.PAGES,
        Field.MONTHS,
        Field.USERS,
    ]
)
# Which lexicon bound caps which field.
_BOUND_OF: dict[str, str] = {
    Field.REQUESTS_PER_MONTH: "requests_per_month",
    Field.INPUT_TOKENS: "tokens_per_request",
    Field.OUTPUT_TOKENS: "tokens_per_request",
    Field.MONTHLY_INPUT_TOKENS: "monthly_tokens",
    Field.MONTHLY_OUTPUT_TOKENS: "monthly_tokens",
    Field.TOKEN_COUNT: "token_count",
    Field.CONTEXT_TOKENS: "context_tokens",
    Field.MAX_CONTEXT_TOKENS: "context_tokens",
    Field.PAGES: "pages",
    Field.USERS: "users",
    Field.BUDGET: "budget",
    Field.MAX_INPUT_PRICE: "price",
    Field.MAX_OUTPUT_PRICE: "price",
    Field.MAX_PRICE: "price",
    Field.MONTHS: "months",
    Field.BARE: "bare",
    Field.LIMIT: "bare",
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
        values[Field.INPUT_SHARE] = reading.ratio[0] / sum(reading.ratio)
    values[Field.SINGLE_REQUEST] = True if reading.single else None
    values[Field.YEARS] = year_range(reading.years)
    values[Field.ABSURD] = tuple(dict.fromkeys(reading.absurd)) or None
    return msgspec.convert({str(name): value for name, value in values.items()}, Quantities)


def _per_user(reading: Reading) -> None:
    """'5k users sending 8 messages a day': requests per user times users.

    The count is per user when 'each' (or 'per user') is said, or when it is smaller than
    the user count; a count said to be a total stays one.
    """
    fields = reading.fields
    users, requests = fields.get(Field.USERS), fields.get(Field.REQUESTS_PER_MONTH)
    if requests is None:
        fields.pop(Field.USERS, None)  # "top 10 customers": people, but no traffic
    if users is None or requests is None or any_role(_all_words(reading), Role.TOTAL):
        return
    per_period = requests / (reading.request_period or 1.0)
    if _each_user(reading) or per_period < users:
        fields[Field.REQUESTS_PER_MONTH] = requests * users


def _each_user(reading: Reading) -> bool:
    """'users each sending', 'per user': the request count is for every one of them."""
    for index, item in enumerate(reading.items):
        if (Role.USER in item.roles) and (
            (Role.EACH in item.roles) or any_role(reading.words(index + 1, index + 4), Role.EACH)
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
            reading.put(Field.MONTHLY_INPUT_TOKENS, inputs * period)
            reading.put(Field.MONTHLY_OUTPUT_TOKENS, outputs * period)
        else:
            reading.put(Field.INPUT_TOKENS, inputs)
            reading.put(Field.OUTPUT_TOKENS, outputs)
    elif period is not None:
        reading.put(Field.MONTHLY_INPUT_TOKENS, value * period)
    else:
        reading.put(Field.TOKEN_COUNT, value)


def _single_request(reading: Reading) -> None:
    """'one request with 10k in and 2k out': a per-request cost over one request; 'one
    request a second' is a rate of one."""
    fields = reading.fields
    sized = Field.INPUT_TOKENS in fields or Field.OUTPUT_TOKENS in fields
    if fields.get(Field.REQUESTS_PER_MONTH) == 1.0 and reading.request_period is None:
        reading.single = True
    elif Field.REQUESTS_PER_MONTH not in fields:
        said, period = _one_request(reading)
        if said and period is not None:
            reading.put_requests(1.0, period)
        elif said and sized:
            fields[Field.REQUESTS_PER_MONTH] = 1.0
            reading.single = True


def _one_request(reading: Reading) -> tuple[bool, float | None]:
    """Whether a request word follows 'one', 'a single', 'a' ... with no amount before it,
    and the period of a rate after it ('one request a second')."""
    items = reading.items
    for index, item in enumerate(items):
        if (
            Role.REQUEST not in item.roles
            or index == 0
            or Role.SINGLE not in items[index - 1].roles
        ):
            continue
        before = items[index - 2] if index >= 2 else None
        if before is not None and (before.value is not None or (Role.TOKEN in before.roles)):
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
    floor = fields.get(Field.REQUESTS_PER_MONTH, 0.0)
    for kind, other in ((Role.INPUT, Role.OUTPUT), (Role.OUTPUT, Role.INPUT)):
        if f"monthly_{kind}_tokens" in fields and fields.get(f"{other}_tokens", -1.0) >= floor:
            fields.setdefault(f"monthly_{other}_tokens", fields.pop(f"{other}_tokens"))


def _half_shares(reading: Reading) -> None:
    """'half batch', 'half of it through the batch api': a 50% share."""
    words = [item for item in reading.items if item.word]
    for index, word in enumerate(words):
        if Role.HALF in word.roles:
            near = words[index + 1 : index + 6]
            if any_role(near, Role.BATCH):
                reading.put(Field.BATCH_SHARE, 0.5)
            elif any_role(near, Role.CACHE):
                reading.put(Field.CACHED_SHARE, 0.5)


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
