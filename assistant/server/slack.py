"""Slack channel: ``POST /slack/events``, ``/slack/commands`` and ``/slack/interactions``.

Every request is verified over its raw body before parsing (``slack_verify``); without a
signing secret the endpoints answer 503. Events and button clicks are acknowledged at once
and answered in a background task with ``chat.postMessage``; slash commands are answered in
the HTTP response. One conversation per Slack thread, kept in the server's conversation
store under ``slack_key`` (a digest of ``SlackThread.key`` keyed by the signing secret, in
the ``slack:`` namespace no web client can name); the thread key also tags the suggestion
buttons so that a click continues the same conversation.

``slack_lifespan`` (when a signing secret is configured) puts on ``app.state`` the one
``httpx.AsyncClient`` every outbound call uses (``slack_http``, closed at shutdown) and
the event ids already answered (``slack_seen``, so Slack's retries are answered once).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import msgspec
from litestar import Litestar, Request, Response, post
from litestar.background_tasks import BackgroundTask
from litestar.datastructures import State

from assistant.errors import StoreError
from assistant.render.blocks import SlackMessage, escape, reply_message
from assistant.reply import Reply
from assistant.server.conversations import ConversationStore
from assistant.server.http import error_response
from assistant.server.slack_openapi import COMMANDS, EVENTS, INTERACTIONS, SLACK_ERRORS
from assistant.server.slack_post import (
    hooks_url_allowed,
    post_message,
    post_response,
    slack_client,
)
from assistant.server.slack_verify import RecentIds, signature_problem
from assistant.server.slack_wire import (
    Interaction,
    SlackThread,
    bot_user_ids,
    decode_command,
    decode_envelope,
    decode_interaction,
    event_thread,
    interaction_thread,
    plain_text,
    retry_key,
    strip_mentions,
    wanted_event,
)
from assistant.server.store.records import slack_key

log = logging.getLogger(__name__)
SlackRequest = Request[Any, Any, State]
Payload = TypeVar("Payload")
USAGE = (
    "Ask me about AI models, e.g. `which has a larger context window, gpt-4o or claude sonnet 4.5?`"
)


@asynccontextmanager
async def slack_lifespan(app: Litestar) -> AsyncIterator[None]:
    """Open the Slack channel's HTTP client and retry memory (only when Slack is configured)."""
    if not app.state.settings.slack_signing_secret:
        yield
        return
    async with slack_client() as client:
        app.state.slack_http = client
        app.state.slack_seen = RecentIds()
        yield


async def _verified_body(request: SlackRequest) -> bytes | Response[Any]:
    """The raw body when the request is signed by Slack, else the error response to send."""
    secret = request.app.state.settings.slack_signing_secret
    if not secret:
        message = "Slack bot not configured: set SLACK_SIGNING_SECRET (and SLACK_BOT_TOKEN)"
        return error_response(503, "slack_not_configured", message)
    body = await request.body()
    problem = signature_problem(
        secret,
        request.headers.get("x-slack-request-timestamp"),
        request.headers.get("x-slack-signature"),
        body,
    )
    if problem is not None:
        return error_response(401, "bad_signature", f"Slack signature rejected: {problem}")
    return body


async def _payload(
    request: SlackRequest, decode: Callable[[bytes], Payload], what: str
) -> Payload | Response[Any]:
    """The verified body decoded by ``decode``, else the 503/401/400 response to send."""
    body = await _verified_body(request)
    if isinstance(body, Response):
        return body
    try:
        return decode(body)
    except msgspec.DecodeError:
        return error_response(400, "bad_request", f"not a Slack {what} payload")


async def converse(state: State, thread: SlackThread, text: str) -> Reply:
    """Answer ``text`` in the thread's conversation (created on first use)."""
    key = slack_key(state.settings.slack_signing_secret or "", thread.key)
    store: ConversationStore = state.conversations
    reply = await store.turn(state.engine, key, "slack", text)
    assert reply is not None  # created when absent
    return reply


async def _render(
    state: State, thread: SlackThread, text: str, context: str | None
) -> SlackMessage:
    """The rendered answer; a polite apology if the store or the engine fails."""
    if not text:
        reply = Reply(text=USAGE, intent="help")
    else:
        try:
            reply = await converse(state, thread, text)
        except StoreError as exc:
            log.warning("slack: %s", exc)
            reply = Reply(
                text="Sorry, I cannot reach my memory right now; retry soon.", intent="error"
            )
        except Exception:
            log.exception("slack: the engine failed on %r", text)
            reply = Reply(text="Sorry, something went wrong answering that.", intent="error")
    return reply_message(reply, actions_block_id=thread.key, context=context)


