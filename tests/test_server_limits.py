"""Rate limits, size limits, the Origin allow-list, the connection cap and the idle timeout.

In-process through TestClient with tight settings, and over loopback against a real server
started with the same tight settings from ``ASSISTANT_*`` environment variables.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from conftest import start_live_server
from litestar.exceptions import WebSocketDisconnect
from litestar.testing import TestClient
from live import LiveServer
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

MakeClient = Callable[..., TestClient[Any]]
PING = '{"type": "ping"}'


def test_ws_rate_limit_errors_but_keeps_the_connection(make_client: MakeClient) -> None:
    client = make_client(rate_per_second=0.001, rate_burst=3)
    with client.websocket_connect("/ws") as ws:
        ws.receive_json()
        frames = []
        for _ in range(5):
            ws.send_text(PING)
            frames.append(ws.receive_json())
    assert [f["type"] for f in frames] == ["pong", "pong", "pong", "error", "error"]
    assert {f.get("code") for f in frames[3:]} == {"rate_limited"}


def test_http_rate_limit_is_per_conversation(make_client: MakeClient) -> None:
    client = make_client(rate_per_second=0.001, rate_burst=2)
    session = client.post("/api/chat", json={"text": "hi"}).json()["session_id"]
    second = client.post("/api/chat", json={"text": "hi", "session_id": session})
    third = client.post("/api/chat", json={"text": "hi", "session_id": session})
    other = client.post("/api/chat", json={"text": "hi"})
    assert second.status_code == 200
    assert third.status_code == 429 and third.json()["code"] == "rate_limited"
    assert int(third.headers["retry-after"]) >= 1
    assert other.status_code == 200


def test_text_and_frame_limits_follow_settings(make_client: MakeClient) -> None:
    client = make_client(max_text_chars=10, max_frame_bytes=200)
    with client.websocket_connect("/ws") as ws:
        ws.receive_json()
        ws.send_text(json.dumps({"type": "message", "text": "x" * 10}))
        ok = ws.receive_json()
        ws.send_text(json.dumps({"type": "message", "text": "x" * 11}))
        long_text = ws.receive_json()
        ws.send_text(json.dumps({"type": "message", "text": "x", "pad": "p" * 300}))
        big_frame = ws.receive_json()
    assert ok["type"] == "reply"
    assert long_text["code"] == "too_large" and big_frame["code"] == "too_large"
    assert client.post("/api/chat", json={"text": "y" * 11}).status_code == 413
    assert client.post("/api/chat", json={"text": "y", "pad": "p" * 300}).status_code == 413


def test_configured_origins_replace_loopback(make_client: MakeClient) -> None:
    client = make_client(allowed_origins=("https://shop.example",))
    with client.websocket_connect("/ws", headers={"origin": "https://shop.example"}) as ws:
        assert ws.receive_json()["type"] == "welcome"
    with client.websocket_connect("/ws") as ws:
        assert ws.receive_json()["type"] == "welcome"
    for origin in ("http://localhost:3000", "https://evil.example"):
        with (
            pytest.raises(WebSocketDisconnect),
            client.websocket_connect("/ws", headers={"origin": origin}),
        ):
            pass


def test_connection_cap_closes_extra_with_1013(make_client: MakeClient) -> None:
    client = make_client(max_connections=1)
    with client.websocket_connect("/ws") as first:
        first.receive_json()
        with (
            client.websocket_connect("/ws") as second,
            pytest.raises(WebSocketDisconnect) as closed,
        ):
            second.receive_json()
        assert closed.value.code == 1013
    with client.websocket_connect("/ws") as again:
        assert again.receive_json()["type"] == "welcome"


def test_idle_connection_is_closed_with_1001(make_client: MakeClient) -> None:
    client = make_client(idle_timeout=0.2)
    with client.websocket_connect("/ws") as ws:
        ws.receive_json()
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1001


STRICT_ENV = {
    "ASSISTANT_RATE_PER_SECOND": "0.001",
    "ASSISTANT_RATE_BURST": "3",
    "ASSISTANT_MAX_CONNECTIONS": "2",
    "ASSISTANT_ALLOWED_ORIGINS": "https://shop.example",
    "ASSISTANT_MAX_TEXT_CHARS": "50",
    "ASSISTANT_IDLE_TIMEOUT": "1",
}


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real server with tight limits from the environment."""
    with start_live_server(tmp_path_factory.mktemp("strict"), **STRICT_ENV) as server:
        yield server


def test_live_rate_limit_and_text_limit(strict_server: LiveServer) -> None:
    with connect(strict_server.ws_url) as ws:
        json.loads(ws.recv(timeout=10))
        ws.send(json.dumps({"type": "message", "text": "z" * 51, "id": "long"}))
        frames = [json.loads(ws.recv(timeout=10))]
        for _ in range(3):
            ws.send(PING)
            frames.append(json.loads(ws.recv(timeout=10)))
    assert frames[0]["code"] == "too_large" and frames[0]["id"] == "long"
    assert [f["type"] for f in frames[1:]] == ["pong", "pong", "error"]
    assert frames[3]["code"] == "rate_limited"


def test_live_origin_rejected_at_handshake(strict_server: LiveServer) -> None:
    with pytest.raises(InvalidStatus) as refused:
        connect(strict_server.ws_url, additional_headers={"Origin": "https://evil.example"})
    assert refused.value.response.status_code == 403
    headers = {"Origin": "https://shop.example"}
    with connect(strict_server.ws_url, additional_headers=headers) as ws:
        assert json.loads(ws.recv(timeout=10))["type"] == "welcome"


def test_live_connection_cap_and_idle_timeout(strict_server: LiveServer) -> None:
    with connect(strict_server.ws_url) as one, connect(strict_server.ws_url) as two:
        one.recv(timeout=10)
        two.recv(timeout=10)
        with connect(strict_server.ws_url) as three, pytest.raises(ConnectionClosed) as closed:
            three.recv(timeout=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1013
        with pytest.raises(ConnectionClosed) as idle:
            one.recv(timeout=10)
            one.recv(timeout=10)
        assert idle.value.rcvd is not None and idle.value.rcvd.code == 1001


def test_live_http_rate_limit(strict_server: LiveServer) -> None:
    first = httpx.post(strict_server.url + "/api/chat", json={"text": "hello"})
    session = first.json()["session_id"]
    statuses = [
        httpx.post(
            strict_server.url + "/api/chat", json={"text": "hello", "session_id": session}
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
