"""``assistant review``: the questions the assistant failed, from the conversation log.

Lists unanswered (fallback) and partly answered (parts it could not apply) questions,
grouped by reason and then by question (case and spacing folded), most frequent first.
``--export cases.jsonl`` writes each distinct question as a case in the ``assistant eval``
format, with a note saying why it is there, for the owner to label (``expect_*``,
``intent``) and add to the tests. The log is found like the server finds it: from
``ASSISTANT_STORE``, ``ASSISTANT_DATA_DIR`` and ``ASSISTANT_LOG``.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import Counter, defaultdict
from pathlib import Path

import click
import msgspec

from assistant.evaluation.cases import Case, Turn, check_case
from assistant.server.store.turnlog import DAY, TurnEntry

FALLBACK = "fallback: no answer"


class Finding(msgspec.Struct, frozen=True):
    """One distinct question with one reason, and how often it was asked."""

    reason: str
    text: str
    count: int
    intents: tuple[str, ...]


def reasons(entry: TurnEntry) -> tuple[str, ...]:
    """Why an entry needs review (empty when it was fully answered)."""
    found = [FALLBACK] if entry.fallback else []
    found += [f"not applied: {part}" for part in entry.unapplied]
    return tuple(found)


def fold(text: str) -> str:
    """A question compared case- and spacing-insensitively."""
    return " ".join(text.casefold().split())


def findings(entries: list[TurnEntry]) -> dict[str, list[Finding]]:
    """Reason -> its questions, most frequent first; reasons by total frequency."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    shown: dict[str, str] = {}
    intents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in entries:
        key = fold(entry.text)
        shown.setdefault(key, " ".join(entry.text.split()))
        for reason in reasons(entry):
            counts[reason][key] += 1
            intents[reason, key].add(entry.intent)
    grouped = {
        reason: [
            Finding(reason, shown[key], n, tuple(sorted(intents[reason, key])))
            for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        for reason, counter in counts.items()
    }
    order = sorted(grouped, key=lambda r: (-sum(f.count for f in grouped[r]), r))
    return {reason: grouped[reason] for reason in order}


def as_case(finding: Finding) -> Case:
    """A finding as an unlabelled eval case (one turn)."""
    digest = hashlib.sha1(f"{finding.reason}\n{fold(finding.text)}".encode()).hexdigest()[:10]
    kind = "fallback" if finding.reason == FALLBACK else "unapplied"
    note = (
        f"from assistant review: {finding.reason}; asked {finding.count}x; "
        f"answered as {', '.join(finding.intents)}; label expect_* and intent before use"
    )
    case = Case(
        id=f"review-{digest}",
        catalog="full",
        category=f"review-{kind}",
        turns=(Turn(text=finding.text, note=note),),
    )
    check_case(case, "assistant review")
    return case


def report(grouped: dict[str, list[Finding]], total: int, limit: int) -> list[str]:
    """The review as lines of text."""
    flagged = sum(f.count for items in grouped.values() for f in items)
    lines = [f"{flagged} flagged of {total} logged turns, by reason:"]
    for reason, items in grouped.items():
        turns = sum(f.count for f in items)
        lines.append(f"\n{reason} — {turns} turns, {len(items)} distinct questions")
        lines += [f"  {f.count:>5}x  {f.text}" for f in items[:limit]]
        if len(items) > limit:
            lines.append(f"         ... and {len(items) - limit} more")
    return lines


async def _read(days: float) -> list[TurnEntry]:
    """The log's entries of the last ``days`` days."""
    from assistant.server.store.backends import open_backend
    from assistant.server.store.turnlog import open_log
    from assistant.settings import load_settings

    settings = load_settings()
    backend = open_backend(settings)
    turn_log = open_log(settings, backend)
    try:
        return await turn_log.entries(time.time() - days * DAY)
    finally:
        await turn_log.close()
        await backend.close()


@click.command()
@click.option("--days", type=float, default=30.0, show_default=True, help="How far back.")
@click.option("--limit", type=int, default=20, show_default=True, help="Questions per reason.")
@click.option(
    "--export",
    "export",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the flagged questions as eval cases (JSONL).",
)
def review(days: float, limit: int, export: Path | None) -> None:
    """List unanswered and partly answered questions from the conversation log."""
    try:
        entries = asyncio.run(_read(days))
    except Exception as exc:
        raise click.ClickException(f"cannot read the conversation log: {exc}") from exc
    grouped = findings(entries)
    click.echo("\n".join(report(grouped, len(entries), limit)))
    if export is not None:
        cases = [as_case(f) for items in grouped.values() for f in items]
        lines = [msgspec.json.encode(c).decode() for c in cases]
        export.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        click.echo(f"\nwrote {len(cases)} cases to {export}")
