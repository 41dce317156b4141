"""Golden test: on the seed-only catalog the answers reproduce every figure and claim of the page.

The catalog is built by the real CLI (`assistant catalog build --seed-only`); nothing here
is special-cased by model name in the answers, only the expectations come from the page.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.answers.query import Query, Traffic
from assistant.answers.registry import ANSWERS
from assistant.catalog.store import Catalog
from assistant.reply import Reply

GPT4V = "openai/gpt-4-vision-preview"
QWEN = "alibaba/qwen3.5-4b"
PAIR = (GPT4V, QWEN)

VERDICT = (
    "Qwen3.5-4B is safer overall; choose GPT-4 Vision Preview when coding workflow support matters."
)
SCORECARD = (
    "| Decision fit | Coding, Agents, and Long context | Long context and Vision |",
    "| Context window | 128K | 262K |",
    "| Cheapest output | $40/1M tokens | - |",
    "| Provider routes | 1 tracked | 0 tracked |",
    "| Shared benchmarks | 0 rows | 0 rows |",
)
TRADEOFFS = (
    "- GPT-4 Vision Preview has broader tracked provider coverage for fallback and procurement "
    "flexibility.\n"
    "- GPT-4 Vision Preview uniquely exposes Code execution in local model data.\n"
    "- Local decision data tags GPT-4 Vision Preview for Coding, Agents, and Long context.\n"
    "- Qwen3.5-4B has the larger context window for long prompts, retrieval packs, or transcript "
    "analysis.\n"
    "- Local decision data tags Qwen3.5-4B for Long context and Vision."
)
SWITCH = (
    "- No overlapping tracked provider route is sourced for GPT-4 Vision Preview and Qwen3.5-4B; "
    "plan for SDK, billing, or endpoint changes.\n"
    "- Check replacement coverage for Code execution before moving production traffic.\n"
    "- No overlapping tracked provider route is sourced for Qwen3.5-4B and GPT-4 Vision Preview; "
    "plan for SDK, billing, or endpoint changes.\n"
    "- GPT-4 Vision Preview adds Code execution in local capability data."
)
SPECS = (
    "| Released | 2023-11-06 | 2026-03-02 |",
    "| Context window | 128K | 262K |",
    "| Parameters | 1.76T (8x222B MoE)* | 4B |",
    "| Architecture | mixture of experts | - |",
    "| License | Proprietary | Apache 2.0 |",
    "| Knowledge cutoff | 2023-04 | - |",
)
PRICING = (
    "| Input price | $10/1M tokens | - |",
    "| Output price | $40/1M tokens | - |",
    "| Providers | Azure OpenAI | - |",
)
CAPABILITIES = (
    "| Vision | Yes | Yes |",
    "| Multimodal | Yes | Yes |",
    "| Reasoning | No | No |",
    "| Function calling | No | No |",
    "| Tool use | No | No |",
    "| Structured outputs | No | No |",
    "| Code execution | Yes | No |",
)
FAQ = {
    "context_window": (
        "Qwen3.5-4B supports 262K tokens, while GPT-4 Vision Preview supports 128K tokens.",
        "That gap matters most for long documents, large codebases, retrieval-heavy agents, and "
        "conversations where earlier context must remain visible.",
    ),
    "license": (
        "GPT-4 Vision Preview is listed under Proprietary.",
        "Qwen3.5-4B is listed under Apache 2.0.",
        "License labels affect whether you can self-host, redistribute weights, or rely only on "
        "hosted APIs, so confirm the upstream license before deployment.",
    ),
    "providers": (
        "GPT-4 Vision Preview is available on Azure OpenAI.",
        "No provider route is sourced yet for Qwen3.5-4B",
        "Provider coverage can affect latency, region availability, compliance posture, and "
        "fallback options.",
    ),
}
CAPABILITY_FAQ = {
    "vision": ("Both GPT-4 Vision Preview and Qwen3.5-4B expose vision.",),
    "multimodal": ("Both GPT-4 Vision Preview and Qwen3.5-4B expose multimodal input.",),
    "code_execution": (
        "GPT-4 Vision Preview has the clearer documented code execution signal in this comparison.",
        "If code execution is mission-critical, validate it against the provider endpoint because "
        "model-level support and API-level exposure can differ.",
    ),
}
BETTER_CHOICE = (
    "The better choice depends on benchmark fit, context budget, pricing, and whether your "
    "provider route exposes the same capability surface."
)


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The seed-only catalog, built by the real CLI into a temporary file."""
    out = Path(tmp_path_factory.mktemp("seed")) / "seed.db"
    subprocess.run(
        [sys.executable, "-m", "assistant", "catalog", "build", "--seed-only", "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return Catalog.open(out)


def ask(catalog: Catalog, intent: str, **slots: object) -> Reply:
    """One answer about the seed pair, in full detail as the page shows it (slots override)."""
    fields: dict[str, object] = {
        "intent": intent,
        "text": "",
        "models": PAIR,
        "detail": "full",
        **slots,
    }
    return ANSWERS[intent](catalog, Query(**fields))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def page(seed: Catalog) -> str:
    """The compare answer for the page's pair: the page itself."""
    return ask(seed, "compare").text


def test_verdict(page: str, seed: Catalog) -> None:
    assert VERDICT in page
    assert VERDICT in ask(seed, "recommend", criterion="overall").text
    assert VERDICT in ask(seed, "tradeoffs").text


@pytest.mark.parametrize("row", SCORECARD + SPECS + PRICING + CAPABILITIES)
def test_page_table_rows(page: str, row: str) -> None:
    assert row in page


def test_tradeoffs(page: str, seed: Catalog) -> None:
    assert TRADEOFFS in page
    assert TRADEOFFS in ask(seed, "tradeoffs").text


def test_switch_friction(page: str, seed: Catalog) -> None:
    assert SWITCH in page
    first_two = "\n".join(SWITCH.splitlines()[:2])
    assert first_two in ask(seed, "switch_friction").text


def test_monthly_cost(page: str, seed: Catalog) -> None:
    assert "- **GPT-4 Vision Preview**: $18,000. Cheapest tracked route: Azure OpenAI." in page
    assert "- **Qwen3.5-4B**: Unavailable. No complete token price in local provider data." in page
    delta = "Cost delta unavailable until both models have sourced input and output token prices."
    assert delta in page
    text = ask(seed, "monthly_cost").text
    assert "$18,000" in text and "Unavailable" in text and delta in text
    half = ask(seed, "monthly_cost", traffic=Traffic(requests_per_month=500_000, given=True))
    assert "$9,000" in half.text


def test_benchmarks(page: str, seed: Catalog) -> None:
    line = "No shared benchmark rows are currently sourced for this pair."
    assert line in page
    assert line in ask(seed, "benchmarks").text


@pytest.mark.parametrize("intent", sorted(FAQ))
def test_faq_answers(seed: Catalog, page: str, intent: str) -> None:
    text = ask(seed, intent).text
    for sentence in FAQ[intent]:
        assert sentence in text
        assert sentence in page


@pytest.mark.parametrize("capability", sorted(CAPABILITY_FAQ))
def test_capability_faq(seed: Catalog, page: str, capability: str) -> None:
    text = ask(seed, "capability", capability=capability).text
    for sentence in CAPABILITY_FAQ[capability]:
        assert sentence in text
        assert sentence in page
    if capability != "code_execution":
        assert BETTER_CHOICE in text


def test_single_model_facts(seed: Catalog) -> None:
    assert "262,144 tokens" in ask(seed, "context_window", models=(QWEN,)).text
    assert "128,000 tokens" in ask(seed, "context_window", models=(GPT4V,)).text
    assert (
        "Qwen3.5-4B was released on 2026-03-02."
        in ask(seed, "specs", models=(QWEN,), spec_field="release_date").text
    )
    assert "$40/1M output tokens" in ask(seed, "pricing", models=(GPT4V,)).text
    assert "no token price is sourced" in ask(seed, "pricing", models=(QWEN,)).text


def test_every_figure_names_its_source(page: str, seed: Catalog) -> None:
    assert "seed-page, 2026-05-19" in page
    for intent in ("context_window", "license", "pricing", "specs", "monthly_cost"):
        assert "seed-page, 2026-05-19" in ask(seed, intent).text


def test_continue_comparing_is_honest_on_two_models(page: str) -> None:
    assert "No other catalog models are close to these yet." in page
