"""Years in a question ("in 2023", "since 2022", "2022 to 2024"): a release-year range, never
a count of tokens or requests."""

from __future__ import annotations

from assistant.engine.quantities.context import (
    Reading,
    YearSpan,
    any_role,
    before_fillers,
    direction,
    period_factor,
)
from assistant.engine.quantities.model import YEAR_OPEN_HIGH, YEAR_OPEN_LOW
from assistant.engine.quantities.roles import Role
from assistant.engine.quantities.scan import Item

_NOT_YEAR_AFTER = (
    Role.TOKEN,
    Role.REQUEST,
    Role.USER,
    Role.PAGE,
    Role.OTHER_UNIT,
    Role.CONTEXT,
    Role.SCALE,
    Role.MONEY,
)


def read_year(reading: Reading, index: int, after: list[Item], before: list[Item]) -> bool:
    """Record items[index] as a year unless a unit, direction or rate after it says otherwise."""
    first = after[:1]
    if first and (any(any_role(first, role) for role in _NOT_YEAR_AFTER) or direction(first)):
        return False
    if first and (first[0].period is not None or (Role.RATE_LINK in first[0].roles)):
        follows = reading.items[index + 1 : index + 2]
        if follows and follows[0] is first[0] and period_factor(after[:3]) is not None:
            return False  # "2000 a day", "2000/month": a rate
    year = int(reading.items[index].value or 0)
    reading.years.append(_span(reading, index, year, after, before))
    return True


def _span(
    reading: Reading, index: int, year: int, after: list[Item], before: list[Item]
) -> YearSpan:
    """The range one year allows, from the bound words around it."""
    joined = _joined_to(reading, index)
    if joined is not None:
        low = min(joined.year, year)
        return YearSpan(index=index, year=year, low=low, high=max(joined.year, year), bound=False)
    last = before_fillers(before)
    if any_role(after[:2], Role.YEAR_LATER) or any_role(last, Role.YEAR_SINCE):
        return YearSpan(index=index, year=year, low=year, high=YEAR_OPEN_HIGH, bound=True)
    if any_role(after[:2], Role.YEAR_EARLIER) or any_role(last, Role.YEAR_UNTIL):
        return YearSpan(index=index, year=year, low=YEAR_OPEN_LOW, high=year, bound=True)
    if any_role(last, Role.YEAR_AFTER):
        return YearSpan(index=index, year=year, low=year + 1, high=YEAR_OPEN_HIGH, bound=True)
    if any_role(last, Role.YEAR_BEFORE):
        return YearSpan(index=index, year=year, low=YEAR_OPEN_LOW, high=year - 1, bound=True)
    return YearSpan(index=index, year=year, low=year, high=year, bound=False)


def _joined_to(reading: Reading, index: int) -> YearSpan | None:
    """The year just before this one when only a range word joins them ('2022 to 2024')."""
    if not reading.years or index < 2 or Role.RANGE_LINK not in reading.items[index - 1].roles:
        return None
    previous = reading.years[-1]
    if previous.index != index - 2:
        return None
    reading.years.pop()  # the pair is one range: "from 2022 to 2024" is not "since 2022"
    return previous


def year_range(spans: list[YearSpan]) -> tuple[int, int] | None:
    """All stated years as one inclusive range: plain years joined, bounds intersected."""
    if not spans:
        return None
    plain = [span for span in spans if not span.bound]
    low = min((s.low for s in plain), default=YEAR_OPEN_LOW)
    high = max((s.high for s in plain), default=YEAR_OPEN_HIGH)
    for span in spans:
        if span.bound:
            low, high = max(low, span.low), min(high, span.high)
    return (low, high) if low <= high else None
