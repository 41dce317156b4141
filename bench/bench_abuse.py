"""Abuse benchmark (issue 12): flood, slow readers, resume amplification; what held.

Starts one real ``assistant serve`` on loopback with the default limits (only the write
timeout shortened, ``--send-timeout``, so the run stays short), then attacks it from
distinct loopback source addresses (127.0.0.x: each is "another client" to the
per-address limits) while a bystander on its own address measures ``GET /health``
latency. A bare baseline (no attack) is measured first in the same run; every phase
prints what it tried, what held, the bystander's p50/p99 and its ratio to the baseline,
and the server's RSS (VmRSS) before and after.

Bounded: every phase has a fixed number of attempts and a time cap.

    python bench/bench_abuse.py            # the full run (about a minute)
    python bench/bench_abuse.py --quick    # fewer attempts
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from rawws import RawSocket  # noqa: E402  (the tests' raw WebSocket client)

BIG_QUESTION = json.dumps({"type": "message", "text": "gpt-4o vs claude sonnet 4.5"})


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """``assistant serve`` on a free port; yields (base URL, pid)."""
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="bench-abuse-")) / "serve.log"
    environ = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
    command = [sys.executable, "-m", "assistant", "serve", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=environ, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)
        print(f"(server log: {log})")


def rss_mb(pid: int) -> float:
    """The process's resident memory in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Bystander:
    """Another client (its own address) timing ``GET /health`` while a phase runs."""

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(
            base_url=url, transport=httpx.HTTPTransport(local_address="127.0.0.250")
        )
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            self.client.get("/health", timeout=30)
            self.samples.append((time.perf_counter() - started) * 1000)
            time.sleep(0.01)

    def __enter__(self) -> Bystander:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.client.close()


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p99) in ms."""
    if len(samples) < 2:
        return (samples[0], samples[0]) if samples else (float("nan"), float("nan"))
    cuts = statistics.quantiles(samples, n=100)
    return statistics.median(samples), cuts[98]


def phase(
    name: str, url: str, pid: int, attack: Callable[[], tuple[str, str]], baseline: list[float]
) -> list[float]:
    """Run one attack with the bystander watching; print tried / held / latency / memory."""
    before = rss_mb(pid)
    with Bystander(url) as watcher:
        tried, held = attack()
    after = rss_mb(pid)
    p50, p99 = percentiles(watcher.samples)
    print(f"\n== {name}")
    print(f"   tried: {tried}")
    print(f"   held:  {held}")
    if baseline:
        b50, b99 = percentiles(baseline)
        print(
            f"   bystander /health p50 {p50:.1f} ms, p99 {p99:.1f} ms "
            f"(x{p50 / b50:.1f} / x{p99 / b99:.1f} the baseline)"
        )
    else:
        print(f"   bystander /health p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    print(f"   server RSS {before:.0f} MB before, {after:.0f} MB after")
    return watcher.samples


def idle(seconds: float) -> Callable[[], tuple[str, str]]:
    """The baseline: no attack, just time."""

    def run() -> tuple[str, str]:
        time.sleep(seconds)
        return "nothing (baseline)", "-"

    return run


def connection_flood(ws_url: str, count: int) -> Callable[[], tuple[str, str]]:
    """One address opens ``count`` WebSockets and keeps them."""

    def run() -> tuple[str, str]:
        outcomes: Counter[str] = Counter()
        with ExitStack() as stack:
            for _ in range(count):
                try:
                    ws = stack.enter_context(connect(ws_url, source_address=("127.0.0.2", 0)))
                    ws.recv(timeout=10)
                    ws.recv(timeout=0.05)  # a refused one is closed at once
                except TimeoutError:
                    outcomes["open"] += 1
                except ConnectionClosed as closed:
                    code = closed.rcvd.code if closed.rcvd else None
                    outcomes[f"closed {code}"] += 1
        return f"{count} WebSockets from 127.0.0.2", dict(outcomes).__repr__()

    return run


def post_flood(url: str, count: int) -> Callable[[], tuple[str, str]]:
    """One address POSTs ``count`` messages without a session_id (each a new conversation)."""

    def run() -> tuple[str, str]:
        statuses: Counter[int] = Counter()
        transport = httpx.HTTPTransport(local_address="127.0.0.3")
        with httpx.Client(base_url=url, transport=transport) as client:
            before = client.get("/health").json()["conversations"]
            for _ in range(count):
                statuses[client.post("/api/chat", json={"text": "hi"}).status_code] += 1
            made = client.get("/health").json()["conversations"] - before
        return (
            f"{count} POST /api/chat without session_id from 127.0.0.3",
            f"statuses {dict(statuses)}; {made} conversations created",
        )

    return run


def frame_flood(ws_url: str, count: int) -> Callable[[], tuple[str, str]]:
    """One connection sends ``count`` pings as fast as it can."""

    def run() -> tuple[str, str]:
        kinds: Counter[str] = Counter()
        with connect(ws_url, source_address=("127.0.0.4", 0)) as ws:
            ws.recv(timeout=10)
            for _ in range(count):
                ws.send('{"type": "ping"}')
            for _ in range(count):
                frame = json.loads(ws.recv(timeout=30))
                kinds[frame.get("code", frame["type"])] += 1
        return f"{count} frames on one WebSocket from 127.0.0.4", repr(dict(kinds))

    return run


def slow_readers(
    ws_url: str, url: str, pid: int, count: int, limit: float
) -> Callable[[], tuple[str, str]]:
    """``count`` clients ask for ~1 MB each (more than the buffers hold) and never read.

    Within the default per-connection rate: 20 long answers (the burst), then, a second
    later, 5 resumes of their own conversation (each the whole ~160 KB history).
    """

    def run() -> tuple[str, str]:
        readers = [RawSocket(ws_url, rcvbuf=4096, source=f"127.0.1.{n + 1}") for n in range(count)]
        resumes = []
        for reader in readers:
            conversation = json.loads(reader.recv_text())["conversation_id"]
            resumes.append(json.dumps({"type": "resume", "conversation_id": conversation}))
            for _ in range(20):
                reader.send_text(BIG_QUESTION)
        time.sleep(1.2)
        for reader, resume in zip(readers, resumes, strict=True):
            for _ in range(5):
                reader.send_text(resume)
        started = time.monotonic()
        peak, peak_rss, open_now = 0, rss_mb(pid), -1
        while time.monotonic() - started < limit:
            open_now = httpx.get(url + "/health").json()["connections"]
            peak, peak_rss = max(peak, open_now), max(peak_rss, rss_mb(pid))
            if open_now == 0:
                break
            time.sleep(0.2)
        waited = time.monotonic() - started
        ended = Counter(reader.drain() for reader in readers)
        for reader in readers:
            reader.close()
        return (
            f"{count} WebSockets (own addresses) asking ~1 MB each (20 answers + 5 resumes), "
            "never reading",
            f"{'all closed' if open_now == 0 else f'{open_now} STILL OPEN'} after {waited:.1f}s "
            f"(open at peak {peak}, RSS at peak {peak_rss:.0f} MB); clients saw {dict(ended)}",
        )

    return run


def resume_amplification(ws_url: str, turns: int, rounds: int) -> Callable[[], tuple[str, str]]:
    """Build a conversation of long answers, then ask for its history again and again."""

    def run() -> tuple[str, str]:
        conn = RawSocket(ws_url, source="127.0.0.6")
        conversation = json.loads(conn.recv_text())["conversation_id"]
        for _ in range(turns):
            conn.send_text(BIG_QUESTION)
            conn.recv_text()
            time.sleep(0.2)  # within the per-connection rate
        resume = json.dumps({"type": "resume", "conversation_id": conversation})
        sent = received = 0
        kinds: Counter[str] = Counter()
        started = time.monotonic()
        for _ in range(rounds):
            conn.send_text(resume)
            sent += len(resume)
            frame = conn.recv_text()
            received += len(frame.encode())
            kinds[json.loads(frame).get("code", json.loads(frame)["type"])] += 1
        seconds = time.monotonic() - started
        conn.close()
        return (
            f"{rounds} resumes of a {turns}-turn conversation on one connection",
            f"{received / max(sent, 1):.0f}x bytes out/in, {received / seconds / 1e6:.1f} MB/s "
            f"out, answers {dict(kinds)}",
        )

    return run


def main() -> None:
    """Run every phase once against one server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer attempts per phase")
    parser.add_argument("--send-timeout", default="2", help="ASSISTANT_SEND_TIMEOUT (s)")
    args = parser.parse_args()
    scale = 1 if args.quick else 3
    env = {"ASSISTANT_SEND_TIMEOUT": args.send_timeout}
    with server(env) as (url, pid):
        ws_url = url.replace("http", "ws", 1) + "/ws"
        print(
            f"server {url} (pid {pid}); default limits, ASSISTANT_SEND_TIMEOUT={args.send_timeout}"
        )
        baseline = phase("baseline", url, pid, idle(3), [])
        phase("connection flood", url, pid, connection_flood(ws_url, 100 * scale), baseline)
        phase("new-conversation flood", url, pid, post_flood(url, 100 * scale), baseline)
        phase("frame flood", url, pid, frame_flood(ws_url, 200 * scale), baseline)
        phase("slow readers", url, pid, slow_readers(ws_url, url, pid, 4 * scale, 60), baseline)
        phase("resume amplification", url, pid, resume_amplification(ws_url, 20, 20), baseline)


if __name__ == "__main__":
    main()
