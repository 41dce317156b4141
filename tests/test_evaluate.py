"""The evaluation tooling: figure forms, judging, the case loader, the CLI, and the labelled set."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

import assistant.evaluate as evaluate_module
from assistant.engine import Memory
from assistant.evaluation.cases import CaseError, Turn, load_cases, load_file
from assistant.evaluation.figures import find_count, find_money, unit_figures
from assistant.evaluation.report import summarise
from assistant.evaluation.run import run_cases
from assistant.evaluation.score import judge, normalise
from assistant.reply import Reply

EVAL_DIR = Path(__file__).parent / "eval"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("262144 tokens", 262144),
        ("262,144", 262144),
        ("262 144", 262144),
        ("262K", 262144),
        ("a 262k-token window", 262144),
        ("0.26M", 262144),
        ("1.05M", 1050000),
        ("1M", 1050000),
        ("1,050,000", 1050000),
        ("128K", 128000),
        ("0.128M", 128000),
        ("2 million", 2000000),
        ("**200K**", 200000),
        ("1.5M requests", 1500000),
    ],
)
def test_count_forms_found(text: str, count: int) -> None:
    assert find_count(normalise(text), count) is not None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("131072", 128000),
        ("128K", 131072),
        ("12800", 128000),
        ("0.1M", 128000),
        ("256K", 262144),
        ("GPT-4o", 4),
        ("Qwen3.5-4B", 3.5),
        ("1280000", 128000),
    ],
)
def test_count_forms_rejected(text: str, count: int) -> None:
    assert find_count(text, count) is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("$9,000", 9000),
        ("$9000", 9000),
        ("$9K", 9000),
        ("9,000 USD", 9000),
        ("USD 9,000", 9000),
        ("US$9k", 9000),
        ("$9,000.00 per month", 9000),
        ("$40/1M tokens", 40),
        ("$0.018", 0.018),
        ("$0.02", 0.018),
        ("$3.1K", 3125),
        ("18 thousand dollars", 18000),
    ],
)
def test_money_forms_found(text: str, amount: float) -> None:
    assert find_money(text, amount) is not None


@pytest.mark.parametrize(
    ("text", "amount"),
    [("9,000", 9000), ("$900", 9000), ("$0", 0.018), ("$3K", 3125), ("$10", 40), ("$90K", 9000)],
)
def test_money_forms_rejected(text: str, amount: float) -> None:
    assert find_money(text, amount) is None


def test_normalise_quotes_spaces_hyphens_markup() -> None:
    assert normalise("doesn\u2019t **support** `x`\u00a0GPT\u20114") == "doesn't support x GPT-4"


def _turn(**fields: object) -> Turn:
    return msgspec.convert({"text": "q", **fields}, type=Turn)


def test_judge_passes_a_good_reply() -> None:
    turn = _turn(
        expect_all=["qwen"],
        expect_any=["larger", "bigger"],
        expect_none=[r"\$0\b"],
        numbers=[262144],
        money=[18000],
        intent="compare",
        intent_fallback=False,
    )
    reply = Reply(text="**Qwen** is larger: 262K vs 128K; $18,000/month", intent="compare")
    assert judge(turn, reply).passed


def test_judge_names_each_failure() -> None:
    turn = _turn(expect_all=["qwen"], expect_none=[r"\$0\b"], numbers=[262144], money=[40])
    verdict = judge(turn, Reply(text="GPT is $0", intent="pricing"))
    reasons = " ".join(verdict.reasons)
    assert "missing /qwen/" in reasons
    assert "forbidden" in reasons
    assert "262144" in reasons
    assert "$40" in reasons


def test_judge_checks_the_intent() -> None:
    turn = _turn(intent="license")
    assert not judge(turn, Reply(text="x", intent="pricing")).passed
    assert judge(turn, Reply(text="x", intent="license")).passed
    either = _turn(intent=["compare", "context_window"])
    assert judge(either, Reply(text="x", intent="context_window")).passed


def test_answerable_question_must_not_fall_back() -> None:
    turn = _turn(intent_fallback=False)
    assert not judge(turn, Reply(text="Sorry", intent="fallback")).passed


def test_fallback_by_intent_or_honest_text() -> None:
    turn = _turn(expect_any=["can't help", "couldn't find"], intent_fallback=True)
    assert judge(turn, Reply(text="Here you go", intent="fallback")).passed
    assert judge(turn, Reply(text="I couldn't find that model.", intent="specs")).passed
    assert not judge(turn, Reply(text="It has 128K context.", intent="context_window")).passed


def test_fallback_reports_invented_figures() -> None:
    turn = _turn(intent_fallback=True, expect_none=[r"\d+K"])
    verdict = judge(turn, Reply(text="Sorry, maybe 128K tokens at $5.", intent="fallback"))
    assert not verdict.passed
    assert set(verdict.invented) == {"$5", "128K"}


def test_unit_figures_ignore_model_names() -> None:
    assert unit_figures("Try GPT-4o or Qwen3.5-4B instead.") == ()
    assert unit_figures("It costs $3 and has 200K tokens") != ()


# --- the loader ---------------------------------------------------------------------------

GOOD = (
    '{"id": "a", "catalog": "seed", "category": "context", "turns": [{"text": "hi", '
    '"expect_all": [], "expect_any": [], "expect_none": [], "numbers": [1], "money": [], '
    '"intent_fallback": false, "intent": "greeting"}]}'
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_reads_jsonl_and_toml(tmp_path: Path) -> None:
    jsonl = _write(tmp_path, "a.jsonl", GOOD + "\n\n")
    toml = _write(
        tmp_path,
        "b.toml",
        '[[case]]\nid = "b"\ncatalog = "full"\ncategory = "x"\n'
        '[[case.turns]]\ntext = "hello"\nnumbers = [128000]\nintent = "greeting"\n',
    )
    cases = load_cases([jsonl, toml])
    assert [c.id for c in cases] == ["a", "b"]
    assert cases[1].turns[0].numbers == (128000,)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "a.jsonl:1"),
        (GOOD.replace('"seed"', '"other"'), "catalog must be"),
        (GOOD.replace('"turns": [{', '"turnz": [{'), "turnz"),
        (GOOD.replace('"expect_all": []', '"expect_all": ["("]'), "bad regex"),
        (GOOD.replace('"numbers": [1]', '"numbers": ["1"]'), "numbers"),
        (GOOD.replace('"greeting"', '"greetings"'), "unknown intent"),
        (GOOD.replace('"text": "hi"', '"text": " "'), "empty text"),
        (GOOD.replace('"intent_fallback": false', '"intent_fallback": "no"'), "intent_fallback"),
        ('{"id": "a", "catalog": "seed", "category": "c", "turns": []}', "turns must not"),
    ],
)
def test_loader_rejects_malformed_cases(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path, "a.jsonl", line + "\n")
    with pytest.raises(CaseError, match=message):
        load_file(path)


def test_loader_rejects_duplicate_ids(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.jsonl", GOOD + "\n" + GOOD + "\n")
    with pytest.raises(CaseError, match="duplicate"):
        load_cases([path])


# --- running and the CLI, on a fake engine ------------------------------------------------


class FakeEngine:
    """Answers from a fixed table; remembers the last answer's intent as the memory."""

    def __init__(self, answers: dict[str, Reply]) -> None:
        self.answers = answers

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        if text == "boom":
            raise RuntimeError("engine bug")
        reply = self.answers.get(text, Reply(text="Sorry, I can't help.", intent="fallback"))
        return reply, msgspec.structs.replace(memory, last_intent=reply.intent)


