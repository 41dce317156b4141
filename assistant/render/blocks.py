"""Block Kit rendering of a Reply for Slack: pure functions, no I/O.

Markdown text becomes ``section`` blocks in Slack mrkdwn, tables become section ``fields``
(or an aligned code block when wider than three columns), suggestions become buttons.
Every Slack limit below is respected by construction; the top-level ``text`` (what
notifications and screen readers show) is a one-paragraph plain summary of the answer.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import msgspec

from assistant.render.inline import InlineStyle, convert_inline, strip_inline
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

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_BUTTONS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK_TEXT = 3000
SUMMARY_CHARS = 400  # the fallback is a notification's preview, not the answer
SUMMARY_MIN_CHARS = 160  # a shorter opening paragraph takes the next one along
MAX_FIELD_COLUMNS = 3
SUGGESTION_ACTION = "suggestion"

JsonObject = dict[str, Any]


class SlackMessage(msgspec.Struct, frozen=True):
    """A message body for ``chat.postMessage`` or a command response: fallback text + blocks."""

    text: str
    blocks: tuple[JsonObject, ...]


def escape(text: str) -> str:
    """Escape the three characters Slack reserves in mrkdwn."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(label: str, url: str) -> str:
    safe = url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    return f"<{safe}|{label}>" if label else f"<{safe}>"


MRKDWN = InlineStyle(
    plain=escape,
    code=lambda text: f"`{escape(text)}`",
    link=_link,
    bold=lambda text: f"*{text}*",
    italic=lambda text: f"_{text}_",
    strike=lambda text: f"~{text}~",
)


def to_mrkdwn(text: str) -> str:
    """Markdown inline markup -> Slack mrkdwn (``**b**`` -> ``*b*``, links -> ``<url|text>``)."""
    return convert_inline(text, MRKDWN)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, marked with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section(text: str) -> JsonObject:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _text_piece(block: Paragraph | Heading | Bullets) -> str:
    match block:
        case Paragraph(lines=lines):
            return "\n".join(to_mrkdwn(line) for line in lines)
        case Heading(text=text):
            return f"*{convert_inline(text, _NO_BOLD)}*"
        case Bullets(items=items):
            pairs = zip(item_marks(block), items, strict=True)
            return "\n".join(f"{mark} {to_mrkdwn(item)}" for mark, item in pairs)


# Headings are bold as a whole: bold inside them would toggle it off in mrkdwn.
_NO_BOLD = dataclasses.replace(MRKDWN, bold=lambda text: text)


