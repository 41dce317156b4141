"""``create_app(settings)``: the litestar application and its lifespan.

The lifespan loads the engine once (catalog read-only, intents validated) unless one is
injected, and puts on ``app.state``: ``settings``, ``engine``, ``conversations`` (the
``ConversationStore`` over the backend ``ASSISTANT_STORE`` selects, shared by every
worker), ``quotas`` (per-address and global limits, ``quotas.py``), ``connections``
(its WebSocket ``ConnectionGate``) and ``models`` (catalog model
count, or None). A catalog or intents error fails start-up; an unreachable store does not
(each request then gets a ``store_unavailable`` error and ``/health`` answers 503). The
lifespan also purges expired conversations every ``PURGE_SECONDS`` and closes the store.
``slack_lifespan`` adds the Slack channel's shared HTTP client (see ``slack.py``).
Routes: ``/ws``, ``/api/chat``, ``/health``, ``/metrics`` (Prometheus), the OpenAPI schema
at ``/schema`` with its viewer's assets (``openapi.py``), and the Slack and widget route
handler lists.

Contract extension (WebSocket): conversations live in one server-side store shared by
WebSocket and HTTP (a WebSocket ``conversation_id`` is an HTTP ``session_id``). Frames:

- server ``{"type": "welcome", "conversation_id": "...", "version": "..."}`` on connect;
  reply frames also carry ``"conversation_id"``.
- client ``{"type": "resume", "conversation_id": "...", "id"?}``: the connection switches
  to that stored conversation; answer ``{"type": "history", "conversation_id": "...",
  "messages": [{"role": "user", "text": "..."}, {"role": "assistant", "reply": {text,
  intent, models, suggestions, data}}, ...]}`` (oldest first, the most recent exchanges
  that fit in ``ASSISTANT_HISTORY_BYTES``; a resume costs one rate-limit token per started
  8 KiB it returns). Unknown or expired id, or one not issued to a web client:
  ``{"type": "error", "code": "unknown_conversation", ...}`` and the connection keeps its
  own conversation. A store failure is an error frame ``store_unavailable`` (or ``busy``).
- client ``{"type": "ping", "id"?}`` -> ``{"type": "pong", "id"?}`` (application keep-alive).
- error frames echo ``id`` when the frame could be decoded; code ``internal`` when the
  engine failed on a message (the connection stays open).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from assistant.engine import Engine
from assistant.errors import StoreError
from assistant.server.bodies import BodyGuard
from assistant.server.conversations import ConversationStore
from assistant.server.http import chat_handler, exception_handlers, health
from assistant.server.openapi import openapi_config, schema_assets
from assistant.server.preflight import check_inputs
from assistant.server.quotas import Quotas
from assistant.server.reload import admin_reload, reload_lifespan
from assistant.server.session import VERSION
from assistant.server.slack import slack_handlers, slack_lifespan
from assistant.server.store import metrics
from assistant.server.store.backends import check_store_settings, open_backend
from assistant.server.store.turnlog import open_log
from assistant.server.widget import widget_handlers
from assistant.server.ws import chat_socket
from assistant.settings import Settings, load_settings

log = logging.getLogger("assistant.server")
PURGE_SECONDS = 60.0


def load_engine(settings: Settings) -> Engine:
    """Open the catalog and intents named by ``settings``; raise CatalogError/IntentsError."""
    check_inputs(settings)
    return Engine.load(settings.catalog, settings.intents, settings.lexicon)


def model_count(engine: Engine) -> int | None:
    """How many models the engine's catalog holds, when the engine exposes its catalog."""
    catalog: Any = getattr(engine, "catalog", None)
    stats = getattr(catalog, "stats", None)
    if stats is None:
        return None
    count = stats().get("models")
    return count if isinstance(count, int) else None


def create_app(settings: Settings, engine: Engine | None = None) -> Litestar:
    """The application; ``engine`` is loaded in the lifespan unless given (tests inject one)."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        """Load the engine once (unless one was injected) and note the catalog's size."""
        started = time.perf_counter()
        loaded = engine if engine is not None else load_engine(settings)
        app.state.engine = loaded
        app.state.models = model_count(loaded)
        log.info("engine ready in %.2fs", time.perf_counter() - started)
        backend = open_backend(settings)
        store = app.state.conversations = ConversationStore(
            backend, open_log(settings, backend), settings
        )
        problem = await store.health()
        if problem is not None:
            log.error("conversation store unreachable (%s): %s", store.backend.name, problem)
        purger = asyncio.create_task(_purge_forever(store))
        try:
            yield
        finally:
            purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purger
            await store.close()
            if os.environ.get(metrics.MULTIPROC_ENV):
                from prometheus_client import multiprocess

                multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]

    check_store_settings(settings)
    return Litestar(
        route_handlers=[
            chat_socket,
            health,
            metrics.metrics_endpoint,
            admin_reload,
            chat_handler(settings),
            *slack_handlers,
            *widget_handlers,
            schema_assets(),
        ],
        lifespan=[lifespan, reload_lifespan, slack_lifespan],
        state=_initial_state(settings),
        openapi_config=openapi_config("Model-comparison assistant", VERSION),
        exception_handlers=exception_handlers(),
        middleware=_middleware(settings),
        cors_config=_cors(settings),
        debug=False,
    )


def _middleware(settings: Settings) -> list[DefineMiddleware]:
    """X-Forwarded-For from trusted proxies only (none by default), then the body guard."""
    stack = [DefineMiddleware(BodyGuard, timeout=settings.body_timeout)]
    if settings.trusted_proxies:
        trusted = list(settings.trusted_proxies)
        proxy = cast(Any, ProxyHeadersMiddleware)  # uvicorn's ASGI types, not litestar's
        stack.insert(0, DefineMiddleware(proxy, trusted_hosts=trusted))
    return stack


def _cors(settings: Settings) -> CORSConfig | None:
    """No CORS headers by default; ``ASSISTANT_ALLOWED_ORIGINS`` lists who may read replies."""
    if not settings.allowed_origins:
        return None
    return CORSConfig(
        allow_origins=list(settings.allowed_origins),
        allow_methods=["GET", "POST"],
        allow_headers=["content-type"],
        max_age=600,
    )


async def _purge_forever(store: ConversationStore) -> None:
    """Drop expired conversations now and then (SQLite; Redis and memory expire by themselves)."""
    while True:
        await asyncio.sleep(PURGE_SECONDS)
        with contextlib.suppress(StoreError):
            await store.purge()


def _initial_state(settings: Settings) -> State:
    """The state every handler reads (the engine and the store are added by the lifespan)."""
    quotas = Quotas(settings)
    return State(
        {
            "settings": settings,
            "quotas": quotas,
            "connections": quotas.gate,
            "models": None,
        }
    )


def app_from_env() -> Litestar:
    """Factory for ``uvicorn --factory`` (used with several workers): settings from env."""
    return create_app(load_settings())
