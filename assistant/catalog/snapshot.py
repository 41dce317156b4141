"""Snapshot dates of the vendored sources: ``dates.json`` in the sources folder, when an
``assistant catalog update`` wrote one, else each reader's built-in snapshot date."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATES_FILE = "dates.json"


@lru_cache(maxsize=16)
def _dates(root: str) -> dict[str, str]:
    """The dates file of one sources folder as {source name: YYYY-MM-DD} ({} when absent)."""
    path = Path(root) / DATES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def dates_of(root: Path) -> dict[str, str]:
    """Every date the sources folder's dates file records."""
    return dict(_dates(str(root.resolve())))


def source_date(root: Path, source: str, default: str) -> str:
    """The snapshot date of one source in this sources folder."""
    return _dates(str(root.resolve())).get(source, default)


def write_dates(root: Path, dates: dict[str, str]) -> None:
    """Write the dates file (the update command's record of what it downloaded when)."""
    (root / DATES_FILE).write_text(json.dumps(dates, indent=2, sort_keys=True) + "\n", "utf-8")
    _dates.cache_clear()
