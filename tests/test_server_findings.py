"""Findings 1, 2 and 5 of the reliability probe (issue 12), each reproduced as a test.

Each failed on the in-memory conversation store this replaced; they go through the public
HTTP and WebSocket interface only.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

from litestar.testing import TestClient
from test_slack_app import FakeEngine as NumberingEngine
from test_slack_app import command, fake_slack_api, post_command, settings_for

from assistant.engine import Memory
from assistant.reply import Reply
from assistant.server.app import create_app
from assistant.settings import load_settings

LONG = 30_000  # characters in a long reply (tables of models run to this)


class LongEngine:
    """Every reply is long, as a comparison of many models is."""

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        """A long reply; the memory counts the turns."""
        reply = Reply(text="| model | price |\n" * (LONG // 18), intent="fake", data={"t": text})
        return reply, Memory(turns=memory.turns + 1)


def test_finding_1_memory_fill_through_the_conversation_store(tmp_path: Path) -> None:
    settings = load_settings(
        env={},
        data_dir=tmp_path / "var",
        cache_size=10,
        # the store's own bound under test, not the per-address limits (issue 12, finding 4)
        new_conversations_per_minute=1e6,
        ip_rate_per_second=1e6,
        ip_rate_burst=1_000_000,
    )
    with TestClient(create_app(settings, engine=LongEngine())) as client:  # type: ignore[arg-type]
        client.post("/api/chat", json={"text": "warm up"})
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for n in range(150):
            first = client.post("/api/chat", json={"text": f"compare all {n}"}).json()
            again = {"text": "and the cheaper ones?", "session_id": first["session_id"]}
            assert client.post("/api/chat", json=again).status_code == 200
        for _ in range(20):
            with client.websocket_connect("/ws") as ws:
                ws.receive_json()
                ws.send_text(json.dumps({"type": "message", "text": "compare all"}))
                ws.receive_json()
        kept = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
    replied = 320 * LONG
    assert kept < replied / 4, f"{kept / 1e6:.1f} MB kept after {replied / 1e6:.1f} MB of replies"


def test_finding_2_slack_conversations_are_not_reachable_from_the_web() -> None:
    engine = NumberingEngine()
    with (
        fake_slack_api() as api,
        TestClient(create_app(settings_for(api), engine=engine)) as client,
    ):  # type: ignore[arg-type]
        assert "Turn 1" in post_command(client, command("gpt-4o?")).json()["text"]
        slack_key = "slack:T1:C9:slash:UALICE"
        with client.websocket_connect("/ws") as ws:
            ws.receive_json()
            ws.send_text(json.dumps({"type": "resume", "conversation_id": slack_key}))
            resumed = ws.receive_json()
        web = client.post("/api/chat", json={"text": "and its license?", "session_id": slack_key})
        again = post_command(client, command("and its license?")).json()
    assert resumed["type"] == "error" and resumed["code"] == "unknown_conversation"
    assert "messages" not in resumed
    assert web.json()["session_id"] != slack_key and "Turn 1" in web.json()["text"]
    assert "Turn 2" in again["text"]  # the web request neither read nor changed its memory


def _history_frames(client: TestClient[Any], conversation_id: str, tries: int) -> list[str]:
    """Send ``tries`` resume frames on one fresh connection; the raw answers."""
    frames = []
    with client.websocket_connect("/ws") as ws:
        ws.receive_json()
        for _ in range(tries):
            ws.send_text(json.dumps({"type": "resume", "conversation_id": conversation_id}))
            frames.append(ws.receive_text())
    return frames


def test_finding_5_resume_is_capped_in_bytes_and_counts_against_the_rate_limit() -> None:
    settings = load_settings(env={}, store="memory://")
    with TestClient(create_app(settings, engine=LongEngine())) as client:  # type: ignore[arg-type]
        session = client.post("/api/chat", json={"text": "compare all"}).json()["session_id"]
        for _ in range(14):
            body = {"text": "and the next ones?", "session_id": session}
            assert client.post("/api/chat", json=body).status_code == 200
        frames = _history_frames(client, session, settings.rate_burst)
    histories = [f for f in frames if json.loads(f)["type"] == "history"]
    limited = [f for f in frames if json.loads(f).get("code") == "rate_limited"]
    assert histories and limited
    assert max(len(f.encode()) for f in histories) <= settings.history_bytes
    sent = sum(len(f.encode()) for f in frames)
    assert sent <= settings.rate_burst * 8192 + settings.history_bytes