def _split_long(text: str, limit: int) -> list[str]:
    """Chunks of at most ``limit`` characters, cut at line ends where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            candidate = line
        current = candidate
    if current.strip():
        chunks.append(current)
    return [chunk for chunk in chunks if chunk.strip()]


def _text_sections(pieces: list[str]) -> list[JsonObject]:
    return [_section(chunk) for chunk in _split_long("\n\n".join(pieces), MAX_SECTION_TEXT)]


def _cell(text: str) -> str:
    return to_mrkdwn(text) if text.strip() else "–"


def _row_fields(header: tuple[str, ...], row: tuple[str, ...]) -> list[str]:
    if len(row) == 1:
        return [_cell(row[0])]
    if len(row) == 2:
        return [f"*{strip_inline(row[0]) or '–'}*", _cell(row[1])]
    lines = []
    for name, value in zip(header[1:], row[1:], strict=True):
        label = f"*{escape(strip_inline(name))}:* " if name.strip() else ""
        lines.append(f"{label}{_cell(value)}")
    return [f"*{escape(strip_inline(row[0])) or '–'}*", "\n".join(lines)]


def _table_fields(table: Table) -> list[JsonObject]:
    fields: list[str] = []
    if len(table.header) <= 2 and any(cell.strip() for cell in table.header):
        fields.extend(f"*{escape(strip_inline(cell)) or '–'}*" for cell in table.header)
    for row in table.rows:
        fields.extend(_row_fields(table.header, row))
    texts = [{"type": "mrkdwn", "text": truncate(field, MAX_FIELD_TEXT)} for field in fields]
    return [
        {"type": "section", "fields": texts[start : start + MAX_FIELDS]}
        for start in range(0, len(texts), MAX_FIELDS)
    ]


def _code_sections(text: str) -> list[JsonObject]:
    limit = MAX_SECTION_TEXT - len("```\n\n```")
    return [_section(f"```\n{chunk}\n```") for chunk in _split_long(escape(text), limit)]


def _table_blocks(table: Table) -> list[JsonObject]:
    if len(table.header) <= MAX_FIELD_COLUMNS:
        return _table_fields(table)
    return _code_sections("\n".join(align_table(map_cells(table, strip_inline))))


def content_blocks(markdown: tuple[Block, ...]) -> list[JsonObject]:
    """Section blocks for parsed markdown, consecutive text merged into few sections."""
    blocks: list[JsonObject] = []
    pieces: list[str] = []
    for block in markdown:
        if isinstance(block, Paragraph | Heading | Bullets):
            pieces.append(_text_piece(block))
            continue
        blocks.extend(_text_sections(pieces))
        pieces = []
        if isinstance(block, Table):
            blocks.extend(_table_blocks(block))
        elif isinstance(block, Code):
            blocks.extend(_code_sections(block.text))
    blocks.extend(_text_sections(pieces))
    return blocks


def suggestion_buttons(suggestions: tuple[str, ...], block_id: str | None) -> JsonObject:
    """An ``actions`` block with one button per suggestion (value = the question to ask)."""
    elements = [
        {
            "type": "button",
            "action_id": f"{SUGGESTION_ACTION}-{index}",
            "text": {"type": "plain_text", "text": truncate(text, MAX_BUTTON_TEXT), "emoji": True},
            "value": truncate(text, MAX_BUTTON_VALUE),
        }
        for index, text in enumerate(s for s in suggestions if s.strip())
    ]
    block: JsonObject = {"type": "actions", "elements": elements[:MAX_BUTTONS]}
    if block_id:
        block["block_id"] = block_id[:255]
    return block


def _fit(blocks: list[JsonObject], room: int) -> list[JsonObject]:
    if len(blocks) <= room:
        return blocks
    return [*blocks[: room - 1], _section("_…the answer is longer than Slack shows._")]


def _plain_piece(block: Block) -> str:
    match block:
        case Paragraph(lines=lines):
            return " ".join(strip_inline(line) for line in lines)
        case Bullets(items=items):
            return "; ".join(strip_inline(item) for item in items)
        case Heading(text=text):
            return strip_inline(text)
        case Table(rows=rows):
            return "; ".join(", ".join(strip_inline(c) for c in row if c.strip()) for row in rows)
        case Code(text=text):
            return text
    return ""


def _shorten(text: str, limit: int) -> str:
    """``text`` within ``limit``: cut after the last full sentence that fits, else a word."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    sentence = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    if sentence >= limit // 3:
        return head[: sentence + 1]
    return head.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def fallback_text(text: str) -> str:
    """The top-level ``text`` (notifications, screen readers): a one-paragraph plain summary.

    The answer's opening prose up to its first heading, table or code block (lists joined
    with ``;``; the other blocks only when there is no prose), without markup marks or
    line breaks, up to ``SUMMARY_CHARS`` (escapes may add a little).
    """
    blocks = parse_markdown(text)
    if not any(isinstance(b, Paragraph | Bullets) for b in blocks):
        return _summary([_plain_piece(b) for b in blocks])
    pieces: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph | Bullets):
            pieces.append(_plain_piece(block))
        elif pieces:  # the opening prose ends at the first heading, table or code block
            break
        if sum(len(p) for p in pieces) >= SUMMARY_MIN_CHARS:
            break
    return _summary(pieces)


def _summary(pieces: list[str]) -> str:
    """The pieces as one escaped line within the summary's length."""
    joined = " ".join(" ".join(piece.split()) for piece in pieces if piece.strip())
    summary = _shorten(joined, SUMMARY_CHARS) or "(no answer)"
    return truncate(escape(summary), MAX_FALLBACK_TEXT)


def context_block(mrkdwn: str) -> JsonObject:
    """A small grey ``context`` line (already mrkdwn)."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(mrkdwn, 3000)}]}


def reply_message(
    reply: Reply, *, actions_block_id: str | None = None, context: str | None = None
) -> SlackMessage:
    """Render a Reply as a Slack message.

    ``actions_block_id`` tags the suggestion buttons (the Slack layer puts the conversation
    there); ``context`` (mrkdwn) is shown above the answer, e.g. who clicked which button.
    """
    has_buttons = any(s.strip() for s in reply.suggestions)
    head = [context_block(context)] if context else []
    blocks = content_blocks(parse_markdown(reply.text)) or [_section(fallback_text(reply.text))]
    blocks = head + _fit(blocks, MAX_BLOCKS - len(head) - (1 if has_buttons else 0))
    if has_buttons:
        blocks.append(suggestion_buttons(reply.suggestions, actions_block_id))
    return SlackMessage(text=fallback_text(reply.text), blocks=tuple(blocks))
