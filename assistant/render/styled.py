"""Styled terminal output through ``rich``: Markdown headings, bold, wrapped text, fitted tables.

Used when the output is a terminal and ``NO_COLOR`` is not set (``wants_style``); anything
else (a pipe, a file, ``NO_COLOR``) gets the plain layout of ``render.terminal``. Rich wraps
at word boundaries and shrinks table columns to the console's width, so no word is split
and no table overflows the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.markdown import Markdown
from rich.text import Text

from assistant.render.markdown import normalize_markdown
from assistant.render.terminal import SUGGESTIONS_HEAD
from assistant.reply import Reply


def wants_style(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """True when ``stream`` is a terminal and ``NO_COLOR`` is not set (https://no-color.org)."""
    env = os.environ if environ is None else environ
    return stream.isatty() and "NO_COLOR" not in env


def styled_console(stream: TextIO, *, width: int | None = None) -> Console:
    """A rich console writing styled text to ``stream`` (width: the terminal's, or ``width``)."""
    return Console(
        file=stream,
        width=width,
        force_terminal=True,
        highlight=False,
        emoji=False,
        markup=False,
    )


def styled_suggestions(suggestions: tuple[str, ...]) -> Text:
    """Numbered follow-ups under a dimmed head; typing a number asks that one."""
    text = Text()
    text.append(SUGGESTIONS_HEAD, style="dim")
    for number, suggestion in enumerate(suggestions, start=1):
        text.append(f"\n  [{number}] ", style="bold")
        text.append(suggestion)
    return text


def styled_markdown(text: str) -> Markdown:
    """Markdown text as a rich renderable (links show their URL: any terminal can show it)."""
    return Markdown(normalize_markdown(text), hyperlinks=False)


def styled_reply(reply: Reply) -> RenderableType:
    """A whole Reply as one rich renderable: the Markdown answer, then its suggestions."""
    parts: list[RenderableType] = [styled_markdown(reply.text)]
    if reply.suggestions:
        parts.extend([Text(""), styled_suggestions(reply.suggestions)])
    return Group(*parts)


def print_styled(console: Console, reply: Reply) -> None:
    """Print a Reply on ``console`` followed by a blank line."""
    console.print(styled_reply(reply))
    console.print()
