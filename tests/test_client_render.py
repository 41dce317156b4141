"""Terminal rendering of replies: plain (aligned tables) and styled (rich, fitted to the width)."""

from __future__ import annotations

import io
import re

import pytest

from assistant.client.frames import decode_server_frame, polite_error
from assistant.client.session import pick_suggestion
from assistant.render.markdown import normalize_markdown, parse_markdown
from assistant.render.styled import styled_console, styled_reply, wants_style
from assistant.render.table import display_width
from assistant.render.terminal import render_markdown, render_reply
from assistant.reply import Reply

TABLE = """\
| Pricing attribute | GPT-4o | Qwen3.5-4B |
|---|---|---|
| Input price | $2.50/1M tokens | - |
| Output price | $10/1M tokens | **unknown** |
| Providers | Azure OpenAI, OpenAI | - |
"""


def test_table_columns_line_up() -> None:
    lines = render_markdown(TABLE).split("\n")
    assert lines[0].split() == ["Pricing", "attribute", "GPT-4o", "Qwen3.5-4B"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    starts = [line.index("GPT-4o") if i == 0 else None for i, line in enumerate(lines)]
    column = starts[0]
    assert column is not None
    for line in lines[2:]:
        assert line[column - 2 : column] == "  " and line[column] != " "
    assert lines[3].rstrip().endswith("unknown") and "**" not in lines[3]
    third = lines[0].index("Qwen3.5-4B")
    assert all(line[third - 2 : third] == "  " for line in lines[2:])


def test_plain_text_has_no_marks_and_no_escape_codes() -> None:
    text = "**Qwen3.5-4B** has the larger context window."
    assert render_markdown(text) == "Qwen3.5-4B has the larger context window."
    assert "\x1b" not in render_markdown(TABLE) and "|" not in render_markdown(TABLE)


LONG = (
    "## Pricing and availability\n\n**Claude Sonnet 4.5 is safer overall**; choose GPT-4o when "
    "lower token cost matters, which is a sentence long enough to need wrapping.\n"
    "Sources: models.dev, 2026-07-02.\n\n- first point of several words\nSources: litellm\n\n"
    "| Pricing attribute | GPT-4o | Claude Sonnet 4.5 |\n|---|---|---|\n"
    "| Providers | OpenAI, Azure OpenAI, OpenRouter, NanoGPT, 302.AI +15 more | "
    "Anthropic, Amazon Bedrock, Azure OpenAI, Vertex (Anthropic), OpenRouter +26 more |\n"
)


def styled(reply: Reply, width: int) -> str:
    console = styled_console(io.StringIO(), width=width)
    with console.capture() as captured:
        console.print(styled_reply(reply))
    return captured.get()


@pytest.mark.parametrize("width", [40, 60, 100])
def test_styled_output_fits_the_width_and_shows_no_marks(width: int) -> None:
    out = styled(Reply(text=LONG, intent="compare", suggestions=("Which is cheaper?",)), width)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b[1m" in out  # bold is real bold
    assert "**" not in plain and "|---" not in plain and "## " not in plain
    assert all(display_width(line.rstrip()) <= width for line in plain.split("\n"))
    words = " ".join(plain.split())
    assert "which is a sentence long enough to need wrapping." in words  # no word split
    cells = "OpenAI, Azure OpenAI, OpenRouter, NanoGPT, Anthropic, Amazon Bedrock, (Anthropic),"
    assert set(cells.split()) <= set(words.split())  # table cells wrap between words
    assert "[1] Which is cheaper?" in words


def test_normalized_markdown_keeps_each_block_apart() -> None:
    blocks = parse_markdown(LONG)
    assert parse_markdown(normalize_markdown(LONG)) == blocks
    assert "- first point of several words\n\nSources: litellm" in normalize_markdown(LONG)


@pytest.mark.parametrize(
    ("tty", "environ", "expected"),
    [(True, {}, True), (True, {"NO_COLOR": "1"}, False), (False, {}, False)],
    ids=["terminal", "no-color", "pipe"],
)
def test_style_only_on_a_terminal_without_no_color(
    tty: bool, environ: dict[str, str], expected: bool
) -> None:
    stream = io.StringIO()
    stream.isatty = lambda: tty  # type: ignore[method-assign]
    assert wants_style(stream, environ) is expected


def test_lists_headings_and_links() -> None:
    text = "## Routes\n\n- Azure OpenAI\n- [OpenAI](https://openai.com)\n\n1. first\n2. second"
    assert render_markdown(text).split("\n") == [
        "Routes",
        "",
        "  • Azure OpenAI",
        "  • OpenAI (https://openai.com)",
        "",
        "  1. first",
        "  2. second",
    ]


def test_suggestions_are_numbered_after_the_answer() -> None:
    reply = Reply(
        text="GPT-4o has a 128K context window.",
        intent="context_window",
        suggestions=("Is GPT-4o open source?", "Compare GPT-4o and o3"),
    )
    lines = render_reply(reply).split("\n")
    assert lines[0] == "GPT-4o has a 128K context window."
    assert lines[-2:] == ["  [1] Is GPT-4o open source?", "  [2] Compare GPT-4o and o3"]


@pytest.mark.parametrize(
    ("line", "picked"),
    [("1", "a?"), ("2", "b?"), ("3", None), ("0", None), ("12 models", None), ("x", None)],
)
def test_a_number_picks_a_suggestion(line: str, picked: str | None) -> None:
    assert pick_suggestion(line, ("a?", "b?")) == picked


def test_server_frames_decode_tolerantly_and_errors_read_politely() -> None:
    assert decode_server_frame("not json") is None
    assert decode_server_frame("[1]") is None
    future = decode_server_frame('{"type": "typing", "extra": {"x": 1}}')
    assert future is not None and future.type == "typing"
    error = decode_server_frame('{"type":"error","code":"rate_limited","message":"slow down"}')
    assert error is not None
    assert "wait a moment" in polite_error(error) and "slow down" in polite_error(error)
