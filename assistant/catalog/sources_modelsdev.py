"""Reading models.dev: models/ (canonical model facts) and providers/ (providers and routes).

Every TOML file is read on its own; a malformed one is reported and skipped. Files
without the ``.toml`` suffix are read too (a known quirk of the snapshot).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from assistant.catalog.observations import (
    RANK_LAB_PROVIDER,
    RANK_MODELS,
    RANK_PROVIDER,
    BenchObs,
    Observation,
    ProviderObs,
    Report,
    RouteObs,
    SourceData,
    SourceMeta,
)
from assistant.catalog.snapshot import source_date
from assistant.catalog.traits import as_bool, as_int, as_price, as_str, is_zero, modality_caps

SNAPSHOT = "2026-07-02"
API_FILE = "api.json"  # the published format; `assistant catalog update --models-dev` writes it
URL = "https://models.dev"
SOURCE = "models.dev"


def read_toml(path: Path, root: Path, report: Report) -> dict[str, Any] | None:
    """One TOML file as a dict, or None (reported) when unreadable or malformed."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        report.note("skipped", str(path.relative_to(root)), f"malformed TOML: {exc}")
        return None


def _files(folder: Path) -> list[Path]:
    """Every regular file below a folder, sorted, whatever its suffix."""
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _strip_suffix(rel: str) -> str:
    """A path without its ``.toml`` suffix (files without one keep their name)."""
    return rel[: -len(".toml")] if rel.endswith(".toml") else rel


def model_facts(data: dict[str, Any]) -> dict[str, Any]:
    """The model-level facts a models.dev TOML states (missing fields stay absent)."""
    limit = data.get("limit") or {}
    modalities = data.get("modalities") or {}
    inputs, outputs = modalities.get("input"), modalities.get("output")
    facts: dict[str, Any] = {
        "name": as_str(data.get("name")),
        "family": as_str(data.get("family")),
        "release_date": as_str(data.get("release_date")),
        "knowledge_cutoff": as_str(data.get("knowledge")),
        "context_window": as_int(limit.get("context")),
        "max_output": as_int(limit.get("output")),
        "input_modalities": sorted(inputs) if isinstance(inputs, list) else None,
        "output_modalities": sorted(outputs) if isinstance(outputs, list) else None,
        "open_weights": as_bool(data.get("open_weights")),
        "license": as_str(data.get("license")),
        "reasoning": as_bool(data.get("reasoning")),
        "function_calling": as_bool(data.get("tool_call")),
        "tool_use": as_bool(data.get("tool_call")),
        "structured_outputs": as_bool(data.get("structured_output")),
    }
    listed = inputs if isinstance(inputs, list) else None
    facts.update(modality_caps(listed, outputs if isinstance(outputs, list) else None))
    if listed is None and as_bool(data.get("attachment")) is not None:
        facts["vision"] = data["attachment"]
    hf = _hf_id(data)
    if hf:
        facts["hf_id"] = hf
    return {k: v for k, v in facts.items() if v is not None}


def _hf_id(data: dict[str, Any]) -> str | None:
    """The Hugging Face repo id from a ``[[weights]]`` link, if any."""
    for link in data.get("weights") or []:
        url = str(link.get("url", "")) if isinstance(link, dict) else ""
        marker = "huggingface.co/"
        if marker in url:
            return "/".join(url.split(marker, 1)[1].strip("/").split("/")[:2]) or None
    return None


def _benchmarks(data: dict[str, Any]) -> tuple[BenchObs, ...]:
    """The ``[[benchmarks]]`` rows of a model file."""
    rows = []
    for b in data.get("benchmarks") or []:
        if (
            isinstance(b, dict)
            and as_str(b.get("name"))
            and isinstance(b.get("score"), int | float)
        ):
            rows.append(
                BenchObs(
                    name=str(b["name"]),
                    score=float(b["score"]),
                    metric=as_str(b.get("metric")),
                    url=as_str(b.get("source")),
                    date=as_str(b.get("date")),
                )
            )
    return tuple(rows)


def read_models(root: Path, report: Report) -> list[Observation]:
    """Observations from models/<lab>/<model>.toml: canonical ids are the paths."""
    folder = root / "models-dev" / "models"
    date = source_date(root, SOURCE, SNAPSHOT)
    observations = []
    for path in _files(folder):
        data = read_toml(path, root, report)
        if data is None:
            continue
        report.count("rows read", "models.dev models")
        model_id = _strip_suffix(str(path.relative_to(folder)))
        facts = model_facts(data)
        if as_str(data.get("status")):
            facts["status"] = str(data["status"])
        observations.append(
            Observation(
                source=SOURCE,
                rank=RANK_MODELS,
                date=date,
                url=f"{URL}/models/{model_id}",
                model_id=model_id,
                names=(model_id,),
                lab_hint=model_id.split("/", 1)[0],
                facts=facts,
                benchmarks=_benchmarks(data),
            )
        )
    return observations


