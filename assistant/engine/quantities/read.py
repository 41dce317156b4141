"""``parse_quantities``: scan a question, classify each number by the words around it, combine."""

from __future__ import annotations

from assistant.engine.quantities.combine import combine
from assistant.engine.quantities.context import Reading, counts_requests, period_factor
from assistant.engine.quantities.lexicon import Lexicon, default_lexicon
from assistant.engine.quantities.model import Quantities
from assistant.engine.quantities.money import classify_money, classify_share
from assistant.engine.quantities.plain import classify_plain
from assistant.engine.quantities.roles import Role
from assistant.engine.quantities.scan import scan

_EMPTY = Quantities()


def parse_quantities(text: str, lexicon: Lexicon | None = None) -> Quantities:
    """Find and classify every number in a normalised, model-masked question."""
    lexicon = lexicon or default_lexicon()
    items, _ = scan(text, lexicon)
    if not any(item.value is not None or (Role.HALF in item.roles) for item in items):
        return _EMPTY
    reading = Reading(items=items, lexicon=lexicon)
    reading.per_request = _states_requests(reading)
    reading.totals_over = _monthly_requests(reading) if reading.per_request else None
    for index, item in enumerate(items):
        if item.value is None or item.used:
            continue
        reading.current = item.raw if len(item.raw) <= 40 else item.raw[:37] + "..."
        if item.money:
            classify_money(reading, index)
        elif item.percent:
            classify_share(reading, index)
        else:
            classify_plain(reading, index)
    return combine(reading)


def _states_requests(reading: Reading) -> bool:
    """True when some number in the question counts requests ("40k req/day")."""
    return any(
        item.value is not None
        and not item.money
        and any((Role.REQUEST in word.roles) for word in reading.next_words(index, 2))
        for index, item in enumerate(reading.items)
    )


def _monthly_requests(reading: Reading) -> float | None:
    """The first request count, per month ('across 100k requests', '2000 requests a day')."""
    for index, item in enumerate(reading.items):
        after = reading.words(index + 1, index + 8)
        if item.value is not None and not item.money and counts_requests(reading.next_words(index)):
            return item.value * (period_factor(after[1:6]) or 1.0)
    return None
