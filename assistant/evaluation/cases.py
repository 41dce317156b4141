"""The labelled-case format (JSONL or TOML) and its loader; a malformed case fails loudly.

One case is one conversation: ``id``, ``catalog`` ("seed" or "full"), ``category`` and
``turns``; each turn holds the user's ``text`` and the facts the reply must show (regexes,
token counts, dollar amounts), optionally the expected ``intent`` (a name or a list of
acceptable names) and ``intent_fallback`` for questions the assistant cannot answer.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path

import msgspec

from assistant.answers.query import INTENTS
from assistant.errors import AssistantError

CATALOG_KINDS = ("seed", "full")
# "clarify" is composed by the engine itself when it must ask back.
KNOWN_INTENTS = (*INTENTS, "clarify")


class CaseError(AssistantError):
    """A case file is unreadable or a case in it is malformed."""


class Turn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One user message and what its reply must (and must not) contain."""

    text: str
    expect_all: tuple[str, ...] = ()
    expect_any: tuple[str, ...] = ()
    expect_none: tuple[str, ...] = ()
    numbers: tuple[float, ...] = ()
    money: tuple[float, ...] = ()
    intent_fallback: bool | None = None
    intent: str | tuple[str, ...] | None = None
    accept_error: bool = False
    note: str | None = None  # why the expectation holds (e.g. the route a cost assumes)

    def expected_intents(self) -> tuple[str, ...]:
        """The acceptable intent names (empty when the case does not say)."""
        if self.intent is None:
            return ("fallback",) if self.intent_fallback else ()
        return (self.intent,) if isinstance(self.intent, str) else self.intent


class Case(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One labelled conversation, run on a fresh memory."""

    id: str
    catalog: str
    category: str
    turns: tuple[Turn, ...]
    source: str = ""  # the file it came from, filled by the loader


class _TomlFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A TOML case file: ``[[case]]`` tables (or ``[[cases]]``)."""

    case: tuple[Case, ...] = ()
    cases: tuple[Case, ...] = ()


def _check_regexes(patterns: Iterable[str], where: str) -> None:
    """Raise CaseError when a pattern does not compile."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise CaseError(f"{where}: bad regex {pattern!r}: {exc}") from None


def _check_turn(turn: Turn, where: str) -> None:
    """Raise CaseError on a turn that cannot be judged."""
    if not turn.text.strip():
        raise CaseError(f"{where}: empty text")
    for name in ("expect_all", "expect_any", "expect_none"):
        _check_regexes(getattr(turn, name), f"{where} {name}")
    for intent in turn.expected_intents():
        if intent not in KNOWN_INTENTS:
            raise CaseError(f"{where}: unknown intent {intent!r}")


def check_case(case: Case, where: str) -> None:
    """Raise CaseError when a decoded case breaks a rule the types cannot express."""
    if not case.id.strip():
        raise CaseError(f"{where}: empty id")
    if case.catalog not in CATALOG_KINDS:
        raise CaseError(f"{where} ({case.id}): catalog must be one of {CATALOG_KINDS}")
    if not case.turns:
        raise CaseError(f"{where} ({case.id}): turns must not be empty")
    for number, turn in enumerate(case.turns, 1):
        _check_turn(turn, f"{where} ({case.id}) turn {number}")


def _decode_jsonl(path: Path, text: str) -> list[Case]:
    """Decode one case per non-blank line."""
    cases = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}:{lineno}"
        try:
            case = msgspec.json.decode(line, type=Case)
        except msgspec.DecodeError as exc:
            raise CaseError(f"{where}: {exc}") from None
        check_case(case, where)
        cases.append(msgspec.structs.replace(case, source=path.name))
    return cases


def _decode_toml(path: Path, text: str) -> list[Case]:
    """Decode the ``[[case]]`` tables of a TOML file."""
    try:
        raw = tomllib.loads(text)
        doc = msgspec.convert(raw, type=_TomlFile)
    except (tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise CaseError(f"{path}: {exc}") from None
    cases = []
    for number, case in enumerate((*doc.case, *doc.cases), 1):
        check_case(case, f"{path} case {number}")
        cases.append(msgspec.structs.replace(case, source=path.name))
    return cases


def load_file(path: Path) -> list[Case]:
    """Load and validate the cases of one ``.jsonl`` or ``.toml`` file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(f"{path}: cannot read: {exc}") from None
    decode = _decode_toml if path.suffix.lower() == ".toml" else _decode_jsonl
    return decode(path, text)


def load_cases(paths: Iterable[Path]) -> list[Case]:
    """Load every file; ids must be unique across all of them."""
    paths = list(paths)
    cases: list[Case] = []
    seen: set[str] = set()
    for path in paths:
        for case in load_file(path):
            if case.id in seen:
                raise CaseError(f"{path}: duplicate case id {case.id!r}")
            seen.add(case.id)
            cases.append(case)
    if not cases:
        raise CaseError("no cases in " + ", ".join(str(p) for p in paths))
    return cases
