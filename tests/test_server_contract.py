"""CONTRACT.md over both transports: litestar's TestClient and a real uvicorn process.

These tests are engine-independent: they check shapes, ids, codes and that connections
survive bad input, whatever the engine answers (the TestClient runs the FakeEngine, the
live server the real engine).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

import httpx
import pytest
from litestar.testing import TestClient
from live import LiveServer
from websockets.sync.client import connect

Frame = dict[str, Any]


class Socket(Protocol):
    """The little a test needs from a WebSocket."""

    def send(self, data: str | bytes) -> None: ...
    def recv(self) -> Frame: ...


class Transport(Protocol):
    """One way of reaching the app: WebSocket and HTTP."""

    def ws(self, headers: dict[str, str] | None = None) -> AbstractContextManager[Socket]: ...
    def post(self, body: Any, raw: bytes | None = None) -> tuple[int, Frame]: ...
    def get(self, path: str) -> tuple[int, Any]: ...


class InProcessSocket:
    """litestar's WebSocket test session."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def send(self, data: str | bytes) -> None:
        if isinstance(data, bytes):
            self.session.send_bytes(data)
        else:
            self.session.send_text(data)

    def recv(self) -> Frame:
        frame: Frame = json.loads(self.session.receive_text())
        return frame


class InProcess:
    """The app under litestar's TestClient (FakeEngine)."""

    def __init__(self, client: TestClient[Any]) -> None:
        self.client = client

    @contextmanager
    def ws(self, headers: dict[str, str] | None = None) -> Iterator[Socket]:
        with self.client.websocket_connect("/ws", headers=headers) as session:
            yield InProcessSocket(session)

    def post(self, body: Any, raw: bytes | None = None) -> tuple[int, Frame]:
        if raw is not None:
            response = self.client.post(
                "/api/chat", content=raw, headers={"content-type": "application/json"}
            )
        else:
            response = self.client.post("/api/chat", json=body)
        return response.status_code, response.json()

    def get(self, path: str) -> tuple[int, Any]:
        response = self.client.get(path)
        return response.status_code, response.json()


class LiveSocket:
    """A websockets client connection."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def send(self, data: str | bytes) -> None:
        self.connection.send(data)

    def recv(self) -> Frame:
        frame: Frame = json.loads(self.connection.recv(timeout=30))
        return frame


class OverLoopback:
    """A real ``assistant serve`` process (real engine)."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server

    @contextmanager
    def ws(self, headers: dict[str, str] | None = None) -> Iterator[Socket]:
        with connect(self.server.ws_url, additional_headers=headers, open_timeout=10) as conn:
            yield LiveSocket(conn)

    def post(self, body: Any, raw: bytes | None = None) -> tuple[int, Frame]:
        content = raw if raw is not None else json.dumps(body).encode()
        headers = {"content-type": "application/json"}
        response = httpx.post(self.server.url + "/api/chat", content=content, headers=headers)
        return response.status_code, response.json()

    def get(self, path: str) -> tuple[int, Any]:
        response = httpx.get(self.server.url + path)
        return response.status_code, response.json()


@pytest.fixture(params=["testclient", "live"])
def transport(request: pytest.FixtureRequest, app_client: TestClient[Any]) -> Transport:
    """Each contract test runs in-process and against the real server."""
    if request.param == "testclient":
        return InProcess(app_client)
    return OverLoopback(request.getfixturevalue("live_server"))


def assert_reply(frame: Frame) -> None:
    """The contract's reply object."""
    assert frame["type"] == "reply"
    assert isinstance(frame["text"], str) and frame["text"]
    assert isinstance(frame["intent"], str) and frame["intent"]
    assert isinstance(frame["models"], list) and all(isinstance(m, str) for m in frame["models"])
    assert isinstance(frame["suggestions"], list)
    assert all(isinstance(s, str) for s in frame["suggestions"])
    assert isinstance(frame.get("data", {}), dict)


def assert_error(frame: Frame, code: str) -> None:
    """The contract's error frame, with a human message and no traceback."""
    assert frame["type"] == "error"
    assert frame["code"] == code
    assert isinstance(frame["message"], str) and frame["message"]
    assert "Traceback" not in frame["message"] and 'File "' not in frame["message"]


