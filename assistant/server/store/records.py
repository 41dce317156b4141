"""What the store keeps per conversation, and its msgpack encoding (msgspec).

A ``Record`` is what the engine needs to continue (its ``Memory``: focus, remembered models
and list, traffic, language ...) plus the transcript for ``resume``, kept as individually
encoded turns (``msgspec.Raw``) so a turn appends one blob without decoding the others, and
capped in bytes: the oldest turns go first. ``version`` lets an upgrade read old entries;
an entry of another version, or one that does not decode, is dropped (treated as absent).

Keys are namespaced by channel: ``web:<id>`` for the widget, HTTP and WebSocket clients,
``slack:<id>`` for Slack threads. Web ids are random (128 bits); Slack ids are a keyed
digest of the thread, so neither can be guessed and a web client can never name a Slack key.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

import msgspec

from assistant.engine import Memory
from assistant.reply import Reply

RECORD_VERSION = 1
TRUNCATED = " …(cut to fit the conversation's history limit)"
log = logging.getLogger("assistant.server")


class Turn(msgspec.Struct, frozen=True):
    """One exchange: what the user said and what the assistant replied."""

    text: str
    reply: Reply


class Record(msgspec.Struct, frozen=True, kw_only=True):
    """One stored conversation."""

    version: int = RECORD_VERSION
    channel: str
    memory: Memory = msgspec.field(default_factory=Memory)
    history: tuple[msgspec.Raw, ...] = ()


_ENCODER = msgspec.msgpack.Encoder()
_RECORD = msgspec.msgpack.Decoder(Record)
_TURN = msgspec.msgpack.Decoder(Turn)


def new_web_id() -> str:
    """A random conversation id for the web channel (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


def web_key(conversation_id: str) -> str:
    """The store key of a web conversation id (a client can only ever name web keys)."""
    return f"web:{conversation_id}"


def slack_key(secret: str, thread_key: str) -> str:
    """The store key of a Slack thread: a 128-bit digest keyed by the signing secret."""
    digest = hmac.new(secret.encode(), thread_key.encode(), hashlib.sha256).digest()[:16]
    return f"slack:{digest.hex()}"


def encode_record(record: Record) -> bytes:
    """A record as msgpack bytes."""
    return _ENCODER.encode(record)


def decode_record(raw: bytes) -> Record | None:
    """The record in ``raw``; None (with a log line) when it is of another version or broken."""
    try:
        record = _RECORD.decode(raw)
    except msgspec.DecodeError as exc:
        log.warning("dropping a stored conversation that does not decode: %s", exc)
        return None
    if record.version != RECORD_VERSION:
        log.warning("dropping a stored conversation of version %s", record.version)
        return None
    return record


def decode_turns(record: Record) -> tuple[Turn, ...]:
    """The record's transcript, oldest first (an undecodable turn is skipped)."""
    turns: list[Turn] = []
    for raw in record.history:
        try:
            turns.append(_TURN.decode(raw))
        except msgspec.DecodeError:
            continue
    return tuple(turns)


def encoded_turn(text: str, reply: Reply, limit: int) -> msgspec.Raw:
    """One turn encoded, cut to ``limit`` bytes (reply data dropped, texts shortened)."""
    raw = _ENCODER.encode(Turn(text=text, reply=reply))
    if len(raw) <= limit:
        return msgspec.Raw(raw)
    keep = max(0, limit // 4 - len(TRUNCATED))
    slim = msgspec.structs.replace(reply, text=reply.text[:keep] + TRUNCATED, data={})
    raw = _ENCODER.encode(Turn(text=text[:keep], reply=slim))
    return msgspec.Raw(raw)


def with_turn(record: Record, text: str, reply: Reply, memory: Memory, limit: int) -> Record:
    """The record after one more exchange: new memory, history capped at ``limit`` bytes."""
    history = [*record.history, encoded_turn(text, reply, limit // 2)]
    total = sum(len(raw) for raw in history)
    while len(history) > 1 and total > limit:
        total -= len(history.pop(0))
    return msgspec.structs.replace(record, memory=memory, history=tuple(history))
