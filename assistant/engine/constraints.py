"""Requirements on catalog fields, read from a question's words with the lexicon.

One pass over the tokens finds operator phrases ("fewer than", "at least", "since"),
numbers with their scale ("8b", "1.5 million", "2024"), field words ("parameters",
"released"), benchmark names, superlatives ("most", "newest") and order phrases ("by",
"ranked by"). An operator and a number make a constraint on the field named right after
the number (or just before the operator, or implied by the number's unit); a year makes a
release-year constraint with date words. Nothing here knows an English phrase: every word
comes from ``lexicon/fields.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import msgspec

from assistant.answers.fields import BENCHMARK, FIELDS, FieldKind
from assistant.answers.query import Constraint, Op, Ordering
from assistant.engine.lexicon import Lexicon

_NUMBER = re.compile(r"^(\$?)(\d+(?:\.\d+)?)([a-z]*)$")
_TOKEN = re.compile(r"<m>|\$?\d+(?:\.\d+)?[a-z]*|[a-z]+")
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6, "mio": 1e6}
_SCALES |= {"b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12}
_YEARS = (1990, 2100)
_WINDOW = 4  # how far a field word may sit from its number


class Requirements(msgspec.Struct, frozen=True, kw_only=True):
    """What a question requires of the models it asks for, and the tokens that said so."""

    constraints: tuple[Constraint, ...] = ()
    order: Ordering | None = None
    input_modalities: tuple[str, ...] = ()
    benchmarks: tuple[str, ...] = ()  # benchmark names mentioned
    used: frozenset[int] = frozenset()  # token positions the requirements came from


class _Number(msgspec.Struct, frozen=True):
    value: float
    unit: str  # the scale word or suffix ("b", "k", "billion"), "" for none
    end: int  # position after the number (and its scale word)
    money: bool
    year: bool


def tokens_of(masked: str) -> list[str]:
    """Tokens keeping decimals and a leading dollar sign ("$0.50", "1.5b")."""
    return _TOKEN.findall(masked)


def read_requirements(
    tokens: Sequence[str], lexicon: Lexicon, benchmarks: Mapping[tuple[str, ...], str]
) -> Requirements:
    """The constraints, order and modalities the tokens state."""
    if lexicon.triggers.isdisjoint(tokens) and not _any_benchmark(tokens, benchmarks):
        return _NOTHING  # no operator, superlative, order or modality word: nothing to read
    used: set[int] = set()
    constraints: list[Constraint] = []
    thresholds: set[str] = set()
    for start, end, op in _hits(tokens, lexicon.operators):
        found = _constraint(tokens, start, end, op, lexicon, benchmarks)
        if found is not None:
            constraint, span = found
            if constraint.field not in {c.field for c in constraints}:
                constraints.append(constraint)
                thresholds.add(constraint.field)
            used.update(span)
    order = _order(tokens, lexicon, benchmarks, thresholds, used)
    modal_hits = _hits(tokens, lexicon.input_modalities)
    bench_hits = _hits(tokens, benchmarks)
    for s, e, _ in (*modal_hits, *bench_hits):
        used.update(range(s, e))
    modalities = [value for _, _, value in modal_hits]
    named = [value for _, _, value in bench_hits]
    return Requirements(
        constraints=tuple(constraints),
        order=order,
        input_modalities=tuple(dict.fromkeys(modalities)),
        benchmarks=tuple(dict.fromkeys(named)),
        used=frozenset(used),
    )


Hit = tuple[int, int, str]
_NOTHING = Requirements()


def _any_benchmark(tokens: Sequence[str], benchmarks: Mapping[tuple[str, ...], str]) -> bool:
    """True when a token opens some benchmark name (a cheap gate before the full scan)."""
    firsts = {key[0] for key in benchmarks}
    return not firsts.isdisjoint(tokens)


def _hits(tokens: Sequence[str], table: Mapping[tuple[str, ...], str]) -> list[Hit]:
    """(start, end, value) of non-overlapping phrases, longest first, in question order."""
    taken: set[int] = set()
    found = []
    for size in range(4, 0, -1):
        for start in range(len(tokens) - size + 1):
            span = range(start, start + size)
            if taken.intersection(span):
                continue
            value = table.get(tuple(tokens[start : start + size]))
            if value is not None:
                found.append((start, start + size, value))
                taken.update(span)
    return sorted(found)


def _number(tokens: Sequence[str], index: int) -> _Number | None:
    """The number starting at ``index`` with its scale, or None."""
    if index >= len(tokens):
        return None
    match = _NUMBER.match(tokens[index])
    if match is None:
        return None
    dollar, digits, suffix = match.groups()
    if suffix and suffix not in _SCALES:
        return None
    end = index + 1
    unit = suffix
    if not suffix and end < len(tokens) and tokens[end] in _SCALES:
        unit, end = tokens[end], end + 1
    value = float(digits) * _SCALES.get(unit, 1.0)
    year = not unit and digits.isdigit() and _YEARS[0] <= value <= _YEARS[1]
    return _Number(value=value, unit=unit, end=end, money=bool(dollar), year=year)


def _field_near(
    tokens: Sequence[str],
    start: int,
    stop: int,
    lexicon: Lexicon,
    benchmarks: Mapping[tuple[str, ...], str],
    nearest: bool = False,
) -> tuple[str, range] | None:
    """The first (or, with ``nearest``, the last) field word or benchmark name in
    tokens[start:stop] (clamped)."""
    start, stop = max(0, start), min(len(tokens), stop)
    hits = [(s, e, v) for s, e, v in _hits(tokens[start:stop], lexicon.field_words)] + [
        (s, e, BENCHMARK + v) for s, e, v in _hits(tokens[start:stop], benchmarks)
    ]
    if not hits:
        return None
    s, e, value = max(hits) if nearest else min(hits)
    return value, range(start + s, start + e)


def _stop(tokens: Sequence[str], begin: int, lexicon: Lexicon) -> int:
    """Where a number's field words end: the window, cut at the next operator or order
    phrase ("above 32768 ranked by Aider": the benchmark belongs to the order)."""
    stop = min(len(tokens), begin + _WINDOW)
    for index in range(begin, stop):
        if tokens[index] in lexicon.window_stops:
            return index
        if (tokens[index],) in lexicon.operators and _number(tokens, index + 1) is not None:
            return index  # another operator and its number: another constraint
    return stop


def _constraint(
    tokens: Sequence[str],
    start: int,
    end: int,
    op: str,
    lexicon: Lexicon,
    benchmarks: Mapping[tuple[str, ...], str],
) -> tuple[Constraint, range] | None:
    """The constraint an operator at tokens[start:end] makes with the number after it."""
    number = _number(tokens, end)
    if number is None or number.money:
        return None
    upper = None
    last = number.end
    if op == Op.BETWEEN:
        nxt = _number(tokens, number.end + 1) if number.end < len(tokens) else None
        if nxt is None or nxt.money:
            return None
        upper, last = nxt.value, nxt.end
        if nxt.unit and not number.unit:  # "between 7 and 14b": the scale covers both
            number = msgspec.structs.replace(
                number, value=number.value * _SCALES[nxt.unit], unit=nxt.unit
            )
    dated = number.year and tuple(tokens[start:end]) in lexicon.date_operators
    before = _field_near(tokens, start - _WINDOW, start, lexicon, benchmarks, nearest=True)
    after = _field_near(tokens, last, _stop(tokens, last, lexicon), lexicon, benchmarks)
    adjacent = before is not None and before[1].stop == start  # "max output above 32768"
    near = before if adjacent else after or before
    name = near[0] if near else lexicon.unit_fields.get(number.unit)
    if dated and (name is None or _kind(name) != FieldKind.YEAR):
        near, name = None, "release_year"  # "before 2024": a date, whatever field is near
    if name is None:
        return None
    if (_kind(name) == FieldKind.YEAR) != bool(number.year) or (op == Op.EQ and not dated):
        return None  # a year needs a year field; a bare "in"/"from" takes only a year
    span = range(start, max(last, near[1].stop if near else last))
    words = " ".join(tokens[start:last])
    value = number.value
    if op == Op.BETWEEN and upper is not None and upper < value:
        value, upper = upper, value
    return Constraint(field=name, op=Op(op), value=value, upper=upper, words=words), span


def _kind(name: str) -> FieldKind:
    """The kind of a field name (a score for benchmarks)."""
    spec = FIELDS.get(name)
    return spec.kind if spec is not None else FieldKind.SCORE


def _order(
    tokens: Sequence[str],
    lexicon: Lexicon,
    benchmarks: Mapping[tuple[str, ...], str],
    thresholds: set[str],
    used: set[int],
) -> Ordering | None:
    """The order the question asks: a superlative with its field, or 'by <field>'."""
    order_words = {key: key for key in lexicon.orders}
    for start, end, key in _hits(tokens, order_words):  # type: ignore[arg-type]
        if used.intersection(range(start, end)):
            continue  # "at least" was an operator, not the superlative "least"
        spec = lexicon.orders[key]  # type: ignore[index]
        near = None if spec.fixed else _field_near(tokens, end, end + 3, lexicon, benchmarks)
        name = near[0] if near else spec.default
        if name is None:
            continue
        used.update(range(start, near[1].stop if near else end))
        return Ordering(field=name, descending=spec.descending, words=" ".join(tokens[start:end]))
    by_words = {key: "by" for key in lexicon.order_by}
    for start, end, _ in _hits(tokens, by_words):
        near = _field_near(tokens, end, end + 2, lexicon, benchmarks)
        if near is None or near[1].start > end + 1:  # the field right after ("by the X")
            continue
        if near[0] in thresholds:
            continue
        used.update(range(start, near[1].stop))
        words = " ".join(tokens[start : near[1].stop])
        return Ordering(field=near[0], descending=True, words=words)
    named = [BENCHMARK + v for _, _, v in _hits(tokens, benchmarks)]
    for name in named:
        if name not in thresholds:
            return Ordering(field=name, descending=True, words=name[len(BENCHMARK) :])
    return None
