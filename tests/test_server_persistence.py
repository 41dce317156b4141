"""Conversations outlive processes and span them: real servers, the real engine, real Redis.

- default settings: ``kill -9`` and a restart keep the conversation (HTTP and WebSocket);
- two server processes on different ports sharing one redis-server serve one conversation
  whichever process a turn lands on;
- ``--workers 2``: every follow-up keeps its conversation; ``/metrics`` sums the workers;
- a Redis outage is a clear error per request and ``/health`` says so; it recovers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import start_live_server
from live import LiveServer, running, serve_server
from redis_server import RedisProcess
from websockets.sync.client import connect

pytestmark = pytest.mark.e2e
FIRST = "what is the context window of gpt-4o?"
FOLLOW = "is it open source?"
MODEL = "openai/gpt-4o"


def _chat(server: LiveServer, text: str, session_id: str | None = None) -> dict[str, Any]:
    body = {"text": text} if session_id is None else {"text": text, "session_id": session_id}
    response = httpx.post(server.url + "/api/chat", json=body, timeout=30)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _ws_turns(server: LiveServer, frames: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Connect, skip the welcome, send each frame and collect its answer."""
    answers = []
    with connect(server.ws_url) as ws:
        json.loads(ws.recv(timeout=30))
        for frame in frames:
            ws.send(json.dumps(frame))
            answers.append(json.loads(ws.recv(timeout=30)))
    return answers


def _ws_start(server: LiveServer) -> str:
    """A WebSocket conversation with one question; its id."""
    reply = _ws_turns(server, [{"type": "message", "text": FIRST}])[0]
    assert reply["models"] == [MODEL]
    conversation_id: str = reply["conversation_id"]
    return conversation_id


def _ws_resume_and_follow(server: LiveServer, conversation_id: str) -> list[dict[str, Any]]:
    resume = {"type": "resume", "conversation_id": conversation_id}
    return _ws_turns(server, [resume, {"type": "message", "text": FOLLOW}])


def test_kill_9_and_restart_keeps_the_conversation(tmp_path: Path) -> None:
    env = {"ASSISTANT_RATE_PER_SECOND": "1000", "ASSISTANT_RATE_BURST": "1000"}
    server = serve_server(tmp_path, **env)  # default store: SQLite in its data directory
    with running(server):
        session = _chat(server, FIRST)["session_id"]
        conversation = _ws_start(server)
        server.kill()
        server.start()
        follow = _chat(server, FOLLOW, session)
        history, ws_follow = _ws_resume_and_follow(server, conversation)
    assert follow["session_id"] == session and MODEL in follow["models"]
    assert history["type"] == "history" and history["messages"][0]["text"] == FIRST
    assert ws_follow["conversation_id"] == conversation and MODEL in ws_follow["models"]


def test_two_processes_sharing_one_redis_serve_one_conversation(
    tmp_path: Path, redis_url: str
) -> None:
    env = {"ASSISTANT_STORE": redis_url, "ASSISTANT_RATE_BURST": "1000"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        start_live_server(tmp_path / "a", **env) as one,
        start_live_server(tmp_path / "b", **env) as two,
    ):
        session = _chat(one, FIRST)["session_id"]
        hops = [_chat(server, FOLLOW, session) for server in (two, one, two)]
        conversation = _ws_start(two)
        history, ws_follow = _ws_resume_and_follow(one, conversation)
        http_follow = _chat(two, "and its license?", conversation)
        metrics = httpx.get(one.url + "/metrics", timeout=10).text
    assert all(h["session_id"] == session and MODEL in h["models"] for h in hops)
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"]
    assert ws_follow["conversation_id"] == conversation and MODEL in ws_follow["models"]
    assert http_follow["session_id"] == conversation and MODEL in http_follow["models"]
    assert 'assistant_turns_total{channel="web",intent="context_window"}' in metrics


def test_several_workers_keep_every_follow_up(tmp_path: Path) -> None:
    env = {"ASSISTANT_RATE_PER_SECOND": "1000", "ASSISTANT_RATE_BURST": "1000"}
    with start_live_server(tmp_path, ("--workers", "2"), **env) as server:
        sessions = [_chat(server, FIRST)["session_id"] for _ in range(10)]
        follows = [_chat(server, FOLLOW, s) for s in sessions for _ in range(2)]
        conversations = [_ws_start(server) for _ in range(5)]
        resumed = [_ws_resume_and_follow(server, c) for c in conversations for _ in range(2)]
        metrics = httpx.get(server.url + "/metrics", timeout=10).text
    assert all(MODEL in f["models"] for f in follows)
    assert all(h["type"] == "history" and MODEL in r["models"] for h, r in resumed)
    turns = [
        float(line.split()[-1])
        for line in metrics.splitlines()
        if line.startswith("assistant_turns_total{")
    ]
    assert sum(turns) >= 10 + 20 + 5 + 10  # every worker's turns, summed


def test_a_redis_outage_is_a_clear_error_and_health_says_so(
    tmp_path: Path, redis_url: str, redis_process: RedisProcess
) -> None:
    env = {"ASSISTANT_STORE": redis_url}
    with start_live_server(tmp_path, **env) as server:
        session = _chat(server, FIRST)["session_id"]
        redis_process.stop()
        try:
            failed = httpx.post(
                server.url + "/api/chat", json={"text": FOLLOW, "session_id": session}, timeout=30
            )
            health = httpx.get(server.url + "/health", timeout=30)
            frames = _ws_turns(server, [{"type": "message", "text": FIRST}, {"type": "ping"}])
        finally:
            redis_process.start()
        recovered = httpx.get(server.url + "/health", timeout=30)
        assert server.process is not None and server.process.poll() is None
    assert failed.status_code == 503 and failed.json()["code"] == "store_unavailable"
    assert health.status_code == 503 and health.json()["status"] == "store_unavailable"
    assert frames[0]["type"] == "error" and frames[0]["code"] == "store_unavailable"
    assert frames[1]["type"] == "pong"  # the socket stayed open
    assert recovered.status_code == 200
