"""Issue 12, in process: each finding of the reliability probe reproduced, then held.

Findings 4 (per-address and global limits, trusted proxies), 6 (an aborted body is one log
line), 10 (415, CORS, 405/404 error shape, body timeout, DNS rebinding). The live ones
(slow readers, invalid UTF-8 over a real socket) are in ``test_server_abuse_live.py``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from conftest import FakeEngine
from litestar.exceptions import WebSocketDisconnect
from litestar.testing import TestClient

from assistant.server.app import create_app
from assistant.settings import load_settings

MakeClient = Callable[..., TestClient[Any]]
PING = '{"type": "ping"}'
LOOSE = {"rate_per_second": 1e6, "rate_burst": 1_000_000}  # only the limit under test bites


def _closed_code(client: TestClient[Any], **headers: str) -> int:
    """The close code of a connection the server accepts and closes at once."""
    with (
        client.websocket_connect("/ws", headers=headers) as ws,
        pytest.raises(WebSocketDisconnect) as closed,
    ):
        ws.receive_json()
    return closed.value.code


def test_finding4_one_address_cannot_take_every_connection_slot(make_client: MakeClient) -> None:
    client = make_client(max_connections=100, max_connections_per_ip=2)
    with client.websocket_connect("/ws") as one, client.websocket_connect("/ws") as two:
        one.receive_json()
        two.receive_json()
        assert _closed_code(client) == 1013
        assert client.get("/health").json()["connections"] == 2
    with client.websocket_connect("/ws") as again:
        assert again.receive_json()["type"] == "welcome"


def test_finding4_x_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(
    make_client: MakeClient,
) -> None:
    client = make_client(max_connections_per_ip=1)
    with client.websocket_connect("/ws", headers={"x-forwarded-for": "10.0.0.1"}) as one:
        one.receive_json()
        assert _closed_code(client, **{"x-forwarded-for": "10.0.0.2"}) == 1013
    proxied = make_client(max_connections_per_ip=1, trusted_proxies=("testclient",))
    with proxied.websocket_connect("/ws", headers={"x-forwarded-for": "10.0.0.1"}) as one:
        one.receive_json()
        with proxied.websocket_connect("/ws", headers={"x-forwarded-for": "10.0.0.2"}) as two:
            assert two.receive_json()["type"] == "welcome"
        assert _closed_code(proxied, **{"x-forwarded-for": "10.0.0.1"}) == 1013


def test_finding4_message_rate_is_per_address_across_connections(make_client: MakeClient) -> None:
    client = make_client(**LOOSE, ip_rate_per_second=0.001, ip_rate_burst=4)
    frames = []
    with client.websocket_connect("/ws") as one, client.websocket_connect("/ws") as two:
        one.receive_json()
        two.receive_json()
        for ws in (one, two, one, two, one):
            ws.send_text(PING)
            frames.append(ws.receive_json())
    assert [f["type"] for f in frames] == ["pong"] * 4 + ["error"]
    assert frames[4]["code"] == "rate_limited" and "your address" in frames[4]["message"]
    response = client.post("/api/chat", json={"text": "hi"})
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert int(response.headers["retry-after"]) >= 1


def test_finding4_posts_without_session_id_are_limited_as_new_conversations(
    make_client: MakeClient,
) -> None:
    client = make_client(**LOOSE, ip_rate_burst=10_000, new_conversations_per_minute=30)
    statuses = [client.post("/api/chat", json={"text": "hi"}).status_code for _ in range(300)]
    assert statuses[:30] == [200] * 30 and set(statuses[30:]) == {429}
    assert client.get("/health").json()["conversations"] == 30
    refused = client.post("/api/chat", json={"text": "hi"})
    assert refused.json()["code"] == "rate_limited" and "new conversations" in refused.text
    assert int(refused.headers["retry-after"]) >= 1
    assert _closed_code(client) == 1013  # a WebSocket connect is a new conversation too


def test_finding4_a_known_session_continues_past_the_new_conversation_limit(
    make_client: MakeClient,
) -> None:
    client = make_client(**LOOSE, new_conversations_per_minute=1)
    session = client.post("/api/chat", json={"text": "model-a"}).json()["session_id"]
    assert client.post("/api/chat", json={"text": "hi"}).status_code == 429
    follow = client.post("/api/chat", json={"text": "and?", "session_id": session})
    assert follow.status_code == 200 and follow.json()["models"] == ["model-a"]


def test_finding4_global_rate_caps_all_addresses_together(make_client: MakeClient) -> None:
    client = make_client(**LOOSE, global_rate_per_second=3, trusted_proxies=("testclient",))
    statuses = [
        client.post(
            "/api/chat", json={"text": "hi"}, headers={"x-forwarded-for": f"10.0.0.{n}"}
        ).status_code
        for n in range(6)
    ]
    assert statuses == [200, 200, 200, 429, 429, 429]


def test_finding10_api_chat_requires_application_json(
    app_client: TestClient[Any], fake_engine: FakeEngine
) -> None:
    body = json.dumps({"text": "model-a"})
    for media_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        response = app_client.post("/api/chat", content=body, headers={"content-type": media_type})
        assert response.status_code == 415, media_type
        assert response.json()["code"] == "unsupported_media_type"
    assert app_client.post("/api/chat", content=body).status_code == 415  # no Content-Type
    assert fake_engine.calls == 0
    ok = app_client.post(
        "/api/chat", content=body, headers={"content-type": "application/json; charset=utf-8"}
    )
    assert ok.status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/api/chat", 405, "method_not_allowed"),
        ("PUT", "/api/chat", 405, "method_not_allowed"),
        ("POST", "/health", 405, "method_not_allowed"),
        ("GET", "/no/such/page", 404, "not_found"),
    ],
)
def test_finding10_every_4xx_has_the_contract_error_shape(
    app_client: TestClient[Any], method: str, path: str, status: int, code: str
) -> None:
    response = app_client.request(method, path)
    assert response.status_code == status
    body = response.json()
    assert body["type"] == "error" and body["code"] == code and body["message"]
    if status == 405:
        assert "allow" in response.headers


def test_finding10_cors_is_off_by_default(app_client: TestClient[Any]) -> None:
    preflight = app_client.options(
        "/api/chat",
        headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    posted = app_client.post(
        "/api/chat", json={"text": "hi"}, headers={"origin": "https://evil.example"}
    )
    assert posted.status_code == 403 and posted.json()["code"] == "forbidden"
    assert "access-control-allow-origin" not in posted.headers


def test_finding10_cors_follows_the_allowed_origins(make_client: MakeClient) -> None:
    client = make_client(allowed_origins=("https://shop.example",))
    request = {
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
    }
    good = client.options("/api/chat", headers={"origin": "https://shop.example", **request})
    bad = client.options("/api/chat", headers={"origin": "https://evil.example", **request})
    assert good.headers["access-control-allow-origin"] == "https://shop.example"
    assert bad.headers.get("access-control-allow-origin") != "https://evil.example"
    answer = client.post(
        "/api/chat", json={"text": "hi"}, headers={"origin": "https://shop.example"}
    )
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "https://shop.example"


@pytest.mark.parametrize("allowed", [(), ("https://shop.example",)], ids=["default", "allow-list"])
def test_finding10_dns_rebinding_foreign_origin_with_matching_host_is_refused(
    make_client: MakeClient, fake_engine: FakeEngine, allowed: tuple[str, ...]
) -> None:
    client = make_client(allowed_origins=allowed)
    rebound = {"origin": "http://evil.example:8000", "host": "evil.example:8000"}
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/ws", headers=rebound):
        pass
    posted = client.post("/api/chat", json={"text": "model-a"}, headers=rebound)
    assert posted.status_code == 403 and posted.json()["code"] == "forbidden"
    assert fake_engine.calls == 0
    good_origin = allowed[0] if allowed else "http://127.0.0.1:8000"
    with client.websocket_connect("/ws", headers={"origin": good_origin}) as ws:
        assert ws.receive_json()["type"] == "welcome"


async def _call(
    app: Any, chunks: list[dict[str, Any]], hang: bool = False
) -> tuple[int | None, bytes]:
    """Drive the ASGI app with a POST /api/chat whose body arrives as ``chunks``."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/chat",
        "raw_path": b"/api/chat",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"100")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    pending = list(chunks)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        if hang:
            await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await asyncio.wait_for(app(scope, receive, send), timeout=10)
    status = next((m["status"] for m in sent if m["type"] == "http.response.start"), None)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


