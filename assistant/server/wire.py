"""Wire messages of ``GET /ws`` and ``POST /api/chat`` as msgspec structs, and their codecs.

Client frames form one tagged union (tag field ``type``) decoded once per frame by one
reused typed decoder; server frames are tagged structs encoded by one reused encoder.
Unknown fields are tolerated (clients may extend their frames); unknown types are not.
The terminal client encodes its frames with these structs too (``encode``).
"""

from __future__ import annotations

from typing import Any

import msgspec

from assistant.errors import BadRequest, TooLarge
from assistant.reply import Reply

ClientId = str | int


class Message(msgspec.Struct, frozen=True, tag_field="type", tag="message"):
    """A question in the connection's conversation."""

    text: str
    id: ClientId | None = None


class Resume(msgspec.Struct, frozen=True, tag_field="type", tag="resume"):
    """Switch the connection to a stored conversation and ask for its history."""

    conversation_id: str
    id: ClientId | None = None


class Ping(msgspec.Struct, frozen=True, tag_field="type", tag="ping"):
    """Application-level keep-alive for clients that cannot send protocol pings."""

    id: ClientId | None = None


ClientFrame = Message | Resume | Ping


class Welcome(msgspec.Struct, frozen=True, tag_field="type", tag="welcome"):
    """First frame on every connection."""

    conversation_id: str
    version: str


class ReplyBody(msgspec.Struct, frozen=True):
    """The contract's reply object: what every reply frame and HTTP answer starts with."""

    text: str
    intent: str
    models: tuple[str, ...]
    suggestions: tuple[str, ...]
    data: dict[str, Any]


class ReplyFrame(ReplyBody, frozen=True, tag_field="type", tag="reply", omit_defaults=True):
    """One answer over the WebSocket, plus the conversation it belongs to."""

    conversation_id: str
    id: ClientId | None = None


class ChatResponse(ReplyBody, frozen=True, tag_field="type", tag="reply"):
    """``POST /api/chat`` response: the WebSocket reply object plus ``session_id``."""

    session_id: str


class ChatRequest(msgspec.Struct, frozen=True):
    """``POST /api/chat`` request body."""

    text: str
    session_id: str | None = None


class ErrorFrame(msgspec.Struct, frozen=True, tag_field="type", tag="error", omit_defaults=True):
    """The contract's error shape, over WebSocket and HTTP alike."""

    code: str
    message: str
    id: ClientId | None = None


class UserEntry(msgspec.Struct, frozen=True, tag_field="role", tag="user"):
    """A user's message in a conversation's history."""

    text: str


class AssistantEntry(msgspec.Struct, frozen=True, tag_field="role", tag="assistant"):
    """The assistant's reply object in a conversation's history."""

    reply: Reply


HistoryEntry = UserEntry | AssistantEntry


class History(msgspec.Struct, frozen=True, tag_field="type", tag="history", omit_defaults=True):
    """Answer to ``resume``: the stored conversation's transcript, oldest first."""

    conversation_id: str
    messages: tuple[HistoryEntry, ...]
    id: ClientId | None = None


class Pong(msgspec.Struct, frozen=True, tag_field="type", tag="pong", omit_defaults=True):
    """Answer to ``ping``."""

    id: ClientId | None = None


ServerFrame = Welcome | ReplyFrame | ErrorFrame | History | Pong

_DECODER: msgspec.json.Decoder[ClientFrame] = msgspec.json.Decoder(ClientFrame)
_ENCODER = msgspec.json.Encoder()


def decode_frame(raw: str | bytes, max_frame_bytes: int) -> ClientFrame:
    """Decode one client frame; raise BadRequest or TooLarge with a human-readable message."""
    if _frame_size(raw, max_frame_bytes) > max_frame_bytes:
        raise TooLarge(f"frame is over {max_frame_bytes} bytes")
    try:
        frame = _DECODER.decode(raw)
    except msgspec.DecodeError as exc:
        raise BadRequest(_explain(exc)) from None
    except RecursionError:
        raise BadRequest("frame is nested too deeply") from None
    except UnicodeError:
        raise BadRequest("frame is not valid UTF-8") from None
    return frame


def _frame_size(raw: str | bytes, limit: int) -> int:
    """Size of a frame in bytes, encoding a str only when its length leaves doubt."""
    if isinstance(raw, bytes) or len(raw) * 4 <= limit or len(raw) > limit:
        return len(raw)
    return len(raw.encode("utf-8", "surrogatepass"))


def _explain(exc: msgspec.DecodeError) -> str:
    """Turn msgspec's decode error into a message for the client (no internals)."""
    detail = str(exc)
    if not isinstance(exc, msgspec.ValidationError):
        return "frame is not valid JSON"
    if detail.startswith("Expected `object`"):
        return "frame must be a JSON object"
    if "at `$.type`" in detail or "missing required field `type`" in detail:
        return "unknown or missing message type (expected 'message', 'resume' or 'ping')"
    return f"invalid frame: {detail}"


def encode(frame: ServerFrame | ChatResponse | ClientFrame | HistoryEntry) -> bytes:
    """Encode one frame (either direction) or HTTP body as JSON bytes."""
    return _ENCODER.encode(frame)


def _reply_fields(reply: Reply) -> dict[str, Any]:
    """The ``ReplyBody`` fields (text, intent, models, suggestions, data) of a core Reply."""
    return {name: getattr(reply, name) for name in ReplyBody.__struct_fields__}


def reply_frame(reply: Reply, conversation_id: str, client_id: ClientId | None) -> ReplyFrame:
    """The WebSocket reply frame for a core Reply."""
    return ReplyFrame(**_reply_fields(reply), conversation_id=conversation_id, id=client_id)


def chat_response(reply: Reply, session_id: str) -> ChatResponse:
    """The ``POST /api/chat`` body for a core Reply."""
    return ChatResponse(**_reply_fields(reply), session_id=session_id)
