"""Numbers with no money or percent sign: requests, tokens, context, pages, users, list sizes,
durations and years, told apart by the roles of the words around them."""

from __future__ import annotations

import itertools

from assistant.engine.quantities.context import (
    Reading,
    any_role,
    before_fillers,
    counts_requests,
    direction,
    is_duration,
    is_rate,
    per_request_marked,
    period_factor,
)
from assistant.engine.quantities.roles import Field, Role
from assistant.engine.quantities.scan import Item
from assistant.engine.quantities.years import read_year

MAX_LIMIT = 50  # a list size; anything larger is some other quantity
SMALL_CONTEXT = 1000  # an unscaled number below this is never a context size
BARE_FLOOR = 10_000  # an unscaled number with no unit below this is no size


def classify_plain(reading: Reading, index: int) -> None:
    """A bare number: requests, tokens, context, a list size, a duration or a year."""
    items = reading.items
    item = items[index]
    value = item.value
    assert value is not None
    after = reading.words(index + 1, index + 8)
    before = reading.words(index - 4, index)
    if _is_unit(items, index):
        return
    label = _label(items, index)
    if label and _classify_labelled(reading, label, value):
        return
    if _ratio(reading, index) or _slash_pair(reading, index):
        return
    if counts_requests(reading.next_words(index)):
        reading.put_requests(value, period_factor(after[1:6]))
        return
    if after[:1] and (Role.PAGE in after[0].roles):
        reading.put(Field.PAGES, value)  # "a 300-page pdf": a size in pages, never read as tokens
        return
    if after[:1] and (Role.USER in after[0].roles):
        reading.put(Field.USERS, value)  # "2,000 users, 15 messages a day each"
        return
    if after[:1] and (Role.OTHER_UNIT in after[0].roles):
        return  # "5,000 words", "8 GB": neither tokens nor requests
    if item.year_like and read_year(reading, index, after, before):
        return
    if _is_limit(item, after, before):
        reading.put(Field.LIMIT, value)
        return
    if _classify_tokens(reading, index, after, before):
        return
    if not _periodic_count(reading, item, after) and (item.scaled or value >= BARE_FLOOR):
        reading.put(Field.BARE, value)  # "and a 300K one?": a size whose unit the last turn said


def _classify_tokens(reading: Reading, index: int, after: list[Item], before: list[Item]) -> bool:
    """Token amounts: per-request or monthly input/output, context, or a document size.

    With a request count in the question ("40k req/day, 2k in / 300 out, monthly?"), token
    amounts are per request and a period word belongs to the requests, unless a period
    follows the token phrase itself and the amount is at least one token per request of the
    month (``totals_over``): then it is a monthly total ("2B tokens a month").
    """
    item = reading.items[index]
    value = item.value or 0.0
    head = after[:3]
    if item.params and not any_role(head[:2], Role.TOKEN):
        return True  # "a 70b model with 128k context": 70b is a parameter count
    prefix = bool(head) and (Role.INPUT_PREFIX in head[0].roles)  # "2k prompt tokens" is input
    kind = Role.INPUT if prefix else _direction_of(reading, index, head)
    period = None if reading.per_request else period_factor(after[:6])
    if reading.per_request and reading.totals_over is not None and value >= reading.totals_over:
        period = _tight_period(after)  # "50M input tokens a month across 100k requests"
    if kind is not None:
        if period is not None and not per_request_marked(after[:6]):
            reading.put(f"monthly_{kind}_tokens", value * period)
        else:
            reading.put(f"{kind}_tokens", value)
        return True
    sized = item.scaled or value >= SMALL_CONTEXT or any_role(head, Role.TOKEN)
    if sized and any_role(after[:3] + before[-4:], Role.CONTEXT):
        upper = any_role(before_fillers(before[-4:]) + before[-2:], Role.UPPER)
        reading.put(Field.MAX_CONTEXT_TOKENS if upper else Field.CONTEXT_TOKENS, value)
        return True  # "128 context" is no size: it needs k/M or "tokens"
    if any_role(head, Role.TOKEN):
        if reading.tokens_total is None:
            reading.tokens_total = (value, period)  # input/output by a split, if one is stated
        return True
    return False


def _direction_of(reading: Reading, index: int, head: list[Item]) -> str | None:
    """The direction a token amount goes with: the word after it ('2k in', '2k tokens out'),
    else the one before ('output is only 200 tokens'). A word after that sits before another
    number without a direction of its own is that number's ('input 2000 output 300')."""
    head = [word for word in head if Role.FILLER not in word.roles]  # "10k en entrée"
    near = head[1:2] if head and (Role.TOKEN in head[0].roles) else head[:1]
    before = direction(before_fillers(reading.own_words(index)))
    after = direction(near)
    if after is not None and before is not None and near:
        position = reading.items.index(near[0], index)
        following = reading.items[position + 1 : position + 2]
        claimed = bool(following) and following[0].value is not None
        if claimed and direction(reading.next_words(position + 1, 2)) is None:
            return before
    return after or before