ANSWERS = {
    "context of qwen": Reply(text="Qwen3.5-4B: 262K tokens", intent="context_window"),
    "price of gpt": Reply(text="GPT-4 Vision Preview: $40/1M output", intent="pricing"),
}
CASES = [
    '{"id": "c1", "catalog": "full", "category": "context", "turns": [{"text": "context of qwen",'
    ' "numbers": [262144], "intent": "context_window"}]}',
    '{"id": "c2", "catalog": "seed", "category": "price", "turns": [{"text": "price of gpt",'
    ' "money": [40], "intent": "pricing"}, {"text": "boom"}]}',
    '{"id": "c3", "catalog": "full", "category": "fallback", "turns": [{"text": "weather?",'
    ' "intent_fallback": true}]}',
    '{"id": "c4", "catalog": "full", "category": "price", "turns": [{"text": "context of qwen",'
    ' "intent": "pricing"}]}',
]


def test_run_and_summary(tmp_path: Path) -> None:
    cases = load_cases([_write(tmp_path, "c.jsonl", "\n".join(CASES))])
    engine = FakeEngine(ANSWERS)
    results = run_cases(cases, lambda kind: engine)
    summary = summarise(results)
    assert (summary.overall.passed, summary.overall.total) == (3, 5)
    assert summary.cases.passed == 2
    assert ("pricing", "context_window", 1) in summary.confusions
    scores = {s.intent: s for s in summary.intents}
    assert scores["pricing"].recall == 0.5
    assert scores["context_window"].precision == 0.5
    assert summary.fallback_handled.passed == 1
    boom = next(r for r in results if r.turn.text == "boom")
    assert "engine raised RuntimeError" in boom.verdict.reasons[0]


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    engine = FakeEngine(ANSWERS)
    monkeypatch.setattr(evaluate_module, "load_engine", lambda path, intents: engine)
    seed = str(tmp_path / "seed.db")
    result = CliRunner().invoke(evaluate_module.eval_command, [*args, "--seed-catalog", seed])
    return result.exit_code, result.output


