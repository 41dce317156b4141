"""Dollar figures (a budget or a price ceiling) and percentages (cached, batch or input share)."""

from __future__ import annotations

from assistant.engine.quantities.context import Reading, any_role, direction, period_factor
from assistant.engine.quantities.roles import Field, Role


def classify_money(reading: Reading, index: int) -> None:
    """A dollar figure: a budget with a period or the budget word, else a price ceiling."""
    items = reading.items
    item = items[index]
    assert item.value is not None
    nxt = items[index + 1 : index + 7]
    for offset, other in enumerate(nxt):  # "$1 per 1M tokens": the 1M is the price unit
        if other.value is not None:  # "$200/month, 20k requests": 20k is no unit
            link = nxt[offset - 1] if offset >= 1 else None
            if (
                offset <= 2
                and link is not None
                and ((Role.RATE_LINK in link.roles) or (Role.UNIT_LINK in link.roles))
            ):
                other.used = True
            break
    around = reading.words(index - 4, index) + reading.words(index + 1, index + 7)
    following = [w for w in reading.words(index + 1, index + 4) if Role.RATE_LINK not in w.roles]
    period = period_factor(following[:1])
    if period is not None or any_role(around, Role.BUDGET):
        reading.put(Field.BUDGET, item.value * (period or 1.0))  # "$500 a month", "a $2k budget"
        return
    if any_role(around, Role.OUTPUT):
        reading.put(Field.MAX_OUTPUT_PRICE, item.value)
    elif any((Role.INPUT in word.roles) and Role.PREPOSITION not in word.roles for word in around):
        reading.put(Field.MAX_INPUT_PRICE, item.value)  # "under $1 in ..." names no input price
    else:
        reading.put(Field.MAX_PRICE, item.value)


def classify_share(reading: Reading, index: int) -> None:
    """A percentage: the cached-input share, the batch share, or input's share of tokens."""
    value = reading.items[index].value
    assert value is not None
    share = min(value / 100, 1.0)
    around = reading.words(index - 5, index) + reading.words(index + 1, index + 6)
    if any_role(around, Role.CACHE):
        reading.put(Field.CACHED_SHARE, share)
    elif any_role(around, Role.BATCH):
        reading.put(Field.BATCH_SHARE, share)
    else:
        kind = direction(reading.words(index + 1, index + 3))
        if kind is not None and reading.ratio is None:  # "80% input, 20% output"
            reading.ratio = (share, 1.0 - share) if kind == Role.INPUT else (1.0 - share, share)