def _tight_period(after: list[Item]) -> float | None:
    """The period right after a token phrase: '(input) tokens a month', 'tokens/month'."""
    rest = list(itertools.dropwhile(lambda w: (Role.TOKEN in w.roles) or direction([w]), after))
    rest = list(itertools.dropwhile(lambda w: Role.RATE_LINK in w.roles, rest))
    return period_factor(rest[:1])


def _is_unit(items: list[Item], index: int) -> bool:
    """'$1 per 1M', '$2/1M', 'price per 1M in': the number is a price unit, not a count."""
    if index == 0:
        return False
    previous = items[index - 1]
    if Role.PAIR_MARK in previous.roles:
        return index >= 2 and items[index - 2].money
    return Role.UNIT_LINK in previous.roles


def _label(items: list[Item], index: int) -> list[Item]:
    """The words of a 'label: value' line before this number ('requests/month: 2,000,000')."""
    if index < 2 or Role.LABEL_MARK not in items[index - 1].roles:
        return []
    start = index - 1
    while (
        start > 0
        and items[start - 1].value is None
        and Role.LABEL_MARK not in items[start - 1].roles
    ):
        start -= 1
    return items[start : index - 1][-6:]


def _classify_labelled(reading: Reading, label: list[Item], value: float) -> bool:
    """A number bound to its label: requests (per period), input or output tokens."""
    if any_role(label, Role.REQUEST) and direction(label) is None:
        reading.put_requests(value, period_factor(label))
        return True
    kind = Role.INPUT if any_role(label, Role.INPUT_PREFIX) else direction(label)
    if kind is None or any_role(label, Role.CONTEXT) or any_role(label, Role.UPPER):
        return False
    period = period_factor(label)
    if period is not None and not per_request_marked(label):
        reading.put(f"monthly_{kind}_tokens", value * period)
    else:
        reading.put(f"{kind}_tokens", value)
    return True


def _slash_pair(reading: Reading, index: int) -> bool:
    """'2000/500 tokens': input and output tokens per request."""
    items = reading.items
    if index + 2 >= len(items) or Role.PAIR_MARK not in items[index + 1].roles:
        return False
    other = items[index + 2]
    following = reading.words(index + 3, index + 4)
    if other.value is None or not following or Role.TOKEN not in following[0].roles:
        return False
    other.used = True
    reading.put(Field.INPUT_TOKENS, items[index].value or 0.0)
    reading.put(Field.OUTPUT_TOKENS, other.value)
    return True


def _ratio(reading: Reading, index: int) -> bool:
    """'4:1', '80/20' (then 'input:output', 'in/out' or a split word): a token split."""
    items = reading.items
    mark = items[index + 1].roles if index + 2 < len(items) else frozenset()
    if Role.RATIO_MARK not in mark and Role.PAIR_MARK not in mark:
        return False
    first, other = items[index], items[index + 2]
    if other.value is None or first.value is None or other.money:
        return False
    near = reading.words(index + 3, index + 6) + reading.words(index - 3, index)
    colon = Role.RATIO_MARK in mark and max(first.value, other.value) <= 100
    hundred = abs(first.value + other.value - 100) < 1e-9
    named = any_role(near, Role.RATIO) or direction(near) or reading.tokens_total is not None
    if not (colon or hundred) or not (named or colon):
        return False  # "80/20" after "2B tokens a month" needs no word to be a split
    if any_role(reading.words(index + 3, index + 4), Role.TOKEN):
        return False  # "2000/500 tokens" is a pair of sizes
    other.used = True
    if first.value + other.value > 0:
        flip = direction(reading.words(index + 3, index + 8)) == Role.OUTPUT
        reading.ratio = (other.value, first.value) if flip else (first.value, other.value)
    return True


def _periodic_count(reading: Reading, item: Item, after: list[Item]) -> bool:
    """'20k a day', '500k per month': a count with a period and no unit counts requests.

    A period noun right after the number is a duration, not a rate ('a 3-year contract').
    """
    rest = [w for w in after[:3] if Role.RATE_LINK not in w.roles][:1]
    period = period_factor(rest)
    rate = bool(after) and is_rate(after[0])
    if period is not None and item.value and not rate and is_duration(rest[0]):
        reading.put(Field.MONTHS, item.value / period)  # "a 3-year contract": 36 months, no rate
        return True
    if period is not None and item.value and rate:
        reading.put_requests(item.value, period)
        return True
    return False


def _is_limit(item: Item, after: list[Item], before: list[Item]) -> bool:
    """'top 3', 'best 2', '3 cheapest', '5 models': a small whole number sizing a list."""
    value = item.value or 0.0
    if not value.is_integer() or not 1 <= value <= MAX_LIMIT or item.scaled or item.money:
        return False
    if after[:1] and (Role.TOKEN in after[0].roles):
        return False
    previous = before[-1:]
    return any_role(previous, Role.LIMIT_BEFORE) or any_role(after[:1], Role.LIMIT_AFTER)
