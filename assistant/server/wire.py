"""Wire messages of ``GET /ws`` and ``POST /api/chat`` as msgspec structs, and their codecs.

Client frames form one tagged union (tag field ``type``) decoded once per frame by one
reused typed decoder; server frames are tagged structs encoded by one reused encoder.
Unknown fields are tolerated (clients may extend their frames); unknown types are not.
The terminal client encodes its frames with these structs too (``encode``).
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from assistant.answers.query import IntentName
from assistant.errors import BadRequest, TooLarge
from assistant.reply import Reply
from assistant.settings import Settings

ClientId = str | int
# What a reply's ``intent`` can be: an answer's name, or "clarify" when the engine asks back.
INTENT_NAMES = tuple(name.value for name in IntentName)
DEFAULT_MAX_TEXT_CHARS: int = next(
    field.default for field in msgspec.structs.fields(Settings) if field.name == "max_text_chars"
)


def documented(description: str, **schema: Any) -> msgspec.Meta:
    """Field metadata for the OpenAPI schema: a description and schema-only keywords.

    ``schema`` (e.g. ``maxLength``) goes into the schema litestar writes (its msgspec
    plugin reads ``extra_json_schema["extra"]``) without msgspec enforcing it on decode:
    limits that depend on settings are checked by the handlers, with the contract's codes.
    """
    return msgspec.Meta(description=description, extra_json_schema={"extra": schema})


Text = Annotated[
    str,
    documented(
        f"The user's message (at most ASSISTANT_MAX_TEXT_CHARS characters, "
        f"default {DEFAULT_MAX_TEXT_CHARS}; longer is 413 too_large).",
        maxLength=DEFAULT_MAX_TEXT_CHARS,
    ),
]
Intent = Annotated[
    str,
    documented(
        "What the reply answers: the name of the answer that produced it, or 'clarify' "
        "when the assistant asks back.",
        enum=list(INTENT_NAMES),
    ),
]
ModelIds = Annotated[
    tuple[str, ...],
    documented("Catalog ids of the models the reply is about (e.g. 'openai/gpt-4o')."),
]
Suggestions = Annotated[
    tuple[str, ...], documented("Follow-up questions the user can send as they are.")
]
ReplyData = Annotated[
    dict[str, Any],
    documented("Structured facts behind the text (rows, figures, sources); shape per intent."),
]


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

    text: Annotated[str, documented("The answer in Markdown (headings, lists, pipe tables).")]
    intent: Intent
    models: ModelIds
    suggestions: Suggestions
    data: ReplyData


class ReplyFrame(ReplyBody, frozen=True, tag_field="type", tag="reply", omit_defaults=True):
    """One answer over the WebSocket, plus the conversation it belongs to."""

    conversation_id: str
    id: ClientId | None = None


class ChatResponse(ReplyBody, frozen=True, tag_field="type", tag="reply"):
    """``POST /api/chat`` response: the WebSocket reply object plus ``session_id``."""

    session_id: Annotated[
        str, documented("The conversation this reply belongs to: send it back to continue.")
    ]


class ChatRequest(msgspec.Struct, frozen=True):
    """``POST /api/chat`` request body."""

    text: Text
    session_id: Annotated[
        str | None,
        documented(
            "Continue this conversation (the session_id of an earlier response, or a "
            "WebSocket conversation_id); unknown, expired or absent starts a new one."
        ),
    ] = None


class ErrorFrame(msgspec.Struct, frozen=True, tag_field="type", tag="error", omit_defaults=True):
    """The contract's error shape, over WebSocket and HTTP alike."""

    code: Annotated[
        str,
        documented(
            "Machine-readable cause: bad_request, too_large, rate_limited, "
            "unknown_conversation, internal; on the Slack routes also bad_signature "
            "and slack_not_configured."
        ),
    ]
    message: Annotated[str, documented("A sentence for people; never internals.")]
    id: Annotated[
        ClientId | None, documented("The id of the WebSocket frame this answers, when known.")
    ] = None


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
