"""Reading the OpenRouter listing (models-dev/models.json): routes of provider ``openrouter``.

Prices are per-token strings, converted to USD per 1M tokens; ``:free`` ids are free
routes with 0 prices; any other 0 (or the router's -1) is unknown.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.catalog.observations import (
    RANK_OPENROUTER,
    Observation,
    Report,
    RouteObs,
    SourceData,
    SourceMeta,
)
from assistant.catalog.snapshot import source_date
from assistant.catalog.traits import as_int, as_price, as_str, modality_caps

SOURCE = "openrouter"
SNAPSHOT = "2026-07-02"
URL = "https://openrouter.ai/api/v1/models"
PER_MILLION = 1_000_000.0

# supported_parameters that state a capability (absence says nothing: unknown).
_PARAM_CAPS = {
    "tools": ("function_calling",),
    "tool_choice": ("tool_use",),
    "reasoning": ("reasoning",),
    "include_reasoning": ("reasoning",),
    "structured_outputs": ("structured_outputs",),
    "response_format": ("structured_outputs",),
    "web_search_options": ("web_search",),
}


def _name(raw: Any) -> str | None:
    """The model name without OpenRouter's ``Lab: `` prefix."""
    text = as_str(raw)
    if text and ": " in text:
        text = text.split(": ", 1)[1]
    return text


def _facts(entry: dict[str, Any]) -> dict[str, Any]:
    """Model-level facts stated by one listing entry."""
    arch = entry.get("architecture") or {}
    inputs, outputs = arch.get("input_modalities"), arch.get("output_modalities")
    facts: dict[str, Any] = {
        "name": _name(entry.get("name")),
        "context_window": as_int(entry.get("context_length")),
        "knowledge_cutoff": as_str(entry.get("knowledge_cutoff")),
        "hf_id": as_str(entry.get("hugging_face_id")),
        "deprecation_date": as_str(entry.get("expiration_date")),
    }
    if isinstance(inputs, list):
        facts["input_modalities"] = sorted("pdf" if m == "file" else m for m in inputs)
    if isinstance(outputs, list):
        facts["output_modalities"] = sorted(outputs)
    facts.update(
        modality_caps(
            inputs if isinstance(inputs, list) else None,
            outputs if isinstance(outputs, list) else None,
        )
    )
    for param in entry.get("supported_parameters") or []:
        for cap in _PARAM_CAPS.get(str(param), ()):
            facts[cap] = True
    if as_price((entry.get("pricing") or {}).get("input_cache_read")) is not None:
        facts["prompt_caching"] = True
    return {k: v for k, v in facts.items() if v is not None}


def _route(entry: dict[str, Any]) -> RouteObs:
    """The openrouter route of one listing entry."""
    pricing = entry.get("pricing") or {}
    top = entry.get("top_provider") or {}
    model_id = str(entry["id"])
    free = model_id.endswith(":free")
    return RouteObs(
        provider_id="openrouter",
        provider_model_id=model_id,
        input_price=0.0 if free else as_price(pricing.get("prompt"), PER_MILLION),
        output_price=0.0 if free else as_price(pricing.get("completion"), PER_MILLION),
        cache_read_price=as_price(pricing.get("input_cache_read"), PER_MILLION),
        cache_write_price=as_price(pricing.get("input_cache_write"), PER_MILLION),
        free=free,
        context_window=as_int(top.get("context_length")),
        max_output=as_int(top.get("max_completion_tokens")),
        deprecation_date=as_str(entry.get("expiration_date")),
    )


def read_openrouter(root: Path, report: Report) -> SourceData:
    """Observations from the OpenRouter listing; a malformed file is reported and skipped."""
    date = source_date(root, SOURCE, SNAPSHOT)
    data = SourceData(meta=SourceMeta(name=SOURCE, snapshot_date=date, url=URL))
    path = root / "models-dev" / "models.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["data"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        report.note("skipped", "models-dev/models.json", f"unreadable listing: {exc}")
        return data
    for entry in entries:
        if not isinstance(entry, dict) or not as_str(entry.get("id")):
            report.count("skipped rows", "openrouter: entry without id")
            continue
        report.count("rows read", "openrouter listing")
        extra = [as_str(entry.get(k)) for k in ("canonical_slug", "hugging_face_id")]
        data.observations.append(
            Observation(
                source=SOURCE,
                rank=RANK_OPENROUTER,
                date=date,
                url=f"https://openrouter.ai/{entry['id']}",
                names=(str(entry["id"]), *(n for n in extra if n)),
                facts=_facts(entry),
                route=_route(entry),
            )
        )
    return data
