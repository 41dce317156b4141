"""Per-connection rate limiting (token bucket) and the WebSocket Origin allow-list.

Limits that must hold across workers (per conversation) use the store's shared buckets
(``ConversationStore.take``); this in-process bucket serves what lives in one process.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class TokenBucket:
    """``rate`` tokens a second up to ``burst``; each message takes one. Time is passed in."""

    __slots__ = ("burst", "rate", "stamp", "tokens")

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.tokens = float(burst)
        self.stamp = now

    def take(self, now: float, cost: float = 1.0) -> bool:
        """Take ``cost`` tokens if there are; False means the caller is over the limit."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < cost:
            return False
        self.tokens -= cost
        return True


def origin_allowed(origin: str | None, host: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether a WebSocket handshake's Origin may connect.

    No Origin header (CLI, bots, scripts) and same-origin pages are always allowed. Then
    ``allowed`` decides ("*" allows any origin); when it is empty, loopback origins are.
    """
    if origin is None:
        return True
    parts = urlsplit(origin.strip())
    if not parts.scheme or not parts.netloc:
        return False
    if host is not None and parts.netloc.lower() == host.strip().lower():
        return True
    if allowed:
        return "*" in allowed or origin.strip().rstrip("/").lower() in _normalised(allowed)
    return (parts.hostname or "") in LOOPBACK_HOSTS


def _normalised(origins: tuple[str, ...]) -> frozenset[str]:
    """Origins compared without a trailing slash and case-insensitively."""
    return frozenset(o.strip().rstrip("/").lower() for o in origins)


class ConnectionGate:
    """Counts open WebSocket connections against a cap."""

    __slots__ = ("limit", "open")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open = 0

    def acquire(self) -> bool:
        """Take a slot; False when the cap is reached."""
        if self.open >= self.limit:
            return False
        self.open += 1
        return True

    def release(self) -> None:
        """Give a slot back."""
        self.open = max(0, self.open - 1)
