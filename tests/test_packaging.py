"""The lock files and the Docker build: pins that satisfy pyproject, a context that stays small.

The image and CI install from the lock files; these checks catch a dependency added to
pyproject.toml without re-locking, and a Dockerfile whose dependency layer would be
rebuilt by a code edit.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCKS = {
    "requirements.lock": PROJECT["dependencies"],
    "requirements-test.lock": [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]],
}


def pins(lock: str) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` line of a lock file."""
    found = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / lock).read_text(), re.MULTILINE)
    return {canonicalize_name(name): version for name, version in found}


@pytest.mark.parametrize("lock", LOCKS)
def test_every_dependency_is_pinned_within_its_range(lock: str) -> None:
    pinned = pins(lock)
    for line in LOCKS[lock]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is missing from {lock}: re-run pip-compile (README)"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (name, lock)


def test_the_test_lock_agrees_with_the_image_lock() -> None:
    image, test = pins("requirements.lock"), pins("requirements-test.lock")
    assert {name: test.get(name) for name in image} == image


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's (instruction, arguments), continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_dependencies_are_installed_before_the_code_is_copied() -> None:
    steps = instructions()
    lock_install = steps.index(("RUN", "pip install -r requirements.lock"))
    copies = [(i, args) for i, (op, args) in enumerate(steps) if op == "COPY"]
    before = [args for i, args in copies if i < lock_install]
    assert before == ["requirements.lock ./"]  # only the lock feeds the dependency layer
    assert any(args.startswith("assistant") for i, args in copies if i > lock_install)


def test_the_build_context_is_only_what_the_image_copies() -> None:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert patterns[0] == "*"  # everything else (.git, data/, .venv, tests) stays out
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    sources = [args.split()[:-1] for op, args in instructions() if op == "COPY"]
    copied = {source.rstrip("/") for group in sources for source in group}
    assert copied == allowed
    assert all((ROOT / name).exists() for name in allowed)
