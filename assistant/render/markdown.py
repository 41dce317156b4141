"""A small markdown reader: splits a Reply's text into paragraphs, headings, lists, tables, code.

Only the subset the answers write is understood; anything else is kept as a paragraph,
so no text is ever lost. Inline markup (bold, links, code) is left for each renderer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import msgspec


class Paragraph(msgspec.Struct, frozen=True):
    """Consecutive plain lines."""

    lines: tuple[str, ...]


class Heading(msgspec.Struct, frozen=True):
    """A ``#`` heading line."""

    level: int
    text: str


class Bullets(msgspec.Struct, frozen=True):
    """A list; ``ordered`` for ``1.`` style items."""

    items: tuple[str, ...]
    ordered: bool = False


class Table(msgspec.Struct, frozen=True):
    """A pipe table: header cells and rows of cells (rows padded to the header width)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class Code(msgspec.Struct, frozen=True):
    """A fenced code block, kept verbatim."""

    text: str


Block = Paragraph | Heading | Bullets | Table | Code

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def item_marks(block: Bullets) -> list[str]:
    """The mark written before each item of a list: ``1.``, ``2.``, ... or a bullet."""
    return [f"{n}." if block.ordered else "•" for n in range(1, len(block.items) + 1)]


def map_cells(table: Table, convert: Callable[[str], str]) -> Table:
    """The same table with ``convert`` applied to every header and body cell."""
    return Table(
        header=tuple(convert(cell) for cell in table.header),
        rows=tuple(tuple(convert(cell) for cell in row) for row in table.rows),
    )


def split_cells(line: str) -> tuple[str, ...]:
    """The cells of one pipe-table row, stripped."""
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return tuple(cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner))


def _is_table_start(lines: list[str], index: int) -> bool:
    return (
        "|" in lines[index]
        and index + 1 < len(lines)
        and _RULE.match(lines[index + 1]) is not None
        and "-" in lines[index + 1]
    )


def _read_table(lines: list[str], index: int) -> tuple[Table, int]:
    header = split_cells(lines[index])
    index += 2
    rows: list[tuple[str, ...]] = []
    while index < len(lines) and "|" in lines[index] and lines[index].strip():
        rows.append(split_cells(lines[index]))
        index += 1
    width = max([len(header), *(len(row) for row in rows)])
    header = header + ("",) * (width - len(header))
    padded = tuple(row + ("",) * (width - len(row)) for row in rows)
    return Table(header=header, rows=padded), index


def _read_code(lines: list[str], index: int) -> tuple[Code, int]:
    body: list[str] = []
    index += 1
    while index < len(lines) and not lines[index].strip().startswith("```"):
        body.append(lines[index])
        index += 1
    return Code(text="\n".join(body)), index + 1


def _read_list(lines: list[str], index: int) -> tuple[Bullets, int]:
    ordered = _BULLET.match(lines[index]) is None
    pattern = _NUMBERED if ordered else _BULLET
    items: list[str] = []
    while index < len(lines):
        match = pattern.match(lines[index])
        if match is None:
            break
        items.append(match.group(1).strip())
        index += 1
    return Bullets(items=tuple(items), ordered=ordered), index


def _starts_block(lines: list[str], index: int) -> bool:
    line = lines[index]
    return (
        not line.strip()
        or line.strip().startswith("```")
        or _HEADING.match(line) is not None
        or _BULLET.match(line) is not None
        or _NUMBERED.match(line) is not None
        or _is_table_start(lines, index)
    )


def _read_one(lines: list[str], index: int) -> tuple[Block, int]:
    line = lines[index]
    if line.strip().startswith("```"):
        return _read_code(lines, index)
    if _is_table_start(lines, index):
        return _read_table(lines, index)
    heading = _HEADING.match(line)
    if heading is not None:
        return Heading(level=len(heading.group(1)), text=heading.group(2)), index + 1
    if _BULLET.match(line) or _NUMBERED.match(line):
        return _read_list(lines, index)
    body = [line.strip()]
    index += 1
    while index < len(lines) and not _starts_block(lines, index):
        body.append(lines[index].strip())
        index += 1
    return Paragraph(lines=tuple(body)), index


def parse_markdown(text: str) -> tuple[Block, ...]:
    """Split markdown text into a flat sequence of blocks."""
    lines = text.replace("\r\n", "\n").split("\n")
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        block, index = _read_one(lines, index)
        blocks.append(block)
    return tuple(blocks)


def _block_source(block: Block) -> str:
    match block:
        case Paragraph(lines=lines):
            return "  \n".join(lines)  # two trailing spaces: a hard line break
        case Heading(level=level, text=text):
            return f"{'#' * level} {text}"
        case Bullets(items=items):
            pairs = zip(item_marks(block), items, strict=True)
            return "\n".join(f"{'-' if mark == '•' else mark} {item}" for mark, item in pairs)
        case Table(header=header, rows=rows):
            table_rows = [header, tuple("---" for _ in header), *rows]
            return "\n".join(
                "| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |"
                for line in table_rows
            )
        case Code(text=text):
            return f"```\n{text}\n```"


def normalize_markdown(text: str) -> str:
    """The text re-written block by block, as this reader splits it, for CommonMark readers.

    Blocks are separated by blank lines (no lazy list continuation), and each line break
    inside a paragraph is kept as a hard break, as every other channel shows it.
    """
    return "\n\n".join(_block_source(block) for block in parse_markdown(text))
