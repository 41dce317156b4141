"""Benchmark: Engine.respond() p50/p99 on the full catalog over >= 500 distinct questions.

Questions come from templates x catalog model names (single-model, pair, follow-up,
catalog-wide and off-topic), each answered in a fresh or carried conversation; no answer
cache. A bare baseline (normalise + one dict lookup per question) runs in the same process.

    python bench/bench_respond.py [--catalog catalog.db] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from assistant.engine import Engine, Memory
from assistant.engine.normalise import normalise
from assistant.paths import default_catalog_path, default_intents_dir

SINGLE = (
    "what is the context window of {a}?",
    "{a} context size",
    "is {a} open source?",
    "what license is {a} under",
    "does {a} support vision?",
    "can {a} call functions?",
    "where can I run {a}?",
    "how much does {a} cost per 1M tokens?",
    "what would {a} cost per month at 50k requests a day, 2k in / 300 out?",
    "when was {a} released?",
    "how many parameters does {a} have?",
    "benchmarks for {a}",
    "tell me about {a}",
    "{a}?",
    "wats the pirce of {a}",
    "will a 200K-token document fit in {a}?",
)
PAIR = (
    "{a} vs {b}",
    "compare {a} and {b}",
    "which has a larger context window, {a} or {b}?",
    "what are the tradeoffs between {a} and {b}?",
    "what breaks if I move from {a} to {b}?",
    "which is safer, {a} or {b}?",
    "which of {a} and {b} can execute code?",
)
FOLLOW_UPS = ("and its license?", "what about the price?", "make it 5M requests", "and {b}?")
OTHER = (
    "cheapest model with vision and at least 200K context",
    "open-weight models with tool calling under $1 per 1M output tokens",
    "which models have the largest context window?",
    "newest models with reasoning",
    "what's the weather like today?",
    "tell me a joke",
    "asdf qwerty zxcv",
    "context window of Zorblax-12 Hyper?",
    "hi",
    "thanks!",
    "what can you do?",
)


def questions(engine: Engine, count: int, seed: int = 7) -> list[tuple[str, ...]]:
    """Distinct conversations (1-2 turns) from templates x catalog model names."""
    rng = random.Random(seed)
    names = sorted({m.name for m in engine.catalog.all_models() if m.name})
    convs: dict[tuple[str, ...], None] = {(text,): None for text in OTHER}
    while len(convs) < count:
        a, b = rng.sample(names, 2)
        kind = rng.random()
        if kind < 0.55:
            conv: tuple[str, ...] = (rng.choice(SINGLE).format(a=a),)
        elif kind < 0.8:
            conv = (rng.choice(PAIR).format(a=a, b=b),)
        else:
            conv = (rng.choice(SINGLE).format(a=a), rng.choice(FOLLOW_UPS).format(b=b))
        convs[conv] = None
    return list(convs)


def measure(turn: Callable[[Memory, str], Memory], convs: list[tuple[str, ...]]) -> list[float]:
    """Per-turn latencies in milliseconds."""
    times = []
    for conv in convs:
        memory = Memory()
        for text in conv:
            start = time.perf_counter()
            memory = turn(memory, text)
            times.append((time.perf_counter() - start) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    """Load the engine, run the mix, print p50/p99 for respond and for the baseline."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog", type=Path, default=default_catalog_path())
    parser.add_argument("--questions", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    engine = Engine.load(args.catalog, default_intents_dir())
    print(f"engine load: {time.perf_counter() - start:.2f} s")
    convs = questions(engine, args.questions)
    turns = sum(len(c) for c in convs)
    table = {normalise(t): i for i, t in enumerate(OTHER)}

    def bare(memory: Memory, text: str) -> Memory:
        table.get(normalise(text))
        return memory

    def real(memory: Memory, text: str) -> Memory:
        return engine.respond(memory, text)[1]

    measure(real, convs)  # warm-up
    base = [t for _ in range(args.rounds) for t in measure(bare, convs)]
    full = [t for _ in range(args.rounds) for t in measure(real, convs)]
    print(f"{len(convs)} distinct conversations, {turns} turns, {args.rounds} rounds")
    for label, values in (("baseline (normalise + dict)", base), ("respond()", full)):
        print(
            f"{label:28} p50 {percentile(values, 50):.4f} ms  p99 {percentile(values, 99):.4f} ms"
            f"  mean {statistics.fmean(values):.4f} ms"
        )
    print(f"ratio respond/baseline p50: {percentile(full, 50) / percentile(base, 50):.1f}x")


if __name__ == "__main__":
    main()
