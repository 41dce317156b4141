"""Outbound Slack calls: ``chat.postMessage`` with the bot token, and ``response_url`` posts.

Every call goes through one ``httpx.AsyncClient`` (``slack_client``) that the app's
lifespan opens once and closes at shutdown, so connections to Slack are pooled.
Failures are logged and swallowed: a reply that cannot be delivered must never take the
server down, and Slack does not want an error back for an event it already got a 200 for.
A ``response_url`` is posted to only when it names Slack's hooks origin
(``settings.slack_hooks_base``): a signed payload's URL must not make the server call
anywhere else.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import httpx

from assistant.render.blocks import SlackMessage
from assistant.settings import Settings

log = logging.getLogger(__name__)
TIMEOUT = httpx.Timeout(10.0)


def slack_client() -> httpx.AsyncClient:
    """The HTTP client for every outbound Slack call (JSON bodies, 10 s timeout)."""
    return httpx.AsyncClient(
        timeout=TIMEOUT, headers={"Content-Type": "application/json; charset=utf-8"}
    )


def message_payload(
    message: SlackMessage, channel: str | None = None, thread_ts: str | None = None
) -> dict[str, Any]:
    """The JSON body for ``chat.postMessage`` (or a response_url when no channel)."""
    payload: dict[str, Any] = {"text": message.text, "blocks": list(message.blocks)}
    if channel is not None:
        payload["channel"] = channel
        payload["unfurl_links"] = False
    if thread_ts is not None:
        payload["thread_ts"] = thread_ts
    return payload


async def _post(
    client: httpx.AsyncClient, url: str, payload: dict[str, Any], token: str | None
) -> bool:
    """POST ``payload`` as JSON; True when Slack accepted it (failures are logged)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        response = await client.post(url, json=payload, headers=headers)
    except httpx.HTTPError as exc:
        log.warning("slack: POST %s failed: %s", url, exc)
        return False
    if response.status_code != 200:
        log.warning("slack: POST %s answered HTTP %s", url, response.status_code)
        return False
    return _api_ok(url, response)


def _api_ok(url: str, response: httpx.Response) -> bool:
    """False (and logged) when the Web API says ``{"ok": false, "error": ...}``."""
    try:
        body = response.json()
    except ValueError:
        return True  # response_url answers plain "ok"
    if isinstance(body, dict) and body.get("ok") is False:
        log.warning("slack: POST %s refused: %s", url, body.get("error", "unknown error"))
        return False
    return True


async def post_message(
    client: httpx.AsyncClient,
    settings: Settings,
    message: SlackMessage,
    channel: str,
    thread_ts: str | None,
) -> bool:
    """Send ``message`` to a channel (thread) with ``chat.postMessage``; True when accepted."""
    if not settings.slack_bot_token:
        log.warning("slack: SLACK_BOT_TOKEN is not set; cannot post the reply")
        return False
    url = settings.slack_api_base.rstrip("/") + "/chat.postMessage"
    payload = message_payload(message, channel, thread_ts)
    return await _post(client, url, payload, settings.slack_bot_token)


async def post_response(
    client: httpx.AsyncClient, response_url: str, message: SlackMessage, response_type: str
) -> bool:
    """Answer through an interaction's or command's ``response_url``; True when accepted."""
    payload = message_payload(message)
    payload["response_type"] = response_type
    payload["replace_original"] = False
    return await _post(client, response_url, payload, None)


def hooks_url_allowed(url: str, hooks_base: str) -> bool:
    """Whether ``url`` is on Slack's hooks origin (same scheme, host and port; no userinfo)."""
    try:
        parts, base = urlsplit(url), urlsplit(hooks_base)
        same_port = parts.port == base.port
    except ValueError:
        return False
    return (
        parts.scheme == base.scheme
        and parts.hostname is not None
        and parts.hostname == base.hostname
        and same_port
        and "@" not in parts.netloc
    )
