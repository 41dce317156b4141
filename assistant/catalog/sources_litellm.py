"""Reading LiteLLM's price and context map: chat/completion/responses routes only.

Per-token USD prices become USD per 1M tokens; 0 is unknown unless the id says free.
``litellm_provider`` names map to models.dev provider ids where they are the same
company; unknown ones become providers of their own, named readably from the
LiteLLM key (``lambda_ai`` -> "Lambda AI"); the overlay names well-known ones properly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from assistant.catalog.observations import (
    RANK_LITELLM,
    Observation,
    ProviderObs,
    Report,
    RouteObs,
    SourceData,
    SourceMeta,
)
from assistant.catalog.snapshot import source_date
from assistant.catalog.traits import as_bool, as_int, as_price, as_str, modality_caps

SOURCE = "litellm"
SNAPSHOT = "2026-07-02"  # vendored with the models.dev snapshot (litellm 1.110.2)
URL = "https://docs.litellm.ai/docs/providers"
PER_MILLION = 1_000_000.0
CHAT_MODES = frozenset({"chat", "completion", "responses"})

PROVIDER_IDS: dict[str, str] = {
    "bedrock": "amazon-bedrock",
    "bedrock_converse": "amazon-bedrock",
    "bedrock_mantle": "amazon-bedrock",
    "azure": "azure",
    "azure_text": "azure",
    "azure_ai": "azure-cognitive-services",
    "vertex_ai": "google-vertex",
    "vertex_ai-language-models": "google-vertex",
    "vertex_ai-text-models": "google-vertex",
    "vertex_ai-anthropic_models": "google-vertex-anthropic",
    "gemini": "google",
    "together_ai": "togetherai",
    "fireworks_ai": "fireworks-ai",
    "novita": "novita-ai",
    "text-completion-openai": "openai",
    "chatgpt": "openai",
    "gmi": "gmicloud",
    "vercel_ai_gateway": "vercel",
    "codestral": "mistral",
    "text-completion-codestral": "mistral",
    "github_copilot": "github-copilot",
    "dashscope": "alibaba",
    "snowflake": "snowflake-cortex",
    "cloudflare": "cloudflare-workers-ai",
    "opencode_go": "opencode-go",
    "moonshot": "moonshotai",
    "friendliai": "friendli",
    "cohere_chat": "cohere",
    "text-completion-inception": "inception",
    "bigmodel": "zhipuai",
    "xiaomi_mimo": "xiaomi",
    "meta_llama": "llama",
    "amazon_nova": "nova",
}

_CAPS = {
    "supports_vision": "vision",
    "supports_function_calling": "function_calling",
    "supports_tool_choice": "tool_use",
    "supports_response_schema": "structured_outputs",
    "supports_reasoning": "reasoning",
    "supports_audio_input": "audio_input",
    "supports_audio_output": "audio_output",
    "supports_pdf_input": "pdf_input",
    "supports_web_search": "web_search",
    "supports_prompt_caching": "prompt_caching",
}


def provider_id(litellm_provider: str) -> str:
    """The catalog provider id for a LiteLLM provider name."""
    if litellm_provider.startswith("vertex_ai"):
        return PROVIDER_IDS.get(litellm_provider, "google-vertex")
    return PROVIDER_IDS.get(litellm_provider, litellm_provider.replace("_", "-").lower())


def _facts(entry: dict[str, Any]) -> dict[str, Any]:
    """Model-level facts stated by one LiteLLM entry (stated booleans only)."""
    facts: dict[str, Any] = {
        "context_window": as_int(entry.get("max_input_tokens")),
        "max_output": as_int(entry.get("max_output_tokens")),
        "deprecation_date": as_str(entry.get("deprecation_date")),
        "successor": as_str(entry.get("successor_model")),
    }
    inputs = entry.get("supported_modalities")
    outputs = entry.get("supported_output_modalities")
    facts.update(
        modality_caps(
            inputs if isinstance(inputs, list) else None,
            outputs if isinstance(outputs, list) else None,
        )
    )
    for key, cap in _CAPS.items():
        value = as_bool(entry.get(key))
        if value is not None:
            facts[cap] = value
    if as_price(entry.get("code_interpreter_cost_per_session")) is not None:
        facts["code_execution"] = True
    return {k: v for k, v in facts.items() if v is not None}


def _route(pid: str, pmid: str, entry: dict[str, Any]) -> RouteObs:
    """The route one LiteLLM entry describes."""
    free = "free" in pmid.lower() and not as_price(entry.get("output_cost_per_token"))

    def price(key: str) -> float | None:
        return as_price(entry.get(key), PER_MILLION)

    tier = _long_tier(entry)
    above = f"above_{(tier or 0) // 1000}k_tokens"
    return RouteObs(
        provider_id=pid,
        provider_model_id=pmid,
        long_context_threshold=tier,
        deprecation_date=as_str(entry.get("deprecation_date")),
        successor=as_str(entry.get("successor_model")),
        long_input_price=price(f"input_cost_per_token_{above}") if tier else None,
        long_output_price=price(f"output_cost_per_token_{above}") if tier else None,
        input_price=0.0 if free else price("input_cost_per_token"),
        output_price=0.0 if free else price("output_cost_per_token"),
        cache_read_price=price("cache_read_input_token_cost"),
        cache_write_price=price("cache_creation_input_token_cost"),
        batch_input_price=price("input_cost_per_token_batches"),
        batch_output_price=price("output_cost_per_token_batches"),
        free=free,
        context_window=as_int(entry.get("max_input_tokens")),
        max_output=as_int(entry.get("max_output_tokens")),
    )


_TIER = re.compile(r"^input_cost_per_token_above_(\d+)k_tokens$")


def _long_tier(entry: dict[str, Any]) -> int | None:
    """The lowest prompt size (tokens) above which the entry states a long-context price."""
    tiers = [int(m.group(1)) * 1000 for key in entry if (m := _TIER.match(key))]
    return min(tiers) if tiers else None


def _strip_provider(key: str, litellm_provider: str) -> str:
    """The key without its leading ``provider/`` segment."""
    prefix = litellm_provider + "/"
    return key[len(prefix) :] if key.startswith(prefix) else key


def _keep(key: str, entry: Any, report: Report) -> bool:
    """True for chat-like entries; others are counted as skipped."""
    if key == "sample_spec":
        report.count("skipped rows", "litellm: sample_spec")
        return False
    if not isinstance(entry, dict) or not as_str(entry.get("litellm_provider")):
        report.count("skipped rows", "litellm: no litellm_provider")
        return False
    if entry.get("mode") not in CHAT_MODES:
        report.count("skipped rows", f"litellm: mode {entry.get('mode')}")
        return False
    return True


def _mode(key: str, entry: Any, data: SourceData) -> None:
    """Keep an entry's ``mode`` (any mode, chat or not) as evidence of the model's kind."""
    if not isinstance(entry, dict) or key == "sample_spec":
        return
    lp, mode = as_str(entry.get("litellm_provider")), as_str(entry.get("mode"))
    if lp and mode and " " not in mode:
        data.modes.append((provider_id(lp), _strip_provider(key, lp), mode))


_ACRONYMS = frozenset({"ai", "api", "llm", "nlp", "gpu", "ibm", "aws", "oci"})


def readable_name(key: str) -> str:
    """A provider key as words (``clf_ai_gateway`` -> "Clf AI Gateway"); styled names stay."""
    words = [w for w in re.split(r"[_\-\s]+", key.strip()) if w]
    if not words or key != key.lower():
        return key
    return " ".join(w.upper() if w in _ACRONYMS else w[:1].upper() + w[1:] for w in words)


def read_litellm(root: Path, report: Report) -> SourceData:
    """Observations (routes) and providers from the LiteLLM map."""
    date = source_date(root, SOURCE, SNAPSHOT)
    data = SourceData(meta=SourceMeta(name=SOURCE, snapshot_date=date, license="MIT", url=URL))
    path = root / "litellm" / "model_prices_and_context_window.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(entries, dict)
    except (OSError, ValueError, AssertionError) as exc:
        report.note("skipped", "litellm/model_prices_and_context_window.json", f"unreadable: {exc}")
        return data
    seen: set[str] = set()
    for key, entry in sorted(entries.items()):
        report.count("rows read", "litellm entries")
        _mode(key, entry, data)
        if not _keep(key, entry, report):
            continue
        lp = str(entry["litellm_provider"])
        pid = provider_id(lp)
        if pid not in seen and pid == lp.replace("_", "-").lower() and lp not in PROVIDER_IDS:
            seen.add(pid)
            data.providers.append(ProviderObs(id=pid, name=readable_name(lp), rank=RANK_LITELLM))
        pmid = _strip_provider(key, lp)
        alias_of = as_str(entry.get("alias_of"))
        names = ([_strip_provider(alias_of, lp)] if alias_of else []) + [pmid]
        data.observations.append(
            Observation(
                source=SOURCE,
                rank=RANK_LITELLM,
                date=date,
                url=as_str(entry.get("source")) or URL,
                names=tuple(names),
                facts=_facts(entry),
                route=_route(pid, pmid, entry),
                aliases=((key, "provider_id"),),
            )
        )
    return data
