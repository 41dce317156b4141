"""Where the shipped catalog, intents and lexicon live, for a checkout and an installed package."""

from __future__ import annotations

from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def default_catalog_path() -> Path:
    """The shipped ``catalog.db``: in the working directory, else at the repository root."""
    for base in (Path.cwd(), _REPO_ROOT):
        candidate = base / "catalog.db"
        if candidate.exists():
            return candidate
    return _REPO_ROOT / "catalog.db"


def default_intents_dir() -> Path:
    """The shipped ``intents/`` folder: in the working directory, else at the repository root."""
    for base in (Path.cwd(), _REPO_ROOT):
        candidate = base / "intents"
        if candidate.is_dir():
            return candidate
    return _REPO_ROOT / "intents"


def default_lexicon_dir() -> Path:
    """The shipped ``lexicon/`` folder: in the working directory, else at the repository root."""
    for base in (Path.cwd(), _REPO_ROOT):
        candidate = base / "lexicon"
        if candidate.is_dir():
            return candidate
    return _REPO_ROOT / "lexicon"


def sources_dir() -> Path:
    """The vendored catalog sources (``data/sources``) at the repository root."""
    for base in (Path.cwd(), _REPO_ROOT):
        candidate = base / "data" / "sources"
        if candidate.is_dir():
            return candidate
    return _REPO_ROOT / "data" / "sources"