async def _post_in_thread(state: State, thread: SlackThread, message: SlackMessage) -> None:
    """Post ``message`` into the thread (or the DM) with ``chat.postMessage``."""
    await post_message(state.slack_http, state.settings, message, thread.channel, thread.thread_ts)


async def answer_in_thread(state: State, thread: SlackThread, text: str) -> None:
    """Background task: answer and post into the thread (or the DM)."""
    await _post_in_thread(state, thread, await _render(state, thread, text, None))


@post(
    "/slack/events",
    status_code=200,
    summary="Slack Events API (mentions and direct messages)",
    operation_class=EVENTS,
    responses=SLACK_ERRORS,
    response_description='{"ok": true} at once (the answer follows in the thread), or '
    '{"challenge": ...} for url_verification',
)
async def slack_events(request: SlackRequest) -> Response[Any]:
    """Events API: url_verification, app_mention and DMs; acknowledged at once."""
    body = await _verified_body(request)
    if isinstance(body, Response):
        return body
    try:
        envelope = decode_envelope(body)
    except msgspec.DecodeError:
        return error_response(400, "bad_request", "not a Slack Events API payload")
    if envelope.type == "url_verification":
        return Response({"challenge": envelope.challenge or ""})
    state = request.app.state
    event = wanted_event(envelope)
    if event is None or not state.slack_seen.first_time(retry_key(envelope, event, body)):
        return Response({"ok": True})
    text = strip_mentions(event.text, bot_user_ids(envelope))
    task = BackgroundTask(answer_in_thread, state, event_thread(envelope, event), text)
    return Response({"ok": True}, background=task)


@post(
    "/slack/commands",
    status_code=200,
    summary="Slack slash command (/models)",
    operation_class=COMMANDS,
    responses=SLACK_ERRORS,
    response_description="The answer as a Slack message: response_type, text, blocks",
)
async def slack_commands(request: SlackRequest) -> Response[Any]:
    """A slash command, answered directly in the HTTP response (Slack waits 3 s)."""
    command = await _payload(request, decode_command, "slash command")
    if isinstance(command, Response):
        return command
    text = plain_text(command.text)
    if not text:
        return Response({"response_type": "ephemeral", "text": f"{command.command} {USAGE}"})
    thread = SlackThread(
        team=command.team_id or "T", channel=command.channel_id or "C", slash_user=command.user_id
    )
    message = await _render(request.app.state, thread, text, None)
    return Response({"response_type": "in_channel", "text": message.text, "blocks": message.blocks})


async def answer_click(
    state: State, interaction: Interaction, thread: SlackThread, text: str
) -> None:
    """Background task: continue the button's conversation and post where it lives."""
    url = interaction.response_url
    if thread.slash_user and not (url and hooks_url_allowed(url, state.settings.slack_hooks_base)):
        log.warning("slack: ignored a click whose response_url is not on Slack's hooks host")
        return
    user = interaction.user.id if interaction.user else None
    asked = f"<@{user}> asked: {escape(text)}" if user else f"Asked: {escape(text)}"
    message = await _render(state, thread, text, asked)
    if thread.slash_user:
        container = interaction.container
        kind = "ephemeral" if container is not None and container.is_ephemeral else "in_channel"
        await post_response(state.slack_http, url or "", message, kind)
        return
    await _post_in_thread(state, thread, message)


@post(
    "/slack/interactions",
    status_code=200,
    summary="Slack interactivity (suggestion buttons)",
    operation_class=INTERACTIONS,
    responses=SLACK_ERRORS,
    response_description="Empty, at once; the answer is posted where the button lives",
)
async def slack_interactions(request: SlackRequest) -> Response[Any]:
    """Button clicks (``block_actions``): the button's value is asked in its conversation."""
    interaction = await _payload(request, decode_interaction, "interaction")
    if isinstance(interaction, Response):
        return interaction
    clicks = [a for a in interaction.actions if a.value and a.value.strip()]
    if interaction.type != "block_actions" or not clicks:
        return Response(b"", status_code=200)
    thread = interaction_thread(interaction, clicks[0])
    if thread is None:
        return Response(b"", status_code=200)
    value = " ".join((clicks[0].value or "").split())
    task = BackgroundTask(answer_click, request.app.state, interaction, thread, value)
    return Response(b"", status_code=200, background=task)


slack_handlers: list[Any] = [slack_events, slack_commands, slack_interactions]
