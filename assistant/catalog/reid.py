"""Cleaner ids for provider-only models whose clustered id has an awkward shape.

Linking names a provider-only model after one provider's spelling, which can be a
shape nobody types: ``meta/llama3-1-70b-instruct`` for Llama 3.1 70B Instruct,
``anthropic/anthropic--claude-...``, ``ai21/jamba-1-5-large``. When the model's display
name or another provider's id spells the same model (equal key and stamp, see
modelkey.py) with fewer shape faults (dedupe.awkwardness, judged by the lab's own
style), that spelling becomes the id; the old id stays an ``id`` alias. Canonical ids
are never renamed.
"""

from __future__ import annotations

import re
from collections import defaultdict

from assistant.catalog.dedupe import (
    HYPHEN_VERSION,
    Info,
    LabStyle,
    apply_renames,
    awkwardness,
    lab_styles,
    model_infos,
)
from assistant.catalog.display import display_name
from assistant.catalog.link import clean_name
from assistant.catalog.merge import Linked, collect_facts
from assistant.catalog.modelkey import id_key, lab_words
from assistant.catalog.observations import Report


def slugify(name: str) -> str:
    """A display name as an id slug (``Llama 3.1 70B Instruct`` -> ``llama-3.1-70b-instruct``)."""
    text = re.sub(r"[\s_/:]+", "-", name.strip().lower())
    text = re.sub(r"[^a-z0-9.\-]", "", text)
    return re.sub(r"-{2,}", "-", text).strip("-.")


def candidates(linked: Linked) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Per model id: slugs its display name and its provider ids suggest (with versions
    dotted), and the display name's slug."""
    book = collect_facts(linked)
    out: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for obs, model_id in linked:
        provider = obs.route.provider_id if obs.route else None
        raws = [*obs.names, *([obs.route.provider_model_id] if obs.route else [])]
        out[model_id].update(clean_name(raw, provider) for raw in raws)
    for model_id in list(out):
        name = display_name(book, model_id, None)
        if name:
            names[model_id] = slugify(name)
            out[model_id].add(names[model_id])
        out[model_id] |= {HYPHEN_VERSION.sub(_dotted, s) for s in out[model_id]}
    return out, names


def _dotted(match: re.Match[str]) -> str:
    """A hyphen-written version with a dot (``3-5`` -> ``3.5``)."""
    return match.group(0).replace("-", ".")


def _better(model_id: str, info: Info, slugs: set[str], named: str, style: LabStyle) -> str | None:
    """The least awkward slug spelling the same model (the display name's slug first among
    equals), when it beats the current id."""
    lab = model_id.split("/", 1)[0]
    words = lab_words(lab)
    same = [s for s in slugs if s and id_key(s, words) == (info.key, info.stamp)]
    ranked = sorted(same, key=lambda s: (awkwardness(f"{lab}/{s}", style), s != named, len(s), s))
    if ranked and awkwardness(f"{lab}/{ranked[0]}", style) < awkwardness(model_id, style):
        return f"{lab}/{ranked[0]}"
    return None


def rename_map(linked: Linked) -> dict[str, str]:
    """Awkward provider-only id -> its cleaner id (never onto an id already in use)."""
    infos = model_infos(linked)
    styles = lab_styles(list(infos), {m for m, i in infos.items() if i.canonical})
    slugs, names = candidates(linked)
    used = set(infos)
    renames: dict[str, str] = {}
    for model_id, info in sorted(infos.items()):
        if info.canonical or info.own:
            continue  # a canonical id, or the id the lab's own API serves, stays
        style = styles[model_id.split("/", 1)[0]]
        new = _better(model_id, info, slugs[model_id], names.get(model_id, ""), style)
        if new and new not in used:
            renames[model_id] = new
            used.add(new)
    return renames


def reid(linked: Linked, report: Report) -> Linked:
    """Linked observations with awkward provider-only ids replaced (old ids stay aliases)."""
    renames = rename_map(linked)
    report.count("dedupe", "ids renamed", len(renames))
    for old, new in sorted(renames.items()):
        report.note("renamed", old, new)
    return apply_renames(linked, renames)
