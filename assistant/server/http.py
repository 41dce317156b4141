"""``POST /api/chat`` and ``GET /health``, with HTTP errors in the contract's error shape.

Every HTTP error of the app (``exception_handlers``, installed app-wide) is
``{"type": "error", "code": ..., "message": ...}``: 400 ``bad_request`` (including
litestar's body validation), 403 ``forbidden`` (an Origin the Origin rule refuses), 404
``not_found``, 405 ``method_not_allowed``, 408 ``timeout`` (body not in within
``body_timeout``), 413 ``too_large`` (text over ``max_text_chars`` or body over
``max_frame_bytes``), 415 ``unsupported_media_type`` (``/api/chat`` takes only
``application/json``, so a cross-site form or ``text/plain`` POST is never processed),
429 ``rate_limited`` (per conversation, shared by all workers; per address, new
conversations per address, or global; with ``Retry-After``), 503 ``store_unavailable``
or ``busy`` (the store failed or the conversation stayed locked, with ``Retry-After``),
500 ``internal`` (never a traceback). A client that leaves mid-body is one log line. An
unknown or expired ``session_id`` (or any id not issued to a web client) starts a new
conversation (the response's ``session_id`` says which). ``GET /health`` answers 503
while the store is unreachable.
"""

from __future__ import annotations

import logging
import math
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get, post
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.exceptions import HTTPException, PermissionDeniedException, ValidationException
from litestar.handlers import BaseRouteHandler, HTTPRouteHandler
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody
from litestar.types import ExceptionHandlersMap

from assistant.errors import RateLimited, RequestError, StoreError, TooLarge
from assistant.server.conversations import ConversationStore
from assistant.server.limits import origin_allowed
from assistant.server.quotas import Quotas, client_address
from assistant.server.session import INTERNAL_MESSAGE, VERSION
from assistant.server.store import metrics
from assistant.server.store.records import new_web_id, web_key
from assistant.server.wire import ChatRequest, ChatResponse, ErrorFrame, chat_response, documented
from assistant.settings import Settings

log = logging.getLogger("assistant.server")

_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "timeout",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}
_STATUS = {code: status for status, code in _CODES.items()} | {
    "aborted": 400,
    "store_unavailable": 503,
    "busy": 503,
}
JSON_MEDIA_TYPE = "application/json"


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
        guards=[browser_guard],
        responses={
            status: ResponseSpec(ErrorFrame, description=code)
            for status, code in {**_CODES, 503: "store_unavailable or busy"}.items()
            if status != 404
        },
    )
    async def chat(
        data: JSONBody[ChatRequest], state: State, request: Request[Any, Any, Any]
    ) -> ChatResponse:
        """Answer one message; send ``session_id`` back to continue the conversation."""
        quotas: Quotas = state.quotas
        address = client_address(request.client)
        refused = quotas.admit_message(address)
        if refused is not None:
            raise RateLimited(refused, retry_after(settings.ip_rate_per_second))
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
            refused = quotas.admit_conversation(address)
            if refused is not None:
                raise RateLimited(refused, retry_after(settings.new_conversations_per_minute / 60))
            session_id = new_web_id()
            await store.take(web_key(session_id))  # a new conversation's first message
            reply = await store.turn(state.engine, web_key(session_id), "web", data.text)
        assert reply is not None and session_id is not None
        return chat_response(reply, session_id)

    return chat


def browser_guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Before the body is read: the Origin rule (403) and a JSON media type (415)."""
    allowed = connection.app.state.settings.allowed_origins
    if not origin_allowed(connection.headers.get("origin"), allowed):
        raise PermissionDeniedException("origin not allowed (see ASSISTANT_ALLOWED_ORIGINS)")
    media_type = connection.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != JSON_MEDIA_TYPE:
        raise HTTPException(
            status_code=415, detail=f"send the body as {JSON_MEDIA_TYPE} (Content-Type header)"
        )


def exception_handlers() -> ExceptionHandlersMap:
    """Every HTTP failure of the app as a contract error response."""
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
    """Our own RequestError (too large, rate limited, timeout, aborted, bad request)."""
    code = getattr(exc, "code", "bad_request")
    headers = None
    if code == "rate_limited":
        seconds = getattr(exc, "retry_after", None)
        seconds = seconds or retry_after(request.app.state.settings.rate_per_second)
        headers = {"Retry-After": str(seconds)}
    if code in {"aborted", "timeout"}:  # the client's doing: one line, no traceback
        log.info("%s %s: %s", client_address(request.client), request.url.path, exc)
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
    headers = getattr(exc, "headers", None)
    return error_response(status, code, _describe(exc), dict(headers) if headers else None)


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
