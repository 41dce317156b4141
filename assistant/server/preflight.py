"""Cheap start-up checks of the catalog and intents paths, before the engine loads them.

They turn the commonest mistakes (a wrong ``--catalog`` path, a file that is not SQLite,
a missing intents folder) into one clear message before any socket is opened.
"""

from __future__ import annotations

from pathlib import Path

from assistant.engine.lexicon import load_lexicon
from assistant.errors import CatalogError, IntentsError
from assistant.settings import Settings

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_inputs(settings: Settings) -> None:
    """Raise CatalogError or IntentsError when the configured paths cannot be served."""
    check_catalog(settings.catalog)
    check_intents(settings.intents)
    load_lexicon(settings.lexicon)  # a bad lexicon file stops start-up with its message


def check_catalog(path: Path) -> None:
    """The catalog must be a readable SQLite file."""
    if not path.exists():
        raise CatalogError(f"catalog not found: {path} (build it with `assistant catalog build`)")
    if not path.is_file():
        raise CatalogError(f"catalog is not a file: {path}")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CatalogError(f"catalog cannot be read: {path} ({exc.strerror})") from exc
    if head != SQLITE_MAGIC:
        raise CatalogError(f"catalog is not an SQLite database (corrupt?): {path}")


def check_intents(path: Path) -> None:
    """The intents must be a folder."""
    if not path.is_dir():
        raise IntentsError(f"intents folder not found: {path}")
