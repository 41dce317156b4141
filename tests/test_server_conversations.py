"""Follow-ups keep their Memory within a conversation, over WebSocket and HTTP, and across them.

The FakeEngine makes continuity observable without depending on the real engine's answers.
"""

from __future__ import annotations

import json
from typing import Any

from conftest import FakeEngine
from litestar.testing import TestClient


def _ask(ws: Any, text: str, client_id: str) -> dict[str, Any]:
    ws.send_text(json.dumps({"type": "message", "text": text, "id": client_id}))
    frame: dict[str, Any] = ws.receive_json()
    return frame


def test_ws_follow_up_uses_the_previous_turns_models(app_client: TestClient[Any]) -> None:
    with app_client.websocket_connect("/ws") as ws:
        ws.receive_json()
        first = _ask(ws, "Compare model-a and model-b", "1")
        follow = _ask(ws, "and which is cheaper?", "2")
        switch = _ask(ws, "what about model-c", "3")
        again = _ask(ws, "its license?", "4")
    assert first["models"] == ["model-a", "model-b"]
    assert follow["models"] == ["model-a", "model-b"] and follow["data"]["followup"]
    assert switch["models"] == ["model-c"]
    assert again["models"] == ["model-c"]


def test_ws_connections_do_not_share_memory(app_client: TestClient[Any]) -> None:
    with app_client.websocket_connect("/ws") as one, app_client.websocket_connect("/ws") as two:
        one.receive_json()
        two.receive_json()
        _ask(one, "model-a please", "1")
        other = _ask(two, "and its price?", "1")
    assert other["models"] == [] and other["intent"] == "fallback"


def test_http_session_keeps_memory_server_side(app_client: TestClient[Any]) -> None:
    first = app_client.post("/api/chat", json={"text": "Tell me about model-x"}).json()
    follow = app_client.post(
        "/api/chat", json={"text": "and its context window?", "session_id": first["session_id"]}
    ).json()
    fresh = app_client.post("/api/chat", json={"text": "and its context window?"}).json()
    assert follow["models"] == ["model-x"] and follow["session_id"] == first["session_id"]
    assert fresh["models"] == [] and fresh["session_id"] != first["session_id"]


def test_http_continues_a_websocket_conversation(app_client: TestClient[Any]) -> None:
    with app_client.websocket_connect("/ws") as ws:
        conv = ws.receive_json()["conversation_id"]
        _ask(ws, "model-q vs model-r", "1")
    follow = app_client.post("/api/chat", json={"text": "which is faster?", "session_id": conv})
    assert follow.json()["models"] == ["model-q", "model-r"]


def test_resume_continues_memory_on_a_new_connection(app_client: TestClient[Any]) -> None:
    with app_client.websocket_connect("/ws") as ws:
        conv = ws.receive_json()["conversation_id"]
        _ask(ws, "model-z", "1")
    with app_client.websocket_connect("/ws") as ws:
        ws.receive_json()
        ws.send_text(json.dumps({"type": "resume", "conversation_id": conv}))
        history = ws.receive_json()
        follow = _ask(ws, "and its price?", "2")
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"]
    assert history["messages"][1]["reply"]["models"] == ["model-z"]
    assert follow["models"] == ["model-z"] and follow["conversation_id"] == conv


def test_engine_failure_is_a_contract_error_on_both_transports(
    app_client: TestClient[Any], fake_engine: FakeEngine
) -> None:
    with app_client.websocket_connect("/ws") as ws:
        ws.receive_json()
        failed = _ask(ws, "boom", "x")
        after = _ask(ws, "model-a", "y")
    response = app_client.post("/api/chat", json={"text": "boom"})
    assert failed["type"] == "error" and failed["code"] == "internal" and failed["id"] == "x"
    assert after["type"] == "reply"
    assert response.status_code == 500
    body = response.json()
    assert body["type"] == "error" and body["code"] == "internal"
    assert "RuntimeError" not in body["message"] and "Traceback" not in response.text
