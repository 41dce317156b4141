"""``assistant serve``: validate the catalog, intents and store settings, then run uvicorn.

With one worker the engine is loaded here and handed to the app. With ``--workers N`` the
parent only checks the inputs (paths, intents files, store URL) and keeps no engine copy;
each worker loads its own. Workers share conversations through the store (the SQLite file
in ``ASSISTANT_DATA_DIR`` or Redis), so no sticky routing is needed; ``memory://`` cannot
be shared and is refused. The parent sets up Prometheus' multi-process directory.
"""

from __future__ import annotations

import atexit
import logging
import math
import os
import shutil
import tempfile
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
    from assistant.server.preflight import check_port, check_proxies

    try:
        settings = load_settings(host=host, port=port, catalog=catalog, workers=workers)
        check_proxies(settings.trusted_proxies)
        check_port(settings.host, settings.port)
        check_store(settings)
        if settings.workers > 1:
            check_worker_inputs(settings)
    except Exception as exc:  # every start-up failure becomes one clear line, exit 1
        raise click.ClickException(f"cannot start: {exc}") from exc
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    if settings.workers > 1:
        _export(settings)
        _multiprocess_metrics()
        uvicorn.run("assistant.server.app:app_from_env", factory=True, **uvicorn_options(settings))
        return
    from assistant.server.app import create_app, load_engine

    try:
        engine = load_engine(settings)
    except Exception as exc:
        raise click.ClickException(f"cannot start: {exc}") from exc
    uvicorn.run(create_app(settings, engine=engine), **uvicorn_options(settings))


def check_store(settings: Settings) -> None:
    """Raise ConfigError for a bad store or log setting; create the data directory."""
    from assistant.errors import ConfigError
    from assistant.server.store.backends import check_store_settings

    check_store_settings(settings)
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"ASSISTANT_DATA_DIR={settings.data_dir}: {exc.strerror}") from exc


def check_worker_inputs(settings: Settings) -> None:
    """What the parent checks before starting workers, without loading an engine."""
    from assistant.engine.intents import load_intents
    from assistant.server.preflight import check_inputs

    check_inputs(settings)
    load_intents(settings.intents)


def _multiprocess_metrics() -> None:
    """A fresh directory for Prometheus' multi-process mode, removed at exit."""
    from assistant.server.store.metrics import MULTIPROC_ENV

    directory = tempfile.mkdtemp(prefix="assistant-metrics-")
    os.environ[MULTIPROC_ENV] = directory
    atexit.register(shutil.rmtree, directory, True)


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
    os.environ["ASSISTANT_DATA_DIR"] = str(settings.data_dir.resolve())
