"""Column alignment of a markdown table for fixed-width output (terminal, code blocks)."""

from __future__ import annotations

import unicodedata

from assistant.render.markdown import Table

_NUMERIC_CHARS = set("0123456789.,$%€£+-–KMBTkx/ ")


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (wide East Asian characters count two)."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - display_width(text))
    return space + text if right else text + space


def _is_numeric(column: list[str]) -> bool:
    values = [cell for cell in column if cell.strip() and cell.strip() != "-"]
    return bool(values) and all(
        any(ch.isdigit() for ch in cell) and set(cell) <= _NUMERIC_CHARS for cell in values
    )


def align_table(table: Table, *, gap: str = "  ") -> list[str]:
    """Header, a rule and the rows, padded so that columns line up (numbers right-aligned)."""
    rows = [table.header, *table.rows]
    columns = list(zip(*rows, strict=True))
    widths = [max(display_width(cell) for cell in column) for column in columns]
    numeric = [_is_numeric(list(column[1:])) for column in columns]
    lines = [
        gap.join(
            _pad(cell, width, right)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ).rstrip()
        for row in rows
    ]
    rule = gap.join("-" * width for width in widths)
    return [lines[0], rule, *lines[1:]]
