"""The catalog-field mapping: every field a question may constrain or order by.

A field is a name (the lexicon's ``[fields.NAME]`` keys point here), a label for the reply,
how to read its value from a model (None = not sourced), and how to show a value. Benchmark
scores are fields too, named ``benchmark:<name>``. Adding a field is one entry here plus
its words in ``lexicon/fields.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from functools import lru_cache

import msgspec

from assistant.answers.facts import number, tokens_short
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog

BENCHMARK = "benchmark:"


class FieldKind(StrEnum):
    """What a field's values are."""

    COUNT = "count"
    YEAR = "year"
    DATE = "date"
    SCORE = "score"


class Field(msgspec.Struct, frozen=True, kw_only=True):
    """One constrainable, orderable catalog field."""

    name: str
    label: str  # "parameters", "context window"
    kind: FieldKind
    read: Callable[[Model], float | None]
    show: Callable[[float], str]


def _date_key(text: str | None) -> float | None:
    """A YYYY[-MM[-DD]] date as YYYYMMDD (missing parts as 00), None when unknown."""
    digits = (text or "").replace("-", "")[:8]
    if len(digits) < 4 or not digits.isdigit():
        return None
    return float(digits.ljust(8, "0"))


def _year(text: str | None) -> float | None:
    """The year of a YYYY[-MM[-DD]] date."""
    key = _date_key(text)
    return None if key is None else float(int(key) // 10_000)


def _count(value: float) -> str:
    """A parameter count in words: 8e9 -> '8B'."""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if value >= scale:
            return f"{value / scale:.1f}".rstrip("0").rstrip(".") + suffix
    return number(value)


def _day(value: float) -> str:
    """A YYYYMMDD key back as YYYY-MM-DD (YYYY-MM when the day is 00)."""
    text = f"{int(value):08d}"
    year, month, day = text[:4], text[4:6], text[6:]
    return year if month == "00" else f"{year}-{month}" if day == "00" else f"{year}-{month}-{day}"


def _tokens(value: float) -> str:
    return tokens_short(int(value))


def _year_text(value: float) -> str:
    return str(int(value))


# How each kind reads a model's attribute, and shows a value.
_READ: dict[FieldKind, Callable[[object], float | None]] = {
    FieldKind.COUNT: lambda v: None if v is None else float(v),  # type: ignore[arg-type]
    FieldKind.YEAR: lambda v: _year(v if isinstance(v, str) else None),
    FieldKind.DATE: lambda v: _date_key(v if isinstance(v, str) else None),
}
_SHOW: dict[FieldKind, Callable[[float], str]] = {FieldKind.YEAR: _year_text, FieldKind.DATE: _day}


def _model_field(
    name: str,
    label: str,
    kind: FieldKind,
    attribute: str,
    show: Callable[[float], str] | None = None,
) -> Field:
    """A field read from one Model attribute (``params_total``, ``release_date`` ...)."""
    convert = _READ[kind]
    return Field(
        name=name,
        label=label,
        kind=kind,
        read=lambda m: convert(getattr(m, attribute)),
        show=show or _SHOW[kind],
    )


# The catalog-field mapping: name, label, kind, the Model attribute it reads, its format.
FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        _model_field("params_total", "parameters", FieldKind.COUNT, "params_total", _count),
        _model_field(
            "params_active", "active parameters", FieldKind.COUNT, "params_active", _count
        ),
        _model_field(
            "context_window", "context window", FieldKind.COUNT, "context_window", _tokens
        ),
        _model_field("max_output", "max output", FieldKind.COUNT, "max_output", _tokens),
        _model_field("release_year", "release year", FieldKind.YEAR, "release_date"),
        _model_field("cutoff_year", "knowledge cutoff year", FieldKind.YEAR, "knowledge_cutoff"),
        _model_field("release", "release date", FieldKind.DATE, "release_date"),
        _model_field("deprecation_year", "deprecation year", FieldKind.YEAR, "deprecation_date"),
        _model_field("knowledge_cutoff", "knowledge cutoff", FieldKind.DATE, "knowledge_cutoff"),
    )
}


def field(catalog: Catalog, name: str) -> Field | None:
    """The field of a name, benchmark scores included; None for an unknown name."""
    if name.startswith(BENCHMARK):
        return _benchmark_field(catalog, name[len(BENCHMARK) :])
    return FIELDS.get(name)


@lru_cache(maxsize=256)
def _benchmark_field(catalog: Catalog, bench: str) -> Field:
    """A benchmark's score as a field (the model's sourced score on that benchmark)."""
    scores: dict[str, float] = {}
    same = _spelling(bench)
    for model in catalog.all_models():
        for row in catalog.benchmarks_for(model.id):
            # "SWE-Bench Pro" and "SWE Bench Pro" are one benchmark; the exact name wins
            if _spelling(row.name) == same and (row.name == bench or model.id not in scores):
                scores[model.id] = float(row.score)
    return Field(
        name=BENCHMARK + bench,
        label=f"{bench} score",
        kind=FieldKind.SCORE,
        read=lambda m: scores.get(m.id),
        show=lambda v: f"{v:.1f}".rstrip("0").rstrip("."),
    )


def _spelling(name: str) -> tuple[str, ...]:
    """A benchmark name's words, lower-cased, whatever joins them ("swe", "bench", "pro")."""
    return tuple(re.findall(r"[a-z0-9]+", name.lower()))


def benchmark_names(catalog: Catalog) -> tuple[str, ...]:
    """Every benchmark name the catalog has a score for."""
    names = {row.name for m in catalog.all_models() for row in catalog.benchmarks_for(m.id)}
    return tuple(sorted(names))


ValueOf = Callable[[Model], float | None]
