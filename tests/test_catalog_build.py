"""The catalog build on small fixture source trees: quirks, tri-state, precedence, seed-only."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.catalog.build import build_catalog
from assistant.catalog.commands import catalog as catalog_cli
from assistant.catalog.link import clean_name, fold_key, lab_of
from assistant.catalog.observations import Observation, RouteObs
from assistant.catalog.overlay import load_overlay
from assistant.catalog.scope import agree, is_model_level
from assistant.catalog.show import compact, render_model
from assistant.catalog.sources_litellm import readable_name
from assistant.catalog.store import Catalog
from assistant.errors import CatalogError

CANONICAL = """name = "GPT X"
release_date = "2025-01-01"
knowledge = "2024-06"
attachment = true
reasoning = false
tool_call = true
open_weights = false
[limit]
context = 100_000
output = 8_000
[modalities]
input = ["text", "image"]
output = ["text"]
"""

LITELLM = {
    "sample_spec": {"mode": "chat", "litellm_provider": "one of ...", "input_cost_per_token": 0.0},
    "gpt-x": {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": 2e-06,
        "output_cost_per_token": 8e-06,
        "max_input_tokens": 100000,
        "supports_response_schema": False,
    },
    "foo-embed": {"litellm_provider": "openai", "mode": "embedding"},
    "acme_cloud/org/model-a": {
        "litellm_provider": "acme_cloud",
        "mode": "chat",
        "input_cost_per_token": 1e-06,
        "output_cost_per_token": 2e-06,
    },
}

OPENROUTER = {
    "data": [
        {
            "id": "openai/gpt-x",
            "name": "OpenAI: GPT X",
            "context_length": 102_400,
            "knowledge_cutoff": "2024-06-30",
            "pricing": {"prompt": "0.000002", "completion": "0.000008"},
            "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
        },
        {
            "id": "org/model-a:free",
            "name": "Org: Model A (free)",
            "context_length": 32000,
            "pricing": {"prompt": "0", "completion": "0"},
            "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
        },
    ]
}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A tiny source tree with every quirk the build must survive."""
    root = tmp_path / "sources"
    md = root / "models-dev"
    _write(md / "models" / "openai" / "gpt-x.toml", CANONICAL)
    _write(md / "providers" / "openai" / "provider.toml", 'name = "OpenAI"\n')
    _write(
        md / "providers" / "openai" / "models" / "gpt-x.toml",
        'base_model = "openai/gpt-x"\n[cost]\ninput = 2\noutput = 8\n',
    )
    _write(md / "providers" / "foo" / "provider.toml", 'name = "Foo Cloud"\ndoc = "https://foo"\n')
    foo = md / "providers" / "foo" / "models"
    _write(foo / "gpt-x.toml", 'base_model = "openai/gpt-x"\n[limit]\ncontext = 64_000\n')
    _write(foo / "org" / "Model-A", 'name = "Model A"\n[cost]\ninput = 1.5\noutput = 3\n')
    _write(foo / "bad.toml", "name = [unclosed\n")
    _write(foo / "zero.toml", 'name = "Zero Model"\n[cost]\ninput = 0\noutput = 0\n')
    _write(md / "models.json", json.dumps(OPENROUTER))
    _write(root / "litellm" / "model_prices_and_context_window.json", json.dumps(LITELLM))
    return root


@pytest.fixture
def built(sources: Path, tmp_path: Path) -> Catalog:
    build_catalog(tmp_path / "cat.db", sources)
    return Catalog.open(tmp_path / "cat.db")


def test_quirky_file_without_suffix_is_read_and_linked(built: Catalog) -> None:
    routes = [r for m in built.all_models() for r in built.routes_for(m.id)]
    model_a = {r.model_id for r in routes if r.provider_model_id.lower().endswith("model-a")}
    assert len(model_a) == 1  # foo's file, litellm's and openrouter's :free route: one model
    assert {r.provider_id for r in built.routes_for(model_a.pop())} == {
        "foo",
        "acme-cloud",
        "openrouter",
    }


