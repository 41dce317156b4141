"""Slack request verification (signing secret v0) and retry de-duplication. No framework imports.

The signature is checked over the raw body before anything parses it: HMAC-SHA256 of
``v0:{timestamp}:{body}`` with the app's signing secret, compared in constant time, and the
timestamp must be within five minutes of the (injectable) clock to stop replays. Both
headers are checked for shape (a timestamp of at most 12 ASCII digits, ``v0=`` and 64 hex
digits) before any arithmetic, so a malformed header is a reason, never an exception.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections import OrderedDict
from collections.abc import Callable

REPLAY_WINDOW = 60 * 5
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")

Clock = Callable[[], float]


def signature_for(secret: str, timestamp: str, body: bytes) -> str:
    """The ``v0=<hex>`` signature Slack sends for ``body`` at ``timestamp``."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signature_problem(
    secret: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    clock: Clock = time.time,
) -> str | None:
    """Why the request is not authentic, or None when the signature and timestamp are good."""
    if not timestamp or not signature:
        return "missing X-Slack-Request-Timestamp or X-Slack-Signature"
    if _TIMESTAMP.fullmatch(timestamp) is None:
        return "X-Slack-Request-Timestamp is not a Unix time in seconds"
    if _SIGNATURE.fullmatch(signature) is None:
        return "X-Slack-Signature is not of the form v0=<64 hex digits>"
    if abs(clock() - int(timestamp)) > REPLAY_WINDOW:
        return "request timestamp is outside the five-minute window"
    expected = signature_for(secret, timestamp, body)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return "signature does not match"
    return None


class RecentIds:
    """A bounded set of ids seen in the last ``ttl`` seconds (Slack retries within minutes)."""

    def __init__(self, ttl: float = 600.0, limit: int = 10_000, clock: Clock = time.monotonic):
        self._ttl = ttl
        self._limit = limit
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def _expire(self, now: float) -> None:
        while self._seen and (
            len(self._seen) > self._limit or next(iter(self._seen.values())) < now - self._ttl
        ):
            self._seen.popitem(last=False)

    def first_time(self, key: str) -> bool:
        """Record ``key``; True when it was not seen within the TTL."""
        now = self._clock()
        self._expire(now)
        if key in self._seen:
            return False
        self._seen[key] = now
        self._expire(now)
        return True

    def __len__(self) -> int:
        return len(self._seen)
