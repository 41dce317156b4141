"""Terminal rendering of replies: aligned tables, ANSI bold only when asked, lists, suggestions."""

from __future__ import annotations

import pytest

from assistant.client.frames import decode_server_frame, polite_error
from assistant.client.session import pick_suggestion
from assistant.render.terminal import BOLD, RESET, render_markdown, render_reply
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


def test_bold_is_ansi_only_with_color() -> None:
    text = "**Qwen3.5-4B** has the larger context window."
    assert render_markdown(text) == "Qwen3.5-4B has the larger context window."
    colored = render_markdown(text, color=True)
    assert colored == f"{BOLD}Qwen3.5-4B{RESET} has the larger context window."
    assert "\x1b" not in render_markdown(TABLE)


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
