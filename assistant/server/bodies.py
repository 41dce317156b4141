"""ASGI middleware bounding how HTTP request bodies arrive (``BodyGuard``).

A body must arrive whole within ``timeout`` seconds of the request's start (a client
that trickles or stops mid-body gets 408 ``timeout`` instead of holding a worker), and a
client that disconnects mid-body becomes one ``ClientAborted`` (one log line, no
traceback) instead of litestar's "client disconnected prematurely" server error.
"""

from __future__ import annotations

import asyncio

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send

from assistant.errors import BodyTimeout, ClientAborted


class BodyGuard:
    """Wraps ``receive`` of HTTP requests with a body deadline and a disconnect check."""

    def __init__(self, app: ASGIApp, timeout: float) -> None:
        self.app = app
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with a guarded ``receive`` (HTTP only)."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.timeout
        complete = False

        async def guarded() -> ReceiveMessage:
            nonlocal complete
            if complete:
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise BodyTimeout(
                    f"the request body did not arrive within {self.timeout:g} seconds"
                ) from None
            if message["type"] == "http.disconnect":
                raise ClientAborted("the client closed the connection mid-body")
            complete = not message.get("more_body", False)
            return message

        await self.app(scope, guarded, send)
