"""Block Kit rendering of replies: mrkdwn conversion, tables as fields, buttons, Slack limits."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.render.blocks import (
    MAX_BLOCKS,
    MAX_BUTTON_TEXT,
    MAX_BUTTON_VALUE,
    MAX_BUTTONS,
    MAX_FIELD_TEXT,
    MAX_FIELDS,
    MAX_SECTION_TEXT,
    SUMMARY_CHARS,
    reply_message,
    to_mrkdwn,
)
from assistant.reply import Reply

COMPARISON = """\
## Context window

**Qwen3.5-4B** has the larger context window.

| Model | Context window | Output price |
|---|---|---|
| GPT-4 Vision Preview | 128K | $40/1M tokens |
| Qwen3.5-4B | 262K | - |

Sources: [models.dev](https://models.dev/?a=1&b=2), 2026-01-01.
"""


def assert_within_slack_limits(message: dict[str, Any]) -> None:
    """Every limit of Block Kit that our messages can reach."""
    assert isinstance(message["text"], str) and message["text"].strip()
    blocks = message["blocks"]
    assert 1 <= len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert ("text" in block) != ("fields" in block)
            if "text" in block:
                assert 1 <= len(block["text"]["text"]) <= MAX_SECTION_TEXT
            else:
                assert 1 <= len(block["fields"]) <= MAX_FIELDS
                assert all(1 <= len(f["text"]) <= MAX_FIELD_TEXT for f in block["fields"])
        elif block["type"] == "actions":
            elements = block["elements"]
            assert 1 <= len(elements) <= MAX_BUTTONS
            assert len({e["action_id"] for e in elements}) == len(elements)
            for element in elements:
                assert 1 <= len(element["text"]["text"]) <= MAX_BUTTON_TEXT
                assert len(element["value"]) <= MAX_BUTTON_VALUE
        else:
            assert block["type"] == "context"


def message_of(reply: Reply, **kwargs: Any) -> dict[str, Any]:
    rendered = reply_message(reply, **kwargs)
    return {"text": rendered.text, "blocks": list(rendered.blocks)}


@pytest.mark.parametrize(
    ("markdown", "mrkdwn"),
    [
        ("**bold** text", "*bold* text"),
        ("an *emphasis*", "an _emphasis_"),
        ("[docs](https://x.dev/p?a=1)", "<https://x.dev/p?a=1|docs>"),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("`code **not bold**`", "`code **not bold**`"),
        ("~~gone~~", "~gone~"),
    ],
    ids=["bold", "italic", "link", "escape", "code", "strike"],
)
def test_inline_markdown_becomes_mrkdwn(markdown: str, mrkdwn: str) -> None:
    assert to_mrkdwn(markdown) == mrkdwn


def test_comparison_reply_renders_heading_table_fields_and_buttons() -> None:
    reply = Reply(text=COMPARISON, intent="compare", suggestions=("Which is cheaper?", "Licenses?"))
    message = message_of(reply, actions_block_id="slack:T1:C1:1.2")
    assert_within_slack_limits(message)
    blocks = message["blocks"]
    first = blocks[0]["text"]["text"]
    assert first.startswith("*Context window*") and "*Qwen3.5-4B* has" in first
    fields = [f["text"] for f in blocks[1]["fields"]]
    assert fields[0] == "*GPT-4 Vision Preview*"
    assert "*Context window:* 128K" in fields[1] and "*Output price:* $40/1M tokens" in fields[1]
    assert fields[2] == "*Qwen3.5-4B*" and "262K" in fields[3]
    assert "<https://models.dev/?a=1&b=2|models.dev>" in blocks[2]["text"]["text"]
    actions = blocks[-1]
    assert actions["type"] == "actions" and actions["block_id"] == "slack:T1:C1:1.2"
    assert [e["value"] for e in actions["elements"]] == ["Which is cheaper?", "Licenses?"]
    assert "**" not in message["text"] and "Qwen3.5-4B has the larger" in message["text"]


def test_long_table_is_split_into_sections_of_ten_fields() -> None:
    rows = "\n".join(f"| Field {n} | value {n} |" for n in range(23))
    reply = Reply(text=f"| Attribute | Value |\n|---|---|\n{rows}\n", intent="specs")
    message = message_of(reply)
    assert_within_slack_limits(message)
    fields = [f["text"] for b in message["blocks"] for f in b.get("fields", [])]
    assert fields[:2] == ["*Attribute*", "*Value*"]
    assert len(fields) == 2 + 2 * 23 and "value 22" in fields[-1]


def test_wide_table_becomes_an_aligned_code_block() -> None:
    table = "| A | Bee | C | D |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n| 10 | 20 | 30 | 40 |\n"
    message = message_of(Reply(text=table, intent="x"))
    assert_within_slack_limits(message)
    text = message["blocks"][0]["text"]["text"]
    assert text.split("\n") == [
        "```",
        " A  Bee   C   D",
        "--  ---  --  --",
        " 1    2   3   4",
        "10   20  30  40",
        "```",
    ]


def test_huge_reply_stays_within_every_limit_and_keeps_buttons() -> None:
    paragraphs = "\n\n".join(f"### Part {n}\n" + ("word " * 900) for n in range(80))
    suggestions = tuple(f"suggestion {n} " + "x" * 120 for n in range(40))
    message = message_of(Reply(text=paragraphs, intent="x", suggestions=suggestions))
    assert_within_slack_limits(message)
    assert message["blocks"][-1]["type"] == "actions"
    assert "longer than Slack shows" in message["blocks"][-2]["text"]["text"]


def test_empty_text_still_has_a_section_and_fallback() -> None:
    assert_within_slack_limits(message_of(Reply(text="", intent="fallback")))


markdownish = st.text(alphabet=st.sampled_from(list("ab |-*#_[]()`\n:1<>&~")), max_size=3000)


@given(text=markdownish, suggestions=st.lists(st.text(max_size=3000), max_size=30))
def test_any_text_renders_within_limits(text: str, suggestions: list[str]) -> None:
    reply = Reply(text=text, intent="x", suggestions=tuple(suggestions))
    assert_within_slack_limits(message_of(reply, context="asked"))


MARKS = re.compile(r"\*\*|__|~~|`|^#|\|---|\[[^\]]*\]\(|^\s*[-*+] ", re.MULTILINE)


def test_fallback_text_is_a_one_paragraph_plain_summary() -> None:
    text = message_of(Reply(text=COMPARISON * 20, intent="compare"))["text"]
    assert text == "Qwen3.5-4B has the larger context window."
    reply = Reply(
        text="## Routes\n\n- **Groq**: $0.15\n- [Cerebras](https://c.ai): $0.25\n", intent="x"
    )
    assert message_of(reply)["text"] == "Groq: $0.15; Cerebras: $0.25"


def test_fallback_text_of_a_long_answer_ends_on_a_sentence() -> None:
    sentence = "GPT-4o has **128K** tokens of context, see [models.dev](https://models.dev). "
    text = message_of(Reply(text=sentence * 40 + "\n\n| a | b |\n|---|---|\n", intent="x"))["text"]
    assert len(text) <= SUMMARY_CHARS and text.count("GPT-4o has 128K") >= 3
    assert text.endswith("see models.dev.") and "\n" not in text


TABLE_ANSWER = "| Provider | Input |\n|---|---|\n| Groq | **$0.15** |\n| Cerebras | $0.25 |\n"


def test_fallback_text_of_a_table_only_answer_reads_its_rows() -> None:
    text = message_of(Reply(text=TABLE_ANSWER, intent="x"))["text"]
    assert text == "Groq, $0.15; Cerebras, $0.25"


def test_fallback_text_of_real_answers_has_no_marks() -> None:
    for text in (COMPARISON, TABLE_ANSWER, "### Heading\n\n1. **first**\n2. `second`"):
        fallback = message_of(Reply(text=text, intent="x"))["text"]
        assert fallback.strip() and MARKS.search(fallback) is None, fallback


@given(text=markdownish)
def test_fallback_text_is_always_one_short_line(text: str) -> None:
    fallback = message_of(Reply(text=text, intent="x"))["text"]
    assert fallback.strip() and "\n" not in fallback and len(fallback) <= SUMMARY_CHARS * 2
