"""Running labelled conversations through an engine, in process, one fresh memory per case."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

import msgspec

from assistant.engine import Memory
from assistant.evaluation.cases import Case, Turn
from assistant.evaluation.score import Verdict, judge, judge_error
from assistant.reply import Reply


class Responder(Protocol):
    """Anything that answers a message of a conversation (the Engine, or a fake in tests)."""

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        """Answer one message; return the reply and the updated memory."""
        ...


class TurnResult(msgspec.Struct, frozen=True, kw_only=True):
    """One judged turn: the question, the expectations, the reply and the verdict."""

    case_id: str
    category: str
    catalog: str
    number: int  # 1-based position in the conversation
    turn: Turn
    reply: Reply
    verdict: Verdict


def _ask(engine: Responder, memory: Memory, turn: Turn) -> tuple[Reply, Memory, Verdict]:
    """One turn; an exception from the engine is a failed turn, not a crashed run."""
    try:
        reply, memory = engine.respond(memory, turn.text)
    except Exception as exc:  # the run reports engine bugs as failed turns
        error = f"engine raised {type(exc).__name__}: {exc}"
        return Reply(text="", intent="error"), memory, judge_error(turn, error)
    return reply, memory, judge(turn, reply)


def run_case(engine: Responder, case: Case) -> list[TurnResult]:
    """Run one conversation on a fresh memory and judge every turn."""
    memory = Memory()
    results = []
    for number, turn in enumerate(case.turns, 1):
        reply, memory, verdict = _ask(engine, memory, turn)
        results.append(
            TurnResult(
                case_id=case.id,
                category=case.category,
                catalog=case.catalog,
                number=number,
                turn=turn,
                reply=reply,
                verdict=verdict,
            )
        )
    return results


def run_cases(
    cases: Iterable[Case], engine_for: Callable[[str], Responder] | Mapping[str, Responder]
) -> list[TurnResult]:
    """Run every case on the engine of its catalog kind ("seed" or "full")."""
    pick = engine_for.__getitem__ if isinstance(engine_for, Mapping) else engine_for
    results: list[TurnResult] = []
    for case in cases:
        results.extend(run_case(pick(case.catalog), case))
    return results
