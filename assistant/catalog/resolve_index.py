"""The resolver's lookup tables, built once from the catalog's models and aliases.

Every name a person might type (catalog aliases, display names, ids, and the
variants from ``names``) becomes a compact key pointing at the models it names,
best first. Preference when one key names several models: a catalog alias over
a guessed variant; a model that is no quantised/format build (int4, fp8, mlx,
gguf, awq, q4 ...) unless the name typed says so; the models.dev canonical model
over lab listings over thin provider-only copies; a pinned id over a dated
snapshot or a moving ``-latest`` pointer; the model with more provider routes,
then with more known facts. A key that only provider-only models carry but that
is a partial name of a canonical model with more routes ("Qwen3 Coder 480B" of
"Qwen3-Coder 480B-A35B Instruct") names that canonical model first.
Keys that are common words, bare numbers or bare family/lab words are never
indexed; short or one-word keys are marked *weak* (they need context).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from assistant.catalog import names
from assistant.catalog.records import Alias, Model

_SNAPSHOT = re.compile(r"(20\d\d-?\d\d-?\d\d|-\d{4}|-latest)$")
_DETAIL = re.compile(r"^[ae]?\d+(\.\d+)?[bm]$")
_QUANTISED = re.compile(
    r"^(int[248]|fp[48]|bf16|fp16|mlx|gguf|awq|gptq|exl2|nf4|q[2-8]|[248]bit|w[48]a(8|16)|quantized)$"
)
_DIRECT_KINDS = {"name": 0, "id": 0, "nickname": 0, "hf_id": 1, "provider_id": 1}
_VARIANT = "variant"
_CANONICAL_SOURCES = frozenset({"models.dev", "curated overlay", "seed-page"})
_MAX_FUZZY_KEY = 32


Rank = tuple[int, int, int, int, int, int, int, int, str]


class Entry(NamedTuple):
    """One model a key names, with the alias text that produced the key."""

    model_id: str
    alias: str
    rank: Rank


class Index(NamedTuple):
    """Lookup tables for the exact pass (keys, split points, prefixes) and the typo pass."""

    exact: dict[str, tuple[Entry, ...]]
    heads: frozenset[str]
    splits: dict[str, frozenset[int]]
    prefixes: frozenset[str]
    weak: frozenset[str]
    blocks: dict[tuple[str, str], tuple[str, ...]]
    vocab: frozenset[str]
    near: frozenset[str]
    names: dict[str, str]
    max_atoms: int
    family: dict[str, tuple[Entry, ...]]


def build_index(
    models: Iterable[Model], aliases: Iterable[Alias], routes: Mapping[str, int] | None = None
) -> Index:
    """Build every lookup table from the catalog's models, aliases and route counts per model."""
    by_id = {m.id: m for m in models}
    served = routes or {}
    aliases = tuple(aliases)
    direct = _direct_keys(by_id, aliases)
    banned = _banned_keys(by_id.values(), direct)
    best: dict[str, dict[str, Entry]] = defaultdict(dict)
    splits: dict[str, set[int]] = defaultdict(set)
    atom_counts: dict[str, int] = {}
    for text, model_id, kind in _all_names(by_id, aliases):
        key = names.compact(text)
        if not _indexable(key, text, banned, key in direct):
            continue
        if key.isalpha() and kind not in ("name", "nickname") and " " not in text.strip():
            continue
        entry = Entry(model_id, text, _rank(by_id[model_id], text, kind, served))
        held = best[key].get(model_id)
        if held is None or entry.rank < held.rank:
            best[key][model_id] = entry
        splits[key] |= names.split_points(text)
        atom_counts[key] = min(atom_counts.get(key, 99), len(names.ATOM.findall(text)))
    exact = {k: tuple(sorted(v.values(), key=lambda e: e.rank)) for k, v in best.items()}
    full_splits = {k: frozenset(v) | names.letter_digit_points(k) for k, v in splits.items()}
    fuzzy_keys = [k for k in exact if _fuzzy_worthy(k)]
    vocab = names.vocabulary(e.alias for k in fuzzy_keys for e in exact[k])
    family, family_splits, partial = _family_keys(by_id, exact)
    _prefer_canonical(exact, partial, by_id, served)
    full_splits.update(family_splits)
    prefixes = _prefixes(full_splits)
    return Index(
        exact=exact,
        heads=prefixes | frozenset(exact),
        splits=full_splits,
        prefixes=prefixes,
        weak=frozenset(k for k in exact if _is_weak(k, atom_counts[k])),
        blocks=_blocks(fuzzy_keys),
        vocab=vocab,
        near=_near(vocab),
        names={m.id: m.name for m in by_id.values()},
        max_atoms=max(atom_counts.values(), default=1) + 2,
        family=family,
    )


