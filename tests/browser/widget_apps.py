"""uvicorn factories for the browser tests: the real app, and the app over a small fake engine.

The fake engine lets the widget's UI be verified whatever state the real engine is in. It
knows two models (figures from the seed page), remembers the models of a conversation,
and echoes anything else verbatim, so hostile text also reaches the widget as a reply.

    python -m uvicorn --app-dir tests/browser --factory widget_apps:fake_app --port 8123
"""

from __future__ import annotations

import time

import msgspec
from litestar import Litestar

from assistant.engine import Memory
from assistant.reply import Reply
from assistant.server.app import create_app
from assistant.settings import load_settings

MODELS = {
    "gpt-4 vision preview": ("openai/gpt-4-vision-preview", "GPT-4 Vision Preview", "128K"),
    "qwen3.5-4b": ("alibaba/qwen3.5-4b", "Qwen3.5-4B", "262K"),
}
BY_ID = {model_id: (name, window) for model_id, name, window in MODELS.values()}

TABLE = (
    "Here is how they compare:\n\n"
    "| Signal | GPT-4 Vision Preview | Qwen3.5-4B |\n"
    "|---|---|---|\n"
    "| Context window | 128K | 262K |\n"
    "| License | Proprietary | Apache 2.0 |\n"
    "| Cheapest output | $40/1M tokens | *not sourced* |\n"
)
MARKDOWN = (
    "## Heading\n\nSome **bold**, *italic* and `code`; _underscored_, not snake_case_name.\n\n"
    "- first item\n- second item\n\n"
    "1. one\n2. two\n\n[safe link](https://example.org/page) and [mail](mailto:a@example.org) "
    "and [bad](javascript:alert(1)) and [rel](/relative)."
)


class FakeEngine:
    """Engine stand-in: same ``respond`` interface, canned behaviour keyed on keywords."""

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        """Answer ``text`` using the conversation's models when it names none."""
        lowered = text.lower()
        if "slow" in lowered:
            time.sleep(1.5)
        named = tuple(mid for key, (mid, _n, _w) in MODELS.items() if key in lowered)
        models = named or memory.models
        reply = self._reply(lowered, text, models)
        return reply, msgspec.structs.replace(memory, models=models)

    def _reply(self, lowered: str, text: str, models: tuple[str, ...]) -> Reply:
        """The canned reply for one message."""
        follow = ("Which has a larger context window?", "Is Qwen3.5-4B open source?")
        if "markdown" in lowered:
            return Reply(text=MARKDOWN, intent="demo", suggestions=follow)
        if "compare" in lowered and models:
            return Reply(text=TABLE, intent="compare", models=models, suggestions=follow)
        if "context" in lowered and models:
            lines = [f"- **{BY_ID[m][0]}**: {BY_ID[m][1]} tokens" for m in models]
            body = "Context windows:\n\n" + "\n".join(lines)
            return Reply(text=body, intent="context_window", models=models, suggestions=follow)
        if "open source" in lowered and models:
            body = "GPT-4 Vision Preview is Proprietary; Qwen3.5-4B is Apache 2.0."
            return Reply(text=body, intent="license", models=models, suggestions=follow[:1])
        return Reply(text=f"You said: {text}", intent="fallback", suggestions=follow)


def fake_app() -> Litestar:
    """The real server app wired to the fake engine."""
    return create_app(load_settings(), engine=FakeEngine())


def real_app() -> Litestar:
    """The real server app with the real engine, as ``assistant serve`` builds it."""
    return create_app(load_settings())
