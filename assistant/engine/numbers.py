"""Quantities in a question: token counts, traffic, prices, context sizes, shares, list sizes.

Works on normalised text with model mentions already masked, so "gpt-4" never yields a 4.
"""

from __future__ import annotations

import itertools
import re

import msgspec

from assistant.answers.query import Traffic


class Quantities(msgspec.Struct, frozen=True, kw_only=True):
    """Every number the question states, classified by what it measures (None = not stated)."""

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
    memory_gb: float | None = None  # GPU / machine memory: "a 24 GB GPU", "fits in 48gb"

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


_SUFFIX = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_WORD_NUMBERS = {
    "a": "1",
    "an": "1",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "ten": "10",
    "twenty": "20",
    "fifty": "50",
    "hundred": "100",
}
_WORD_QTY = re.compile(
    r"\b(a|an|one|two|three|four|five|ten|twenty|fifty|hundred)\s+(thousand|million|billion)\b"
)
_MAY_HAVE_NUMBER = re.compile(r"\d|thousand|million|billion|half")
_HALF = re.compile(r"\bhalf\s+(?:a|one)\s+(million|billion)\b")
_TOKEN = re.compile(
    r"(?P<num>(?<![\w.\-])\$?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:k|mn|m|mil|bn|b|thousand|millions|million|billion)\b)?\s?%?)"
    r"|(?P<word>[a-z]+)|(?P<sym>[/$<>%:=])"
)
_NUM = re.compile(r"\$?(\d[\d,]*(?:\.\d+)?)\s?([a-z]+)?\s?(%)?")

_PERIODS = {
    "second": 30 * 24 * 3600.0,
    "sec": 30 * 24 * 3600.0,
    "minute": 30 * 24 * 60.0,
    "min": 30 * 24 * 60.0,
    "hour": 720.0,
    "hourly": 720.0,
    "day": 30.0,
    "daily": 30.0,
    "week": 30 / 7,
    "weekly": 30 / 7,
    "month": 1.0,
    "monthly": 1.0,
    "mo": 1.0,
    "year": 1 / 12,
    "yearly": 1 / 12,
    "annually": 1 / 12,
}
_REQUEST_WORDS = frozenset(
    [
        "requests",
        "request",
        "reqs",
        "req",
        "calls",
        "call",
        "queries",
        "query",
        "messages",
        "message",
        "conversations",
        "conversation",
        "chats",
        "chat",
        "tickets",
        "ticket",
        "sessions",
        "session",
        "interactions",
        "emails",
        "prompts",
        "completions",
        "generations",
        "api",
    ]
)
# "per ticket", "each": token amounts counted per request, not per month.
_PER_REQUEST = frozenset(
    ["each", *(w for w in _REQUEST_WORDS if not w.endswith("s") and w != "api")]
)
_USER_WORDS = frozenset(["users", "user", "customers", "customer", "employees", "seats", "agents"])
_LABEL_MARKS = frozenset([":", "="])
_PERIOD_LINKS = frozenset(["a", "an", "per", "/", "each", "every"])
_TOKEN_WORDS = frozenset(["tokens", "token", "tok", "toks"])
_PAGE_WORDS = frozenset(["page", "pages", "pp"])
_MEMORY_WORDS = frozenset(["gb", "gib", "gigabytes", "gigabyte", "g"])
_UNIT_LINKS = frozenset(["per", "/", "for", "every", "each"])
_INPUT_WORDS = frozenset(["in", "input", "inputs"])
_OUTPUT_WORDS = frozenset(["out", "output", "outputs", "completion", "response", "responses"])
_CONTEXT_WORDS = frozenset(["context", "ctx", "window"])
_CACHE_WORDS = frozenset(["cache", "cached", "caching"])
_LIMIT_WORDS = frozenset(
    [
        "cheapest",
        "cheap",
        "best",
        "top",
        "models",
        "newest",
        "latest",
        "largest",
        "biggest",
        "options",
        "fastest",
        "smartest",
        "strongest",
    ]
)
_LIMIT_BEFORE = frozenset(["top", "best", "first", "cheapest", "newest", "largest", "biggest"])
# Words that may sit between a direction word and its number: "output is only 200 tokens".
_FILLER_WORDS = frozenset(
    [
        "is",
        "are",
        "be",
        "was",
        "only",
        "just",
        "of",
        "about",
        "around",
        "roughly",
        "approx",
        "approximately",
        "at",
        "to",
        "now",
        "like",
        "maybe",
        "=",
        ":",
        "~",
    ]
)
MAX_LIMIT = 50  # a list size; anything larger is some other quantity
SMALL_CONTEXT = 1000  # an unscaled number below this is never a context size


