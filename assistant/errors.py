"""The project's exceptions, one small hierarchy.

AssistantError
├── ConfigError          bad settings or environment values
├── CatalogError         catalog missing, unreadable or of the wrong shape
│   ├── SourceError      one source file could not be read (reported, skipped)
│   └── UpdateError      a download or a refreshed build failed; the old catalog stays
├── IntentsError         an intents file failed validation at load
│   └── LexiconError     a lexicon file failed validation at load
├── StoreError           the conversation store cannot be reached or answered wrongly
│   └── ConversationBusy another turn of the conversation holds its lock too long
└── RequestError         a client's frame or request is not acceptable
    ├── BadRequest       not JSON, wrong shape, unknown type ... (code "bad_request")
    ├── TooLarge         text or frame over the size limit (code "too_large")
    ├── RateLimited      over a rate limit: connection, address or global ("rate_limited")
    ├── BodyTimeout      an HTTP body that did not arrive in time (code "timeout")
    └── ClientAborted    the client left before sending its whole body (code "aborted")
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error this project raises on purpose."""


class ConfigError(AssistantError):
    """A setting or environment variable has a bad value."""


class CatalogError(AssistantError):
    """The catalog is missing, unreadable or not of the expected shape."""


class SourceError(CatalogError):
    """One source file could not be read; the build reports it and goes on."""


class UpdateError(CatalogError):
    """A source download or the refreshed catalog failed a check; nothing was replaced."""


class IntentsError(AssistantError):
    """An intents file failed validation at load."""


class LexiconError(IntentsError):
    """A lexicon file (``lexicon/*.toml``) failed validation at load."""


class StoreError(AssistantError):
    """The conversation store (SQLite file or Redis) failed; ``code`` goes on the wire."""

    code = "store_unavailable"


class ConversationBusy(StoreError):
    """The conversation's lock was not free within the lock timeout."""

    code = "busy"


class RequestError(AssistantError):
    """A client's frame or request is not acceptable; ``code`` goes on the wire."""

    code = "bad_request"


class BadRequest(RequestError):
    """Not JSON, not an object, unknown type, missing or non-string text."""

    code = "bad_request"


class TooLarge(RequestError):
    """Text or frame over the configured size limit."""

    code = "too_large"


class RateLimited(RequestError):
    """More messages than a rate limit allows; ``retry_after`` seconds when known."""

    code = "rate_limited"

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class BodyTimeout(RequestError):
    """An HTTP request body that did not arrive within the body timeout."""

    code = "timeout"


class ClientAborted(RequestError):
    """The client closed the connection before its request body was complete."""

    code = "aborted"
