"""Judging one reply against one labelled turn: facts, not wording.

The reply text is normalised first (curly quotes, odd spaces and hyphens, Markdown ``**``,
``__`` and backticks), then every expectation of the turn is checked; the verdict lists the
reasons it failed (none = passed) and any figure a fallback-expected reply invented.
"""

from __future__ import annotations

import re

import msgspec

from assistant.evaluation.cases import Turn
from assistant.evaluation.figures import find_count, find_money, unit_figures
from assistant.reply import Reply

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2212": "-",
    }
)
_MARKUP_RE = re.compile(r"\*\*|__|`")


class Verdict(msgspec.Struct, frozen=True, kw_only=True):
    """The judgement of one turn: why it failed (empty = passed), figures a fallback invented."""

    reasons: tuple[str, ...] = ()
    invented: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """True when no expectation failed."""
        return not self.reasons


def normalise(text: str) -> str:
    """The text the expectations are matched against."""
    return _MARKUP_RE.sub("", text.translate(_TRANSLATE))


def _search(pattern: str, text: str) -> re.Match[str] | None:
    """Case-insensitive search."""
    return re.search(pattern, text, re.IGNORECASE)


def _regex_reasons(turn: Turn, text: str, intent: str) -> list[str]:
    """Failures of expect_all / expect_any / expect_none (with the fallback escape hatch)."""
    reasons = [f"missing /{p}/" for p in turn.expect_all if not _search(p, text)]
    any_ok = not turn.expect_any or any(_search(p, text) for p in turn.expect_any)
    if turn.intent_fallback:
        if intent != "fallback" and not any_ok:
            reasons.append(f"not a fallback (intent {intent!r}) and no honest 'cannot help' text")
    elif not any_ok:
        reasons.append("none of " + " | ".join(f"/{p}/" for p in turn.expect_any))
    for pattern in turn.expect_none:
        found = _search(pattern, text)
        if found:
            reasons.append(f"forbidden /{pattern}/ matched {found.group(0)!r}")
    return reasons


def _plain(value: float) -> str:
    """A figure as written in a case: 1050000, 0.018."""
    return str(int(value)) if value == int(value) else repr(value)


def _figure_reasons(turn: Turn, text: str) -> list[str]:
    """Failures of the expected token counts and dollar amounts."""
    reasons = [f"number {_plain(n)} not found" for n in turn.numbers if find_count(text, n) is None]
    reasons += [f"money ${_plain(m)} not found" for m in turn.money if find_money(text, m) is None]
    return reasons


def _intent_reasons(turn: Turn, intent: str) -> list[str]:
    """Failures of the expected intent."""
    reasons = []
    if turn.intent_fallback is False and intent == "fallback":
        reasons.append("fallback on an answerable question")
    expected = turn.expected_intents()
    if turn.intent is not None and intent not in expected:
        reasons.append(f"intent {intent!r}, expected {' or '.join(expected)}")
    return reasons


def judge(turn: Turn, reply: Reply) -> Verdict:
    """Judge one reply against one turn's expectations."""
    text = normalise(reply.text)
    reasons = [
        *_regex_reasons(turn, text, reply.intent),
        *_figure_reasons(turn, text),
        *_intent_reasons(turn, reply.intent),
    ]
    invented = unit_figures(text) if turn.intent_fallback else ()
    return Verdict(reasons=tuple(reasons), invented=invented)


def judge_error(turn: Turn, error: str) -> Verdict:
    """Judge a turn whose reply was an error (passes only when the case accepts errors)."""
    return Verdict() if turn.accept_error else Verdict(reasons=(f"error: {error}",))
