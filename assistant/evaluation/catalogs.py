"""The catalogs an evaluation runs on: the full one given, and a seed-only one built on demand."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from assistant.errors import CatalogError
from assistant.paths import sources_dir


def _build_function() -> Callable[..., object] | None:
    """The catalog build's entry point, when the build module offers one."""
    try:
        build = importlib.import_module("assistant.catalog.build")
    except ImportError:
        return None
    function = getattr(build, "build_catalog", None)
    return function if callable(function) else None


def build_seed_catalog(out: Path) -> Path:
    """Build a seed-only catalog at ``out`` (in process when possible) and return its path."""
    function = _build_function()
    if function is not None:
        function(out, sources_dir(), seed_only=True)
        return out
    command = [sys.executable, "-m", "assistant", "catalog", "build", "--seed-only", "--out"]
    done = subprocess.run([*command, str(out)], capture_output=True, text=True, check=False)
    if done.returncode != 0 or not out.exists():
        raise CatalogError(f"seed-only catalog build failed: {done.stderr.strip()[-500:]}")
    return out
