"""What each source reader hands the build: observations of models and routes, and a report.

An ``Observation`` is one source's statement about one model (and maybe one route),
before linking. The build links observations to canonical model ids, merges them
by precedence (``rank``: lower wins), and keeps every value as a fact.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import msgspec

# Precedence ranks, lower wins (see build.py's docstring).
RANK_OVERLAY = 0
RANK_MODELS = 1
RANK_LAB_PROVIDER = 2
RANK_PROVIDER = 3
RANK_OPENROUTER = 4
RANK_LITELLM = 5


class RouteObs(msgspec.Struct, frozen=True, kw_only=True):
    """One source's view of a provider x model offering; prices USD per 1M, None = unknown."""

    provider_id: str
    provider_model_id: str
    input_price: float | None = None
    output_price: float | None = None
    cache_read_price: float | None = None
    cache_write_price: float | None = None
    batch_input_price: float | None = None
    batch_output_price: float | None = None
    free: bool = False
    context_window: int | None = None
    max_output: int | None = None
    status: str | None = None
    long_context_threshold: int | None = None  # prompt tokens above which the long prices apply
    long_input_price: float | None = None
    long_output_price: float | None = None
    deprecation_date: str | None = None  # this route's retirement date, as the source states it
    successor: str | None = None  # the replacement id the source names for this route


class BenchObs(msgspec.Struct, frozen=True, kw_only=True):
    """One benchmark score as a source states it."""

    name: str
    score: float
    metric: str | None = None
    url: str | None = None
    date: str | None = None


class Observation(msgspec.Struct, frozen=True, kw_only=True):
    """One source's statement about one model, and optionally one route to it."""

    source: str
    rank: int
    date: str
    url: str | None = None
    model_id: str | None = None  # explicit canonical id (models/ path, base_model, overlay)
    names: tuple[str, ...] = ()  # raw ids/names to link by, best first
    lab_hint: str | None = None
    facts: dict[str, Any] = msgspec.field(default_factory=dict)
    route: RouteObs | None = None
    aliases: tuple[tuple[str, str], ...] = ()  # (alias, kind)
    benchmarks: tuple[BenchObs, ...] = ()


class ProviderObs(msgspec.Struct, frozen=True, kw_only=True):
    """A provider as a source describes it."""

    id: str
    name: str
    doc_url: str | None = None
    api_url: str | None = None
    rank: int = RANK_PROVIDER


class SourceMeta(msgspec.Struct, frozen=True, kw_only=True):
    """A source's name, snapshot date, license and URL for the sources table."""

    name: str
    snapshot_date: str
    license: str | None = None
    url: str | None = None


@dataclass
class Report:
    """The build report: counts per section and skipped files with their reasons."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    details: list[tuple[str, str, str]] = field(default_factory=list)  # section, key, detail

    def count(self, section: str, key: str, n: int = 1) -> None:
        """Add ``n`` to a counter."""
        self.counts[(section, key)] += n

    def note(self, section: str, key: str, detail: str) -> None:
        """Record one listed item (a skipped file, an unlinked route) and count it."""
        self.details.append((section, key, detail))
        self.counts[(section, "total")] += 1

    def rows(self) -> list[dict[str, Any]]:
        """Sorted rows for the build_report table."""
        counted = [
            {"section": s, "key": k, "count": n, "detail": None}
            for (s, k), n in sorted(self.counts.items())
        ]
        listed = [
            {"section": s, "key": k, "count": 1, "detail": d} for s, k, d in sorted(self.details)
        ]
        return counted + listed


@dataclass
class SourceData:
    """Everything one source reader produced."""

    meta: SourceMeta
    observations: list[Observation] = field(default_factory=list)
    providers: list[ProviderObs] = field(default_factory=list)
    # (provider id, provider model id, mode) of every entry stating a mode (kinds.py)
    modes: list[tuple[str, str, str]] = field(default_factory=list)