class _Item(msgspec.Struct, kw_only=True):
    """One scanned token: a number (value, flags) or a word."""

    word: str = ""
    value: float | None = None
    money: bool = False
    percent: bool = False
    scaled: bool = False
    params: bool = False  # "70b" glued: a parameter count unless tokens follow
    used: bool = False


def _expand_words(text: str) -> str:
    """Spell out 'a million', 'half a million' and friends as digits."""
    text = _HALF.sub(lambda m: "0.5 " + m.group(1), text)
    return _WORD_QTY.sub(lambda m: _WORD_NUMBERS[m.group(1)] + " " + m.group(2), text)


def _number_item(raw: str) -> _Item | None:
    """Parse one number token such as '$1.5', '200k', '30%', '1,000'."""
    match = _NUM.match(raw.strip())
    if match is None:
        return None
    digits, suffix, percent = match.groups()
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    scale = _SUFFIX.get(suffix or "", 1.0)
    return _Item(
        value=value * scale,
        money=raw.startswith("$"),
        percent=percent is not None,
        scaled=scale != 1.0,
        params=suffix in {"b", "bn"} and " " not in raw.strip(),
    )


def _scan(text: str) -> list[_Item]:
    """Split text into number items and word items, in order."""
    items: list[_Item] = []
    for match in _TOKEN.finditer(_expand_words(text)):
        if match.group("num"):
            item = _number_item(match.group("num"))
            if item is not None:
                items.append(item)
        elif match.group("word"):
            word = match.group("word")
            if word in {"usd", "dollars", "dollar", "bucks"} and items and items[-1].value:
                items[-1].money = True
                continue
            items.append(_Item(word=word))
        else:
            items.append(_Item(word=match.group("sym")))
    return items


def _words(items: list[_Item], start: int, stop: int) -> list[str]:
    """The words (not numbers) of items[start:stop], clamped to the list."""
    return [item.word for item in items[max(start, 0) : max(stop, 0)] if item.word]


def _period_factor(after: list[str]) -> float | None:
    """Requests-per-month factor from words like 'a day', 'per hour'; None when none."""
    for word in after:
        base = word[:-1] if word.endswith("s") and word[:-1] in _PERIODS else word
        if base in _PERIODS:
            return _PERIODS[base]
    return None


class _Acc(msgspec.Struct, kw_only=True):
    """Mutable accumulator while classifying numbers."""

    fields: dict[str, float] = msgspec.field(default_factory=dict)

    def put(self, name: str, value: float) -> None:
        """Keep the first value stated for a field."""
        self.fields.setdefault(name, value)


def _classify_money(items: list[_Item], index: int, acc: _Acc) -> None:
    """A dollar figure: a price ceiling, per input or output tokens when said."""
    item = items[index]
    assert item.value is not None
    nxt = items[index + 1 : index + 7]
    for offset, other in enumerate(nxt):  # "$1 per 1M tokens": the 1M is the price unit
        if other.value is not None:  # "$200/month, 20k requests": 20k is no unit
            if 1 <= offset <= 2 and nxt[offset - 1].word in _UNIT_LINKS:
                other.used = True
            break
    around = _words(items, index - 4, index) + _words(items, index + 1, index + 7)
    following = [w for w in _words(items, index + 1, index + 4) if w not in _PERIOD_LINKS]
    period = _period_factor(following[:1])
    if period is not None or "budget" in around:
        acc.put("budget", item.value * (period or 1.0))  # "$500 a month", "a $2k budget"
        return
    if any(word in _OUTPUT_WORDS for word in around):
        acc.put("max_output_price", item.value)
    elif any(word in _INPUT_WORDS - {"in"} for word in around):
        acc.put("max_input_price", item.value)
    else:
        acc.put("max_price", item.value)


