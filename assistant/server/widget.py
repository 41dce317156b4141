"""PLACEHOLDER: routes serving the embeddable widget and demo page (replaced by widget work)."""

from typing import Any

widget_handlers: list[Any] = []
