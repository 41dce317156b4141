"""WebSocket load benchmark: the assistant against a bare litestar echo, same stack, same run.

Starts two real uvicorn processes on loopback (``assistant serve`` with the shipped catalog,
and a bare litestar WebSocket echo with the same uvicorn options), then for 1, 64 and 256
concurrent connections measures messages/s and p50/p99 round-trip latency for each, using
a mix of distinct questions generated from the catalog's model names, and prints the
assistant/echo throughput ratio. Finally it opens 1,000 idle connections to each server
and reports the server's RSS growth per connection (VmRSS from /proc/PID/status).

Bounded: every level stops after ``--seconds`` or ``--max-messages``, whichever is first.
``--workers N`` starts the assistant with N workers (sharing the default SQLite store in a
temporary data directory); the idle RSS is then the parent's, which holds no engine.

    python bench/bench_load.py            # 8 s per level
    python bench/bench_load.py --quick    # 2 s per level, a short run
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import random
import resource
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import msgspec

# echo: bare litestar echo; channel: the assistant app with an instant engine (the
# server's own cost); assistant: `assistant serve` with the real engine and catalog.
SERVERS = ("echo", "channel", "assistant")

TEMPLATES = (
    "What is the context window of {a}?",
    "Which has a larger context window, {a} or {b}?",
    "How much does {a} cost per million tokens?",
    "Is {a} open source?",
    "Can {a} read images?",
    "Where can I run {a}?",
    "Compare {a} and {b}",
    "{a} vs {b}: which should I pick?",
    "What would {a} cost at 100,000 requests a month?",
    "What license does {a} have?",
    "When was {a} released?",
    "How fast is {a} compared to {b}?",
)


@dataclass(frozen=True)
class Level:
    """One measurement: a server at a concurrency."""

    server: str
    connections: int
    messages: int
    seconds: float
    latencies: tuple[float, ...]

    @property
    def rate(self) -> float:
        """Messages per second."""
        return self.messages / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        """Latency percentile in milliseconds."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def questions(catalog: Path, count: int) -> list[str]:
    """``count`` distinct questions built from the catalog's model names."""
    from assistant.catalog.store import Catalog

    names = sorted({m.name for m in Catalog.open(catalog).all_models()})
    rng = random.Random(20)
    found: set[str] = set()
    while len(found) < count:
        template = rng.choice(TEMPLATES)
        found.add(template.format(a=rng.choice(names), b=rng.choice(names)))
    return sorted(found)


def engine_alone(catalog: Path, intents: Path, texts: list[str]) -> float:
    """Replies per second of ``Engine.respond`` in-process, one fresh conversation each."""
    from assistant.engine import Engine, Memory

    engine = Engine.load(catalog, intents)
    start = time.perf_counter()
    for text in texts:
        engine.respond(Memory(), text)
    return len(texts) / (time.perf_counter() - start)


# --- a minimal RFC 6455 client (zero mask key), lean enough not to be the bottleneck ---


def client_frame(payload: bytes) -> bytes:
    """A masked text frame with an all-zero mask key (valid, and no XOR work)."""
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x81, 0x80 | n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x81, 0x80 | 126, n)
    else:
        head = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
    return head + b"\x00\x00\x00\x00" + payload


async def read_frame(reader: asyncio.StreamReader) -> bytes:
    """One unmasked server frame's payload (control frames other than close are skipped)."""
    while True:
        b1, b2 = await reader.readexactly(2)
        n = b2 & 0x7F
        if n == 126:
            (n,) = struct.unpack("!H", await reader.readexactly(2))
        elif n == 127:
            (n,) = struct.unpack("!Q", await reader.readexactly(8))
        payload = await reader.readexactly(n)
        opcode = b1 & 0x0F
        if opcode == 0x8:
            raise ConnectionError("closed by server")
        if opcode in (0x1, 0x2):
            return payload


