"""Display names: the name users see, cleaned of source decorations, chosen at build time.

Sources decorate names: OpenRouter prefixes the lab (``Anthropic: Claude Opus 4.5``,
``DeepSeek/DeepSeek-V3.2``), models.dev marks aliases (``Claude Opus 4.1 (latest)``) and
free re-listings (``CoBuddy (free)``). A display name drops a leading ``<Lab>: `` (or
``<Org>/``) when the part before it is the model's lab, and trailing ``(latest)`` /
``(free)`` marks. The raw names stay aliases (rows.py).

Many names of provider-only models are raw lowercase ids (``jamba-1.5-large``). When
the chosen name is one and another source gives a proper name for the same model (its
tokens agree with the id's), the proper name is shown instead: best level, then rank,
then the most common. A lowercase name from models.dev ``models/`` or the lab's own API is its
styling (``gpt-oss-20b``, ``o3-mini``) and stays.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import msgspec

from assistant.catalog.link import ORG_LABS
from assistant.catalog.merge import FactBook
from assistant.catalog.modelkey import Key, lab_words, name_key, names_agree
from assistant.catalog.observations import RANK_LAB_PROVIDER

_TRAILING = re.compile(r"\s*\((?:latest|free)\)\s*$", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(?:([^:/]{2,40}?):\s+|([^\s:/]{2,40})/)(\S.*)$")


def fold(text: str) -> str:
    """Letters and digits only, lowercase."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def lab_spellings(lab_id: str, lab_name: str | None) -> frozenset[str]:
    """Folded spellings of a lab: its id, display name and known org spellings."""
    spellings = {fold(lab_id), fold(lab_name or "")}
    spellings |= {fold(org) for org, lab in ORG_LABS.items() if lab == lab_id}
    return frozenset(s for s in spellings if s)


def is_lab_prefix(prefix: str, spellings: frozenset[str]) -> bool:
    """True when a name's ``X:`` prefix names the lab (``Nous`` for nousresearch, too)."""
    words = prefix.split()
    folded, first = fold(prefix), fold(words[0]) if words else ""
    if len(words) > 3 or not folded:
        return False
    return any(
        s in (folded, first) or (len(folded) >= 4 and s.startswith(folded)) for s in spellings
    )


def clean_display(name: str, spellings: frozenset[str]) -> str:
    """A name without a leading lab prefix and trailing ``(latest)`` / ``(free)`` marks."""
    text = name.strip()
    while _TRAILING.search(text):
        text = _TRAILING.sub("", text)
    match = _PREFIX.match(text)
    if match and is_lab_prefix(match.group(1) or match.group(2), spellings):
        text = match.group(3).strip()
    return text or name.strip()


def is_id_like(name: str) -> bool:
    """True for a raw lowercase id used as a name (``jamba-1.5-large``), not ``o3``."""
    return name == name.lower() and " " not in name and bool(re.search(r"[-_:/]", name))


def _just_an_id(name: str, spellings: frozenset[str]) -> bool:
    """True for an id-like name, also behind the lab's name (``OpenAI o1-mini``)."""
    head, _, rest = name.partition(" ")
    return is_id_like(name) or (fold(head) in spellings and is_id_like(rest))


def display_name(book: FactBook, model_id: str, lab_name: str | None) -> str | None:
    """The model's display name: the chosen name, cleaned, or a proper name for an id-like one."""
    chosen = book.chosen(model_id, "name")
    if chosen is None:
        return None
    lab_id = model_id.split("/", 1)[0]
    spellings = lab_spellings(lab_id, lab_name)
    name = clean_display(str(msgspec.json.decode(chosen[0])), spellings)
    if not is_id_like(name) or chosen[1].rank <= RANK_LAB_PROVIDER:
        return name  # a lab's own lowercase name (``gpt-oss-20b``, ``o3-mini``) stays
    words = lab_words(lab_id)
    wanted = name_key(model_id.split("/", 1)[1], words)
    return _proper_name(book, model_id, spellings, words, wanted) or name


def _proper_name(
    book: FactBook, model_id: str, spellings: frozenset[str], words: tuple[Key, ...], wanted: Key
) -> str | None:
    """The best-ranked non-id-like name whose tokens agree with the id's, or None."""
    entries = book.values.get((model_id, "name"), {})
    votes: Counter[str] = Counter()
    best: dict[str, tuple[int, int]] = {}
    for (level, _source, value), (_, rank, _obs) in entries.items():
        name = clean_display(str(msgspec.json.decode(value)), spellings)
        if _just_an_id(name, spellings) or not names_agree(name_key(name, words), wanted):
            continue
        votes[name] += 1
        best[name] = min(best.get(name, (level, rank)), (level, rank))
    if not votes:
        return None
    return min(votes, key=lambda n: (best[n], -votes[n], n))


def apply_display_names(models: list[dict[str, Any]], book: FactBook) -> None:
    """Set each model row's ``name`` to its display name (rows without one keep theirs)."""
    for row in models:
        row["name"] = display_name(book, row["id"], row["lab"]) or row["name"]
