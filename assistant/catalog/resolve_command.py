"""`assistant catalog resolve "TEXT" [--json] [--catalog PATH]`: show the model mentions found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import msgspec

from assistant.catalog.resolve import Mention, Resolver
from assistant.catalog.store import Catalog
from assistant.errors import CatalogError
from assistant.paths import default_catalog_path


@click.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="catalog.db to read (default: the shipped one).",
)
def resolve(text: str, as_json: bool, catalog_path: Path | None) -> None:
    """Find the model mentions in TEXT, with ids, scores and candidates."""
    try:
        catalog = Catalog.open(catalog_path or default_catalog_path())
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    resolver = Resolver.from_catalog(catalog)
    mentions = resolver.resolve_models(text)
    if as_json:
        payload = {"mentions": [mention_json(m) for m in mentions]}
        click.echo(msgspec.json.encode(payload).decode())
        return
    click.echo(render_mentions(mentions, resolver.unresolved_names(text)))


def mention_json(mention: Mention) -> dict[str, Any]:
    """The wire shape of one mention: text, id, name, score, candidates, plus span and alias."""
    return {
        "text": mention.text,
        "id": mention.model_id,
        "name": mention.name,
        "score": mention.score,
        "candidates": [
            {"id": c.model_id, "name": c.name, "score": c.score} for c in mention.candidates
        ],
        "start": mention.start,
        "end": mention.end,
        "alias": mention.alias,
    }


def render_mentions(mentions: tuple[Mention, ...], unknown: tuple[str, ...]) -> str:
    """Human-readable lines: one per mention, then names not found in the catalog."""
    lines = []
    for m in mentions:
        lines.append(f"{m.text!r} [{m.start}:{m.end}] -> {m.model_id} ({m.name}), score {m.score}")
        lines.extend(
            f"    did you mean {c.model_id} ({c.name}), score {c.score}?" for c in m.candidates
        )
    lines.extend(f"{name!r}: not in the catalog" for name in unknown)
    return "\n".join(lines) if lines else "no model mentioned"
