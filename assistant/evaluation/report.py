"""Summaries of an evaluation run: pass rates, per-intent precision/recall, confusions, failures.

The text report ends with the line ``eval: P/T passed (X.X%)``, always the last one printed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import msgspec

from assistant.evaluation.run import TurnResult

EXCERPT = 240


class Rate(msgspec.Struct, frozen=True, kw_only=True):
    """Passed out of total."""

    passed: int
    total: int

    @property
    def percent(self) -> float:
        """Pass rate in percent (0 when there is nothing to count)."""
        return 100.0 * self.passed / self.total if self.total else 0.0


class IntentScore(msgspec.Struct, frozen=True, kw_only=True):
    """Precision and recall of one expected intent over the turns that name an intent."""

    intent: str
    expected: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        """Share of predictions of this intent that were expected."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of expected turns that got this intent."""
        return self.correct / self.expected if self.expected else 0.0


class Summary(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the report prints, as data (also the ``--json`` output)."""

    overall: Rate
    cases: Rate
    categories: dict[str, Rate]
    intents: tuple[IntentScore, ...]
    confusions: tuple[tuple[str, str, int], ...]  # expected, got, count
    fallback_handled: Rate  # fallback-expected turns that passed
    invented: tuple[tuple[str, int, tuple[str, ...]], ...]  # case id, turn, figures


def _rate(results: Sequence[TurnResult]) -> Rate:
    """Pass rate of some turns."""
    return Rate(passed=sum(r.verdict.passed for r in results), total=len(results))


def _categories(results: Sequence[TurnResult]) -> dict[str, Rate]:
    """Pass rate per case category."""
    names = sorted({r.category for r in results})
    return {name: _rate([r for r in results if r.category == name]) for name in names}


def _case_rate(results: Sequence[TurnResult]) -> Rate:
    """Conversations whose every turn passed."""
    failed = {r.case_id for r in results if not r.verdict.passed}
    ids = {r.case_id for r in results}
    return Rate(passed=len(ids - failed), total=len(ids))


def _labelled(results: Sequence[TurnResult]) -> list[tuple[str, str]]:
    """(expected, got) for every turn that names its intent; a right alternative counts as hit."""
    pairs = []
    for r in results:
        expected = r.turn.expected_intents()
        if expected:
            hit = r.reply.intent in expected
            pairs.append((r.reply.intent if hit else expected[0], r.reply.intent))
    return pairs


def _intent_scores(pairs: list[tuple[str, str]]) -> tuple[IntentScore, ...]:
    """Precision/recall per expected intent."""
    expected = Counter(e for e, _ in pairs)
    predicted = Counter(g for _, g in pairs)
    correct = Counter(e for e, g in pairs if e == g)
    return tuple(
        IntentScore(
            intent=name, expected=expected[name], predicted=predicted[name], correct=correct[name]
        )
        for name in sorted(expected)
    )


def _confusions(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str, int], ...]:
    """Expected -> got pairs that differ, most frequent first."""
    counts = Counter((e, g) for e, g in pairs if e != g)
    return tuple((e, g, n) for (e, g), n in counts.most_common())


def summarise(results: Sequence[TurnResult]) -> Summary:
    """Tally a run."""
    pairs = _labelled(results)
    fallbacks = [r for r in results if r.turn.intent_fallback]
    return Summary(
        overall=_rate(results),
        cases=_case_rate(results),
        categories=_categories(results),
        intents=_intent_scores(pairs),
        confusions=_confusions(pairs),
        fallback_handled=_rate(fallbacks),
        invented=tuple(
            (r.case_id, r.number, r.verdict.invented) for r in fallbacks if r.verdict.invented
        ),
    )


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """One line of at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def failure_lines(results: Sequence[TurnResult], limit: int = EXCERPT) -> list[str]:
    """The failed turns: case id, turn, question, reasons, reply excerpt."""
    lines = []
    for r in results:
        if r.verdict.passed:
            continue
        lines.append(f"- {r.case_id} turn {r.number} [{r.category}, {r.catalog}]: {r.turn.text}")
        lines.extend(f"    why: {reason}" for reason in r.verdict.reasons)
        lines.append(f"    got: ({r.reply.intent}) {excerpt(r.reply.text, limit)}")
    return lines


def _intent_lines(summary: Summary) -> list[str]:
    """The per-intent table and the confusion list."""
    lines = [f"{'intent':<16} {'expected':>8} {'got':>5} {'precision':>9} {'recall':>7}"]
    for s in summary.intents:
        lines.append(
            f"{s.intent:<16} {s.expected:>8} {s.predicted:>5} {s.precision:>9.2f} {s.recall:>7.2f}"
        )
    lines.append("confusions (expected -> got):" if summary.confusions else "confusions: none")
    lines.extend(f"  {e} -> {g}: {n}" for e, g, n in summary.confusions)
    return lines


def _category_lines(summary: Summary) -> list[str]:
    """The per-category pass rates."""
    lines = [f"{'category':<16} {'passed':>7} {'turns':>6} {'rate':>7}"]
    for name, rate in summary.categories.items():
        lines.append(f"{name:<16} {rate.passed:>7} {rate.total:>6} {rate.percent:>6.1f}%")
    return lines


def _tail_lines(summary: Summary) -> list[str]:
    """Fallback handling, invented numbers, conversations and the final eval line."""
    fb, inv = summary.fallback_handled, summary.invented
    lines = [f"off-topic handled: {fb.passed}/{fb.total} ({fb.percent:.1f}%)"]
    lines.append(f"invented numbers: {sum(len(f) for _, _, f in inv)} in {len(inv)} turn(s)")
    lines.extend(f"  {cid} turn {n}: {', '.join(figs)}" for cid, n, figs in inv)
    c, o = summary.cases, summary.overall
    lines.append(f"conversations: {c.passed}/{c.total} passed ({c.percent:.1f}%)")
    lines.append(f"eval: {o.passed}/{o.total} passed ({o.percent:.1f}%)")
    return lines


def text_report(summary: Summary, failures: list[str], shown: int | None = None) -> str:
    """The human report; ``shown`` caps how many failure lines are printed."""
    head = failures if shown is None else failures[:shown]
    lines = ["failures:" if failures else "failures: none", *head]
    if len(head) < len(failures):
        lines.append(f"  ... {len(failures) - len(head)} more line(s) in the failures file")
    lines += ["", *_intent_lines(summary), "", *_category_lines(summary), ""]
    return "\n".join([*lines, *_tail_lines(summary)])


def eval_line(summary: Summary) -> str:
    """The last line of every run."""
    o = summary.overall
    return f"eval: {o.passed}/{o.total} passed ({o.percent:.1f}%)"
