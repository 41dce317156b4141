"""The resolver: accuracy on the tuning and held-out sets, no false positives, spans, CLI."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.catalog import names
from assistant.catalog.records import Alias, Cite, Model
from assistant.catalog.resolve import Resolver, mask_mentions
from assistant.catalog.resolve_command import resolve
from assistant.catalog.store import Catalog
from assistant.paths import default_catalog_path

DATA = Path(__file__).parent / "data"
CATALOG = default_catalog_path()


def _rows(name: str) -> list[dict[str, str]]:
    """One test-set file as a list of rows."""
    lines = (DATA / name).read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The shipped catalog."""
    return Catalog.open(CATALOG)


@pytest.fixture(scope="module")
def resolver(catalog: Catalog) -> Resolver:
    """A resolver over the shipped catalog."""
    return Resolver.from_catalog(catalog)


def _accuracy(resolver: Resolver, rows: list[dict[str, str]]) -> tuple[float, list[str]]:
    """Top-1 accuracy (first mention's id) and the failing texts."""
    misses = []
    for row in rows:
        mentions = resolver.resolve_models(row["text"])
        if not mentions or mentions[0].model_id != row["id"]:
            misses.append(row["text"])
    return 1 - len(misses) / len(rows), misses


def test_test_sets_are_big_enough_and_ids_are_real(catalog: Catalog) -> None:
    tuning, heldout = _rows("resolve_tuning.jsonl"), _rows("resolve_heldout.jsonl")
    rows = tuning + heldout
    assert len(rows) >= 300 and len(heldout) >= 100
    assert len({r["id"] for r in rows}) >= 80
    assert len(_rows("resolve_negative.jsonl")) >= 50
    assert [r["id"] for r in rows if catalog.model(r["id"]) is None] == []


@pytest.mark.parametrize("name", ["resolve_tuning.jsonl", "resolve_heldout.jsonl"])
def test_top1_accuracy_at_least_98_percent(resolver: Resolver, name: str) -> None:
    accuracy, misses = _accuracy(resolver, _rows(name))
    assert accuracy >= 0.98, misses[:20]


def test_no_false_positives_on_negatives(resolver: Resolver) -> None:
    found = {r["text"]: resolver.resolve_models(r["text"]) for r in _rows("resolve_negative.jsonl")}
    assert {text: ms for text, ms in found.items() if ms} == {}


@pytest.mark.parametrize(
    ("text", "mention", "model_id"),
    [
        ("is GPT-4V any good?", "GPT-4V", "openai/gpt-4-vision-preview"),
        ("how much is qwen35 4b?", "qwen35 4b", "alibaba/qwen3.5-4b"),
        ("Qwen/Qwen3.5-4B license", "Qwen/Qwen3.5-4B", "alibaba/qwen3.5-4b"),
        ("price of azure/gpt-4o today", "azure/gpt-4o", "openai/gpt-4o"),
        ("try deepseek-r1:free now", "deepseek-r1:free", "deepseek/deepseek-r1"),
        ("GPT4o context", "GPT4o", "openai/gpt-4o"),
        ("clade sonet 4.5 for code", "clade sonet 4.5", "anthropic/claude-sonnet-4-5"),
    ],
)
def test_spans_point_into_the_original_text(
    resolver: Resolver, text: str, mention: str, model_id: str
) -> None:
    (found,) = resolver.resolve_models(text)
    assert (found.text, found.model_id) == (mention, model_id)
    assert text[found.start : found.end] == mention


def test_several_mentions_in_one_sentence(resolver: Resolver) -> None:
    text = "gpt-4o vs claude sonnet 4.5 vs gemni 2.5 pro"
    found = resolver.resolve_models(text)
    assert [m.model_id for m in found] == [
        "openai/gpt-4o",
        "anthropic/claude-sonnet-4-5",
        "google/gemini-2.5-pro",
    ]
    assert [m.text for m in found] == ["gpt-4o", "claude sonnet 4.5", "gemni 2.5 pro"]
    assert [m.score for m in found][:2] == [100, 100] and found[2].score < 100
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize("text", ["how much is o3?", "o3 vs o1", "price of o3"])
def test_short_names_count_with_context(resolver: Resolver, text: str) -> None:
    assert "openai/o3" in [m.model_id for m in resolver.resolve_models(text)]


