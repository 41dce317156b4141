"""The README and docs/contract.md stand on their own in a clone and match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.server.wire import INTENT_NAMES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
CONTRACT = (ROOT / "docs" / "contract.md").read_text()
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_no_readme_path_leaves_the_clone() -> None:
    assert "../" not in README


@pytest.mark.parametrize("target", sorted(set(LINK.findall(README))))
def test_readme_links_resolve(target: str) -> None:
    if target.startswith(("http://", "https://", "mailto:")):
        return
    if target.startswith("#"):
        anchors = {
            re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-")
            for heading in re.findall(r"^#+ (.+)$", README, re.MULTILINE)
        }
        assert target[1:] in anchors
        return
    assert (ROOT / target.split("#")[0]).exists(), target


def test_the_contract_names_every_intent() -> None:
    missing = [name for name in INTENT_NAMES if f"`{name}`" not in CONTRACT]
    assert missing == []


def test_the_contract_keeps_the_base_contract_and_its_extensions() -> None:
    for needle in ('{"type": "message"', "POST /api/chat", '"type": "welcome"', '"type": "resume"'):
        assert needle in CONTRACT