def _classify_share(items: list[_Item], index: int, acc: _Acc) -> None:
    """A percentage: the cached-input share or the batch share."""
    value = items[index].value
    assert value is not None
    around = _words(items, index - 5, index) + _words(items, index + 1, index + 6)
    if any(word in _CACHE_WORDS for word in around):
        acc.put("cached_share", min(value / 100, 1.0))
    elif any(word.startswith("batch") for word in around):
        acc.put("batch_share", min(value / 100, 1.0))


def _classify_tokens(
    after: list[str],
    before: list[str],
    item: _Item,
    acc: _Acc,
    per_request: bool = False,
    totals_over: float | None = None,
) -> bool:
    """Token amounts: per-request or monthly input/output, context, or a document size.

    With a request count in the question ("40k req/day, 2k in / 300 out, monthly?"), token
    amounts are per request and a period word belongs to the requests, unless the requests
    have no period (``totals_over`` is their count) and a period follows the token phrase
    itself with at least one token per request: then the amount is a monthly total.
    """
    value = item.value or 0.0
    head = after[:3]
    if item.params and not any(w in _TOKEN_WORDS for w in head[:2]):
        return True  # "a 70b model with 128k context": 70b is a parameter count
    if head[:1] == ["prompt"]:  # "2k prompt tokens" is input; "a 1M token prompt" is a size
        head = ["input", *head[1:]]
    near = head[1:2] if head[:1] and head[0] in _TOKEN_WORDS else head[:1]
    kind = _direction(near) or _direction(_before_fillers(before))
    period = None if per_request else _period_factor(after[:6])
    if per_request and totals_over is not None and value >= totals_over:
        period = _tight_period(after)  # "50M input tokens a month across 100k requests"
    if kind is not None:
        if period is not None and _PER_REQUEST.isdisjoint(after[:6]):
            acc.put(f"monthly_{kind}_tokens", value * period)
        else:
            acc.put(f"{kind}_tokens", value)
        return True
    sized = item.scaled or value >= SMALL_CONTEXT or any(w in _TOKEN_WORDS for w in head)
    if sized and any(w in _CONTEXT_WORDS for w in after[:3] + before[-4:]):
        acc.put("context_tokens", value)  # "128 context" is no size: needs k/M or "tokens"
        return True
    if any(w in _TOKEN_WORDS for w in head):
        if period is not None:
            acc.put("monthly_input_tokens", value * period)
        else:
            acc.put("token_count", value)
        return True
    return False


def _before_fillers(before: list[str]) -> list[str]:
    """The word before a number once fillers are skipped ('output is only 200 tokens')."""
    for word in reversed(before):
        if word not in _FILLER_WORDS:
            return [word]
    return []


def _direction(words: list[str]) -> str | None:
    """'input' or 'output' for the first direction word among these, else None."""
    for word in words:
        if word in _INPUT_WORDS:
            return "input"
        if word in _OUTPUT_WORDS:
            return "output"
    return None


def _slash_pair(items: list[_Item], index: int, acc: _Acc) -> bool:
    """'2000/500 tokens': input and output tokens per request."""
    if index + 2 >= len(items) or items[index + 1].word != "/":
        return False
    other = items[index + 2]
    if other.value is None or not _words(items, index + 3, index + 5):
        return False
    if _words(items, index + 3, index + 4)[0] not in _TOKEN_WORDS:
        return False
    other.used = True
    acc.put("input_tokens", items[index].value or 0.0)
    acc.put("output_tokens", other.value)
    return True


def _is_unit(items: list[_Item], index: int) -> bool:
    """'$1 per 1M', '$2/1M', 'price per 1M in': the number is a price unit, not a count."""
    if index == 0:
        return False
    previous = items[index - 1].word
    return previous == "per" or (previous == "/" and index >= 2 and items[index - 2].money)


def _is_request_word(word: str) -> bool:
    """Requests, calls, queries ... (and typos such as 'reqests')."""
    return word in _REQUEST_WORDS or word.startswith("req")


def _states_requests(items: list[_Item]) -> bool:
    """True when some number in the question counts requests ("40k req/day")."""
    return any(
        item.value is not None
        and not item.money
        and any(_is_request_word(w) for w in _words(items, index + 1, index + 3))
        for index, item in enumerate(items)
    )


def _unperiodic_requests(items: list[_Item]) -> float | None:
    """The request count when no period follows it ('across 100k requests'), else None."""
    for index, item in enumerate(items):
        after = _words(items, index + 1, index + 8)
        if item.value is not None and not item.money and _counts_requests(after):
            return None if _period_factor(after[1:6]) is not None else item.value
    return None


