"""Refreshing the catalog from the live published source formats, safely.

``refresh`` fetches each given source (a path or an http(s) URL; httpx with timeouts and
retries), checks it parses into the expected shape, stages a copy of the vendored sources
with the new files in place (models.dev ``api.json`` replaces the providers/ folder; the
OpenRouter listing and LiteLLM's map replace theirs) and a ``dates.json`` recording today's
date for what was downloaded, builds a new catalog *beside* the old one, validates it (no
source skipped, row counts within bounds of the old catalog) and only then swaps it in with
one atomic rename. Any failure raises UpdateError and leaves the old catalog untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from assistant.catalog.build import build_catalog
from assistant.catalog.diff import CatalogDiff, diff_catalogs
from assistant.catalog.snapshot import dates_of, write_dates
from assistant.catalog.store import Catalog
from assistant.errors import CatalogError, UpdateError

# source name -> the file inside the sources folder a download replaces
TARGETS: dict[str, str] = {
    "models.dev": "models-dev/api.json",
    "litellm": "litellm/model_prices_and_context_window.json",
    "openrouter": "models-dev/models.json",
}
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
RETRIES = 3
MIN_SHARE, MAX_SHARE = 0.5, 2.0  # new row counts must stay within these shares of the old

Step = Callable[[str], None]


def _no_step(_: str) -> None:
    """Progress callback that does nothing."""


def fetch(location: str, client: httpx.Client | None = None) -> bytes:
    """The bytes at a path or an http(s) URL; UpdateError after the retries fail."""
    if not location.startswith(("http://", "https://")):
        try:
            return Path(location).read_bytes()
        except OSError as exc:
            raise UpdateError(f"cannot read {location}: {exc}") from exc
    own = client is None
    client = client or httpx.Client(
        timeout=TIMEOUT, transport=httpx.HTTPTransport(retries=RETRIES), follow_redirects=True
    )
    try:
        for attempt in range(RETRIES):
            try:
                response = client.get(location)
            except httpx.HTTPError as exc:
                error: str = str(exc)
            else:
                if response.status_code < 500:
                    response.raise_for_status() if response.status_code >= 400 else None
                    return response.content
                error = f"HTTP {response.status_code}"
            time.sleep(0.2 * 2**attempt)
        raise UpdateError(f"download failed after {RETRIES} attempts: {location} ({error})")
    except httpx.HTTPStatusError as exc:
        raise UpdateError(f"download failed: {location} (HTTP {exc.response.status_code})") from exc
    finally:
        if own:
            client.close()


def _models_dev(data: Any) -> bool:
    """api.json: provider id -> {..., "models": {...}}."""
    return (
        isinstance(data, dict)
        and bool(data)
        and all(isinstance(v, dict) and isinstance(v.get("models"), dict) for v in data.values())
    )


def _litellm(data: Any) -> bool:
    """The price map: key -> entry, entries naming their litellm_provider."""
    return isinstance(data, dict) and any(
        isinstance(v, dict) and "litellm_provider" in v for v in data.values()
    )


def _openrouter(data: Any) -> bool:
    """The models listing: {"data": [...]} with at least one entry."""
    return isinstance(data, dict) and isinstance(data.get("data"), list) and bool(data["data"])


_SHAPES: dict[str, Callable[[Any], bool]] = {
    "models.dev": _models_dev, "litellm": _litellm, "openrouter": _openrouter,
}  # fmt: skip


def check_shape(source: str, raw: bytes) -> None:
    """Raise UpdateError unless the bytes are the source's published JSON shape."""
    try:
        data: Any = json.loads(raw)
    except ValueError as exc:
        raise UpdateError(f"{source}: not JSON ({exc})") from exc
    ok = _SHAPES[source](data)
    if not ok:
        raise UpdateError(f"{source}: not the published format (partial or wrong download?)")


def stage(sources: Path, staging: Path, files: dict[str, bytes], today: str) -> Path:
    """A copy of the vendored sources with the downloaded files in place; returns its root."""
    root = staging / "sources"
    shutil.copytree(sources, root)
    dates = dates_of(sources)
    for source, raw in files.items():
        target = root / TARGETS[source]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        dates[source] = today
    if "models.dev" in files:
        shutil.rmtree(root / "models-dev" / "providers", ignore_errors=True)
    write_dates(root, dates)
    return root


def validate(new_path: Path, old: Catalog | None, report_skipped: list[str]) -> Catalog:
    """Open the new catalog and check it; UpdateError when a check fails."""
    if report_skipped:
        raise UpdateError(f"a source was skipped by the build: {', '.join(report_skipped)}")
    try:
        new = Catalog.open(new_path)
    except CatalogError as exc:
        raise UpdateError(f"the new catalog does not open: {exc}") from exc
    counts = new.stats()
    if counts["models"] == 0 or counts["routes"] == 0:
        raise UpdateError("the new catalog has no models or no routes")
    if old is not None:
        before = old.stats()
        for key in ("models", "routes"):
            low, high = before[key] * MIN_SHARE, before[key] * MAX_SHARE
            if not low <= counts[key] <= high:
                raise UpdateError(
                    f"{key}: {counts[key]} in the new catalog vs {before[key]} now "
                    f"(outside {MIN_SHARE:g}x-{MAX_SHARE:g}x)"
                )
    return new


def refresh(
    out: Path,
    sources: Path,
    locations: dict[str, str],
    *,
    step: Step = _no_step,
    client: httpx.Client | None = None,
    today: str | None = None,
) -> CatalogDiff:
    """Download, stage, build beside ``out``, validate, swap in; returns old -> new diff."""
    unknown = sorted(set(locations) - set(TARGETS))
    if unknown:
        raise UpdateError(f"unknown sources {unknown}")
    files = {}
    for source, location in sorted(locations.items()):
        step(f"download {source}")
        files[source] = fetch(location, client)
        check_shape(source, files[source])
    old = Catalog.open(out) if out.exists() else None
    date = today or dt.datetime.now(dt.UTC).date().isoformat()
    with tempfile.TemporaryDirectory(prefix="catalog-update-", dir=out.parent) as tmp:
        root = stage(sources, Path(tmp), files, date)
        new_path = out.with_name(out.name + ".new")
        try:
            report = build_catalog(new_path, root, step=step)
            targets = [TARGETS[n] for n in files]
            skipped = [k for s, k, _ in report.details if s == "skipped"
                       and any(k == t or k.startswith(t + ":") for t in targets)]  # fmt: skip
            step("validate")
            new = validate(new_path, old, skipped)
            diff = diff_catalogs(old or Catalog.from_records(), new)
            step("swap")
            os.replace(new_path, out)
        finally:
            new_path.unlink(missing_ok=True)
    return diff