def test_litellm_only_providers_get_readable_names(built: Catalog) -> None:
    acme = built.provider("acme-cloud")
    assert acme is not None and acme.name == "Acme Cloud"  # id unchanged, key title-cased
    assert readable_name("clf_ai_gateway") == "Clf AI Gateway"
    assert readable_name("GigaChat") == "GigaChat"  # a styled name stays


def test_malformed_files_are_reported_not_fatal(sources: Path, tmp_path: Path) -> None:
    report = build_catalog(tmp_path / "c.db", sources)
    skipped = {key: detail for section, key, detail in report.details if section == "skipped"}
    assert any(key.endswith("bad.toml") for key in skipped)
    assert report.counts[("skipped rows", "litellm: sample_spec")] == 1
    assert report.counts[("skipped rows", "litellm: mode embedding")] == 1


def test_malformed_json_is_reported(sources: Path, tmp_path: Path) -> None:
    _write(sources / "models-dev" / "models.json", "{not json")
    report = build_catalog(tmp_path / "c.db", sources)
    assert any(k == "models-dev/models.json" for s, k, _ in report.details if s == "skipped")


def test_zero_price_is_unknown_and_free_is_marked(built: Catalog) -> None:
    zero = built.routes_for("foo/zero")
    assert zero and zero[0].input_price is None and zero[0].output_price is None
    assert not zero[0].free
    free = [r for m in built.all_models() for r in built.routes_for(m.id) if r.free]
    assert [(r.provider_id, r.input_price, r.output_price) for r in free] == [
        ("openrouter", 0.0, 0.0)
    ]


def test_tri_state_missing_is_unknown_never_false(built: Catalog) -> None:
    model = built.model("openai/gpt-x")
    assert model is not None
    assert model.capability("vision") is True
    assert model.capability("reasoning") is False
    assert model.capability("code_execution") is None
    assert model.capability("structured_outputs") is False  # litellm says so explicitly
    zero = built.model("foo/zero")
    assert zero is not None and zero.capability("vision") is None


def test_precedence_and_conflicts(built: Catalog) -> None:
    model = built.model("openai/gpt-x")
    assert model is not None
    assert model.context_window == 100_000  # models.dev models/ beats provider foo's 64K
    assert model.cites["context_window"].source == "models.dev"
    conflicts = {c.field: c for c in built.conflicts_for("openai/gpt-x")}
    # openrouter's text-only modalities disagree with models.dev's text+image (model-level);
    # 102,400 vs 100,000 (within 5%) and 2024-06 vs 2024-06-30 (precision) agree.
    assert set(conflicts) == {"input_modalities", "vision", "multimodal"}
    values = {(f.cite.source, f.value, f.chosen) for f in conflicts["vision"].facts}
    assert values == {("models.dev", "true", True), ("openrouter", "false", False)}


def test_provider_caps_are_route_facts_not_conflicts(built: Catalog) -> None:
    facts = {(f.field, f.cite.source, f.value) for f in built.facts_for("openai/gpt-x")}
    assert ("context_window", "models.dev:foo", "64000") in facts  # kept for provenance
    assert "context_window" not in {c.field for c in built.conflicts_for("openai/gpt-x")}
    (foo,) = [r for r in built.routes_for("openai/gpt-x") if r.provider_id == "foo"]
    assert foo.context_window == 64_000


def test_agreement_rules() -> None:
    assert agree(1_048_576, 1_000_000) and not agree(1_000_000, 922_000)
    assert agree("2023-10", "2023-10-31") and not agree("2023-09", "2023-10-31")
    assert agree("Apache-2.0", "apache 2.0") and not agree(True, False)
    assert agree(["text", "image"], ["image", "text"]) and not agree(["text"], ["image", "text"])


def test_first_party_listings_are_model_level() -> None:
    route = RouteObs(provider_id="openai", provider_model_id="gpt-x")
    own = Observation(source="litellm", rank=5, date="d", route=route)
    assert is_model_level(own, "openai/gpt-x")
    assert not is_model_level(own, "meta/llama-x")
    azure = Observation(source="litellm", rank=5, date="d", route=RouteObs(
        provider_id="azure", provider_model_id="gpt-x"))  # fmt: skip
    assert not is_model_level(azure, "openai/gpt-x")
    free = RouteObs(provider_id="openrouter", provider_model_id="a/b:free", free=True)
    assert not is_model_level(Observation(source="openrouter", rank=4, date="d", route=free), "a/b")


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_build_is_reproducible(sources: Path, tmp_path: Path) -> None:
    build_catalog(tmp_path / "a.db", sources)
    build_catalog(tmp_path / "b.db", sources)
    assert _dump(tmp_path / "a.db") == _dump(tmp_path / "b.db")