def _tight_period(after: list[str]) -> float | None:
    """The period right after a token phrase: '(input) tokens a month', 'tokens/month'."""
    rest = list(itertools.dropwhile(lambda w: w in _TOKEN_WORDS or _direction([w]), after))
    rest = list(itertools.dropwhile(lambda w: w in _PERIOD_LINKS, rest))
    return _period_factor(rest[:1])


def _classify_plain(
    items: list[_Item],
    index: int,
    acc: _Acc,
    per_request: bool = False,
    totals_over: float | None = None,
) -> None:
    """A bare number: requests, tokens, context, or a list size."""
    value = items[index].value
    assert value is not None
    after = _words(items, index + 1, index + 8)
    before = _words(items, index - 4, index)
    if _is_unit(items, index):
        return
    label = _label(items, index)
    if label and _classify_labelled(label, value, acc):
        return
    if _slash_pair(items, index, acc):
        return
    if _counts_requests(after):
        acc.put("requests_per_month", value * (_period_factor(after[1:6]) or 1.0))
        return
    if after[:1] and after[0] in _PAGE_WORDS:
        acc.put("pages", value)  # "a 300-page pdf": a size in pages, never read as tokens
        return
    if after[:1] and after[0] in _MEMORY_WORDS:
        acc.put("memory_gb", value)  # "a 24 GB GPU": memory, never tokens or a list size
        return
    if after[:1] and after[0] in _USER_WORDS:
        acc.put("users", value)  # "2,000 users, 15 messages a day each"
        return
    if _is_limit(items[index], after, before):
        acc.put("limit", value)
        return
    if _classify_tokens(after, before, items[index], acc, per_request, totals_over):
        return
    if not _periodic_count(items[index], after, acc) and (items[index].scaled or value >= 10_000):
        acc.put("bare", value)  # "and a 300K one?": a size whose unit the last turn said


def _counts_requests(after: list[str]) -> bool:
    """'4,000 support tickets', '50k req': a request word right after the number (not
    '150k-token ticket history', where the number counts tokens)."""
    if not after or after[0] in _TOKEN_WORDS or _direction(after[:1]):
        return False  # "500 out 1M req/mo": 500 counts output tokens, 1M the requests
    return any(_is_request_word(w) for w in after[:2])


def _label(items: list[_Item], index: int) -> list[str]:
    """The words of a 'label: value' line before this number ('requests/month: 2,000,000')."""
    if index < 2 or items[index - 1].word not in _LABEL_MARKS:
        return []
    start = index - 1
    while (
        start > 0 and items[start - 1].value is None and items[start - 1].word not in _LABEL_MARKS
    ):
        start -= 1
    return [item.word for item in items[start : index - 1]][-6:]


def _classify_labelled(label: list[str], value: float, acc: _Acc) -> bool:
    """A number bound to its label: requests (per period), input or output tokens."""
    if any(_is_request_word(w) for w in label) and _direction(label) is None:
        acc.put("requests_per_month", value * (_period_factor(label) or 1.0))
        return True
    kind = _direction(["input" if w == "prompt" else w for w in label])
    if kind is None or "max" in label or "context" in label:
        return False
    period = _period_factor(label)
    if period is not None and _PER_REQUEST.isdisjoint(label):
        acc.put(f"monthly_{kind}_tokens", value * period)
    else:
        acc.put(f"{kind}_tokens", value)
    return True


def _periodic_count(item: _Item, after: list[str], acc: _Acc) -> bool:
    """'20k a day', '500k per month': a count with a period and no unit counts requests.

    A period noun right after the number is a duration, not a rate ('a 3-year contract').
    """
    rest = [w for w in after[:3] if w not in _PERIOD_LINKS][:1]
    period = _period_factor(rest)
    rate = bool(after) and (after[0] in _PERIOD_LINKS or after[0].endswith("ly"))
    if period is not None and item.value and not rate and rest[0].startswith(("month", "year")):
        acc.put("months", item.value / period)  # "a 3-year contract": 36 months, no rate
        return True
    if period is not None and item.value and rate:
        acc.put("requests_per_month", item.value * period)
        return True
    return False


