"""Settings: one frozen struct built from ``ASSISTANT_*`` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import msgspec

from assistant.errors import ConfigError
from assistant.paths import default_catalog_path, default_intents_dir, default_lexicon_dir

DEFAULT_DATA_DIR = "var"  # relative to the working directory; tests point it elsewhere


def default_data_dir() -> Path:
    """Where the embedded store and the conversation log live unless configured."""
    return Path(DEFAULT_DATA_DIR)


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything configurable, with its default; see README "Settings"."""

    catalog: Path = msgspec.field(default_factory=default_catalog_path)
    intents: Path = msgspec.field(default_factory=default_intents_dir)
    lexicon: Path = msgspec.field(default_factory=default_lexicon_dir)
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    max_text_chars: int = 4000
    max_frame_bytes: int = 65536
    rate_per_second: float = 5.0  # token bucket refill per connection
    rate_burst: int = 20
    allowed_origins: tuple[str, ...] = ()  # empty: same-origin and loopback only
    max_connections: int = 2000
    idle_timeout: float = 300.0
    ping_interval: float = 20.0
    session_ttl: float = 3600.0
    max_sessions: int = 10000  # unused since conversations live in the store (kept for old envs)
    store: str = ""  # "" = SQLite file in data_dir; "redis://host:port/db"; "memory://"
    data_dir: Path = msgspec.field(default_factory=default_data_dir)
    cache_size: int = 256  # decoded conversations kept in process memory (hot cache)
    history_bytes: int = 65536  # encoded transcript kept per conversation (for resume)
    lock_timeout: float = 10.0  # seconds a turn may hold its conversation's lock
    log: str = "on"  # conversation log: "on" or "off"
    log_retention_days: float = 30.0
    log_max_entries: int = 100000  # Redis Stream max length (redis:// only)
    shutdown_timeout: float = 10.0  # seconds to finish in-flight replies on shutdown
    slack_signing_secret: str | None = None
    slack_bot_token: str | None = None
    slack_api_base: str = "https://slack.com/api"
    admin_token: str | None = None  # enables POST /admin/reload (Bearer token)


def _cast(name: str, raw: str, kind: type) -> object:
    try:
        if kind is tuple:
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if kind is Path:
            return Path(raw)
        return kind(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a valid {kind.__name__}") from exc


_ENV: dict[str, tuple[str, type]] = {
    "ASSISTANT_CATALOG": ("catalog", Path),
    "ASSISTANT_INTENTS": ("intents", Path),
    "ASSISTANT_LEXICON": ("lexicon", Path),
    "ASSISTANT_HOST": ("host", str),
    "ASSISTANT_PORT": ("port", int),
    "ASSISTANT_WORKERS": ("workers", int),
    "ASSISTANT_MAX_TEXT_CHARS": ("max_text_chars", int),
    "ASSISTANT_MAX_FRAME_BYTES": ("max_frame_bytes", int),
    "ASSISTANT_RATE_PER_SECOND": ("rate_per_second", float),
    "ASSISTANT_RATE_BURST": ("rate_burst", int),
    "ASSISTANT_ALLOWED_ORIGINS": ("allowed_origins", tuple),
    "ASSISTANT_MAX_CONNECTIONS": ("max_connections", int),
    "ASSISTANT_IDLE_TIMEOUT": ("idle_timeout", float),
    "ASSISTANT_PING_INTERVAL": ("ping_interval", float),
    "ASSISTANT_SESSION_TTL": ("session_ttl", float),
    "ASSISTANT_MAX_SESSIONS": ("max_sessions", int),
    "ASSISTANT_SHUTDOWN_TIMEOUT": ("shutdown_timeout", float),
    "ASSISTANT_STORE": ("store", str),
    "ASSISTANT_DATA_DIR": ("data_dir", Path),
    "ASSISTANT_CACHE_SIZE": ("cache_size", int),
    "ASSISTANT_HISTORY_BYTES": ("history_bytes", int),
    "ASSISTANT_LOCK_TIMEOUT": ("lock_timeout", float),
    "ASSISTANT_LOG": ("log", str),
    "ASSISTANT_LOG_RETENTION_DAYS": ("log_retention_days", float),
    "ASSISTANT_LOG_MAX_ENTRIES": ("log_max_entries", int),
    "SLACK_SIGNING_SECRET": ("slack_signing_secret", str),
    "SLACK_BOT_TOKEN": ("slack_bot_token", str),
    "ASSISTANT_SLACK_API_BASE": ("slack_api_base", str),
    "ASSISTANT_ADMIN_TOKEN": ("admin_token", str),
}


def load_settings(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Build Settings from the environment (or ``env``), then apply explicit overrides."""
    source = os.environ if env is None else env
    values: dict[str, object] = {}
    for name, (field, kind) in _ENV.items():
        raw = source.get(name)
        if raw is not None and raw != "":
            values[field] = _cast(name, raw, kind)
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return msgspec.convert(values, Settings, strict=False, from_attributes=False)
    except msgspec.ValidationError as exc:
        raise ConfigError(str(exc)) from exc
