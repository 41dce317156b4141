"""The ``assistant catalog`` commands: build, stats, show (and the resolver's resolve)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from assistant import paths
from assistant.catalog.audit_command import audit_command
from assistant.catalog.build import build_catalog
from assistant.catalog.observations import Report
from assistant.catalog.records import Model
from assistant.catalog.resolve_command import resolve
from assistant.catalog.show import render_model
from assistant.catalog.store import Catalog
from assistant.catalog.update_command import diff, update
from assistant.errors import CatalogError

_STEPS = ("modelsdev", "openrouter", "litellm", "link", "merge", "write")


def _catalog_option(func: click.decorators.FC) -> click.decorators.FC:
    """The shared ``--catalog PATH`` option (env ASSISTANT_CATALOG)."""
    return click.option(
        "--catalog",
        "catalog_path",
        type=click.Path(path_type=Path),
        envvar="ASSISTANT_CATALOG",
        default=None,
        help="catalog.db to read (default: the shipped catalog).",
    )(func)


def _open(path: Path | None) -> Catalog:
    """Open the catalog or exit with a clean message."""
    try:
        return Catalog.open(path or paths.default_catalog_path())
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
def catalog() -> None:
    """Build and inspect the model catalog."""


@catalog.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("catalog.db"))
@click.option("--sources", type=click.Path(path_type=Path), default=None)
@click.option("--report", "report_path", type=click.Path(path_type=Path), default=None)
@click.option("--seed-only", is_flag=True, help="Only the seed page's two models (golden).")
def build(out: Path, sources: Path | None, report_path: Path | None, seed_only: bool) -> None:
    """Build catalog.db from the vendored sources and the curated overlay."""
    started = time.perf_counter()
    source_dir = sources or paths.sources_dir()
    with click.progressbar(length=len(_STEPS), label="building catalog") as bar:

        def step(_: str) -> None:
            bar.update(1)

        try:
            report = build_catalog(out, source_dir, seed_only=seed_only, step=step)
        except CatalogError as exc:
            raise click.ClickException(str(exc)) from exc
    summary = _summary(report)
    if report_path:
        report_path.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    _print_summary(summary, out, time.perf_counter() - started)


def _summary(report: Report) -> dict[str, object]:
    """The build report as JSON-ready data."""
    counts: dict[str, dict[str, int]] = {}
    for (section, key), n in sorted(report.counts.items()):
        counts.setdefault(section, {})[key] = n
    listed = [{"section": s, "item": k, "detail": d} for s, k, d in sorted(report.details)]
    return {"counts": counts, "listed": listed}


def _print_summary(summary: dict[str, object], out: Path, seconds: float) -> None:
    """Print the build summary."""
    counts = summary["counts"]
    assert isinstance(counts, dict)
    for section, values in counts.items():
        click.echo(f"{section}:")
        for key, n in values.items():
            click.echo(f"  {key}: {n}")
    listed = summary["listed"]
    assert isinstance(listed, list)
    for item in listed[:20]:
        click.echo(f"  [{item['section']}] {item['item']}: {item['detail']}")
    if len(listed) > 20:
        click.echo(f"  ... {len(listed) - 20} more listed items (see --report)")
    click.echo(f"wrote {out} in {seconds:.1f}s")


@catalog.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@_catalog_option
def stats(as_json: bool, catalog_path: Path | None) -> None:
    """Counts of models, providers, routes, aliases, benchmarks, conflicts; sources."""
    cat = _open(catalog_path)
    counts: dict[str, object] = dict(cat.stats())
    counts["source_snapshots"] = {s.name: s.snapshot_date for s in cat.sources()}
    if as_json:
        click.echo(json.dumps(counts, sort_keys=True))
        return
    for key, value in cat.stats().items():
        click.echo(f"{key:>12}: {value}")
    for source in cat.sources():
        click.echo(f"  source {source.name} (snapshot {source.snapshot_date})")


def find_model(cat: Catalog, text: str) -> Model | None:
    """A model by exact id or alias, case-insensitively."""
    wanted = text.strip().lower()
    for model in cat.all_models():
        if model.id.lower() == wanted:
            return model
    ids = sorted({a.model_id for a in cat.aliases() if a.alias.lower() == wanted})
    return cat.model(ids[0]) if ids else None


@catalog.command()
@click.argument("model")
@_catalog_option
def show(model: str, catalog_path: Path | None) -> None:
    """A model's facts with sources, capabilities, routes, benchmarks and disagreements."""
    cat = _open(catalog_path)
    found = find_model(cat, model)
    if found is None:
        raise click.ClickException(f"no model with id or alias {model!r}")
    click.echo(render_model(cat, found))


catalog.add_command(resolve)
catalog.add_command(audit_command)
catalog.add_command(update)
catalog.add_command(diff)