def _is_limit(item: _Item, after: list[str], before: list[str]) -> bool:
    """'top 3', 'best 2', '3 cheapest', '5 models': a small whole number sizing a list."""
    value = item.value or 0.0
    if not value.is_integer() or not 1 <= value <= MAX_LIMIT or item.scaled or item.money:
        return False
    if after[:1] and after[0] in _TOKEN_WORDS:
        return False
    previous = before[-1] if before else ""
    following = after[0] if after else ""
    return previous in _LIMIT_BEFORE or following in _LIMIT_WORDS


def parse_quantities(text: str) -> Quantities:
    """Find and classify every number in a normalised, model-masked question."""
    if not _MAY_HAVE_NUMBER.search(text):
        return Quantities()
    items = _scan(text.replace("<m>", " model "))
    acc = _Acc()
    per_request = _states_requests(items)
    totals_over = _unperiodic_requests(items) if per_request else None
    for index, item in enumerate(items):
        if item.value is None or item.used:
            continue
        if item.money:
            _classify_money(items, index, acc)
        elif item.percent:
            _classify_share(items, index, acc)
        else:
            _classify_plain(items, index, acc, per_request, totals_over)
    _half_batch(items, acc)
    _per_user(items, acc)
    _same_period(acc)
    return _to_quantities(acc.fields)


def _per_user(items: list[_Item], acc: _Acc) -> None:
    """'2,000 users, each sending 15 messages a day': requests per user times users."""
    users = acc.fields.pop("users", None)
    if users is None or "requests_per_month" not in acc.fields:
        return
    words = [item.word for item in items]
    pairs = itertools.pairwise(words)
    if "each" in words or any(a in _PERIOD_LINKS and b in _USER_WORDS for a, b in pairs):
        acc.fields["requests_per_month"] *= users


def _same_period(acc: _Acc) -> None:
    """'50M input tokens/month and 5M output': the other direction shares the month.

    With a request count, only an amount of at least one token per request can be a total.
    """
    fields = acc.fields
    floor = fields.get("requests_per_month", 0.0)
    for kind, other in (("input", "output"), ("output", "input")):
        if f"monthly_{kind}_tokens" in fields and fields.get(f"{other}_tokens", -1.0) >= floor:
            fields.setdefault(f"monthly_{other}_tokens", fields.pop(f"{other}_tokens"))


def _half_batch(items: list[_Item], acc: _Acc) -> None:
    """'half batch', 'half of it through the batch api': a 50% share."""
    words = [item.word for item in items]
    for index, word in enumerate(words):
        if word == "half":
            near = words[index + 1 : index + 6]
            if any(w.startswith("batch") for w in near):
                acc.put("batch_share", 0.5)
            elif any(w in _CACHE_WORDS for w in near):
                acc.put("cached_share", 0.5)


def _to_quantities(fields: dict[str, float]) -> Quantities:
    """Freeze the accumulated fields, casting counts to int."""
    ints = {"token_count", "context_tokens", "limit", "bare", "pages", "months"}
    values = {name: int(value) if name in ints else value for name, value in fields.items()}
    return msgspec.convert(values, Quantities)


def apply_traffic(base: Traffic, quantities: Quantities) -> Traffic:
    """The conversation's traffic with whatever this question states replacing its parts."""
    if not quantities.has_traffic():
        return base
    requests = quantities.requests_per_month
    inputs = quantities.input_tokens or base.input_tokens
    if requests is None and quantities.monthly_input_tokens is not None:
        requests = quantities.monthly_input_tokens / max(inputs, 1.0)
    requests = requests if requests is not None else base.requests_per_month
    if quantities.monthly_input_tokens is not None and quantities.input_tokens is None:
        inputs = quantities.monthly_input_tokens / max(requests, 1.0)
    outputs = quantities.output_tokens or base.output_tokens
    if quantities.monthly_output_tokens is not None and quantities.output_tokens is None:
        outputs = quantities.monthly_output_tokens / max(requests, 1.0)
    return Traffic(
        requests_per_month=requests,
        input_tokens=inputs,
        output_tokens=outputs,
        cached_input_share=_share(quantities.cached_share, base.cached_input_share),
        batch_share=_share(quantities.batch_share, base.batch_share),
        given=True,
    )


def _share(value: float | None, default: float) -> float:
    """A share clamped to 0..1, or the default when not stated."""
    return default if value is None else min(max(value, 0.0), 1.0)