def _family_keys(
    by_id: dict[str, Model], exact: dict[str, tuple[Entry, ...]]
) -> tuple[dict[str, tuple[Entry, ...]], dict[str, frozenset[int]], dict[str, list[Entry]]]:
    """Partial names of a family ("claude sonnet", "claude 4", "llama 70b") -> its models.

    A partial name keeps a model name's first (family) word and drops some later words;
    it is never a full catalog name. Its models are the canonical ones the exact pass
    would pick for their own names, newest first: the "did you mean" candidates.
    """
    members: dict[str, dict[str, Entry]] = defaultdict(dict)
    splits: dict[str, set[int]] = defaultdict(set)
    shadowed: dict[str, list[Entry]] = defaultdict(list)  # partial names that are exact keys
    for model in by_id.values():
        entry = _own_entry(model, exact)
        if entry is None:
            continue
        for partial in names.partial_names(model.name):
            key = names.compact(partial)
            if key in exact and _drops_only_details(model.name, partial):
                shadowed[key].append(entry._replace(alias=partial))
            else:
                members[key][entry.model_id] = entry
                splits[key] |= names.split_points(partial)
    family = {
        key: tuple(sorted(found.values(), key=lambda e: _newest_first(by_id[e.model_id])))
        for key, found in members.items()
    }
    family_splits = {k: frozenset(v) | names.letter_digit_points(k) for k, v in splits.items()}
    return family, family_splits, shadowed


def _prefer_canonical(
    exact: dict[str, tuple[Entry, ...]],
    partial: dict[str, list[Entry]],
    by_id: dict[str, Model],
    served: Mapping[str, int],
) -> None:
    """Put a canonical model first on a key that only provider-only copies carry exactly.

    Applies when the key is a partial name of models.dev canonical models and the best
    of them has more routes than the key's own best model (which stays a runner-up).
    """
    for key, extended in partial.items():
        held = exact[key]
        if _canonical(by_id[held[0].model_id]) >= 2:
            continue
        canonical = {e.model_id: e for e in extended if _canonical(by_id[e.model_id]) >= 2}
        if len(canonical) != 1:  # several sizes extend it ("Gemma 4"): no one to prefer
            continue
        (best,) = canonical.values()
        if served.get(best.model_id, 0) > served.get(held[0].model_id, 0):
            rest = tuple(e for e in held if e.model_id != best.model_id)
            exact[key] = (best, *rest)


def _drops_only_details(name: str, partial: str) -> bool:
    """True when the partial name leaves out only sizes and suffixes ("A35B", "Instruct").

    "Qwen3 Coder 480B" of "Qwen3-Coder 480B-A35B Instruct" qualifies; "Qwen3 30B" of
    "Qwen3-Coder 30B-A3B Instruct" and "Llama 3.1" of "Llama 3.1 Nemotron 70B" do not.
    """
    kept = names.ATOM.findall(partial.lower())
    dropped = names.ATOM.findall(names.bare_name(name).lower())
    for atom in kept:
        if atom in dropped:
            dropped.remove(atom)
    return all(_DETAIL.match(atom) or atom in names.SUFFIX_WORDS for atom in dropped)


def _own_entry(model: Model, exact: dict[str, tuple[Entry, ...]]) -> Entry | None:
    """The entry the exact pass picks for this model's own name, if it is this canonical model."""
    if not model.name or _canonical(model) < 1:
        return None
    found = exact.get(names.compact(names.bare_name(model.name)))
    if not found or found[0].model_id != model.id:
        return None
    return found[0]


def _newest_first(model: Model) -> tuple[str, str]:
    """Sort key: most recent release first (unknown dates last), then by name."""
    date = model.release_date or ""
    inverted = "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)
    return (inverted if date else "~", model.name or model.id)


def _all_names(by_id: dict[str, Model], aliases: Iterable[Alias]) -> Iterable[tuple[str, str, str]]:
    """Every (text, model id, kind) worth indexing: aliases, names, ids and their variants."""
    for model in by_id.values():
        yield model.name, model.id, "name"
        yield model.id, model.id, "id"
        for tail in names.id_variants(model.id):
            yield tail, model.id, "id"
        if model.hf_id:
            yield model.hf_id, model.id, "hf_id"
        for variant in names.name_variants(model.name):
            yield variant, model.id, _VARIANT
    for alias in aliases:
        if alias.model_id not in by_id:
            continue
        yield alias.alias, alias.model_id, alias.kind
        if alias.kind in ("name", "nickname"):
            for variant in names.name_variants(alias.alias):
                yield variant, alias.model_id, _VARIANT


def _banned_keys(models: Iterable[Model], direct: set[str]) -> frozenset[str]:
    """Keys that only name a lab or a family of several models (ambiguous alone).

    A family word that is also some model's own name ("Mistral Large") stays usable.
    """
    banned = set(names.FAMILY_WORDS)
    family_sizes: dict[str, int] = defaultdict(int)
    for model in models:
        banned.update(names.compact(w) for w in (model.lab_id, model.lab) if w)
        if model.family:
            family_sizes[names.compact(model.family)] += 1
    banned.update(f for f, n in family_sizes.items() if n >= 2 and f not in direct)
    return frozenset(b for b in banned if not any(c.isdigit() for c in b))


