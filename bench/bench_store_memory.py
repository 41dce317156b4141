"""Process memory (RSS) after many long conversations: the store's bound against a baseline.

Each mode runs in a fresh subprocess, answering ``--conversations`` new conversations of
``--turns`` long replies (``--reply-chars`` each, as a comparison table of many models)
through the server's ``ConversationStore`` on the default backend (a SQLite file in a
temporary data directory), and samples VmRSS every 10% of the run:

- ``bare``: the same replies built and dropped, no store: the floor;
- ``store``: the conversation store with its hot cache (``--cache-size``) and history cap;
- ``keep-all``: every conversation's full replies kept in a dict, as the in-memory store
  this replaced did (run on ``--keep-all-conversations``, fewer, to stay bounded).

The stated bound for ``store`` is the bare floor plus ``cache_size`` entries of at most
two copies of ``history_bytes`` each plus SQLite's page cache (loose since records hold
only the transcript's index); the run checks it and prints the ratios to the floor, with
the median and p99 turn latency of each mode.

    python bench/bench_store_memory.py                 # 10,000 conversations
    python bench/bench_store_memory.py --quick         # 1,000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SQLITE_CACHE_BYTES = 2 * 1024 * 1024 * 2  # two connections' default page caches (store + log)


def rss_bytes() -> int:
    """This process's resident set size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


class LongEngine:
    """Replies of ``chars`` characters; the memory remembers a model and counts turns."""

    def __init__(self, chars: int) -> None:
        self.row = "| provider/model-name | $0.15 / 1M in | $0.60 / 1M out | 128K |\n"
        self.chars = chars

    def respond(self, memory: Any, text: str) -> tuple[Any, Any]:
        """A long reply, different per call."""
        from assistant.engine import Memory
        from assistant.reply import Reply

        body = (self.row * (self.chars // len(self.row) + 1))[: self.chars] + text
        reply = Reply(text=body, intent="compare", models=("a/b", "c/d"), data={"n": len(text)})
        return reply, Memory(models=("a/b",), turns=memory.turns + 1)


async def run_mode(args: argparse.Namespace) -> dict[str, Any]:
    """One mode's figures (called in the child process)."""
    from assistant.server.conversations import ConversationStore
    from assistant.server.store.backends import open_backend
    from assistant.server.store.records import new_web_id, web_key
    from assistant.server.store.turnlog import open_log
    from assistant.settings import load_settings

    engine = LongEngine(args.reply_chars)
    conversations = args.conversations
    if args.mode == "keep-all":
        conversations = args.keep_all_conversations
    with tempfile.TemporaryDirectory() as data:
        settings = load_settings(env={}, data_dir=Path(data), cache_size=args.cache_size)
        backend = open_backend(settings)
        store = ConversationStore(backend, open_log(settings, backend), settings)
        kept: dict[str, list[Any]] = {}
        start_rss, samples, latencies = rss_bytes(), [], []
        step = max(1, conversations // 10)
        for n in range(conversations):
            key = web_key(new_web_id())
            memory: Any = None
            for turn in range(args.turns):
                text = f"compare every model {n}.{turn}"
                began = time.perf_counter()
                if args.mode == "store":
                    await store.turn(engine, key, "web", text)
                else:
                    from assistant.engine import Memory

                    reply, memory = engine.respond(memory or Memory(), text)
                    if args.mode == "keep-all":
                        kept.setdefault(key, []).append((text, reply, memory))
                latencies.append(time.perf_counter() - began)
            if (n + 1) % step == 0:
                samples.append(rss_bytes())
        await store.close()
    latencies.sort()
    return {
        "mode": args.mode,
        "conversations": conversations,
        "start_rss": start_rss,
        "samples": samples,
        "median_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "cache": len(store),
    }


def child(args: argparse.Namespace, mode: str) -> dict[str, Any]:
    """Run one mode in a fresh interpreter and return its figures."""
    argv = [sys.executable, __file__, "--child", mode, *sys.argv[1:]]
    out = subprocess.run(argv, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    figures: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return figures


def mib(value: float) -> str:
    """Bytes as MiB."""
    return f"{value / 2**20:7.1f} MiB"


def main() -> None:
    """Parse the options, run every mode, print the table and check the bound."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 conversations")
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--keep-all-conversations", type=int, default=300)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--reply-chars", type=int, default=30_000)
    parser.add_argument("--cache-size", type=int, default=256)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.conversations = 1000
    if args.child:
        args.mode = args.child
        print(json.dumps(asyncio.run(run_mode(args))))
        return
    from assistant.settings import load_settings

    history = load_settings(env={}).history_bytes
    results = {mode: child(args, mode) for mode in ("bare", "store", "keep-all")}
    floor = results["bare"]["samples"][-1]
    bound = floor + args.cache_size * 2 * (history + 4096) + SQLITE_CACHE_BYTES
    print(f"{args.turns} turns of {args.reply_chars:,}-character replies per conversation")
    print(f"{'mode':9} {'convs':>6} {'RSS first 10%':>14} {'RSS at end':>12}", end="")
    print(f" {'x floor':>8} {'per conv':>10} {'median':>8} {'p99':>8}")
    for mode, r in results.items():
        end = r["samples"][-1]
        per = (end - r["start_rss"]) / r["conversations"]
        print(
            f"{mode:9} {r['conversations']:>6} {mib(r['samples'][0])} {mib(end)}"
            f" {end / floor:8.2f} {per / 1024:7.1f} KiB {r['median_ms']:6.2f}ms"
            f" {r['p99_ms']:6.2f}ms"
        )
    store_end = results["store"]["samples"][-1]
    growth = store_end - results["store"]["samples"][0]
    print(f"store RSS samples (MiB): {[round(s / 2**20, 1) for s in results['store']['samples']]}")
    print(f"store: hot cache {results['store']['cache']} of {args.cache_size} entries")
    print(f"stated bound {mib(bound)}; store ends at {mib(store_end)}", end=" ")
    print(f"({'within' if store_end <= bound else 'OVER'}); growth after the first 10%:", end=" ")
    print(mib(growth))
    ratio = results["store"]["median_ms"] / max(results["bare"]["median_ms"], 1e-9)
    print(f"turn median store/bare: {ratio:.1f}x (the store's read + write per turn)")


if __name__ == "__main__":
    main()
