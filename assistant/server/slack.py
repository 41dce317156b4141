"""PLACEHOLDER: Slack Events API, slash command and interactions (replaced by Slack work)."""

from typing import Any

slack_handlers: list[Any] = []
