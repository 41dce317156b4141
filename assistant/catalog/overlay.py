"""The curated overlay (overlay.toml): seed-page models, family licenses/params, nicknames.

Validated at load by strict msgspec structs (``forbid_unknown_fields``) so a typo in
the file fails loudly. Turned into rank-0 observations, the highest precedence.
"""

from __future__ import annotations

import fnmatch
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec

from assistant.catalog.kinds import KindRule, kind_ids
from assistant.catalog.observations import (
    RANK_OVERLAY,
    Observation,
    ProviderObs,
    RouteObs,
    SourceMeta,
)
from assistant.catalog.records import CAPABILITIES
from assistant.errors import CatalogError


class _Strict(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Base for overlay structs: unknown keys are errors."""


class OverlayRoute(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A route the overlay states (prices USD per 1M tokens)."""

    provider_id: str
    provider_model_id: str
    input_price: float | None = None
    output_price: float | None = None
    free: bool = False
    context_window: int | None = None


class OverlayModel(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A model stated in full by a curated source (e.g. the seed page)."""

    id: str
    name: str
    source: str
    url: str
    date: str
    seed: bool = False
    lab: str | None = None
    release_date: str | None = None
    knowledge_cutoff: str | None = None
    context_window: int | None = None
    max_output: int | None = None
    input_modalities: list[str] | None = None
    output_modalities: list[str] | None = None
    open_weights: bool | None = None
    license: str | None = None
    parameters: str | None = None
    params_total: float | None = None
    params_active: float | None = None
    architecture: str | None = None
    capabilities: dict[str, bool] = {}
    routes: list[OverlayRoute] = []
    aliases: list[str] = []


class OverlayProvider(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A provider display-name override."""

    id: str
    name: str
    seed: bool = False
    doc_url: str | None = None


class FamilyRule(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """License / parameter facts for model ids matching any glob, with the source URL.

    No date of its own: every rule is cited with the overlay's date, which is the date in
    its ``sources`` row, so the two never disagree.
    """

    match: list[str]
    url: str
    license: str | None = None
    parameters: str | None = None
    params_total: float | None = None
    params_active: float | None = None
    open_weights: bool | None = None
    architecture: str | None = None


class Nickname(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A name people type for a model."""

    alias: str
    model_id: str


class Link(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A confirmed identity link from the audit: ``id`` is the same model as ``model_id``."""

    id: str
    model_id: str
    evidence: str


class Distinct(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An audit suspicion checked and rejected: these ids are different models."""

    ids: list[str]
    evidence: str


class FormerId(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An id a model had in an earlier catalog, kept so what named it still resolves."""

    id: str
    model_id: str


class Overlay(_Strict, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The whole overlay file."""

    date: str
    source: str = "curated overlay"
    models: list[OverlayModel] = []
    providers: list[OverlayProvider] = []
    families: list[FamilyRule] = []
    nicknames: list[Nickname] = []
    former_ids: list[FormerId] = []
    kinds: list[KindRule] = []
    links: list[Link] = []
    distinct: list[Distinct] = []
    # "provider/provider model id" of routes whose outlying price was checked and is right
    confirmed_prices: list[str] = []


_MODEL_FIELDS = (
    "name", "release_date", "knowledge_cutoff", "context_window", "max_output",
    "input_modalities", "output_modalities", "open_weights", "license", "parameters",
    "params_total", "params_active", "architecture",
)  # fmt: skip
_RULE_FIELDS = ("license", "parameters", "params_total", "params_active", "open_weights")
_RULE_FIELDS_ALL = (*_RULE_FIELDS, "architecture")


def load_overlay(path: Path | None = None) -> Overlay:
    """Read and validate the overlay (default: the packaged overlay.toml)."""
    try:
        if path is None:
            raw = resources.files("assistant.catalog").joinpath("overlay.toml").read_bytes()
        else:
            raw = path.read_bytes()
        overlay = msgspec.toml.decode(raw, type=Overlay)
    except (OSError, msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise CatalogError(f"overlay is invalid: {exc}") from exc
    bad_kinds = sorted({r.kind for r in overlay.kinds} - set(kind_ids()))
    if bad_kinds:
        raise CatalogError(f"overlay [[kinds]]: unknown kinds {bad_kinds}")
    for model in overlay.models:
        unknown = set(model.capabilities) - set(CAPABILITIES)
        if unknown:
            raise CatalogError(f"overlay model {model.id}: unknown capabilities {sorted(unknown)}")
    return overlay


def model_observations(overlay: Overlay, seed_only: bool) -> list[Observation]:
    """Rank-0 observations for the overlay's models (and their routes)."""
    out = []
    for model in overlay.models:
        if seed_only and not model.seed:
            continue
        facts: dict[str, Any] = {f: getattr(model, f) for f in _MODEL_FIELDS}
        facts["lab"] = model.lab
        facts.update(model.capabilities)
        facts = {k: v for k, v in facts.items() if v is not None}
        aliases = tuple((a, "nickname") for a in model.aliases)
        out.append(
            Observation(
                source=model.source, rank=RANK_OVERLAY, date=model.date, url=model.url,
                model_id=model.id, names=(model.id,), facts=facts, aliases=aliases,
            )
        )  # fmt: skip
        for route in model.routes:
            out.append(
                Observation(
                    source=model.source, rank=RANK_OVERLAY, date=model.date, url=model.url,
                    model_id=model.id, names=(route.provider_model_id,),
                    route=RouteObs(**msgspec.structs.asdict(route)),
                )
            )  # fmt: skip
    return out


def provider_observations(overlay: Overlay, seed_only: bool) -> list[ProviderObs]:
    """Provider display-name overrides."""
    return [
        ProviderObs(id=p.id, name=p.name, doc_url=p.doc_url, rank=RANK_OVERLAY)
        for p in overlay.providers
        if p.seed or not seed_only
    ]


def family_observations(overlay: Overlay, model_ids: list[str]) -> list[Observation]:
    """Rank-0 license/parameter observations for every model id a family rule matches."""
    out = []
    for model_id in sorted(model_ids):
        for rule in overlay.families:
            if not any(fnmatch.fnmatchcase(model_id, glob) for glob in rule.match):
                continue
            facts = {f: getattr(rule, f) for f in _RULE_FIELDS_ALL if getattr(rule, f) is not None}
            out.append(
                Observation(
                    source=overlay.source, rank=RANK_OVERLAY, date=overlay.date,
                    url=rule.url, model_id=model_id, names=(model_id,), facts=facts,
                )
            )  # fmt: skip
            break
    return out


def nickname_observations(overlay: Overlay) -> list[Observation]:
    """Alias-only observations for curated nicknames and former ids."""
    nicknames = [
        Observation(
            source=overlay.source, rank=RANK_OVERLAY, date=overlay.date, model_id=n.model_id,
            names=(n.model_id,), aliases=((n.alias, "nickname"),),
        )
        for n in overlay.nicknames
    ]  # fmt: skip
    former = [
        Observation(
            source=overlay.source, rank=RANK_OVERLAY, date=overlay.date, model_id=f.model_id,
            names=(f.model_id,), aliases=((f.id, "id"), (f.id.split("/", 1)[-1], "id")),
        )
        for f in overlay.former_ids
    ]  # fmt: skip
    return nicknames + former


def overlay_sources(overlay: Overlay, seed_only: bool) -> list[SourceMeta]:
    """Source rows for the overlay's own citations."""
    metas = {
        m.source: SourceMeta(name=m.source, snapshot_date=m.date, url=m.url)
        for m in overlay.models
        if m.seed or not seed_only
    }
    if not seed_only:
        metas[overlay.source] = SourceMeta(name=overlay.source, snapshot_date=overlay.date)
    return [metas[k] for k in sorted(metas)]
