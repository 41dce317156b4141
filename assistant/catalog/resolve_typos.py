"""The resolver's typo pass: rapidfuzz over plausible windows only.

A window is a run of up to five atoms the exact pass left uncovered, joined by
spaces or glue characters, holding a digit ("clade sonet 4.5", "gtp-4o"), whose
longer words are all name words or one edit away from one (never plain
English). It is compared, with the optimal-string-alignment edit distance,
only against catalog keys with the same digits and the same first letter: a
typo may not change a version number. An edit limit grows with length (1 up to
8 characters, 2 up to 15, then 3); the score is ``100 * (1 - edits / length)``.
A runner-up within ``MARGIN`` points is kept as a candidate ("did you mean").
"""

from __future__ import annotations

import re

import msgspec
from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant.catalog import names
from assistant.catalog.resolve_index import Entry, Index

MARGIN = 8
MIN_SCORE = 75
MAX_WINDOW = 8
MAX_RUNNERS = 3
_ALPHA_RUN = re.compile(r"[^\W\d_]+")
_CACHE_LIMIT = 50_000

# per atom: (may sit in a typo window, carries a digit, has a 3+ letter word)
AtomKind = tuple[bool, bool, bool]


class Hit(msgspec.Struct, frozen=True):
    """A match over atoms ``first..last`` (inclusive) before spans are finalised."""

    first: int
    last: int
    entries: tuple[Entry, ...]
    score: int
    weak: bool = False
    runners: tuple[tuple[Entry, int], ...] = ()
    family: bool = False


def typo_hits(
    ix: Index, kinds: dict[str, AtomKind], atoms: list[str], gaps: list[str], taken: list[Hit]
) -> list[Hit]:
    """Typo matches over atoms the exact hits leave, longest window first.

    A window may swallow whole exact hits next to a mistyped word ("GPT-5 Coex" is
    "GPT-5 Codex", not "GPT-5"); the caller drops the exact hits a typo hit covers.
    """
    owner = {k: h for h in taken for k in range(h.first, h.last + 1)}
    found: list[Hit] = []
    for run in _runs(ix, kinds, atoms, gaps, owner):
        for i in run:
            for j in range(min(run[-1], i + MAX_WINDOW - 1), i - 1, -1):
                if _splits_version(atoms, gaps, i, j):
                    continue
                hit = _window_hit(ix, kinds, atoms, i, j, owner)
                if hit is not None:
                    found.append(hit)
                    break
    return _non_overlapping(found)


def _runs(
    ix: Index, kinds: dict[str, AtomKind], atoms: list[str], gaps: list[str], owner: dict[int, Hit]
) -> list[list[int]]:
    """Maximal runs of joined name-ish atoms that hold a digit and an uncovered atom."""
    runs: list[list[int]] = []
    current: list[int] = []
    for k, atom in enumerate(atoms):
        ok = _kind(ix, kinds, atom)[0] or k in owner
        ok = ok or bool(current and atom in names.SUFFIX_WORDS)  # "gema 4 e2b it"
        if ok and current and (gaps[k].isspace() or gaps[k] in "-_./:"):
            current.append(k)
            continue
        if current:
            runs.append(current)
        current = [k] if ok else []
    if current:
        runs.append(current)
    return [r for r in runs if any(kinds[atoms[k]][1] for k in r) and _has_free(r, owner)]


def _splits_version(atoms: list[str], gaps: list[str], i: int, j: int) -> bool:
    """True when the window starts or ends inside a dotted version ("4" of "4.7")."""
    after = j + 1 < len(atoms) and gaps[j + 1] == "." and atoms[j].isdigit()
    before = i > 0 and gaps[i] == "." and atoms[i][:1].isdigit()
    return (after and atoms[j + 1][:1].isdigit()) or (before and atoms[i - 1].isdigit())


def _has_free(span: list[int] | range, owner: dict[int, Hit]) -> bool:
    """True when some atom of the span is not part of an exact hit."""
    return any(k not in owner for k in span)


