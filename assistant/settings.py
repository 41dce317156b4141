"""Settings: one frozen struct built from ``ASSISTANT_*`` environment variables.

Every numeric setting carries its range (``msgspec.Meta``), checked when the struct is
built from the environment: NaN, a negative rate, a zero cap or port 99999 stop start-up
with one message naming the variable (``ConfigError``), never a half-working server.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import msgspec

from assistant.errors import ConfigError
from assistant.paths import default_catalog_path, default_intents_dir, default_lexicon_dir

Port = Annotated[int, msgspec.Meta(ge=1, le=65535)]
Count = Annotated[int, msgspec.Meta(ge=1, le=100_000_000)]
Rate = Annotated[float, msgspec.Meta(gt=0, le=1e9)]  # NaN and inf fail the bounds too
Seconds = Annotated[float, msgspec.Meta(gt=0, le=1e7)]
OptionalSeconds = Annotated[float, msgspec.Meta(ge=0, le=1e7)]  # 0 turns it off
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
    port: Port = 8000
    workers: Annotated[int, msgspec.Meta(ge=1, le=256)] = 1
    max_text_chars: Count = 4000
    max_frame_bytes: Annotated[int, msgspec.Meta(ge=64, le=1 << 26)] = 65536
    rate_per_second: Rate = 5.0  # token bucket refill per connection
    rate_burst: Count = 20
    allowed_origins: tuple[str, ...] = ()  # empty: loopback origins only
    max_connections: Count = 2000
    idle_timeout: Seconds = 300.0
    ping_interval: OptionalSeconds = 20.0
    session_ttl: Seconds = 3600.0
    max_sessions: Count = 10000  # unused since conversations live in the store (kept for old envs)
    store: str = ""  # "" = SQLite file in data_dir; "redis://host:port/db"; "memory://"
    data_dir: Path = msgspec.field(default_factory=default_data_dir)
    cache_size: int = 256  # decoded conversations kept in process memory (hot cache)
    history_bytes: int = 65536  # encoded transcript kept per conversation (for resume)
    lock_timeout: float = 10.0  # seconds a turn may hold its conversation's lock
    log: str = "on"  # conversation log: "on" or "off"
    log_retention_days: float = 30.0
    log_max_entries: int = 100000  # Redis Stream max length (redis:// only)
    shutdown_timeout: OptionalSeconds = 10.0  # seconds to finish in-flight replies on shutdown
    slack_signing_secret: str | None = None
    slack_bot_token: str | None = None
    slack_api_base: str = "https://slack.com/api"
    admin_token: str | None = None  # enables POST /admin/reload (Bearer token)
    # -- abuse limits (issue 12): per client address and in total; README "Settings"
    max_connections_per_ip: Count = 50
    ip_rate_per_second: Rate = 20.0  # every WebSocket frame and HTTP request of one address
    ip_rate_burst: Count = 100
    new_conversations_per_minute: Rate = 60.0  # per address, bursts of the same number
    global_rate_per_second: Rate = 2000.0  # all addresses together, bursts of the same number
    trusted_proxies: tuple[str, ...] = ()  # X-Forwarded-For honoured only from these
    send_timeout: Seconds = 10.0  # a WebSocket client not reading this long is closed
    send_buffer_bytes: Annotated[int, msgspec.Meta(ge=4096, le=1 << 26)] = 262144
    body_timeout: Seconds = 10.0  # an HTTP request body must arrive within this
    slack_hooks_base: str = "https://hooks.slack.com"  # the only origin a response_url may name


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
    # -- abuse limits (issue 12)
    "ASSISTANT_MAX_CONNECTIONS_PER_IP": ("max_connections_per_ip", int),
    "ASSISTANT_IP_RATE_PER_SECOND": ("ip_rate_per_second", float),
    "ASSISTANT_IP_RATE_BURST": ("ip_rate_burst", int),
    "ASSISTANT_NEW_CONVERSATIONS_PER_MINUTE": ("new_conversations_per_minute", float),
    "ASSISTANT_GLOBAL_RATE_PER_SECOND": ("global_rate_per_second", float),
    "ASSISTANT_TRUSTED_PROXIES": ("trusted_proxies", tuple),
    "ASSISTANT_SEND_TIMEOUT": ("send_timeout", float),
    "ASSISTANT_SEND_BUFFER_BYTES": ("send_buffer_bytes", int),
    "ASSISTANT_BODY_TIMEOUT": ("body_timeout", float),
    "ASSISTANT_SLACK_HOOKS_BASE": ("slack_hooks_base", str),
}
_FIELD_ENV = {field: name for name, (field, _) in _ENV.items()}
_AT_FIELD = re.compile(r"at `\$\.(\w+)`")


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
        raise ConfigError(_explain(str(exc), values)) from exc


def _explain(detail: str, values: Mapping[str, object]) -> str:
    """msgspec's message with the variable's name and value ("ASSISTANT_PORT=99999: ...")."""
    found = _AT_FIELD.search(detail)
    if found is None:
        return detail
    field = found.group(1)
    name = _FIELD_ENV.get(field, field)
    reason = detail[: found.start()].rstrip(" -")
    return f"{name}={values.get(field)!r}: {reason.replace('`', '')}"
