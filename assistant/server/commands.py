"""``assistant serve``: validate the catalog and intents, then run the app on uvicorn."""

from __future__ import annotations

import logging
import math
import os
from pathlib import Path
from typing import Any

import click
import uvicorn

from assistant.server.ws_protocol import protocol_factory
from assistant.settings import Settings, load_settings

# Frames between max_frame_bytes and this get a too_large error frame; above it the
# WebSocket layer closes the connection (1009) rather than buffer without bound.
MIN_WS_MAX_SIZE = 1 << 20


@click.command()
@click.option("--host", default=None, help="Interface to bind [env ASSISTANT_HOST; 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [env ASSISTANT_PORT; 8000].")
@click.option(
    "--catalog",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="SQLite catalog [env ASSISTANT_CATALOG; the shipped catalog.db].",
)
@click.option("--workers", type=int, default=None, help="Processes [env ASSISTANT_WORKERS; 1].")
def serve(host: str | None, port: int | None, catalog: Path | None, workers: int | None) -> None:
    """Serve /ws, /api/chat and /health (and the widget and Slack routes)."""
    from assistant.server.app import create_app, load_engine
    from assistant.server.preflight import check_port, check_proxies

    try:
        settings = load_settings(host=host, port=port, catalog=catalog, workers=workers)
        check_proxies(settings.trusted_proxies)
        check_port(settings.host, settings.port)
        engine = load_engine(settings)
    except Exception as exc:  # every start-up failure becomes one clear line, exit 1
        raise click.ClickException(f"cannot start: {exc}") from exc
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    if settings.workers > 1:
        logging.getLogger("assistant.server").warning(
            "%d workers: each keeps its own conversations; HTTP sessions and WebSocket resume "
            "need a sticky load balancer (or one worker)",
            settings.workers,
        )
        _export(settings)
        uvicorn.run("assistant.server.app:app_from_env", factory=True, **uvicorn_options(settings))
    else:
        uvicorn.run(create_app(settings, engine=engine), **uvicorn_options(settings))


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options derived from settings."""
    return {
        "host": settings.host,
        "port": settings.port,
        "workers": settings.workers if settings.workers > 1 else None,
        "lifespan": "on",
        "ws": protocol_factory(settings),
        "ws_max_size": max(4 * settings.max_frame_bytes, MIN_WS_MAX_SIZE),
        "ws_ping_interval": settings.ping_interval or None,
        "ws_ping_timeout": settings.ping_interval or None,
        "ws_per_message_deflate": False,
        "timeout_graceful_shutdown": math.ceil(settings.shutdown_timeout),
        "server_header": False,
        # X-Forwarded-For is read by the app, and only from ASSISTANT_TRUSTED_PROXIES
        # (uvicorn's default trusts loopback, which would let anyone local spoof it).
        "proxy_headers": False,
    }


def _export(settings: Settings) -> None:
    """Hand the CLI's overrides to worker processes, which read settings from the env."""
    os.environ["ASSISTANT_CATALOG"] = str(settings.catalog)
    os.environ["ASSISTANT_INTENTS"] = str(settings.intents)
    os.environ["ASSISTANT_HOST"] = settings.host
    os.environ["ASSISTANT_PORT"] = str(settings.port)
