"""What the store keeps per conversation, and its msgpack encoding (msgspec).

A ``Record`` (key ``conv:<key>``) is what the engine needs to continue (its ``Memory``:
focus, remembered models and list, traffic, language ...) plus the index of the transcript
kept for ``resume``: each turn is stored once under its own key (``turn:<key>:<seq>``), so
a turn writes one turn and the small record, never the whole transcript again. The index
keeps the most recent turns whose sizes fit in ``history_bytes``; older turns are deleted.
``version`` lets an upgrade read old entries; an entry of another version, or one that does
not decode, is dropped (treated as absent). Version 1 held the transcript inline.

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

RECORD_VERSION = 2
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
    turns: tuple[tuple[int, int], ...] = ()  # (seq, encoded bytes) of kept turns, oldest first
    next_seq: int = 0


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


def turn_key(key: str, seq: int) -> str:
    """Where one turn of a conversation is stored."""
    return f"turn:{key}:{seq}"


def decode_turn(raw: bytes) -> Turn | None:
    """One stored turn (None when it does not decode)."""
    try:
        return _TURN.decode(raw)
    except msgspec.DecodeError:
        return None


def encoded_turn(text: str, reply: Reply, limit: int) -> bytes:
    """One turn encoded, cut to ``limit`` bytes (reply data dropped, texts shortened)."""
    raw = _ENCODER.encode(Turn(text=text, reply=reply))
    if len(raw) <= limit:
        return raw
    keep = max(0, limit // 4 - len(TRUNCATED))
    slim = msgspec.structs.replace(reply, text=reply.text[:keep] + TRUNCATED, data={})
    return _ENCODER.encode(Turn(text=text[:keep], reply=slim))


def with_turn(
    record: Record, size: int, memory: Memory, limit: int
) -> tuple[Record, tuple[int, ...]]:
    """The record after one more turn of ``size`` bytes, and the seqs of the turns it drops."""
    turns = [*record.turns, (record.next_seq, size)]
    total = sum(n for _, n in turns)
    dropped: list[int] = []
    while len(turns) > 1 and total > limit:
        seq, n = turns.pop(0)
        dropped.append(seq)
        total -= n
    updated = msgspec.structs.replace(
        record, memory=memory, turns=tuple(turns), next_seq=record.next_seq + 1
    )
    return updated, tuple(dropped)
