"""Prometheus metrics (``prometheus-client``) and the ``GET /metrics`` handler.

With several workers, ``assistant serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` before any
worker starts, so each worker writes its samples there and ``/metrics`` (on whichever
worker answers) sums them; the open-connections gauge is summed over live workers.
"""

from __future__ import annotations

import os

from litestar import Response, get
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from assistant.server.store.turnlog import TurnEntry

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

TURNS = Counter("assistant_turns", "Answered turns", ["channel", "intent"])
FALLBACKS = Counter("assistant_fallbacks", "Turns answered with the fallback", ["channel"])
UNAPPLIED = Counter("assistant_unapplied_parts", "Question parts not applied", ["channel"])
LATENCY = Histogram(
    "assistant_turn_seconds",
    "Time to answer a turn, store included",
    ["channel"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
CONNECTIONS = Gauge(
    "assistant_open_connections", "Open WebSocket connections", multiprocess_mode="livesum"
)
RATE_LIMITED = Counter("assistant_rate_limited", "Requests refused by a rate limit", ["channel"])
STORE_ERRORS = Counter("assistant_store_errors", "Failed store operations", ["operation"])


def observe_turn(entry: TurnEntry) -> None:
    """Count one answered turn."""
    TURNS.labels(channel=entry.channel, intent=entry.intent).inc()
    if entry.fallback:
        FALLBACKS.labels(channel=entry.channel).inc()
    if entry.unapplied:
        UNAPPLIED.labels(channel=entry.channel).inc(len(entry.unapplied))
    LATENCY.labels(channel=entry.channel).observe(entry.latency_ms / 1000)


def exposition() -> bytes:
    """Every metric in the Prometheus text format (summed over workers in multi-process mode)."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@get("/metrics", sync_to_thread=False, include_in_schema=False)
def metrics_endpoint() -> Response[bytes]:
    """``GET /metrics``: the Prometheus text format."""
    return Response(content=exposition(), media_type=CONTENT_TYPE_LATEST)
