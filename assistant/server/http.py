"""``POST /api/chat`` and ``GET /health``, with HTTP errors in the contract's error shape.

Errors on ``/api/chat`` are ``{"type": "error", "code": ..., "message": ...}``: 400
``bad_request`` (including litestar's body validation), 413 ``too_large`` (text over
``max_text_chars`` or body over ``max_frame_bytes``), 429 ``rate_limited`` (per
conversation token bucket shared by all workers, with ``Retry-After``), 503
``store_unavailable`` or ``busy`` (the conversation store failed or another turn of the
conversation held its lock too long, with ``Retry-After``), 500 ``internal`` (never a
traceback). An unknown or expired ``session_id`` (and any id the server did not issue to
a web client, such as a Slack conversation's) starts a new conversation (the response's
``session_id`` says which). ``GET /health`` answers 503 while the store is unreachable.
"""

from __future__ import annotations

import logging
import math
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get, post
from litestar.datastructures import State
from litestar.exceptions import HTTPException, ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody
from litestar.types import ExceptionHandlersMap

from assistant.errors import RateLimited, RequestError, StoreError, TooLarge
from assistant.server.conversations import ConversationStore
from assistant.server.session import INTERNAL_MESSAGE, VERSION
from assistant.server.store import metrics
from assistant.server.store.records import new_web_id, web_key
from assistant.server.wire import ChatRequest, ChatResponse, ErrorFrame, chat_response, documented
from assistant.settings import Settings

log = logging.getLogger("assistant.server")

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}
_STATUS = {
    "bad_request": 400,
    "too_large": 413,
    "rate_limited": 429,
    "store_unavailable": 503,
    "busy": 503,
}


class Health(msgspec.Struct, frozen=True):
    """``GET /health`` body: served once the catalog and intents are loaded."""

    status: Annotated[
        str,
        documented(
            "ok: the catalog, intents and store are ready; store_unavailable: the store is down",
            enum=["ok", "store_unavailable"],
        ),
    ]
    models: Annotated[int | None, documented("Models in the loaded catalog")]
    version: Annotated[str, documented("The server's version")]
    conversations: Annotated[int, documented("Conversations in this process's hot cache")]
    connections: Annotated[int, documented("WebSocket connections open right now")]
    store: Annotated[str, documented("The conversation store's backend (sqlite, redis, memory)")]
    store_error: Annotated[
        str | None, documented("Why the store does not answer, if it does not")
    ] = None
    catalog_built: Annotated[
        str | None, documented("When the loaded catalog file was written (UTC)")
    ] = None
    sources: Annotated[dict[str, str], documented("Each catalog source's snapshot date")] = (
        msgspec.field(default_factory=dict)
    )


@get("/health", summary="Liveness, what is loaded and whether the store answers")
async def health(state: State) -> Response[Health]:
    """Liveness, what is loaded and whether the store answers (503 when it does not)."""
    store: ConversationStore = state.conversations
    problem = await store.health()
    info = state.get("catalog_info")
    body = Health(
        status="ok" if problem is None else "store_unavailable",
        catalog_built=getattr(info, "catalog_built", None),
        sources=dict(getattr(info, "sources", {}) or {}),
        models=state.models,
        version=VERSION,
        conversations=len(store),
        connections=state.connections.open,
        store=store.backend.name,
        store_error=problem,
    )
    return Response(body, status_code=200 if problem is None else 503)


def chat_handler(settings: Settings) -> HTTPRouteHandler:
    """``POST /api/chat``, with the body limit and error shape taken from ``settings``."""

    @post(
        "/api/chat",
        status_code=200,
        summary="Ask a question (one turn of a conversation)",
        request_max_body_size=settings.max_frame_bytes,
        exception_handlers=_exception_handlers(),
        responses={
            status: ResponseSpec(ErrorFrame, description=code) for code, status in _STATUS.items()
        },
    )
    async def chat(data: JSONBody[ChatRequest], state: State) -> ChatResponse:
        """Answer one message; send ``session_id`` back to continue the conversation."""
        if len(data.text) > state.settings.max_text_chars:
            raise TooLarge(f"text is over {state.settings.max_text_chars} characters")
        store: ConversationStore = state.conversations
        session_id = data.session_id
        reply = None
        if session_id and len(session_id) <= 128:
            if not await store.take(web_key(session_id)):
                metrics.RATE_LIMITED.labels(channel="web").inc()
                raise RateLimited("too many messages in this conversation; wait and retry")
            reply = await store.turn(
                state.engine, web_key(session_id), "web", data.text, create=False
            )
        if reply is None:
            session_id = new_web_id()
            await store.take(web_key(session_id))  # a new conversation's first message
            reply = await store.turn(state.engine, web_key(session_id), "web", data.text)
        assert reply is not None and session_id is not None
        return chat_response(reply, session_id)

    return chat


def _exception_handlers() -> ExceptionHandlersMap:
    """Every failure of ``/api/chat`` as a contract error response."""
    return {
        RequestError: _request_error,
        StoreError: _store_error,
        HTTPException: _http_error,
        RecursionError: _too_deep,
        Exception: _internal_error,
    }


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response[Any]:
    """A JSON error response in the contract's shape (also used by the Slack routes)."""
    body = ErrorFrame(code=code, message=message)
    return Response(content=body, status_code=status, headers=headers)


def _request_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Our own RequestError (too large, rate limited, bad request)."""
    code = getattr(exc, "code", "bad_request")
    headers = None
    if code == "rate_limited":
        headers = {"Retry-After": str(retry_after(request.app.state.settings.rate_per_second))}
    return error_response(_STATUS.get(code, 400), code, str(exc), headers)


def _store_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """The store failed or the conversation stayed locked: 503, retry shortly."""
    code = getattr(exc, "code", "store_unavailable")
    return error_response(503, code, str(exc), {"Retry-After": "1"})


def _http_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Litestar's HTTP exceptions: validation (400), body too large (413) and the like."""
    status = getattr(exc, "status_code", 400)
    if status >= 500:
        return _internal_error(request, exc)
    code = _CODES.get(status, "bad_request")
    return error_response(status, code, _describe(exc))


def _describe(exc: Exception) -> str:
    """A client-safe message: litestar's detail plus its validation messages."""
    detail = str(getattr(exc, "detail", "") or "request rejected")
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list):
        parts = [str(e.get("message")) for e in exc.extra if isinstance(e, dict)]
        if parts:
            detail = f"{detail}: {'; '.join(parts)}"
    return detail


def _too_deep(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """JSON nested beyond the decoder's recursion limit (only a request body can be)."""
    return error_response(400, "bad_request", "request body is nested too deeply")


def _internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Anything unexpected: logged with its traceback here, a plain message on the wire."""
    log.error("failure on %s", request.url.path, exc_info=exc)
    return error_response(500, "internal", INTERNAL_MESSAGE)


def retry_after(rate_per_second: float) -> int:
    """Seconds until one token is back in a bucket refilling at ``rate_per_second``."""
    return max(1, math.ceil(1 / rate_per_second)) if rate_per_second > 0 else 60
