"""Benchmark the resolver: catalog load, index build, resolve_models p50/p99 per call.

Run: ``python bench/bench_resolve.py [--catalog PATH] [--rounds N]``. The question mix
(>= 300 distinct texts) is built from the catalog's own model names with templates,
plus typos and questions that mention no model; a bare baseline (``str.lower`` and
one dict lookup per question) is timed in the same run for the ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from assistant.catalog.resolve import Resolver
from assistant.catalog.store import Catalog
from assistant.paths import default_catalog_path

TEMPLATES = (
    "what is the context window of {a}?",
    "compare {a} vs {b}",
    "how much does {a} cost per million tokens",
    "is {a} cheaper than {b} on azure?",
    "does {a} support vision and function calling",
    "which providers serve {a}",
    "{a} or {b} for coding, which is better?",
    "when was {a} released and what is its knowledge cutoff",
    "tell me about {a}",
    "is {a} open weights? what license?",
)
NO_MODEL = (
    "what's the weather like today",
    "which model is cheapest for 1M tokens a month?",
    "show me models with a 128k context window under $1",
    "I have 4 apples and my cat ate one of them",
    "what can you do?",
    "list open-weight models released in 2025 with vision",
    "how do I estimate monthly cost for 20,000 requests a day",
    "thanks, that helps a lot!",
)
TYPOS = ("clade sonet 4.5", "gemni 2.5 pro", "gtp-4o", "lama 3.1 70b", "qwen35 4b", "GPT4o")


def questions(catalog: Catalog, count: int, seed: int = 7) -> list[str]:
    """A deterministic, realistic mix of distinct questions built from catalog names."""
    rng = random.Random(seed)
    models = [m.name for m in catalog.all_models() if m.name]
    out = {q for q in NO_MODEL}
    out.update(t.format(a=typo, b=rng.choice(models)) for t in TEMPLATES for typo in TYPOS)
    while len(out) < count:
        template = rng.choice(TEMPLATES)
        out.add(template.format(a=rng.choice(models), b=rng.choice(models)))
    return sorted(out)


def per_call(fn: Callable[[str], object], texts: list[str], rounds: int) -> list[float]:
    """Seconds per call for every text, ``rounds`` times over."""
    samples = []
    clock = time.perf_counter
    for _ in range(rounds):
        for text in texts:
            t0 = clock()
            fn(text)
            samples.append(clock() - t0)
    return samples


def quantile(samples: list[float], q: float) -> float:
    """The q-quantile of the samples."""
    return statistics.quantiles(samples, n=1000)[int(q * 1000) - 1]


def main() -> None:
    """Time catalog load, index build and resolve_models; print a small report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--catalog", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--questions", type=int, default=400)
    args = parser.parse_args()
    path = args.catalog or default_catalog_path()
    t0 = time.perf_counter()
    catalog = Catalog.open(path)
    t1 = time.perf_counter()
    resolver = Resolver.from_catalog(catalog)
    t2 = time.perf_counter()
    texts = questions(catalog, args.questions)
    lookup = {t.lower(): 1 for t in texts[::2]}
    per_call(resolver.resolve_models, texts, 1)  # warm-up: caches, first rapidfuzz calls
    baseline = per_call(lambda s: lookup.get(s.lower()), texts, args.rounds)
    resolver_times = per_call(resolver.resolve_models, texts, args.rounds)
    found = sum(1 for t in texts if resolver.resolve_models(t))
    stats = catalog.stats()
    counts = f"{stats.get('models', '?')} models, {stats.get('aliases', '?')} aliases"
    print(f"catalog: {path} ({counts})")
    print(f"Catalog.open:           {1000 * (t1 - t0):8.1f} ms")
    print(f"Resolver.from_catalog:  {1000 * (t2 - t1):8.1f} ms")
    print(f"questions: {len(texts)} distinct x {args.rounds} rounds; {found} with a mention")
    for label, samples in (("resolve_models", resolver_times), ("baseline", baseline)):
        p50, p99 = quantile(samples, 0.5), quantile(samples, 0.99)
        print(f"{label:15s} p50 {1e6 * p50:8.2f} us   p99 {1e6 * p99:8.2f} us")
    ratio = quantile(resolver_times, 0.5) / quantile(baseline, 0.5)
    print(f"ratio p50 resolve/baseline: {ratio:.0f}x")
    print("targets: p50 <= 50 us, p99 <= 500 us")


if __name__ == "__main__":
    main()
