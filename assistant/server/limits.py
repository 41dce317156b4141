"""Token buckets, the connection gate and the Origin rule of browsers' requests.

Origin rule (WebSocket handshakes and ``/api/chat``): a request without an Origin
(CLI, bots, scripts) is allowed; a browser's Origin must be listed in
``allowed_origins`` ("*" allows any), or, when the list is empty, be a loopback origin.
The Host header never vouches for an Origin: under DNS rebinding a foreign page's
Origin and Host match each other (``http://evil.example:8000`` on both), so "same
origin" proves nothing about who the server is.

Limits that must hold across workers (per conversation) use the store's shared buckets
(``ConversationStore.take``); these in-process ones serve what lives in one process
(connections, per-address and global rates: ``quotas.py``).
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


def origin_allowed(origin: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether a browser request's Origin may use the server (see the module docstring)."""
    if origin is None:
        return True
    try:
        parts = urlsplit(origin.strip())
        hostname = parts.hostname
    except ValueError:
        return False
    if not parts.scheme or not parts.netloc:
        return False
    if allowed:
        return "*" in allowed or origin.strip().rstrip("/").lower() in _normalised(allowed)
    return (hostname or "") in LOOPBACK_HOSTS


def _normalised(origins: tuple[str, ...]) -> frozenset[str]:
    """Origins compared without a trailing slash and case-insensitively."""
    return frozenset(o.strip().rstrip("/").lower() for o in origins)


class ConnectionGate:
    """Counts open WebSocket connections against a cap in total and one per address."""

    __slots__ = ("_by_address", "limit", "open", "per_address")

    def __init__(self, limit: int, per_address: int | None = None) -> None:
        self.limit = limit
        self.per_address = limit if per_address is None else per_address
        self.open = 0
        self._by_address: dict[str, int] = {}

    def acquire(self, address: str = "") -> bool:
        """Take a slot for ``address``; False when either cap is reached."""
        held = self._by_address.get(address, 0)
        if self.open >= self.limit or held >= self.per_address:
            return False
        self.open += 1
        self._by_address[address] = held + 1
        return True

    def crowded(self, address: str) -> bool:
        """Whether ``address`` holds its whole per-address share of slots."""
        return self._by_address.get(address, 0) >= self.per_address

    def release(self, address: str = "") -> None:
        """Give ``address``'s slot back."""
        self.open = max(0, self.open - 1)
        held = self._by_address.pop(address, 0) - 1
        if held > 0:
            self._by_address[address] = held
