"""``GET /ws``: the litestar WebSocket handler, a thin loop around ``session.Session``.

Handshake: an Origin outside the allow-list is refused (HTTP 403, before accepting);
over ``max_connections`` the socket is accepted and closed at once with 1013 (try again
later). Then a ``welcome`` frame, and one answer frame per client frame, in order. No
frame for ``idle_timeout`` seconds closes with 1001; protocol pings come from uvicorn.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from litestar import WebSocket, websocket
from litestar.datastructures import State
from litestar.exceptions import WebSocketDisconnect
from litestar.types import WebSocketSendEvent

from assistant.server.limits import ConnectionGate, origin_allowed
from assistant.server.session import Session
from assistant.server.store import metrics

CLOSE_POLICY = 1008
CLOSE_GOING_AWAY = 1001
CLOSE_TRY_LATER = 1013


@websocket("/ws")
async def chat_socket(socket: WebSocket[Any, Any, State]) -> None:
    """One conversation per connection (see the module docstring and CONTRACT.md)."""
    state = socket.app.state
    settings = state.settings
    origin = socket.headers.get("origin")
    if not origin_allowed(origin, socket.headers.get("host"), settings.allowed_origins):
        await socket.close(code=CLOSE_POLICY, reason="origin not allowed")
        return
    gate: ConnectionGate = state.connections
    await socket.accept()
    if not gate.acquire():
        await socket.close(code=CLOSE_TRY_LATER, reason="too many connections; retry later")
        return
    metrics.CONNECTIONS.inc()
    try:
        await _converse(socket, Session(state.engine, state.conversations, settings))
    finally:
        metrics.CONNECTIONS.dec()
        gate.release()


async def _converse(socket: WebSocket[Any, Any, State], session: Session) -> None:
    """Send the welcome, then answer frames until the client leaves or goes idle."""
    send, receive = socket.send, socket.receive
    idle = socket.app.state.settings.idle_timeout
    loop = asyncio.get_running_loop()
    try:
        await send(_text(session.welcome()))
        async with asyncio.timeout_at(loop.time() + idle) as deadline:
            while True:
                event = await receive()
                if event["type"] != "websocket.receive":
                    return
                raw = event.get("text")
                answer = await session.handle(raw if raw is not None else event.get("bytes") or b"")
                deadline.reschedule(loop.time() + idle)
                await send(_text(answer))
    except TimeoutError:
        with contextlib.suppress(WebSocketDisconnect, OSError):
            await socket.close(code=CLOSE_GOING_AWAY, reason="idle timeout")
    except (WebSocketDisconnect, OSError):  # the client left mid-send (uvicorn: OSError)
        return


def _text(frame: bytes) -> WebSocketSendEvent:
    """A text-frame send event for an encoded JSON frame."""
    return {"type": "websocket.send", "text": frame.decode(), "bytes": None}