def test_health(transport: Transport) -> None:
    status, body = transport.get("/health")
    assert status == 200
    assert body["status"] == "ok"
    assert "models" in body and "version" in body


def test_ws_welcome_then_replies_in_order_with_ids(transport: Transport) -> None:
    with transport.ws() as ws:
        welcome = ws.recv()
        assert welcome["type"] == "welcome" and welcome["conversation_id"]
        questions = ["Is model-a open source?", "what about model-b", "hello", "and its price?"]
        for n, text in enumerate(questions):
            ws.send(json.dumps({"type": "message", "text": text, "id": f"q{n}"}))
        replies = [ws.recv() for _ in questions]
    for n, reply in enumerate(replies):
        assert_reply(reply)
        assert reply["id"] == f"q{n}"
        assert reply["conversation_id"] == welcome["conversation_id"]


def test_ws_reply_without_id_has_none(transport: Transport) -> None:
    with transport.ws() as ws:
        ws.recv()
        ws.send(json.dumps({"type": "message", "text": "Which is cheaper, model-a or model-b?"}))
        reply = ws.recv()
    assert_reply(reply)
    assert "id" not in reply


PADDED = json.dumps({"type": "message", "text": "y", "pad": "z" * 70_000})
BAD_FRAMES = {
    "not-json": ("{nope", "bad_request"),
    "array": ("[1, 2, 3]", "bad_request"),
    "number": ("42", "bad_request"),
    "null": ("null", "bad_request"),
    "unknown-type": ('{"type": "subscribe", "text": "hi"}', "bad_request"),
    "missing-type": ('{"text": "hi"}', "bad_request"),
    "missing-text": ('{"type": "message"}', "bad_request"),
    "text-number": ('{"type": "message", "text": 12}', "bad_request"),
    "text-object": ('{"type": "message", "text": {"a": 1}}', "bad_request"),
    "text-too-long": (json.dumps({"type": "message", "text": "x" * 4001}), "too_large"),
    "frame-too-big": (PADDED, "too_large"),
    "empty": ("", "bad_request"),
}


@pytest.mark.parametrize(("raw", "code"), BAD_FRAMES.values(), ids=BAD_FRAMES.keys())
def test_ws_bad_frame_gets_error_and_connection_stays_open(
    transport: Transport, raw: str, code: str
) -> None:
    with transport.ws() as ws:
        ws.recv()
        ws.send(raw)
        assert_error(ws.recv(), code)
        ws.send(json.dumps({"type": "message", "text": "still there?", "id": "after"}))
        reply = ws.recv()
    assert_reply(reply)
    assert reply["id"] == "after"


def test_ws_error_echoes_id_when_frame_decodes(transport: Transport) -> None:
    with transport.ws() as ws:
        ws.recv()
        ws.send(json.dumps({"type": "message", "text": "x" * 5000, "id": "long"}))
        frame = ws.recv()
    assert_error(frame, "too_large")
    assert frame["id"] == "long"


def test_ws_binary_json_frame_is_accepted(transport: Transport) -> None:
    with transport.ws() as ws:
        ws.recv()
        ws.send(b'{"type": "message", "text": "hello", "id": "bin"}')
        assert ws.recv()["id"] == "bin"
        ws.send(b"\x00\xff\xfe")
        assert_error(ws.recv(), "bad_request")


def test_ws_ping_pong(transport: Transport) -> None:
    with transport.ws() as ws:
        ws.recv()
        ws.send('{"type": "ping", "id": 3}')
        assert ws.recv() == {"type": "pong", "id": 3}


def test_ws_resume_unknown_keeps_own_conversation(transport: Transport) -> None:
    with transport.ws() as ws:
        own = ws.recv()["conversation_id"]
        ws.send(json.dumps({"type": "resume", "conversation_id": "not-a-real-id", "id": "r"}))
        frame = ws.recv()
        assert_error(frame, "unknown_conversation")
        assert frame["id"] == "r"
        ws.send(json.dumps({"type": "message", "text": "hi"}))
        assert ws.recv()["conversation_id"] == own


