"""The reader's working state and the small questions it asks of the words around a number.

``Reading`` holds the scanned items and what has been found so far; the helpers answer,
from lexicon roles only, "is there a period here", "which direction", "does this count
requests" ... so the classifiers never compare against a literal word.
"""

from __future__ import annotations

import msgspec

from assistant.engine.quantities.lexicon import Lexicon
from assistant.engine.quantities.roles import Field, Role
from assistant.engine.quantities.scan import Item


class YearSpan(msgspec.Struct, frozen=True, kw_only=True):
    """One stated year or bound: where it was said, the year, and the range it allows."""

    index: int
    year: int
    low: int
    high: int
    bound: bool  # an open range ("since 2022"), intersected with the others


class Reading(msgspec.Struct, kw_only=True):
    """Mutable state while classifying one question's numbers."""

    items: list[Item]
    lexicon: Lexicon
    fields: dict[str, float] = msgspec.field(default_factory=dict)
    years: list[YearSpan] = msgspec.field(default_factory=list)
    absurd: list[str] = msgspec.field(default_factory=list)
    ratio: tuple[float, float] | None = None  # (input part, output part) of a stated split
    tokens_total: tuple[float, float | None] | None = None  # an undirected amount, its period
    single: bool = False
    per_request: bool = False  # some number counts requests: token amounts are per request
    totals_over: float | None = None  # that request count per month
    request_period: float | None = None  # the period the request count was stated over
    sources: dict[str, str] = msgspec.field(default_factory=dict)  # field -> number as typed
    current: str = ""  # the number being classified, as typed

    def put(self, name: str, value: float) -> None:
        """Keep the first value stated for a field."""
        if name not in self.fields:
            self.fields[name] = value
            self.sources[name] = self.current

    def put_requests(self, value: float, period: float | None) -> None:
        """A request count, per month once its period (if any) is applied."""
        if Field.REQUESTS_PER_MONTH not in self.fields:
            self.request_period = period
        self.put(Field.REQUESTS_PER_MONTH, value * (period or 1.0))

    def words(self, start: int, stop: int) -> list[Item]:
        """The word items (not numbers) of items[start:stop], clamped to the list."""
        return [item for item in self.items[max(start, 0) : max(stop, 0)] if item.word]

    def next_words(self, index: int, span: int = 2) -> list[Item]:
        """Up to ``span`` words after items[index], stopping at the next number."""
        out: list[Item] = []
        for item in self.items[index + 1 : index + 1 + span]:
            if item.value is not None:
                break
            out.append(item)
        return out

    def own_words(self, index: int, span: int = 4) -> list[Item]:
        """Up to ``span`` words before items[index], stopping at the previous number and its
        direction word: they are not this one's ('80% input, 20% output, 1B tokens')."""
        start = index
        while start > 0 and index - start < span and self.items[start - 1].value is None:
            start -= 1
        previous = self.items[start - 1] if start > 0 else None
        if previous is not None and previous.value is not None and start < index:
            theirs = (
                previous.percent or direction(self.items[max(start - 2, 0) : start - 1]) is None
            )
            if theirs and direction(self.items[start : start + 1]):
                start += 1  # "20% output, 1B tokens", "2k in 300 out": the word is the 20%'s
        return self.items[start:index]


def any_role(words: list[Item], role: str) -> bool:
    """True when one of these words holds the role."""
    return any(role in word.roles for word in words)


def period_factor(words: list[Item]) -> float | None:
    """The per-month factor of the first period among these words ('a day' -> 30), or None.

    A word that is both a link and a period ("an": a year in French) is a period only
    after another link ("par an").
    """
    for index, word in enumerate(words):
        if word.period is None:
            continue
        if Role.RATE_LINK not in word.roles or (
            index > 0 and (Role.RATE_LINK in words[index - 1].roles)
        ):
            return word.period
    return None


def is_rate(word: Item) -> bool:
    """A word that makes the period after it a rate: 'a', 'per', '/', or a rate adjective."""
    return Role.RATE_LINK in word.roles or Role.RATE in word.roles


def is_duration(word: Item) -> bool:
    """A month or year noun: after a bare number it is a term, not a rate ('3-year')."""
    return Role.PERIOD in word.roles and word.period is not None and word.period <= 1.0


def direction(words: list[Item]) -> str | None:
    """'input' or 'output' for the first direction word among these, else None."""
    for word in words:
        if Role.INPUT in word.roles:
            return Role.INPUT
        if Role.OUTPUT in word.roles:
            return Role.OUTPUT
    return None


def before_fillers(before: list[Item]) -> list[Item]:
    """The word before a number once fillers are skipped ('output is only 200 tokens')."""
    for word in reversed(before):
        if Role.FILLER not in word.roles:
            return [word]
    return []


def counts_requests(after: list[Item]) -> bool:
    """'4,000 support tickets', '50k req': a request word right after the number (not
    '150k-token ticket history', where the number counts tokens)."""
    if not after or (Role.TOKEN in after[0].roles) or direction(after[:1]):
        return False  # "500 out 1M req/mo": 500 counts output tokens, 1M the requests
    return any_role(after[:2], Role.REQUEST)


def per_request_marked(words: list[Item]) -> bool:
    """'each', or a request word after a link ('per chat', 'a request', '/req')."""
    for index, word in enumerate(words):
        if Role.EACH in word.roles:
            return True
        if (
            (Role.REQUEST in word.roles)
            and index > 0
            and (Role.RATE_LINK in words[index - 1].roles)
        ):
            return True
    return False
