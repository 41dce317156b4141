"""Plain terminal text of a Reply: aligned tables, no markup marks, numbered suggestions.

What ``assistant ask`` and ``assistant chat`` print when the output is not a terminal or
``NO_COLOR`` is set; on a terminal they print through ``render.styled`` (rich) instead.
"""

from __future__ import annotations

import dataclasses

from assistant.render.inline import PLAIN, convert_inline
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

SUGGESTIONS_HEAD = "You could ask (type the number):"


def _link(label: str, url: str) -> str:
    return label if label == url else f"{label} ({url})"


TEXT = dataclasses.replace(PLAIN, link=_link)


def _table_lines(table: Table) -> list[str]:
    lines = align_table(map_cells(table, lambda cell: convert_inline(cell, TEXT)))
    return lines if lines[0].strip() else lines[1:]


def render_block(block: Block) -> list[str]:
    """The output lines of one markdown block."""
    match block:
        case Paragraph(lines=lines):
            return [convert_inline(line, TEXT) for line in lines]
        case Heading(text=text):
            return [convert_inline(text, TEXT)]
        case Bullets(items=items):
            pairs = zip(item_marks(block), items, strict=True)
            return [f"  {mark} {convert_inline(item, TEXT)}" for mark, item in pairs]
        case Table():
            return _table_lines(block)
        case Code(text=text):
            return [f"    {line}" for line in text.split("\n")]
    return []


def render_markdown(text: str) -> str:
    """Markdown text laid out as plain text, blocks separated by blank lines."""
    return "\n\n".join("\n".join(render_block(b)) for b in parse_markdown(text))


def render_suggestions(suggestions: tuple[str, ...]) -> str:
    """Numbered follow-ups; typing a number asks that one."""
    if not suggestions:
        return ""
    lines = [SUGGESTIONS_HEAD]
    lines.extend(f"  [{n}] {text}" for n, text in enumerate(suggestions, start=1))
    return "\n".join(lines)


def render_reply(reply: Reply) -> str:
    """A whole Reply as plain text: the answer, then its numbered suggestions."""
    parts = [render_markdown(reply.text)]
    suggestions = render_suggestions(reply.suggestions)
    if suggestions:
        parts.append(suggestions)
    return "\n\n".join(part for part in parts if part)