@pytest.mark.parametrize(
    ("text", "model_id"),
    [("is o3 good at coding?", "openai/o3"), ("is r1 open source", "deepseek/deepseek-r1")],
)
def test_short_versioned_names_count_in_questions(
    resolver: Resolver, text: str, model_id: str
) -> None:
    assert [m.model_id for m in resolver.resolve_models(text)] == [model_id]


@pytest.mark.parametrize("text", ["is o1 of them broken?", "o1 of them was fine"])
def test_short_names_before_of_stay_words(resolver: Resolver, text: str) -> None:
    assert resolver.resolve_models(text) == ()


@pytest.mark.parametrize(
    ("text", "span", "word"),
    [
        ("claude sonnet context window", "claude sonnet", "sonnet"),
        ("claude 4 price", "claude 4", "claude"),
        ("llama 70b license", "llama 70b", "70b"),
        ("gpt nano price", "gpt nano", "nano"),
        ("whats new in claude opus?", "claude opus", "opus"),
    ],
)
def test_family_names_give_candidates_to_ask_about(
    resolver: Resolver, catalog: Catalog, text: str, span: str, word: str
) -> None:
    (found,) = resolver.resolve_models(text)
    assert found.family and found.text == span and found.score < 100
    assert found.candidates and all(c.score == found.score for c in found.candidates)
    for model_id in (found.model_id, *(c.model_id for c in found.candidates)):
        model = catalog.model(model_id)
        assert model is not None and word in model.name.lower().replace("-", " ")


def test_full_names_win_over_family_names(resolver: Resolver) -> None:
    (found,) = resolver.resolve_models("claude sonnet 4.5 price")
    assert not found.family and found.score == 100


@pytest.mark.parametrize("text", ["o1 of them", "at 4 o'clock", "claude", "gemini", "llama", "pro"])
def test_short_or_family_words_alone_resolve_to_nothing(resolver: Resolver, text: str) -> None:
    assert resolver.resolve_models(text) == ()


def test_unresolved_names_lists_unknown_model_like_names(resolver: Resolver) -> None:
    text = "compare GPT-9 Ultra with Zorblax-12 Hyper and gpt-4o at 128k"
    assert resolver.unresolved_names(text) == ("GPT-9 Ultra", "Zorblax-12 Hyper")
    assert resolver.unresolved_names("what's the weather") == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("is Claude Mega 7 open source?", "Claude Mega 7"),
        ("Nimbus-Ultra 4000 price", "Nimbus-Ultra 4000"),
        ("tell me about the Falcon-Quantum 900B model", "Falcon-Quantum 900B"),
        ("price of zorblax 12", "zorblax 12"),
        ("Claude Opus 11 release date", "Claude Opus 11"),
        ("is claude sonnet 4.7 out?", "claude sonnet 4.7"),
    ],
)
def test_unresolved_names_without_digits_in_the_word(
    resolver: Resolver, text: str, name: str
) -> None:
    assert resolver.unresolved_names(text, {"price"}) == (name,)


@pytest.mark.parametrize(
    "text",
    [
        "will a 200K-token document fit?",
        "Does Mistral support 128K?",
        "at least 5 providers",
        "top 5 models",
        "how about Qwen 3.5 instead?",
    ],
)
def test_unresolved_names_ignore_quantities_and_known_words(resolver: Resolver, text: str) -> None:
    assert resolver.unresolved_names(text, {"top"}) == ()


def test_mask_mentions_replaces_spans(resolver: Resolver) -> None:
    text = "gpt-4o vs claude sonnet 4.5?"
    assert mask_mentions(text, resolver.resolve_models(text)) == "MODEL vs MODEL?"