def test_ws_resume_returns_history_across_connections_and_http(transport: Transport) -> None:
    with transport.ws() as ws:
        conv = ws.recv()["conversation_id"]
        ws.send(json.dumps({"type": "message", "text": "Tell me about model-a"}))
        first = ws.recv()
    status, body = transport.post({"text": "and its context window?", "session_id": conv})
    assert status == 200 and body["session_id"] == conv
    with transport.ws() as ws:
        fresh = ws.recv()["conversation_id"]
        assert fresh != conv
        ws.send(json.dumps({"type": "resume", "conversation_id": conv}))
        history = ws.recv()
        ws.send(json.dumps({"type": "message", "text": "thanks", "id": "t"}))
        after = ws.recv()
    assert history["type"] == "history" and history["conversation_id"] == conv
    roles = [m["role"] for m in history["messages"]]
    assert roles == ["user", "assistant", "user", "assistant"]
    assert history["messages"][0]["text"] == "Tell me about model-a"
    assert history["messages"][1]["reply"]["text"] == first["text"]
    assert history["messages"][3]["reply"]["text"] == body["text"]
    assert after["conversation_id"] == conv


def test_http_chat_reply_and_session_continuity(transport: Transport) -> None:
    status, first = transport.post({"text": "Which has a larger context window, model-a or b?"})
    assert status == 200
    assert_reply(first)
    session = first["session_id"]
    assert isinstance(session, str) and len(session) >= 22
    status, second = transport.post({"text": "and its license?", "session_id": session})
    assert status == 200 and second["session_id"] == session
    assert_reply(second)


def test_http_unknown_session_starts_a_new_one(transport: Transport) -> None:
    status, body = transport.post({"text": "hello", "session_id": "expired-or-made-up"})
    assert status == 200
    assert body["session_id"] != "expired-or-made-up"


HTTP_BAD = {
    "not-json": (None, b"{nope", 400, "bad_request"),
    "array": (None, b"[1]", 400, "bad_request"),
    "missing-text": ({"session_id": "x"}, None, 400, "bad_request"),
    "text-number": ({"text": 5}, None, 400, "bad_request"),
    "session-number": ({"text": "hi", "session_id": 5}, None, 400, "bad_request"),
    "text-too-long": ({"text": "x" * 4001}, None, 413, "too_large"),
    "body-too-big": (None, b'{"text": "' + b"z" * 70000 + b'"}', 413, "too_large"),
}


@pytest.mark.parametrize(("body", "raw", "status", "code"), HTTP_BAD.values(), ids=HTTP_BAD.keys())
def test_http_errors_in_contract_shape(
    transport: Transport, body: Any, raw: bytes | None, status: int, code: str
) -> None:
    got_status, frame = transport.post(body, raw)
    assert got_status == status
    assert_error(frame, code)


def test_openapi_schema_documents_http_api(transport: Transport) -> None:
    status, schema = transport.get("/schema/openapi.json")
    assert status == 200
    assert "/api/chat" in schema["paths"] and "/health" in schema["paths"]
    assert "post" in schema["paths"]["/api/chat"]


def test_ws_origin_allow_list(transport: Transport) -> None:
    with transport.ws({"Origin": "http://localhost:5173"}) as ws:
        assert ws.recv()["type"] == "welcome"
    with pytest.raises(Exception) as caught, transport.ws({"Origin": "https://evil.example"}):
        pass
    assert "403" in str(caught.value) or "origin" in str(caught.value).lower()


def test_live_follow_ups_refer_to_the_previous_models(live_server: LiveServer) -> None:
    """Real engine, both transports: a question naming no model continues the last one."""
    live = OverLoopback(live_server)
    with live.ws() as ws:
        ws.recv()
        ws.send(json.dumps({"type": "message", "text": "Is GPT-4o open source?"}))
        first = ws.recv()
        ws.send(json.dumps({"type": "message", "text": "and its context window?"}))
        follow = ws.recv()
    assert first["models"] and set(first["models"]) <= set(follow["models"])
    status, one = live.post({"text": "Is GPT-4o open source?"})
    status, two = live.post({"text": "and its context window?", "session_id": one["session_id"]})
    assert status == 200 and one["models"]
    assert set(one["models"]) <= set(two["models"])
