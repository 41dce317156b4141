"""Frames as the terminal client sees them: one tolerant struct for every server type.

The client must ignore types it does not know (CONTRACT.md), so frames decode into one
struct with defaults rather than a closed union; anything not a JSON object is skipped.
The frames the client sends are the server's own structs (``assistant.server.wire``).
"""

from __future__ import annotations

from typing import Any

import msgspec

from assistant.reply import Reply
from assistant.server.wire import ClientId, Message, Resume, encode


class ServerFrame(msgspec.Struct, frozen=True):
    """Any server frame: ``type`` plus the fields of welcome, reply, history and error."""

    type: str
    id: ClientId | None = None
    conversation_id: str | None = None
    text: str = ""
    intent: str = ""
    models: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    data: dict[str, Any] = msgspec.field(default_factory=dict)
    code: str = ""
    message: str = ""


_DECODER = msgspec.json.Decoder(ServerFrame)


def decode_server_frame(raw: str | bytes) -> ServerFrame | None:
    """The frame, or None when it is not a JSON object with a string ``type``."""
    try:
        return _DECODER.decode(raw)
    except msgspec.DecodeError:
        return None


def frame_text(raw: str | bytes) -> str:
    """A received frame as text (binary frames decoded as UTF-8)."""
    return raw if isinstance(raw, str) else raw.decode("utf-8", "replace")


def message_frame(text: str, frame_id: str) -> str:
    """A ``message`` frame asking ``text``."""
    return encode(Message(text=text, id=frame_id)).decode()


def resume_frame(conversation_id: str, frame_id: str) -> str:
    """A ``resume`` frame (server extension) to continue a conversation after reconnecting."""
    return encode(Resume(conversation_id=conversation_id, id=frame_id)).decode()


def as_reply(frame: ServerFrame) -> Reply:
    """The core Reply carried by a ``reply`` frame."""
    return Reply(
        text=frame.text,
        intent=frame.intent,
        models=frame.models,
        suggestions=frame.suggestions,
        data=frame.data,
    )


def polite_error(frame: ServerFrame) -> str:
    """A human sentence for an ``error`` frame."""
    detail = frame.message or frame.code or "unknown error"
    match frame.code:
        case "rate_limited":
            return f"Too many messages at once; please wait a moment ({detail})."
        case "too_large":
            return f"That message is too long for the assistant ({detail})."
        case "bad_request":
            return f"The assistant could not read that message ({detail})."
        case _:
            return f"The assistant could not answer: {detail}"
