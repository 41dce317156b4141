"""``assistant catalog audit``: suspected duplicates and conflations, suspect prices and figures."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click
import msgspec

from assistant import paths
from assistant.catalog.audit import Suspect, audit, largest_labs
from assistant.catalog.overlay import load_overlay
from assistant.catalog.store import Catalog
from assistant.errors import CatalogError


def _report_rows(path: Path, section: str) -> list[tuple[str, str]]:
    """(item, detail) rows of one build-report section stored in the catalog."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        sql = "SELECT key, detail FROM build_report WHERE section = ? AND detail IS NOT NULL"
        return [(str(k), str(d)) for k, d in conn.execute(sql, (section,)).fetchall()]
    finally:
        conn.close()


def _print_suspects(suspects: list[Suspect], top: list[str]) -> None:
    """Suspects, high confidence first, with their evidence."""
    order = sorted(suspects, key=lambda s: (s.confidence != "high", s.lab not in top, s.ids))
    for s in order:
        click.echo(f"[{s.confidence}] {s.rule}: {' + '.join(s.ids)}")
        click.echo(f"    {s.evidence}")


@click.command("audit")
@click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(path_type=Path),
    default=None,
    envvar="ASSISTANT_CATALOG",
    help="catalog.db to audit (default: the shipped one).",
)
@click.option(
    "--labs", default=10, show_default=True, help="How many of the largest labs --strict checks."
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 on an unresolved high-confidence duplicate among the largest labs.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
def audit_command(catalog_path: Path | None, labs: int, strict: bool, as_json: bool) -> None:
    """Suspected duplicates and conflations (with evidence), suspect prices and figures."""
    path = catalog_path or paths.default_catalog_path()
    try:
        cat = Catalog.open(path)
        overlay = load_overlay()
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    suspects = audit(cat, overlay)
    top = largest_labs(cat.all_models(), labs)
    prices = [
        {"model": r.model_id, "provider": r.provider_id, "route": r.provider_model_id,
         "input": r.input_price, "output": r.output_price}
        for m in cat.all_models() for r in cat.routes_for(m.id) if r.price_suspect
    ]  # fmt: skip
    figures = _report_rows(path, "suspect figure")
    blocking = [s for s in suspects if s.confidence == "high" and s.lab in top]
    if as_json:
        data = {"suspects": msgspec.to_builtins(suspects), "suspect_prices": prices,
                "suspect_figures": [{"item": i, "values": d} for i, d in figures],
                "largest_labs": top, "unresolved_high_in_largest_labs": len(blocking)}  # fmt: skip
        click.echo(json.dumps(data, sort_keys=True))
    else:
        click.echo(f"identity: {len(suspects)} unresolved suspicions "
                   f"({len(blocking)} high-confidence among the {labs} largest labs)")  # fmt: skip
        _print_suspects(suspects, top)
        click.echo(f"prices: {len(prices)} routes far outside their model's other routes "
                   "(kept out of cheapest until overlay confirmed_prices lists them)")  # fmt: skip
        for p in prices:
            click.echo(f"    {p['model']} on {p['provider']}/{p['route']}: "
                       f"${p['input']} in / ${p['output']} out per 1M")  # fmt: skip
        click.echo(f"figures: {len(figures)} facts whose sources disagree wildly")
        for item, detail in figures:
            click.echo(f"    {item}: {detail}")
    if strict and blocking:
        raise SystemExit(1)