def _model(model_id: str, name: str, source: str = "models.dev") -> Model:
    """A small model record whose name is cited from ``source``."""
    cite = Cite(source=source, date="2026-07-02")
    return Model(id=model_id, name=name, lab_id=model_id.split("/")[0], cites={"name": cite})


def test_close_typo_runners_up_become_candidates() -> None:
    models = (
        _model("lab/kappa-7-alpha", "Kappa 7 Alpha"),
        _model("lab/kappa-7-alpho", "Kappa 7 Alpho"),
    )
    (found,) = Resolver.from_records(models).resolve_models("is kappa 7 alphe fast?")
    assert {found.model_id, *(c.model_id for c in found.candidates)} == {m.id for m in models}
    assert found.score < 100


def test_same_name_prefers_the_canonical_model_without_candidates() -> None:
    models = (
        _model("gw/zeta-9", "Zeta 9", source="models.dev:gateway"),
        _model("lab/zeta-9", "Zeta 9"),
    )
    (found,) = Resolver.from_records(models).resolve_models("Zeta 9 price")
    assert (found.model_id, found.candidates) == ("lab/zeta-9", ())


def test_same_name_from_equal_sources_lists_candidates() -> None:
    models = (_model("a/zeta-9", "Zeta 9", "x"), _model("b/zeta-9", "Zeta 9", "x"))
    (found,) = Resolver.from_records(models).resolve_models("Zeta 9 price")
    assert [c.model_id for c in found.candidates] == ["b/zeta-9"]


def test_quantised_builds_lose_unless_the_variant_is_typed() -> None:
    models = (
        _model("lab/zeta-9-int4-mixed", "Zeta 9", source="models.dev:gateway"),
        _model("gw/zeta-9", "Zeta 9", source="models.dev:gateway"),
    )
    resolver = Resolver.from_records(models)
    assert resolver.resolve_models("Zeta 9 price")[0].model_id == "gw/zeta-9"
    typed = resolver.resolve_models("zeta-9-int4-mixed price")
    assert typed[0].model_id == "lab/zeta-9-int4-mixed"
    (build,) = resolver.resolve_models("zeta 9 int4 price")
    assert (build.model_id, build.text) == ("lab/zeta-9-int4-mixed", "zeta 9 int4")


def test_equal_sources_prefer_the_model_with_more_routes() -> None:
    models = (_model("a/zeta-9", "Zeta 9", "x"), _model("b/zeta-9", "Zeta 9", "x"))
    resolver = Resolver.from_records(models, routes={"b/zeta-9": 5, "a/zeta-9": 1})
    assert resolver.resolve_models("Zeta 9 price")[0].model_id == "b/zeta-9"


def test_a_partial_name_prefers_the_canonical_model_with_more_routes() -> None:
    models = (
        _model("gw/qwen-9-coder-400b", "Qwen 9 Coder 400B", source="models.dev:gateway"),
        _model("lab/qwen-9-coder-400b-a30b-instruct", "Qwen 9 Coder 400B-A30B Instruct"),
    )
    routes = {"gw/qwen-9-coder-400b": 1, "lab/qwen-9-coder-400b-a30b-instruct": 20}
    resolver = Resolver.from_records(models, routes=routes)
    (found,) = resolver.resolve_models("qwen 9 coder 400b providers")
    assert found.model_id == "lab/qwen-9-coder-400b-a30b-instruct"
    assert found.score == 100 and not found.family


def test_a_partial_name_never_drops_a_distinctive_word() -> None:
    models = (
        _model("gw/qwen-9-30b", "Qwen 9 30B", source="models.dev:gateway"),
        _model("lab/qwen-9-coder-30b-a3b", "Qwen 9 Coder 30B-A3B"),
    )
    routes = {"gw/qwen-9-30b": 1, "lab/qwen-9-coder-30b-a3b": 20}
    resolver = Resolver.from_records(models, routes=routes)
    assert resolver.resolve_models("qwen 9 30b price")[0].model_id == "gw/qwen-9-30b"


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("qwen3 coder 480b providers", "alibaba/qwen3-coder-480b-a35b-instruct"),
        ("Claude Opus 4.5 price", "anthropic/claude-opus-4-5"),
        ("devstral 2 price", "mistral/devstral-2512"),
        # an exact model name wins over the family: "Mistral Small" is the -latest model
        ("mistral small license", "mistral/mistral-small-latest"),
    ],
)
def test_canonical_pinned_models_win_on_the_shipped_catalog(
    resolver: Resolver, text: str, model_id: str
) -> None:
    (found,) = resolver.resolve_models(text)
    assert (found.model_id, found.score, found.family) == (model_id, 100, False)


