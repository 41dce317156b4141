"""Building catalog.db from the vendored sources plus the curated overlay.

Steps: read every source into observations (reporting malformed files and skipped
rows), link them to model ids (see link.py), merge by precedence (see merge.py), and
write sorted rows with sqlite-utils. No wall-clock time is recorded, and every table
is written in a deterministic order, so two builds give identical content.

Precedence, highest first (a field's chosen value comes from the first that states it):

1. curated overlay (overlay.toml: the seed page's models, family licenses and
   parameter counts, nicknames);
2. models.dev ``models/`` (provider-agnostic model files);
3. models.dev ``providers/`` - the model's own lab's provider before any other;
4. the OpenRouter listing (models-dev/models.json);
5. LiteLLM's price and context map.

Only model-level sources decide a model's facts and can conflict: the overlay,
models.dev ``models/``, the lab's own provider listing (models.dev or LiteLLM), and the
OpenRouter listing (see scope.py). Other providers' values (context caps, flags,
prices) stay on their routes and are kept in ``model_facts`` with scope ``route``;
they fill a field only when no model-level source states it. Within one rank the
most common value wins, then the source name. Material disagreements (numbers more
than 5% apart, dates differing beyond precision, ...) are listed in ``conflicts``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.catalog.dedupe import apply_renames, canonical_ids, dedupe
from assistant.catalog.display import apply_display_names
from assistant.catalog.kind_facts import add_kind_facts
from assistant.catalog.kinds import ModeEntry
from assistant.catalog.link import link
from assistant.catalog.merge import (
    Linked,
    capability_rows,
    collect_facts,
    model_rows,
    route_rows,
)
from assistant.catalog.observations import Observation, ProviderObs, Report, SourceData, SourceMeta
from assistant.catalog.overlay import (
    Overlay,
    family_observations,
    load_overlay,
    model_observations,
    nickname_observations,
    overlay_sources,
    provider_observations,
)
from assistant.catalog.pack import add_model_json, pack_facts
from assistant.catalog.reid import reid
from assistant.catalog.rows import alias_rows, benchmark_rows, provider_rows, source_rows
from assistant.catalog.sanity import fact_disagreements, mark_suspect_prices, route_key
from assistant.catalog.sources_litellm import read_litellm
from assistant.catalog.sources_modelsdev import read_modelsdev
from assistant.catalog.sources_openrouter import read_openrouter
from assistant.catalog.write import write_catalog

Step = Callable[[str], None]
READERS: tuple[Callable[[Path, Report], SourceData], ...] = (
    read_modelsdev,
    read_openrouter,
    read_litellm,
)


@dataclass
class BuildResult:
    """What a build produced: table rows and the report."""

    tables: dict[str, list[dict[str, Any]]]
    report: Report


def _no_step(_: str) -> None:
    """Progress callback that does nothing."""


@dataclass
class Collected:
    """Everything read from the overlay and the sources, before linking."""

    observations: list[Observation]
    providers: list[ProviderObs]
    metas: list[SourceMeta]
    modes: dict[str, list[ModeEntry]]  # source name -> its entries' mode fields


def collect(
    sources: Path, overlay: Overlay, seed_only: bool, report: Report, step: Step
) -> Collected:
    """Read the overlay and (unless seed-only) every source."""
    got = Collected(
        observations=model_observations(overlay, seed_only),
        providers=provider_observations(overlay, seed_only),
        metas=overlay_sources(overlay, seed_only),
        modes={},
    )
    if not seed_only:
        got.observations += nickname_observations(overlay)
        for reader in READERS:
            step(reader.__name__.removeprefix("read_"))
            data = reader(sources, report)
            got.observations += data.observations
            got.providers += data.providers
            got.metas.append(data.meta)
            if data.modes:
                got.modes[data.meta.name] = data.modes
    return got


def apply_links(linked: Linked, overlay: Overlay, report: Report, last: bool) -> Linked:
    """Apply the overlay's confirmed identity links whose two ids exist (run before dedupe
    and again after re-iding, so links naming either step's ids apply); ``last`` reports
    the links that never applied."""
    present = {m for _, m in linked}
    canonical = canonical_ids(linked)  # models.dev files and overlay models: never merged away
    renames = {
        k.id: k.model_id
        for k in overlay.links
        if k.id in present and k.model_id in present and k.id not in canonical
    }
    for k in overlay.links:
        if k.id in renames:
            report.note("confirmed link", k.id, f"{k.model_id}: {k.evidence}")
        elif last and k.id in canonical:
            report.note("confirmed link not applied", k.id, "a models.dev file is never merged")
        elif last and k.id in present:
            report.note("confirmed link not applied", k.id, f"{k.model_id} is not built")
    return apply_renames(linked, renames)


def build_tables(
    sources: Path,
    *,
    seed_only: bool = False,
    overlay: Overlay | None = None,
    step: Step = _no_step,
) -> BuildResult:
    """Every table's rows, built from the sources and the overlay."""
    report = Report()
    overlay = overlay or load_overlay()
    got = collect(sources, overlay, seed_only, report, step)
    observations, providers, metas = got.observations, got.providers, got.metas
    step("link")
    linked = link(observations, report)
    if not seed_only:
        linked = apply_links(linked, overlay, report, last=False)
        linked, _ = dedupe(linked, report)
        linked = apply_links(reid(linked, report), overlay, report, last=True)
    model_ids = sorted({m for _, m in linked})
    if not seed_only:
        families = family_observations(overlay, model_ids)
        linked += [(o, o.model_id or "") for o in families]
        report.count("overlay", "family facts applied", len(families))
    step("merge")
    book = collect_facts(linked)
    routes = route_rows(linked, book)
    add_kind_facts(book, linked, routes, model_ids, overlay, got.modes, metas, report)
    for row, reason in mark_suspect_prices(routes, overlay.confirmed_prices):
        report.note("suspect price", f"{row['model_id']} on {route_key(row)}", reason)
    provider_table = provider_rows(providers, routes)
    lab_names = {p["id"]: p["name"] for p in provider_table}
    lab_names.update({o.model_id.split("/")[0]: o.facts["lab"] for o, _ in linked
                      if o.model_id and "lab" in o.facts})  # fmt: skip
    fact_rows = book.rows()
    for model_id, field, said in fact_disagreements(fact_rows):
        report.note("suspect figure", f"{model_id} {field}", said)
    models = model_rows(book, model_ids, lab_names)
    apply_display_names(models, book)
    tables = {
        "sources": source_rows(metas),
        "providers": provider_table,
        "models": models,
        "capabilities": capability_rows(book, model_ids),
        "routes": routes,
        "aliases": alias_rows(linked, book, routes, models),
        "benchmarks": benchmark_rows(linked),
        "model_facts": pack_facts(fact_rows),
        "conflicts": book.conflicts(),
    }
    add_model_json(tables["models"], tables["capabilities"], fact_rows)
    _summarise(tables, report)
    report.count("tables", "facts", len(fact_rows))
    tables["build_report"] = report.rows()
    return BuildResult(tables=tables, report=report)


def _summarise(tables: dict[str, list[dict[str, Any]]], report: Report) -> None:
    """Add table sizes to the report."""
    for name in ("models", "providers", "routes", "aliases", "benchmarks", "conflicts"):
        report.count("tables", name, len(tables[name]))


def build_catalog(
    out: Path, sources: Path, *, seed_only: bool = False, step: Step = _no_step
) -> Report:
    """Build and write catalog.db at ``out``; returns the build report."""
    result = build_tables(sources, seed_only=seed_only, step=step)
    step("write")
    write_catalog(out, result.tables)
    return result.report
