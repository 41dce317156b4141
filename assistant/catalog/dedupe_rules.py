"""Extra same-model evidence for dedupe.py: shared Hugging Face ids, moving aliases, YYMM codes.

Three rules propose pairs of ids of one lab (the union-find in dedupe.py still refuses
to join two canonical ids and still requires agreeing display names):

- **Hugging Face id**: two ids whose observations name the same Hugging Face repo are
  one checkpoint. A model's HF ids come from stated ``hf_id`` facts (models.dev weights
  links, OpenRouter ``hugging_face_id``), from provider ids that spell a known HF id or
  look like one (``Org/Name`` with capitals and a lab org), and from provider ids equal
  to an OpenRouter slug whose listing names an HF id (aggregators reuse those slugs).
  Quantised / format builds (int4, fp8, awq, gguf, mlx, q4, ...) never pair this way,
  and neither do names with different variant words (sizes, stamps and ``instruct``
  may differ; two different version numbers may not).
- **Moving alias**: an id carrying ``latest`` pairs with the one other model whose
  display-name key equals its own (``latest`` dropped) - only when exactly one exists.
- **Mistral YYMM codes**: a trailing 4-digit ``YYMM`` (``devstral-2512``) is a date stamp
  for the lab mistral only when exactly one undated model has the same display name and
  an id holding every other token (``devstral-2``, ``mistral-medium-3``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from assistant.catalog.link import ORG_LABS
from assistant.catalog.merge import Linked
from assistant.catalog.modelkey import Key

if TYPE_CHECKING:
    from assistant.catalog.dedupe import Info

Pair = tuple[str, str]

QUANTISED = re.compile(
    r"(?:^|[-_ .:/])(?:u?int[248]|fp[48]|fp16|bf16|nvfp4|awq|gptq|gguf|mlx|exl2|"
    r"q[2-8](?:_k(?:_[msl])?|_0|_1)?|[2-8]-?bit|w[48]a(?:8|16))(?:$|[-_ .:/)])",
    re.IGNORECASE,
)
_SIZE = re.compile(r"^(?:[ae]?\d+(?:\.\d+)?[bmkt]|\d+x\d+[bmk]?)$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)*$")
_NEUTRAL = frozenset({"instruct", "it", "latest"})
_YYMM = re.compile(r"^2[3-9](?:0[1-9]|1[0-2])$")
YYMM_LABS = frozenset({"mistral"})


def is_quantised(*texts: str) -> bool:
    """True when any text names a quantised or format build (int4, fp8, gguf, mlx, q4 ...)."""
    return any(QUANTISED.search(t) for t in texts)


def hf_candidates(provider_model_id: str) -> tuple[str, str] | None:
    """The ``org/name`` tail of a provider id (original case, lowercase), or None."""
    text = provider_model_id.strip().split(":", 1)[0]
    parts = [p for p in text.split("/") if p]
    if len(parts) < 2:
        return None
    tail = "/".join(parts[-2:])
    return tail, tail.lower()


def openrouter_hf(linked: Linked) -> dict[str, str]:
    """OpenRouter slug (lowercase, no ``:tag``) -> the lowercase HF id its listing names."""
    out: dict[str, str] = {}
    for obs, _ in linked:
        hf = obs.facts.get("hf_id")
        if obs.route and obs.route.provider_id == "openrouter" and isinstance(hf, str) and hf:
            slug = obs.route.provider_model_id.split(":", 1)[0].lower()
            out.setdefault(slug, hf.lower())
    return out


def hf_ids(linked: Linked) -> dict[str, set[str]]:
    """Each model id's lowercase Hugging Face ids (see the module docstring)."""
    stated: dict[str, set[str]] = defaultdict(set)
    for obs, model_id in linked:
        hf = obs.facts.get("hf_id")
        if isinstance(hf, str) and "/" in hf:
            stated[model_id].add(hf.lower())
    known = set().union(*stated.values()) if stated else set()
    slugs = openrouter_hf(linked)
    out = {m: set(ids) for m, ids in stated.items()}
    for obs, model_id in linked:
        tail = hf_candidates(obs.route.provider_model_id) if obs.route else None
        if tail is None:
            continue
        raw, low = tail
        org = raw.split("/", 1)[0].lower()
        looks_hf = raw != low and org in ORG_LABS
        found = {low} if low in known or looks_hf else set()
        found |= {slugs[low]} if low in slugs else set()
        if found:
            out.setdefault(model_id, set()).update(found)
    return out