def test_a_dated_twin_of_an_undated_model_is_no_near_tie(resolver: Resolver) -> None:
    (found,) = resolver.resolve_models("Claude Opus 4.5 price")
    assert "anthropic/claude-opus-4-5-20251101" not in [c.model_id for c in found.candidates]


def test_catalog_aliases_and_nicknames_resolve() -> None:
    models = (_model("lab/omega-2-vision", "Omega 2 Vision"),)
    aliases = (Alias(alias="O2V", model_id="lab/omega-2-vision", kind="nickname"),)
    found = Resolver.from_records(models, aliases).resolve_models("is O2V cheap? compare price")
    assert [m.model_id for m in found] == ["lab/omega-2-vision"]


def test_cli_json_shape() -> None:
    text = "gpt-4o vs claude sonnet 4.5"
    result = CliRunner().invoke(resolve, [text, "--json", "--catalog", str(CATALOG)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert list(payload) == ["mentions"]
    first = payload["mentions"][0]
    assert {"text", "id", "name", "score", "candidates"} <= set(first)
    assert (first["text"], first["id"], first["score"]) == ("gpt-4o", "openai/gpt-4o", 100)
    assert isinstance(first["candidates"], list)


def test_cli_json_empty_when_nothing_found() -> None:
    result = CliRunner().invoke(resolve, ["my cat", "--json", "--catalog", str(CATALOG)])
    assert json.loads(result.output) == {"mentions": []}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_consistent_spans(text: str) -> None:
    found = _SHARED.resolve_models(text)
    assert all(text[m.start : m.end] == m.text for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@given(st.text(max_size=40))
def test_compact_is_idempotent(text: str) -> None:
    assert names.compact(names.compact(text)) == names.compact(text)


_SHARED = Resolver.from_records(
    (_model("openai/gpt-4o", "GPT-4o"), _model("alibaba/qwen3.5-4b", "Qwen3.5-4B"))
)


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("what's the context of mistrall large?", "mistral/mistral-large-latest"),
        ("comand a pricing", "cohere/command-a-03-2025"),
        ("calude opus 4.1 vs gpt-4o", "anthropic/claude-opus-4-1"),
        ("is deepseak r1 open source", "deepseek/deepseek-r1"),
        ("gemeni 2.5 flash lite price", "google/gemini-2.5-flash-lite"),
    ],
)
def test_mistyped_family_word_is_repaired(resolver: Resolver, text: str, model_id: str) -> None:
    """A family word one edit off (doubled/missing letter, swap) still names the model."""
    found = resolver.resolve_models(text)
    assert found and found[0].model_id == model_id
    assert found[0].score < 100  # a typo is never an exact match
    assert text[found[0].start : found[0].end].split()[0] in text.split()


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("gpt five pricing", "gpt 5 pricing"),
        ("claude opus four point one context", "claude opus 4.1 context"),
        ("phi four vs qwen three", "phi 4 vs qwen 3"),
        ("the first one", "the first one"),
        ("give me five cheap models", "give me five cheap models"),
    ],
)
def test_spelled_versions_become_digits(resolver: Resolver, text: str, spelled: str) -> None:
    """Number words become digits only right after a model-name word."""
    assert resolver.spell_versions(text) == spelled


