"""Limits per client address and in total: message rates, new conversations, connections.

One ``Quotas`` per app (``app.state.quotas``), built from settings. The address is the
ASGI client host: the TCP peer, or the ``X-Forwarded-For`` client when the peer is a
configured trusted proxy (uvicorn's ``ProxyHeadersMiddleware``, added by ``create_app``).

- ``admit_message(address)``: every WebSocket frame and every ``/api/chat`` request
  takes a token from the address's bucket and from the global one.
- ``admit_conversation(address)``: every new conversation (a WebSocket connect, a POST
  without a live ``session_id``) takes a token from the address's conversation bucket.
- ``gate``: open WebSocket connections, capped in total and per address.

Buckets per address live in a bounded table (least recently used dropped first), so a
flood of addresses costs bounded memory; a dropped address simply starts a fresh bucket.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from assistant.server.limits import ConnectionGate, TokenBucket
from assistant.settings import Settings

MAX_TRACKED_ADDRESSES = 100_000
BUSY_MESSAGE = "the server is busy: too many messages from everyone; wait and retry"


class AddressBuckets:
    """One token bucket per address, in a bounded least-recently-used table."""

    def __init__(self, rate: float, burst: int, limit: int = MAX_TRACKED_ADDRESSES) -> None:
        self.rate = rate
        self.burst = burst
        self.limit = limit
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def __len__(self) -> int:
        """Number of addresses tracked now."""
        return len(self._buckets)

    def take(self, address: str, now: float) -> bool:
        """Take one token from ``address``'s bucket; False when it is empty."""
        bucket = self._buckets.get(address)
        if bucket is None:
            bucket = self._buckets[address] = TokenBucket(self.rate, self.burst, now)
            while len(self._buckets) > self.limit:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(address)
        return bucket.take(now)


class Quotas:
    """Every per-address and global limit of one app (see the module docstring)."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.clock = clock
        self.messages = AddressBuckets(settings.ip_rate_per_second, settings.ip_rate_burst)
        per_minute = settings.new_conversations_per_minute
        self.conversations = AddressBuckets(per_minute / 60.0, max(1, int(per_minute)))
        overall = settings.global_rate_per_second
        self.overall = TokenBucket(overall, max(1, int(overall)), clock())
        self.gate = ConnectionGate(settings.max_connections, settings.max_connections_per_ip)

    def admit_message(self, address: str) -> str | None:
        """None when one more message from ``address`` is within limits, else why not."""
        now = self.clock()
        if not self.messages.take(address, now):
            rate, burst = self.settings.ip_rate_per_second, self.settings.ip_rate_burst
            return (
                f"too many messages from your address: at most {rate:g} a second "
                f"(bursts of {burst}); wait and retry"
            )
        if not self.overall.take(now):
            return BUSY_MESSAGE
        return None

    def admit_conversation(self, address: str) -> str | None:
        """None when ``address`` may start one more conversation now, else why not."""
        if self.conversations.take(address, self.clock()):
            return None
        per_minute = self.settings.new_conversations_per_minute
        return (
            f"too many new conversations from your address: at most {per_minute:g} a minute; "
            "continue an existing one (session_id) or wait and retry"
        )


def client_address(client: object) -> str:
    """The host of an ASGI connection's client (``"unknown"`` when the server gave none)."""
    host = getattr(client, "host", None)
    return host if isinstance(host, str) and host else "unknown"