def _route(provider_id: str, pmid: str, data: dict[str, Any]) -> RouteObs:
    """The route a provider model file describes; cost 0 is unknown unless marked free."""
    cost = data.get("cost") or {}
    limit = data.get("limit") or {}
    free = _marked_free(pmid, data) and all(
        is_zero(cost.get(k)) or cost.get(k) is None for k in ("input", "output")
    )
    over = cost.get("context_over_200k")
    over = over if isinstance(over, dict) else {}
    return RouteObs(
        provider_id=provider_id,
        provider_model_id=pmid,
        long_context_threshold=200_000 if over else None,
        long_input_price=as_price(over.get("input")),
        long_output_price=as_price(over.get("output")),
        input_price=0.0 if free else as_price(cost.get("input")),
        output_price=0.0 if free else as_price(cost.get("output")),
        cache_read_price=as_price(cost.get("cache_read")),
        cache_write_price=as_price(cost.get("cache_write")),
        free=free,
        context_window=as_int(limit.get("context")),
        max_output=as_int(limit.get("output")),
        status=as_str(data.get("status")),
    )


def _marked_free(pmid: str, data: dict[str, Any]) -> bool:
    """True when the id or the name says the route is free."""
    text = f"{pmid} {data.get('name', '')}".lower()
    return ":free" in text or "(free)" in text or "-free" in text or " free" in text


def read_providers(root: Path, report: Report, labs: set[str]) -> SourceData:
    """Providers and their routes from providers/<id>/provider.toml and models/**."""
    date = source_date(root, SOURCE, SNAPSHOT)
    data = SourceData(meta=SourceMeta(name=SOURCE, snapshot_date=date, license="MIT", url=URL))
    if (root / "models-dev" / API_FILE).is_file():
        return read_api(root, report, labs, data)
    base = root / "models-dev" / "providers"
    for folder in sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []:
        info = (
            read_toml(folder / "provider.toml", root, report)
            if (folder / "provider.toml").is_file()
            else {}
        )
        if info is None:
            info = {}
        data.providers.append(
            ProviderObs(
                id=folder.name,
                name=as_str(info.get("name")) or folder.name,
                doc_url=as_str(info.get("doc")),
                api_url=as_str(info.get("api")),
            )
        )
        models = _folder_models(folder, root, report)
        report.count("rows read", "models.dev providers", len(models))
        data.observations.extend(_provider_models(folder.name, models, labs, date))
    return data


def _folder_models(folder: Path, root: Path, report: Report) -> list[tuple[str, dict[str, Any]]]:
    """(provider model id, model dict) of every file in a provider's models/ folder."""
    models = folder / "models"
    out = []
    for path in _files(models) if models.is_dir() else []:
        data = read_toml(path, root, report)
        if data is None:
            continue
        if not path.name.endswith(".toml"):
            report.note("quirks", str(path.relative_to(root)), "read although it lacks .toml")
        out.append((_strip_suffix(str(path.relative_to(models))), data))
    return out


def read_api(root: Path, report: Report, labs: set[str], data: SourceData) -> SourceData:
    """Providers and routes from models.dev's published ``api.json`` (provider id ->
    {name, doc, api, models: {id: model}}), which replaces the providers/ folder."""
    path = root / "models-dev" / API_FILE
    try:
        api = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(api, dict)
    except (OSError, ValueError, AssertionError) as exc:
        report.note("skipped", f"models-dev/{API_FILE}", f"unreadable: {exc}")
        return data
    for pid, info in sorted(api.items()):
        if not isinstance(info, dict) or not isinstance(info.get("models"), dict):
            report.note("skipped", f"models-dev/{API_FILE}:{pid}", "provider without models")
            continue
        data.providers.append(
            ProviderObs(id=pid, name=as_str(info.get("name")) or pid,
                        doc_url=as_str(info.get("doc")), api_url=as_str(info.get("api")))
        )  # fmt: skip
        models = [(str(k), v) for k, v in sorted(info["models"].items()) if isinstance(v, dict)]
        report.count("rows read", "models.dev providers", len(models))
        data.observations.extend(_provider_models(pid, models, labs, data.meta.snapshot_date))
    return data


def _provider_models(
    provider: str, models: list[tuple[str, dict[str, Any]]], labs: set[str], date: str
) -> list[Observation]:
    """Route observations for one provider's models."""
    out = []
    for pmid, data in models:
        base_model = as_str(data.get("base_model"))
        lab = base_model.split("/", 1)[0] if base_model else None
        own_lab = lab == provider or (lab is None and provider in labs and "/" not in pmid)
        out.append(
            Observation(
                source=f"{SOURCE}:{provider}",
                rank=RANK_LAB_PROVIDER if own_lab else RANK_PROVIDER,
                date=date,
                url=f"{URL}/providers/{provider}",
                model_id=base_model,
                names=(pmid, *([str(data["name"])] if as_str(data.get("name")) else [])),
                lab_hint=lab or (provider if own_lab else None),
                facts=model_facts(data),
                route=_route(provider, pmid, data),
            )
        )
    return out


def read_modelsdev(root: Path, report: Report) -> SourceData:
    """Everything from the models.dev snapshot: canonical models, providers, routes."""
    models = read_models(root, report)
    labs = {o.model_id.split("/", 1)[0] for o in models if o.model_id}
    data = read_providers(root, report, labs)
    data.observations[:0] = models
    return data
