"""OpenAPI documentation of the Slack routes: their signed bodies, headers and error answers.

The handlers read the raw body themselves (the signature is checked over the raw bytes
before anything is parsed), so litestar cannot infer what they accept; each route's
``Operation`` class adds its body and Slack's two signature headers to the schema.
"""

from __future__ import annotations

from dataclasses import dataclass

from litestar.openapi import ResponseSpec
from litestar.openapi.spec import (
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    Parameter,
    Reference,
    RequestBody,
    Schema,
)

from assistant.server.wire import ErrorFrame

FORM = "application/x-www-form-urlencoded"
_HEADERS = (
    Parameter(
        name="X-Slack-Signature",
        param_in="header",
        required=True,
        schema=Schema(type=OpenAPIType.STRING, pattern="^v0=[0-9a-f]{64}$"),
        description="v0= and the HMAC-SHA256 of v0:TIMESTAMP:RAW_BODY keyed with the "
        "app's signing secret.",
    ),
    Parameter(
        name="X-Slack-Request-Timestamp",
        param_in="header",
        required=True,
        schema=Schema(type=OpenAPIType.STRING, pattern="^[0-9]+$"),
        description="Unix time the request was signed; more than 5 minutes off is rejected.",
    ),
)
SLACK_ERRORS = {
    400: ResponseSpec(ErrorFrame, description="bad_request: signed, but not a payload of its kind"),
    401: ResponseSpec(
        ErrorFrame, description="bad_signature: signature or timestamp missing, stale or wrong"
    ),
    503: ResponseSpec(
        ErrorFrame, description="slack_not_configured: SLACK_SIGNING_SECRET is not set"
    ),
}


def _text(description: str, enum: list[str] | None = None) -> Schema:
    return Schema(type=OpenAPIType.STRING, description=description, enum=enum)


def _object(description: str, properties: dict[str, Schema | Reference], *required: str) -> Schema:
    return Schema(
        type=OpenAPIType.OBJECT,
        description=description,
        properties=properties,
        required=list(required) or None,
    )


EVENT = _object(
    "The event: an app_mention, or a message in a direct message.",
    {
        "type": _text("app_mention or message"),
        "user": _text("Who wrote it"),
        "bot_id": _text("Set when a bot wrote it (ignored)"),
        "subtype": _text("Set for edits, joins and the like (ignored)"),
        "text": _text("The message, with <@U…> mentions"),
        "channel": _text("Where it was written"),
        "channel_type": _text("im for a direct message"),
        "ts": _text("The message's timestamp (starts a thread)"),
        "thread_ts": _text("The thread it belongs to, if any"),
    },
    "type",
)
ENVELOPE = _object(
    "An Events API request: url_verification (answered with its challenge) or "
    "event_callback (answered in the thread with chat.postMessage).",
    {
        "type": _text("Kind of request", enum=["url_verification", "event_callback"]),
        "challenge": _text("url_verification: the string to echo back"),
        "team_id": _text("The workspace"),
        "event_id": _text("Unique per event; Slack's retries repeat it (answered once)"),
        "event": EVENT,
        "authorizations": Schema(
            type=OpenAPIType.ARRAY,
            description="Who the event was delivered to (the bot's own user id)",
            items=_object(
                "One installation the event was delivered to.",
                {
                    "user_id": _text("The bot user's id"),
                    "is_bot": Schema(type=OpenAPIType.BOOLEAN, description="True for a bot"),
                },
            ),
        ),
    },
    "type",
)
COMMAND = _object(
    "A slash command's form fields (Slack sends more; they are ignored).",
    {
        "command": _text("The command, e.g. /models"),
        "text": _text("What the user typed after the command: the question"),
        "team_id": _text("The workspace"),
        "channel_id": _text("Where the command was typed"),
        "user_id": _text("Who typed it; one conversation per user and channel"),
        "response_url": _text("Where later replies to this command may be posted"),
    },
)
INTERACTION = _object(
    "A button click's form body.",
    {
        "payload": _text(
            "JSON of a block_actions interaction: type, team, user, channel, container, "
            "message, actions [{action_id, block_id, value}], response_url. The clicked "
            "button's value is asked in the conversation named by its block_id."
        )
    },
    "payload",
)


def _operation(media_type: str, schema: Schema, description: str) -> type[Operation]:
    """An Operation class documenting a signed body of ``media_type``."""
    body = RequestBody(
        content={media_type: OpenAPIMediaType(schema=schema)},
        description=description,
        required=True,
    )

    @dataclass
    class SlackOperation(Operation):
        """A Slack route's operation with its body and signature headers."""

        def __post_init__(self) -> None:
            self.request_body = body
            self.parameters = [*(self.parameters or []), *_HEADERS]

    return SlackOperation


EVENTS = _operation("application/json", ENVELOPE, "Signed Events API callback")
COMMANDS = _operation(FORM, COMMAND, "Signed slash command")
INTERACTIONS = _operation(FORM, INTERACTION, "Signed interaction (button click)")
