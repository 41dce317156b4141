"""The full build from the vendored sources: done-when counts and the seed models' figures."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from assistant import paths
from assistant.catalog.build import build_catalog
from assistant.catalog.observations import Report
from assistant.catalog.overlay import load_overlay
from assistant.catalog.show import render_model
from assistant.catalog.store import Catalog


@pytest.fixture(scope="session")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Report]:
    out = tmp_path_factory.mktemp("catalog") / "catalog.db"
    report = build_catalog(out, paths.sources_dir())
    return Catalog.open(out), report


def test_done_when_counts(full: tuple[Catalog, Report]) -> None:
    stats = full[0].stats()
    assert stats["models"] >= 1500
    assert stats["providers"] >= 100
    assert stats["routes"] >= 5000


def test_every_route_has_a_model_and_provider(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    providers = {p.id for p in cat.all_providers()}
    for model in cat.all_models():
        for route in cat.routes_for(model.id):
            assert route.provider_id in providers


def test_gpt4v_has_the_seed_figures_and_shows_litellm_disagreeing(
    full: tuple[Catalog, Report],
) -> None:
    cat, _ = full
    model = cat.model("openai/gpt-4-vision-preview")
    assert model is not None
    assert (model.context_window, model.license, model.release_date) == (
        128000,
        "Proprietary",
        "2023-11-06",
    )
    assert model.capability("code_execution") is True
    azure = [r for r in cat.routes_for(model.id) if r.provider_id == "azure"]
    assert [(r.provider_name, r.input_price, r.output_price) for r in azure] == [
        ("Azure OpenAI", 10.0, 40.0)
    ]
    fields = {c.field for c in cat.conflicts_for(model.id)}
    assert "route:azure/gpt-4-turbo-vision-preview:output_price" in fields


def test_qwen35_4b_has_the_seed_figures_and_other_routes(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    model = cat.model("alibaba/qwen3.5-4b")
    assert model is not None
    assert (model.context_window, model.license, model.params_total) == (262144, "Apache 2.0", 4e9)
    assert model.capability("reasoning") is False
    assert {r.provider_id for r in cat.routes_for(model.id)} >= {"siliconflow-cn", "empiriolabs"}
    # providers flag reasoning "yes": their listings, not a model-level disagreement
    assert "reasoning" not in {c.field for c in cat.conflicts_for(model.id)}
    assert "reasoning: no chosen; providers say yes" in render_model(cat, model)


def test_provider_listings_do_not_make_model_conflicts(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    fields = {c.field for c in cat.conflicts_for("openai/gpt-4o")}
    assert len(fields) <= 3 and "context_window" not in fields
    sources = {f.cite.source for c in cat.conflicts_for("openai/gpt-5.5") for f in c.facts}
    assert not any(s.startswith("models.dev:amazon-bedrock") for s in sources)
    gpt55 = cat.model("openai/gpt-5.5")
    assert gpt55 is not None
    assert "Amazon Bedrock caps context at 272K" in render_model(cat, gpt55)
    assert full[0].stats()["conflicts"] < 1000


def test_provider_names_are_readable_and_ids_unchanged(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    names = {p.id: p.name for p in cat.all_providers()}
    assert names["oci"] == "Oracle Cloud (OCI)" and names["watsonx"] == "IBM watsonx"
    assert (names["lambda-ai"], names["replicate"]) == ("Lambda", "Replicate")
    assert names["clf-ai-gateway"] == "Clf AI Gateway"
    assert not [n for n in names.values() if "_" in n]


def test_common_spellings_link_to_one_model(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    providers = {r.provider_id for r in cat.routes_for("openai/gpt-4o")}
    assert {"openai", "azure", "openrouter"} <= providers


def test_shipped_catalog_is_current(full: tuple[Catalog, Report]) -> None:
    shipped = Path(__file__).resolve().parent.parent / "catalog.db"
    assert Catalog.open(shipped).stats() == full[0].stats()


def test_free_relistings_link_to_the_base_model(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    assert cat.model("zhipuai/glm-4.7-free") is None
    assert cat.model("anthropic/claude-3-5-sonnet-latest") is None  # -> the one 3.5 Sonnet
    assert any(r.free for r in cat.routes_for("zhipuai/glm-4.7"))
    one = [cat.model(m) for m in ("meta/llama-3.1-70b", "meta/llama-3.1-70b-instruct")]
    assert None in one


def test_fine_tunes_belong_to_their_publisher(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    assert cat.model("meta/dracarys-72b-instruct") is None
    model = cat.model("abacusai/dracarys-72b-instruct")
    assert model is not None and model.lab_id == "abacusai"


NICKNAMES = {
    "4o": "openai/gpt-4o",
    "Sonnet 4.5": "anthropic/claude-sonnet-4-5",
    "Opus 4.1": "anthropic/claude-opus-4-1",
    "Haiku 4.5": "anthropic/claude-haiku-4-5",
    "R1": "deepseek/deepseek-r1",
    "K2": "moonshotai/kimi-k2",
    "GPT-4V": "openai/gpt-4-vision-preview",
    "GPT-4 Turbo": "openai/gpt-4-turbo",
    "Gemini 2.5 Pro": "google/gemini-2.5-pro",
    "Claude 3.5 Sonnet": "anthropic/claude-3-5-sonnet-20241022",
    "DeepSeek V3": "deepseek/deepseek-v3",
    "Llama 3.1 70B": "meta/llama-3.1-70b-instruct",
}


def test_nicknames_alias_the_right_models(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    nicknames = {(a.alias, a.model_id) for a in cat.aliases() if a.kind == "nickname"}
    assert set(NICKNAMES.items()) <= nicknames
    assert all(cat.model(model_id) for _, model_id in nicknames)


def test_every_family_rule_matches_a_model(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    ids = [m.id for m in cat.all_models()]
    for rule in load_overlay().families:
        assert any(fnmatch.fnmatchcase(i, g) for g in rule.match for i in ids), rule.match
    minimax = cat.model("minimax/MiniMax-M2")
    assert minimax is not None and (minimax.license, minimax.params_active) == ("MIT", 10e9)


def test_curated_open_weight_facts_cite_their_model_card(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    for rule in load_overlay().families:
        assert rule.url.startswith("https://") and rule.license, rule.match
    large = cat.model("mistral/mistral-large-2512")
    assert large is not None
    assert (large.license, large.params_total, large.params_active, large.architecture) == (
        "Apache 2.0", 675e9, 41e9, "mixture of experts")  # fmt: skip
    facts = [f for f in cat.facts_for("mistral/devstral-2512") if f.field == "license"]
    assert [(f.cite.source, f.cite.url) for f in facts] == [
        ("curated overlay", "https://huggingface.co/mistralai/Devstral-2-123B-Instruct-2512")
    ]
    assert all(f.cite.date for f in facts)


def test_display_names_carry_no_source_decorations(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    for model in cat.all_models():
        assert not model.name.lower().endswith(("(latest)", "(free)")), model.id
        head, colon, _ = model.name.partition(": ")
        assert not colon or head.lower() not in {
            "anthropic",
            "openai",
            "google",
            "deepseek",
            "mistral",
            "qwen",
        }
    opus = cat.model("anthropic/claude-opus-4-5")
    assert opus is not None and opus.name == "Claude Opus 4.5"
    raw = {a.alias for a in cat.aliases() if a.model_id == opus.id}
    assert "Claude Opus 4.5 (latest)" in raw  # the raw source name still resolves


MERGED = {
    "anthropic/claude-4.5-opus": "anthropic/claude-opus-4-5",
    "anthropic/anthropic-claude-opus-4": "anthropic/claude-opus-4-0",
    "anthropic/claude-opus-4": "anthropic/claude-opus-4-0",
    "anthropic/claude-sonnet-3.7": "anthropic/claude-3-7-sonnet-20250219",
    "anthropic/claude-haiku-3.5": "anthropic/claude-3-5-haiku-20241022",
    "amazon/nova-pro-1-0": "amazon/nova-pro-v1",
    "alibaba/qwen-qwq-32b-preview": "alibaba/qwq-32b-preview",
    "deepseek/v3.2": "deepseek/deepseek-v3.2",
    "deepseek/deepseek-3.2": "deepseek/deepseek-v3.2",
    "bytedance/doubao-seed-1-6-250615": "bytedance/doubao-seed-1.6",
    "google/gemini-2.0-flash-001": "google/gemini-2.0-flash",
    # one Hugging Face id, a Mistral YYMM code beside the same-named undated id
    "mistral/devstral-2": "mistral/devstral-2512",
    "mistral/devstral-2-123b": "mistral/devstral-2512",
    "alibaba/qwen3-coder": "alibaba/qwen3-coder-480b-a35b-instruct",
    "mistral/mistral-medium-3": "mistral/mistral-medium-2505",
    "mistral/mistral-small-3.2-24b-instruct-2506": "mistral/mistral-small-2506",
}


def test_one_model_spelled_twice_is_one_model(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    aliases = {(a.alias, a.model_id) for a in cat.aliases()}
    for old, new in MERGED.items():
        assert cat.model(old) is None and cat.model(new) is not None, old
        assert (old, new) in aliases  # what named the old id still resolves
    # canonical models.dev files stay separate models
    for model_id in (
        "anthropic/claude-opus-4-5-20251101",
        "anthropic/claude-opus-4-20250514",
        "mistral/devstral-medium-latest",  # a models.dev file of its own, same HF id as 2512
    ):
        assert cat.model(model_id) is not None
    files = paths.sources_dir() / "models-dev" / "models"
    for path in files.rglob("*.toml"):
        model_id = str(path.relative_to(files)).removesuffix(".toml")
        assert cat.model(model_id) is not None, model_id


def test_the_build_report_lists_every_merge_and_its_evidence(
    full: tuple[Catalog, Report],
) -> None:
    report = full[1]
    before = report.counts[("dedupe", "models before")]
    merged = [k for s, k, _ in report.details if s == "merged"]
    assert report.counts[("dedupe", "models after")] == before - len(merged)
    evidence = {(k, d) for s, k, d in report.details if s == "merge evidence"}
    assert ("mistral/devstral-2512 + mistral/devstral-2", "yymm stamp") in evidence
    assert report.counts[("dedupe rule", "hugging face id")] >= 5


def test_awkward_provider_only_ids_get_cleaner_ones(full: tuple[Catalog, Report]) -> None:
    cat, _ = full
    model = cat.model("meta/llama-3.1-70b-instruct")
    assert model is not None and model.name == "Llama 3.1 70B Instruct"
    assert cat.model("meta/llama3-1-70b-instruct") is None
    old = {a.alias for a in cat.aliases() if a.model_id == model.id}
    assert "meta/llama3-1-70b-instruct" in old
    assert (
        cat.model("google/paligemma") is not None and cat.model("google/google-paligemma") is None
    )