async def open_ws(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Connect and complete the WebSocket handshake on /ws."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write(
        (
            f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    head = await reader.readuntil(b"\r\n\r\n")
    if b" 101 " not in head.split(b"\r\n", 1)[0]:
        raise ConnectionError(head.decode("latin-1"))
    return reader, writer


async def drive(
    port: int, frames: list[bytes], welcome: bool, conns: int, seconds: float, cap: int
) -> tuple[int, float, list[float]]:
    """Run ``conns`` request/response loops until the deadline or ``cap`` messages."""
    sockets = await asyncio.gather(*(open_ws(port) for _ in range(conns)))
    if welcome:
        await asyncio.gather(*(read_frame(r) for r, _ in sockets))
    latencies: list[float] = []
    counter = [0]
    start = time.perf_counter()
    deadline = start + seconds

    async def loop(index: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        i = index * 7919
        clock = time.perf_counter
        while counter[0] < cap:
            sent = clock()
            if sent >= deadline:
                return
            writer.write(frames[i % len(frames)])
            await read_frame(reader)
            latencies.append(clock() - sent)
            counter[0] += 1
            i += 1

    await asyncio.gather(*(loop(n, r, w) for n, (r, w) in enumerate(sockets)))
    elapsed = time.perf_counter() - start
    for _, writer in sockets:
        writer.close()
    return counter[0], elapsed, latencies


def rss_kb(pid: int) -> int:
    """Resident set size of a process, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def idle_rss(port: int, pid: int, count: int, welcome: bool) -> float:
    """Server RSS growth per idle connection, in kB, with ``count`` connections open."""
    await asyncio.sleep(0.5)
    before = rss_kb(pid)
    sockets = []
    for start in range(0, count, 100):
        batch = await asyncio.gather(*(open_ws(port) for _ in range(min(100, count - start))))
        if welcome:
            await asyncio.gather(*(read_frame(r) for r, _ in batch))
        sockets.extend(batch)
    await asyncio.sleep(1.0)
    after = rss_kb(pid)
    for _, writer in sockets:
        writer.close()
    return (after - before) / count


# --- servers ---


def echo_app() -> object:
    """A bare litestar WebSocket echo on /ws."""
    from litestar import Litestar, WebSocket, get, websocket

    @websocket("/ws")
    async def echo(socket: WebSocket) -> None:  # type: ignore[type-arg]
        await socket.accept()
        receive, send = socket.receive, socket.send
        while True:
            event = await receive()
            if event["type"] != "websocket.receive":
                return
            await send({"type": "websocket.send", "text": event.get("text"), "bytes": None})

    @get("/health", sync_to_thread=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return Litestar(route_handlers=[echo, health])


class ConstantEngine:
    """An engine that answers instantly with a reply of typical size: the channel's cost alone."""

    def __init__(self) -> None:
        from assistant.reply import Reply

        self.reply = Reply(
            text="GPT-4o has a 128K-token context window; Claude Sonnet 4.5 has 200K. " * 6,
            intent="context_window",
            models=("openai/gpt-4o", "anthropic/claude-sonnet-4-5"),
            suggestions=("Which is cheaper?", "Can both read images?", "Where can I run them?"),
            data={
                "context_window": {"openai/gpt-4o": 128000, "anthropic/claude-sonnet-4-5": 200000}
            },
        )

    def respond(self, memory: object, text: str) -> tuple[object, object]:
        """The same reply for every text."""
        return self.reply, memory


def serve(port: int, app_kind: str) -> None:
    """Run the echo app, or the assistant app around ConstantEngine, like ``assistant serve``."""
    import uvicorn

    from assistant.server.app import create_app
    from assistant.server.commands import uvicorn_options
    from assistant.settings import load_settings

    settings = load_settings(port=port)
    options = uvicorn_options(settings)
    options["log_level"] = "warning"
    app = echo_app() if app_kind == "echo" else create_app(settings, engine=ConstantEngine())  # type: ignore[arg-type]
    uvicorn.run(app, **options)  # type: ignore[arg-type]


def start(command: list[str], port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start a server process and wait for its /health."""
    log = Path(tempfile.gettempdir()) / f"bench-load-{port}.log"
    with log.open("wb") as sink:  # a file, not a pipe: 1,000 connection logs must not block
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=sink
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server failed: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("server did not become healthy")


def free_port() -> int:
    """A free loopback port."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(args: argparse.Namespace) -> None:
    """Start both servers, measure every level, print the table."""
    from assistant.settings import load_settings

    settings = load_settings()
    resource.setrlimit(resource.RLIMIT_NOFILE, (resource.getrlimit(resource.RLIMIT_NOFILE)[1],) * 2)
    texts = questions(settings.catalog, args.questions)
    encoder = msgspec.json.Encoder()
    ask = [client_frame(encoder.encode({"type": "message", "text": t})) for t in texts]
    print(f"questions: {len(texts)} distinct, from {settings.catalog.name}")
    alone = engine_alone(settings.catalog, settings.intents, texts[:500])
    print(f"engine alone (in-process, one core): {alone:,.0f} replies/s")
    env = {
        "ASSISTANT_RATE_PER_SECOND": "1e9",
        "ASSISTANT_RATE_BURST": "1000000000",
        "ASSISTANT_MAX_CONNECTIONS": "5000",
        "ASSISTANT_IDLE_TIMEOUT": "600",
        "ASSISTANT_MAX_SESSIONS": "100000",
        "ASSISTANT_DATA_DIR": tempfile.mkdtemp(prefix="bench-load-"),  # store and log
    }
    ports = {name: free_port() for name in SERVERS}
    commands = {
        "echo": [sys.executable, __file__, "--serve-echo", str(ports["echo"])],
        "channel": [sys.executable, __file__, "--serve-channel", str(ports["channel"])],
        "assistant": [
            sys.executable,
            "-m",
            "assistant",
            "serve",
            "--port",
            str(ports["assistant"]),
            "--workers",
            str(args.workers),
        ],
    }
    processes = {name: start(commands[name], ports[name], env) for name in SERVERS}
    try:
        results = measure(args, ask, ports)
        idle = {
            name: asyncio.run(idle_rss(ports[name], processes[name].pid, args.idle, name != "echo"))
            for name in ("assistant", "echo")
        }
    finally:
        for process in processes.values():
            process.terminate()
            process.wait(timeout=20)
    report(results, idle, args.idle)


def measure(args: argparse.Namespace, ask: list[bytes], ports: dict[str, int]) -> list[Level]:
    """Every concurrency level for every server."""
    results = []
    for conns in args.levels:
        for name in SERVERS:
            port, welcome = ports[name], name != "echo"
            asyncio.run(drive(port, ask, welcome, conns, 0.3, 10_000))  # warm-up
            count, seconds, lat = asyncio.run(
                drive(port, ask, welcome, conns, args.seconds, args.max_messages)
            )
            results.append(Level(name, conns, count, seconds, tuple(lat)))
            level = results[-1]
            print(f"  {name:<9} x{conns:<4} {level.rate:>9,.0f} msg/s", flush=True)
    return results


def report(results: list[Level], idle: dict[str, float], count: int) -> None:
    """Print the table."""
    print()
    print(f"{'conns':>5}  {'server':<9} {'messages':>9} {'msg/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    by_key = {(r.server, r.connections): r for r in results}
    for r in results:
        print(
            f"{r.connections:>5}  {r.server:<9} {r.messages:>9,} {r.rate:>9,.0f}"
            f" {r.percentile(0.50):>8.2f} {r.percentile(0.99):>8.2f}"
        )
    print()
    for conns in sorted({r.connections for r in results}):
        echo = by_key[("echo", conns)].rate
        for name in ("channel", "assistant"):
            ratio = by_key[(name, conns)].rate / echo if echo else float("nan")
            print(f"{name}/echo throughput at {conns:>3} connections: {ratio:6.1%}")
    print()
    for name, per in idle.items():
        print(f"RSS per idle connection ({name}, {count:,} open): {per:,.1f} kB")
    median = statistics.median(r.rate for r in results if r.server == "echo")
    print(f"(echo median {median:,.0f} msg/s; channel = the assistant app, instant engine)")


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 s per level")
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds per level")
    parser.add_argument("--max-messages", type=int, default=500_000, help="cap per level")
    parser.add_argument("--levels", default="1,64,256", help="concurrency levels")
    parser.add_argument("--questions", type=int, default=2000, help="distinct questions")
    parser.add_argument("--idle", type=int, default=1000, help="idle connections for RSS")
    parser.add_argument("--workers", type=int, default=1, help="assistant serve --workers")
    parser.add_argument("--serve-echo", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--serve-channel", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_echo or args.serve_channel:
        serve(args.serve_echo or args.serve_channel, "echo" if args.serve_echo else "channel")
        return
    args.levels = [int(n) for n in args.levels.split(",")]
    if args.quick:
        args.seconds = min(args.seconds, 2.0)
    run(args)


if __name__ == "__main__":
    main()