def test_a_correct_word_after_a_name_is_not_swallowed(resolver: Resolver) -> None:
    """'sonnet 4.5 max output': the name ends before 'max' (spelled right, not a typo)."""
    found = resolver.resolve_models("sonnet 4.5 max output tokens")
    assert [(m.text, m.score) for m in found] == [("sonnet 4.5", 100)]


def test_word_only_name_needs_more_than_and() -> None:
    """A one-word name that is an everyday word ('query') is no mention in 'orders and query'."""
    models = (_model("lab/query", "query", "x"),)
    resolver = Resolver.from_records(models)
    assert resolver.resolve_models("write a sql query that joins orders and customers") == ()
    assert [m.model_id for m in resolver.resolve_models("price of the query model")] == [
        "lab/query"
    ]


@pytest.mark.parametrize(
    ("focus", "text", "expected"),
    [
        ("openai/gpt-5", "what about the mini?", "openai/gpt-5-mini"),
        ("google/gemini-2.5-pro", "how about flash", "google/gemini-2.5-flash"),
        ("alibaba/qwen3-32b", "and the 14b?", "alibaba/qwen3-14b"),
        ("anthropic/claude-haiku-4-5", "same for sonnet", "anthropic/claude-sonnet-4-5"),
        ("openai/gpt-4o", "and the price?", None),
        ("anthropic/claude-opus-4-1", "and sonnet?", None),
        ("google/gemini-2.5-flash", "and the latest one?", None),
        ("google/gemini-2.5-flash", "and the free one?", None),
    ],
)
def test_sibling_swaps_a_variant_word(
    resolver: Resolver, focus: str, text: str, expected: str | None
) -> None:
    """A variant or size word replaces its kind in the focused model's name, or nothing."""
    assert resolver.sibling(focus, text) == expected


def test_org_prefixed_id_prefers_the_model_it_names_exactly() -> None:
    """'acme/widget-7b-it' (a Hugging Face id) is the lab's model, not a reseller's copy
    whose id tail compacts to the same key; the reseller's own full id still names it."""
    lab = Model(
        id="acme/widget-7b-it",
        name="Widget 7B",
        lab="Acme",
        lab_id="acme",
        hf_id="Acme/Widget-7B-IT",
    )
    copy = Model(
        id="resell/acme-widget-7b-it", name="Acme Widget 7B Instruct", lab="Resell", lab_id="resell"
    )
    resolver = Resolver.from_records((lab, copy), routes={copy.id: 40, lab.id: 1})
    for text in ("Acme/Widget-7B-IT max output", "what does acme/widget-7b-it cost?"):
        assert resolver.resolve_models(text)[0].model_id == lab.id
    assert resolver.resolve_models("resell/acme-widget-7b-it")[0].model_id == copy.id


def test_sibling_keeps_a_dotted_version_whole(resolver: Resolver) -> None:
    """'and 3?' after Gemini 2.5 Flash swaps the version '2.5', never its '5' alone."""
    found = resolver.sibling("google/gemini-2.5-flash", "and 3?")
    assert found is None or "3.5" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("context window of gpt-4o-ultra-max?", []),
        ("gpt-4o-mini-ultra price", []),
        ("gpt-4o-mini price", ["openai/gpt-4o-mini"]),
        ("claude-sonnet-4-5-20250929", ["anthropic/claude-sonnet-4-5-20250929"]),
    ],
)
def test_a_hyphen_glued_unknown_variant_is_no_mention(
    resolver: Resolver, text: str, expected: list[str]
) -> None:
    """'gpt-4o-ultra-max' is one typed id the catalog lacks, not GPT-4o with trailing words."""
    assert [m.model_id for m in resolver.resolve_models(text)] == expected
    if not expected:
        assert resolver.unresolved_names(text)


@pytest.mark.parametrize("text", ["o3 ctx", "o3 specs", "o3 oss"])
def test_terse_chat_abbreviations_support_a_short_model_name(resolver: Resolver, text: str) -> None:
    """'o3 ctx' (a Slack fragment): the abbreviation is a model cue like 'context'."""
    assert [m.model_id for m in resolver.resolve_models(text)] == ["openai/o3"]
