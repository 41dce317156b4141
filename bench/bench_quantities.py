"""Benchmark the quantities reader: parse_quantities p50/p99 per call, against ``str.split``.

Run: ``python bench/bench_quantities.py [--rounds N] [--evals DIR]``. The texts are every
turn of the eval sets plus a few quantity-heavy phrasings in four languages, normalised and
with model names masked by the catalog's resolver (as the engine hands them over); a bare
baseline (``str.split`` on the same texts) is timed in the same run for the ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from assistant.catalog.resolve import Resolver
from assistant.catalog.store import Catalog
from assistant.engine.normalise import normalise
from assistant.engine.numbers import parse_quantities
from assistant.paths import default_catalog_path

EXTRA = (
    "50k requests a day, 2k in / 300 out",
    "2B tokens a month at 4:1 input:output",
    "5k users sending 8 messages a day",
    "one request with 10k in and 2k out",
    "zwei Millionen Anfragen pro Tag mit 1.500 Token Eingabe",
    "deux mille requêtes par jour, 800 jetons en sortie",
    "dos mil solicitudes al día",
    "vision models released since 2022 under $1 per 1M input tokens",
    "1e999 requests a day",
)


def texts(evals: Path) -> list[str]:
    """Every eval turn's text and the extra phrasings, normalised, model names masked."""
    found: list[str] = list(EXTRA)
    for path in sorted(evals.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            found.extend(turn["text"] for turn in json.loads(line)["turns"])
    resolver = Resolver.from_catalog(Catalog.open(default_catalog_path()))
    return [_masked(resolver, normalise(text)) for text in found]


def _masked(resolver: Resolver, text: str) -> str:
    """The text with each model mention replaced by the engine's mask token."""
    pieces, last = [], 0
    for mention in sorted(resolver.resolve_models(text), key=lambda m: m.start):
        if mention.start >= last:
            pieces += [text[last : mention.start], " <m> "]
            last = mention.end
    return "".join([*pieces, text[last:]])


def per_call(fn: Callable[[str], object], items: list[str], rounds: int) -> list[float]:
    """Seconds per call for every text, ``rounds`` times over."""
    out: list[float] = []
    clock = time.perf_counter
    for _ in range(rounds):
        for text in items:
            start = clock()
            fn(text)
            out.append(clock() - start)
    return out


def p99(values: list[float]) -> float:
    """The 99th percentile."""
    return statistics.quantiles(values, n=100)[98]


def main() -> None:
    """Time the reader and the baseline; print medians, p99s and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--evals", type=Path, default=Path("tests/eval"))
    args = parser.parse_args()
    rounds = args.rounds
    items = texts(args.evals)
    parse_quantities(items[0])  # load the lexicon outside the timing
    base = per_call(str.split, items, rounds)
    reader = per_call(parse_quantities, items, rounds)
    b50, b99 = statistics.median(base), p99(base)
    r50, r99 = statistics.median(reader), p99(reader)
    print(f"texts: {len(items)} x {rounds} rounds")
    print(f"str.split        p50 {b50 * 1e6:7.2f} us  p99 {b99 * 1e6:7.2f} us")
    print(f"parse_quantities p50 {r50 * 1e6:7.2f} us  p99 {r99 * 1e6:7.2f} us")
    print(f"ratio            p50 {r50 / b50:7.1f} x   p99 {r99 / b99:7.1f} x")


if __name__ == "__main__":
    main()