def _direct_keys(by_id: dict[str, Model], aliases: Iterable[Alias]) -> set[str]:
    """Keys of models' own names, id tails and curated nicknames (not provider spellings)."""
    keys = {names.compact(m.name) for m in by_id.values()}
    keys.update(names.compact(m.id.split("/", 1)[-1]) for m in by_id.values())
    keys.update(names.compact(a.alias) for a in aliases if a.kind in ("name", "nickname"))
    return keys


def _indexable(key: str, text: str, banned: frozenset[str], direct: bool) -> bool:
    """False for keys that would invent mentions: numbers, common words, bare families."""
    if len(key) < 2 or key.isdigit() or key in banned or key in names.STOPWORDS:
        return False
    atoms = names.ATOM.findall(text.lower())
    if any(_informative(a, banned) for a in atoms):
        return True
    # only family words, qualifiers and numbers ("GPT-4", "Mistral Large"): a name when a
    # family word carries a version, or when it is some model's own name
    has_family = any(a in banned for a in atoms)
    return has_family and (direct or any(c.isdigit() for c in key))


def _informative(atom: str, banned: frozenset[str]) -> bool:
    """An atom that tells models apart: not a common word, family word or number."""
    return atom not in names.STOPWORDS and atom not in banned and not names.is_quantity(atom)


def _rank(model: Model, text: str, kind: str, served: Mapping[str, int]) -> Rank:
    """Sort key for the models behind one key; smaller is preferred."""
    variant = 1 if kind == _VARIANT else 0
    snapshot = 1 if _SNAPSHOT.search(model.id) else 0
    own = 0 if text in (model.id, model.name, model.id.split("/", 1)[-1]) else 1
    kind_rank = _DIRECT_KINDS.get(kind, 1)
    routes = served.get(model.id, 0)
    return (
        variant,
        _untyped_build(model, text),
        -_canonical(model),
        snapshot,
        own,
        -routes,
        -_richness(model),
        kind_rank,
        model.id,
    )


def is_build_word(atom: str) -> bool:
    """True for a quantisation/format word ("int4", "fp8", "mlx", "gguf", "q4")."""
    return bool(_QUANTISED.match(atom))


def _untyped_build(model: Model, text: str) -> int:
    """1 when the model is a quantised/format build (int4, mlx, gguf ...) the text does not name."""
    builds = {a for a in names.ATOM.findall(model.id.lower()) if _QUANTISED.match(a)}
    if not builds:
        return 0
    typed = set(names.ATOM.findall(text.lower()))
    return 0 if builds & typed else 1


def _canonical(model: Model) -> int:
    """2: the name comes from models.dev's own model file or the curated overlay;
    1: from the lab's own provider listing; 0: from a reseller or gateway only."""
    cite = model.cites.get("name")
    if cite is None:
        return 0
    if cite.source in _CANONICAL_SOURCES:
        return 2
    return 1 if model.lab_id and cite.source.endswith(f":{model.lab_id}") else 0


def _richness(model: Model) -> int:
    """How many facts a model carries: the canonical record has the most."""
    fields = (model.lab, model.family, model.release_date, model.context_window, model.max_output)
    known = sum(1 for value in fields if value is not None)
    return known + len(model.capabilities) + len(model.cites)


def _is_weak(key: str, atom_count: int) -> bool:
    """Short keys ("o3", "4o") and one-word names need context before they count."""
    if len(key) <= 3:
        return True
    return key.isalpha() and atom_count == 1


def _prefixes(splits: dict[str, frozenset[int]]) -> frozenset[str]:
    """Every key prefix that ends where the key may be split: the exact pass's walk guard."""
    out: set[str] = set()
    for key, points in splits.items():
        out.update(key[:p] for p in points)
    return frozenset(out)


def _fuzzy_worthy(key: str) -> bool:
    """Keys the typo pass compares against: versioned names, not long provider ids."""
    if len(key) > _MAX_FUZZY_KEY or not any(c.isdigit() for c in key):
        return False
    return bool(re.search(r"[a-z]{2}", key))


def _blocks(keys: Iterable[str]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Group keys by (digits, first letter): a typo keeps the version and usually the start."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in keys:
        groups[(names.digits_of(key), key[0])].append(key)
    return {k: tuple(sorted(v)) for k, v in groups.items()}


def _near(vocab: frozenset[str]) -> frozenset[str]:
    """Vocabulary words plus their one-deletion forms, for typo-tolerant word checks."""
    out = set(vocab)
    for word in vocab:
        if len(word) >= 3:
            out.update(names.deletes(word))
    return frozenset(out)
