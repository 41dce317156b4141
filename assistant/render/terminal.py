"""Terminal rendering of a Reply: aligned tables, ANSI bold on a TTY, numbered suggestions."""

from __future__ import annotations

import dataclasses

from assistant.render.inline import PLAIN, InlineStyle, convert_inline
from assistant.render.markdown import (
    Block,
    Bullets,
    Code,
    Heading,
    Paragraph,
    Table,
    item_marks,
    map_cells,
    parse_markdown,
)
from assistant.render.table import align_table
from assistant.reply import Reply

BOLD = "\x1b[1m"
DIM = "\x1b[2m"
ITALIC = "\x1b[3m"
RESET = "\x1b[0m"


def _link(label: str, url: str) -> str:
    return label if label == url else f"{label} ({url})"


ANSI = InlineStyle(
    plain=lambda text: text,
    code=lambda text: text,
    link=_link,
    bold=lambda text: f"{BOLD}{text}{RESET}",
    italic=lambda text: f"{ITALIC}{text}{RESET}",
    strike=lambda text: text,
)
TEXT = dataclasses.replace(PLAIN, link=_link)


def _bold(text: str, color: bool) -> str:
    return f"{BOLD}{text}{RESET}" if color else text


def _table_lines(table: Table, color: bool) -> list[str]:
    lines = align_table(map_cells(table, lambda cell: convert_inline(cell, TEXT)))
    return [_bold(lines[0], color), *lines[1:]] if lines[0].strip() else lines[1:]


def render_block(block: Block, *, color: bool) -> list[str]:
    """The output lines of one markdown block."""
    style = ANSI if color else TEXT
    match block:
        case Paragraph(lines=lines):
            return [convert_inline(line, style) for line in lines]
        case Heading(text=text):
            return [_bold(convert_inline(text, TEXT), color)]
        case Bullets(items=items):
            pairs = zip(item_marks(block), items, strict=True)
            return [f"  {mark} {convert_inline(item, style)}" for mark, item in pairs]
        case Table():
            return _table_lines(block, color)
        case Code(text=text):
            return [f"    {line}" for line in text.split("\n")]
    return []


def render_markdown(text: str, *, color: bool = False) -> str:
    """Markdown text laid out for a terminal, blocks separated by blank lines."""
    return "\n\n".join("\n".join(render_block(b, color=color)) for b in parse_markdown(text))


def render_suggestions(suggestions: tuple[str, ...], *, color: bool = False) -> str:
    """Numbered follow-ups; typing a number asks that one."""
    if not suggestions:
        return ""
    head = "You could ask (type the number):"
    lines = [f"{DIM}{head}{RESET}" if color else head]
    lines.extend(f"  [{n}] {text}" for n, text in enumerate(suggestions, start=1))
    return "\n".join(lines)


def render_reply(reply: Reply, *, color: bool = False) -> str:
    """A whole Reply for the terminal: the answer, then its numbered suggestions."""
    parts = [render_markdown(reply.text, color=color)]
    suggestions = render_suggestions(reply.suggestions, color=color)
    if suggestions:
        parts.append(suggestions)
    return "\n\n".join(part for part in parts if part)
