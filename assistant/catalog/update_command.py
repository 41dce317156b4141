"""``assistant catalog update`` (refresh from URLs or files) and ``assistant catalog diff``."""

from __future__ import annotations

from pathlib import Path

import click

from assistant import paths
from assistant.catalog.diff import diff_catalogs, render_diff
from assistant.catalog.store import Catalog
from assistant.catalog.update import refresh
from assistant.errors import CatalogError

_STEPS = 12  # downloads, the build's steps, validate, swap (the bar's length; it may end early)


@click.command("update")
@click.option(
    "--models-dev",
    "models_dev",
    default=None,
    metavar="PATH|URL",
    help="models.dev api.json (replaces the vendored providers/ folder).",
)
@click.option(
    "--litellm",
    default=None,
    metavar="PATH|URL",
    help="LiteLLM model_prices_and_context_window.json.",
)
@click.option(
    "--openrouter", default=None, metavar="PATH|URL", help="OpenRouter /api/v1/models JSON."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="The catalog to refresh (default: the shipped catalog.db).",
)
@click.option(
    "--sources",
    type=click.Path(path_type=Path),
    default=None,
    help="The vendored sources the rest comes from (default: data/sources).",
)
def update(models_dev: str | None, litellm: str | None, openrouter: str | None,
           out: Path | None, sources: Path | None) -> None:  # fmt: skip
    """Download sources, build a new catalog beside the old one, check it, print the diff
    and swap it in atomically; a bad or partial download changes nothing."""
    locations = {k: v for k, v in (("models.dev", models_dev), ("litellm", litellm),
                                   ("openrouter", openrouter)) if v}  # fmt: skip
    if not locations:
        raise click.UsageError("give at least one of --models-dev, --litellm, --openrouter")
    target = out or paths.default_catalog_path()
    with click.progressbar(length=_STEPS, label="updating catalog") as bar:
        try:
            diff = refresh(target, sources or paths.sources_dir(), locations,
                           step=lambda _: bar.update(1))  # fmt: skip
        except CatalogError as exc:
            raise click.ClickException(f"{exc}; {target} was not changed") from exc
    click.echo(render_diff(diff))
    click.echo(f"updated {target}")


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--all", "show_all", is_flag=True, help="Every change, not the first 15 of each.")
def diff(old: Path, new: Path, show_all: bool) -> None:
    """Models added and removed; price, context, capability and deprecation changes."""
    try:
        before, after = Catalog.open(old), Catalog.open(new)
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(render_diff(diff_catalogs(before, after), shown=10**9 if show_all else 15))
