"""Merging provider-only ids that are one model: keys, stamps, canonical safety."""

from __future__ import annotations

from assistant.catalog.dedupe import merge_map
from assistant.catalog.merge import Linked
from assistant.catalog.modelkey import id_key, lab_words
from assistant.catalog.observations import RANK_MODELS, RANK_PROVIDER, Observation, RouteObs
from assistant.catalog.reid import rename_map, slugify


def _key(lab: str, slug: str) -> tuple[tuple[str, ...], str | None]:
    return id_key(slug, lab_words(lab))


def test_keys_agree_across_spellings() -> None:
    assert _key("anthropic", "claude-4.5-opus") == _key("anthropic", "claude-opus-4-5")
    assert _key("anthropic", "anthropic-claude-opus-4") == _key("anthropic", "claude-opus-4-0")
    assert _key("amazon", "nova-pro-1-0") == _key("amazon", "nova-pro-v1")
    assert _key("alibaba", "qwen-qwq-32b-preview") == _key("alibaba", "qwq-32b-preview")
    assert _key("deepseek", "v3.2") == _key("deepseek", "deepseek-3.2")
    assert _key("meta", "llama3-1-70b-instruct") == _key("meta", "meta-llama-3.1-70b-instruct")
    assert _key("anthropic", "claude-3-7-sonnet-20250219") == (
        _key("anthropic", "claude-sonnet-3.7")[0], "20250219")  # fmt: skip
    assert _key("google", "gemini-2.0-flash-001")[1] == "001"


def test_keys_keep_variants_sizes_and_versions_apart() -> None:
    assert _key("openai", "gpt-4.5") != _key("openai", "gpt-5.4")
    assert _key("google", "gemini-2.0-flash") != _key("google", "gemini-2.0-flash-lite")
    assert _key("meta", "llama-3.1-70b") != _key("meta", "llama-3.1-70b-instruct")
    assert _key("alibaba", "qwen3-32b") != _key("alibaba", "qwen3-14b")
    assert _key("alibaba", "qwen3-1.7b-fp8-draft-131072")[1] is None  # a context size


def _obs(model_id: str, name: str, *, canonical: bool = False, provider: str = "p") -> Observation:
    route = None if canonical else RouteObs(provider_id=provider, provider_model_id=model_id)
    return Observation(
        source="models.dev" if canonical else f"models.dev:{provider}",
        rank=RANK_MODELS if canonical else RANK_PROVIDER, date="2026-01-01",
        model_id=model_id if canonical else None, names=(model_id,), facts={"name": name},
        route=route,
    )  # fmt: skip


def _linked(*items: tuple[str, str, bool]) -> Linked:
    return [(_obs(m, n, canonical=c), m) for m, n, c in items]


def test_provider_only_spellings_merge_into_the_canonical_model() -> None:
    renames = merge_map(_linked(
        ("anthropic/claude-opus-4-5", "Claude Opus 4.5 (latest)", True),
        ("anthropic/claude-opus-4-5-20251101", "Claude Opus 4.5", True),
        ("anthropic/claude-4.5-opus", "Anthropic: Claude Opus 4.5", False),
        ("anthropic/claude-3-5-haiku-20241022", "Claude Haiku 3.5", True),
        ("anthropic/claude-haiku-3.5", "Claude-Haiku-3.5", False),
    ))  # fmt: skip
    assert renames == {
        "anthropic/claude-4.5-opus": "anthropic/claude-opus-4-5",
        "anthropic/claude-haiku-3.5": "anthropic/claude-3-5-haiku-20241022",
    }


def test_two_canonical_models_never_merge() -> None:
    renames = merge_map(_linked(
        ("google/gemini-2.0-flash", "Gemini 2.0 Flash", True),
        ("google/gemini-2.0-flash-001", "Gemini 2.0 Flash", True),
    ))  # fmt: skip
    assert renames == {}


def test_a_stamp_with_a_differently_stamped_sibling_does_not_merge() -> None:
    renames = merge_map(_linked(
        ("bytedance/doubao-seed-1.6", "Doubao Seed 1.6", False),
        ("bytedance/doubao-seed-1-6-250615", "Doubao Seed 1.6", False),
        ("bytedance/doubao-seed-1-6-251015", "Doubao Seed 1.6", False),
    ))  # fmt: skip
    assert renames == {}


def test_clashing_names_block_a_merge_and_clean_ids_win() -> None:
    renames = merge_map(_linked(
        ("deepseek/deepseek-v3", "DeepSeek V3", False),
        ("deepseek/v3", "DeepSeek-V3.1", False),
        ("amazon/nova-pro-v1", "Nova Pro 1.0", False),
        ("amazon/nova-pro-1-0", "nova-pro-1-0", False),
    ))  # fmt: skip
    assert renames == {"amazon/nova-pro-1-0": "amazon/nova-pro-v1"}