def _run(app: Any, chunks: list[dict[str, Any]], hang: bool = False) -> tuple[int | None, bytes]:
    """``_call`` on its own event loop in a fresh thread (a test may have left one running)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _call(app, chunks, hang)).result()


def _app(**overrides: Any) -> Any:
    return create_app(load_settings(env={}, **overrides), engine=FakeEngine())  # type: ignore[arg-type]


def test_finding6_a_client_aborting_mid_body_is_one_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    chunk = {"type": "http.request", "body": b'{"text": "hal', "more_body": True}
    app = _app()
    watched = [logging.getLogger(name) for name in ("assistant", "litestar", "uvicorn")]
    for logger in watched:  # litestar's logging config may stop propagation to the root
        logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO)
    try:
        _run(app, [chunk])
    finally:
        for logger in watched:
            logger.removeHandler(caplog.handler)
    records = caplog.records
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].levelno == logging.INFO and records[0].exc_info is None
    assert "mid-body" in records[0].getMessage()


def test_finding10_a_body_that_never_completes_times_out_with_408() -> None:
    chunk = {"type": "http.request", "body": b'{"text": ', "more_body": True}
    status, body = _run(_app(body_timeout=0.2), [chunk], hang=True)
    assert status == 408
    assert json.loads(body)["code"] == "timeout"
