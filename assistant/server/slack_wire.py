"""Slack's inbound payloads as msgspec structs, and where a conversation lives in Slack.

Pure: decoding, choosing which events to answer, stripping the bot's mention, and the
``SlackThread`` that names one conversation (``slack:<team>:<channel>:<thread_ts>``).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qs

import msgspec

NO_THREAD = "-"  # a direct-message conversation outside any thread
SLASH = "slash"


class SlackEvent(msgspec.Struct, frozen=True):
    """The inner ``event`` of an Events API callback (only the fields we use)."""

    type: str
    user: str | None = None
    bot_id: str | None = None
    subtype: str | None = None
    text: str = ""
    channel: str | None = None
    channel_type: str | None = None
    ts: str | None = None
    thread_ts: str | None = None


class Authorization(msgspec.Struct, frozen=True):
    """Who the event was delivered to: our bot user, whose own messages we ignore."""

    user_id: str | None = None
    is_bot: bool = False


class Envelope(msgspec.Struct, frozen=True):
    """An Events API request body: ``url_verification`` or ``event_callback``."""

    type: str
    challenge: str | None = None
    team_id: str | None = None
    event_id: str | None = None
    event: SlackEvent | None = None
    authorizations: tuple[Authorization, ...] = ()


class Named(msgspec.Struct, frozen=True):
    """A ``{"id": ...}`` reference to a team, user or channel."""

    id: str


class Action(msgspec.Struct, frozen=True):
    """One clicked element of a ``block_actions`` interaction."""

    action_id: str
    type: str = "button"
    block_id: str | None = None
    value: str | None = None


class Container(msgspec.Struct, frozen=True):
    """The message holding the clicked button."""

    type: str | None = None
    message_ts: str | None = None
    channel_id: str | None = None
    thread_ts: str | None = None
    is_ephemeral: bool = False


class InteractionMessage(msgspec.Struct, frozen=True):
    """The message (as posted) holding the clicked button."""

    ts: str | None = None
    thread_ts: str | None = None


class Interaction(msgspec.Struct, frozen=True):
    """A ``payload`` form field of ``POST /slack/interactions``."""

    type: str
    team: Named | None = None
    user: Named | None = None
    channel: Named | None = None
    container: Container | None = None
    message: InteractionMessage | None = None
    actions: tuple[Action, ...] = ()
    response_url: str | None = None


class SlashCommand(msgspec.Struct, frozen=True):
    """The form fields of ``POST /slack/commands`` that we use."""

    command: str = ""
    text: str = ""
    team_id: str = ""
    channel_id: str = ""
    user_id: str = ""
    response_url: str | None = None


class SlackThread(msgspec.Struct, frozen=True):
    """Where a conversation lives: a channel thread, a DM, or a user's slash commands."""

    team: str
    channel: str
    thread_ts: str | None = None
    slash_user: str | None = None

    @property
    def key(self) -> str:
        """The conversation-store id of this conversation."""
        if self.slash_user:
            return f"slack:{self.team}:{self.channel}:{SLASH}:{self.slash_user}"
        return f"slack:{self.team}:{self.channel}:{self.thread_ts or NO_THREAD}"


def thread_from_key(key: str) -> SlackThread | None:
    """The SlackThread a conversation key names, or None when it is not one of ours."""
    parts = key.split(":")
    if len(parts) == 5 and parts[0] == "slack" and parts[3] == SLASH and all(parts):
        return SlackThread(team=parts[1], channel=parts[2], slash_user=parts[4])
    if len(parts) != 4 or parts[0] != "slack" or not all(parts):
        return None
    thread_ts = None if parts[3] == NO_THREAD else parts[3]
    return SlackThread(team=parts[1], channel=parts[2], thread_ts=thread_ts)


_ENVELOPE = msgspec.json.Decoder(Envelope)
_INTERACTION = msgspec.json.Decoder(Interaction)
_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")


def decode_envelope(body: bytes) -> Envelope:
    """Decode an Events API body; raises msgspec.DecodeError when malformed."""
    return _ENVELOPE.decode(body)


def form_fields(body: bytes) -> dict[str, str]:
    """A form-encoded body as a dict of first values."""
    parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in parsed.items()}


def decode_interaction(body: bytes) -> Interaction:
    """Decode the ``payload`` field of an interaction; raises msgspec.DecodeError."""
    payload = form_fields(body).get("payload")
    if payload is None:
        raise msgspec.DecodeError("missing payload field")
    return _INTERACTION.decode(payload)


def decode_command(body: bytes) -> SlashCommand:
    """Decode a slash command's form body."""
    return msgspec.convert(form_fields(body), SlashCommand, strict=False)


def bot_user_ids(envelope: Envelope) -> frozenset[str]:
    """Our own bot user ids, from the callback's authorizations."""
    return frozenset(a.user_id for a in envelope.authorizations if a.user_id and a.is_bot)


def wanted_event(envelope: Envelope) -> SlackEvent | None:
    """The event to answer: an ``app_mention`` or a DM from a person; None for anything else."""
    event = envelope.event
    if envelope.type != "event_callback" or event is None or not event.channel:
        return None
    if event.bot_id or event.subtype or not event.user or event.user in bot_user_ids(envelope):
        return None
    if event.type == "app_mention" or (event.type == "message" and event.channel_type == "im"):
        return event
    return None


def strip_mentions(text: str, bot_ids: frozenset[str]) -> str:
    """The text without the bot's ``<@ID>`` mentions (and without a leading mention)."""
    text = _MENTION.sub(lambda m: "" if m.group(1) in bot_ids else m.group(0), text)
    leading = _MENTION.match(text.lstrip())
    if leading is not None:
        text = text.lstrip()[leading.end() :]
    return plain_text(text)


def plain_text(text: str) -> str:
    """Slack's formatted text as typed: links to their label, ``&lt;`` etc. unescaped."""
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def retry_key(envelope: Envelope, event: SlackEvent, body: bytes) -> str:
    """The de-duplication key of an event: its id, else its message, else its exact body.

    Each kind has its own prefix, so keys of different kinds never collide; an event with
    neither ``event_id`` nor ``ts`` is keyed by its body's digest (a retry repeats it).
    """
    if envelope.event_id:
        return f"event:{envelope.event_id}"
    if event.ts:
        return f"ts:{envelope.team_id or ''}:{event.channel or ''}:{event.ts}"
    return "body:" + hashlib.sha256(body).hexdigest()


def event_thread(envelope: Envelope, event: SlackEvent) -> SlackThread:
    """The conversation of an event: its thread; a DM outside threads is one conversation."""
    team = envelope.team_id or "T"
    channel = event.channel or ""
    if event.thread_ts:
        return SlackThread(team=team, channel=channel, thread_ts=event.thread_ts)
    if event.type == "message" and event.channel_type == "im":
        return SlackThread(team=team, channel=channel)
    return SlackThread(team=team, channel=channel, thread_ts=event.ts)


def interaction_thread(interaction: Interaction, action: Action) -> SlackThread | None:
    """The conversation a button belongs to: from its block id, else from its message."""
    tagged = thread_from_key(action.block_id or "")
    if tagged is not None:
        return tagged
    channel = interaction.channel.id if interaction.channel else None
    message = interaction.message
    if channel is None or message is None:
        return None
    team = interaction.team.id if interaction.team else "T"
    return SlackThread(team=team, channel=channel, thread_ts=message.thread_ts or message.ts)
