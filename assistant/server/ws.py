"""``GET /ws``: the litestar WebSocket handler, a thin loop around ``session.Session``.

Handshake: an Origin the Origin rule refuses gets HTTP 403, before accepting. Over
``max_connections`` (in total or ``max_connections_per_ip`` from one address), or over
the address's new-conversation rate, the socket is accepted and closed at once with
1013 (try again later). Then a ``welcome`` frame, and one answer frame per client
frame, in order. No frame for ``idle_timeout`` seconds closes with 1001; protocol
pings, the send buffer and the write timeout are uvicorn's (``ws_protocol.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from litestar import WebSocket, websocket
from litestar.datastructures import State
from litestar.exceptions import WebSocketDisconnect
from litestar.types import WebSocketSendEvent

from assistant.server.limits import origin_allowed
from assistant.server.quotas import Quotas, client_address
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
    if not origin_allowed(socket.headers.get("origin"), settings.allowed_origins):
        await socket.close(code=CLOSE_POLICY, reason="origin not allowed")
        return
    quotas: Quotas = state.quotas
    address = client_address(socket.client)
    await socket.accept()
    if not quotas.gate.acquire(address):
        whose = "from your address" if quotas.gate.crowded(address) else "open"
        await socket.close(code=CLOSE_TRY_LATER, reason=f"too many connections {whose}; retry")
        return
    metrics.CONNECTIONS.inc()
    try:
        if quotas.admit_conversation(address) is not None:
            reason = "too many new conversations from your address; retry later"
            await socket.close(code=CLOSE_TRY_LATER, reason=reason)
            return
        session = Session(state.engine, state.conversations, settings)
        session.admit = lambda: quotas.admit_message(address)
        await _converse(socket, session)
    finally:
        metrics.CONNECTIONS.dec()
        quotas.gate.release(address)


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
