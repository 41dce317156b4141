"""``assistant ask`` as a person at a terminal sees it: styled Markdown, never raw marks."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from pty_session import ANSI, run_in_pty

from assistant.render.table import display_width

pytestmark = pytest.mark.e2e

COMPARISON = "gpt-4o vs claude sonnet 4.5"


def ask_argv(question: str) -> list[str]:
    """``python -m assistant ask QUESTION`` on the shipped catalog."""
    return [sys.executable, "-m", "assistant", "ask", question]


def environ(**extra: str) -> dict[str, str]:
    """Our environment without NO_COLOR, plus ``extra``."""
    return {**{k: v for k, v in os.environ.items() if k != "NO_COLOR"}, **extra}


def test_ask_in_a_terminal_prints_styled_text_that_fits() -> None:
    out = run_in_pty(ask_argv(COMPARISON), columns=72, env=environ())
    plain = re.sub(ANSI, "", out)
    assert "GPT-4o" in plain and "Claude Sonnet 4.5" in plain
    assert "**" not in plain and "|---" not in plain and "\n## " not in plain
    assert "\x1b[1m" in out  # bold is the terminal's bold
    assert "─" in plain  # tables are drawn, not piped
    assert max(display_width(line.rstrip()) for line in plain.splitlines()) <= 72


def test_ask_with_no_color_prints_plain_text() -> None:
    out = run_in_pty(ask_argv(COMPARISON), columns=72, env=environ(NO_COLOR="1"))
    assert "\x1b[" not in out
    assert "**" not in out and "|---" not in out


def test_ask_into_a_pipe_prints_plain_text_and_json_is_unchanged() -> None:
    piped = subprocess.run(
        ask_argv(COMPARISON), capture_output=True, text=True, env=environ(), timeout=90
    )
    assert piped.returncode == 0, piped.stderr
    assert "\x1b[" not in piped.stdout and "**" not in piped.stdout
    assert "|---" not in piped.stdout and "GPT-4o vs Claude Sonnet 4.5" in piped.stdout
    raw = subprocess.run(
        [*ask_argv(COMPARISON), "--json"], capture_output=True, text=True, timeout=90
    )
    assert raw.stdout.startswith("{") and "|---|" in raw.stdout  # the reply's own Markdown
