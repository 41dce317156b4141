"""Cheap start-up checks of the catalog and intents paths, before the engine loads them.

They turn the commonest mistakes (a wrong ``--catalog`` path, a file that is not SQLite,
a missing intents folder, a port another process listens on) into one clear message
before the server starts. Settings' ranges are checked where they are built
(``load_settings``).
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from pathlib import Path

from assistant.engine.lexicon import load_lexicon
from assistant.errors import CatalogError, ConfigError, IntentsError
from assistant.settings import Settings

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_inputs(settings: Settings) -> None:
    """Raise CatalogError or IntentsError when the configured paths cannot be served."""
    check_catalog(settings.catalog)
    check_intents(settings.intents)
    load_lexicon(settings.lexicon)  # a bad lexicon file stops start-up with its message


def check_catalog(path: Path) -> None:
    """The catalog must be a readable SQLite file."""
    if not path.exists():
        raise CatalogError(f"catalog not found: {path} (build it with `assistant catalog build`)")
    if not path.is_file():
        raise CatalogError(f"catalog is not a file: {path}")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CatalogError(f"catalog cannot be read: {path} ({exc.strerror})") from exc
    if head != SQLITE_MAGIC:
        raise CatalogError(f"catalog is not an SQLite database (corrupt?): {path}")


def check_intents(path: Path) -> None:
    """The intents must be a folder."""
    if not path.is_dir():
        raise IntentsError(f"intents folder not found: {path}")


def check_port(host: str, port: int) -> None:
    """The address must be free to listen on (uvicorn would exit 3 on its own)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"ASSISTANT_HOST={host!r} cannot be resolved ({exc.strerror})") from exc
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            why = "already in use" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise ConfigError(f"cannot listen on {host}:{port}: {why}") from exc


def check_proxies(proxies: tuple[str, ...]) -> None:
    """Trusted proxies must be IP addresses or networks (uvicorn would take a typo as a name)."""
    for proxy in proxies:
        if proxy == "*":
            continue
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError as exc:
            raise ConfigError(
                f"ASSISTANT_TRUSTED_PROXIES: {proxy!r} is not an IP address or network"
            ) from exc