def _versions(key: Key) -> set[str]:
    """The version-number tokens of a key."""
    return {t for t in key if _NUMBER.match(t) and len(t) < 4}


def variants_agree(a: Key, b: Key) -> bool:
    """True when two name keys differ only in sizes, stamps and neutral words, and do
    not carry two different version numbers."""
    diff = set(a) ^ set(b)
    extra = {t for t in diff if not (_SIZE.match(t) or t in _NEUTRAL or _NUMBER.match(t))}
    va, vb = _versions(a), _versions(b)
    return not extra and (not va or not vb or va == vb)


def _lab(model_id: str) -> str:
    """The lab part of a model id."""
    return model_id.split("/", 1)[0]


def _order(ids: Iterable[str], infos: dict[str, Info]) -> list[str]:
    """Ids in join order: canonical first, pinned before moving aliases, most routes."""
    return sorted(
        ids, key=lambda m: (not infos[m].canonical, "latest" in infos[m].key, -infos[m].routes, m)
    )


def hf_pairs(infos: dict[str, Info], ids: dict[str, set[str]]) -> list[Pair]:
    """Pairs of one lab sharing a Hugging Face id, neither quantised, variants agreeing."""
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for model_id, hfs in sorted(ids.items()):
        info = infos.get(model_id)
        if info is None or is_quantised(model_id, " ".join(info.name)):
            continue
        for hf in hfs:
            if not is_quantised(hf):
                groups[(_lab(model_id), hf)].add(model_id)
    pairs = []
    for _, members in sorted(groups.items()):
        ordered = _order(members, infos)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if variants_agree(infos[a].name, infos[b].name):
                    pairs.append((a, b))
    return pairs


def latest_pairs(infos: dict[str, Info]) -> list[Pair]:
    """(moving alias, the one model of its lab with the same name key)."""
    by_name: dict[tuple[str, Key], list[str]] = defaultdict(list)
    for m, info in sorted(infos.items()):
        if "latest" not in info.key:
            by_name[(_lab(m), info.name)].append(m)
    pairs = []
    for m, info in sorted(infos.items()):
        if "latest" in info.key:
            name = tuple(t for t in info.name if t != "latest")
            found = by_name.get((_lab(m), name), [])
            if len(found) == 1:
                pairs.append((found[0], m))
    return pairs


def yymm_stamp(model_id: str, key: Key, slug_tokens: list[str]) -> str | None:
    """A trailing YYMM code of a lab whose ids use them, when the key holds it."""
    if _lab(model_id) not in YYMM_LABS or not slug_tokens:
        return None
    last = slug_tokens[-1]
    return last if _YYMM.match(last) and last in key else None


def yymm_pairs(infos: dict[str, Info]) -> list[Pair]:
    """(YYMM-stamped id, the one undated same-name id holding its other tokens)."""
    stamped: dict[tuple[str, Key], list[str]] = defaultdict(list)
    for m, info in sorted(infos.items()):
        if info.yymm:
            stamped[(_lab(m), _drop(info.name, info.yymm))].append(m)
    pairs = []
    for (lab, name), group in sorted(stamped.items()):
        if len(group) != 1:
            continue
        info = infos[group[0]]
        rest = set(_drop(info.key, info.yymm))
        found = [
            m for m, o in sorted(infos.items())
            if _lab(m) == lab and not o.yymm and o.stamp is None and "latest" not in o.key
            and o.name == name and rest <= set(o.key)
        ]  # fmt: skip
        if len(found) == 1:
            pairs.append((group[0], found[0]))
    return pairs


def _drop(key: Key, token: str | None) -> Key:
    """A key without one token."""
    return tuple(t for t in key if t != token)
