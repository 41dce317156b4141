"""Reloading the catalog in a running server without dropping connections.

Two triggers: ``SIGHUP`` to the server process (each worker reloads itself), and
``POST /admin/reload`` with ``Authorization: Bearer $ASSISTANT_ADMIN_TOKEN`` (the endpoint
answers 403 when no token is configured, 401 to a wrong one). A reload loads a fresh
engine from the configured catalog and intents in a worker thread, and only when that
succeeded swaps it into the engine object every open session holds (one assignment), so
WebSocket connections stay open and their next message uses the new catalog; a failed
reload keeps the old catalog and says why. ``catalog_info`` is what ``/health`` shows.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import msgspec
from litestar import Litestar, Request, Response, post
from litestar.datastructures import State
from litestar.openapi import ResponseSpec

from assistant.errors import AssistantError
from assistant.server.wire import ErrorFrame

log = logging.getLogger("assistant.server")


class CatalogInfo(msgspec.Struct, frozen=True, kw_only=True):
    """The loaded catalog: its file's build (modification) time and each source's date."""

    catalog_built: str | None = None
    sources: dict[str, str] = {}


class Reloaded(msgspec.Struct, frozen=True, kw_only=True):
    """``POST /admin/reload`` answer."""

    status: str
    models: int | None
    catalog_built: str | None
    sources: dict[str, str]


def catalog_info(engine: Any, path: Path) -> CatalogInfo:
    """What /health reports about the engine's catalog loaded from ``path``."""
    try:
        built = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).isoformat(
            timespec="seconds"
        )
    except OSError:
        built = None
    catalog = getattr(engine, "catalog", None)
    listed = getattr(catalog, "sources", None)
    sources = {s.name: s.snapshot_date for s in listed()} if callable(listed) else {}
    return CatalogInfo(catalog_built=built, sources=sources)


def _swap(state: State) -> None:
    """Load a new engine (raises on a bad catalog) and swap it into the running one."""
    from assistant.server.app import load_engine, model_count

    settings = state.settings
    fresh = load_engine(settings)
    state.engine.__dict__ = fresh.__dict__  # one assignment: sessions keep their object
    state.models = model_count(state.engine)
    state.catalog_info = catalog_info(state.engine, Path(settings.catalog))


async def reload_catalog(state: State) -> None:
    """Reload once at a time (in a thread); raises AssistantError when the new one is bad."""
    lock = state.reload_lock
    async with lock:
        await asyncio.to_thread(_swap, state)
    log.info("catalog reloaded: %s models", state.models)


async def _on_sighup(state: State) -> None:
    """SIGHUP: reload, logging (never raising) a failure."""
    try:
        await reload_catalog(state)
    except AssistantError as exc:
        log.error("catalog reload failed, keeping the loaded catalog: %s", exc)


@asynccontextmanager
async def reload_lifespan(app: Litestar) -> AsyncIterator[None]:
    """Note the loaded catalog for /health and reload on SIGHUP while serving."""
    state = app.state
    state.reload_lock = asyncio.Lock()
    state.catalog_info = catalog_info(state.engine, Path(state.settings.catalog))
    loop = asyncio.get_running_loop()
    installed = False
    with suppress(NotImplementedError, RuntimeError, ValueError):
        loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(_on_sighup(state)))
        installed = True
    try:
        yield
    finally:
        if installed:
            loop.remove_signal_handler(signal.SIGHUP)


def _token_ok(request: Request[Any, Any, Any], token: str) -> bool:
    """True when the request carries ``Authorization: Bearer <token>`` (constant time)."""
    given = request.headers.get("authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@post(
    "/admin/reload",
    status_code=200,
    summary="Reload the catalog in place (Authorization: Bearer ASSISTANT_ADMIN_TOKEN)",
    responses={
        401: ResponseSpec(ErrorFrame, description="unauthorized: a missing or wrong token"),
        403: ResponseSpec(ErrorFrame, description="forbidden: ASSISTANT_ADMIN_TOKEN is unset"),
        500: ResponseSpec(ErrorFrame, description="internal: the new catalog failed to load"),
    },
)
async def admin_reload(request: Request[Any, Any, Any], state: State) -> Response[Any]:
    """Reload the catalog in place (token-guarded); the old one stays when the new fails."""
    from assistant.server.http import error_response

    token = state.settings.admin_token
    if not token:
        return error_response(
            403, "forbidden", "admin endpoint disabled: set ASSISTANT_ADMIN_TOKEN"
        )
    if not _token_ok(request, token):
        return error_response(401, "unauthorized", "missing or wrong admin token")
    try:
        await reload_catalog(state)
    except AssistantError as exc:
        return error_response(500, "internal", f"reload failed, previous catalog kept: {exc}")
    info: CatalogInfo = state.catalog_info
    body = Reloaded(status="reloaded", models=state.models, catalog_built=info.catalog_built,
                    sources=info.sources)  # fmt: skip
    return Response(msgspec.to_builtins(body))