def test_awkward_provider_only_ids_take_a_cleaner_spelling() -> None:
    linked = _linked(
        ("meta/llama3-1-70b-instruct", "Llama 3.1 70B Instruct", False),
        ("meta/llama-4-scout", "Llama 4 Scout", True),
        ("google/google-paligemma", "paligemma", False),
        ("google/gemini-2.5-pro", "Gemini 2.5 Pro", True),
        ("google/gemini-2.5-flash-preview-05-20", "gemini-2.5-flash-preview-05-20", False),
    )
    assert rename_map(linked) == {
        "meta/llama3-1-70b-instruct": "meta/llama-3.1-70b-instruct",
        "google/google-paligemma": "google/paligemma",
    }
    assert slugify("Qwen 3.5 9B (MLX 4-bit)") == "qwen-3.5-9b-mlx-4-bit"


def test_the_labs_own_api_id_is_never_renamed() -> None:
    own = RouteObs(provider_id="xai", provider_model_id="grok-4-1-fast-reasoning")
    obs = Observation(source="models.dev:xai", rank=RANK_PROVIDER, date="2026-01-01",
                      names=("grok-4-1-fast-reasoning",), facts={"name": "Grok 4.1 Fast"},
                      route=own)  # fmt: skip
    assert rename_map([(obs, "xai/grok-4-1-fast-reasoning")]) == {}


def _route_obs(model_id: str, name: str, provider: str, provider_model_id: str,
               hf: str | None = None) -> tuple[Observation, str]:  # fmt: skip
    facts: dict[str, object] = {"name": name} | ({"hf_id": hf} if hf else {})
    route = RouteObs(provider_id=provider, provider_model_id=provider_model_id)
    obs = Observation(source=f"models.dev:{provider}", rank=RANK_PROVIDER, date="2026-01-01",
                      names=(provider_model_id,), facts=facts, route=route)  # fmt: skip
    return obs, model_id


def test_a_shared_hugging_face_id_is_one_model() -> None:
    linked = _linked(("alibaba/qwen3-coder-480b-a35b-instruct", "Qwen3-Coder 480B-A35B Instruct",
                      True))  # fmt: skip
    hf = "Qwen/Qwen3-Coder-480B-A35B-Instruct"
    linked.append(_route_obs("alibaba/qwen3-coder-480b-a35b-instruct", "Qwen3 Coder", "openrouter",
                             "qwen/qwen3-coder", hf=hf))  # fmt: skip
    # an aggregator reusing the OpenRouter slug shares its Hugging Face id
    linked.append(_route_obs("alibaba/qwen3-coder", "Qwen3 Coder", "kilo", "qwen/qwen3-coder"))
    # a provider id spelled like the HF repo, in any case
    linked.append(_route_obs("mistral/devstral-2-123b", "Devstral 2 123B", "nano-gpt",
                             "mistralai/devstral-2-123b-instruct-2512"))  # fmt: skip
    linked.append(_route_obs("mistral/devstral-2512", "Devstral 2", "mistral", "devstral-2512",
                             hf="mistralai/Devstral-2-123B-Instruct-2512"))  # fmt: skip
    assert merge_map(linked) == {
        "alibaba/qwen3-coder": "alibaba/qwen3-coder-480b-a35b-instruct",
        "mistral/devstral-2-123b": "mistral/devstral-2512",
    }


def test_quantised_builds_and_other_variants_never_merge_by_hf_id() -> None:
    hf = "Qwen/Qwen3-32B"
    linked = [
        _route_obs("alibaba/qwen3-32b", "Qwen3 32B", "a", "Qwen/Qwen3-32B", hf=hf),
        _route_obs("alibaba/qwen3-32b-awq", "Qwen3 32B AWQ", "b", "qwen3-32b-awq", hf=hf),
        _route_obs("alibaba/qwen3-32b-fast", "Qwen3 32B Fast", "c", "Qwen/Qwen3-32B"),
        _route_obs("alibaba/qwen3.5-32b", "Qwen3.5 32B", "d", "x", hf=hf),  # another version
    ]
    assert merge_map(linked) == {}


def test_a_moving_alias_merges_only_into_a_single_same_name_model() -> None:
    one = merge_map(_linked(
        ("mistral/voxtral-mini-latest", "Voxtral Mini", False),
        ("mistral/voxtral-mini", "Voxtral Mini", False),
    ))  # fmt: skip
    assert one == {"mistral/voxtral-mini-latest": "mistral/voxtral-mini"}
    two = merge_map(_linked(
        ("mistral/devstral-latest", "Devstral", False),
        ("mistral/devstral-small", "Devstral", False),
        ("mistral/devstral-large", "Devstral", False),
    ))  # fmt: skip
    assert two == {}


def test_mistral_yymm_codes_are_stamps_only_beside_a_same_name_model() -> None:
    renames = merge_map(_linked(
        ("mistral/mistral-medium-2505", "Mistral Medium 3", True),
        ("mistral/mistral-medium-3", "Mistral Medium 3", False),
        ("mistral/devstral-2512", "Devstral 2", True),
        ("mistral/devstral-2", "Devstral 2", False),
        ("mistral/mistral-small-2506", "Mistral Small 3.2", True),
        ("mistral/mistral-small-3.1", "Mistral Small 3.1", False),  # another name
        ("xai/grok-2512", "Grok 2", False),  # not a lab that writes YYMM codes
        ("xai/grok-2", "Grok 2", False),
    ))  # fmt: skip
    assert renames == {
        "mistral/mistral-medium-3": "mistral/mistral-medium-2505",
        "mistral/devstral-2": "mistral/devstral-2512",
    }