def test_cli_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = _write(tmp_path, "c.jsonl", "\n".join(CASES))
    code, out = _cli(tmp_path, monkeypatch, str(cases), "--min-pass", "0.5")
    assert code == 0
    assert out.rstrip().splitlines()[-1] == "eval: 3/5 passed (60.0%)"
    assert "pricing -> context_window: 1" in out
    code, _ = _cli(tmp_path, monkeypatch, str(cases), "--min-pass", "0.95")
    assert code == 1
    bad = _write(tmp_path, "bad.jsonl", "{nope\n")
    code, _ = _cli(tmp_path, monkeypatch, str(bad))
    assert code == 2
    code, _ = _cli(tmp_path, monkeypatch, str(tmp_path / "missing.jsonl"))
    assert code == 2


def test_cli_json_and_failures_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = _write(tmp_path, "c.jsonl", "\n".join(CASES))
    failures = tmp_path / "failures.txt"
    code, out = _cli(tmp_path, monkeypatch, str(cases), "--json", "--failures", str(failures))
    assert code == 0
    lines = out.rstrip().splitlines()
    assert lines[-1] == "eval: 3/5 passed (60.0%)"
    assert msgspec.json.decode(lines[-2])["overall"] == {"passed": 3, "total": 5}
    assert "c4 turn 1" in failures.read_text(encoding="utf-8")


# --- the labelled set ----------------------------------------------------------------------

EVAL_FILES = sorted(EVAL_DIR.glob("*.jsonl")) + sorted(EVAL_DIR.glob("*.toml"))


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.name)
def test_labelled_files_load(path: Path) -> None:
    assert load_file(path)


def test_labelled_set_size() -> None:
    turns = {p.name: sum(len(c.turns) for c in load_file(p)) for p in EVAL_FILES}
    assert sum(turns.values()) >= 500
    assert turns.get("heldout.jsonl", 0) >= 200
    cases = load_cases(EVAL_FILES)
    fallbacks = sum(1 for c in cases for t in c.turns if t.intent_fallback)
    assert fallbacks >= 80