def _kind(ix: Index, kinds: dict[str, AtomKind], atom: str) -> AtomKind:
    """Classify an atom once (cached): may it sit in a typo window, digit, long word."""
    kind = kinds.get(atom)
    if kind is None:
        if len(kinds) > _CACHE_LIMIT:
            kinds.clear()
        words = [w for w in _ALPHA_RUN.findall(atom) if len(w) >= 3]
        ok = atom not in names.ENGLISH_WORDS and all(_near_name_word(ix, w) for w in words)
        kind = kinds[atom] = (ok, any(c.isdigit() for c in atom), bool(words))
    return kind


def _near_name_word(ix: Index, word: str) -> bool:
    """True for words used in names or one edit away from one ("sonet", "gemni", "gtp")."""
    if word in names.ENGLISH_WORDS:
        return False
    if word in ix.vocab or word in ix.near:
        return True
    return any(d in ix.near for d in names.deletes(word))


def _window_hit(
    ix: Index, kinds: dict[str, AtomKind], atoms: list[str], i: int, j: int, owner: dict[int, Hit]
) -> Hit | None:
    """The fuzzy match for atoms ``i..j`` when they hold a digit and a name word."""
    window = atoms[i : j + 1]
    if not any(kinds[a][1] for a in window) or not any(kinds[a][2] for a in window):
        return None
    if _cuts_hit(i, j, owner) or not _adds_word(ix, kinds, atoms, i, j, owner):
        return None
    key = "".join(window)
    block = ix.blocks.get((names.digits_of(key), key[0]))
    limit = edit_limit(len(key))
    if not block or not limit:
        return None
    scored = process.extract(key, block, scorer=OSA.distance, score_cutoff=limit, limit=6)
    ranked = _rank(ix, key, [(str(c), int(d)) for c, d, _ in scored])
    if not ranked:
        return None
    (best, score), rest = ranked[0], ranked[1:]
    runners = tuple((e, s) for e, s in rest[:MAX_RUNNERS] if s >= score - MARGIN)
    return Hit(i, j, (best,), score, runners=runners)


def _adds_word(
    ix: Index,
    kinds: dict[str, AtomKind],
    atoms: list[str],
    i: int,
    j: int,
    owner: dict[int, Hit],
) -> bool:
    """True when the window has a free atom, and a mistyped free word if it swallows a hit.

    "GPT-5 Coex" may swallow "GPT-5" ("coex" is no name word); "Sonnet 4.5 max output"
    may not swallow "Sonnet 4.5" ("max" is spelled right and just follows the name).
    """
    free = [k for k in range(i, j + 1) if k not in owner]
    if len(free) == j - i + 1:
        return True
    return any(kinds[atoms[k]][2] and atoms[k] not in ix.vocab for k in free)


def _cuts_hit(i: int, j: int, owner: dict[int, Hit]) -> bool:
    """True when the window covers only part of an exact hit."""
    edge = [owner[k] for k in (i, j) if k in owner]
    return any(h.first < i or h.last > j for h in edge)


def _rank(ix: Index, key: str, scored: list[tuple[str, int]]) -> list[tuple[Entry, int]]:
    """The preferred model of each close name, one per model, best first."""
    seen: dict[str, tuple[Entry, int]] = {}
    for choice, dist in scored:
        score = round(100 * (1 - dist / max(len(key), len(choice))))
        entry = ix.exact[choice][0]
        held = seen.get(entry.model_id)
        if score >= MIN_SCORE and (held is None or score > held[1]):
            seen[entry.model_id] = (entry, score)
    return sorted(seen.values(), key=lambda p: (-p[1], p[0].rank))


def edit_limit(length: int) -> int:
    """How many edits a typo may hold: none under 5 characters, 1 to 8, 2 to 15, then 3."""
    if length < 5:
        return 0
    return 1 if length <= 8 else 2 if length <= 15 else 3


def _non_overlapping(hits: list[Hit]) -> list[Hit]:
    """Keep the longest, then best-scored, hits that do not overlap."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.first - h.last, -h.score, h.first)):
        if all(hit.last < k.first or hit.first > k.last for k in kept):
            kept.append(hit)
    return kept
