"""Hypothesis throws arbitrary text and frames at /ws and /api/chat, in-process and live.

Every input gets a reply or a contract error; the connection stays open, nothing
answers 5xx, and no traceback reaches the client.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import FakeEngine
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from litestar.testing import TestClient
from live import LiveServer
from websockets.sync.client import ClientConnection, connect

from assistant.server.app import create_app
from assistant.settings import load_settings

CODES = {"bad_request", "too_large", "rate_limited"}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
typed_objects = st.fixed_dictionaries(
    {"type": st.sampled_from(["message", "resume", "ping", "typing", "", "MESSAGE"])},
    optional={
        "text": json_values,
        "id": json_values,
        "conversation_id": json_values,
        "extra": json_values,
    },
)
messages = st.builds(
    lambda text, cid: {"type": "message", "text": text, "id": cid},
    st.text(max_size=300) | st.text(min_size=3990, max_size=4010, alphabet="ab é"),
    st.none() | st.text(max_size=10) | st.integers(),
)
nested_junk = st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * n)
text_frames = (
    st.text()
    | json_values.map(json.dumps)
    | typed_objects.map(json.dumps)
    | messages.map(json.dumps)
    | nested_junk
)
frames = text_frames | st.binary() | text_frames.map(str.encode)
bodies = st.binary() | json_values.map(json.dumps) | messages.map(json.dumps) | nested_junk


def check_answer(frame: dict[str, Any]) -> None:
    """A reply, a pong/history, or a contract error without internals."""
    assert isinstance(frame, dict)
    if frame["type"] == "error":
        assert frame["code"] in CODES | {"unknown_conversation"}, frame
        assert isinstance(frame["message"], str) and "Traceback" not in frame["message"]
    else:
        assert frame["type"] in {"reply", "pong", "history"}, frame
    if frame["type"] == "reply":
        assert isinstance(frame["text"], str) and isinstance(frame["intent"], str)


def check_http(status: int, body: Any) -> None:
    """200 with a reply and session id, or a 4xx contract error."""
    if status == 200:
        assert body["type"] == "reply" and body["session_id"]
    else:
        assert 400 <= status < 500, (status, body)
        assert body["type"] == "error" and body["code"] in CODES, body


@pytest.fixture(scope="module")
def fuzz_client() -> Iterator[TestClient[Any]]:
    """In-process app with the FakeEngine and rate limits out of the way."""
    settings = load_settings(
        env={},
        rate_per_second=1e6,
        rate_burst=1_000_000,
        ip_rate_per_second=1e6,
        ip_rate_burst=1_000_000,
        new_conversations_per_minute=1e6,
    )
    with TestClient(create_app(settings, engine=FakeEngine())) as client:  # type: ignore[arg-type]
        yield client


@pytest.fixture(scope="module")
def fuzz_socket(fuzz_client: TestClient[Any]) -> Iterator[Any]:
    """One WebSocket kept open across all examples: no frame may close it."""
    with fuzz_client.websocket_connect("/ws") as ws:
        ws.receive_json()
        yield ws


@hyp_settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(frame=frames)
def test_ws_any_frame_gets_an_answer_in_process(fuzz_socket: Any, frame: str | bytes) -> None:
    assume(b"boom" not in (frame if isinstance(frame, bytes) else frame.encode("utf-8")))
    if isinstance(frame, bytes):
        fuzz_socket.send_bytes(frame)
    else:
        fuzz_socket.send_text(frame)
    check_answer(json.loads(fuzz_socket.receive_text()))


@hyp_settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=bodies)
def test_http_any_body_gets_an_answer_in_process(
    fuzz_client: TestClient[Any], body: str | bytes
) -> None:
    content = body if isinstance(body, bytes) else body.encode("utf-8")
    assume(b"boom" not in content)
    response = fuzz_client.post(
        "/api/chat", content=content, headers={"content-type": "application/json"}
    )
    assert "Traceback" not in response.text
    check_http(response.status_code, response.json())


@pytest.fixture(scope="module")
def live_socket(live_server: LiveServer) -> Iterator[ClientConnection]:
    """One connection to the real server kept open across all examples.

    No keepalive pings: websockets draws each ping's payload from the global ``random``, and a
    ping landing while hypothesis draws an example (in a later test) is flagged as a strategy
    using ``random`` (HypothesisDeprecationWarning, an error here).
    """
    with connect(live_server.ws_url, max_size=None, ping_interval=None) as ws:
        ws.recv(timeout=10)
        yield ws


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(frame=frames)
def test_ws_any_frame_gets_an_answer_live(
    live_socket: ClientConnection, frame: str | bytes
) -> None:
    live_socket.send(frame)
    check_answer(json.loads(live_socket.recv(timeout=30)))


@hyp_settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=500))
def test_ws_any_text_gets_a_reply_live(live_socket: ClientConnection, text: str) -> None:
    live_socket.send(json.dumps({"type": "message", "text": text, "id": "fuzz"}))
    frame = json.loads(live_socket.recv(timeout=30))
    assert frame["type"] == "reply" and frame["id"] == "fuzz", frame


@hyp_settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=bodies)
def test_http_any_body_gets_an_answer_live(live_server: LiveServer, body: str | bytes) -> None:
    content = body if isinstance(body, bytes) else body.encode("utf-8")
    response = httpx.post(
        live_server.url + "/api/chat",
        content=content,
        headers={"content-type": "application/json"},
        timeout=30,
    )
    assert "Traceback" not in response.text
    check_http(response.status_code, response.json())


def test_live_server_still_healthy_after_fuzzing(live_server: LiveServer) -> None:
    assert httpx.get(live_server.url + "/health").json()["status"] == "ok"
    assert live_server.process.poll() is None
