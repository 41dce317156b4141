"""``GET /metrics``: the Prometheus text format, counting turns, limits and connections."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from litestar.testing import TestClient
from prometheus_client.parser import text_string_to_metric_families

MakeClient = Callable[..., TestClient[Any]]


def _samples(client: TestClient[Any]) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def test_metrics_count_turns_fallbacks_limits_and_connections(make_client: MakeClient) -> None:
    client = make_client(rate_per_second=0.001, rate_burst=2)
    before = _samples(client)
    client.post("/api/chat", json={"text": "model-a please"})
    client.post("/api/chat", json={"text": "hello"})
    with client.websocket_connect("/ws") as ws:
        ws.receive_json()
        during = _samples(client)
        for _ in range(3):
            ws.send_text(json.dumps({"type": "ping"}))
            ws.receive_json()
    after = _samples(client)

    def delta(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert delta("assistant_turns_total", channel="web", intent="fake") == 1
    assert delta("assistant_turns_total", channel="web", intent="fallback") == 1
    assert delta("assistant_fallbacks_total", channel="web") == 1
    assert delta("assistant_rate_limited_total", channel="web") == 1
    assert delta("assistant_turn_seconds_count", channel="web") == 2
    open_now = during[("assistant_open_connections", ())]
    assert open_now - after[("assistant_open_connections", ())] == 1
