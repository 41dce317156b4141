"""Inline markdown (bold, italic, strike, code, links) rewritten for one target by a style."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_INLINE = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<url>[^)\s]+)\)"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|__(?P<bold2>.+?)__"
    r"|(?<![\w*])\*(?=\S)(?P<italic>[^*\n]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])_(?=\S)(?P<italic2>[^_\n]+?)(?<=\S)_(?![\w_])"
    r"|~~(?P<strike>.+?)~~"
)


@dataclass(frozen=True, slots=True)
class InlineStyle:
    """How one target writes each inline element; every callable gets already-styled text."""

    plain: Callable[[str], str]
    code: Callable[[str], str]
    link: Callable[[str, str], str]
    bold: Callable[[str], str]
    italic: Callable[[str], str]
    strike: Callable[[str], str]


def convert_inline(text: str, style: InlineStyle) -> str:
    """Rewrite the inline markup of ``text`` with ``style``; unmatched text goes through plain."""
    out: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        out.append(style.plain(text[position : match.start()]))
        out.append(_convert_match(match, style))
        position = match.end()
    out.append(style.plain(text[position:]))
    return "".join(out)


def _convert_match(match: re.Match[str], style: InlineStyle) -> str:
    groups = match.groupdict()
    if groups["code"] is not None:
        return style.code(groups["code"][1:-1])
    if groups["url"] is not None:
        return style.link(convert_inline(groups["label"], style), groups["url"])
    bold = groups["bold"] if groups["bold"] is not None else groups["bold2"]
    if bold is not None:
        return style.bold(convert_inline(bold, style))
    italic = groups["italic"] if groups["italic"] is not None else groups["italic2"]
    if italic is not None:
        return style.italic(convert_inline(italic, style))
    return style.strike(convert_inline(groups["strike"], style))


def strip_inline(text: str) -> str:
    """The text with inline markup removed (links keep their label)."""
    return convert_inline(text, PLAIN)


def _same(text: str) -> str:
    return text


PLAIN = InlineStyle(
    plain=_same,
    code=_same,
    link=lambda label, url: label,
    bold=_same,
    italic=_same,
    strike=_same,
)