def test_seed_only_holds_exactly_the_seed_page(tmp_path: Path) -> None:
    build_catalog(tmp_path / "seed.db", tmp_path / "no-sources", seed_only=True)
    cat = Catalog.open(tmp_path / "seed.db")
    assert [m.id for m in cat.all_models()] == ["alibaba/qwen3.5-4b", "openai/gpt-4-vision-preview"]
    assert [(p.id, p.name) for p in cat.all_providers()] == [("azure", "Azure OpenAI")]
    assert [s.name for s in cat.sources()] == ["seed-page"]
    (route,) = cat.routes_for("openai/gpt-4-vision-preview")
    assert (route.provider_name, route.input_price, route.output_price) == ("Azure OpenAI", 10, 40)
    assert cat.routes_for("alibaba/qwen3.5-4b") == ()
    qwen = cat.model("alibaba/qwen3.5-4b")
    assert qwen is not None
    assert (qwen.context_window, qwen.license, qwen.params_total) == (262144, "Apache 2.0", 4e9)
    assert qwen.knowledge_cutoff is None and qwen.architecture is None
    assert qwen.capability("code_execution") is False
    assert qwen.cites["license"].source == "seed-page"


def test_overlay_typo_fails_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "overlay.toml"
    bad.write_text('date = "2026-01-01"\n[[models]]\nid = "a/b"\nnmae = "x"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="overlay is invalid"):
        load_overlay(bad)


def test_cli_build_stats_show(sources: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cli.db"
    report = tmp_path / "report.json"
    result = runner.invoke(
        catalog_cli,
        ["build", "--out", str(out), "--sources", str(sources), "--report", str(report)],
    )
    assert result.exit_code == 0, result.output
    assert "skipped" in json.loads(report.read_text())["counts"]
    stats = runner.invoke(catalog_cli, ["stats", "--json", "--catalog", str(out)])
    assert {"models", "providers", "routes"} <= set(json.loads(stats.output))
    show = runner.invoke(catalog_cli, ["show", "FOO/ZERO", "--catalog", str(out)])
    assert show.exit_code == 0, show.output
    assert "input unknown / output unknown" in show.output and "$0" not in show.output
    missing = runner.invoke(catalog_cli, ["show", "nothing-like-this", "--catalog", str(out)])
    assert missing.exit_code != 0


def test_show_prints_disagreements_and_provider_limits(built: Catalog) -> None:
    model = built.model("openai/gpt-x")
    assert model is not None
    text = render_model(built, model)
    assert "  vision: yes (models.dev, chosen) vs no (openrouter)" in text
    assert "provider limits (1):\n  Foo Cloud caps context at 64K" in text
    assert compact(1_050_000) == "1.05M" and compact(272_000) == "272K"


def test_linking_rules_for_relistings_and_fine_tunes() -> None:
    assert clean_name("zai/glm-4.7-free") == "glm-4.7" and clean_name("x/glm-5:free") == "glm-5"
    assert fold_key("llama3-1-70b-instruct") == fold_key("llama-3.1-70b")
    assert fold_key("gemma-3-27b-it") == fold_key("gemma-3-27b")
    assert fold_key("gpt-3.5-turbo-instruct") != fold_key("gpt-3.5-turbo")  # its own product
    assert fold_key("glm-5.2-fast") != fold_key("glm-5.2")  # separately named product
    assert lab_of(("abacusai/Dracarys-72B-Instruct", "Llama 3.1 70B Dracarys 2")) == "abacusai"
    assert lab_of(("meta-llama/Llama-3.1-8B",)) == "meta"
    assert lab_of(("Qwen/Qwen3-8B",)) == "alibaba"
    assert lab_of(("eu-west-3/mistral-7b",)) == "mistral"  # a region is not an org
